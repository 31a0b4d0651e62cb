// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

BOOST_FIXTURE_TEST_SUITE(HoldsTest, StorageFixture)

BOOST_AUTO_TEST_CASE(HoldsAreIdempotentAndListedByCaseAndRead) {
  const auto cam = Camera();
  const ReadId a = storage->InsertRead(MakeRead(cam, "a"))->id;
  const ReadId b = storage->InsertRead(MakeRead(cam, "b"))->id;
  const std::vector<ReadId> both{b, a};
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", both, "evidence export", "detective").Ok());
  BOOST_TEST(storage->CaseHolds("26-000001").Value() == (std::vector<ReadId>{a, b}));  // every read of one call
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{a}, "again", "detective").Ok());
  BOOST_REQUIRE(storage->AddCaseHolds("26-000002", std::vector<ReadId>{a}, "evidence export", "detective").Ok());
  BOOST_TEST(storage->CaseHolds("26-000001").Value() == (std::vector<ReadId>{a, b}));
  BOOST_TEST(storage->HoldsOnRead(a).Value() == (std::vector<std::string>{"26-000001", "26-000002"}));
  BOOST_TEST(storage->CaseHolds("26-000003")->empty());
  // The first placement is the one kept: why, by whom, when.
  const auto records = storage->CaseHoldRecords("26-000001").Value();
  BOOST_REQUIRE_EQUAL(records.size(), 2u);
  BOOST_TEST(records[0].read == a);
  BOOST_TEST(records[0].reason == "evidence export");
  BOOST_TEST(records[0].createdBy == "detective");
  BOOST_TEST(records[0].createdAt == clock.Now());
  BOOST_TEST(records[1].read == b);
  BOOST_TEST(storage->CaseHoldRecords("26-000003")->empty());
}

BOOST_AUTO_TEST_CASE(AHoldOnAMissingReadChangesNothing) {
  const ReadId a = storage->InsertRead(MakeRead(Camera(), "a"))->id;
  auto st = storage->AddCaseHolds("26-000001", std::vector<ReadId>{a, 999}, "export", "detective");
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::NotFound));
  BOOST_TEST(storage->CaseHolds("26-000001")->empty());  // all or none
  BOOST_TEST(!storage->AddCaseHolds("", std::vector<ReadId>{a}, "export", "detective").Ok());
}

BOOST_AUTO_TEST_CASE(TheSchemaRefusesToDeleteAHeldReadOrAHold) {
  const auto cam = Camera();
  const ReadId held = storage->InsertRead(MakeRead(cam, "held"))->id;
  const ReadId free = storage->InsertRead(MakeRead(cam, "free"))->id;
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{held}, "export", "detective").Ok());
  std::string error;
  // What a retention purge runs (under its marker): the held read stays, the other one goes.
  BOOST_TEST(RawExec(Raw(), "DELETE FROM read_candidates WHERE read_id = " + std::to_string(held)) == SQLITE_OK);
  BOOST_TEST(RawPurgeExec(Raw(), "DELETE FROM reads WHERE id = " + std::to_string(held), &error) != SQLITE_OK);
  BOOST_TEST(error.find("case hold") != std::string::npos, error);
  BOOST_TEST(RawExec(Raw(), "DELETE FROM read_candidates WHERE read_id = " + std::to_string(free)) == SQLITE_OK);
  BOOST_TEST(RawPurgeExec(Raw(), "DELETE FROM reads WHERE id = " + std::to_string(free)) == SQLITE_OK);
  BOOST_TEST(RawExec(Raw(), "DELETE FROM case_holds", &error) != SQLITE_OK);
  BOOST_TEST(storage->GetRead(held)->has_value());
}

BOOST_AUTO_TEST_SUITE_END()
