// SPDX-License-Identifier: GPL-3.0-or-later
#include "Traffic.h"

#include <algorithm>
#include <cmath>

namespace platedesk::demo {
namespace {

constexpr std::uint64_t kCommuterStream = 0x436F6D6D75746572ull;  // "Commuter"
constexpr std::uint64_t kCommuteDayStream = 0x436F6D6D446179ull;  // "CommDay"
constexpr std::uint64_t kWindowStream = 0x57696E646F77ull;        // "Window"
// Share of all reads that commuters make, and how often a commuter drives on a weekday.
constexpr double kCommuterShare = 0.2;
constexpr double kCommuteChance = 0.85;
constexpr double kAverageCommuteHops = 2.1;

double NormaliseDeg(double d) {
  d = std::fmod(d, 360.0);
  return d < 0 ? d + 360.0 : d;
}

}  // namespace

Traffic::Traffic(const Catalog& catalog, const CameraPlan& cameras, const Fleet& fleet, const PacificTime& pacific,
                 std::uint64_t seed, UtcMs end, int days, std::int64_t reads)
    : mCatalog(catalog),
      mCameras(cameras),
      mFleet(fleet),
      mPacific(pacific),
      mSeed(seed),
      mStart(end - days * kMsPerDay) {
  // Quotas per window by the traffic curve, largest remainder so they add up exactly.
  std::vector<std::int64_t> weight(static_cast<std::size_t>(days), 0);
  std::int64_t total = 0;
  for (int d = 0; d < days; ++d) {
    const UtcMs ws = mStart + d * kMsPerDay;
    for (int s = 0; s < 24; ++s) weight[static_cast<std::size_t>(d)] += SlotWeight(ws + s * kMsPerHour);
    total += weight[static_cast<std::size_t>(d)];
  }
  mQuota.assign(static_cast<std::size_t>(days), 0);
  std::vector<std::pair<std::int64_t, int>> remainders;
  std::int64_t assigned = 0;
  for (int d = 0; d < days; ++d) {
    // reads * weight can exceed 64 bits only beyond the validated limits (1e8 reads * 1e5).
    const std::int64_t w = weight[static_cast<std::size_t>(d)];
    const std::int64_t q = reads / total * w + (reads % total) * w / total;
    const std::int64_t r = (reads % total) * w % total;
    mQuota[static_cast<std::size_t>(d)] = q;
    assigned += q;
    remainders.emplace_back(-r, d);
  }
  std::sort(remainders.begin(), remainders.end());
  for (std::size_t i = 0; assigned < reads; i = (i + 1) % remainders.size(), ++assigned)
    ++mQuota[static_cast<std::size_t>(remainders[i].second)];

  // Commuters: enough of them to make about a fifth of the reads on weekdays.
  int weekdays = 0;
  for (int d = 0; d < days; ++d)
    if (!PacificTime::IsWeekend(mPacific.LocalDay(mStart + d * kMsPerDay + 12 * kMsPerHour))) ++weekdays;
  if (weekdays > 0 && cameras.HasFixed() && fleet.Size() > 0) {
    const double perCommuter = weekdays * kCommuteChance * 2 * kAverageCommuteHops;
    const auto wanted =
        static_cast<std::size_t>(std::llround(kCommuterShare * static_cast<double>(reads) / perCommuter));
    const std::size_t count = std::min(wanted, fleet.Size() / 5);
    Rng rng(MixSeed({seed, kCommuterStream}));
    for (std::size_t c = 0; c < count; ++c) {
      Commuter commuter;
      commuter.vehicle = static_cast<std::uint32_t>(c);  // fleet order is random already
      std::size_t at = cameras.PickFixed(rng);
      commuter.route[0] = static_cast<std::uint32_t>(at);
      commuter.hops = 1;
      const int wantHops = 1 + (rng.Chance(0.75) ? 1 : 0) + (rng.Chance(0.35) ? 1 : 0);
      while (commuter.hops < wantHops) {
        const auto& near = cameras.Cameras()[at].neighbours;
        if (near.empty()) break;
        const auto next = static_cast<std::size_t>(near[rng.Below(std::min<std::size_t>(3, near.size()))]);
        if (std::find(commuter.route.begin(), commuter.route.begin() + commuter.hops, next) !=
            commuter.route.begin() + commuter.hops)
          break;
        commuter.route[static_cast<std::size_t>(commuter.hops++)] = static_cast<std::uint32_t>(next);
        at = next;
      }
      // Leaves home around 07:45 and work around 17:00, give or take an hour.
      commuter.morning = 7 * kMsPerHour + 45 * kMsPerMinute + static_cast<UtcMs>(rng.Bell() * 70 * kMsPerMinute);
      commuter.evening = 17 * kMsPerHour + static_cast<UtcMs>(rng.Bell() * 75 * kMsPerMinute);
      mCommuters.push_back(commuter);
    }
  }
}

std::int64_t Traffic::SlotWeight(UtcMs slotStart) const {
  const UtcMs mid = slotStart + 30 * kMsPerMinute;
  const auto hour = static_cast<std::size_t>(mPacific.LocalHour(mid));
  return PacificTime::IsWeekend(mPacific.LocalDay(mid)) ? mCatalog.weekendTraffic[hour] : mCatalog.weekdayTraffic[hour];
}

UtcMs Traffic::TravelMs(std::size_t a, std::size_t b, Rng& rng) const {
  // City driving between neighbouring cameras: 25-55 km/h plus a light or two.
  const double km = mCameras.DistanceKm(a, b);
  const double kmh = rng.Uniform(25.0, 55.0);
  return static_cast<UtcMs>(km / kmh * static_cast<double>(kMsPerHour)) + rng.Range(15, 90) * kMsPerSecond;
}

void Traffic::AddCommutes(UtcMs from, UtcMs to, std::vector<Pass>& out) const {
  const std::int64_t firstDay = mPacific.LocalDay(from);
  const std::int64_t lastDay = mPacific.LocalDay(to - 1);
  for (std::int64_t localDay = firstDay; localDay <= lastDay; ++localDay) {
    if (PacificTime::IsWeekend(localDay)) continue;
    for (std::size_t c = 0; c < mCommuters.size(); ++c) {
      const Commuter& commuter = mCommuters[c];
      for (std::uint64_t trip = 0; trip < 2; ++trip) {
        // Seeded by commuter and local day, so a trip is the same whichever window asks for it.
        Rng rng(MixSeed({mSeed, kCommuteDayStream, c, static_cast<std::uint64_t>(localDay), trip}));
        if (!rng.Chance(kCommuteChance)) continue;
        const UtcMs leave = (trip == 0 ? commuter.morning : commuter.evening) +
                            static_cast<UtcMs>(rng.Bell() * 12 * kMsPerMinute) + rng.Range(0, 59999);
        UtcMs at = mPacific.UtcFromLocal(localDay, leave);
        for (int h = 0; h < commuter.hops; ++h) {
          const int idx = trip == 0 ? h : commuter.hops - 1 - h;
          const int nextIdx = trip == 0 ? h + 1 : commuter.hops - 2 - h;
          const int prevIdx = trip == 0 ? h - 1 : commuter.hops - h;
          const std::size_t cam = commuter.route[static_cast<std::size_t>(idx)];
          if (h > 0) at += TravelMs(commuter.route[static_cast<std::size_t>(prevIdx)], cam, rng);
          double heading = -1;
          if (h + 1 < commuter.hops)
            heading = mCameras.BearingDeg(cam, commuter.route[static_cast<std::size_t>(nextIdx)]);
          else if (h > 0)
            heading = mCameras.BearingDeg(commuter.route[static_cast<std::size_t>(prevIdx)], cam);
          if (at >= from && at < to)
            out.push_back({at, commuter.vehicle, static_cast<std::uint32_t>(cam),
                           static_cast<std::int16_t>(heading < 0 ? -1 : static_cast<int>(NormaliseDeg(heading))), 0});
        }
      }
    }
  }
}

void Traffic::AddTrip(Rng& rng, const std::vector<std::int64_t>& slotSums, UtcMs from, UtcMs to, std::int64_t limit,
                      std::vector<Pass>& out) const {
  const auto slot = static_cast<UtcMs>(PickWeighted(slotSums, rng));
  UtcMs at = from + slot * kMsPerHour + static_cast<UtcMs>(rng.Below(kMsPerHour));
  const std::uint32_t vehicle = mFleet.Pick(rng);
  std::size_t cam = mCameras.PickAny(rng);
  const auto& cams = mCameras.Cameras();
  int hops = 1;
  if (cams[cam].kind != store::CameraKind::Mobile) {
    const double u = rng.Uniform();
    hops = u < 0.60 ? 1 : (u < 0.88 ? 2 : 3);
  }
  std::size_t prev = cam;
  for (int h = 0; h < hops && at < to && static_cast<std::int64_t>(out.size()) < limit; ++h) {
    std::size_t next = cam;
    const auto& near = cams[cam].neighbours;
    if (h + 1 < hops && !near.empty()) {
      next = static_cast<std::size_t>(near[rng.Below(std::min<std::size_t>(3, near.size()))]);
      if (next == prev && near.size() > 1)
        next = static_cast<std::size_t>(near[0] == static_cast<int>(prev) ? near[1] : near[0]);
    }
    double heading = -1;
    if (next != cam)
      heading = mCameras.BearingDeg(cam, next);
    else if (h > 0)
      heading = mCameras.BearingDeg(prev, cam);
    out.push_back({at, vehicle, static_cast<std::uint32_t>(cam),
                   static_cast<std::int16_t>(heading < 0 ? -1 : static_cast<int>(NormaliseDeg(heading))), 0});
    if (next == cam) break;
    at += TravelMs(cam, next, rng);
    prev = cam;
    cam = next;
  }
}

std::vector<Pass> Traffic::Window(int day) const {
  const std::int64_t quota = mQuota[static_cast<std::size_t>(day)];
  std::vector<Pass> passes;
  if (quota == 0 || mFleet.Size() == 0) return passes;
  const UtcMs from = mStart + day * kMsPerDay;
  const UtcMs to = from + kMsPerDay;
  Rng rng(MixSeed({mSeed, kWindowStream, static_cast<std::uint64_t>(day)}));
  passes.reserve(static_cast<std::size_t>(quota) + 4);

  AddCommutes(from, to, passes);
  if (static_cast<std::int64_t>(passes.size()) > quota) {
    // A tiny demo (few reads, many commuters' days): keep a random subset of the commutes.
    for (std::size_t i = passes.size() - 1; i > 0; --i) std::swap(passes[i], passes[rng.Below(i + 1)]);
    passes.resize(static_cast<std::size_t>(quota));
  }

  std::vector<std::int64_t> slots(24);
  for (int s = 0; s < 24; ++s) slots[static_cast<std::size_t>(s)] = SlotWeight(from + s * kMsPerHour);
  const auto slotSums = RunningSums(slots);
  while (static_cast<std::int64_t>(passes.size()) < quota) AddTrip(rng, slotSums, from, to, quota, passes);

  for (std::size_t i = 0; i < passes.size(); ++i) passes[i].order = static_cast<std::uint32_t>(i);
  std::sort(passes.begin(), passes.end(),
            [](const Pass& a, const Pass& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; });
  return passes;
}

}  // namespace platedesk::demo
