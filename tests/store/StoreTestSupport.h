// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers for the store tests: a fresh storage in a temporary folder, a read builder and
// raw SQL access (a second connection) for checks the public API deliberately does not offer.
#pragma once

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Storage.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

namespace platedesk::store::test {

inline constexpr UtcMs kStart = 1795503492123;  // 2026-11-24T06:58:12.123Z

/// A raw SQLite connection closed on scope exit.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
    if (sqlite3_open_v2(path.string().c_str(), &mDb, flags, nullptr) != SQLITE_OK) {
      sqlite3_close_v2(mDb);
      throw std::runtime_error("cannot open " + path.string());
    }
  }
  ~RawDb() { sqlite3_close_v2(mDb); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  [[nodiscard]] sqlite3* Get() const { return mDb; }

 private:
  sqlite3* mDb = nullptr;
};

/// A new storage in a temporary folder with a manual clock.
struct StorageFixture {
  TempFolder temp{"platedesk-store-test"};
  ManualClock clock{kStart};
  std::filesystem::path folder = temp.Path() / "storage";
  std::unique_ptr<Storage> storage;

  StorageFixture() {
    auto created = Storage::Create(folder, clock);
    if (!created) throw std::runtime_error("cannot create storage: " + created.Err().ToString());
    storage = std::move(*created);
  }

  /// A camera with a fixed location; returns its id.
  CameraId Camera(const std::string& externalId = "cam-1") {
    CameraLocation loc{38.6270, -90.1994, "Market St & 12th, St. Louis", kStart - kMsPerDay, std::nullopt};
    auto id = storage->EnsureCamera(externalId, "Camera " + externalId, CameraKind::Fixed, loc);
    if (!id) throw std::runtime_error("cannot create camera: " + id.Err().ToString());
    return *id;
  }

  /// A second, raw connection to the storage's platedesk.db (opened on first use, foreign keys on
  /// like the Storage's own), for checks and fault injection the public API deliberately does not
  /// offer. It sees what the Storage has committed.
  sqlite3* Raw() {
    if (!mRaw) {
      mRaw = std::make_unique<RawDb>(folder / "platedesk.db");
      sqlite3_busy_timeout(mRaw->Get(), 5000);
      if (sqlite3_exec(mRaw->Get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot enable foreign keys");
    }
    return mRaw->Get();
  }

 private:
  std::unique_ptr<RawDb> mRaw;
};

/// A plausible read with two candidates and a colour; vary uuid to make distinct reads.
inline NewRead MakeRead(CameraId camera, const std::string& uuid, const std::string& plate = "ABC1234") {
  NewRead r;
  r.sourceFormat = "openalpr-group";
  r.sourceUuid = uuid;
  r.capturedAt = kStart - 3600 * 1000;
  r.camera = camera;
  r.plateReported = plate;
  r.plate = plate;
  r.state = "MO";
  r.confidence = 91.25;
  r.candidates = {{"A8C1234", "A8C1234", 71.5}, {"ABC-I234", "ABCI234", 60.0}};
  r.vehicle.color = {{"white", 88.0}, {"silver", 9.5}};
  r.payloadSha256 = Sha256Hex(uuid);
  return r;
}

/// Runs SQL on a raw connection; returns SQLite's result code and fills error.
inline int RawExec(sqlite3* db, const std::string& sql, std::string* error = nullptr) {
  char* msg = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg);
  if (error != nullptr) *error = msg != nullptr ? msg : "";
  sqlite3_free(msg);
  return rc;
}

/// Runs sql in one transaction under the retention purge's marker (schema v7), the only way the
/// schema lets reads, corrections and verifications be deleted; rolls back if anything fails.
inline int RawPurgeExec(sqlite3* db, const std::string& sql, std::string* error = nullptr) {
  int rc = RawExec(db,
                   "BEGIN; INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, 9000000000000000); " + sql +
                       "; DELETE FROM retention_purge; COMMIT",
                   error);
  if (rc != SQLITE_OK && sqlite3_get_autocommit(db) == 0) (void)RawExec(db, "ROLLBACK");
  return rc;
}

/// First column of the first row as an integer (for counts and pragmas); -1 on error.
inline long long RawInt(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  long long value = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    value = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return value;
}

/// First column of the first row as text; "" on error.
inline std::string RawText(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    if (const unsigned char* p = sqlite3_column_text(stmt, 0)) value = reinterpret_cast<const char*>(p);
  }
  sqlite3_finalize(stmt);
  return value;
}

/// Number of regular files below folder whose name ends with suffix.
inline int CountFiles(const std::filesystem::path& folder, const std::string& suffix = "") {
  int n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      ++n;
    }
  }
  return n;
}

}  // namespace platedesk::store::test
