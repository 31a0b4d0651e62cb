// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTestSupport.h"

#include "platedesk/store/Storage.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(StorageTest)

BOOST_AUTO_TEST_CASE(CreateMakesTheFolderLayoutAtTheCurrentSchema) {
  StorageFixture f;
  BOOST_TEST(fs::is_regular_file(f.folder / "platedesk.db"));
  BOOST_TEST(fs::is_directory(f.folder / "images"));
  BOOST_TEST(fs::is_directory(f.folder / "quarantine"));
  BOOST_TEST(Storage::Exists(f.folder));
  BOOST_TEST(f.storage->SchemaVersion() == Storage::CurrentSchemaVersion());
  BOOST_TEST(Storage::CurrentSchemaVersion() == 16);
  BOOST_TEST(f.storage->Folder() == f.folder);
  BOOST_TEST(&f.storage->GetClock() == &f.clock);
  sqlite3* db = f.Raw();
  BOOST_TEST(RawText(db, "PRAGMA journal_mode") == "wal");
  // foreign_keys and synchronous are settings of the Storage's own connection, which tests do not
  // reach: the foreign keys are checked by what they do (PurgeTakesCandidatesAlong below).
  BOOST_TEST(RawInt(db, "PRAGMA user_version") == Storage::CurrentSchemaVersion());
  auto id = f.storage->GetSetting("storage_id");
  BOOST_REQUIRE(id.Ok());
  BOOST_REQUIRE(id->has_value());
  BOOST_TEST((*id)->size() == 32u);
}

BOOST_AUTO_TEST_CASE(CreateMakesMissingParentFolders) {
  TempFolder t;
  ManualClock clock(kStart);
  auto s = Storage::Create(t.Path() / "a" / "b" / "c", clock);
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(Storage::Exists(t.Path() / "a" / "b" / "c"));
}

BOOST_AUTO_TEST_CASE(CreateRefusesAFolderThatAlreadyHoldsAStorage) {
  StorageFixture f;
  f.storage.reset();
  auto again = Storage::Create(f.folder, f.clock);
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
}

BOOST_AUTO_TEST_CASE(CreateRefusesANonEmptyFolderAndLeavesItAlone) {
  TempFolder t;
  ManualClock clock(kStart);
  BOOST_REQUIRE(WriteFileAtomic(t.Path() / "notes.txt", "mine").Ok());
  auto s = Storage::Create(t.Path(), clock);
  BOOST_REQUIRE(!s.Ok());
  BOOST_TEST((s.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(s.Err().message.find("choose an empty folder") != std::string::npos);
  BOOST_TEST(!fs::exists(t.Path() / "platedesk.db"));
  BOOST_TEST(CountFiles(t.Path()) == 1);
}

BOOST_AUTO_TEST_CASE(CreateAcceptsAnEmptyExistingFolder) {
  TempFolder t;
  ManualClock clock(kStart);
  BOOST_TEST(Storage::Create(t.Path(), clock).Ok());
}

BOOST_AUTO_TEST_CASE(OpenOfAFolderWithoutStorageIsNotFound) {
  TempFolder t;
  ManualClock clock(kStart);
  auto s = Storage::Open(t.Path(), clock);
  BOOST_REQUIRE(!s.Ok());
  BOOST_TEST((s.Err().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(OpenSeesWhatAnEarlierSessionWrote) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  auto read = f.storage->InsertRead(MakeRead(cam, "u-1"));
  BOOST_REQUIRE(read.Ok());
  BOOST_REQUIRE(f.storage->SetSetting("demo", "1").Ok());
  f.storage.reset();

  auto s = Storage::Open(f.folder, f.clock);
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST((*s)->SchemaVersion() == Storage::CurrentSchemaVersion());
  auto got = (*s)->GetRead(read->id);
  BOOST_REQUIRE(got.Ok());
  BOOST_REQUIRE(got->has_value());
  BOOST_TEST((*got)->sourceUuid == "u-1");
  BOOST_TEST((*s)->GetSetting("demo")->value() == "1");
  // Foreign keys are on in the reopened connection: purging the read takes its candidates along
  // (ON DELETE CASCADE; with foreign keys off they would stay behind).
  BOOST_REQUIRE(RawInt(f.Raw(), "SELECT count(*) FROM read_candidates") == 2);
  PurgeCounts purged;
  BOOST_REQUIRE((*s)->PurgeExpired(RetentionCutoffs::Same(f.clock.Now() + 1), purged).Ok());
  BOOST_TEST(purged.readsDeleted == 1u);
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM read_candidates") == 0);
  // No migration happened, so no backup was made.
  BOOST_TEST(CountFiles(f.folder, ".db") == 1);
  for (const auto& e : fs::directory_iterator(f.folder)) {
    BOOST_TEST(e.path().filename().string().find(".bak-") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(OpenRecoversCommittedReadsFromTheWalOfACrashedSession) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  for (int i = 0; i < 3; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "w" + std::to_string(i))).Ok());
  // Copy the files while the connection is still open: what a power cut leaves behind
  // (the committed reads are still in platedesk.db-wal, there is no -shm).
  BOOST_REQUIRE(fs::exists(f.folder / "platedesk.db-wal"));
  const fs::path crashed = f.temp.Path() / "crashed";
  fs::create_directories(crashed);
  fs::copy_file(f.folder / "platedesk.db", crashed / "platedesk.db");
  fs::copy_file(f.folder / "platedesk.db-wal", crashed / "platedesk.db-wal");

  auto s = Storage::Open(crashed, f.clock);
  BOOST_REQUIRE_MESSAGE(s.Ok(), (s.Ok() ? std::string() : s.Err().ToString()));
  BOOST_TEST((*s)->GetStatus()->reads == 3);
  BOOST_TEST((*s)->InsertRead(MakeRead(cam, "after-crash")).Ok());
}

BOOST_AUTO_TEST_CASE(RandomBytesAsDatabaseAreReportedCorrupt) {
  TempFolder t;
  ManualClock clock(kStart);
  std::string junk(8192, '\0');
  RandomBytes(junk.data(), junk.size());
  BOOST_REQUIRE(WriteFileAtomic(t.Path() / "platedesk.db", junk).Ok());
  auto s = Storage::Open(t.Path(), clock);
  BOOST_REQUIRE(!s.Ok());
  BOOST_TEST((s.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(s.Err().message.find("damaged") != std::string::npos);
  BOOST_TEST(ReadFile(t.Path() / "platedesk.db").Value() == junk);
}

BOOST_AUTO_TEST_CASE(AnotherApplicationsSqliteFileIsReportedCorrupt) {
  TempFolder t;
  ManualClock clock(kStart);
  {
    RawDb db(t.Path() / "platedesk.db");
    BOOST_REQUIRE(RawExec(db.Get(), "CREATE TABLE notes(x); PRAGMA user_version = 1;") == SQLITE_OK);
  }
  auto s = Storage::Open(t.Path(), clock);
  BOOST_REQUIRE(!s.Ok());
  BOOST_TEST((s.Err().code == ErrorCode::Corrupt));
}

BOOST_AUTO_TEST_CASE(SettingsRoundTripAndOverwrite) {
  StorageFixture f;
  BOOST_TEST(!f.storage->GetSetting("retention_days")->has_value());
  BOOST_REQUIRE(f.storage->SetSetting("retention_days", "30").Ok());
  BOOST_REQUIRE(f.storage->SetSetting("retention_days", "45").Ok());
  BOOST_TEST(f.storage->GetSetting("retention_days")->value() == "45");
  auto empty = f.storage->SetSetting("", "x");
  BOOST_REQUIRE(!empty.Ok());
  BOOST_TEST((empty.Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(RolledBackTransactionLeavesNothing) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < 50; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "r" + std::to_string(i))).Ok());
    BOOST_REQUIRE(f.storage->EnsureCamera("cam-2", "", CameraKind::Mobile, std::nullopt).Ok());
    BOOST_REQUIRE(f.storage->SetSetting("k", "v").Ok());
    // no Commit: the destructor rolls back
  }
  auto st = f.storage->GetStatus();
  BOOST_REQUIRE(st.Ok());
  BOOST_TEST(st->reads == 0);
  BOOST_TEST(st->cameras == 1);
  BOOST_TEST(!f.storage->GetSetting("k")->has_value());
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM read_candidates") == 0);
  // The storage is usable afterwards, outside and inside a new transaction.
  BOOST_TEST(f.storage->InsertRead(MakeRead(cam, "after")).Ok());
  auto tx = f.storage->Begin();
  BOOST_TEST(tx.Ok());
}

BOOST_AUTO_TEST_CASE(CommittedTransactionKeepsEverything) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  for (int i = 0; i < 20; ++i) BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "r" + std::to_string(i))).Ok());
  BOOST_REQUIRE(tx->Commit().Ok());
  BOOST_TEST(f.storage->GetStatus()->reads == 20);
  auto again = tx->Commit();
  BOOST_TEST(!again.Ok());
}

BOOST_AUTO_TEST_CASE(ASecondTransactionOnTheSameStorageIsRefused) {
  StorageFixture f;
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  auto second = f.storage->Begin();
  BOOST_REQUIRE(!second.Ok());
  BOOST_TEST((second.Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(AFailedInsertInsideATransactionDoesNotSpoilIt) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "good-1")).Ok());
  NewRead bad = MakeRead(cam, "bad");
  bad.plate = "abc 123";
  BOOST_TEST(!f.storage->InsertRead(bad).Ok());
  BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "good-2")).Ok());
  BOOST_REQUIRE(tx->Commit().Ok());
  BOOST_TEST(f.storage->GetStatus()->reads == 2);
}

BOOST_AUTO_TEST_CASE(ASecondConnectionSeesCommittedReads) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  auto other = Storage::Open(f.folder, f.clock);
  BOOST_REQUIRE(other.Ok());
  auto tx = f.storage->Begin();
  BOOST_REQUIRE(tx.Ok());
  BOOST_REQUIRE(f.storage->InsertRead(MakeRead(cam, "x")).Ok());
  BOOST_TEST((*other)->GetStatus()->reads == 0);  // not committed yet (WAL: readers are not blocked)
  BOOST_REQUIRE(tx->Commit().Ok());
  BOOST_TEST((*other)->GetStatus()->reads == 1);
}

BOOST_AUTO_TEST_CASE(StatusCountsEverythingButNoPlateData) {
  StorageFixture f;
  const CameraId cam = f.Camera();
  BOOST_REQUIRE(f.storage->EnsureCamera("cam-2", "b", CameraKind::Portable, std::nullopt).Ok());
  BOOST_REQUIRE(f.storage->PutImage("image-bytes", "image/jpeg", 4, 3).Ok());
  NewRead early = MakeRead(cam, "early");
  early.capturedAt = kStart - 5 * kMsPerDay;
  NewRead late = MakeRead(cam, "late");
  late.capturedAt = kStart - kMsPerHour;
  BOOST_REQUIRE(f.storage->InsertRead(early).Ok());
  BOOST_REQUIRE(f.storage->InsertRead(late).Ok());
  QuarantineEntry q;
  q.reason = "bad json";
  BOOST_REQUIRE(f.storage->Quarantine("{", "json", q).Ok());
  UserRecord u;
  u.name = "jdoe";
  BOOST_REQUIRE(f.storage->AddUser(u).Ok());

  auto st = f.storage->GetStatus();
  BOOST_REQUIRE(st.Ok());
  BOOST_TEST(st->reads == 2);
  BOOST_TEST(st->cameras == 2);
  BOOST_TEST(st->images == 1);
  BOOST_TEST(st->quarantined == 1);
  BOOST_TEST(st->users == 1);
  BOOST_REQUIRE(st->oldestRead.has_value());
  BOOST_REQUIRE(st->newestRead.has_value());
  BOOST_TEST(*st->oldestRead == early.capturedAt);
  BOOST_TEST(*st->newestRead == late.capturedAt);
  BOOST_TEST(st->schemaVersion == Storage::CurrentSchemaVersion());
  BOOST_TEST(st->sizeBytes == FolderSize(f.folder));
  BOOST_TEST(st->sizeBytes > 0u);
  BOOST_TEST(!st->demo);
  BOOST_REQUIRE(f.storage->SetSetting("demo", "1").Ok());
  BOOST_TEST(f.storage->GetStatus()->demo);
}

BOOST_AUTO_TEST_CASE(StatusOfAnEmptyStorageHasNoReadTimes) {
  StorageFixture f;
  auto st = f.storage->GetStatus();
  BOOST_REQUIRE(st.Ok());
  BOOST_TEST(st->reads == 0);
  BOOST_TEST(!st->oldestRead.has_value());
  BOOST_TEST(!st->newestRead.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
