// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/LocalTime.h"

#include <algorithm>
#include <ctime>

namespace platedesk {
namespace {

constexpr UtcMs FloorDiv(UtcMs a, UtcMs b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

int LocalUtcOffsetMinutes(UtcMs t) {
  const std::time_t secs = static_cast<std::time_t>(FloorDiv(t, 1000));
  std::tm local{};
#ifdef _WIN32
  if (localtime_s(&local, &secs) != 0) return 0;
  std::tm utc{};
  if (gmtime_s(&utc, &secs) != 0) return 0;
  utc.tm_isdst = local.tm_isdst;  // both read as the same wall clock kind
  return static_cast<int>((std::mktime(&local) - std::mktime(&utc)) / 60);
#else
  if (localtime_r(&secs, &local) == nullptr) return 0;
  return static_cast<int>(local.tm_gmtoff / 60);
#endif
}

LocalOffsets::LocalOffsets(UtcMs from, UtcMs to) {
  constexpr UtcMs kStep = 12 * kMsPerHour;  // time zones change offset at most twice a year
  int current = LocalUtcOffsetMinutes(from);
  mStarts.push_back(from);
  mOffsets.push_back(current);
  for (UtcMs t = from; t < to;) {
    const UtcMs next = std::min(t + kStep, to);
    const int there = LocalUtcOffsetMinutes(next);
    if (there != current) {
      // The change lies in (t, next]: narrow it to the second (clocks change on whole seconds).
      UtcMs lo = t;
      UtcMs hi = next;
      while (hi - lo > kMsPerSecond) {
        const UtcMs mid = lo + (hi - lo) / 2;
        (LocalUtcOffsetMinutes(mid) == current ? lo : hi) = mid;
      }
      // A zone's offset holds for whole seconds: the change starts at hi's second.
      mStarts.push_back(FloorDiv(hi, kMsPerSecond) * kMsPerSecond);
      mOffsets.push_back(there);
      current = there;
    }
    t = next;
  }
}

int LocalOffsets::At(UtcMs t) const {
  const auto it = std::upper_bound(mStarts.begin(), mStarts.end(), t);
  const std::size_t i = it == mStarts.begin() ? 0 : static_cast<std::size_t>(it - mStarts.begin()) - 1;
  return mOffsets[i];
}

int LocalOffsets::MinuteOfDay(UtcMs t) const {
  const UtcMs minutes = FloorDiv(t, kMsPerMinute) + At(t);
  return static_cast<int>(((minutes % 1440) + 1440) % 1440);
}

}  // namespace platedesk
