// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/store/Storage.h"

#include "StorageImpl.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Log.h"
#include "platedesk/store/Migrations.h"

#include <algorithm>
#include <cmath>
#include <system_error>

namespace fs = std::filesystem;

namespace platedesk::store {
namespace {

constexpr int kApplicationId = 0x504C4454;  // "PLDT", set by 001_initial.sql
constexpr int kBusyTimeoutMs = 5000;

std::string NewerSchemaMessage(int version) {
  return "this storage was written by a newer PlateDesk (schema " + std::to_string(version) +
         ", this build reads up to " + std::to_string(LatestSchemaVersion()) + "); upgrade PlateDesk";
}

Error CorruptDatabase(const fs::path& dbPath, std::string detail) {
  return Fail(ErrorCode::Corrupt,
              "platedesk.db is not a PlateDesk storage database, or it is damaged; restore it from a backup",
              dbPath.string() + ": " + detail);
}

// What Open learns before it changes anything.
struct Probe {
  int version = 0;
  int applicationId = 0;
};

// Reads the schema version and application id through an existing connection and forces SQLite
// to parse the schema, so a damaged file is found here rather than halfway through a migration.
Result<Probe> ProbeDatabase(sqlite3* db, const fs::path& dbPath) {
  Probe probe;
  struct Query {
    const char* sql;
    int* out;
  };
  int schemaObjects = 0;
  const Query queries[] = {{"PRAGMA user_version", &probe.version},
                           {"PRAGMA application_id", &probe.applicationId},
                           {"SELECT count(*) FROM sqlite_schema", &schemaObjects}};
  for (const Query& q : queries) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, q.sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) {
      rc = sqlite3_step(stmt);
      if (rc == SQLITE_ROW) {
        *q.out = sqlite3_column_int(stmt, 0);
        rc = SQLITE_OK;
      }
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_OK) {
      Error e = detail::SqlError(db, rc, dbPath.string());
      if (e.code == ErrorCode::Corrupt) return CorruptDatabase(dbPath, e.context);
      return e;
    }
  }
  return probe;
}

// A backup path that does not exist yet: platedesk.db.bak-v<old>-<yyyymmddThhmmssZ>[-n].
fs::path BackupPath(const fs::path& folder, int version, UtcMs now) {
  const std::string base =
      std::string(detail::kDbName) + ".bak-v" + std::to_string(version) + "-" + detail::CompactUtc(now, false);
  fs::path p = folder / base;
  std::error_code ec;
  for (int n = 2; fs::exists(p, ec); ++n) p = folder / (base + "-" + std::to_string(n));
  return p;
}

// Copies the database (including committed WAL content) with the SQLite online backup API.
Status BackupDatabase(sqlite3* source, const fs::path& target) {
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(target.string().c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
    if (backup == nullptr) {
      rc = sqlite3_errcode(dest);
    } else {
      do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      const int finish = sqlite3_backup_finish(backup);
      if (rc == SQLITE_DONE) rc = finish;
    }
  }
  // The copy carries the source's WAL flag; a backup is better as one self-contained file.
  if (rc == SQLITE_OK) rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
  Status st;
  if (rc != SQLITE_OK) st = detail::SqlError(dest, rc, "back up the storage database to " + target.string());
  sqlite3_close_v2(dest);
  if (!st.Ok()) {
    std::error_code ec;
    fs::remove(target, ec);
  }
  return st;
}

// Connection settings every read-write Storage connection uses.
Status Configure(sqlite::Connection& conn) {
  sqlite3* db = conn.Db();
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  PLATEDESK_TRY(conn.Exec("PRAGMA foreign_keys = ON", "enable foreign keys"));
  {
    auto stmt = conn.Prepare("PRAGMA journal_mode = WAL");
    if (!stmt) return stmt.Err();
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (*row && stmt->ColText(0) != "wal") {
      // Some network file systems cannot do WAL; SQLite then keeps its rollback journal, which is
      // slower but just as safe.
      Log(LogLevel::Warning, "store: WAL journal not available here; using SQLite's rollback journal");
    }
  }
  PLATEDESK_TRY(conn.Exec("PRAGMA synchronous = NORMAL", "set synchronous"));
  // Deleted content (a purged read, its index entries) is overwritten with zeros, whatever the
  // SQLite build's default: a purge must leave nothing readable in the file's free pages.
  {
    auto stmt = conn.Prepare("PRAGMA secure_delete = ON");
    if (!stmt) return stmt.Err();
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row || stmt->ColInt(0) != 1)
      return Fail(ErrorCode::Unsupported, "this SQLite cannot zero deleted content (PRAGMA secure_delete)");
  }
  PLATEDESK_TRY(conn.Exec("PRAGMA temp_store = MEMORY", "set temp_store"));
  // 128 MiB of page cache (an upper bound, allocated as used): bulk imports touch the source-id
  // index at random positions, and a cache miss there costs a disk read per read inserted.
  PLATEDESK_TRY(conn.Exec("PRAGMA cache_size = -131072", "set cache_size"));
  // Checkpoint the WAL every ~64 MiB instead of every 4 MiB during big imports.
  PLATEDESK_TRY(conn.Exec("PRAGMA wal_autocheckpoint = 16384", "set wal_autocheckpoint"));
  // A big import grows the WAL to the size of the transaction; shrink it again after checkpoints.
  PLATEDESK_TRY(conn.Exec("PRAGMA journal_size_limit = 67108864", "set journal_size_limit"));
  // journal_mode and secure_delete were prepared once; never keep them in the cache (it would pin
  // the schema).
  conn.ClearCache();
  return {};
}

void RemoveDatabaseFiles(const fs::path& dbPath) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(dbPath.string() + suffix, ec);
}

}  // namespace

// --- detail helpers -------------------------------------------------------------------------

namespace detail {

bool IsStateCode(std::string_view s) {
  return s.empty() || (s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z');
}

bool InRange(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

std::string CompactUtc(std::int64_t utcMs, bool withMs) {
  // FormatIso8601 gives "2026-11-24T06:58:12.123Z"; keep only digits, 'T' and 'Z'.
  const std::string iso = FormatIso8601(utcMs);
  std::string out;
  out.reserve(20);
  for (std::size_t i = 0; i < iso.size(); ++i) {
    const char c = iso[i];
    if (c == '.') {
      if (!withMs) {
        while (i + 1 < iso.size() && iso[i + 1] != 'Z') ++i;
      }
      continue;
    }
    if (c == '-' || c == ':') continue;
    out += c;
  }
  return out;
}

Result<WriteScope> WriteScope::Start(detail::State& impl) {
  if (impl.inTransaction) {
    if (sqlite3_get_autocommit(impl.Db()) != 0) {
      return Fail(ErrorCode::Io, "the open transaction was rolled back by SQLite after an earlier error",
                  "roll back the Transaction and start a new one");
    }
    auto st = impl.Prepare("SAVEPOINT pd_write");
    if (!st) return st.Err();
    PLATEDESK_TRY(st->Run());
    return WriteScope(&impl, true);
  }
  auto st = impl.Prepare("BEGIN IMMEDIATE");
  if (!st) return st.Err();
  PLATEDESK_TRY(st->Run());
  return WriteScope(&impl, false);
}

WriteScope::~WriteScope() {
  if (mImpl != nullptr) Rollback();
}

Status WriteScope::Commit() {
  if (mImpl == nullptr) return Fail(ErrorCode::Internal, "write scope already finished");
  auto stmt = mImpl->Prepare(mSavepoint ? "RELEASE pd_write" : "COMMIT");
  Status st = stmt ? stmt->Run() : Status(stmt.Err());
  if (!st.Ok()) {
    Rollback();
    return st;
  }
  mImpl = nullptr;
  return {};
}

void WriteScope::Rollback() noexcept {
  sqlite3* db = mImpl->Db();
  if (mSavepoint) {
    if (sqlite3_get_autocommit(db) == 0) {
      (void)Exec(db, "ROLLBACK TO pd_write", "roll back");
      (void)Exec(db, "RELEASE pd_write", "roll back");
    }
  } else if (sqlite3_get_autocommit(db) == 0) {
    (void)Exec(db, "ROLLBACK", "roll back");
  }
  mImpl = nullptr;
}

}  // namespace detail

// --- lifetime -----------------------------------------------------------------------------

Storage::Storage(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}
Storage::~Storage() = default;

int Storage::CurrentSchemaVersion() { return LatestSchemaVersion(); }

bool Storage::Exists(const fs::path& folder) {
  std::error_code ec;
  return fs::is_regular_file(folder / detail::kDbName, ec);
}

Result<std::unique_ptr<Storage>> Storage::Create(const fs::path& folder, const Clock& clock) {
  return detail::Guarded("create storage", [&]() -> Result<std::unique_ptr<Storage>> {
    if (Exists(folder))
      return Fail(ErrorCode::AlreadyExists, "a PlateDesk storage already exists here", folder.string());
    std::error_code ec;
    if (fs::exists(folder, ec)) {
      if (!fs::is_directory(folder, ec)) {
        return Fail(ErrorCode::InvalidArgument, "the storage location is a file, not a folder", folder.string());
      }
      if (!fs::is_empty(folder, ec)) {
        return Fail(ErrorCode::InvalidArgument, "this folder is not empty; choose an empty folder", folder.string());
      }
    }
    for (const char* sub : {detail::kImagesFolder, detail::kQuarantineFolder}) {
      fs::create_directories(folder / sub, ec);
      if (ec) return Fail(ErrorCode::Io, "cannot create the storage folder: " + ec.message(), (folder / sub).string());
#ifndef _WIN32
      fs::permissions(folder / sub, fs::perms::owner_all, fs::perm_options::replace, ec);
#endif
    }
#ifndef _WIN32
    // Owner-only before the database exists: nobody else on the machine reads plate data.
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, ec);
    if (ec) return Fail(ErrorCode::Io, "cannot make the storage folder private: " + ec.message(), folder.string());
#endif
    const fs::path dbPath = folder / detail::kDbName;
    auto conn = sqlite::Connection::Open(dbPath.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, detail::kDbWords);
    if (!conn) return conn.Err();
    auto setUp = [&]() -> Status {
      PLATEDESK_TRY(Configure(**conn));
      PLATEDESK_TRY(ApplyMigrations((*conn)->Db(), LatestSchemaVersion()));
      auto stmt = (*conn)->Prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)");
      if (!stmt) return stmt.Err();
      const std::pair<const char*, std::string> initial[] = {{"storage_id", RandomHex(16)},
                                                             {"created_ms", std::to_string(clock.Now())},
                                                             {"created_schema", std::to_string(LatestSchemaVersion())}};
      for (const auto& [key, value] : initial) {
        stmt->Text(1, key);
        stmt->Text(2, value);
        PLATEDESK_TRY(stmt->Run());
        stmt->Reset();
      }
      return {};
    };
    if (Status st = setUp(); !st.Ok()) {
      conn->reset();
      RemoveDatabaseFiles(dbPath);
      return st.Err();
    }
    auto impl = std::make_unique<Impl>();
    impl->folder = folder;
    impl->clock = &clock;
    impl->conn = std::move(*conn);
    impl->schemaVersion = LatestSchemaVersion();
    return std::unique_ptr<Storage>(new Storage(std::move(impl)));
  });
}

Result<std::unique_ptr<Storage>> Storage::Open(const fs::path& folder, const Clock& clock) {
  return detail::Guarded("open storage", [&]() -> Result<std::unique_ptr<Storage>> {
    const fs::path dbPath = folder / detail::kDbName;
    if (!Exists(folder)) return Fail(ErrorCode::NotFound, "no PlateDesk storage in this folder", folder.string());
    const int latest = LatestSchemaVersion();

    // Look first, read-only: a newer or foreign file must stay byte-for-byte unchanged.
    int version = 0;
    {
      auto probeConn = sqlite::Connection::Open(dbPath.string(), SQLITE_OPEN_READONLY, detail::kDbWords);
      if (!probeConn) return probeConn.Err();
      auto probe = ProbeDatabase((*probeConn)->Db(), dbPath);
      if (!probe) return probe.Err();
      version = probe->version;
      if (version > latest) return Fail(ErrorCode::Unsupported, NewerSchemaMessage(version), dbPath.string());
      if (version < 1 || probe->applicationId != kApplicationId) {
        return CorruptDatabase(dbPath, "no PlateDesk schema (user_version " + std::to_string(version) +
                                           ", application_id " + std::to_string(probe->applicationId) + ")");
      }
      if (version < latest) {
        const fs::path backup = BackupPath(folder, version, clock.Now());
        PLATEDESK_TRY(BackupDatabase((*probeConn)->Db(), backup));
        Log(LogLevel::Info, "store: schema v" + std::to_string(version) + " backed up to " + backup.string() +
                                " before migrating to v" + std::to_string(latest));
      }
    }

    auto conn = sqlite::Connection::Open(dbPath.string(), SQLITE_OPEN_READWRITE, detail::kDbWords);
    if (!conn) return conn.Err();
    PLATEDESK_TRY(Configure(**conn));
    if (version < latest) {
      PLATEDESK_TRY(ApplyMigrations((*conn)->Db(), latest));
      (*conn)->ClearCache();
    }
    auto now = ReadSchemaVersion((*conn)->Db());
    if (!now) return now.Err();
    if (*now != latest) return Fail(ErrorCode::Unsupported, NewerSchemaMessage(*now), dbPath.string());

    std::error_code ec;
    for (const char* sub : {detail::kImagesFolder, detail::kQuarantineFolder}) fs::create_directories(folder / sub, ec);

    auto impl = std::make_unique<Impl>();
    impl->folder = folder;
    impl->clock = &clock;
    impl->conn = std::move(*conn);
    impl->schemaVersion = *now;
    return std::unique_ptr<Storage>(new Storage(std::move(impl)));
  });
}

const fs::path& Storage::Folder() const { return mImpl->folder; }
int Storage::SchemaVersion() const { return mImpl->schemaVersion; }
const Clock& Storage::GetClock() const { return *mImpl->clock; }

Status Storage::SetDurableCommits() { return mImpl->conn->Exec("PRAGMA synchronous = FULL", "set synchronous"); }

Status Storage::LimitCache(std::size_t bytes) {
  std::string sql = "PRAGMA cache_size = -";
  sql += std::to_string(std::max<std::size_t>(bytes / 1024, 256));
  return mImpl->conn->Exec(sql.c_str(), "set cache_size");
}

// --- settings -------------------------------------------------------------------------------

Result<std::optional<std::string>> Storage::GetSetting(std::string_view key) {
  return detail::Guarded("get setting", [&]() -> Result<std::optional<std::string>> {
    auto stmt = mImpl->Prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, key);
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->ColText(0));
  });
}

Status Storage::SetSetting(std::string_view key, std::string_view value) {
  return detail::Guarded("set setting", [&]() -> Status {
    if (key.empty()) return Fail(ErrorCode::InvalidArgument, "setting key is empty", "key");
    if (value.empty()) {
      // Unset, not "set to nothing": an empty dissemination_rules stored as a value was read as
      // "no rules" instead of the agency's defaults.
      auto erase = mImpl->Prepare("DELETE FROM meta WHERE key = ?1");
      if (!erase) return erase.Err();
      erase->Text(1, key);
      return erase->Run();
    }
    auto stmt = mImpl->Prepare(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    if (!stmt) return stmt.Err();
    stmt->Text(1, key);
    stmt->Text(2, value);
    return stmt->Run();
  });
}

// --- transactions -------------------------------------------------------------------------

Result<Storage::Transaction> Storage::Begin() {
  if (mImpl->inTransaction) {
    return Fail(ErrorCode::InvalidArgument, "a transaction is already open on this storage connection");
  }
  PLATEDESK_TRY(detail::Exec(mImpl->Db(), "BEGIN IMMEDIATE", "begin transaction"));
  mImpl->inTransaction = true;
  mImpl->transactionBroken = false;
  return Transaction(this);
}

Storage::Transaction::Transaction(Transaction&& other) noexcept : mOwner(other.mOwner), mDone(other.mDone) {
  other.mDone = true;
}

Storage::Transaction::~Transaction() {
  if (mDone || mOwner == nullptr) return;
  sqlite3* db = mOwner->mImpl->Db();
  if (sqlite3_get_autocommit(db) == 0) (void)detail::Exec(db, "ROLLBACK", "roll back transaction");
  mOwner->mImpl->inTransaction = false;
  // Cameras created inside the transaction are gone again.
  mOwner->mImpl->knownCameras.clear();
}

Status Storage::Transaction::Commit() {
  if (mDone || mOwner == nullptr) return Fail(ErrorCode::Internal, "transaction already finished");
  mDone = true;
  sqlite3* db = mOwner->mImpl->Db();
  // A read whose candidates failed and whose undo was refused (it matched a preservation order)
  // must not be committed without them: the whole transaction goes.
  Status st = mOwner->mImpl->transactionBroken
                  ? Fail(ErrorCode::Io, "a read could not be stored whole, so nothing of this batch was stored")
                  : detail::Exec(db, "COMMIT", "commit transaction");
  if (!st.Ok()) {
    if (sqlite3_get_autocommit(db) == 0) (void)detail::Exec(db, "ROLLBACK", "roll back transaction");
    mOwner->mImpl->knownCameras.clear();
  }
  mOwner->mImpl->inTransaction = false;
  return st;
}

// --- status -------------------------------------------------------------------------------

Result<StorageStatus> Storage::GetStatus() {
  return detail::Guarded("storage status", [&]() -> Result<StorageStatus> {
    auto stmt = mImpl->Prepare(
        "SELECT (SELECT count(*) FROM reads), (SELECT count(*) FROM cameras), (SELECT count(*) FROM images),"
        " (SELECT count(*) FROM quarantine), (SELECT count(*) FROM users),"
        " (SELECT min(captured_ms) FROM reads), (SELECT max(captured_ms) FROM reads),"
        " (SELECT value FROM meta WHERE key = 'demo'), (SELECT coalesce(sum(bytes), 0) FROM images)");
    if (!stmt) return stmt.Err();
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return Fail(ErrorCode::Internal, "status query returned no row");
    StorageStatus s;
    s.reads = stmt->ColInt(0);
    s.cameras = stmt->ColInt(1);
    s.images = stmt->ColInt(2);
    s.quarantined = stmt->ColInt(3);
    s.users = stmt->ColInt(4);
    s.oldestRead = stmt->ColOptInt(5);
    s.newestRead = stmt->ColOptInt(6);
    s.demo = !stmt->IsNull(7) && stmt->ColText(7) == "1";
    s.schemaVersion = mImpl->schemaVersion;
    // Size without walking images/ (tens of thousands of files): the images table knows their
    // sizes; the databases, their WAL files and quarantine/ are read from the file system.
    std::uint64_t size = static_cast<std::uint64_t>(stmt->ColInt(8));
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(mImpl->folder, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      std::error_code ec2;
      if (it->is_regular_file(ec2)) size += it->file_size(ec2);
    }
    size += FolderSize(mImpl->folder / detail::kQuarantineFolder);
    s.sizeBytes = size;
    // Camera health now. A damaged threshold setting costs the counts their precision, not the
    // status: the default applies.
    auto threshold = CameraOfflineAfter();
    const UtcMs now = mImpl->clock->Now();
    auto health = CameraHealthList(now, now, threshold ? *threshold : kDefaultCameraOfflineAfterMs);
    if (!health) return health.Err();
    for (CameraHealth& h : *health) {
      if (!h.lastHeard) {
        ++s.camerasNeverHeard;
      } else if (h.online) {
        ++s.camerasOnline;
      } else {
        ++s.camerasOffline;
        for (OfflinePeriod& p : h.periods)
          if (!p.to) s.offlineCameras.push_back(std::move(p));
      }
    }
    std::sort(s.offlineCameras.begin(), s.offlineCameras.end(),
              [](const OfflinePeriod& a, const OfflinePeriod& b) { return a.from < b.from; });
    return s;
  });
}

}  // namespace platedesk::store
