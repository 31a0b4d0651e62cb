// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: the bulk scans the search index is built from (ScanReads, ScanCandidates,
// CountReadsAfter, GetReadsStamp).
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

#include <stop_token>
#include <string>
#include <vector>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

// What a scan delivered, copied out of the callback (its views die with the row).
struct Seen {
  ReadId id = 0;
  UtcMs capturedAt = 0;
  CameraId camera = 0;
  std::string plate, state;
  double confidence = 0;
  std::optional<double> direction;
  bool hasPosition = false;
  double latitude = 0, longitude = 0;
  std::vector<std::string> attributes;  // "value@confidence", "-" when not reported
};

std::vector<Seen> ScanAll(Storage& storage, ReadId after) {
  std::vector<Seen> out;
  auto st = storage.ScanReads(after, [&](const ScannedRead& r) {
    Seen s{r.id,
           r.capturedAt,
           r.camera,
           std::string(r.plate),
           std::string(r.state),
           r.confidence,
           r.direction,
           r.hasPosition,
           r.latitude,
           r.longitude,
           {}};
    for (const auto& a : r.attributes)
      s.attributes.push_back(a.present ? std::string(a.value) + "@" + std::to_string(a.confidence) : "-");
    out.push_back(std::move(s));
    return true;
  });
  BOOST_REQUIRE_MESSAGE(st.Ok(), (st.Ok() ? std::string() : st.Err().ToString()));
  return out;
}

struct Candidates {
  std::vector<ReadId> reads;
  std::vector<std::int64_t> ranks;
  std::vector<std::string> plates;
};

Candidates ScanAllCandidates(Storage& storage, ReadId after) {
  Candidates out;
  auto st = storage.ScanCandidates(after, [&](const ScannedCandidate& c) {
    out.reads.push_back(c.read);
    out.ranks.push_back(c.rank);
    out.plates.emplace_back(c.plate);
    return true;
  });
  BOOST_REQUIRE(st.Ok());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ReadScanTest)

BOOST_AUTO_TEST_CASE(ScanReadsDeliversTheIndexColumnsOfEveryReadInIdOrder) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  const CameraId cam2 = f.Camera("cam-2");
  NewRead full = MakeRead(cam, "full", "XYZ987");
  full.state = "IL";
  full.confidence = 77.5;
  full.directionDeg = 271.25;
  full.latitude = 38.5;
  full.longitude = -90.25;
  full.vehicle.make = {{"ford", 61.0}, {"toyota", 20.0}};
  full.vehicle.body = {{"pickup", 55.5}};
  NewRead bare = MakeRead(cam2, "bare", "QQQ111");
  bare.state.clear();
  bare.vehicle = {};
  bare.capturedAt = kStart - 10;
  const ReadId a = f.storage->InsertRead(full)->id;
  const ReadId b = f.storage->InsertRead(bare)->id;
  BOOST_REQUIRE(a < b);

  auto seen = ScanAll(*f.storage, 0);
  BOOST_REQUIRE(seen.size() == 2u);
  const Seen& s = seen[0];
  BOOST_TEST(s.id == a);
  BOOST_TEST(s.capturedAt == full.capturedAt);
  BOOST_TEST(s.camera == cam);
  BOOST_TEST(s.plate == "XYZ987");
  BOOST_TEST(s.state == "IL");
  BOOST_TEST(s.confidence == 77.5);
  BOOST_REQUIRE(s.direction.has_value());
  BOOST_TEST(*s.direction == 271.25);
  BOOST_TEST(s.hasPosition);
  BOOST_TEST(s.latitude == 38.5);
  BOOST_TEST(s.longitude == -90.25);
  // Colour, make, model, body: the best value of each, "-" where none was reported.
  const std::vector<std::string> attrs = {"white@" + std::to_string(88.0), "ford@" + std::to_string(61.0), "-",
                                          "pickup@" + std::to_string(55.5)};
  BOOST_TEST(s.attributes == attrs, boost::test_tools::per_element());

  const Seen& t = seen[1];
  BOOST_TEST(t.id == b);
  BOOST_TEST(t.camera == cam2);
  BOOST_TEST(t.capturedAt == kStart - 10);
  BOOST_TEST(t.state == "");
  BOOST_TEST(!t.direction.has_value());
  BOOST_TEST(!t.hasPosition);
  const std::vector<std::string> none = {"-", "-", "-", "-"};
  BOOST_TEST(t.attributes == none, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ScansStartAfterTheGivenIdSoAnIndexCanCatchUp) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  std::vector<ReadId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(f.storage->InsertRead(MakeRead(cam, "r" + std::to_string(i)))->id);

  auto seen = ScanAll(*f.storage, ids[2]);
  BOOST_REQUIRE(seen.size() == 2u);
  BOOST_TEST(seen[0].id == ids[3]);
  BOOST_TEST(seen[1].id == ids[4]);
  BOOST_TEST(ScanAll(*f.storage, ids[4]).empty());
  BOOST_TEST(f.storage->CountReadsAfter(0).Value() == 5u);
  BOOST_TEST(f.storage->CountReadsAfter(ids[2]).Value() == 2u);
  BOOST_TEST(f.storage->CountReadsAfter(ids[4]).Value() == 0u);

  auto c = ScanAllCandidates(*f.storage, ids[2]);
  BOOST_REQUIRE(c.reads.size() == 4u);  // two candidates each for the last two reads
  BOOST_TEST(c.reads == (std::vector<ReadId>{ids[3], ids[3], ids[4], ids[4]}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ScanCandidatesGoesInReadIdThenRankOrder) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  NewRead many = MakeRead(cam, "many");
  many.candidates = {{"B1", "B1", 50}, {"C2", "C2", 40}, {"D3", "D3", 30}};
  const ReadId a = f.storage->InsertRead(MakeRead(cam, "two"))->id;
  const ReadId b = f.storage->InsertRead(many)->id;

  auto c = ScanAllCandidates(*f.storage, 0);
  BOOST_TEST(c.reads == (std::vector<ReadId>{a, a, b, b, b}), boost::test_tools::per_element());
  BOOST_TEST(c.ranks == (std::vector<std::int64_t>{1, 2, 1, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST(c.plates == (std::vector<std::string>{"A8C1234", "ABCI234", "B1", "C2", "D3"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(AScanStopsQuietlyWhenTheCallbackSaysSoAndFailsWhenCancelled) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  for (int i = 0; i < 4; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "s" + std::to_string(i))).Ok());
  int rows = 0;
  BOOST_TEST(f.storage->ScanReads(0, [&](const ScannedRead&) { return ++rows < 2; }).Ok());
  BOOST_TEST(rows == 2);
  rows = 0;
  BOOST_TEST(f.storage->ScanCandidates(0, [&](const ScannedCandidate&) { return ++rows < 3; }).Ok());
  BOOST_TEST(rows == 3);

  std::stop_source stopped;
  stopped.request_stop();
  rows = 0;
  auto st = f.storage->ScanReads(
      0, [&](const ScannedRead&) { return ++rows > 0; }, stopped.get_token());
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::Cancelled));
  auto sc = f.storage->ScanCandidates(
      0, [&](const ScannedCandidate&) { return ++rows > 0; }, stopped.get_token());
  BOOST_REQUIRE(!sc.Ok());
  BOOST_TEST((sc.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(rows == 0);
}

BOOST_AUTO_TEST_CASE(AScanReadsCommittedDataOnItsOwnConnectionWhileTheStorageWrites) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  const ReadId first = f.storage->InsertRead(MakeRead(cam, "committed"))->id;
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "pending")).Ok());
  // The Storage's connection holds an open write transaction: the scan neither waits for it nor
  // sees its uncommitted read.
  auto seen = ScanAll(*f.storage, 0);
  BOOST_REQUIRE(seen.size() == 1u);
  BOOST_TEST(seen[0].id == first);
  BOOST_TEST(ScanAllCandidates(*f.storage, 0).reads.size() == 2u);
  BOOST_REQUIRE(tx->Commit().Ok());
  BOOST_TEST(ScanAll(*f.storage, 0).size() == 2u);
}

BOOST_AUTO_TEST_CASE(TheReadsStampNamesTheStorageAndCountsDeletions) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "old")).Ok());
  auto before = f.storage->GetReadsStamp();
  BOOST_REQUIRE(before.Ok());
  BOOST_TEST(before->storageId == f.storage->GetSetting("storage_id")->value());
  BOOST_TEST(before->storageId.size() == 32u);
  BOOST_TEST(before->readsDeleted == 0u);

  PurgeCounts counts;
  BOOST_REQUIRE(f.storage->PurgeExpired(RetentionCutoffs::Same(f.clock.Now()), counts).Ok());
  BOOST_REQUIRE(counts.readsDeleted == 1u);
  auto after = f.storage->GetReadsStamp();
  BOOST_REQUIRE(after.Ok());
  BOOST_TEST(after->storageId == before->storageId);
  BOOST_TEST(after->readsDeleted == 1u);
}

BOOST_AUTO_TEST_CASE(TheReadsStampNamesTheNewestReadAndTheShapeOfTheCameraPlaces) {
  StorageFixture f;
  auto empty = f.storage->GetReadsStamp();
  BOOST_REQUIRE(empty.Ok());
  BOOST_TEST(empty->newestRead == 0);
  BOOST_TEST((empty->places == std::array<std::int64_t, 3>{0, 0, 0}));
  const CameraId cam = f.Camera();
  auto read = f.storage->InsertRead(MakeRead(cam, "first"));
  BOOST_REQUIRE(read.Ok());
  auto one = f.storage->GetReadsStamp();
  BOOST_REQUIRE(one.Ok());
  BOOST_TEST(one->newestRead == read->id);
  BOOST_TEST(one->places[0] == 1);  // one place, open
  BOOST_TEST(one->places[2] == 0);
  // A move closes the place and opens another: the shape changes.
  BOOST_REQUIRE(f.storage->MoveCamera(cam, {38.63, -90.2, "", kStart, std::nullopt}).Ok());
  auto moved = f.storage->GetReadsStamp();
  BOOST_REQUIRE(moved.Ok());
  BOOST_TEST(moved->newestRead == read->id);
  BOOST_TEST(moved->places[0] == 2);
  BOOST_TEST(moved->places[1] > one->places[1]);
  BOOST_TEST(moved->places[2] == 1);
}

BOOST_AUTO_TEST_CASE(ADamagedOrMissingReadsStampIsReportedWithItsCode) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->SetSetting("reads_deleted", "many").Ok());
  auto bad = f.storage->GetReadsStamp();
  BOOST_REQUIRE(!bad.Ok());
  BOOST_TEST((bad.Err().code == ErrorCode::Corrupt));
  BOOST_REQUIRE(RawExec(f.Raw(), "DELETE FROM meta WHERE key = 'reads_deleted'") == SQLITE_OK);
  auto missing = f.storage->GetReadsStamp();
  BOOST_REQUIRE(!missing.Ok());
  BOOST_TEST((missing.Err().code == ErrorCode::Unsupported));
}

BOOST_AUTO_TEST_SUITE_END()
