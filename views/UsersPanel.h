// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

class UsersList;

/// The administrator's "Users" page: every account (name, display name, role, disabled, locked,
/// authenticator, training completed and expiry, with "none" and "expired" highlighted), the
/// actions on them (add, change role, disable/enable, unlock, new password, training dates,
/// authenticator enrolment with a QR code), and the audit log's verifier key with its
/// fingerprint. Every action is a Session call (checked and audited in core); errors go through
/// ErrorText. Window names for tests: usersList, usersAdd, usersRole, usersDisable, usersUnlock,
/// usersPassword, usersTraining, usersTotp, usersRefresh, usersMessage, auditKey,
/// auditKeyFingerprint.
class UsersPanel : public wxPanel {
 public:
  /// `session` (an administrator's) and `clock` must outlive the panel; the frame owns all three.
  UsersPanel(wxWindow* parent, workstation::Session& session, const Clock& clock);
  ~UsersPanel() override;

  /// Reads the accounts again (keeps the selection when the user is still there).
  void Reload();
  /// Selects a user's row; false when there is none.
  bool SelectUser(const std::string& name);
  /// The selected user's name.
  [[nodiscard]] std::optional<std::string> SelectedUser() const;

  /// "SHA256:ab12 cd34 ..." of the verifier key text (what `sha256sum` prints for it).
  [[nodiscard]] static wxString KeyFingerprint(const std::string& verifierKey);

 private:
  void BuildLayout();
  void LoadAuditKey();
  void UpdateButtons();
  void ShowMessage(const wxString& text, bool problem);
  // Runs a Session call for the selected user and reports it; true when it worked.
  bool Report(const Status& status, const wxString& done);
  [[nodiscard]] const workstation::UserSummary* Selected() const;

  void OnAdd();
  void OnChangeRole();
  void OnToggleDisabled();
  void OnUnlock();
  void OnResetPassword();
  void OnTraining();
  void OnEnrolTotp();

  workstation::Session& mSession;
  const Clock& mClock;
  std::vector<workstation::UserSummary> mUsers;
  UsersList* mList = nullptr;
  wxButton* mRole = nullptr;
  wxButton* mDisable = nullptr;
  wxButton* mUnlock = nullptr;
  wxButton* mPassword = nullptr;
  wxButton* mTraining = nullptr;
  wxButton* mTotp = nullptr;
  wxStaticText* mMessage = nullptr;
  wxTextCtrl* mAuditKey = nullptr;
  wxStaticText* mFingerprint = nullptr;
};

}  // namespace platedesk::views
