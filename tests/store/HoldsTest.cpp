// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTestSupport.h"

#include "platedesk/store/Migrations.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

Hold Order(std::vector<std::string> cameras, std::vector<std::string> plates, UtcMs from, UtcMs to) {
  Hold h;
  h.caseNumber = "26-000009";
  h.kind = HoldKind::Preservation;
  h.reason = "preservation request PR-2026-118";
  h.placedBy = "s.okafor";
  h.from = from;
  h.to = to;
  h.cameras = std::move(cameras);
  h.plates = std::move(plates);
  return h;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(HoldsTest, StorageFixture)

BOOST_AUTO_TEST_CASE(HoldsAreListedByCaseAndReadWithTheirEarliestHold) {
  const auto cam = Camera();
  const ReadId a = storage->InsertRead(MakeRead(cam, "a"))->id;
  const ReadId b = storage->InsertRead(MakeRead(cam, "b"))->id;
  const std::vector<ReadId> both{b, a};
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", both, "evidence export", "detective").Ok());
  BOOST_TEST(storage->CaseHolds("26-000001").Value() == (std::vector<ReadId>{a, b}));  // every read of one call
  clock.Advance(kMsPerMinute);
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{a}, "again", "detective").Ok());
  BOOST_REQUIRE(storage->AddCaseHolds("26-000002", std::vector<ReadId>{a}, "evidence export", "detective").Ok());
  BOOST_TEST(storage->CaseHolds("26-000001").Value() == (std::vector<ReadId>{a, b}));
  BOOST_TEST(storage->HoldsOnRead(a).Value() == (std::vector<std::string>{"26-000001", "26-000002"}));
  BOOST_TEST(storage->CaseHolds("26-000003")->empty());
  // Each read once, with its earliest hold: why, by whom, when, which hold and kind.
  const auto records = storage->CaseHoldRecords("26-000001").Value();
  BOOST_REQUIRE_EQUAL(records.size(), 2u);
  BOOST_TEST(records[0].read == a);
  BOOST_TEST(records[0].reason == "evidence export");
  BOOST_TEST(records[0].createdBy == "detective");
  BOOST_TEST(records[0].createdAt == clock.Now() - kMsPerMinute);
  BOOST_TEST((records[0].kind == HoldKind::Investigation));
  BOOST_TEST(records[1].read == b);
  BOOST_TEST(storage->CaseHoldRecords("26-000003")->empty());
  // Three holds, two cases.
  const auto all = storage->Holds({}).Value();
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  BOOST_TEST(all[0].reads == 2u);
  BOOST_TEST(all[1].reason == "again");
  const auto counts = storage->CountHoldsInForce().Value();
  BOOST_TEST(counts.reads == 2u);
  BOOST_TEST(counts.cases == 2u);
  BOOST_TEST(counts.investigation == 3u);
  BOOST_TEST(counts.preservation == 0u);
}

BOOST_AUTO_TEST_CASE(AHoldOnAMissingReadOrCameraChangesNothing) {
  const ReadId a = storage->InsertRead(MakeRead(Camera(), "a"))->id;
  auto st = storage->AddCaseHolds("26-000001", std::vector<ReadId>{a, 999}, "export", "detective");
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::NotFound));
  BOOST_TEST(storage->CaseHolds("26-000001")->empty());  // all or none
  BOOST_TEST(storage->Holds({})->empty());
  BOOST_TEST(!storage->AddCaseHolds("", std::vector<ReadId>{a}, "export", "detective").Ok());
  BOOST_TEST(!storage->AddCaseHolds("26-000001", std::vector<ReadId>{a}, "", "detective").Ok());
  auto order = storage->AddHold(Order({"cam-1", "no-such-camera"}, {}, kStart, kStart + kMsPerDay), {});
  BOOST_REQUIRE(!order.Ok());
  BOOST_TEST((order.Err().code == ErrorCode::NotFound));
  BOOST_TEST(storage->Holds({})->empty());
}

BOOST_AUTO_TEST_CASE(AnOrderNeedsAWindowAndACameraOrPlateAndAHoldOfReadsNeedsReads) {
  const ReadId a = storage->InsertRead(MakeRead(Camera(), "a"))->id;
  const std::vector<ReadId> one{a};
  for (const Hold& bad :
       {Order({}, {}, kStart, kStart + 1), Order({"cam-1"}, {}, kStart, kStart), Order({}, {""}, kStart, kStart + 1)}) {
    auto r = storage->AddHold(bad, {});
    BOOST_REQUIRE(!r.Ok());
    BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  }
  Hold noWindow = Order({"cam-1"}, {}, kStart, kStart + 1);
  noWindow.to.reset();
  BOOST_TEST(!storage->AddHold(noWindow, {}).Ok());
  BOOST_TEST(!storage->AddHold(Order({"cam-1"}, {}, kStart, kStart + 1), one).Ok());  // an order names no reads
  Hold discovery;
  discovery.caseNumber = "26-000001";
  discovery.kind = HoldKind::Discovery;
  discovery.reason = "defence discovery request of 2 Dec";
  discovery.placedBy = "s.okafor";
  BOOST_TEST(!storage->AddHold(discovery, {}).Ok());
  discovery.plates = {"ABC1234"};
  BOOST_TEST(!storage->AddHold(discovery, one).Ok());  // only an order names plates
  discovery.plates.clear();
  BOOST_TEST(storage->AddHold(discovery, one).Ok());
}

BOOST_AUTO_TEST_CASE(ReleaseAndReviewHappenOnceAndAreKept) {
  const ReadId a = storage->InsertRead(MakeRead(Camera(), "a"))->id;
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{a}, "evidence package X", "d.reyes").Ok());
  const std::int64_t id = storage->Holds({})->at(0).id;
  BOOST_TEST(!storage->AddHoldReview(id, "s.okafor", "").Ok());
  clock.Advance(kMsPerDay);
  BOOST_REQUIRE(storage->AddHoldReview(id, "s.okafor", "trial set for March: keep").Ok());
  auto listed = storage->Holds({.id = id}).Value();
  BOOST_REQUIRE_EQUAL(listed.size(), 1u);
  BOOST_TEST(listed[0].reviewedBy == "s.okafor");
  BOOST_TEST(listed[0].reviewedAt == clock.Now());
  BOOST_TEST(listed[0].reviewNote == "trial set for March: keep");
  BOOST_TEST(listed[0].InForce());

  BOOST_TEST((storage->ReleaseHold(id, "s.okafor", "").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((storage->ReleaseHold(999, "s.okafor", "done").Err().code == ErrorCode::NotFound));
  clock.Advance(kMsPerDay);
  BOOST_REQUIRE(storage->ReleaseHold(id, "s.okafor", "case closed, no charges").Ok());
  BOOST_TEST((storage->ReleaseHold(id, "s.okafor", "again").Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST((storage->AddHoldReview(id, "s.okafor", "late").Err().code == ErrorCode::AlreadyExists));
  listed = storage->Holds({.id = id}).Value();
  BOOST_TEST(!listed[0].InForce());
  BOOST_TEST(listed[0].releasedBy == "s.okafor");
  BOOST_TEST(listed[0].releasedAt == clock.Now());
  BOOST_TEST(listed[0].releaseReason == "case closed, no charges");
  BOOST_TEST(storage->CaseHolds("26-000001")->empty());
  BOOST_TEST(storage->HoldsOnRead(a)->empty());
  BOOST_TEST(storage->Holds({.inForceOnly = true})->empty());
  BOOST_TEST(storage->Holds({.caseNumber = "26-000001"})->size() == 1u);
}

BOOST_AUTO_TEST_CASE(AnOrderHoldsWhatMatchesIncludingReadsThatArriveLater) {
  const auto cam1 = Camera("cam-1");
  const auto cam2 = Camera("cam-2");
  auto read = [&](CameraId cam, const std::string& uuid, const std::string& plate, UtcMs at) {
    NewRead r = MakeRead(cam, uuid, plate);
    r.capturedAt = at;
    return storage->InsertRead(r)->id;
  };
  const UtcMs from = kStart - 10 * kMsPerDay;
  const UtcMs to = kStart - 5 * kMsPerDay;
  const ReadId inside = read(cam1, "inside", "KXR4471", from + kMsPerHour);
  const ReadId otherPlate = read(cam1, "other-plate", "ZZZ0001", from + kMsPerHour);
  const ReadId otherCamera = read(cam2, "other-camera", "KXR4471", from + kMsPerHour);
  const ReadId before = read(cam1, "before", "KXR4471", from - 1);
  const ReadId atEnd = read(cam1, "at-end", "KXR4471", to);
  // Camera AND plate: both named, both must match.
  auto id = storage->AddHold(Order({"cam-1"}, {"KXR4471"}, from, to), {});
  BOOST_REQUIRE(id.Ok());
  // A read that arrives after the order, captured inside its window (a camera's backlog).
  const ReadId late = read(cam1, "late", "KXR4471", to - kMsPerHour);
  auto listed = storage->Holds({.id = *id}).Value();
  BOOST_REQUIRE_EQUAL(listed.size(), 1u);
  BOOST_TEST(listed[0].cameras == (std::vector<std::string>{"cam-1"}));
  BOOST_TEST(listed[0].plates == (std::vector<std::string>{"KXR4471"}));
  BOOST_TEST(listed[0].reads == 2u);
  BOOST_TEST(storage->HoldsOnRead(late).Value() == (std::vector<std::string>{"26-000009"}));
  BOOST_TEST(storage->Holds({.id = *id, .countReads = false})->at(0).reads == 0u);  // not counted when not asked
  BOOST_TEST(storage->HoldsOnRead(otherCamera)->empty());
  const auto counts = storage->CountHoldsInForce().Value();
  BOOST_TEST(counts.reads == 2u);
  BOOST_TEST(counts.preservation == 1u);

  // A purge past everything keeps exactly the two matches.
  PurgeCounts purged;
  BOOST_REQUIRE(storage->PurgeExpired(RetentionCutoffs::Same(clock.Now()), purged).Ok());
  BOOST_TEST(purged.readsHeld == 2u);
  BOOST_TEST(storage->GetRead(inside)->has_value());
  BOOST_TEST(storage->GetRead(late)->has_value());
  for (ReadId gone : {otherPlate, otherCamera, before, atEnd}) BOOST_TEST(!storage->GetRead(gone)->has_value());

  // Released, the order keeps nothing.
  BOOST_REQUIRE(storage->ReleaseHold(*id, "s.okafor", "order vacated by the court").Ok());
  BOOST_REQUIRE(storage->PurgeExpired(RetentionCutoffs::Same(clock.Now()), purged).Ok());
  BOOST_TEST(purged.readsDeleted == 2u);
  BOOST_TEST(!storage->GetRead(late)->has_value());
}

BOOST_AUTO_TEST_CASE(AnOrderOfPlatesAloneMatchesCorrectedReadsOnEveryCamera) {
  const auto cam1 = Camera("cam-1");
  const auto cam2 = Camera("cam-2");
  NewRead misread = MakeRead(cam2, "misread", "KXR4A71");
  misread.capturedAt = kStart - 6 * kMsPerDay;
  const ReadId id = storage->InsertRead(misread)->id;
  NewRead plain = MakeRead(cam1, "plain", "KXR4471");
  plain.capturedAt = kStart - 6 * kMsPerDay;
  const ReadId plainId = storage->InsertRead(plain)->id;
  BOOST_REQUIRE(storage->AddHold(Order({}, {"KXR4471"}, kStart - 7 * kMsPerDay, kStart), {}).Ok());
  BOOST_TEST(storage->HoldsOnRead(id)->empty());
  BOOST_TEST(storage->HoldsOnRead(plainId)->size() == 1u);
  BOOST_REQUIRE(storage->AddCorrection(id, "KXR4471", "MO", "plate image shows 4, not A", "d.reyes").Ok());
  BOOST_TEST(storage->HoldsOnRead(id)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(TheSchemaRefusesToDeleteAHeldReadOrAHoldOrToChangeAHold) {
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
  BOOST_TEST(RawExec(Raw(), "DELETE FROM holds", &error) != SQLITE_OK);
  BOOST_TEST(RawPurgeExec(Raw(), "DELETE FROM hold_reads", &error) != SQLITE_OK);
  BOOST_TEST(RawExec(Raw(), "UPDATE holds SET reason = 'other'", &error) != SQLITE_OK);
  BOOST_TEST(RawExec(Raw(), "UPDATE holds SET released_ms = 1, released_by = 'x', release_reason = ''", &error) !=
             SQLITE_OK);  // a release needs a reason
  BOOST_TEST(RawExec(Raw(),
                     "UPDATE holds SET released_ms = 1, released_by = 'x', release_reason = 'y', kind = "
                     "'discovery'",
                     &error) != SQLITE_OK);  // and changes nothing else
  BOOST_TEST(storage->GetRead(held)->has_value());
  BOOST_TEST(storage->Holds({.inForceOnly = true})->size() == 1u);
  // What a hold names fits its kind, and nothing is added to a released hold.
  const std::string id = std::to_string(storage->Holds({})->at(0).id);
  BOOST_TEST(RawExec(Raw(),
                     "INSERT INTO hold_cameras(hold_id, camera_id) VALUES (" + id + ", " + std::to_string(cam) + ")",
                     &error) != SQLITE_OK);
  BOOST_TEST(RawExec(Raw(), "INSERT INTO hold_plates(hold_id, plate) VALUES (" + id + ", 'ABC1234')", &error) !=
             SQLITE_OK);
  BOOST_REQUIRE(storage->ReleaseHold(std::stoll(id), "s.okafor", "case closed").Ok());
  BOOST_TEST(RawExec(Raw(),
                     "INSERT INTO hold_reads(hold_id, read_id) VALUES (" + id + ", " + std::to_string(held) + ")",
                     &error) != SQLITE_OK);
  BOOST_TEST(
      RawExec(Raw(),
              "INSERT INTO hold_reviews(hold_id, reviewed_by, reviewed_ms, note) VALUES (" + id + ", 'x', 1, 'late')",
              &error) != SQLITE_OK);
  // A retired camera's record stays as it was, in the store and in the schema.
  BOOST_REQUIRE(storage->RetireCamera(cam, kStart).Ok());
  BOOST_TEST((storage->RenameCamera(cam, "new name").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((storage->SetCameraKind(cam, CameraKind::Mobile).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(RawExec(Raw(), "UPDATE cameras SET retired_ms = NULL", &error) != SQLITE_OK);
  BOOST_TEST(RawExec(Raw(), "UPDATE cameras SET kind = 'mobile'", &error) != SQLITE_OK);
}

BOOST_AUTO_TEST_CASE(Version16TurnsEachOldHoldGroupIntoAnInvestigationHold) {
  TempFolder t;
  RawDb db(t.Path() / "x.db");
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 15).Ok());
  std::string error;
  BOOST_REQUIRE_MESSAGE(
      RawExec(
          db.Get(),
          "INSERT INTO cameras(id, external_id, name, kind, created_ms) VALUES (1, 'cam-old', 'Old', 'fixed', 1);"
          "INSERT INTO reads(id, source_format, source_uuid, captured_ms, camera_id, plate_reported, plate, state, "
          "confidence, ingested_ms) VALUES (7, 'csv', 'r7', 1, 1, 'AB12', 'AB12', 'IL', 80, 2), (8, 'csv', 'r8', 1, "
          "1, 'AB13', 'AB13', 'IL', 80, 2);"
          "INSERT INTO case_holds(case_number, read_id, reason, created_by, created_ms) VALUES "
          "('26-1', 7, 'evidence package P1', 'd.reyes', 100), ('26-1', 8, 'evidence package P1', 'd.reyes', 101),"
          "('26-3', 8, 'collected for case', 'd.reyes', 50), ('26-2', 7, '', '', 70)",
          &error) == SQLITE_OK,
      error);
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 16).Ok());
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM holds WHERE kind = 'investigation'") == 3);
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM hold_reads") == 4);
  BOOST_TEST(RawInt(db.Get(), "SELECT placed_ms FROM holds WHERE reason = 'evidence package P1'") == 100);
  BOOST_TEST(RawInt(db.Get(),
                    "SELECT count(*) FROM holds WHERE reason = 'placed before holds had kinds' AND "
                    "placed_by = 'unknown'") == 1);
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM sqlite_master WHERE name = 'case_holds'") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
