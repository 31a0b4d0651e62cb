// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/Preferences.h"
#include "views/support/RunAsync.h"

#include "platedesk/common/Time.h"
#include "platedesk/workstation/Session.h"

#include <wx/frame.h>
#include <wx/timer.h>
#include <wx/weakref.h>

#include <functional>
#include <memory>
#include <vector>

class wxSimplebook;

namespace platedesk::views {

class ActivityMonitor;
class FormDialog;
class LockPanel;
class CasesPanel;
class MainFrame;
class NavigationList;
class OverviewPanel;
class ReleasesPanel;
class ReviewPanel;
class ApprovalsPanel;
class SearchPanel;

/// What the frame asks its composition root to do (the root owns the storage and the login).
struct MainFrameActions {
  /// File > Open storage...: choose another storage folder and sign in there.
  std::function<void(MainFrame&)> openStorage;
  /// File > Connect to Server...: connect to a platedesk-server and sign in there.
  std::function<void(MainFrame&)> connectServer;
  /// File > Sign out: the frame has already ended its session when this is called.
  std::function<void(MainFrame&)> signOut;
  /// Where the views keep their per-user choices.
  Preferences preferences;
};

/// The main window: a navigation list on the left with only the sections that exist ("Overview";
/// "Search" and "Cases" for roles with access to plate data; "Users" for administrators), a status bar (user
/// and role, storage folder, read count, time span of reads) and the File/Account/Help menus. Owns
/// the session; keeps the Workstation alive while it exists. While the session is locked (Account >
/// Lock, or the idle limit: keyboard and mouse input count as activity) the content is replaced by
/// the lock screen (LockPanel).
class MainFrame : public wxFrame {
 public:
  /// `session` must come from `workstation`. `clock` and `jobs` belong to the composition root
  /// and outlive every job the frame starts (jobs.JoinAll() runs before the clock goes).
  MainFrame(std::shared_ptr<workstation::Connection> workstation, std::unique_ptr<workstation::Session> session,
            const Clock& clock, AsyncJobs& jobs, MainFrameActions actions);
  ~MainFrame() override;

  /// Fetches fresh counts on a worker (its own Workstation on the same folder) and shows them.
  void RefreshOverview();
  /// Logs the session out (audited) and drops it: sign out, storage switch, close. Idempotent.
  void EndSession();
  /// True while a session is open.
  [[nodiscard]] bool HasSession() const;
  /// The workstation this frame works on (shared: it must outlive the frame's session).
  [[nodiscard]] std::shared_ptr<workstation::Connection> SharedWorkstation() const;
  /// Locks the session now (audited) and shows the lock screen, as Account > Lock does.
  void LockSession();
  /// True while the lock screen replaces the content.
  [[nodiscard]] bool IsLockShown() const;
  /// Account > Change Password: the form (current password, one-time code when enrolled, the new
  /// one twice) whose OK calls Session::ChangePassword; the caller shows it. nullptr without a session.
  FormDialog* MakeChangePasswordDialog();

 private:
  void BuildMenus();
  void BuildStatusBar();
  void BuildBody();
  void ShowAbout();
  void SetStatusCounts(const workstation::Overview* overview);
  // The session lock (see the class comment).
  void BuildLock();
  void OnUserInput();
  /// The status bar's link field for a server connection (host, version, round trip, or unreachable).
  void ShowLink();
  void CheckLock();
  void ShowLock(const wxString& reason);
  void HideLock();
  void SignOutNow();
  /// The retention purge of an opened folder, on a worker: when the frame opens and daily after
  /// (Connection::PurgeOnSchedule; a server runs its own). A failure goes to the log.
  void RunScheduledPurge();

  std::shared_ptr<workstation::Connection> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;  // shared with the workers of the Search page
  const Clock& mClock;
  MainFrameActions mActions;
  NavigationList* mNavigation = nullptr;
  wxSimplebook* mBook = nullptr;
  OverviewPanel* mOverview = nullptr;
  SearchPanel* mSearch = nullptr;
  CasesPanel* mCases = nullptr;
  ReleasesPanel* mReleases = nullptr;
  ReviewPanel* mReview = nullptr;
  ApprovalsPanel* mApprovals = nullptr;
  unsigned mRefreshGeneration = 0;
  AsyncJobs& mJobs;
  wxWindow* mBody = nullptr;
  LockPanel* mLockPanel = nullptr;
  wxTimer mLockTimer;
  wxTimer mPurgeTimer;
  std::unique_ptr<ActivityMonitor> mActivity;
  UtcMs mActivityReportedAt = 0;  ///< mClock time of the last input passed to Session::RecordActivity
  bool mActivityReportQueued = false;
  std::vector<wxWeakRef<wxWindow>> mHiddenForLock;  ///< this frame's windows hidden by the lock
};

}  // namespace platedesk::views
