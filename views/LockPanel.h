// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>

#include <functional>

class wxButton;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::workstation {
class Session;
}

namespace platedesk::views {

/// The lock screen: takes the place of the main window's content while the session is locked
/// (idle limit or Lock), so no data stays on screen. Asks for the password and the one-time code
/// (when enrolled) and unlocks through Session::Unlock, which audits and counts failures toward
/// the account lockout; offers "Sign out". Window names for tests: lockPassword, lockOneTimeCode,
/// unlockButton, lockSignOut, lockError, lockReason.
class LockPanel : public wxPanel {
 public:
  /// `session` must outlive every click on the panel (the frame owns both). onUnlocked runs after
  /// a successful unlock, onSignOut when the user chooses to sign out instead.
  LockPanel(wxWindow* parent, workstation::Session& session, std::function<void()> onUnlocked,
            std::function<void()> onSignOut);

  /// Readies the panel to be shown: empty fields, no error, `reason` ("locked after 30 minutes
  /// without activity"), the focus on the password; Unlock stays off when the session has ended.
  void Prepare(const wxString& reason);

 private:
  void OnUnlock();
  void ShowError(const wxString& text);
  void UpdateUnlockState();
  void Relayout();

  workstation::Session& mSession;
  std::function<void()> mOnUnlocked;
  std::function<void()> mOnSignOut;
  wxStaticText* mReason = nullptr;
  wxTextCtrl* mPassword = nullptr;
  wxTextCtrl* mOneTimeCode = nullptr;
  wxButton* mUnlock = nullptr;
  wxWindow* mErrorRow = nullptr;
  wxStaticText* mError = nullptr;
  bool mUnlockPossible = true;  ///< false once the account is locked or the session has ended
};

}  // namespace platedesk::views
