// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

BOOST_AUTO_TEST_SUITE(AccessRecordsTest)

BOOST_AUTO_TEST_CASE(CasesAreRegisteredOnceAndCanBeClosed) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->AddCase({"26-004512", "Burglary, 5th Ave", "d.reyes", true, "s.okafor", 0}).Ok());
  auto dup = f.storage->AddCase({"26-004512", "other", "", true, "", 0});
  BOOST_TEST((dup.Err().code == ErrorCode::AlreadyExists));
  BOOST_REQUIRE(f.storage->SetCaseOpen("26-004512", false).Ok());
  auto c = f.storage->FindCase("26-004512");
  BOOST_REQUIRE(c.Ok());
  BOOST_REQUIRE(c->has_value());
  BOOST_TEST(!(*c)->open);
  BOOST_TEST((*c)->title == "Burglary, 5th Ave");
  BOOST_TEST((*c)->createdAt == kStart);
  BOOST_TEST((f.storage->SetCaseOpen("26-999999", true).Err().code == ErrorCode::NotFound));
  BOOST_TEST(f.storage->Cases()->size() == 1u);
}

BOOST_AUTO_TEST_CASE(AProhibitedPurposeCanNeverBeAllowedOrDeleted) {
  StorageFixture f;
  BOOST_REQUIRE(
      f.storage->AddPurpose({"PROHIB-IMMIGRATION", "Immigration enforcement", false, true, false, true, 0}).Ok());
  BOOST_TEST(!f.storage->AddPurpose({"PROHIB-IMMIGRATION", "again", false, false, false, false, 0}).Value());
  sqlite3* db = f.Raw();
  BOOST_TEST(RawExec(db, "UPDATE purposes SET prohibited = 0 WHERE code = 'PROHIB-IMMIGRATION'") != SQLITE_OK);
  BOOST_TEST(RawExec(db, "DELETE FROM purposes WHERE code = 'PROHIB-IMMIGRATION'") != SQLITE_OK);
  BOOST_TEST(f.storage->FindPurpose("PROHIB-IMMIGRATION").Value()->prohibited);
}

BOOST_AUTO_TEST_CASE(PurposesCanBeDisabledAndListed) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->AddPurpose({"INV-FRAUD", "Fraud investigation", false, false, false, false, 0}).Ok());
  BOOST_REQUIRE(f.storage->SetPurposeDisabled("INV-FRAUD", true).Ok());
  BOOST_TEST(f.storage->FindPurpose("INV-FRAUD").Value()->disabled);
  BOOST_TEST(!f.storage->FindPurpose("NOPE").Value().has_value());
  BOOST_TEST((f.storage->SetPurposeDisabled("NOPE", true).Err().code == ErrorCode::NotFound));
  BOOST_TEST(!f.storage->AddPurpose({"", "x", false, false, false, false, 0}).Ok());
}

BOOST_AUTO_TEST_CASE(SessionsAreFoundByTokenHashTouchedAndEndedOnce) {
  StorageFixture f;
  SessionRecord s{"aa11", "sess-1", "d.reyes", "cli", "ws-7", kStart, kStart, std::nullopt, ""};
  BOOST_REQUIRE(f.storage->AddSession(s).Ok());
  BOOST_TEST(!f.storage->AddSession(s).Ok());
  BOOST_REQUIRE(f.storage->TouchSession("aa11", kStart + 5000).Ok());
  BOOST_REQUIRE(f.storage->TouchSession("aa11", kStart + 1000).Ok());  // never goes back
  BOOST_TEST(f.storage->FindSessionByToken("aa11").Value()->lastActiveAt == kStart + 5000);
  BOOST_REQUIRE(f.storage->EndSession("aa11", kStart + 9000, "logout").Ok());
  BOOST_REQUIRE(f.storage->EndSession("aa11", kStart + 9999, "idle").Ok());
  auto found = f.storage->FindSessionByToken("aa11").Value();
  BOOST_TEST(*found->endedAt == kStart + 9000);
  BOOST_TEST(found->endReason == "logout");
  BOOST_TEST(!f.storage->FindSessionByToken("bb22").Value().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
