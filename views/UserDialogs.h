// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Types.h"

#include <wx/dialog.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxCheckBox;
class wxChoice;
class wxDatePickerCtrl;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// What the account dialog collects.
struct AccountForm {
  std::string name;
  std::string displayName;
  store::Role role = store::Role::Detective;
  std::string password;
};

/// Adds a user (name, display name, role, password typed twice) or, with a user name given,
/// sets a new password for that user. OK calls `apply`; its error (the password policy's rule, a
/// name already taken) appears inline and the dialog stays open, so nothing typed but the
/// passwords is lost. Window names for tests: accountName, accountDisplayName, accountRole,
/// accountPassword, accountPasswordAgain, accountError, accountOk.
class AccountDialog : public wxDialog {
 public:
  using Apply = std::function<Status(const AccountForm&)>;
  /// `resetFor` empty: a new account; else a new password for that user.
  AccountDialog(wxWindow* parent, const std::string& resetFor, Apply apply);

  /// What was saved (after wxID_OK).
  [[nodiscard]] const AccountForm& Saved() const { return mSaved; }

 private:
  void OnOk();
  void ShowError(const wxString& text);
  void UpdateOkState();

  std::string mResetFor;
  Apply mApply;
  AccountForm mSaved;
  wxTextCtrl* mName = nullptr;
  wxTextCtrl* mDisplayName = nullptr;
  wxChoice* mRole = nullptr;
  wxTextCtrl* mPassword = nullptr;
  wxTextCtrl* mPasswordAgain = nullptr;
  wxStaticText* mError = nullptr;
  wxButton* mOk = nullptr;
};

/// Records a user's training: the completion date and the certification's expiry (by default one
/// year later, the annual refresher). Dates are calendar days (UTC), as `platedesk-cli user
/// set-training` takes them. Window names: trainingCompleted, trainingCustomExpiry,
/// trainingExpires, trainingError.
class TrainingDialog : public wxDialog {
 public:
  using Apply = std::function<Status(UtcMs completed, std::optional<UtcMs> expires)>;
  /// `completed`/`expires`: the dates on record, if any; `today` starts the completion date.
  TrainingDialog(wxWindow* parent, const std::string& userName, std::optional<UtcMs> completed,
                 std::optional<UtcMs> expires, UtcMs today, Apply apply);

 private:
  void OnOk();
  void UpdateExpiry();

  Apply mApply;
  wxDatePickerCtrl* mCompleted = nullptr;
  wxCheckBox* mCustomExpiry = nullptr;
  wxDatePickerCtrl* mExpires = nullptr;
  wxStaticText* mError = nullptr;
};

/// The roles in the order the GUI lists them.
[[nodiscard]] const std::vector<store::Role>& RolesInOrder();

}  // namespace platedesk::views
