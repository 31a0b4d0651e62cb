// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: the approval queue's records (schema v14): requests, one decision each, the state
// derived from the decision and the time, nothing edited or deleted.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

SearchApproval Request(const std::string& user, const std::string& plate) {
  SearchApproval a;
  a.requestedBy = user;
  a.requestedAt = kStart;
  a.caseNumber = "26-004512";
  a.purposeCode = "WARRANT";
  a.justification = "Locating the subject of felony warrant W-88213";
  a.query = {{"plate", plate}, {"edits", "0"}, {"limit", "100"}};
  a.reasons = {"the purpose WARRANT needs a supervisor's approval"};
  a.auditSeq = 41;
  return a;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ApprovalRecordsTest, StorageFixture)

BOOST_AUTO_TEST_CASE(ARequestIsDecidedOnceAndItsStateFollowsTheClock) {
  auto first = storage->AddApproval(Request("det.ruiz", "7AB*"));
  auto second = storage->AddApproval(Request("det.chen", "*9"));
  BOOST_REQUIRE(first);
  BOOST_REQUIRE(second);
  auto pending = storage->Approvals({.state = ApprovalState::Pending}, kStart);
  BOOST_REQUIRE(pending);
  BOOST_REQUIRE_EQUAL(pending->size(), 2U);
  BOOST_TEST(pending->front().id == *second);  // newest first
  BOOST_TEST(pending->back().query.at("plate") == "7AB*");
  BOOST_TEST(pending->back().reasons.size() == 1U);

  SearchApproval d;
  d.id = *first;
  d.decidedBy = "sgt.okafor";
  d.decidedAt = kStart + kMsPerHour;
  d.approved = true;
  d.decisionReason = "warrant on file";
  d.validUntil = d.decidedAt + 24 * kMsPerHour;
  d.decisionSeq = 57;
  BOOST_REQUIRE(storage->DecideApproval(d));
  auto again = storage->DecideApproval(d);
  BOOST_REQUIRE(!again);
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
  d.id = 999;
  BOOST_TEST((storage->DecideApproval(d).Err().code == ErrorCode::NotFound));

  auto mine = storage->Approvals({.requestedBy = "det.ruiz"}, kStart + 2 * kMsPerHour);
  BOOST_REQUIRE(mine);
  BOOST_REQUIRE_EQUAL(mine->size(), 1U);
  BOOST_TEST((mine->front().state == ApprovalState::Approved));
  BOOST_TEST(mine->front().decidedBy == "sgt.okafor");
  BOOST_TEST(mine->front().decisionSeq == 57U);
  auto later = storage->Approvals({.id = *first}, kStart + 26 * kMsPerHour);
  BOOST_TEST((later->front().state == ApprovalState::Expired));

  SearchApproval deny;
  deny.id = *second;
  deny.decidedBy = "sgt.okafor";
  deny.decidedAt = kStart;
  deny.approved = false;
  BOOST_TEST(!storage->DecideApproval(deny));  // a denial needs its reason (schema)
  deny.decisionReason = "narrow the pattern first";
  BOOST_REQUIRE(storage->DecideApproval(deny));
  BOOST_TEST((storage->Approvals({.id = *second}, kStart)->front().state == ApprovalState::Denied));
}

BOOST_AUTO_TEST_CASE(RequestsAndDecisionsAreNeverEditedOrDeleted) {
  auto id = storage->AddApproval(Request("det.ruiz", "7AB*"));
  BOOST_REQUIRE(id);
  for (const char* sql : {"UPDATE search_approvals SET justification = 'other'", "DELETE FROM search_approvals"})
    BOOST_TEST(sqlite3_exec(Raw(), sql, nullptr, nullptr, nullptr) != SQLITE_OK, sql);
  auto empty = Request("det.ruiz", "7AB*");
  empty.justification.clear();
  BOOST_TEST(!storage->AddApproval(empty));
  auto kind = Request("det.ruiz", "7AB*");
  kind.kind = "everything";
  BOOST_TEST(!storage->AddApproval(kind));
  BOOST_TEST(storage->Approvals({}, kStart)->size() == 1U);
}

BOOST_AUTO_TEST_CASE(StateNamesReadBack) {
  for (auto s : {ApprovalState::Pending, ApprovalState::Approved, ApprovalState::Denied, ApprovalState::Expired})
    BOOST_TEST((ParseApprovalState(ApprovalStateName(s)) == s));
  BOOST_TEST(!ParseApprovalState("maybe"));
}

BOOST_AUTO_TEST_SUITE_END()
