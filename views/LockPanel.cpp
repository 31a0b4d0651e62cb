// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LockPanel.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/workstation/Session.h"

#include <wx/button.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>
#include <string>
#include <utility>

namespace platedesk::views {
namespace {

constexpr int kCardWidth = 460;               // DIPs
constexpr unsigned long kMaxCodeLength = 10;  // as on the sign-in dialog

}  // namespace

LockPanel::LockPanel(wxWindow* parent, workstation::Session& session, std::function<void()> onUnlocked,
                     std::function<void()> onSignOut)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("lockPanel")),
      mSession(session),
      mOnUnlocked(std::move(onUnlocked)),
      mOnSignOut(std::move(onSignOut)) {
  SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
  const int gap = FromDIP(12);
  const int width = FromDIP(kCardWidth);

  // A card in the middle of the window: who is signed in, why it is locked, the password.
  auto* card = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL | wxBORDER_THEME);
  card->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  auto* column = new wxBoxSizer(wxVERTICAL);
  column->Add(new wxStaticBitmap(card, wxID_ANY, Icon("lock", 48)), 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, 2 * gap);
  auto* title = new wxStaticText(card, wxID_ANY, _("Session locked"));
  title->SetFont(GetFont().Scaled(1.5f).Bold());
  column->Add(title, 0, wxALIGN_CENTER_HORIZONTAL | wxTOP, gap);

  const workstation::UserInfo& user = mSession.User();
  const wxString shown = ToWx(user.displayName.empty() ? user.name : user.displayName);
  auto* who = new wxStaticText(card, wxID_ANY,
                               wxString::Format(_("Signed in as %s"), shown) + wxS(" \u00b7 ") + RoleText(user.role),
                               wxDefaultPosition, wxDefaultSize, wxALIGN_CENTER_HORIZONTAL, wxS("lockUser"));
  who->SetToolTip(ToWx(user.name));
  column->Add(who, 0, wxALIGN_CENTER_HORIZONTAL | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
  mReason = new wxStaticText(card, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxALIGN_CENTER_HORIZONTAL,
                             wxS("lockReason"));
  mReason->SetForegroundColour(MutedColour());
  column->Add(mReason, 0, wxALIGN_CENTER_HORIZONTAL | wxLEFT | wxRIGHT | wxTOP, FromDIP(4));

  auto* form = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  form->AddGrowableCol(1, 1);
  form->Add(new wxStaticText(card, wxID_ANY, _("Password:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  mPassword = new wxTextCtrl(card, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxTE_PASSWORD | wxTE_PROCESS_ENTER, wxDefaultValidator, wxS("lockPassword"));
  form->Add(mPassword, 1, wxEXPAND);
  form->Add(new wxStaticText(card, wxID_ANY, _("One-time code:")), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  mOneTimeCode = new wxTextCtrl(card, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                                wxDefaultValidator, wxS("lockOneTimeCode"));
  mOneTimeCode->SetHint(_("6 digits, once enrolled"));
  mOneTimeCode->SetMaxLength(kMaxCodeLength);
  form->Add(mOneTimeCode, 1, wxEXPAND);
  column->Add(form, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 2 * gap);

  mErrorRow = new wxPanel(card);
  auto* errorSizer = new wxBoxSizer(wxHORIZONTAL);
  errorSizer->Add(new wxStaticBitmap(mErrorRow, wxID_ANY, Icon("error", 16)), 0, wxALIGN_TOP | wxTOP, FromDIP(1));
  mError = new wxStaticText(mErrorRow, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("lockError"));
  mError->SetForegroundColour(ErrorColour());
  errorSizer->Add(mError, 1, wxLEFT, FromDIP(6));
  mErrorRow->SetSizer(errorSizer);
  mErrorRow->Hide();
  column->Add(mErrorRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, 2 * gap);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* signOut = new wxButton(card, wxID_ANY, _("Sign &Out"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               wxS("lockSignOut"));
  signOut->SetBitmap(Icon("sign-out", 16));
  buttons->Add(signOut);
  buttons->AddStretchSpacer();
  mUnlock = new wxButton(card, wxID_ANY, _("&Unlock"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("unlockButton"));
  mUnlock->SetBitmap(Icon("lock", 16));
  buttons->Add(mUnlock);
  column->Add(buttons, 0, wxEXPAND | wxALL, 2 * gap);
  column->SetMinSize(wxSize(width, -1));
  card->SetSizer(column);

  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->AddStretchSpacer(1);
  outer->Add(card, 0, wxALIGN_CENTER_HORIZONTAL);
  outer->AddStretchSpacer(2);
  SetSizer(outer);

  mPassword->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateUnlockState(); });
  mPassword->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { OnUnlock(); });
  mOneTimeCode->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { OnUnlock(); });
  mUnlock->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnUnlock(); });
  signOut->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (mOnSignOut) {
      mOnSignOut();
    }
  });
  UpdateUnlockState();
}

void LockPanel::Prepare(const wxString& reason) {
  mUnlockPossible = !mSession.HasEnded();  // an ended session (12 hours) only offers Sign out
  mPassword->Clear();
  mOneTimeCode->Clear();
  mReason->SetLabel(reason);
  mErrorRow->Hide();
  UpdateUnlockState();
  Relayout();
  mPassword->SetFocus();
}

void LockPanel::UpdateUnlockState() { mUnlock->Enable(mUnlockPossible && !mPassword->GetValue().empty()); }

void LockPanel::OnUnlock() {
  UpdateUnlockState();
  if (!mUnlock->IsEnabled()) {
    return;  // Enter pressed with an empty password
  }
  std::string password = FromWx(mPassword->GetValue());
  wxString code = mOneTimeCode->GetValue();
  code.Replace(wxS(" "), wxString());
  const Status unlocked = [&] {
    wxBusyCursor busy;  // Argon2id: ~40 ms
    return mSession.Unlock(password, FromWx(code));
  }();
  std::fill(password.begin(), password.end(), '\0');
  mPassword->Clear();
  mOneTimeCode->Clear();  // a code is spent whether or not it worked
  if (unlocked) {
    mErrorRow->Hide();
    if (mOnUnlocked) {
      mOnUnlocked();
    }
    return;
  }
  LogError(unlocked.Err(), Activity::Unlock);
  if (mSession.HasEnded()) {
    // The password was right but the session has passed its 12 hours (or was ended): only a
    // new sign-in helps.
    mUnlockPossible = false;
    ShowError(_("This session has ended (a session lasts at most 12 hours). Sign out and sign in again."));
  } else {
    if (unlocked.Err().code == ErrorCode::Locked || unlocked.Err().code == ErrorCode::PermissionDenied ||
        unlocked.Err().detail == ErrorDetail::AccountNowLocked) {
      mUnlockPossible = false;  // the account itself is locked or disabled now
    }
    ShowError(ErrorText(unlocked.Err(), Activity::Unlock));
  }
  UpdateUnlockState();
  mPassword->SetFocus();
}

void LockPanel::Relayout() {
  // The card is sized by its own sizer; it grows or shrinks with the error row.
  wxWindow* card = mErrorRow->GetParent();
  card->InvalidateBestSize();
  card->Layout();
  Layout();
}

void LockPanel::ShowError(const wxString& text) {
  mError->SetLabel(text);
  mError->Wrap(FromDIP(kCardWidth - 48));
  mErrorRow->Show();
  Relayout();
  wxBell();
}

}  // namespace platedesk::views
