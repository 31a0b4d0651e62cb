// SPDX-License-Identifier: GPL-3.0-or-later
// The approval queue (issue 14): what needs a supervisor's approval, the request, the decision by
// another supervisor, and the search that runs only as the exact query approved, for a limited
// time, with the approver on its audit record.
#include "WorkstationTestSupport.h"

#include <nlohmann/json.hpp>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

search::Query Pattern(const std::string& plate) {
  search::Query q;
  q.plate = plate;
  return q;
}

nlohmann::json Last(AgencyFixture& f, const std::string& event) {
  const auto records = f.AllRecords();
  for (auto it = records.rbegin(); it != records.rend(); ++it)
    if (it->event == event) return nlohmann::json::parse(it->canonical);
  BOOST_FAIL("no " + event + " record");
  return {};
}

ApprovalSubject SearchOf(const search::Query& q, std::size_t limit = 100) { return {q, limit, std::nullopt}; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionApprovalTest, AgencyFixture)

BOOST_AUTO_TEST_CASE(ABroadSearchRunsOnlyAsTheExactQueryAnotherSupervisorApproved) {
  auto detective = Detective();
  search::SearchOptions options;
  options.limit = 100;
  const auto broad = Pattern("*1");
  auto refused = detective->Search(Context(), broad, options);
  BOOST_REQUIRE(!refused);
  BOOST_TEST((refused.Err().detail == ErrorDetail::ApprovalNeeded));
  BOOST_TEST(refused.Err().message.find("the pattern *1 pins down fewer than 3 characters") != std::string::npos);
  BOOST_TEST(LastEvent() == "search.refused");

  auto made = detective->RequestApproval(Context(), SearchOf(broad));
  BOOST_REQUIRE(made);
  BOOST_TEST((made->state == store::ApprovalState::Pending));
  BOOST_TEST(made->query.at("plate") == "*1");
  BOOST_TEST(made->query.at("limit") == "100");
  BOOST_REQUIRE_EQUAL(made->reasons.size(), 1U);
  BOOST_TEST(LastEvent() == "approval.request");

  // Pending: nothing runs under it yet; a detective cannot decide it.
  AccessContext under = Context();
  under.approval = made->id;
  auto early = detective->Search(under, broad, options);
  BOOST_REQUIRE(!early);
  BOOST_TEST(early.Err().message.find("still waiting") != std::string::npos);
  BOOST_TEST((detective->DecideApproval(made->id, true, "", 0).Err().code == ErrorCode::PermissionDenied));

  auto decided = Supervisor()->DecideApproval(made->id, true, "warrant on file", 0);
  BOOST_REQUIRE(decided);
  BOOST_TEST((decided->state == store::ApprovalState::Approved));
  BOOST_TEST(decided->validUntil == decided->decidedAt + 24 * kMsPerHour);  // approval_hours' default
  const auto decision = Last(*this, "approval.decision");
  BOOST_TEST(decision["details"]["decision"].get<std::string>() == "approved");
  BOOST_TEST(decision["query"]["plate"].get<std::string>() == "*1");

  auto ran = detective->Search(under, broad, options);
  BOOST_REQUIRE_MESSAGE(ran, (ran ? std::string() : ran.Err().ToString()));
  BOOST_TEST(ran->result.totalMatches == 1U);  // ABC121
  const auto start = Last(*this, "search.start");
  BOOST_TEST(start["details"]["approval"].get<std::int64_t>() == made->id);
  BOOST_TEST(start["details"]["approved_by"].get<std::string>() == "s.okafor");

  // Another query, another limit, another justification: not what was approved.
  auto other = detective->Search(under, Pattern("*2"), options);
  BOOST_REQUIRE(!other);
  BOOST_TEST(other.Err().message.find("plate: *1 approved, *2 asked") != std::string::npos);
  options.limit = 50;
  BOOST_TEST(detective->Search(under, broad, options).Err().message.find("limit: 100 approved, 50 asked") !=
             std::string::npos);
  options.limit = 100;
  AccessContext otherWhy = under;
  otherWhy.justification = "Another reason entirely for this search";
  BOOST_TEST(!detective->Search(otherWhy, broad, options));
  BOOST_TEST(LastEvent() == "search.refused");

  // Someone else cannot use it.
  auto supervisor = Supervisor();
  BOOST_TEST(supervisor->Search(under, broad, options).Err().message.find("another user") != std::string::npos);

  // It lasts its hours.
  clock.Advance(25 * kMsPerHour);
  auto late = Detective()->Search(under, broad, options);
  BOOST_REQUIRE(!late);
  BOOST_TEST(late.Err().message.find("expired") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(NobodyDecidesTheirOwnRequestAndADecisionIsFinal) {
  auto supervisor = Supervisor();
  auto made = supervisor->RequestApproval(Context(), SearchOf(Pattern("A*")));
  BOOST_REQUIRE(made);
  auto own = supervisor->DecideApproval(made->id, true, "", 0);
  BOOST_REQUIRE(!own);
  BOOST_TEST((own.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(LastEvent() == "approval.refused");

  auto other = SecondSupervisor();
  BOOST_TEST((other->DecideApproval(made->id, false, "  ", 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((other->DecideApproval(made->id, true, "", 169).Err().code == ErrorCode::InvalidArgument));
  auto denied = other->DecideApproval(made->id, false, "narrow it to the partial the witness gave", 0);
  BOOST_REQUIRE(denied);
  BOOST_TEST((denied->state == store::ApprovalState::Denied));
  BOOST_TEST((other->DecideApproval(made->id, true, "", 0).Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST((other->DecideApproval(9999, true, "", 0).Err().code == ErrorCode::NotFound));

  AccessContext under = Context();
  under.approval = made->id;
  auto run = supervisor->Search(under, Pattern("A*"));
  BOOST_REQUIRE(!run);
  BOOST_TEST(run.Err().message.find("denied by m.tan: narrow it") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(APurposeThatNeedsApprovalGivesNoAccessWithoutOneForAnyRole) {
  const AccessContext warrant = Context("26-004512", "WARRANT", "Locating the subject of felony warrant W-88213");
  for (bool supervisor : {false, true}) {
    auto s = supervisor ? Supervisor() : Detective();
    auto search = s->Search(warrant, Pattern("ABC120"));
    BOOST_REQUIRE(!search);
    BOOST_TEST((search.Err().detail == ErrorDetail::ApprovalNeeded));
    BOOST_TEST(!s->GetReads(warrant, ReadIds()));
    BOOST_TEST(LastEvent() == "access.refused");
  }
  auto detective = Detective();
  AccessContext approved = warrant;
  approved.approval = Approved(*detective, warrant, SearchOf(Pattern("ABC120"), 0));
  auto made = detective->Approvals({.id = approved.approval});
  BOOST_REQUIRE(made);
  BOOST_TEST(made->front().reasons.front() ==
             "the purpose Locating the subject of an active felony warrant needs a supervisor's approval");
  BOOST_TEST(made->front().query.at("limit") == "1000");  // 0 asks for the agency's cap
  auto ran = detective->Search(approved, Pattern("ABC120"));
  BOOST_REQUIRE_MESSAGE(ran, (ran ? std::string() : ran.Err().ToString()));
  BOOST_TEST(ran->result.hits.size() == 1U);
  auto viewed = detective->GetReads(approved, ReadIds());  // viewing what it found, under the approval
  BOOST_REQUIRE(viewed);
  BOOST_TEST(Last(*this, "read.viewed")["details"]["approved_by"].get<std::string>() == "s.okafor");
}

BOOST_AUTO_TEST_CASE(AResultOverTheAgencysCountIsWithheldUntilApproved) {
  BOOST_REQUIRE(Admin()->SetSetting("approval_result_reads", "2"));
  auto detective = Detective();
  const auto abc = Pattern("ABC*");  // all three fixture reads
  int batches = 0;
  search::SearchOptions options;
  options.onBatch = [&](std::span<const search::Hit>) {
    ++batches;
    return true;
  };
  auto withheld = detective->Search(Context(), abc, options);
  BOOST_REQUIRE(!withheld);
  BOOST_TEST((withheld.Err().detail == ErrorDetail::ApprovalNeeded));
  BOOST_TEST(withheld.Err().message.find("matched 3 reads, more than the agency's 2") != std::string::npos);
  BOOST_TEST(batches == 0);  // nothing was shown
  const auto result = Last(*this, "search.result");
  BOOST_TEST(result["outcome"].get<std::string>() == "refused");
  BOOST_TEST(result["result_count"].get<int>() == 3);

  // The request names the count the withheld search found (from its audit record).
  auto made = detective->RequestApproval(Context(), SearchOf(abc, 0));
  BOOST_REQUIRE(made);
  BOOST_REQUIRE_EQUAL(made->reasons.size(), 1U);
  BOOST_TEST(made->reasons.front() == "the search matched 3 reads (more than the agency's 2)");
  BOOST_REQUIRE(Supervisor()->DecideApproval(made->id, true, "burglary series", 2));
  AccessContext under = Context();
  under.approval = made->id;
  auto ran = detective->Search(under, abc, options);
  BOOST_REQUIRE(ran);
  BOOST_TEST(ran->result.hits.size() == 3U);

  // A search that needs nothing is not queued.
  auto needless = detective->RequestApproval(Context(), SearchOf(Pattern("ABC120")));
  BOOST_REQUIRE(!needless);
  BOOST_TEST(needless.Err().message.find("needs no approval") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(LimitsAboveTheCapAndWideVehicleSearchesNeedApproval) {
  auto admin = Admin();
  BOOST_REQUIRE(admin->SetSetting("search_limit_cap", "2"));
  for (const auto& [key, bad] : std::vector<std::pair<std::string, std::string>>{
           {"search_limit_cap", "0"}, {"approval_hours", "200"}, {"approval_vehicle_hours", "x"}})
    BOOST_TEST((admin->SetSetting(key, bad).Err().code == ErrorCode::InvalidArgument), key);
  auto detective = Detective();
  search::SearchOptions options;
  options.limit = 3;
  auto over = detective->Search(Context(), Pattern("ABC*"), options);
  BOOST_REQUIRE(!over);
  BOOST_TEST(over.Err().message.find("a limit of 3 results (the agency's cap is 2)") != std::string::npos);
  auto capped = detective->Search(Context(), Pattern("ABC*"));  // limit 0: the cap
  BOOST_REQUIRE(capped);
  BOOST_TEST(capped->result.hits.size() == 2U);
  BOOST_TEST(capped->result.truncated);
  BOOST_TEST(Last(*this, "search.start")["query"]["limit"].get<std::string>() == "2");

  search::Query vehicle;
  vehicle.from = clock.Now() - 25 * kMsPerHour;
  auto wide = detective->Search(Context(), vehicle);
  BOOST_REQUIRE(!wide);
  BOOST_TEST(wide.Err().message.find("a vehicle-only search over 25 hours (more than 24)") != std::string::npos);
  vehicle.from = clock.Now() - 4 * kMsPerHour;
  BOOST_TEST(detective->Search(Context(), vehicle).Ok());
  BOOST_TEST((detective->ApprovalPolicy()->limitCap == 2U));
}

BOOST_AUTO_TEST_CASE(EachUserSeesTheirOwnRequestsSupervisorsAndAuditorsEveryOne) {
  auto detective = Detective();
  BOOST_REQUIRE(detective->RequestApproval(Context(), SearchOf(Pattern("*1"))));
  auto supervisor = Supervisor();
  BOOST_REQUIRE(supervisor->RequestApproval(Context(), SearchOf(Pattern("*2"))));
  BOOST_TEST(detective->Approvals({})->size() == 1U);
  BOOST_TEST(detective->Approvals({.requestedBy = "s.okafor"})->size() == 1U);  // still only their own
  BOOST_TEST(LastEvent() == "audit.review");
  BOOST_TEST(supervisor->Approvals({})->size() == 2U);
  BOOST_TEST(supervisor->Approvals({.state = store::ApprovalState::Pending})->size() == 2U);
  BOOST_TEST(Login("j.lind", kAuditorPassword)->Approvals({.requestedBy = "d.reyes"})->size() == 1U);
  // An auditor reaches no plate data, so asks for nothing.
  BOOST_TEST(!Login("j.lind", kAuditorPassword)->RequestApproval(Context(), SearchOf(Pattern("*3"))));
}

BOOST_AUTO_TEST_SUITE_END()
