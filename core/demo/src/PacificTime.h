// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace platedesk::demo {

/// Seattle local time (US Pacific: UTC-8, UTC-7 from the second Sunday of March 02:00 to the first
/// Sunday of November 02:00, the rule since 2007) for the demo's traffic curve and commutes.
/// Precomputes the daylight-saving intervals of the years it is built for; outside them it
/// computes them again (slower). Immutable after construction; thread-safe.
class PacificTime {
 public:
  /// Prepares the years touched by [from, to].
  PacificTime(UtcMs from, UtcMs to);

  /// Local minus UTC in ms (-8 h or -7 h).
  [[nodiscard]] UtcMs Offset(UtcMs utc) const;
  /// Local hour 0-23.
  [[nodiscard]] int LocalHour(UtcMs utc) const;
  /// Local calendar day as days since 1970-01-01.
  [[nodiscard]] std::int64_t LocalDay(UtcMs utc) const;
  /// UTC instant of a local day plus ms into it (for the hours the demo uses, 05:00-22:00,
  /// never ambiguous).
  [[nodiscard]] UtcMs UtcFromLocal(std::int64_t localDay, UtcMs msIntoDay) const;
  /// 0 = Sunday ... 6 = Saturday.
  [[nodiscard]] static int Weekday(std::int64_t day);
  /// Saturday or Sunday.
  [[nodiscard]] static bool IsWeekend(std::int64_t day);

 private:
  std::vector<std::pair<UtcMs, UtcMs>> mDst;  // [start, end) in UTC, ascending, one per year
  UtcMs mCoveredFrom = 0;                     // 1 January of the first prepared year (UTC)
  UtcMs mCoveredTo = 0;                       // 1 January after the last prepared year (UTC)
};

}  // namespace platedesk::demo
