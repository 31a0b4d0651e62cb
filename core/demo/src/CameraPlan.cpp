// SPDX-License-Identifier: GPL-3.0-or-later
#include "CameraPlan.h"

#include "Fleet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace platedesk::demo {
namespace {

constexpr std::uint64_t kCameraStream = 0x43616D657261ull;  // "Camera"
// Seattle is at about 47.6 N: km per degree of latitude, and of longitude (111.32 * cos 47.6).
constexpr double kKmPerDegLat = 110.57;
constexpr double kKmPerDegLon = 75.06;
constexpr double kPatrolKmPerHour = 22.0;
constexpr double kPi = 3.14159265358979323846;

double RoundTo(double v, double step) { return std::round(v / step) * step; }

// Times here are after 1970 (the options are validated), so integer division floors.
UtcMs FloorTo(UtcMs t, UtcMs step) { return t / step * step; }

UtcMs Within(UtcMs start, UtcMs period, double fraction) {
  return start + static_cast<UtcMs>(static_cast<double>(period) * fraction);
}

std::string CameraId(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "demo-cam-%03d", index + 1);
  return buf;
}

std::string Address(const std::string& place) { return place + ", Seattle, WA"; }

}  // namespace

double CameraPlan::DistanceKm(LatLon a, LatLon b) {
  const double dx = (b.longitude - a.longitude) * kKmPerDegLon;
  const double dy = (b.latitude - a.latitude) * kKmPerDegLat;
  return std::sqrt(dx * dx + dy * dy);
}

double CameraPlan::BearingDeg(LatLon a, LatLon b) {
  const double dx = (b.longitude - a.longitude) * kKmPerDegLon;
  const double dy = (b.latitude - a.latitude) * kKmPerDegLat;
  if (dx == 0 && dy == 0) return 0;
  double deg = std::atan2(dx, dy) * 180.0 / kPi;
  if (deg < 0) deg += 360.0;
  return deg;
}

CameraPlan::CameraPlan(const Catalog& catalog, std::uint64_t seed, int count, UtcMs start, UtcMs end)
    : mCatalog(catalog), mStart(start) {
  Rng rng(MixSeed({seed, kCameraStream}));
  const UtcMs period = end - start;
  const int mobile = count >= 10 ? count / 10 : 0;
  const int portable = count >= 8 ? std::max(1, count / 13) : 0;
  const int fixed = count - mobile - portable;

  auto site = [&](const Site& s) { return LatLon{s.latitude, s.longitude}; };
  // Installed some time before the period (whole minutes).
  auto installedAt = [&]() {
    return FloorTo(start - kMsPerDay * rng.Range(20, 900) - rng.Range(0, 1439) * kMsPerMinute, kMsPerMinute);
  };

  for (int i = 0; i < count; ++i) {
    PlannedCamera cam;
    cam.externalId = CameraId(i);
    cam.reportsSeparators = rng.Chance(0.2);
    if (i < fixed) {
      const auto sites = catalog.sites.size();
      const Site& s = catalog.sites[static_cast<std::size_t>(i) % sites];
      const int copy = static_cast<int>(static_cast<std::size_t>(i) / sites);
      cam.kind = store::CameraKind::Fixed;
      cam.name = copy == 0 ? s.name : s.name + " (camera " + std::to_string(copy + 1) + ")";
      LatLon where = site(s);
      if (copy > 0) {  // another pole near the same corner, up to ~90 m away
        where.latitude = RoundTo(where.latitude + rng.Uniform(-0.0008, 0.0008), 1e-6);
        where.longitude = RoundTo(where.longitude + rng.Uniform(-0.0011, 0.0011), 1e-6);
      }
      cam.axisDeg = s.axisDeg;
      cam.weight = s.weight;
      cam.locations.push_back({where.latitude, where.longitude, Address(cam.name), installedAt(), std::nullopt});
      // Every twelfth fixed camera is remounted across the street once during the period.
      if (i % 12 == 5) {
        const UtcMs at = FloorTo(Within(start, period, rng.Uniform(0.3, 0.7)), kMsPerMinute);
        cam.locations.back().to = at;
        cam.locations.push_back({RoundTo(where.latitude + 0.00045, 1e-6), RoundTo(where.longitude - 0.0004, 1e-6),
                                 Address(cam.name + " (remounted across the street)"), at, std::nullopt});
      }
    } else if (i < fixed + portable) {
      const int k = i - fixed;
      const auto& sites = catalog.portableSites;
      cam.kind = store::CameraKind::Portable;
      cam.name = "Portable trailer P" + std::to_string(k + 1);
      cam.weight = 1;
      std::size_t at = (static_cast<std::size_t>(k) * 3) % sites.size();
      cam.locations.push_back(
          {sites[at].latitude, sites[at].longitude, Address(sites[at].name), installedAt(), std::nullopt});
      // Moved once or twice during the period, on the hour, to another spot.
      const int moves = 1 + (rng.Chance(0.5) ? 1 : 0);
      for (int m = 1; m <= moves; ++m) {
        const double f = (static_cast<double>(m) + rng.Uniform(-0.25, 0.25)) / (moves + 1);
        const UtcMs when = FloorTo(Within(start, period, f), kMsPerHour);
        if (when <= cam.locations.back().from) continue;
        at = (at + 1 + rng.Below(sites.size() - 1)) % sites.size();
        cam.locations.back().to = when;
        cam.locations.push_back({sites[at].latitude, sites[at].longitude, Address(sites[at].name), when, std::nullopt});
      }
    } else {
      const int k = i - fixed - portable;
      const std::size_t r = static_cast<std::size_t>(k) % catalog.patrolRoutes.size();
      const auto& route = catalog.patrolRoutes[r];
      cam.kind = store::CameraKind::Mobile;
      cam.name = "Patrol car " + route.unitPrefix + "-" + std::to_string(11 + k) + " (" + route.precinct + ")";
      cam.route = static_cast<int>(r);
      cam.weight = 2;
      // The car's home base: the precinct where the route starts.
      cam.locations.push_back(
          {route.points[0].latitude, route.points[0].longitude, Address(route.precinct), installedAt(), std::nullopt});
      cam.routePhaseKm = rng.Uniform(0, 30);
    }
    mCameras.push_back(std::move(cam));
  }

  // Patrol loops: running length at each waypoint, closed back to the first.
  for (const auto& route : catalog.patrolRoutes) {
    std::vector<double> km{0.0};
    for (std::size_t p = 1; p <= route.points.size(); ++p)
      km.push_back(km.back() + DistanceKm(route.points[p - 1], route.points[p % route.points.size()]));
    mRouteKm.push_back(std::move(km));
  }

  std::vector<std::int64_t> any, fixedWeights;
  for (std::size_t i = 0; i < mCameras.size(); ++i) {
    any.push_back(mCameras[i].weight);
    if (mCameras[i].kind == store::CameraKind::Fixed) {
      mFixedIndex.push_back(i);
      fixedWeights.push_back(mCameras[i].weight);
    }
  }
  mAnySums = RunningSums(any);
  mFixedSums = RunningSums(fixedWeights);

  // Neighbours: the nearest fixed cameras (by first location) of every non-mobile camera.
  for (std::size_t i = 0; i < mCameras.size(); ++i) {
    if (mCameras[i].kind == store::CameraKind::Mobile) continue;
    std::vector<std::pair<double, std::size_t>> near;
    for (std::size_t j : mFixedIndex)
      if (j != i) near.emplace_back(DistanceKm(i, j), j);
    const std::size_t keep = std::min<std::size_t>(4, near.size());
    std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(keep), near.end());
    for (std::size_t k = 0; k < keep; ++k) mCameras[i].neighbours.push_back(static_cast<int>(near[k].second));
  }
}

std::size_t CameraPlan::PickAny(Rng& rng) const { return PickWeighted(mAnySums, rng); }

std::size_t CameraPlan::PickFixed(Rng& rng) const { return mFixedIndex[PickWeighted(mFixedSums, rng)]; }

double CameraPlan::DistanceKm(std::size_t a, std::size_t b) const {
  const auto& la = mCameras[a].locations.front();
  const auto& lb = mCameras[b].locations.front();
  return DistanceKm(LatLon{la.latitude, la.longitude}, LatLon{lb.latitude, lb.longitude});
}

double CameraPlan::BearingDeg(std::size_t a, std::size_t b) const {
  const auto& la = mCameras[a].locations.front();
  const auto& lb = mCameras[b].locations.front();
  return BearingDeg(LatLon{la.latitude, la.longitude}, LatLon{lb.latitude, lb.longitude});
}

LatLon CameraPlan::PositionAt(std::size_t camera, UtcMs t, double* headingDeg) const {
  const PlannedCamera& cam = mCameras[camera];
  if (cam.route < 0) {
    const store::CameraLocation* where = &cam.locations.front();
    for (const auto& loc : cam.locations)
      if (loc.from <= t) where = &loc;
    if (headingDeg != nullptr) *headingDeg = cam.axisDeg;
    return {where->latitude, where->longitude};
  }
  const auto& route = mCatalog.patrolRoutes[static_cast<std::size_t>(cam.route)];
  const auto& km = mRouteKm[static_cast<std::size_t>(cam.route)];
  const double loop = km.back();
  const double driven = cam.routePhaseKm + static_cast<double>(t - mStart) / kMsPerHour * kPatrolKmPerHour;
  const double s = loop > 0 ? driven - std::floor(driven / loop) * loop : 0;
  std::size_t seg = 0;
  while (seg + 2 < km.size() && km[seg + 1] <= s) ++seg;
  const LatLon a = route.points[seg];
  const LatLon b = route.points[(seg + 1) % route.points.size()];
  const double len = km[seg + 1] - km[seg];
  const double f = len > 0 ? std::clamp((s - km[seg]) / len, 0.0, 1.0) : 0.0;
  if (headingDeg != nullptr) *headingDeg = BearingDeg(a, b);
  return {a.latitude + (b.latitude - a.latitude) * f, a.longitude + (b.longitude - a.longitude) * f};
}

}  // namespace platedesk::demo
