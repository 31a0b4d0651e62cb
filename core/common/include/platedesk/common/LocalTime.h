// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"

#include <vector>

namespace platedesk {

/// This machine's offset from UTC at t, in minutes (its time zone's rules, summer time included).
[[nodiscard]] int LocalUtcOffsetMinutes(UtcMs t);

/// This machine's UTC offsets over [from, to): where each one starts. Found by sampling every 12
/// hours and narrowing each change to the second, so a range of years costs a few thousand clock
/// look-ups once, and each time after that a binary search. Thread-safe once built.
class LocalOffsets {
 public:
  LocalOffsets(UtcMs from, UtcMs to);

  /// The offset in minutes at t (the first one before `from`, the last one after `to`).
  [[nodiscard]] int At(UtcMs t) const;

  /// Minutes since local midnight at t (0-1439).
  [[nodiscard]] int MinuteOfDay(UtcMs t) const;

  /// How many different offsets the range holds (1 without summer time).
  [[nodiscard]] std::size_t Changes() const { return mStarts.size(); }

 private:
  std::vector<UtcMs> mStarts;  ///< ascending; mStarts[0] <= from
  std::vector<int> mOffsets;
};

}  // namespace platedesk
