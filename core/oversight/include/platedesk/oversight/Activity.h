// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What a supervisor would rather look at than read (issue 14): searches per day per user, an
// hour-of-day by weekday heat map, the purposes mix and flags over time, counted from the log
// and turned into charts (report::Chart) drawn the same on the Review page and in the PDF report.

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Time.h"
#include "platedesk/oversight/Flags.h"
#include "platedesk/report/Chart.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace platedesk::oversight {

/// A count under a name on one local day (a user's searches, flags of one kind).
struct DayCount {
  std::string day;  ///< "YYYY-MM-DD", the agency's local date
  std::string name;
  std::uint64_t count = 0;
  bool operator==(const DayCount&) const = default;
};

/// A count under a name (searches under a purpose code).
struct NameCount {
  std::string name;
  std::uint64_t count = 0;
  bool operator==(const NameCount&) const = default;
};

/// The period's use, counted from the audit log: what the charts draw.
struct Activity {
  std::vector<std::string> days;           ///< every local day the period touches, oldest first
  std::vector<DayCount> searches;          ///< searches started (search.start) per day and user
  std::vector<std::uint64_t> hourWeekday;  ///< 7 x 24 searches by local weekday (Monday first) and hour
  std::vector<NameCount> purposes;         ///< searches per purpose code, most first
  std::uint64_t refusedSearches = 0;       ///< search.refused records (not in the counts above)
  std::vector<DayCount> flags;             ///< flags per day and kind (FlagKindName)
  bool operator==(const Activity&) const = default;
};

/// A time as the agency's clock reads it.
struct LocalTime {
  std::string day;  ///< "YYYY-MM-DD"
  int weekday = 0;  ///< 0 Monday ... 6 Sunday
  int hour = 0;     ///< 0-23
};
using LocalClock = std::function<LocalTime(UtcMs)>;
/// The clock of UTC itself (tests, and a server kept on UTC).
[[nodiscard]] LocalTime UtcClock(UtcMs time);
/// The machine's local time zone (the workstation's or the server's).
[[nodiscard]] LocalTime MachineClock(UtcMs time);

/// Every local day [from, to) touches by `clock`, oldest first ("YYYY-MM-DD"; an hour at a time,
/// so a daylight-saving day is not missed).
[[nodiscard]] std::vector<std::string> LocalDays(UtcMs from, UtcMs to, const LocalClock& clock);
/// "Mon" ... "Sun" for LocalTime::weekday 0 ... 6 ("?" out of range).
[[nodiscard]] const char* WeekdayName(int weekday);

/// Counts the records of [from, to) (others are ignored) and `flags` (as ComputeFlags returned
/// them for the same period) by the agency's clock. Pruned records count by their event alone.
[[nodiscard]] Activity ComputeActivity(const std::vector<audit::StoredRecord>& records, UtcMs from, UtcMs to,
                                       const std::vector<Flag>& flags, const LocalClock& clock);

/// The four charts of the Review page and the review report, in this order: searches per day by
/// user (the 7 busiest users, the rest as "others"), searches by hour and weekday (heat map),
/// searches by purpose (bars across), flags per day by kind.
[[nodiscard]] std::vector<report::Chart> ActivityCharts(const Activity& activity);

}  // namespace platedesk::oversight
