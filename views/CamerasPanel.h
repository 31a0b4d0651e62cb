// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <optional>
#include <string>
#include <vector>

class wxButton;
class wxCheckBox;
class wxListCtrl;
class wxStaticText;

namespace platedesk::views {

class FormDialog;

/// The administrator's "Cameras" page: the camera register (external id, name, kind, in service
/// or retired, health as the storage server heard it in the last 24 hours, where it stands and
/// since when) and the selected camera's location history. Add, Rename, Move, Kind and Retire
/// open small forms; each is a Session::ChangeCamera call (checked and audited in core). Window
/// names for tests: camerasList, camerasHistory, camerasAdd, camerasRename, camerasMove,
/// camerasKind, camerasRetire, camerasRefresh, camerasRetired, camerasMessage. GUI thread only.
class CamerasPanel : public wxPanel {
 public:
  /// `session` (an administrator's) and `clock` must outlive the panel; the frame owns all three.
  CamerasPanel(wxWindow* parent, workstation::Session& session, const Clock& clock);

  /// Reads the register and the health again (keeps the selection when the camera is still listed).
  void Reload();
  /// Selects a camera's row by external id; false when it is not listed.
  bool SelectCamera(const std::string& externalId);
  /// The cameras listed, in their order (retired ones only with "Show retired").
  [[nodiscard]] const std::vector<store::Camera>& Listed() const { return mListed; }
  /// The form for an action on the selected camera (Add needs none); nullptr, and says why,
  /// when the action needs a selection and there is none. The caller shows it.
  FormDialog* MakeDialog(workstation::CameraChange::Action action);
  /// Applies a change (as the forms do), reloads and reports it.
  Status Apply(const workstation::CameraChange& change);

 private:
  void Show();
  void ShowHistory();
  void UpdateButtons();
  void ShowMessage(const wxString& text, bool problem);
  [[nodiscard]] const store::Camera* Selected() const;

  workstation::Session& mSession;
  const Clock& mClock;
  std::vector<store::Camera> mCameras;
  std::vector<store::Camera> mListed;
  std::vector<store::CameraHealth> mHealth;
  wxListCtrl* mList = nullptr;
  wxListCtrl* mHistory = nullptr;
  wxCheckBox* mRetired = nullptr;
  wxButton* mRename = nullptr;
  wxButton* mMove = nullptr;
  wxButton* mKind = nullptr;
  wxButton* mRetire = nullptr;
  wxStaticText* mMessage = nullptr;
};

}  // namespace platedesk::views
