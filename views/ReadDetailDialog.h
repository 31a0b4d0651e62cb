// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/map/Tiles.h"
#include "platedesk/search/Query.h"
#include "platedesk/store/Types.h"
#include "platedesk/workstation/Session.h"

#include <wx/dialog.h>

#include <memory>
#include <optional>
#include <vector>

class wxButton;
class wxFlexGridSizer;
class wxListCtrl;
class wxStaticBitmap;
class wxStaticText;

namespace platedesk::views {

class MapView;
class ImageView;

/// One read in detail: the vehicle image (wheel to zoom, drag to pan, double-click to fit), the
/// plate crop, every stored field, the alternative reads, the camera's place among the other
/// cameras (a MapView: on the agency's base map when the opener lends it, else a scale grid;
/// wheel to zoom, drag to pan), what has been recorded about the read
/// (verifications, corrections), and the two actions "I visually verified this read" and "Report
/// a misread". The read, its images and its checks are fetched on a worker through the Session,
/// under the access context of the search that found it (each fetch audited). Windows are named
/// readDetail, readVehicleImage, readPlateCrop, readPlate, readAlternatives, readCameraPlot,
/// readReview, verifyRead, reportMisread. GUI thread only; shown modeless.
class ReadDetailDialog : public wxDialog {
 public:
  ReadDetailDialog(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                   std::shared_ptr<workstation::Session> session, AsyncJobs& jobs, workstation::AccessContext context,
                   search::Hit hit, std::vector<store::Camera> cameras);

  /// True once the read has been fetched and shown.
  [[nodiscard]] bool IsLoaded() const { return mRead.has_value(); }
  [[nodiscard]] const std::optional<store::Read>& ShownRead() const { return mRead; }
  /// The agency's base map under the camera's place (the Search page lends the one it opened).
  void SetBaseMap(std::shared_ptr<map::TileProvider> tiles, const wxString& credit);
  [[nodiscard]] MapView* Place() const { return mPlot; }
  /// "I visually verified this read" (the button does this). Returns whether it was recorded.
  bool MarkVerified();

 private:
  struct Loaded;
  void Populate(Loaded loaded);
  void ShowChecks(const workstation::ReadChecks& checks);
  void ReportMisread();
  void AddField(const wxString& label, const wxString& value, const wxString& name = wxS("readField"));

  std::shared_ptr<workstation::Connection> mWorkstation;
  std::shared_ptr<workstation::Session> mSession;
  AsyncJobs& mJobs;
  workstation::AccessContext mContext;
  search::Hit mHit;
  std::vector<store::Camera> mCameras;
  std::optional<store::Read> mRead;

  ImageView* mVehicle = nullptr;
  wxStaticBitmap* mPlateCrop = nullptr;
  wxStaticText* mPlate = nullptr;
  wxStaticText* mMatch = nullptr;
  wxWindow* mFieldsPanel = nullptr;
  wxFlexGridSizer* mFields = nullptr;
  wxListCtrl* mAlternatives = nullptr;
  MapView* mPlot = nullptr;
  wxStaticText* mReview = nullptr;
  wxButton* mVerify = nullptr;
  wxButton* mReport = nullptr;
};

}  // namespace platedesk::views
