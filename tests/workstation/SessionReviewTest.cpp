// SPDX-License-Identifier: GPL-3.0-or-later
// "I visually verified this read" and "Report a misread" through the facade: the rules first, the
// audit record before the store, and the original read untouched.
#include "WorkstationTestSupport.h"

#include <nlohmann/json.hpp>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

BOOST_FIXTURE_TEST_SUITE(SessionReviewTest, AgencyFixture)

BOOST_AUTO_TEST_CASE(AVerificationIsRecordedWithUserCaseAndTimeAfterItsAuditRecord) {
  auto s = Detective();
  const UtcMs at = clock.Now();
  auto v = s->VerifyRead(Context(), reads[1]);
  BOOST_REQUIRE_MESSAGE(v.Ok(), (v.Ok() ? "" : v.Err().ToString()));
  BOOST_TEST(v->user == "d.reyes");
  BOOST_TEST(v->caseNumber == "26-004512");
  BOOST_TEST(v->createdAt == at);
  const auto record = nlohmann::json::parse(LastRecord());
  BOOST_TEST(record["event"].get<std::string>() == "read.verified");
  BOOST_TEST(record["objects"][0].get<std::string>() == "read:" + std::to_string(reads[1]));
  auto checks = s->GetReadChecks(Context(), reads[1]);
  BOOST_REQUIRE(checks.Ok());
  BOOST_REQUIRE(checks->verifications.size() == 1u);
  BOOST_TEST(checks->verifications[0].user == "d.reyes");
  BOOST_TEST(checks->corrections.empty());
}

BOOST_AUTO_TEST_CASE(AMisreadReportKeepsTheOriginalAndRecordsFromAndTo) {
  auto s = Detective();
  auto c = s->ReportMisread(Context(), reads[0], " abc-128 ", "wa", "  plate crop shows 8, not 0 ");
  BOOST_REQUIRE_MESSAGE(c.Ok(), (c.Ok() ? "" : c.Err().ToString()));
  BOOST_TEST(c->plate == "ABC128");
  BOOST_TEST(c->state == "WA");
  BOOST_TEST(c->reason == "plate crop shows 8, not 0");
  BOOST_TEST(c->user == "d.reyes");
  const auto record = nlohmann::json::parse(LastRecord());
  BOOST_TEST(record["event"].get<std::string>() == "read.corrected");
  BOOST_TEST(record["details"]["from_plate"].get<std::string>() == "ABC120");
  BOOST_TEST(record["details"]["to_plate"].get<std::string>() == "ABC128");
  auto original = s->GetReads(Context(), std::vector<store::ReadId>{reads[0]});
  BOOST_REQUIRE(original.Ok());
  BOOST_TEST(original->at(0).plate == "ABC120");
  auto checks = s->GetReadChecks(Context(), reads[0]);
  BOOST_REQUIRE(checks.Ok());
  BOOST_REQUIRE(checks->corrections.size() == 1u);
  BOOST_TEST(checks->corrections[0].plate == "ABC128");
}

BOOST_AUTO_TEST_CASE(BadCorrectionsAreRefusedWithoutAnAuditRecordOrAStoredRow) {
  auto s = Detective();
  const auto before = AuditSize();
  BOOST_TEST(s->ReportMisread(Context(), reads[0], "--", "WA", "why").Err().context == "plate");
  BOOST_TEST(s->ReportMisread(Context(), reads[0], "ABC128", "Washington", "why").Err().context == "state");
  BOOST_TEST(s->ReportMisread(Context(), reads[0], "ABC128", "WA", "   ").Err().context == "reason");
  BOOST_TEST(s->ReportMisread(Context(), reads[0], "abc120", "WA", "same").Err().context == "plate");
  BOOST_TEST((s->ReportMisread(Context(), 999999, "ABC128", "WA", "why").Err().code == ErrorCode::NotFound));
  BOOST_TEST((s->VerifyRead(Context(), 999999).Err().code == ErrorCode::NotFound));
  BOOST_TEST(AuditSize() == before);
  BOOST_TEST(s->GetReadChecks(Context(), reads[0])->corrections.empty());
}

BOOST_AUTO_TEST_CASE(WithoutAnAllowedPurposeNothingIsVerifiedAndTheRefusalIsAudited) {
  auto s = Detective();
  auto v = s->VerifyRead(Context("26-004512", "PROHIB-PERSONAL"), reads[0]);
  BOOST_REQUIRE(!v.Ok());
  BOOST_TEST(LastEvent() == "access.refused");
  auto c = s->ReportMisread(Context("26-004512", "INV-PROPERTY", "short"), reads[0], "ABC128", "WA", "why");
  BOOST_REQUIRE(!c.Ok());
  BOOST_TEST(LastEvent() == "access.refused");
  auto checks = Admin()->GetReadChecks(Context(), reads[0]);
  BOOST_REQUIRE(checks.Ok());
  BOOST_TEST(checks->verifications.empty());
  BOOST_TEST(checks->corrections.empty());
}

BOOST_AUTO_TEST_CASE(TheAuditorRoleCannotVerifyReads) {
  auto s = Login("j.lind", kAuditorPassword);
  auto v = s->VerifyRead(Context(), reads[0]);
  BOOST_REQUIRE(!v.Ok());
  BOOST_TEST((v.Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(CamerasAreListedWithoutAnAccessContextButNotAfterLogout) {
  auto s = Detective();
  auto cams = s->Cameras();
  BOOST_REQUIRE(cams.Ok());
  BOOST_REQUIRE(cams->size() == 1u);
  BOOST_TEST(cams->at(0).name == "Aurora Ave N & N 85th St");
  BOOST_REQUIRE(s->Logout().Ok());
  BOOST_TEST(!s->Cameras().Ok());
}

BOOST_AUTO_TEST_SUITE_END()
