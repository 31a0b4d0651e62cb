// SPDX-License-Identifier: GPL-3.0-or-later
// The agency's dissemination rules, one by one, on registry entries of every kind.
#include "platedesk/dissemination/Rules.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::dissemination;

namespace {

constexpr UtcMs kNow = 1'790'000'000'000;

store::Agency Agency(store::AgencyKind kind, std::string state = "WA", bool mou = true,
                     std::optional<UtcMs> expires = std::nullopt) {
  store::Agency a;
  a.id = 1;
  a.name = "Test Agency";
  a.kind = kind;
  a.state = std::move(state);
  if (mou) a.mouSha256 = std::string(64, 'a');
  a.mouExpires = expires;
  return a;
}

RuleSet Rules(const std::string& text, const std::string& state = "WA") { return ParseRules(text, state).Value(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(DisseminationRules)

BOOST_AUTO_TEST_CASE(UnknownRulesAndMissingStatesAreRefused) {
  BOOST_TEST(!ParseRules("mou-required,teleport", "WA").Ok());
  BOOST_TEST(!ParseRules("in-state-only", "").Ok());
  BOOST_TEST(!ParseRules("out-of-state-second-approval", "W").Ok());
  auto ok = ParseRules(" mou-required , federal-second-approval ,", "wa");
  BOOST_TEST_REQUIRE(ok.Ok());
  BOOST_TEST(ok->names.size() == 2u);
  BOOST_TEST(ok->ownState == "WA");
  BOOST_TEST(ParseRules(std::string(kDefaultRules), "").Ok());
  BOOST_TEST(ParseRules("", "").Ok());
}

BOOST_AUTO_TEST_CASE(ANonLawEnforcementRequesterIsReferredWhateverTheRules) {
  for (const char* rules : {"", "mou-required", "in-state-only,no-federal"}) {
    const auto a = Assess(Agency(store::AgencyKind::NonLawEnforcement), Rules(rules), kNow);
    BOOST_TEST(a.referred, rules);
    BOOST_TEST(!a.refusal.has_value());
  }
}

BOOST_AUTO_TEST_CASE(AnAgreementMustBeOnFileAndInForceExceptForProsecutors) {
  const auto rules = Rules("mou-required");
  BOOST_TEST(!Assess(Agency(store::AgencyKind::Local), rules, kNow).refusal.has_value());
  BOOST_TEST(Assess(Agency(store::AgencyKind::Local, "WA", false), rules, kNow).refusal.has_value());
  const auto expired = Assess(Agency(store::AgencyKind::State, "WA", true, kNow - 1), rules, kNow);
  BOOST_TEST_REQUIRE(expired.refusal.has_value());
  BOOST_TEST(expired.refusal->find("expired") != std::string::npos);
  BOOST_TEST(!Assess(Agency(store::AgencyKind::State, "WA", true, kNow + 1), rules, kNow).refusal.has_value());
  BOOST_TEST(!Assess(Agency(store::AgencyKind::Prosecutor, "WA", false), rules, kNow).refusal.has_value());
  // Without the rule, no agreement is needed.
  BOOST_TEST(!Assess(Agency(store::AgencyKind::Local, "WA", false), Rules(""), kNow).refusal.has_value());
}

BOOST_AUTO_TEST_CASE(InStateOnlyRefusesFederalAndOutOfStateAgencies) {
  const auto rules = Rules("in-state-only", "CA");
  BOOST_TEST(!Assess(Agency(store::AgencyKind::Local, "CA"), rules, kNow).refusal.has_value());
  BOOST_TEST(Assess(Agency(store::AgencyKind::Local, "NV"), rules, kNow).refusal.has_value());
  BOOST_TEST(Assess(Agency(store::AgencyKind::Federal, "CA"), rules, kNow).refusal.has_value());
  BOOST_TEST(Assess(Agency(store::AgencyKind::OutOfState, "CA"), rules, kNow).refusal.has_value());
  BOOST_TEST(Assess(Agency(store::AgencyKind::Federal), Rules("no-federal"), kNow).refusal.has_value());
  BOOST_TEST(!Assess(Agency(store::AgencyKind::Tribal), Rules("no-federal"), kNow).refusal.has_value());
}

BOOST_AUTO_TEST_CASE(SecondApprovalsAreAskedWhereTheRulesSay) {
  BOOST_TEST(Assess(Agency(store::AgencyKind::Federal), Rules("federal-second-approval"), kNow).approvalsNeeded == 2);
  BOOST_TEST(Assess(Agency(store::AgencyKind::Local), Rules("federal-second-approval"), kNow).approvalsNeeded == 1);
  const auto outOfState = Rules("out-of-state-second-approval");
  BOOST_TEST(Assess(Agency(store::AgencyKind::Local, "OR"), outOfState, kNow).approvalsNeeded == 2);
  BOOST_TEST(Assess(Agency(store::AgencyKind::Local, "WA"), outOfState, kNow).approvalsNeeded == 1);
  // Every rule that applied is named.
  const auto both = Assess(Agency(store::AgencyKind::Federal), Rules("mou-required,federal-second-approval"), kNow);
  BOOST_TEST(both.applied.size() == 1u);
  BOOST_TEST(both.applied.front().find("federal-second-approval") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ReleasersAreRolesOrTheLead) {
  BOOST_TEST(ParseReleasers("supervisor,lead")->size() == 2u);
  BOOST_TEST(!ParseReleasers("supervisor,janitor").Ok());
}

BOOST_AUTO_TEST_SUITE_END()
