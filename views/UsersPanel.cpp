// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/UsersPanel.h"

#include "views/TotpDialog.h"
#include "views/UserDialogs.h"
#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Prompts.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/evidence/Package.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/clipbrd.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wrapsizer.h>

#include <algorithm>
#include <utility>

namespace platedesk::views {

namespace {

enum Column : long {
  kColName,
  kColDisplayName,
  kColRole,
  kColDisabled,
  kColLocked,
  kColAuthenticator,
  kColTrained,
  kColExpires,
  kColumnCount,
};

wxString Day(UtcMs t) { return ToWx(FormatDate(t)); }

}  // namespace

/// The accounts as a virtual list (the panel owns the rows), with the cells that keep a user
/// from plate data or from signing in ("none", "expired", locked) in the warning colour.
class UsersList : public wxListCtrl {
 public:
  UsersList(wxWindow* parent, const std::vector<workstation::UserSummary>& users, const Clock& clock)
      : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                   wxLC_REPORT | wxLC_VIRTUAL | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator, wxS("usersList")),
        mUsers(users),
        mClock(clock) {
    const std::pair<wxString, int> columns[kColumnCount] = {
        {_("User name"), 110}, {_("Display name"), 210},  {_("Role"), 100},    {_("Disabled"), 75},
        {_("Locked"), 70},     {_("Authenticator"), 110}, {_("Trained"), 100}, {_("Certified until"), 170},
    };
    for (long i = 0; i < kColumnCount; ++i) {
      AppendColumn(columns[i].first, wxLIST_FORMAT_LEFT, FromDIP(columns[i].second));
    }
    // GTK's list draws attributes per row only, so a cell that needs attention also gets the
    // warning icon; where cells can have their own colour (MSW), it is in the warning colour too.
    wxVector<wxBitmapBundle> images;
    images.push_back(Icon("error", 16));
    SetSmallImages(images);
    mWarning.SetTextColour(ErrorColour());
  }

  void Update() {
    SetItemCount(static_cast<long>(mUsers.size()));
    Refresh();
  }

  [[nodiscard]] bool Expired(const workstation::UserSummary& user) const {
    return user.trainingExpires && *user.trainingExpires <= mClock.Now();
  }

  [[nodiscard]] bool Warns(const workstation::UserSummary& user, long column) const {
    switch (column) {
      case kColLocked:
        return user.locked;
      case kColAuthenticator:
        return !user.totpEnrolled;
      case kColTrained:
        return !user.trainingCompleted;
      case kColExpires:
        return !user.trainingExpires || Expired(user);
      default:
        return false;
    }
  }

  [[nodiscard]] wxString Cell(const workstation::UserSummary& user, long column) const {
    switch (column) {
      case kColName:
        return ToWx(user.name);
      case kColDisplayName:
        return ToWx(user.displayName);
      case kColRole:
        return RoleText(user.role);
      case kColDisabled:
        return user.disabled ? _("Disabled") : wxString();
      case kColLocked:
        return user.locked ? _("Locked") : wxString();
      case kColAuthenticator:
        if (user.totpPending) {
          return _("Waiting for first code");  // counts once the user signs in with a code from it
        }
        return user.totpEnrolled ? _("Enrolled") : _("none");
      case kColTrained:
        return user.trainingCompleted ? Day(*user.trainingCompleted) : _("none");
      case kColExpires:
        if (!user.trainingExpires) {
          return _("none");
        }
        return Expired(user) ? wxString::Format(_("expired %s"), Day(*user.trainingExpires))
                             : Day(*user.trainingExpires);
      default:
        return wxString();
    }
  }

 protected:
  wxString OnGetItemText(long item, long column) const override {
    return item >= 0 && static_cast<std::size_t>(item) < mUsers.size() ? Cell(mUsers[item], column) : wxString();
  }

  int OnGetItemImage(long item) const override { return OnGetItemColumnImage(item, kColName); }

  int OnGetItemColumnImage(long item, long column) const override {
    return item >= 0 && static_cast<std::size_t>(item) < mUsers.size() && Warns(mUsers[item], column) ? 0 : -1;
  }

  wxItemAttr* OnGetItemColumnAttr(long item, long column) const override {
    if (item >= 0 && static_cast<std::size_t>(item) < mUsers.size() && Warns(mUsers[item], column)) {
      return &mWarning;
    }
    return nullptr;
  }

 private:
  const std::vector<workstation::UserSummary>& mUsers;
  const Clock& mClock;
  mutable wxItemAttr mWarning;
};

UsersPanel::UsersPanel(wxWindow* parent, workstation::Session& session, const Clock& clock)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("usersPanel")),
      mSession(session),
      mClock(clock) {
  BuildLayout();
  Reload();
  LoadAuditKey();
}

UsersPanel::~UsersPanel() = default;

void UsersPanel::BuildLayout() {
  const int gap = FromDIP(16);
  auto* top = new wxBoxSizer(wxVERTICAL);

  auto* header = new wxBoxSizer(wxHORIZONTAL);
  header->Add(new wxStaticBitmap(this, wxID_ANY, Icon("users", 32)), 0, wxALIGN_CENTER_VERTICAL);
  auto* titles = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Users"));
  title->SetFont(GetFont().Scaled(1.4f).Bold());
  titles->Add(title);
  auto* subtitle = new wxStaticText(this, wxID_ANY,
                                    _("Accounts, roles, training and sign-in factors. Every change is recorded in "
                                      "the audit log."));
  subtitle->SetForegroundColour(MutedColour());
  titles->Add(subtitle, 0, wxTOP, FromDIP(2));
  header->Add(titles, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(10));
  top->Add(header, 0, wxEXPAND | wxALL, gap);

  // Actions on the selected user (Add and Refresh need none).
  auto* actions = new wxWrapSizer(wxHORIZONTAL);
  auto addButton = [&](const wxString& label, const wxString& name, const char* icon, void (UsersPanel::*handler)()) {
    auto* button = new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
    if (icon != nullptr) {
      button->SetBitmap(Icon(icon, 16));
    }
    button->Bind(wxEVT_BUTTON, [this, handler](wxCommandEvent&) { (this->*handler)(); });
    actions->Add(button, 0, wxRIGHT | wxBOTTOM, FromDIP(6));
    return button;
  };
  addButton(_("&Add User..."), wxS("usersAdd"), "user", &UsersPanel::OnAdd);
  mRole = addButton(_("Change &Role..."), wxS("usersRole"), nullptr, &UsersPanel::OnChangeRole);
  mDisable = addButton(_("&Disable"), wxS("usersDisable"), nullptr, &UsersPanel::OnToggleDisabled);
  mUnlock = addButton(_("U&nlock"), wxS("usersUnlock"), "lock", &UsersPanel::OnUnlock);
  mPassword = addButton(_("New &Password..."), wxS("usersPassword"), nullptr, &UsersPanel::OnResetPassword);
  mTraining = addButton(_("&Training..."), wxS("usersTraining"), "clock", &UsersPanel::OnTraining);
  mTotp = addButton(_("&Enrol Authenticator..."), wxS("usersTotp"), "key", &UsersPanel::OnEnrolTotp);
  addButton(_("Re&fresh"), wxS("usersRefresh"), "refresh", &UsersPanel::Reload);
  top->Add(actions, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

  mList = new UsersList(this, mUsers, mClock);
  top->Add(mList, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mMessage = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("usersMessage"));
  top->Add(mMessage, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // The audit log's verifier key: what auditors check checkpoints and exports against.
  top->Add(new wxStaticLine(this), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  auto* keyHeader = new wxBoxSizer(wxHORIZONTAL);
  keyHeader->Add(new wxStaticBitmap(this, wxID_ANY, Icon("key", 20)), 0, wxALIGN_CENTER_VERTICAL);
  auto* keyTitle = new wxStaticText(this, wxID_ANY, _("Audit log verifier key"));
  keyTitle->SetFont(GetFont().Bold());
  keyHeader->Add(keyTitle, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  top->Add(keyHeader, 0, wxLEFT | wxRIGHT | wxTOP, gap);
  auto* keyNote = new wxStaticText(this, wxID_ANY,
                                   _("Checkpoints and exported audit logs are signed with this key. Give it to "
                                     "auditors, and compare the fingerprint when you do."));
  keyNote->SetForegroundColour(MutedColour());
  top->Add(keyNote, 0, wxLEFT | wxRIGHT, gap);
  top->AddSpacer(FromDIP(8));
  auto* keyRow = new wxBoxSizer(wxHORIZONTAL);
  mAuditKey = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_READONLY,
                             wxDefaultValidator, wxS("auditKey"));
  mAuditKey->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE)));
  keyRow->Add(mAuditKey, 1, wxALIGN_CENTER_VERTICAL);
  auto* copy = new wxButton(this, wxID_ANY, _("&Copy Key"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("auditKeyCopy"));
  keyRow->Add(copy, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  top->Add(keyRow, 0, wxEXPAND | wxLEFT | wxRIGHT, gap);
  top->AddSpacer(FromDIP(8));
  mFingerprint =
      new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("auditKeyFingerprint"));
  top->Add(mFingerprint, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, gap);
  SetSizer(top);

  // Accounts change elsewhere too (failed sign-ins lock them, the CLI edits them): read them
  // again whenever the page comes into view.
  Bind(wxEVT_SHOW, [this](wxShowEvent& event) {
    if (event.IsShown()) {
      Reload();
    }
    event.Skip();
  });
  mList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { UpdateButtons(); });
  mList->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { UpdateButtons(); });
  mList->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { OnTraining(); });
  copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (!mAuditKey->GetValue().empty() && wxTheClipboard->Open()) {
      wxTheClipboard->SetData(new wxTextDataObject(mAuditKey->GetValue()));
      wxTheClipboard->Close();
      ShowMessage(_("The verifier key is on the clipboard."), false);
    }
  });
}

wxString UsersPanel::KeyFingerprint(const std::string& verifierKey) {
  // The same fingerprint evidence packages, their reports and `platedesk-cli export|verify` print,
  // so an auditor compares one string everywhere.
  Result<std::string> fingerprint = evidence::KeyFingerprint(verifierKey);
  return fingerprint ? ToWx(*fingerprint) : wxString();
}

void UsersPanel::LoadAuditKey() {
  Result<std::string> key = mSession.AuditPublicKey();
  if (!key) {
    LogError(key.Err(), Activity::General);
    mFingerprint->SetLabel(ErrorText(key.Err()));
    return;
  }
  mAuditKey->ChangeValue(ToWx(*key));
  // "<name>+<key id>+<key>": the key id is what every checkpoint's signature line carries.
  wxString keyId;
  const std::size_t first = key->find('+');
  const std::size_t second = first == std::string::npos ? std::string::npos : key->find('+', first + 1);
  if (second != std::string::npos) {
    keyId = ToWx(key->substr(first + 1, second - first - 1));
  }
  mFingerprint->SetLabel(wxString::Format(_("Key ID %s"), keyId) + wxS(" \u00b7 ") +
                         wxString::Format(_("fingerprint %s"), KeyFingerprint(*key)));
}

void UsersPanel::Reload() {
  const std::optional<std::string> keep = SelectedUser();
  Result<std::vector<workstation::UserSummary>> users = mSession.Users();
  if (!users) {
    LogError(users.Err(), Activity::ManageUsers);
    ShowMessage(ErrorText(users.Err(), Activity::ManageUsers), true);
    return;
  }
  mUsers = std::move(users).Value();
  std::sort(mUsers.begin(), mUsers.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  mList->Update();
  if (!keep || !SelectUser(*keep)) {
    UpdateButtons();
  }
}

bool UsersPanel::SelectUser(const std::string& name) {
  for (std::size_t i = 0; i < mUsers.size(); ++i) {
    if (mUsers[i].name == name) {
      const long row = static_cast<long>(i);
      mList->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      mList->EnsureVisible(row);
      UpdateButtons();
      return true;
    }
  }
  return false;
}

const workstation::UserSummary* UsersPanel::Selected() const {
  const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  return row >= 0 && static_cast<std::size_t>(row) < mUsers.size() ? &mUsers[static_cast<std::size_t>(row)] : nullptr;
}

std::optional<std::string> UsersPanel::SelectedUser() const {
  const workstation::UserSummary* user = Selected();
  return user != nullptr ? std::optional<std::string>(user->name) : std::nullopt;
}

void UsersPanel::UpdateButtons() {
  const workstation::UserSummary* user = Selected();
  for (wxButton* button : {mRole, mDisable, mPassword, mTraining, mTotp}) {
    button->Enable(user != nullptr);
  }
  mUnlock->Enable(user != nullptr && user->locked);
  mDisable->SetLabel(user != nullptr && user->disabled ? _("&Enable") : _("&Disable"));
  Layout();
}

void UsersPanel::ShowMessage(const wxString& text, bool problem) {
  mMessage->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mMessage->SetLabel(text);
  mMessage->Wrap(GetClientSize().x - FromDIP(32));
  Layout();
}

bool UsersPanel::Report(const Status& status, const wxString& done) {
  if (!status) {
    LogError(status.Err(), Activity::ManageUsers);
    ShowMessage(ErrorText(status.Err(), Activity::ManageUsers), true);
    return false;
  }
  ShowMessage(done, false);
  Reload();
  return true;
}

void UsersPanel::OnAdd() {
  AccountDialog dialog(this, std::string(), [this](const AccountForm& form) {
    return mSession.AddUser(form.name, form.role, form.password, form.displayName);
  });
  if (dialog.ShowModal() != wxID_OK) {
    return;
  }
  const std::string name = dialog.Saved().name;
  ShowMessage(wxString::Format(_("%s was added as %s. Record their training and enrol an authenticator next."),
                               ToWx(name), RoleText(dialog.Saved().role)),
              false);
  Reload();
  SelectUser(name);
}

void UsersPanel::OnChangeRole() {
  const workstation::UserSummary* user = Selected();
  if (user == nullptr) {
    return;
  }
  const std::string name = user->name;
  wxArrayString labels;
  int current = 0;
  for (std::size_t i = 0; i < RolesInOrder().size(); ++i) {
    labels.Add(RoleText(RolesInOrder()[i]));
    if (RolesInOrder()[i] == user->role) {
      current = static_cast<int>(i);
    }
  }
  wxSingleChoiceDialog dialog(this, wxString::Format(_("Role of %s:"), ToWx(name)), _("Change Role"), labels);
  dialog.SetName(wxS("roleDialog"));
  dialog.SetSelection(current);
  if (dialog.ShowModal() != wxID_OK || dialog.GetSelection() == current) {
    return;
  }
  const store::Role role = RolesInOrder()[static_cast<std::size_t>(dialog.GetSelection())];
  Report(mSession.SetRole(name, role), wxString::Format(_("%s is now %s."), ToWx(name), RoleText(role)));
}

void UsersPanel::OnToggleDisabled() {
  const workstation::UserSummary* user = Selected();
  if (user == nullptr) {
    return;
  }
  const std::string name = user->name;
  const bool disable = !user->disabled;
  if (disable &&
      !Confirm(this, _("Disable Account"), wxString::Format(_("Disable the account of %s?"), ToWx(name)),
               _("They cannot sign in until the account is enabled again; their audit trail stays."), _("&Disable"))) {
    return;
  }
  Report(
      mSession.SetDisabled(name, disable),
      wxString::Format(disable ? _("The account of %s is disabled.") : _("The account of %s is enabled."), ToWx(name)));
}

void UsersPanel::OnUnlock() {
  const workstation::UserSummary* user = Selected();
  if (user == nullptr) {
    return;
  }
  const std::string name = user->name;
  Report(mSession.UnlockUser(name), wxString::Format(_("The account of %s is unlocked."), ToWx(name)));
}

void UsersPanel::OnResetPassword() {
  const workstation::UserSummary* user = Selected();
  if (user == nullptr) {
    return;
  }
  const std::string name = user->name;
  AccountDialog dialog(this, name,
                       [this](const AccountForm& form) { return mSession.ResetPassword(form.name, form.password); });
  if (dialog.ShowModal() == wxID_OK) {
    ShowMessage(wxString::Format(_("%s has a new password. Give it to them in person."), ToWx(name)), false);
    Reload();
  }
}

void UsersPanel::OnTraining() {
  const workstation::UserSummary* user = Selected();
  if (user == nullptr) {
    return;
  }
  const std::string name = user->name;
  TrainingDialog dialog(this, name, user->trainingCompleted, user->trainingExpires, mClock.Now(),
                        [this, name](UtcMs completed, std::optional<UtcMs> expires) {
                          return mSession.SetTraining(name, completed, expires);
                        });
  if (dialog.ShowModal() == wxID_OK) {
    ShowMessage(wxString::Format(_("Training of %s recorded."), ToWx(name)), false);
    Reload();
  }
}

void UsersPanel::OnEnrolTotp() {
  const workstation::UserSummary* user = Selected();
  if (user == nullptr) {
    return;
  }
  const std::string name = user->name;
  if (EnrolTotpInteractively(this, mSession, name, name == mSession.User().name)) {
    ShowMessage(wxString::Format(_("%s has a new authenticator enrolment."), ToWx(name)), false);
    Reload();
  }
}

}  // namespace platedesk::views
