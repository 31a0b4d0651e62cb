// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Policy.h"
#include "platedesk/common/Files.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::access;

namespace {

struct Fixture {
  TempFolder folder;
  ManualClock clock{UtcFromCivil(2026, 11, 24, 9)};
  std::unique_ptr<store::Storage> storage = store::Storage::Create(folder.Path() / "s", clock).Value();
  Policy policy{*storage};
  store::UserRecord detective;
  Fixture() {
    BOOST_REQUIRE(policy.EnsureCatalogue().Ok());  // as Workstation::Open does
    detective.name = "d.reyes";
    detective.role = store::Role::Detective;
    detective.trainingCompleted = UtcFromCivil(2026, 3, 1);
    detective.trainingExpires = UtcFromCivil(2027, 3, 1);
  }
  AccessContext Ctx(std::string c = "26-004512", std::string p = "INV-PROPERTY",
                    std::string j = "Burglary at 5th Ave; witness saw a grey sedan leave") {
    return {std::move(c), std::move(p), std::move(j)};
  }
  ErrorCode Code(const AccessContext& ctx, const store::UserRecord& u) {
    auto r = policy.Check(u, ctx, clock.Now());
    BOOST_REQUIRE(!r.Ok());
    return r.Err().code;
  }
  ErrorDetail Detail(const AccessContext& ctx, const store::UserRecord& u) {
    auto r = policy.Check(u, ctx, clock.Now());
    BOOST_REQUIRE(!r.Ok());
    return r.Err().detail;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(PolicyTest, Fixture)

BOOST_AUTO_TEST_CASE(AWellFormedContextIsAllowedAndAnUnregisteredCaseIsFlagged) {
  auto d = policy.Check(detective, Ctx(), clock.Now());
  BOOST_REQUIRE_MESSAGE(d.Ok(), (d.Ok() ? std::string() : d.Err().ToString()));
  BOOST_TEST(d->purpose.code == "INV-PROPERTY");
  BOOST_TEST(d->flaggedForReview);
  BOOST_TEST(d->reviewReason.find("not registered") != std::string::npos);
  BOOST_REQUIRE(storage->AddCase({"26-004512", "Burglary", "d.reyes", true, "", 0}).Ok());
  BOOST_TEST(!policy.Check(detective, Ctx(), clock.Now())->flaggedForReview);
}

BOOST_AUTO_TEST_CASE(NoCaseNumberOrAMalformedOneIsRefused) {
  BOOST_TEST((Code(Ctx(""), detective) == ErrorCode::InvalidArgument));
  BOOST_TEST((Code(Ctx("2026-4512"), detective) == ErrorCode::InvalidArgument));
  BOOST_TEST((Code(Ctx("26-004512; DROP"), detective) == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(policy.SetCasePattern(R"(^[A-Z]{2}\d{8}$)").Ok());
  BOOST_TEST(policy.Check(detective, Ctx("KC20260001"), clock.Now()).Ok());
  BOOST_TEST(!policy.SetCasePattern("([unclosed").Ok());
}

BOOST_AUTO_TEST_CASE(ClosedAndUnregisteredCasesFollowTheAgencySetting) {
  BOOST_REQUIRE(storage->AddCase({"26-000001", "Closed one", "", false, "", 0}).Ok());
  BOOST_TEST((Code(Ctx("26-000001"), detective) == ErrorCode::PermissionDenied));
  BOOST_REQUIRE(storage->SetSetting(kClosedCaseSetting, "flag").Ok());
  BOOST_TEST(policy.Check(detective, Ctx("26-000001"), clock.Now())->flaggedForReview);
  BOOST_REQUIRE(storage->SetSetting(kUnregisteredCaseSetting, "refuse").Ok());
  BOOST_TEST((Code(Ctx("26-777777"), detective) == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(ProhibitedPurposesCannotBeChosen) {
  for (const char* code :
       {"PROHIB-IMMIGRATION", "PROHIB-TRAFFIC", "PROHIB-HARASSMENT", "PROHIB-PROTECTED-CLASS", "PROHIB-PERSONAL"})
    BOOST_TEST((Code(Ctx("26-004512", code), detective) == ErrorCode::PermissionDenied), code);
  BOOST_TEST((Code(Ctx("26-004512", "NO-SUCH"), detective) == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(AJustificationNamingAProhibitedUseIsRefused) {
  BOOST_TEST((Code(Ctx("26-004512", "INV-OTHER", "check immigration status of driver"), detective) ==
              ErrorCode::PermissionDenied));
  BOOST_TEST((Code(Ctx("26-004512", "INV-OTHER", "Find where my ex-girlfriend parks"), detective) ==
              ErrorCode::PermissionDenied));
  BOOST_TEST(Policy::ProhibitedUseNamed("want to harass him").value() == "PROHIB-HARASSMENT");
  // Investigating the crime of harassment is legitimate; the phrase list targets the use.
  BOOST_TEST(!Policy::ProhibitedUseNamed("Telephone harassment case, suspect vehicle").has_value());
  BOOST_TEST(!Policy::ProhibitedUseNamed("Robbery suspect fled on iceberg lane").has_value());
  BOOST_TEST((Code(Ctx("26-004512", "INV-OTHER", "short"), detective) == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(UntrainedOrExpiredUsersCannotReachData) {
  store::UserRecord untrained = detective;
  untrained.trainingCompleted.reset();
  auto r = policy.Check(untrained, Ctx(), clock.Now());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST(r.Err().message.find("no LPR training") != std::string::npos);
  clock.Set(UtcFromCivil(2027, 3, 2));
  auto expired = policy.Check(detective, Ctx(), clock.Now());
  BOOST_REQUIRE(!expired.Ok());
  BOOST_TEST(expired.Err().message.find("expired on 2027-03-01") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(APurposeNeedingApprovalPassesThePolicyMarkedSoForTheGate) {
  // The approval itself is the facade's gate (an approval record by another supervisor): the
  // policy says the purpose needs one, for every role alike.
  auto decision = policy.Check(detective, Ctx("26-004512", "WARRANT"), clock.Now());
  BOOST_REQUIRE(decision);
  BOOST_TEST(decision->purpose.needsApproval);
  BOOST_TEST(!decision->approval.has_value());
}

BOOST_AUTO_TEST_CASE(TheCatalogueIsExtendedButNeverWithAProhibitedUse) {
  BOOST_REQUIRE(policy.AddPurpose("INV-FRAUD", "Fraud investigation", false).Ok());
  BOOST_TEST(policy.Check(detective, Ctx("26-004512", "INV-FRAUD"), clock.Now()).Ok());
  BOOST_TEST(!policy.AddPurpose("PROHIB-X", "anything", false).Ok());
  BOOST_TEST(!policy.AddPurpose("TRAFFIC", "Traffic enforcement", false).Ok());
  BOOST_TEST(!policy.AddPurpose("inv fraud", "lower case", false).Ok());
  BOOST_TEST((policy.AddPurpose("INV-FRAUD", "again", false).Err().code == ErrorCode::AlreadyExists));
  BOOST_REQUIRE(policy.SetPurposeDisabled("INV-FRAUD", true).Ok());
  BOOST_TEST((Code(Ctx("26-004512", "INV-FRAUD"), detective) == ErrorCode::PermissionDenied));
  const auto all = policy.Purposes().Value();
  BOOST_TEST(std::count_if(all.begin(), all.end(), [](const auto& p) { return p.prohibited; }) == 5);
}

BOOST_AUTO_TEST_CASE(APurposeIsRefusedToARoleItDoesNotName) {
  const auto review = Ctx("26-004512", "AUDIT-REVIEW", "Quarterly review of system use by unit 4");
  auto refused = policy.Check(detective, review, clock.Now());
  BOOST_REQUIRE(!refused.Ok());
  BOOST_TEST((refused.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(refused.Err().message.find("supervisors and auditors") != std::string::npos, refused.Err().message);
  store::UserRecord supervisor = detective;
  supervisor.role = store::Role::Supervisor;
  BOOST_TEST(policy.Check(supervisor, review, clock.Now()).Ok());

  BOOST_REQUIRE(
      policy.AddPurpose("INV-INTERNAL", "Internal investigation of staff", false, {store::Role::Supervisor}).Ok());
  BOOST_TEST((Code(Ctx("26-004512", "INV-INTERNAL"), detective) == ErrorCode::PermissionDenied));
  BOOST_TEST(policy.Check(supervisor, Ctx("26-004512", "INV-INTERNAL"), clock.Now()).Ok());
  auto stored = storage->FindPurpose("INV-INTERNAL").Value();
  BOOST_REQUIRE(stored.has_value());
  BOOST_TEST((stored->roles == std::vector<store::Role>{store::Role::Supervisor}));
  BOOST_TEST(!Policy::ParseRoles("supervisor, chief").Ok());
  BOOST_TEST((Policy::ParseRoles(" auditor,supervisor,auditor ").Value() ==
              std::vector<store::Role>{store::Role::Auditor, store::Role::Supervisor}));
}

BOOST_AUTO_TEST_CASE(EachRuleNamesItselfInTheRefusalsDetail) {
  // Views say what to do next from the detail, never from the message: one per rule.
  store::UserRecord untrained = detective;
  untrained.trainingCompleted.reset();
  BOOST_TEST((Detail(Ctx(), untrained) == ErrorDetail::TrainingMissing));
  store::UserRecord lapsed = detective;
  lapsed.trainingExpires = clock.Now();
  BOOST_TEST((Detail(Ctx(), lapsed) == ErrorDetail::TrainingExpired));
  BOOST_TEST((Detail(Ctx(""), detective) == ErrorDetail::CaseNumberInvalid));
  BOOST_TEST((Detail(Ctx("2026-4512"), detective) == ErrorDetail::CaseNumberInvalid));
  BOOST_TEST((Detail(Ctx("26-004512", "NO-SUCH"), detective) == ErrorDetail::PurposeUnknown));
  BOOST_TEST((Detail(Ctx("26-004512", "PROHIB-TRAFFIC"), detective) == ErrorDetail::PurposeProhibited));
  BOOST_TEST((Detail(Ctx("26-004512", "AUDIT-REVIEW"), detective) == ErrorDetail::PurposeNotForRole));
  BOOST_TEST((Detail(Ctx("26-004512", "INV-OTHER", "short"), detective) == ErrorDetail::JustificationTooShort));
  BOOST_TEST((Detail(Ctx("26-004512", "INV-OTHER", "check immigration status of driver"), detective) ==
              ErrorDetail::ProhibitedUseNamed));
  BOOST_REQUIRE(storage->AddCase({"26-000001", "Closed one", "", false, "", 0}).Ok());
  BOOST_TEST((Detail(Ctx("26-000001"), detective) == ErrorDetail::CaseClosed));
  BOOST_REQUIRE(storage->SetSetting(kUnregisteredCaseSetting, "refuse").Ok());
  BOOST_TEST((Detail(Ctx("26-777777"), detective) == ErrorDetail::CaseNotRegistered));
  BOOST_REQUIRE(policy.AddPurpose("INV-FRAUD", "Fraud investigation", false).Ok());
  BOOST_REQUIRE(policy.SetPurposeDisabled("INV-FRAUD", true).Ok());
  BOOST_TEST((Detail(Ctx("26-000001", "INV-FRAUD"), detective) == ErrorDetail::PurposeWithdrawn));
}

BOOST_AUTO_TEST_SUITE_END()
