// SPDX-License-Identifier: GPL-3.0-or-later
// The audit review through the session: flags computed from the log the session wrote, and a
// sign-off whose checkpoint covers its own record and verifies the log.
#include "WorkstationTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

template <class R>
std::string Why(const R& r) {
  return r.Ok() ? std::string() : r.Err().ToString();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionOversight, AgencyFixture)

BOOST_AUTO_TEST_CASE(FlagsComeFromWhatTheSessionsDidAndASignOffAnchorsTheLog) {
  const UtcMs from = clock.Now() - kMsPerHour;
  auto detective = Detective();
  search::Query q;
  q.plate = "ABC120";
  BOOST_TEST_REQUIRE(detective->Search(Context("26-009999"), q).Ok());  // an unregistered case
  BOOST_TEST(!detective->Search(Context("26-004512", "PROHIB-IMMIGRATION"), q).Ok());
  clock.Advance(kMsPerMinute);
  const UtcMs to = clock.Now() + kMsPerHour;

  BOOST_TEST((detective->ReviewFlags(from, to).Err().code == ErrorCode::PermissionDenied));
  auto supervisor = Login("s.okafor", kSupervisorPassword);
  auto flags = supervisor->ReviewFlags(from, to);
  BOOST_TEST_REQUIRE(flags.Ok(), Why(flags));
  std::set<oversight::FlagKind> kinds;
  for (const auto& f : *flags) kinds.insert(f.kind);
  BOOST_TEST(kinds.contains(oversight::FlagKind::UnregisteredCase));
  BOOST_TEST(kinds.contains(oversight::FlagKind::Refused));
  BOOST_TEST(LastEvent() == "audit.review");
  BOOST_TEST(!supervisor->ReviewFlags(to, from).Ok());

  BOOST_TEST((supervisor->SignOffReview(from, to, "  ").Err().code == ErrorCode::InvalidArgument));
  auto review = supervisor->SignOffReview(from, to, "Weekly review: the unregistered case was a typo; refusal ok");
  BOOST_TEST_REQUIRE(review.Ok(), Why(review));
  BOOST_TEST((review->flags == *flags));  // the report prints the flags the sign-off counted
  const store::ReviewSignOff* signedOff = &review->signOff;
  BOOST_TEST(signedOff->flags == flags->size());
  BOOST_TEST(signedOff->checkpointSize > signedOff->auditSeq);  // the checkpoint covers the sign-off's record
  BOOST_TEST(signedOff->checkpoint.find("platedesk") != std::string::npos, signedOff->checkpoint);
  auto all = supervisor->ReviewSignOffs();
  BOOST_TEST_REQUIRE(all.Ok());
  BOOST_TEST_REQUIRE(all->size() == 1u);
  BOOST_TEST((all->front() == *signedOff));
  // The printed checkpoint verifies the log later, as a checkpoint held elsewhere would.
  auto verified = Admin()->VerifyAudit({signedOff->checkpoint});
  BOOST_TEST_REQUIRE(verified.Ok(), Why(verified));
  BOOST_TEST(verified->pass, verified->summary);
  BOOST_TEST((detective->SignOffReview(from, to, "mine").Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(TheChartsCountWhatTheSessionsDidAndTheSignOffCarriesThem) {
  const UtcMs from = clock.Now() - kMsPerHour;
  auto detective = Detective();
  search::Query q;
  q.plate = "ABC120";
  BOOST_TEST_REQUIRE(detective->Search(Context("26-004512"), q).Ok());
  q.plate = "ABC121";
  BOOST_TEST_REQUIRE(detective->Search(Context("26-009999"), q).Ok());  // unregistered: flagged
  BOOST_TEST(!detective->Search(Context("26-004512", "PROHIB-IMMIGRATION"), q).Ok());
  clock.Advance(kMsPerMinute);
  const UtcMs to = clock.Now() + kMsPerHour;

  BOOST_TEST((detective->ReviewActivity(from, to).Err().code == ErrorCode::PermissionDenied));
  auto supervisor = Supervisor();
  BOOST_TEST((supervisor->ReviewActivity(to, from).Err().code == ErrorCode::InvalidArgument));
  auto activity = supervisor->ReviewActivity(from, to);
  BOOST_TEST_REQUIRE(activity.Ok(), Why(activity));
  BOOST_TEST(LastEvent() == "audit.review");
  BOOST_TEST(LastRecord().find("review activity") != std::string::npos, LastRecord());
  std::uint64_t searches = 0;
  for (const auto& c : activity->searches) {
    BOOST_TEST(c.name == "d.reyes");
    searches += c.count;
  }
  BOOST_TEST(searches == 2U);
  BOOST_TEST(activity->refusedSearches == 1U);
  std::uint64_t cells = 0;
  for (auto n : activity->hourWeekday) cells += n;
  BOOST_TEST(cells == 2U);
  BOOST_TEST_REQUIRE(activity->purposes.size() == 1U);
  BOOST_TEST(activity->purposes.front().count == 2U);
  bool unregistered = false;
  for (const auto& c : activity->flags) unregistered = unregistered || c.name == "unregistered-case";
  BOOST_TEST(unregistered);
  const auto charts = oversight::ActivityCharts(*activity);
  BOOST_TEST_REQUIRE(charts.size() == 4U);
  BOOST_TEST(report::ChartTotal(charts[0]) == 2.0);

  // The sign-off's report draws the same counts.
  auto review = supervisor->SignOffReview(from, to, "Charts checked with the flags");
  BOOST_TEST_REQUIRE(review.Ok(), Why(review));
  BOOST_TEST((review->activity == *activity));
}

BOOST_AUTO_TEST_CASE(OneRecordIsMarkedReviewedWithANote) {
  search::Query q;
  q.plate = "ABC120";
  BOOST_REQUIRE(Detective()->Search(Context("26-555555"), q).Ok());     // an unregistered case: flagged
  const std::uint64_t seq = AllRecords()[AllRecords().size() - 2].seq;  // its search.start
  auto supervisor = Supervisor();
  BOOST_TEST((supervisor->NoteReviewEntry(seq, "  ").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((supervisor->NoteReviewEntry(999999, "seen").Err().code == ErrorCode::NotFound));
  BOOST_TEST((Detective()->NoteReviewEntry(seq, "mine").Err().code == ErrorCode::PermissionDenied));
  auto noted = supervisor->NoteReviewEntry(seq, "Typo in the case number; the detective re-ran it under 26-004512");
  BOOST_REQUIRE(noted.Ok());
  BOOST_TEST(noted->seq == seq);
  BOOST_TEST(LastEvent() == "review.entry_noted");
  BOOST_TEST(LastRecord().find("\"audit:" + std::to_string(seq) + "\"") != std::string::npos);
  auto notes = Login("j.lind", kAuditorPassword)->ReviewEntryNotes(seq, seq + 1);
  BOOST_REQUIRE(notes.Ok());
  BOOST_REQUIRE_EQUAL(notes->size(), 1U);
  BOOST_TEST(notes->front().reviewer == "s.okafor");
  BOOST_TEST(supervisor->ReviewEntryNotes(seq + 1, seq + 100)->empty());
}

BOOST_AUTO_TEST_CASE(AdministratorsReviewWhereTheAgencyEnablesIt) {
  const UtcMs from = clock.Now() - kMsPerDay, to = clock.Now() + kMsPerDay;
  auto admin = Admin();
  BOOST_TEST((admin->ReviewFlags(from, to).Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((admin->SetSetting("review_administrators", "yes").Err().code == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(admin->SetSetting("review_administrators", "1").Ok());
  BOOST_TEST(admin->ReviewFlags(from, to).Ok());
  BOOST_TEST(admin->AuditRecords({}).Ok());
  BOOST_REQUIRE(admin->SetSetting("review_administrators", "0").Ok());
  BOOST_TEST(!admin->ReviewSignOffs().Ok());
  BOOST_TEST((Detective()->ReviewFlags(from, to).Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(ReviewSettingsAreCheckedBeforeTheyAreStored) {
  auto admin = Admin();
  BOOST_TEST(!admin->SetSetting("review_hours", "19-07").Ok());
  BOOST_TEST(!admin->SetSetting("review_volume_minimum", "many").Ok());
  BOOST_TEST(admin->SetSetting("review_hours", "06-22").Ok());
  BOOST_TEST(admin->SetSetting("review_staff_vehicles", "chief01, CAR-22").Ok());
}

BOOST_AUTO_TEST_SUITE_END()
