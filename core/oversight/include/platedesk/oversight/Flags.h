// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::oversight {

/// What a review flag is about.
enum class FlagKind {
  UnregisteredCase,       ///< plate data reached under a case number the register does not hold
  ClosedCase,             ///< ... or under a closed case
  Refused,                ///< an attempt the rules refused (search, access, dissemination, session)
  FailedSignIn,           ///< a wrong password or one-time code
  Lockout,                ///< an account locked by failed sign-ins
  AfterHours,             ///< plate data reached outside the agency's hours
  UnusualVolume,          ///< a user's searches in a day far above their own previous 8 weeks
  SharedPlate,            ///< the same plate searched by several users under different cases
  BroadSearch,            ///< a short pattern, a vehicle-only search, a multi-scene search, a huge result
  RepeatedJustification,  ///< the same justification, word for word, under several cases
  ExportedUnverified,     ///< reads exported that nobody visually verified
  StaffVehicle,           ///< a search for a plate on the agency's staff-vehicle list
};
/// "unregistered-case", "closed-case", "refused", "failed-sign-in", "lockout", "after-hours",
/// "unusual-volume", "shared-plate", "broad-search", "repeated-justification", "exported-unverified",
/// "staff-vehicle".
[[nodiscard]] std::string_view FlagKindName(FlagKind kind);
[[nodiscard]] std::optional<FlagKind> ParseFlagKind(std::string_view name);
/// Every kind, in the order above.
[[nodiscard]] const std::vector<FlagKind>& AllFlagKinds();

/// One flag on one audit record.
struct Flag {
  std::uint64_t seq = 0;  ///< the record it is about
  UtcMs time = 0;
  std::string user;
  std::string caseNumber;
  FlagKind kind = FlagKind::Refused;
  std::string reason;  ///< in words: why this record is flagged
  bool operator==(const Flag&) const = default;
};

/// The thresholds (agency settings review_*), with their defaults.
struct FlagSettings {
  int businessStartHour = 7;  ///< review_hours "07-19": local hours in which use is routine
  int businessEndHour = 19;
  double volumeFactor = 3.0;              ///< review_volume_factor: a day above this many times the user's own mean
  std::uint64_t volumeMinimum = 20;       ///< review_volume_minimum: and at least this many searches in the day
  std::size_t minFixedCharacters = 3;     ///< review_min_fixed: a pattern with fewer fixed characters is broad
  std::uint64_t broadResultCount = 1000;  ///< review_broad_results: a result of more reads is broad
  std::set<std::string> staffVehicles;    ///< review_staff_vehicles: normalised plates, comma-separated
  /// The local hour (0-23) of a time: the agency's clock (default: UTC).
  std::function<int(UtcMs)> localHour;
};

/// The flags of the records in [from, to), oldest first. `records` may (and for unusual volume
/// should) reach back 8 weeks before `from`: those only serve as each user's history. `cases`:
/// the case register, number -> open. Records that are pruned or do not parse flag nothing.
[[nodiscard]] std::vector<Flag> ComputeFlags(const std::vector<audit::StoredRecord>& records, UtcMs from, UtcMs to,
                                             const std::map<std::string, bool>& cases, const FlagSettings& settings);

/// How far before `from` ComputeFlags wants records (the user's history for unusual volume).
inline constexpr UtcMs kVolumeHistoryMs = 56 * kMsPerDay;

}  // namespace platedesk::oversight
