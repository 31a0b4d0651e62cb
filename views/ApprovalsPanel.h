// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class wxButton;
class wxChoice;
class wxListCtrl;
class wxListEvent;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The "Approvals" page: the approval queue. Supervisors see every request (the ones waiting for a
/// decision first) with why it needs approval, and approve one for a number of hours or deny it
/// with a reason (never their own); everyone else sees their own requests and runs an approved
/// search from here ("Run approved search" opens it on the Search page); auditors read. The list
/// loads on a worker and is audited (audit.review). Windows are named for tests: approvalsState,
/// approvalsRefresh, approvalsList, approvalsDetail, approvalsApprove, approvalsDeny, approvalsRun,
/// approvalsStatus. GUI thread only.
class ApprovalsPanel : public wxPanel {
 public:
  /// `runApproved` is called with an approved search request of the user's own ("Run approved search").
  ApprovalsPanel(wxWindow* parent, std::shared_ptr<workstation::Session> session, AsyncJobs& jobs,
                 std::function<void(const store::SearchApproval&)> runApproved);

  /// Loads the requests in the chosen state (on a worker).
  bool Load();
  [[nodiscard]] bool IsBusy() const { return mBusy; }
  /// The requests shown, in list order.
  [[nodiscard]] const std::vector<store::SearchApproval>& Shown() const { return mShown; }
  /// Selects a row (as a click would) and shows its detail.
  void Select(long row);
  [[nodiscard]] wxString StatusText() const;
  [[nodiscard]] wxString DetailText() const;
  /// Decides the selected request (as the buttons do after their dialog). False, and says why,
  /// when nothing is selected; the outcome shows in the status line.
  bool DecideSelected(bool approve, int hours, const std::string& reason);
  /// "Run approved search" on the selected request.
  bool RunSelected();
  /// The frame calls this when the page is shown (reloads).
  void Activated();

 private:
  void Show();
  void ShowDetail();
  void UpdateButtons();
  void ShowStatus(const wxString& text, bool problem = false);
  [[nodiscard]] const store::SearchApproval* Selected() const;
  void OnApprove();
  void OnDeny();

  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  std::function<void(const store::SearchApproval&)> mRunApproved;
  bool mSupervisor = false;
  bool mBusy = false;
  int mDefaultHours = 24;
  std::vector<store::SearchApproval> mShown;
  long mSelected = -1;
  wxString mDecided;  ///< what the last decision did, shown with the list it reloads

  wxChoice* mState = nullptr;
  wxListCtrl* mList = nullptr;
  wxTextCtrl* mDetail = nullptr;
  wxButton* mApprove = nullptr;
  wxButton* mDeny = nullptr;
  wxButton* mRun = nullptr;
  wxStaticText* mStatus = nullptr;
};

/// "plate=7AB*; limit=100; ..." for a request's query elements (the empty ones left out, but a
/// vehicle-only search says so).
[[nodiscard]] wxString ApprovalQueryText(const store::SearchApproval& approval);

}  // namespace platedesk::views
