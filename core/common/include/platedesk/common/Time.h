// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace platedesk {

/// Milliseconds since the Unix epoch, UTC. The one time type of the core.
using UtcMs = std::int64_t;

/// "2026-11-24T06:58:12.123Z" (always UTC, always milliseconds).
[[nodiscard]] std::string FormatIso8601(UtcMs t);

/// "2026-11-24" (UTC date).
[[nodiscard]] std::string FormatDate(UtcMs t);

/// Parses ISO-8601: a date ("2026-11-24", midnight UTC), or date-time with optional fraction
/// and "Z" or "+hh:mm"/"-hhmm" offset; a date-time without offset is taken as UTC.
[[nodiscard]] Result<UtcMs> ParseIso8601(std::string_view text);

/// UTC ms from civil fields (no validation beyond what the arithmetic needs).
[[nodiscard]] UtcMs UtcFromCivil(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                                 int millisecond = 0);

/// Source of "now". Inject a fixed clock in tests; SystemClock everywhere else. Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual UtcMs Now() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] UtcMs Now() const override;
};

/// A clock that returns a set time until moved; for tests of expiry, lockout and retention.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UtcMs start) : mNow(start) {}
  [[nodiscard]] UtcMs Now() const override { return mNow; }
  void Set(UtcMs t) { mNow = t; }
  void Advance(UtcMs deltaMs) { mNow += deltaMs; }

 private:
  UtcMs mNow;
};

inline constexpr UtcMs kMsPerSecond = 1000;
inline constexpr UtcMs kMsPerMinute = 60 * kMsPerSecond;
inline constexpr UtcMs kMsPerHour = 60 * kMsPerMinute;
inline constexpr UtcMs kMsPerDay = 24 * kMsPerHour;

}  // namespace platedesk
