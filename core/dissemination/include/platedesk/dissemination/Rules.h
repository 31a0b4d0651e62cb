// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The agency's dissemination rules (setting dissemination_rules): which recipients a release may
// go to, and which need a second supervisor's approval. Pure functions of the registry entry and
// the settings; the session applies them when a request is entered, reviewed and released.

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Dissemination.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::dissemination {

/// Setting: the rules in force, comma-separated names from KnownRules().
inline constexpr std::string_view kRulesSetting = "dissemination_rules";
inline constexpr std::string_view kDefaultRules = "mou-required,federal-second-approval";
/// Setting: the agency's own state (two letters), for in-state-only and out-of-state rules.
inline constexpr std::string_view kAgencyStateSetting = "agency_state";
/// Setting: who may release approved requests, comma-separated: "supervisor", "administrator",
/// "detective" (roles) and "lead" (the registered lead of the request's case).
inline constexpr std::string_view kReleasersSetting = "dissemination_releasers";
inline constexpr std::string_view kDefaultReleasers = "supervisor,lead";

/// A rule by name and what it does, in words.
struct RuleInfo {
  std::string_view name;
  std::string_view description;
};
[[nodiscard]] const std::vector<RuleInfo>& KnownRules();

/// The rules in force and the agency's own state.
struct RuleSet {
  std::set<std::string> names;
  std::string ownState;
};
/// Parses a dissemination_rules value. Errors: InvalidArgument (an unknown rule name; in-state-only
/// or out-of-state-second-approval without the agency's state).
[[nodiscard]] Result<RuleSet> ParseRules(std::string_view text, std::string_view ownState);

/// What the rules say of a recipient agency now.
struct Assessment {
  bool referred = false;               ///< not law enforcement: refer to records/legal, never approvable
  std::optional<std::string> refusal;  ///< the rule that refuses it, in words
  int approvalsNeeded = 1;             ///< 2 where a rule asks for a second approval
  std::vector<std::string> applied;    ///< every rule that applied, with its effect
};
[[nodiscard]] Assessment Assess(const store::Agency& agency, const RuleSet& rules, UtcMs now);

/// Parses a dissemination_releasers value. Errors: InvalidArgument (an unknown word).
[[nodiscard]] Result<std::set<std::string>> ParseReleasers(std::string_view text);

}  // namespace platedesk::dissemination
