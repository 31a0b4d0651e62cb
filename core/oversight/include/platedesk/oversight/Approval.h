// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::oversight {

/// What needs a supervisor's approval before it runs (agency settings, with their defaults). A
/// purpose marked "needs approval" in the catalogue always does; so does every multi-scene search.
struct ApprovalRules {
  std::size_t minFixedCharacters = 3;  ///< approval_min_fixed: a pattern pinning down fewer characters
  std::size_t vehicleCameras = 10;     ///< approval_vehicle_cameras: a vehicle-only search over more cameras
  int vehicleHours = 24;               ///< approval_vehicle_hours: ... or over a longer window (or none)
  std::uint64_t resultReads = 1000;    ///< approval_result_reads: a search matching more reads (0: no such rule)
  std::size_t limitCap = 1000;         ///< search_limit_cap: the most results a search returns unapproved
  int approvalHours = 24;              ///< approval_hours: how long an approval lasts (1 to 168)
  bool operator==(const ApprovalRules&) const = default;
};

/// The setting keys ApprovalRulesFrom reads.
[[nodiscard]] const std::vector<std::string_view>& ApprovalSettingKeys();

/// The rules from the agency's settings; `get` returns a setting's value or nullopt when unset.
/// Errors: Corrupt (a value that is not a whole number in its range), get's.
[[nodiscard]] Result<ApprovalRules> ApprovalRulesFrom(
    const std::function<Result<std::optional<std::string>>(std::string_view)>& get);

/// How broad a search is: what the rules look at, before it runs.
struct SearchBreadth {
  bool multiScene = false;
  std::optional<std::string> plate;  ///< the pattern; nullopt: a vehicle-only search
  std::optional<UtcMs> window;       ///< to - from; nullopt: no start or no end
  std::size_t cameras = 0;           ///< how many cameras it covers (all of them when none are chosen)
  std::size_t limit = 0;             ///< results asked for; 0: every match
};

/// The characters a plate pattern pins down: literals outside '[..]' sets ("7AB*" 3, "*7*" 1).
[[nodiscard]] std::size_t FixedCharacters(std::string_view pattern);

/// Why a search of this breadth needs approval, one sentence each; empty: it does not (the result
/// count rule applies once it has run, SearchOptions::maxMatches).
[[nodiscard]] std::vector<std::string> ApprovalReasons(const SearchBreadth& breadth, const ApprovalRules& rules);

}  // namespace platedesk::oversight
