// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/common/Time.h"
#include "platedesk/workstation/Workstation.h"

#include <wx/frame.h>

#include <functional>
#include <memory>

class wxSimplebook;

namespace platedesk::views {

class CasesPanel;
class MainFrame;
class NavigationList;
class OverviewPanel;
class SearchPanel;

/// What the frame asks its composition root to do (the root owns the storage and the login).
struct MainFrameActions {
  /// File > Open storage...: choose another storage folder and sign in there.
  std::function<void(MainFrame&)> openStorage;
  /// File > Sign out: the frame has already ended its session when this is called.
  std::function<void(MainFrame&)> signOut;
};

/// The main window: a navigation list on the left with only the sections that exist (for now
/// "Overview", "Search" and "Cases"), a status bar (user and role, storage folder, read count, time span of reads) and
/// the File/Help menus. Owns the session; keeps the Workstation alive while it exists.
class MainFrame : public wxFrame {
 public:
  /// `session` must come from `workstation`. `clock` and `jobs` belong to the composition root
  /// and outlive every job the frame starts (jobs.JoinAll() runs before the clock goes).
  MainFrame(std::shared_ptr<workstation::Workstation> workstation, std::unique_ptr<workstation::Session> session,
            const Clock& clock, AsyncJobs& jobs, MainFrameActions actions);
  ~MainFrame() override;

  /// Fetches fresh counts on a worker (its own Workstation on the same folder) and shows them.
  void RefreshOverview();
  /// Logs the session out (audited) and drops it: sign out, storage switch, close. Idempotent.
  void EndSession();
  /// True while a session is open.
  [[nodiscard]] bool HasSession() const;
  /// The workstation this frame works on (shared: it must outlive the frame's session).
  [[nodiscard]] std::shared_ptr<workstation::Workstation> SharedWorkstation() const;

 private:
  void BuildMenus();
  void BuildStatusBar();
  void BuildBody();
  void ShowAbout();
  void SetStatusCounts(const workstation::Overview* overview);

  std::shared_ptr<workstation::Workstation> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;  // shared with the workers of the Search page
  const Clock& mClock;
  MainFrameActions mActions;
  NavigationList* mNavigation = nullptr;
  wxSimplebook* mBook = nullptr;
  OverviewPanel* mOverview = nullptr;
  SearchPanel* mSearch = nullptr;
  CasesPanel* mCases = nullptr;
  unsigned mRefreshGeneration = 0;
  AsyncJobs& mJobs;
};

}  // namespace platedesk::views
