// SPDX-License-Identifier: GPL-3.0-or-later
#include "PacificTime.h"

#include <string>

namespace platedesk::demo {
namespace {

constexpr UtcMs kStandardOffset = -8 * kMsPerHour;
constexpr UtcMs kDaylightOffset = -7 * kMsPerHour;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int YearOf(UtcMs t) { return std::stoi(FormatDate(t).substr(0, 4)); }

// First Sunday on or after the given day.
std::int64_t SundayOnOrAfter(std::int64_t day) { return day + (7 - PacificTime::Weekday(day)) % 7; }

std::pair<UtcMs, UtcMs> DstOfYear(int year) {
  const std::int64_t march1 = FloorDiv(UtcFromCivil(year, 3, 1), kMsPerDay);
  const std::int64_t nov1 = FloorDiv(UtcFromCivil(year, 11, 1), kMsPerDay);
  // 02:00 PST = 10:00 UTC; 02:00 PDT = 09:00 UTC.
  const UtcMs start = (SundayOnOrAfter(march1) + 7) * kMsPerDay + 10 * kMsPerHour;
  const UtcMs end = SundayOnOrAfter(nov1) * kMsPerDay + 9 * kMsPerHour;
  return {start, end};
}

}  // namespace

PacificTime::PacificTime(UtcMs from, UtcMs to) {
  const int first = YearOf(from - kMsPerDay);
  const int last = YearOf(to + kMsPerDay);
  for (int y = first; y <= last; ++y) mDst.push_back(DstOfYear(y));
  mCoveredFrom = UtcFromCivil(first, 1, 1);
  mCoveredTo = UtcFromCivil(last + 1, 1, 1);
}

UtcMs PacificTime::Offset(UtcMs utc) const {
  if (utc >= mCoveredFrom && utc < mCoveredTo) {
    for (const auto& [start, end] : mDst) {
      if (utc < start) return kStandardOffset;
      if (utc < end) return kDaylightOffset;
    }
    return kStandardOffset;
  }
  const auto [start, end] = DstOfYear(YearOf(utc));
  return (utc >= start && utc < end) ? kDaylightOffset : kStandardOffset;
}

int PacificTime::LocalHour(UtcMs utc) const {
  const UtcMs local = utc + Offset(utc);
  return static_cast<int>(FloorDiv(local, kMsPerHour) - FloorDiv(local, kMsPerDay) * 24);
}

std::int64_t PacificTime::LocalDay(UtcMs utc) const { return FloorDiv(utc + Offset(utc), kMsPerDay); }

UtcMs PacificTime::UtcFromLocal(std::int64_t localDay, UtcMs msIntoDay) const {
  const UtcMs local = localDay * kMsPerDay + msIntoDay;
  // Guess with standard time, then correct with the offset in force at that instant.
  const UtcMs guess = local - kStandardOffset;
  return local - Offset(guess);
}

int PacificTime::Weekday(std::int64_t day) {
  // 1970-01-01 was a Thursday.
  return static_cast<int>(((day % 7) + 7 + 4) % 7);
}

bool PacificTime::IsWeekend(std::int64_t day) {
  const int w = Weekday(day);
  return w == 0 || w == 6;
}

}  // namespace platedesk::demo
