// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CameraPlan.h"
#include "Catalog.h"
#include "Fleet.h"
#include "PacificTime.h"

#include <array>
#include <cstdint>
#include <vector>

namespace platedesk::demo {

/// One vehicle passing one camera: what becomes one read.
struct Pass {
  UtcMs at = 0;
  std::uint32_t vehicle = 0;
  std::uint32_t camera = 0;
  std::int16_t headingDeg = -1;  ///< travel direction when known from the trip, else -1
  std::uint32_t order = 0;       ///< generation order inside the day, the tie-breaker when sorting
};

/// Decides when and where the fleet passes cameras: `reads` passes over `days` 24-hour windows
/// ending at `end`, split by the local traffic curve (weekday/weekend), as commuter trips (the
/// same cameras at about the same time on weekdays) and other trips of 1-3 neighbouring cameras.
/// Each window is generated from its own seed, so windows can be produced one at a time (the
/// 10-million-read demo never holds all passes). Immutable after construction.
class Traffic {
 public:
  Traffic(const Catalog& catalog, const CameraPlan& cameras, const Fleet& fleet, const PacificTime& pacific,
          std::uint64_t seed, UtcMs end, int days, std::int64_t reads);

  [[nodiscard]] int Days() const { return static_cast<int>(mQuota.size()); }
  /// Reads in window `day` (window 0 is the oldest); the quotas sum to `reads` exactly.
  [[nodiscard]] std::int64_t Quota(int day) const { return mQuota[static_cast<std::size_t>(day)]; }
  /// The passes of window `day`, exactly Quota(day) of them, sorted by time.
  [[nodiscard]] std::vector<Pass> Window(int day) const;
  [[nodiscard]] std::size_t CommuterCount() const { return mCommuters.size(); }

 private:
  struct Commuter {
    std::uint32_t vehicle = 0;
    std::array<std::uint32_t, 3> route{};
    int hops = 0;
    UtcMs morning = 0;  ///< departure, ms after local midnight
    UtcMs evening = 0;
  };

  void AddCommutes(UtcMs from, UtcMs to, std::vector<Pass>& out) const;
  void AddTrip(Rng& rng, const std::vector<std::int64_t>& slotSums, UtcMs from, UtcMs to, std::int64_t limit,
               std::vector<Pass>& out) const;
  [[nodiscard]] std::int64_t SlotWeight(UtcMs slotStart) const;
  [[nodiscard]] UtcMs TravelMs(std::size_t a, std::size_t b, Rng& rng) const;

  const Catalog& mCatalog;
  const CameraPlan& mCameras;
  const Fleet& mFleet;
  const PacificTime& mPacific;
  std::uint64_t mSeed;
  UtcMs mStart;
  std::vector<std::int64_t> mQuota;
  std::vector<Commuter> mCommuters;
};

}  // namespace platedesk::demo
