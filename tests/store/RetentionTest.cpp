// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

#include <stop_token>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;
namespace fs = std::filesystem;

namespace {

constexpr UtcMs kRetention = 30 * kMsPerDay;

struct RetentionFixture : StorageFixture {
  CameraId cam = Camera();

  UtcMs Cutoff() const { return clock.Now() - kRetention; }
  RetentionCutoffs Cuts() const { return RetentionCutoffs::Same(Cutoff()); }

  ImageInfo Image(const std::string& text) {
    auto info = storage->PutImage("jpeg bytes of " + text, "image/jpeg", 10, 10);
    if (!info) throw std::runtime_error(info.Err().ToString());
    return *info;
  }

  ReadId Add(const std::string& uuid, UtcMs ageMs, const std::string& plateImage = {},
             const std::string& vehicleImage = {}) {
    NewRead r = MakeRead(cam, uuid);
    r.capturedAt = clock.Now() - ageMs;
    r.plateImage = plateImage;
    r.vehicleImage = vehicleImage;
    auto out = storage->InsertRead(r);
    if (!out) throw std::runtime_error(out.Err().ToString());
    return out->id;
  }

  bool Exists(ReadId id) { return storage->GetRead(id)->has_value(); }
  bool FileOf(const ImageInfo& i) { return fs::exists(storage->ImagePath(i.sha256, i.mime)); }
  bool RowOf(const ImageInfo& i) { return storage->FindImage(i.sha256)->has_value(); }
  long long Count(const std::string& sql) { return RawInt(Raw(), sql); }

  // The invariant a purge keeps whatever happens: every image a read names has its row and its
  // file, and every image row has its file.
  void ExpectConsistent() {
    sqlite3_stmt* stmt = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(Raw(), "SELECT sha256, mime FROM images", -1, &stmt, nullptr) == SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const std::string sha = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      const std::string mime = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
      BOOST_TEST(fs::exists(storage->ImagePath(sha, mime)), "file of image row " << sha);
    }
    sqlite3_finalize(stmt);
    BOOST_TEST(
        Count("SELECT count(*) FROM reads r WHERE (plate_image IS NOT NULL AND NOT EXISTS (SELECT 1 FROM images i "
              "WHERE i.sha256 = r.plate_image)) OR (vehicle_image IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
              "images i WHERE i.sha256 = r.vehicle_image))") == 0);
    BOOST_TEST(Count("SELECT count(*) FROM retention_purge") == 0);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(RetentionTest, RetentionFixture)

BOOST_AUTO_TEST_CASE(PurgeDeletesReadsPastRetentionWithTheirRecordsAndKeepsNewerAndHeldOnes) {
  const ReadId oldA = Add("old-a", 40 * kMsPerDay);
  const ReadId oldB = Add("old-b", kRetention + kMsPerMinute);
  const ReadId recent = Add("recent", kRetention - kMsPerMinute);
  const ReadId held = Add("held", 90 * kMsPerDay);
  BOOST_REQUIRE(storage->AddCorrection(oldA, "ABC1235", "MO", "misread", "jdoe").Ok());
  BOOST_REQUIRE(storage->AddVerification(oldA, "jdoe", "26-000001").Ok());
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{held}, "evidence export", "jdoe").Ok());

  auto dry = storage->CountExpired(Cuts());
  BOOST_REQUIRE(dry.Ok());
  BOOST_TEST(dry->readsDeleted == 2u);
  BOOST_TEST(dry->readsHeld == 1u);
  BOOST_TEST(Count("SELECT count(*) FROM reads") == 4);  // a dry run changes nothing

  PurgeCounts counts;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), counts).Ok());
  BOOST_TEST(counts.finished);
  BOOST_TEST((counts.cutoffs == Cuts()));
  BOOST_TEST(counts.readsDeleted == 2u);
  BOOST_TEST(counts.readsHeld == 1u);
  BOOST_TEST(!Exists(oldA));
  BOOST_TEST(!Exists(oldB));
  BOOST_TEST(Exists(recent));
  BOOST_TEST(Exists(held));
  BOOST_TEST(Count("SELECT count(*) FROM read_candidates WHERE read_id IN (" + std::to_string(oldA) + "," +
                   std::to_string(oldB) + ")") == 0);
  BOOST_TEST(Count("SELECT count(*) FROM read_corrections") == 0);
  BOOST_TEST(Count("SELECT count(*) FROM read_verifications") == 0);
  BOOST_TEST(storage->GetSetting("reads_deleted")->value() == "2");  // the saved search index goes stale
  BOOST_TEST(storage->HoldsOnRead(held).Value() == (std::vector<std::string>{"26-000001"}));

  PurgeCounts again;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), again).Ok());
  BOOST_TEST(again.readsDeleted == 0u);
  BOOST_TEST(again.readsHeld == 1u);
  ExpectConsistent();
}

BOOST_AUTO_TEST_CASE(AnImageGoesOnlyWhenNoKeptReadUsesIt) {
  const ImageInfo shared = Image("shared with a recent read");
  const ImageInfo onlyOld = Image("used by two old reads");
  const ImageInfo ofHeld = Image("used by a held read");
  const ImageInfo ofOld = Image("used by one old read");
  Add("old-1", 40 * kMsPerDay, onlyOld.sha256, shared.sha256);
  Add("old-2", 41 * kMsPerDay, onlyOld.sha256, ofOld.sha256);
  Add("old-3", 42 * kMsPerDay, ofHeld.sha256);
  const ReadId held = Add("held", 42 * kMsPerDay, {}, ofHeld.sha256);
  Add("recent", kMsPerDay, {}, shared.sha256);
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{held}, "export", "jdoe").Ok());

  auto dry = storage->CountExpired(Cuts());
  BOOST_REQUIRE(dry.Ok());
  BOOST_TEST(dry->readsDeleted == 3u);
  BOOST_TEST(dry->imagesDeleted == 2u);
  BOOST_TEST(dry->bytesFreed == onlyOld.bytes + ofOld.bytes);

  PurgeCounts counts;
  PurgeOptions small;
  small.batchSize = 1;  // old-1 goes in a batch of its own while old-2 still uses onlyOld
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), counts, {}, {}, small).Ok());
  BOOST_TEST(counts.readsDeleted == 3u);
  BOOST_TEST(counts.imagesDeleted == dry->imagesDeleted);
  BOOST_TEST(counts.bytesFreed == dry->bytesFreed);
  BOOST_TEST(!RowOf(onlyOld));
  BOOST_TEST(!FileOf(onlyOld));
  BOOST_TEST(!RowOf(ofOld));
  BOOST_TEST(!FileOf(ofOld));
  for (const ImageInfo& kept : {shared, ofHeld}) {
    BOOST_TEST(RowOf(kept));
    BOOST_TEST(storage->GetImage(kept.sha256).Ok());
  }
  BOOST_TEST(Count("SELECT count(*) FROM image_deletions") == 0);
  ExpectConsistent();
}

BOOST_AUTO_TEST_CASE(TheSchemaAllowsDeletesOnlyInsideAPurgeTransaction) {
  const ReadId old = Add("old", 40 * kMsPerDay);
  const ReadId recent = Add("recent", kMsPerDay);
  const ReadId held = Add("held", 40 * kMsPerDay);
  BOOST_REQUIRE(storage->AddCorrection(old, "ABC1235", "MO", "misread", "jdoe").Ok());
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{held}, "export", "jdoe").Ok());
  sqlite3* db = Raw();
  std::string error;
  // An ordinary code path cannot delete a read, a correction or a verification.
  BOOST_TEST(RawExec(db, "DELETE FROM reads WHERE id = " + std::to_string(old), &error) != SQLITE_OK);
  BOOST_TEST(error.find("only by the retention purge") != std::string::npos, error);
  BOOST_TEST(RawExec(db, "DELETE FROM read_corrections", &error) != SQLITE_OK);
  // The marker cannot be committed, so it never outlives its transaction.
  BOOST_TEST(RawExec(db, "INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, 9e15)", &error) != SQLITE_OK);
  BOOST_TEST(error.find("FOREIGN KEY") != std::string::npos, error);
  BOOST_REQUIRE(RawExec(db, "BEGIN; INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, " + std::to_string(Cutoff()) +
                                ")") == SQLITE_OK);
  BOOST_TEST(RawExec(db, "COMMIT", &error) != SQLITE_OK);
  BOOST_TEST(error.find("FOREIGN KEY") != std::string::npos, error);
  (void)RawExec(db, "ROLLBACK");
  BOOST_TEST(Count("SELECT count(*) FROM retention_purge") == 0);

  // Under the marker: reads past the cutoff go, newer and held ones do not, nothing is updated.
  BOOST_REQUIRE(RawExec(db, "BEGIN; INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, " + std::to_string(Cutoff()) +
                                ")") == SQLITE_OK);
  BOOST_TEST(RawExec(db, "UPDATE reads SET plate = 'XXX999' WHERE id = " + std::to_string(old), &error) != SQLITE_OK);
  BOOST_TEST(RawExec(db, "DELETE FROM reads WHERE id = " + std::to_string(recent), &error) != SQLITE_OK);
  BOOST_TEST(RawExec(db, "DELETE FROM reads WHERE id = " + std::to_string(held), &error) != SQLITE_OK);
  BOOST_TEST(error.find("case hold") != std::string::npos, error);
  BOOST_TEST(RawExec(db, "DELETE FROM case_holds", &error) != SQLITE_OK);  // a hold in force stays
  BOOST_TEST(RawExec(db, "DELETE FROM reads WHERE id = " + std::to_string(old), &error) == SQLITE_OK, error);
  BOOST_TEST(RawExec(db, "DELETE FROM retention_purge; COMMIT", &error) == SQLITE_OK, error);
  BOOST_TEST(!Exists(old));
  BOOST_TEST(Exists(recent));
  BOOST_TEST(Exists(held));
  BOOST_TEST(Count("SELECT count(*) FROM read_corrections") == 0);
}

BOOST_AUTO_TEST_CASE(AReleasedHoldNoLongerKeepsItsRead) {
  const ReadId read = Add("once-held", 40 * kMsPerDay);
  BOOST_REQUIRE(storage->AddCaseHolds("26-000001", std::vector<ReadId>{read}, "export", "jdoe").Ok());
  BOOST_REQUIRE(storage->ReleaseHold(storage->Holds({})->at(0).id, "s.okafor", "case closed").Ok());
  PurgeCounts counts;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), counts).Ok());
  BOOST_TEST(counts.readsDeleted == 1u);
  BOOST_TEST(counts.readsHeld == 0u);
  BOOST_TEST(!Exists(read));
  BOOST_TEST(Count("SELECT count(*) FROM hold_reads") == 0);
  BOOST_TEST(Count("SELECT count(*) FROM holds") == 1);  // the hold's record stays
}

BOOST_AUTO_TEST_CASE(AFailureBeforeABatchCommitsLeavesThatBatchWhole) {
  std::vector<ImageInfo> images;
  std::vector<ReadId> reads;
  for (int i = 0; i < 3; ++i) {
    images.push_back(Image("read " + std::to_string(i)));
    reads.push_back(Add("old-" + std::to_string(i), (40 + 3 - i) * kMsPerDay, images.back().sha256));
  }
  int batches = 0;
  PurgeOptions options;
  options.batchSize = 1;
  options.fault = [&](std::string_view stage) -> Status {
    if (stage == "batch" && ++batches == 2) return Fail(ErrorCode::Io, "disk full (injected)");
    return {};
  };
  PurgeCounts counts;
  auto st = storage->PurgeExpired(Cuts(), counts, {}, {}, options);
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST(st.Err().message == "disk full (injected)");
  BOOST_TEST(!counts.finished);
  BOOST_TEST(counts.readsDeleted == 1u);  // the first batch was committed and is reported
  BOOST_TEST(counts.imagesDeleted == 1u);
  BOOST_TEST(!Exists(reads[0]));
  BOOST_TEST(!FileOf(images[0]));
  for (int i = 1; i < 3; ++i) {
    BOOST_TEST(Exists(reads[i]));
    BOOST_TEST(storage->GetImage(images[i].sha256).Ok());
  }
  ExpectConsistent();

  PurgeCounts rest;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), rest).Ok());
  BOOST_TEST(rest.readsDeleted == 2u);
  BOOST_TEST(rest.imagesDeleted == 2u);
  BOOST_TEST(Count("SELECT count(*) FROM images") == 0);
  ExpectConsistent();
}

BOOST_AUTO_TEST_CASE(AnImageFileLeftByAFailedPurgeIsRemovedByTheNextOne) {
  const ImageInfo image = Image("old");
  const ReadId read = Add("old", 40 * kMsPerDay, image.sha256);
  PurgeOptions options;
  options.fault = [](std::string_view stage) -> Status {
    return stage == "file" ? Status(Fail(ErrorCode::Io, "permission denied (injected)")) : Status{};
  };
  PurgeCounts counts;
  BOOST_REQUIRE(!storage->PurgeExpired(Cuts(), counts, {}, {}, options).Ok());
  BOOST_TEST(counts.readsDeleted == 1u);
  BOOST_TEST(!Exists(read));
  BOOST_TEST(!RowOf(image));  // nothing serves it any more
  BOOST_TEST(FileOf(image));  // but the bytes are still on disk
  BOOST_TEST(Count("SELECT count(*) FROM image_deletions") == 1);
  ExpectConsistent();
  auto dry = storage->CountExpired(Cuts());
  BOOST_TEST(dry->imagesDeleted == 1u);
  BOOST_TEST(dry->bytesFreed == image.bytes);

  PurgeCounts next;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), next).Ok());
  BOOST_TEST(next.readsDeleted == 0u);
  BOOST_TEST(next.imagesDeleted == 1u);
  BOOST_TEST(next.bytesFreed == image.bytes);
  BOOST_TEST(!FileOf(image));
  BOOST_TEST(Count("SELECT count(*) FROM image_deletions") == 0);
}

BOOST_AUTO_TEST_CASE(AnImageStoredAgainBeforeItsFileWentKeepsTheFile) {
  const ImageInfo image = Image("old");
  Add("old", 40 * kMsPerDay, image.sha256);
  bool reAdded = false;
  PurgeOptions options;
  options.fault = [&](std::string_view stage) -> Status {
    return stage == "file" ? Status(Fail(ErrorCode::Io, "interrupted (injected)")) : Status{};
  };
  PurgeCounts counts;
  BOOST_REQUIRE(!storage->PurgeExpired(Cuts(), counts, {}, {}, options).Ok());
  // A new read arrives with the same bytes before the file was removed.
  const ImageInfo again = Image("old");
  reAdded = RowOf(again);
  BOOST_REQUIRE(reAdded);
  const ReadId fresh = Add("fresh", kMsPerMinute, again.sha256);
  PurgeCounts next;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), next).Ok());
  BOOST_TEST(next.imagesDeleted == 0u);
  BOOST_TEST(Exists(fresh));
  BOOST_TEST(storage->GetImage(image.sha256).Ok());
  ExpectConsistent();
}

BOOST_AUTO_TEST_CASE(APurgeStopsBetweenBatchesWhenCancelled) {
  for (int i = 0; i < 4; ++i) Add("old-" + std::to_string(i), (40 + i) * kMsPerDay);
  std::stop_source stop;
  PurgeOptions options;
  options.batchSize = 1;
  options.fault = [&](std::string_view stage) -> Status {
    if (stage == "batch") stop.request_stop();  // the batch in hand still commits
    return {};
  };
  std::vector<std::pair<std::uint64_t, std::uint64_t>> progress;
  PurgeCounts counts;
  BOOST_REQUIRE(storage
                    ->PurgeExpired(
                        Cuts(), counts, stop.get_token(),
                        [&](std::uint64_t done, std::uint64_t total) { progress.emplace_back(done, total); }, options)
                    .Ok());
  BOOST_TEST(!counts.finished);
  BOOST_TEST(counts.readsDeleted == 1u);
  BOOST_TEST(Count("SELECT count(*) FROM reads") == 3);
  BOOST_REQUIRE(!progress.empty());
  BOOST_TEST(progress.front().second == 4u);
  BOOST_TEST(progress.back().first == 1u);
  ExpectConsistent();
}

BOOST_AUTO_TEST_CASE(APurgeInsideAnOpenTransactionIsRefused) {
  Add("old", 40 * kMsPerDay);
  auto tx = storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  PurgeCounts counts;
  auto st = storage->PurgeExpired(Cuts(), counts);
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(TimeMovingOnMakesMoreReadsExpire) {
  const ReadId read = Add("ten-days", 10 * kMsPerDay);
  PurgeCounts counts;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), counts).Ok());
  BOOST_TEST(counts.readsDeleted == 0u);
  clock.Advance(21 * kMsPerDay);
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), counts).Ok());
  BOOST_TEST(counts.readsDeleted == 1u);
  BOOST_TEST(!Exists(read));
}

BOOST_AUTO_TEST_CASE(APurgedReadsIdIsNeverGivenToANewRead) {
  // Audit records and evidence packages name reads by id: after the newest reads (here: every
  // read) are purged, a new read must not take an id an old record points to.
  const ReadId first = Add("old-1", 40 * kMsPerDay);
  const ReadId newest = Add("old-2", 35 * kMsPerDay);
  BOOST_REQUIRE(newest > first);
  PurgeCounts counts;
  BOOST_REQUIRE(storage->PurgeExpired(Cuts(), counts).Ok());
  BOOST_REQUIRE(counts.readsDeleted == 2u);
  BOOST_REQUIRE(Count("SELECT count(*) FROM reads") == 0);
  const ReadId next = Add("new-1", kMsPerDay);
  BOOST_TEST(next > newest);
  // And it survives reopening the storage.
  storage.reset();
  storage = Storage::Open(folder, clock).Value();
  cam = Camera();
  BOOST_TEST(Add("new-2", kMsPerDay) == next + 1);
}

BOOST_AUTO_TEST_CASE(EachCameraKindHasItsOwnCutoffAndTheSchemaChecksIt) {
  // Fixed cameras keep 30 days, mobile ones 2 hours (a state's rule for non-hits).
  CameraLocation loc{38.6, -90.2, "Patrol car 12", kStart - kMsPerDay, std::nullopt};
  const CameraId car = storage->EnsureCamera("car-12", "Patrol car 12", CameraKind::Mobile, loc).Value();
  NewRead r = MakeRead(car, "mobile-3h");
  r.capturedAt = clock.Now() - 3 * kMsPerHour;
  const ReadId mobileOld = storage->InsertRead(r)->id;
  r.sourceUuid = "mobile-1h";
  r.capturedAt = clock.Now() - kMsPerHour;
  const ReadId mobileNew = storage->InsertRead(r)->id;
  const ReadId fixedOld = Add("fixed-3h", 3 * kMsPerHour);
  RetentionCutoffs cuts = Cuts();
  cuts.mobile = clock.Now() - 2 * kMsPerHour;
  BOOST_TEST(cuts.Latest() == cuts.mobile);
  BOOST_TEST(cuts.For(CameraKind::Mobile) == cuts.mobile);
  BOOST_TEST(storage->CountExpired(cuts)->readsDeleted == 1u);

  // The schema itself: under a marker with the fixed cutoff far back, a fixed read of the same
  // age as the expired mobile one cannot be deleted.
  std::string error;
  sqlite3* db = Raw();
  const std::string marker = "BEGIN; INSERT INTO retention_purge(id, cutoff_ms, cutoff_mobile_ms) VALUES (1, " +
                             std::to_string(cuts.fixed) + ", " + std::to_string(cuts.mobile) + "); ";
  BOOST_TEST(RawExec(db, marker + "DELETE FROM reads WHERE id = " + std::to_string(fixedOld), &error) != SQLITE_OK);
  BOOST_TEST(error.find("past retention") != std::string::npos, error);
  (void)RawExec(db, "ROLLBACK");

  PurgeCounts counts;
  BOOST_REQUIRE(storage->PurgeExpired(cuts, counts).Ok());
  BOOST_TEST(counts.readsDeleted == 1u);
  BOOST_TEST(!Exists(mobileOld));
  BOOST_TEST(Exists(mobileNew));
  BOOST_TEST(Exists(fixedOld));
  ExpectConsistent();
}

BOOST_AUTO_TEST_SUITE_END()
