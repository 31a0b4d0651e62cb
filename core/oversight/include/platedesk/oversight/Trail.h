// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platedesk::oversight {

/// One record that followed a search under the same case: a read opened, an image viewed, a read
/// verified or corrected, reads collected, an export, a release.
struct TrailStep {
  std::uint64_t seq = 0;
  UtcMs time = 0;
  std::string event;
  std::string user;
  std::string summary;  ///< in words: "3 reads opened", "export of 4 reads", ...
  bool operator==(const TrailStep&) const = default;
};

/// A search as a reviewer opens it (Review page, audit trail): its full query, justification and
/// outcome, and what was done under its case after it.
struct SearchTrail {
  std::uint64_t seq = 0;  ///< the search.start record
  UtcMs time = 0;
  std::string user;
  std::string caseNumber;
  std::string purposeCode;
  std::string purposeText;
  std::string justification;
  std::map<std::string, std::string> query;  ///< every query element as recorded
  std::string approval;                      ///< "approval 4 by s.okafor", or ""
  std::string outcome;                       ///< of its search.result: "success", "failure", "refused"; "" if none
  std::optional<std::uint64_t> resultCount;
  std::string reason;  ///< why it failed or was refused
  std::vector<TrailStep> after;
  bool operator==(const SearchTrail&) const = default;
};

/// The trail of the search.start record `seq` among `records` (log order): its search.result and the
/// reads viewed, images opened, verifications, corrections, collections, exports and releases under
/// the same case after it (by anyone, up to `maxSteps`). nullopt when `seq` is no search.start among them.
[[nodiscard]] std::optional<SearchTrail> TraceSearch(const std::vector<audit::StoredRecord>& records, std::uint64_t seq,
                                                     std::size_t maxSteps = 200);

}  // namespace platedesk::oversight
