// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sqlite.h"

#include "platedesk/common/Time.h"

namespace platedesk::store::detail {

Error SqlError(sqlite3* db, int rc, std::string_view what) {
  std::string context(what);
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  context += ": ";
  context += detail != nullptr ? detail : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Fail(ErrorCode::Corrupt, "the storage database is damaged or not a PlateDesk database",
                  std::move(context));
    case SQLITE_FULL:
      return Fail(ErrorCode::Io, "disk full", std::move(context));
    case SQLITE_CONSTRAINT:
      return Fail(ErrorCode::InvalidArgument, "refused by the storage schema", std::move(context));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Fail(ErrorCode::Io, "the storage is busy (another writer holds it)", std::move(context));
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return Fail(ErrorCode::Io, "the storage database cannot be written or opened", std::move(context));
    default:
      return Fail(ErrorCode::Io, "storage database error", std::move(context));
  }
}

Status Exec(sqlite3* db, const char* sql, std::string_view what) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqlError(db, rc, what);
  return {};
}

Result<bool> Stmt::Step() {
  const int rc = sqlite3_step(mStmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqlError(mDb, rc, sqlite3_sql(mStmt));
}

Status Stmt::Run() {
  for (;;) {
    const int rc = sqlite3_step(mStmt);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return SqlError(mDb, rc, sqlite3_sql(mStmt));
  }
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::filesystem::path& path, int flags) {
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.string().c_str(), &db, flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqlError(db, rc, "cannot open " + path.string());
    sqlite3_close_v2(db);
    return e;
  }
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  ClearCache();
  sqlite3_close_v2(mDb);
}

void Connection::ClearCache() {
  for (auto& [sql, stmt] : mCache) sqlite3_finalize(stmt);
  mCache.clear();
}

Result<Stmt> Connection::Prepare(std::string_view sql) {
  if (auto it = mCache.find(sql); it != mCache.end()) return Stmt(it->second, mDb);
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(mDb, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqlError(mDb, rc, "cannot prepare: " + std::string(sql));
  }
  mCache.emplace(std::string(sql), stmt);
  return Stmt(stmt, mDb);
}

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

}  // namespace platedesk::store::detail
