// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Catalog.h"
#include "Random.h"

#include "platedesk/store/Types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace platedesk::demo {

/// A demo camera as planned, before and after it is created in the storage.
struct PlannedCamera {
  std::string externalId;
  std::string name;
  store::CameraKind kind = store::CameraKind::Fixed;
  std::vector<store::CameraLocation> locations;  ///< oldest first; all but the last are closed
  double axisDeg = 0;                            ///< street direction (fixed cameras)
  int weight = 1;                                ///< relative number of passes
  bool reportsSeparators = false;                ///< sends "ABC 1234" rather than "ABC1234"
  int route = -1;                                ///< patrol route (mobile cameras)
  double routePhaseKm = 0;                       ///< where on its loop the car is at the period's start
  std::vector<int> neighbours;                   ///< nearest fixed cameras, closest first
  store::CameraId id = 0;                        ///< set once created in the storage
};

/// The demo's cameras: fixed ones at street corners and highway ramps, portable trailers that
/// are moved once or twice during the period, patrol cars driving precinct loops, and a few fixed
/// cameras remounted once. Immutable after construction apart from the storage ids.
class CameraPlan {
 public:
  CameraPlan(const Catalog& catalog, std::uint64_t seed, int count, UtcMs start, UtcMs end);

  [[nodiscard]] std::vector<PlannedCamera>& Cameras() { return mCameras; }
  [[nodiscard]] const std::vector<PlannedCamera>& Cameras() const { return mCameras; }
  /// A camera drawn by its traffic weight.
  [[nodiscard]] std::size_t PickAny(Rng& rng) const;
  /// A fixed camera drawn by its traffic weight; requires HasFixed().
  [[nodiscard]] std::size_t PickFixed(Rng& rng) const;
  [[nodiscard]] bool HasFixed() const { return !mFixedIndex.empty(); }
  /// Where a camera is at time t and, for patrol cars, the heading of the car.
  [[nodiscard]] LatLon PositionAt(std::size_t camera, UtcMs t, double* headingDeg = nullptr) const;
  /// Kilometres between the cameras' first locations.
  [[nodiscard]] double DistanceKm(std::size_t a, std::size_t b) const;
  /// Compass bearing (0 = north) from camera a to camera b.
  [[nodiscard]] double BearingDeg(std::size_t a, std::size_t b) const;

  [[nodiscard]] static double DistanceKm(LatLon a, LatLon b);
  [[nodiscard]] static double BearingDeg(LatLon a, LatLon b);

 private:
  const Catalog& mCatalog;
  UtcMs mStart;
  std::vector<PlannedCamera> mCameras;
  std::vector<std::int64_t> mAnySums;
  std::vector<std::int64_t> mFixedSums;
  std::vector<std::size_t> mFixedIndex;
  std::vector<std::vector<double>> mRouteKm;  // per route: running length at each waypoint, loop closed
};

}  // namespace platedesk::demo
