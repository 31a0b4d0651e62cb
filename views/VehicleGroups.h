// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/search/Query.h"
#include "platedesk/store/Types.h"

#include <wx/listctrl.h>
#include <wx/window.h>

#include <map>
#include <string>
#include <vector>

namespace platedesk::views {

/// One vehicle in a result list: the reads whose best plate and state are the same, oldest first.
struct VehicleGroup {
  std::string plate;
  std::string state;  ///< "" = unknown
  std::vector<search::Hit> sightings;
  [[nodiscard]] UtcMs FirstSeen() const { return sightings.front().capturedAt; }
  [[nodiscard]] UtcMs LastSeen() const { return sightings.back().capturedAt; }
  [[nodiscard]] std::size_t Cameras() const;
};

/// The hits grouped by vehicle (best plate and state): most sightings first, then the most recently
/// seen, then the plate. Each group's sightings are in time order.
[[nodiscard]] std::vector<VehicleGroup> GroupByVehicle(const std::vector<search::Hit>& hits);

/// The result list by vehicle: plate, state, sightings, first and last seen (local time with the
/// zone), cameras. GUI thread only.
class VehicleGroupsList : public wxListCtrl {
 public:
  explicit VehicleGroupsList(wxWindow* parent, const wxString& name = wxS("searchVehicles"));
  void SetGroups(std::vector<VehicleGroup> groups);
  [[nodiscard]] const std::vector<VehicleGroup>& Groups() const { return mGroups; }
  /// The group shown in `row`, or nullptr.
  [[nodiscard]] const VehicleGroup* GroupAt(long row) const;

 private:
  std::vector<VehicleGroup> mGroups;
};

/// One vehicle's sightings on a time line: a lane per camera, a mark per read at its time, the
/// first and last times (local, with the zone) under the line. A click on a mark calls the
/// handler with that read (the page opens it, with its own audit record). GUI thread only.
class SightingsTimeline : public wxWindow {
 public:
  SightingsTimeline(wxWindow* parent, std::map<store::CameraId, wxString> cameraNames,
                    const wxString& name = wxS("searchTimeline"));
  void SetGroup(const VehicleGroup* group);
  void SetOnOpen(std::function<void(const search::Hit&)> open) { mOpen = std::move(open); }
  /// Where the mark of sighting i is drawn (client coordinates), for tests and hit-testing.
  [[nodiscard]] wxPoint MarkAt(std::size_t i) const;
  [[nodiscard]] std::size_t MarkCount() const { return mSightings.size(); }

 private:
  void OnPaint();
  [[nodiscard]] int LaneOf(store::CameraId camera) const;
  [[nodiscard]] int LabelWidth() const;

  std::map<store::CameraId, wxString> mCameraNames;
  std::vector<search::Hit> mSightings;
  std::vector<store::CameraId> mLanes;
  std::function<void(const search::Hit&)> mOpen;
};

}  // namespace platedesk::views
