// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::store {

/// Why reads are kept past retention for a case.
enum class HoldKind {
  Investigation,  ///< reads collected for the case or exported in its evidence packages
  Discovery,      ///< reads the defence or a party is entitled to (a discovery request)
  Preservation,   ///< a court order or preservation request: cameras and/or plates in a window
};
/// "investigation", "discovery", "preservation".
[[nodiscard]] std::string_view HoldKindName(HoldKind kind);
[[nodiscard]] std::optional<HoldKind> ParseHoldKind(std::string_view name);

/// One hold as stored (schema v16): placed once, released at most once, never deleted.
struct Hold {
  std::int64_t id = 0;
  std::string caseNumber;
  HoldKind kind = HoldKind::Investigation;
  std::string reason;  ///< why it was placed ("evidence package <id>", the order's reference)
  std::string placedBy;
  UtcMs placedAt = 0;
  // A preservation order: what it keeps (a read matches when it was captured in [from, to), on one
  // of the cameras if any are named, with one of the plates, as read or corrected, if any are named).
  std::optional<UtcMs> from;
  std::optional<UtcMs> to;
  std::vector<std::string> cameras;  ///< camera external ids, in order
  std::vector<std::string> plates;   ///< normalised plate texts, in order
  // The release (releasedBy empty while in force).
  std::string releasedBy;
  UtcMs releasedAt = 0;
  std::string releaseReason;
  // The last review (reviewedBy empty when never reviewed).
  std::string reviewedBy;
  UtcMs reviewedAt = 0;
  std::string reviewNote;
  std::uint64_t reads = 0;  ///< reads it keeps now (its read rows, or the reads an order matches)
  bool reviewDue = false;   ///< in force and not placed or reviewed within the review period (Session)
  [[nodiscard]] bool InForce() const { return releasedBy.empty(); }
  bool operator==(const Hold&) const = default;
};

/// Which holds a list covers (every field optional).
struct HoldFilter {
  std::string caseNumber;
  bool inForceOnly = false;
  std::optional<std::int64_t> id;
  /// Count the reads each hold keeps (an order's count scans its window); false leaves `reads` 0
  /// for callers that only need the holds (the Overview's "due for review").
  bool countReads = true;
  bool operator==(const HoldFilter&) const = default;
};

}  // namespace platedesk::store
