// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/UserDialogs.h"

#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>
#include <utility>

namespace platedesk::views {
namespace {

constexpr int kErrorWidth = 380;  // DIPs

wxStaticText* AddErrorLine(wxWindow* parent, wxSizer* sizer, const wxString& name, int border) {
  auto* error = new wxStaticText(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, name);
  error->SetForegroundColour(ErrorColour());
  error->Hide();
  sizer->Add(error, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, border);
  return error;
}

void ShowErrorLine(wxDialog* dialog, wxStaticText* error, const wxString& text) {
  error->SetLabel(text);
  error->Wrap(dialog->FromDIP(kErrorWidth));
  error->Show();
  dialog->GetSizer()->SetSizeHints(dialog);
  dialog->Layout();
  wxBell();
}

void Wipe(std::string& secret) { std::fill(secret.begin(), secret.end(), '\0'); }

// A UTC calendar day as the date pickers show it (they work in local dates at midnight).
wxDateTime PickerDate(UtcMs day) {
  const wxDateTime utc(static_cast<wxLongLong>(day));
  return wxDateTime(static_cast<wxDateTime::wxDateTime_t>(utc.GetDay(wxDateTime::UTC)), utc.GetMonth(wxDateTime::UTC),
                    utc.GetYear(wxDateTime::UTC));
}

UtcMs DayOf(const wxDateTime& picked) {
  return UtcFromCivil(picked.GetYear(), static_cast<int>(picked.GetMonth()) + 1, picked.GetDay());
}

}  // namespace

const std::vector<store::Role>& RolesInOrder() {
  static const std::vector<store::Role> kRoles = {store::Role::Detective, store::Role::Supervisor,
                                                  store::Role::Administrator, store::Role::Auditor};
  return kRoles;
}

// --- AccountDialog --------------------------------------------------------------------------------

AccountDialog::AccountDialog(wxWindow* parent, const std::string& resetFor, Apply apply)
    : wxDialog(parent, wxID_ANY,
               resetFor.empty() ? _("Add User") : wxString::Format(_("New Password for %s"), ToWx(resetFor)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE, wxS("accountDialog")),
      mResetFor(resetFor),
      mApply(std::move(apply)) {
  const int gap = FromDIP(12);
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* form = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  form->AddGrowableCol(1, 1);
  auto addLabel = [&](const wxString& text) {
    form->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  };
  const wxSize fieldSize(FromDIP(260), -1);
  if (mResetFor.empty()) {
    addLabel(_("User name:"));
    mName = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, fieldSize, 0, wxDefaultValidator,
                           wxS("accountName"));
    mName->SetHint(_("letters, digits, . _ -"));
    form->Add(mName, 1, wxEXPAND);
    addLabel(_("Display name:"));
    mDisplayName = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, fieldSize, 0, wxDefaultValidator,
                                  wxS("accountDisplayName"));
    form->Add(mDisplayName, 1, wxEXPAND);
    addLabel(_("Role:"));
    mRole = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                         wxS("accountRole"));
    for (const store::Role role : RolesInOrder()) {
      mRole->Append(RoleText(role));
    }
    mRole->SetSelection(0);
    form->Add(mRole, 1, wxEXPAND);
  }
  addLabel(_("Password:"));
  mPassword = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, fieldSize, wxTE_PASSWORD,
                             wxDefaultValidator, wxS("accountPassword"));
  form->Add(mPassword, 1, wxEXPAND);
  addLabel(_("Password again:"));
  mPasswordAgain = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, fieldSize, wxTE_PASSWORD,
                                  wxDefaultValidator, wxS("accountPasswordAgain"));
  form->Add(mPasswordAgain, 1, wxEXPAND);
  form->AddSpacer(0);
  auto* rules = new wxStaticText(this, wxID_ANY,
                                 _("At least 8 characters; a passphrase with spaces is welcome. Common passwords "
                                   "and the user name are refused."));
  rules->SetForegroundColour(MutedColour());
  rules->SetFont(GetFont().Smaller());
  rules->Wrap(FromDIP(260));
  form->Add(rules, 0, wxEXPAND);
  top->Add(form, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mError = AddErrorLine(this, top, wxS("accountError"), gap);

  auto* buttons = new wxStdDialogButtonSizer();
  mOk = new wxButton(this, wxID_OK, mResetFor.empty() ? _("&Add User") : _("&Set Password"), wxDefaultPosition,
                     wxDefaultSize, 0, wxDefaultValidator, wxS("accountOk"));
  mOk->SetDefault();
  buttons->AddButton(mOk);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, gap);
  SetSizerAndFit(top);
  CentreOnParent();

  for (wxTextCtrl* field : {mName, mPassword, mPasswordAgain}) {
    if (field != nullptr) {
      field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateOkState(); });
    }
  }
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { OnOk(); }, wxID_OK);
  UpdateOkState();
  (mName != nullptr ? mName : mPassword)->SetFocus();
}

void AccountDialog::UpdateOkState() {
  const bool named = mName == nullptr || !mName->GetValue().Strip(wxString::both).empty();
  mOk->Enable(named && !mPassword->GetValue().empty() && !mPasswordAgain->GetValue().empty());
}

void AccountDialog::OnOk() {
  UpdateOkState();
  if (!mOk->IsEnabled()) {
    return;
  }
  AccountForm form;
  form.name = mName != nullptr ? FromWx(mName->GetValue().Strip(wxString::both)) : mResetFor;
  if (mDisplayName != nullptr) {
    form.displayName = FromWx(mDisplayName->GetValue().Strip(wxString::both));
  }
  if (mRole != nullptr) {
    form.role = RolesInOrder()[static_cast<std::size_t>(std::max(0, mRole->GetSelection()))];
  }
  if (mPassword->GetValue() != mPasswordAgain->GetValue()) {
    mPasswordAgain->Clear();
    mPasswordAgain->SetFocus();
    ShowError(_("The two passwords are not the same. Type the password again."));
    return;
  }
  form.password = FromWx(mPassword->GetValue());
  const Status saved = [&] {
    wxBusyCursor busy;  // Argon2id
    return mApply(form);
  }();
  Wipe(form.password);
  mPassword->Clear();
  mPasswordAgain->Clear();
  if (!saved) {
    LogError(saved.Err(), Activity::ManageUsers);
    ShowError(ErrorText(saved.Err(), Activity::ManageUsers));
    (saved.Err().code == ErrorCode::AlreadyExists && mName != nullptr ? mName : mPassword)->SetFocus();
    return;
  }
  mSaved = std::move(form);
  EndModal(wxID_OK);
}

void AccountDialog::ShowError(const wxString& text) { ShowErrorLine(this, mError, text); }

// --- TrainingDialog -------------------------------------------------------------------------------

TrainingDialog::TrainingDialog(wxWindow* parent, const std::string& userName, std::optional<UtcMs> completed,
                               std::optional<UtcMs> expires, UtcMs today, Apply apply)
    : wxDialog(parent, wxID_ANY, wxString::Format(_("Training of %s"), ToWx(userName)), wxDefaultPosition,
               wxDefaultSize, wxDEFAULT_DIALOG_STYLE, wxS("trainingDialog")),
      mApply(std::move(apply)) {
  const int gap = FromDIP(12);
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* intro = new wxStaticText(this, wxID_ANY,
                                 _("Without current training a user can sign in but cannot reach plate data. "
                                   "The certification lasts one year unless another expiry is set."));
  intro->Wrap(FromDIP(kErrorWidth));
  top->Add(intro, 0, wxALL, gap);
  auto* form = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  form->Add(new wxStaticText(this, wxID_ANY, _("Training completed on:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  mCompleted =
      new wxDatePickerCtrl(this, wxID_ANY, PickerDate(completed.value_or(today)), wxDefaultPosition, wxDefaultSize,
                           wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, wxS("trainingCompleted"));
  form->Add(mCompleted);
  mCustomExpiry = new wxCheckBox(this, wxID_ANY, _("Certification expires on:"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, wxS("trainingCustomExpiry"));
  form->Add(mCustomExpiry, 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  const bool custom = completed && expires && *expires != *completed + 365 * kMsPerDay;
  mExpires =
      new wxDatePickerCtrl(this, wxID_ANY, PickerDate(expires.value_or(today + 365 * kMsPerDay)), wxDefaultPosition,
                           wxDefaultSize, wxDP_DROPDOWN | wxDP_SHOWCENTURY, wxDefaultValidator, wxS("trainingExpires"));
  mCustomExpiry->SetValue(custom);
  form->Add(mExpires);
  top->Add(form, 0, wxLEFT | wxRIGHT, gap);
  mError = AddErrorLine(this, top, wxS("trainingError"), gap);
  auto* buttons = new wxStdDialogButtonSizer();
  auto* ok = new wxButton(this, wxID_OK, _("&Save"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("trainingOk"));
  ok->SetDefault();
  buttons->AddButton(ok);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, gap);
  SetSizerAndFit(top);
  CentreOnParent();

  mCompleted->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { UpdateExpiry(); });
  mCustomExpiry->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { UpdateExpiry(); });
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { OnOk(); }, wxID_OK);
  UpdateExpiry();
}

void TrainingDialog::UpdateExpiry() {
  // Without a date of its own, the expiry follows the completion date: one year later.
  mExpires->Enable(mCustomExpiry->GetValue());
  if (!mCustomExpiry->GetValue()) {
    mExpires->SetValue(PickerDate(DayOf(mCompleted->GetValue()) + 365 * kMsPerDay));
  }
}

void TrainingDialog::OnOk() {
  const UtcMs completed = DayOf(mCompleted->GetValue());
  std::optional<UtcMs> expires;
  if (mCustomExpiry->GetValue()) {
    expires = DayOf(mExpires->GetValue());
  }
  if (const Status saved = mApply(completed, expires); !saved) {
    LogError(saved.Err(), Activity::ManageUsers);
    ShowErrorLine(this, mError, ErrorText(saved.Err(), Activity::ManageUsers));
    return;
  }
  EndModal(wxID_OK);
}

}  // namespace platedesk::views
