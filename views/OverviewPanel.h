// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <filesystem>
#include <functional>

class wxButton;
class wxStaticText;
class wxWindow;

namespace platedesk::views {

/// The "Overview" page: counts of the storage (no plate data), the storage itself and the
/// signed-in user. Renders what it is given; the frame fetches the counts (RunAsync) and calls
/// ShowOverview. Value windows are named for tests: overviewReads, overviewCameras, overviewImages,
/// overviewQuarantined, overviewOldest, overviewNewest, overviewPeriod, overviewFolder, overviewSize,
/// overviewSchema, overviewDemo, overviewUsers, overviewUser, overviewUserName, overviewRole,
/// overviewSince, overviewTraining, overviewFollowUp.
class OverviewPanel : public wxPanel {
 public:
  /// onRefresh is called when the user asks for fresh counts.
  OverviewPanel(wxWindow* parent, const workstation::UserInfo& user, UtcMs sessionStarted, const std::string& where,
                std::function<void()> onRefresh);

  /// Shows placeholders while counts are being fetched.
  void ShowLoading();
  /// Shows fresh counts; `fetchedAt` is when they were taken.
  void ShowOverview(const workstation::Overview& overview, UtcMs fetchedAt);
  /// What waits for the signed-in supervisor (correction notices to send, requests to review);
  /// empty hides the note.
  void ShowFollowUp(const wxString& text);
  /// Keeps the last counts and says why they could not be refreshed.
  void ShowError(const wxString& text);
  /// The signed-in user's training: current until when, expired (in the warning colour, with what
  /// to do), or none recorded; `now` decides which.
  void ShowAccount(const workstation::UserSummary& account, UtcMs now);

 private:
  wxStaticText* AddTile(wxWindow* parent, wxSizer* row, const wxString& label, const wxString& name);
  wxStaticText* AddField(wxWindow* parent, wxSizer* grid, const wxString& label, const wxString& name,
                         const wxString& value = wxString());

  std::function<void()> mOnRefresh;
  wxStaticText* mUpdated = nullptr;
  wxButton* mRefresh = nullptr;
  wxWindow* mDemoNote = nullptr;
  wxWindow* mErrorRow = nullptr;
  wxStaticText* mError = nullptr;
  wxStaticText* mReads = nullptr;
  wxStaticText* mCameras = nullptr;
  wxStaticText* mImages = nullptr;
  wxStaticText* mQuarantined = nullptr;
  wxStaticText* mOldest = nullptr;
  wxStaticText* mNewest = nullptr;
  wxStaticText* mPeriod = nullptr;
  wxStaticText* mSize = nullptr;
  wxStaticText* mSchema = nullptr;
  wxStaticText* mDemo = nullptr;
  wxStaticText* mTraining = nullptr;
  wxStaticText* mUsers = nullptr;
  wxStaticText* mCameraHealth = nullptr;
  wxWindow* mOfflineRow = nullptr;
  wxWindow* mFollowUpRow = nullptr;
  wxStaticText* mFollowUp = nullptr;
  wxStaticText* mOffline = nullptr;
};

}  // namespace platedesk::views
