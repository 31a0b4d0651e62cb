// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LoginDialog.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/workstation/Session.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <string>

namespace platedesk::views {
namespace {

constexpr int kTextWidth = 540;               // DIPs: the notice, the form and the notes share this width
constexpr unsigned long kMaxCodeLength = 10;  // TOTP codes are 6-8 digits; a little room for spaces

}  // namespace

LoginDialog::LoginDialog(wxWindow* parent, workstation::Connection& workstation)
    : wxDialog(parent, wxID_ANY, _("Sign in to PlateDesk"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER, wxS("loginDialog")),
      mWorkstation(workstation) {
  SetIcons(AppIcons());
  BuildLayout();
  UpdateSignInState();
  mUser->SetFocus();
}

LoginDialog::~LoginDialog() = default;

std::unique_ptr<workstation::Session> LoginDialog::TakeSession() { return std::move(mSession); }

void LoginDialog::BuildLayout() {
  const int gap = FromDIP(12);
  const int textWidth = FromDIP(kTextWidth);
  auto* top = new wxBoxSizer(wxVERTICAL);

  // Header: who we are and which storage this is.
  auto* header = new wxBoxSizer(wxHORIZONTAL);
  header->Add(new wxStaticBitmap(this, wxID_ANY, Icon("platedesk", 48)), 0, wxALIGN_CENTER_VERTICAL);
  auto* titles = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("PlateDesk"));
  title->SetFont(GetFont().Scaled(1.6f).Bold());
  titles->Add(title);
  auto* folder = new wxStaticText(this, wxID_ANY, wxString::FromUTF8(mWorkstation.Describe()), wxDefaultPosition,
                                  wxDefaultSize, wxST_ELLIPSIZE_MIDDLE);
  folder->SetForegroundColour(MutedColour());
  folder->SetToolTip(wxString::FromUTF8(mWorkstation.Describe()));
  titles->Add(folder, 0, wxEXPAND | wxTOP, FromDIP(2));
  header->Add(titles, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  top->Add(header, 0, wxEXPAND | wxALL, gap);
  top->Add(new wxStaticLine(this), 0, wxEXPAND | wxLEFT | wxRIGHT, gap);

  // The system-use notice.
  auto* noticeHeader = new wxBoxSizer(wxHORIZONTAL);
  noticeHeader->Add(new wxStaticBitmap(this, wxID_ANY, Icon("notice", 20)), 0, wxALIGN_CENTER_VERTICAL);
  auto* noticeTitle = new wxStaticText(this, wxID_ANY, _("System-use notice"));
  noticeTitle->SetFont(GetFont().Bold());
  noticeHeader->Add(noticeTitle, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  top->Add(noticeHeader, 0, wxLEFT | wxRIGHT | wxTOP, gap);

  // Tall enough for the whole notice at the default width: it is meant to be read, not scrolled.
  auto* banner =
      new wxTextCtrl(this, wxID_ANY, ReflowParagraphs(mWorkstation.Banner()), wxDefaultPosition,
                     wxSize(textWidth, GetCharHeight() * 9 + FromDIP(12)),
                     wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP | wxTE_RICH2, wxDefaultValidator, wxS("banner"));
  banner->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
  top->Add(banner, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mAccept = new wxCheckBox(this, wxID_ANY, _("I have read and accept this notice"), wxDefaultPosition, wxDefaultSize, 0,
                           wxDefaultValidator, wxS("acceptNotice"));
  top->Add(mAccept, 0, wxLEFT | wxRIGHT | wxTOP, gap);
  // Why Sign in stays grey: said beside the checkbox until it is ticked.
  mAcceptHint = Muted(this, _("Sign in is available once you have read and accepted the notice above."), textWidth,
                      wxS("acceptHint"));
  top->AddSpacer(FromDIP(4));
  top->Add(mAcceptHint, 0, wxLEFT | wxRIGHT, gap);  // under the checkbox, aligned with it
  top->Add(new wxStaticLine(this), 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // Credentials.
  auto* form = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  form->AddGrowableCol(1, 1);
  auto addLabel = [&](const wxString& text) {
    form->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  };
  addLabel(_("User name:"));
  mUser = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("userName"));
  form->Add(mUser, 1, wxEXPAND);
  addLabel(_("Password:"));
  mPassword = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD,
                             wxDefaultValidator, wxS("password"));
  form->Add(mPassword, 1, wxEXPAND);
  addLabel(_("One-time code:"));
  // Needed once the account has enrolled an authenticator app (TOTP); empty until then.
  mOneTimeCode = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                wxS("oneTimeCode"));
  mOneTimeCode->SetHint(_("6 digits, once enrolled"));
  mOneTimeCode->SetMaxLength(kMaxCodeLength);
  form->Add(mOneTimeCode, 1, wxEXPAND);
  form->AddSpacer(0);
  auto* codeNote = new wxStaticText(this, wxID_ANY,
                                    _("The code from your authenticator app. Multi-factor sign-in starts when "
                                      "your account is enrolled; until then, leave this empty."));
  codeNote->SetForegroundColour(MutedColour());
  codeNote->SetFont(GetFont().Smaller());
  codeNote->Wrap(FromDIP(380));
  form->Add(codeNote, 0, wxEXPAND);
  top->Add(form, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  // Shown when the password was set by an administrator: it works once, to choose a new one.
  mNewPasswordRow = new wxPanel(this);
  auto* newForm = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  newForm->AddGrowableCol(1, 1);
  newForm->Add(new wxStaticText(mNewPasswordRow, wxID_ANY, _("New password:")), 0,
               wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  mNewPassword = new wxTextCtrl(mNewPasswordRow, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD,
                                wxDefaultValidator, wxS("newPassword"));
  newForm->Add(mNewPassword, 1, wxEXPAND);
  newForm->Add(new wxStaticText(mNewPasswordRow, wxID_ANY, _("Repeat it:")), 0,
               wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT);
  mNewPasswordAgain = new wxTextCtrl(mNewPasswordRow, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxTE_PASSWORD, wxDefaultValidator, wxS("newPasswordAgain"));
  newForm->Add(mNewPasswordAgain, 1, wxEXPAND);
  mNewPasswordRow->SetSizer(newForm);
  top->Add(mNewPasswordRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mNewPasswordRow->Hide();

  if (mWorkstation.IsDemo()) {
    const NoteRow demo =
        MakeNoteRow(this, "info", _("Demo storage: MFA is optional here; demo accounts are listed in the README"),
                    textWidth - FromDIP(kNoteIndent), wxS("demoNote"));
    top->Add(demo.row, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  }

  const NoteRow error = MakeNoteRow(this, "error", wxString(), textWidth - FromDIP(kNoteIndent), wxS("loginError"));
  mErrorRow = error.row;
  mError = error.label;
  mError->SetForegroundColour(ErrorColour());
  top->Add(mErrorRow, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  mErrorRow->Hide();

  // Buttons, in the platform's order.
  auto* buttons = new wxStdDialogButtonSizer();
  mSignIn = new wxButton(this, wxID_OK, _("&Sign in"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("signIn"));
  mSignIn->SetDefault();
  buttons->AddButton(mSignIn);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("&Cancel")));
  buttons->Realize();
  top->Add(buttons, 0, wxEXPAND | wxALL, gap);

  SetSizerAndFit(top);
  SetMinSize(GetSize());
  CentreOnParent();

  mAccept->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { UpdateSignInState(); });
  mUser->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateSignInState(); });
  mPassword->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateSignInState(); });
  Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { OnSignIn(); }, wxID_OK);
}

void LoginDialog::UpdateSignInState() {
  const bool ready =
      mAccept->GetValue() && !mUser->GetValue().Strip(wxString::both).empty() && !mPassword->GetValue().empty();
  mSignIn->Enable(ready);
  mSignIn->SetToolTip(mAccept->GetValue() ? wxString() : _("Accept the system-use notice first"));
  if (mAcceptHint->IsShown() == mAccept->GetValue()) {
    mAcceptHint->Show(!mAccept->GetValue());
    Layout();
  }
}

void LoginDialog::OnSignIn() {
  UpdateSignInState();
  if (!mSignIn->IsEnabled()) {
    return;  // Enter pressed in a field before the notice was accepted
  }
  workstation::LoginRequest request;
  request.user = FromWx(mUser->GetValue().Strip(wxString::both));
  request.password = FromWx(mPassword->GetValue());
  wxString code = mOneTimeCode->GetValue();
  code.Replace(wxS(" "), wxString());  // "123 456" as some apps show it
  request.totp = FromWx(code);
  request.bannerAccepted = mAccept->GetValue();
  request.kind = "gui";
  if (mNewPasswordRow->IsShown()) {
    if (mNewPassword->GetValue() != mNewPasswordAgain->GetValue()) {
      ShowError(_("The two new passwords differ. Type the same new password twice."));
      mNewPassword->SetFocus();
      return;
    }
    request.newPassword = FromWx(mNewPassword->GetValue());
  }
  Result<std::unique_ptr<workstation::Session>> session = [&] {
    wxBusyCursor busy;
    return mWorkstation.Login(request);
  }();
  std::fill(request.password.begin(), request.password.end(), '\0');
  std::fill(request.newPassword.begin(), request.newPassword.end(), '\0');
  if (!session && session.Err().detail == ErrorDetail::PasswordChangeNeeded) {
    // The password was right and no code was spent: keep them, ask for the new password.
    LogError(session.Err(), Activity::SignIn);
    mNewPasswordRow->Show();
    ShowError(ErrorText(session.Err(), Activity::SignIn));
    mNewPassword->SetFocus();
    return;
  }
  // A one-time code is spent whether or not the sign-in worked; the password is typed again.
  mOneTimeCode->Clear();
  mPassword->Clear();
  mNewPassword->Clear();
  mNewPasswordAgain->Clear();
  if (!session) {
    LogError(session.Err(), Activity::SignIn);
    ShowError(ErrorText(session.Err(), Activity::SignIn));
    mPassword->SetFocus();
    return;
  }
  mSession = std::move(session).Value();
  HideError();
  SetReturnCode(wxID_OK);
  EndDialog(wxID_OK);
}

void LoginDialog::ShowError(const wxString& text) {
  ShowNote(NoteRow{mErrorRow, mError}, text, FromDIP(kTextWidth - kNoteIndent));
  Layout();
  GetSizer()->SetSizeHints(this);
  wxBell();
}

void LoginDialog::HideError() {
  mErrorRow->Hide();
  Layout();
}

}  // namespace platedesk::views
