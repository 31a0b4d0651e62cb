// SPDX-License-Identifier: GPL-3.0-or-later
#include "StoreTestSupport.h"

#include "platedesk/store/Migrations.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;
namespace fs = std::filesystem;

namespace {

// A schema-v1 storage as an older PlateDesk left it: one camera and one read, no users table.
void MakeVersionOneStorage(const fs::path& folder) {
  fs::create_directories(folder / "images");
  RawDb db(folder / "platedesk.db");
  BOOST_REQUIRE(RawExec(db.Get(), "PRAGMA journal_mode = WAL") == SQLITE_OK);
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 1).Ok());
  std::string error;
  const int rc = RawExec(db.Get(),
                         "INSERT INTO cameras(id, external_id, name, kind, created_ms) VALUES (1, 'cam-old', 'Old', "
                         "'fixed', 1);"
                         "INSERT INTO reads(id, source_format, source_uuid, captured_ms, camera_id, plate_reported, "
                         "plate, state, confidence, ingested_ms) VALUES (7, 'csv', 'old-1', 1700000000000, 1, 'ab 12', "
                         "'AB12', 'IL', 80, 1700000000001);"
                         "INSERT INTO read_candidates VALUES (7, 1, 'A812', 'A812', 40);",
                         &error);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, error);
}

std::vector<fs::path> Backups(const fs::path& folder) {
  std::vector<fs::path> list;
  for (const auto& e : fs::directory_iterator(folder)) {
    if (e.path().filename().string().rfind("platedesk.db.bak-", 0) == 0) list.push_back(e.path());
  }
  return list;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(MigrationsTest)

BOOST_AUTO_TEST_CASE(LatestVersionIsTheLastMigrationFile) {
  BOOST_TEST(LatestSchemaVersion() == 16);
  BOOST_TEST(Storage::CurrentSchemaVersion() == LatestSchemaVersion());
}

BOOST_AUTO_TEST_CASE(MigrationsRunStepByStepOnAnEmptyDatabase) {
  TempFolder t;
  RawDb db(t.Path() / "x.db");
  BOOST_TEST(ReadSchemaVersion(db.Get()).Value() == 0);
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 1).Ok());
  BOOST_TEST(ReadSchemaVersion(db.Get()).Value() == 1);
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM sqlite_schema WHERE name = 'reads'") == 1);
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM sqlite_schema WHERE name = 'users'") == 0);
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 2).Ok());
  BOOST_TEST(ReadSchemaVersion(db.Get()).Value() == 2);
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM sqlite_schema WHERE name = 'users'") == 1);
  // Applying again is a no-op.
  BOOST_TEST(ApplyMigrations(db.Get(), 2).Ok());
  BOOST_TEST(ReadSchemaVersion(db.Get()).Value() == 2);
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 3).Ok());
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM sqlite_schema WHERE name IN ('cases', 'purposes', 'sessions')") ==
             3);
}

BOOST_AUTO_TEST_CASE(UnknownOrOlderTargetsAreRefused) {
  TempFolder t;
  RawDb db(t.Path() / "x.db");
  BOOST_TEST((ApplyMigrations(db.Get(), 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((ApplyMigrations(db.Get(), LatestSchemaVersion() + 1).Err().code == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 2).Ok());
  BOOST_TEST((ApplyMigrations(db.Get(), 1).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(ReadSchemaVersion(db.Get()).Value() == 2);
}

BOOST_AUTO_TEST_CASE(AFailingMigrationLeavesThePreviousVersion) {
  TempFolder t;
  RawDb db(t.Path() / "x.db");
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 1).Ok());
  // Fault injection: a table in the way of 002_users.sql.
  BOOST_REQUIRE(RawExec(db.Get(), "CREATE TABLE users(x)") == SQLITE_OK);
  auto st = ApplyMigrations(db.Get(), 2);
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST(st.Err().context.find("002_users.sql") != std::string::npos);
  BOOST_TEST(ReadSchemaVersion(db.Get()).Value() == 1);
  BOOST_TEST(sqlite3_get_autocommit(db.Get()) != 0);  // no transaction left open
}

BOOST_AUTO_TEST_CASE(OpenMigratesVersionOneAfterABackupAndKeepsTheData) {
  TempFolder t;
  const fs::path folder = t.Path() / "old";
  MakeVersionOneStorage(folder);
  ManualClock clock(kStart);

  auto s = Storage::Open(folder, clock);
  BOOST_REQUIRE_MESSAGE(s.Ok(), (s.Ok() ? std::string() : s.Err().ToString()));
  BOOST_TEST((*s)->SchemaVersion() == LatestSchemaVersion());
  {
    RawDb check(folder / "platedesk.db", SQLITE_OPEN_READONLY);
    BOOST_TEST(RawInt(check.Get(), "PRAGMA user_version") == LatestSchemaVersion());
  }

  // The old data is all there.
  auto read = (*s)->GetRead(7);
  BOOST_REQUIRE(read.Ok());
  BOOST_REQUIRE(read->has_value());
  BOOST_TEST((*read)->plate == "AB12");
  BOOST_TEST((*read)->state == "IL");
  BOOST_REQUIRE((*read)->candidates.size() == 1u);
  BOOST_TEST((*read)->candidates[0].plate == "A812");
  BOOST_TEST((*s)->Cameras()->size() == 1u);
  // The new table works.
  UserRecord u;
  u.name = "admin";
  u.role = Role::Administrator;
  BOOST_TEST((*s)->AddUser(u).Ok());

  // A backup of the v1 file, named after the old version and the clock's time.
  const auto backups = Backups(folder);
  BOOST_REQUIRE(backups.size() == 1u);
  BOOST_TEST(backups[0].filename().string() == "platedesk.db.bak-v1-20261124T065812Z");
  RawDb backup(backups[0], SQLITE_OPEN_READONLY);
  BOOST_TEST(RawInt(backup.Get(), "PRAGMA user_version") == 1);
  BOOST_TEST(RawInt(backup.Get(), "SELECT count(*) FROM reads") == 1);
  BOOST_TEST(RawInt(backup.Get(), "SELECT count(*) FROM sqlite_schema WHERE name = 'users'") == 0);

  // Opening again neither migrates nor backs up.
  s = Storage::Open(folder, clock);
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(Backups(folder).size() == 1u);
}

BOOST_AUTO_TEST_CASE(ANewerSchemaIsRefusedAndTheFileStaysByteIdentical) {
  TempFolder t;
  ManualClock clock(kStart);
  const fs::path folder = t.Path() / "s";
  {
    auto s = Storage::Create(folder, clock);
    BOOST_REQUIRE(s.Ok());
    BOOST_REQUIRE((*s)->EnsureCamera("c", "c", CameraKind::Fixed, std::nullopt).Ok());
  }
  {
    RawDb db(folder / "platedesk.db");
    BOOST_REQUIRE(RawExec(db.Get(), "PRAGMA user_version = " + std::to_string(LatestSchemaVersion() + 1)) == SQLITE_OK);
  }
  const std::string before = ReadFile(folder / "platedesk.db").Value();

  auto s = Storage::Open(folder, clock);
  BOOST_REQUIRE(!s.Ok());
  BOOST_TEST((s.Err().code == ErrorCode::Unsupported));
  BOOST_TEST(s.Err().message == "this storage was written by a newer PlateDesk (schema " +
                                    std::to_string(LatestSchemaVersion() + 1) + ", this build reads up to " +
                                    std::to_string(LatestSchemaVersion()) + "); upgrade PlateDesk");
  BOOST_TEST(ReadFile(folder / "platedesk.db").Value() == before);
  BOOST_TEST(Backups(folder).empty());
  // ApplyMigrations refuses it too.
  RawDb db(folder / "platedesk.db", SQLITE_OPEN_READONLY);
  BOOST_TEST((ApplyMigrations(db.Get(), 2).Err().code == ErrorCode::Unsupported));
}

BOOST_AUTO_TEST_CASE(ACorruptDatabaseIsReportedAndNotMigrated) {
  TempFolder t;
  ManualClock clock(kStart);
  const fs::path folder = t.Path() / "s";
  MakeVersionOneStorage(folder);
  // Damage the file past its header: SQLite sees a valid header and broken pages.
  std::string bytes = ReadFile(folder / "platedesk.db").Value();
  BOOST_REQUIRE(bytes.size() > 200u);
  for (std::size_t i = 100; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5);
  BOOST_REQUIRE(WriteFileAtomic(folder / "platedesk.db", bytes).Ok());
  auto s = Storage::Open(folder, clock);
  BOOST_REQUIRE(!s.Ok());
  BOOST_TEST((s.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(ReadFile(folder / "platedesk.db").Value() == bytes);
}

BOOST_AUTO_TEST_CASE(Version10GivesTheBuiltInAuditReviewPurposeItsRoles) {
  // A storage from before v10 already holds the built-in catalogue (Policy::EnsureCatalogue never
  // changes an existing purpose), so the migration itself restricts AUDIT-REVIEW.
  TempFolder t;
  RawDb db(t.Path() / "x.db");
  BOOST_REQUIRE(ApplyMigrations(db.Get(), 8).Ok());
  std::string error;
  BOOST_REQUIRE_MESSAGE(RawExec(db.Get(),
                                "INSERT INTO purposes(code, label, builtin, created_ms) VALUES "
                                "('AUDIT-REVIEW', 'Supervisor or auditor review of system use', 1, 1),"
                                "('INV-PROPERTY', 'Investigation of a property crime', 1, 1)",
                                &error) == SQLITE_OK,
                        error);
  BOOST_REQUIRE(ApplyMigrations(db.Get(), LatestSchemaVersion()).Ok());
  BOOST_TEST(RawInt(db.Get(),
                    "SELECT count(*) FROM purposes WHERE code = 'AUDIT-REVIEW' AND roles = 'supervisor,auditor'") == 1);
  BOOST_TEST(RawInt(db.Get(), "SELECT count(*) FROM purposes WHERE code = 'INV-PROPERTY' AND roles = ''") == 1);
  BOOST_TEST(RawExec(db.Get(), "UPDATE purposes SET roles = 'Supervisor; DROP' WHERE code = 'INV-PROPERTY'") !=
             SQLITE_OK);
}

BOOST_AUTO_TEST_SUITE_END()
