// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/dialog.h>

#include <memory>

class wxButton;
class wxCheckBox;
class wxStaticBitmap;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::workstation {
class Session;
class Connection;
}  // namespace platedesk::workstation

namespace platedesk::views {

/// Sign-in: the system-use notice (AC-8) that must be accepted before "Sign in" is enabled,
/// user name, password and the (not yet enrolled) one-time code. Errors appear inline and clear
/// the password and the code. Authenticates on the GUI thread: Argon2id takes ~40 ms and the
/// session must belong to the GUI thread's Workstation (one SQLite connection per thread).
/// When the password was set by an administrator (it works once), the dialog shows two more fields
/// for the new password and signs in with it.
/// Window names for tests: acceptNotice, userName, password, oneTimeCode, newPassword,
/// newPasswordAgain, signIn, loginError.
class LoginDialog : public wxDialog {
 public:
  /// `workstation` must outlive the dialog.
  LoginDialog(wxWindow* parent, workstation::Connection& workstation);
  ~LoginDialog() override;

  /// The session after the dialog closed with wxID_OK; null before, after cancel, or when taken.
  [[nodiscard]] std::unique_ptr<workstation::Session> TakeSession();

 private:
  void BuildLayout();
  void UpdateSignInState();
  void OnSignIn();
  void ShowError(const wxString& text);
  void HideError();

  workstation::Connection& mWorkstation;
  std::unique_ptr<workstation::Session> mSession;
  wxCheckBox* mAccept = nullptr;
  wxTextCtrl* mUser = nullptr;
  wxTextCtrl* mPassword = nullptr;
  wxTextCtrl* mOneTimeCode = nullptr;
  wxWindow* mNewPasswordRow = nullptr;  ///< shown when an administrator's one-time password must be replaced
  wxTextCtrl* mNewPassword = nullptr;
  wxTextCtrl* mNewPasswordAgain = nullptr;
  wxButton* mSignIn = nullptr;
  wxStaticText* mAcceptHint = nullptr;
  wxWindow* mErrorRow = nullptr;
  wxStaticText* mError = nullptr;
};

}  // namespace platedesk::views
