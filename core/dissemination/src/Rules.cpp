// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/dissemination/Rules.h"

#include "platedesk/common/Text.h"

namespace platedesk::dissemination {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : std::string(text) + ",") {
    if (c == ',') {
      std::string w = Trim(word);
      if (!w.empty()) out.push_back(w);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

bool OutOfState(const store::Agency& a, const RuleSet& rules) {
  return a.kind == store::AgencyKind::OutOfState || (!rules.ownState.empty() && a.state != rules.ownState);
}

}  // namespace

const std::vector<RuleInfo>& KnownRules() {
  static const std::vector<RuleInfo> kRules{
      {"in-state-only",
       "only public agencies in our state (as California SB 34 requires): federal and out-of-state agencies are "
       "refused"},
      {"no-federal", "no federal agencies (no federal immigration enforcement)"},
      {"mou-required",
       "a sharing agreement (MOU) on file and in force with the recipient (prosecutors excepted: discovery)"},
      {"federal-second-approval", "a release to a federal agency needs a second supervisor's approval"},
      {"out-of-state-second-approval", "a release outside our state needs a second supervisor's approval"},
  };
  return kRules;
}

Result<RuleSet> ParseRules(std::string_view text, std::string_view ownState) {
  RuleSet set;
  set.ownState = ToUpperAscii(Trim(ownState));
  for (const auto& w : Words(text)) {
    bool known = false;
    for (const auto& r : KnownRules()) known = known || r.name == w;
    if (!known) return Fail(ErrorCode::InvalidArgument, "no such dissemination rule", w);
    set.names.insert(w);
  }
  if ((set.names.contains("in-state-only") || set.names.contains("out-of-state-second-approval")) &&
      set.ownState.size() != 2)
    return Fail(ErrorCode::InvalidArgument,
                "the agency's state is not set (config set agency_state ST): the rules name our state");
  return set;
}

Assessment Assess(const store::Agency& a, const RuleSet& rules, UtcMs now) {
  Assessment out;
  if (a.kind == store::AgencyKind::NonLawEnforcement) {
    out.referred = true;
    out.applied.push_back("not law enforcement: refer to records/legal (public records process)");
    return out;
  }
  auto refuse = [&](std::string why) {
    if (!out.refusal) out.refusal = why;
    out.applied.push_back(std::move(why));
  };
  if (rules.names.contains("in-state-only") && (a.kind == store::AgencyKind::Federal || OutOfState(a, rules)))
    refuse("in-state-only: only public agencies in " + rules.ownState + " may receive LPR data");
  if (rules.names.contains("no-federal") && a.kind == store::AgencyKind::Federal)
    refuse("no-federal: no federal agencies");
  if (rules.names.contains("mou-required") && a.kind != store::AgencyKind::Prosecutor) {
    if (a.mouSha256.empty())
      refuse("mou-required: no sharing agreement with " + a.name + " is on file");
    else if (a.mouExpires && *a.mouExpires <= now)
      refuse("mou-required: the sharing agreement with " + a.name + " expired on " +
             FormatIso8601(*a.mouExpires).substr(0, 10));
  }
  if (rules.names.contains("federal-second-approval") && a.kind == store::AgencyKind::Federal) {
    out.approvalsNeeded = 2;
    out.applied.push_back("federal-second-approval: a second supervisor must approve");
  }
  if (rules.names.contains("out-of-state-second-approval") && OutOfState(a, rules)) {
    out.approvalsNeeded = 2;
    out.applied.push_back("out-of-state-second-approval: a second supervisor must approve");
  }
  return out;
}

Result<std::set<std::string>> ParseReleasers(std::string_view text) {
  std::set<std::string> out;
  for (const auto& w : Words(text)) {
    if (w != "supervisor" && w != "administrator" && w != "detective" && w != "lead")
      return Fail(ErrorCode::InvalidArgument,
                  "dissemination_releasers takes supervisor, administrator, detective, lead", w);
    out.insert(w);
  }
  return out;
}

}  // namespace platedesk::dissemination
