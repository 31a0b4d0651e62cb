// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::store {

/// Where an approval request stands (derived from its decision and the time, never stored).
enum class ApprovalState {
  Pending,   ///< waiting for a supervisor
  Approved,  ///< approved and not yet expired: the exact query may run under it
  Denied,    ///< denied, with the supervisor's reason
  Expired,   ///< approved, but its time has run out
};
/// "pending", "approved", "denied", "expired".
[[nodiscard]] std::string_view ApprovalStateName(ApprovalState state);
[[nodiscard]] std::optional<ApprovalState> ParseApprovalState(std::string_view name);

/// One request for a supervisor's approval of one exact search, and its decision once made.
struct SearchApproval {
  std::int64_t id = 0;
  std::string requestedBy;
  UtcMs requestedAt = 0;
  std::string caseNumber;
  std::string purposeCode;
  std::string justification;
  std::string kind = "search";  ///< "search" or "multi-scene"
  /// Every query element as the search's audit record names them (search::QueryElements with
  /// "limit"; for a multi-scene search its scenes): the approval is for exactly this query.
  std::map<std::string, std::string> query;
  std::vector<std::string> reasons;  ///< why it needs approval, a sentence each (the flags that apply)
  std::uint64_t auditSeq = 0;        ///< the approval.request record
  // The decision (decidedBy empty while pending).
  std::string decidedBy;
  UtcMs decidedAt = 0;
  bool approved = false;
  std::string decisionReason;
  UtcMs validUntil = 0;  ///< approved: it may run until then
  std::uint64_t decisionSeq = 0;
  ApprovalState state = ApprovalState::Pending;  ///< at the time it was read
  bool operator==(const SearchApproval&) const = default;
};

/// The state of a request at `now`.
[[nodiscard]] ApprovalState ApprovalStateAt(const SearchApproval& approval, UtcMs now);

/// Which requests a list covers (every field optional).
struct ApprovalFilter {
  std::string requestedBy;
  std::optional<ApprovalState> state;
  std::optional<std::int64_t> id;
  bool operator==(const ApprovalFilter&) const = default;
};

}  // namespace platedesk::store
