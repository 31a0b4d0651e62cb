// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/common/Time.h"
#include "platedesk/search/Query.h"
#include "platedesk/workstation/Session.h"

#include <wx/dialog.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class wxButton;
class wxCheckListBox;
class wxListCtrl;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// Multi-scene search ("which vehicles were at at least m of these places and times?"), as
/// `platedesk-cli scenes`, under the Search page's access context: 2 to 5 scenes (cameras and an
/// ISO time range, local time), how many a vehicle must be seen at, an optional plate pattern. A
/// broad search: it runs only under a supervisor's approval of the exact query, so the first
/// press asks for one (Request approval...), and the approval's number, once granted, runs it.
/// Runs on a worker; the vehicles list plate, scenes and sightings; a double click opens the
/// vehicle's first sighting. Modeless, owned by the Search page. Window names: scenesCameras,
/// scenesFrom, scenesTo, scenesAdd, scenesList, scenesRemove, scenesMin, scenesPlate, scenesApproval,
/// scenesRun, scenesRequest, scenesStatus, scenesResults.
class ScenesDialog : public wxDialog {
 public:
  /// `context` gives the Search page's access context when it is complete; `open` opens a read.
  ScenesDialog(wxWindow* parent, std::shared_ptr<workstation::Session> session, std::vector<store::Camera> cameras,
               const Clock& clock, AsyncJobs& jobs, std::function<std::optional<workstation::AccessContext>()> context,
               std::function<void(const workstation::AccessContext&, const search::Hit&)> open);

  /// Adds the scene the camera list and the two times describe. False, and says why, when no
  /// camera is ticked, a time is not readable, the range is empty, or there are 5 already.
  bool AddScene();
  /// The query the dialog describes. Errors: InvalidArgument saying what is missing.
  [[nodiscard]] Result<search::MultiSceneQuery> BuildQuery() const;
  /// Runs it (under the approval number given, if any). False, and says why, when nothing ran.
  bool Run();
  /// Sends the query refused last for want of approval to the supervisors.
  bool RequestApproval();
  [[nodiscard]] bool IsBusy() const { return mBusy; }
  [[nodiscard]] wxString StatusText() const;
  [[nodiscard]] const std::vector<search::SceneVehicle>& Vehicles() const { return mVehicles; }

 private:
  void ShowStatus(const wxString& text, bool problem = false);
  void ShowScenes();
  void SetBusy(bool busy);

  std::shared_ptr<workstation::Session> mSession;
  std::vector<store::Camera> mCameras;
  AsyncJobs& mJobs;
  std::function<std::optional<workstation::AccessContext>()> mContext;
  std::function<void(const workstation::AccessContext&, const search::Hit&)> mOpen;
  std::vector<search::Scene> mScenes;
  std::vector<search::SceneVehicle> mVehicles;
  std::optional<workstation::AccessContext> mRanUnder;
  std::optional<std::pair<workstation::AccessContext, search::MultiSceneQuery>> mRefused;
  bool mBusy = false;

  wxCheckListBox* mCameraList = nullptr;
  wxTextCtrl* mFrom = nullptr;
  wxTextCtrl* mTo = nullptr;
  wxListCtrl* mSceneList = nullptr;
  wxSpinCtrl* mMin = nullptr;
  wxTextCtrl* mPlate = nullptr;
  wxTextCtrl* mApproval = nullptr;
  wxButton* mRun = nullptr;
  wxButton* mRequest = nullptr;
  wxStaticText* mStatus = nullptr;
  wxListCtrl* mResults = nullptr;
};

}  // namespace platedesk::views
