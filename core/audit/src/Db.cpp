// SPDX-License-Identifier: GPL-3.0-or-later
#include "Db.h"

#include <algorithm>

namespace platedesk::audit::detail {

Error SqlError(sqlite3* db, int rc, std::string_view what) {
  std::string context(what);
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  context += ": ";
  context += detail != nullptr ? detail : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Fail(ErrorCode::Corrupt, "the audit database is damaged or not an audit database", std::move(context));
    case SQLITE_CANTOPEN:
      return Fail(ErrorCode::NotFound, "the audit database cannot be opened", std::move(context));
    case SQLITE_FULL:
      return Fail(ErrorCode::Io, "disk full", std::move(context));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Fail(ErrorCode::Io, "the audit database is busy", std::move(context));
    case SQLITE_CONSTRAINT:
      return Fail(ErrorCode::Io, "the audit database refused the write (append-only)", std::move(context));
    default:
      return Fail(ErrorCode::Io, "audit database error", std::move(context));
  }
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

std::optional<Sha256Digest> Stmt::ColDigest(int col) const {
  if (sqlite3_column_type(mStmt, col) != SQLITE_BLOB) return std::nullopt;
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(mStmt, col));
  const int n = sqlite3_column_bytes(mStmt, col);
  Sha256Digest d{};
  if (p == nullptr || n != static_cast<int>(d.size())) return std::nullopt;
  std::copy(p, p + n, d.begin());
  return d;
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& pathOrUri, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(pathOrUri.c_str(), &db, flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqlError(db, rc, "cannot open " + pathOrUri);
    sqlite3_close_v2(db);
    return e;
  }
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  for (auto& [sql, stmt] : mCache) sqlite3_finalize(stmt);
  sqlite3_close_v2(mDb);
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

Status Connection::Exec(const char* sql, std::string_view what) {
  const int rc = sqlite3_exec(mDb, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqlError(mDb, rc, what);
  return {};
}

WriteTransaction::~WriteTransaction() {
  if (mOpen) sqlite3_exec(mDb.Db(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status WriteTransaction::Begin() {
  PLATEDESK_TRY(mDb.Exec("BEGIN IMMEDIATE", "begin audit transaction"));
  mOpen = true;
  return {};
}

Status WriteTransaction::Commit() {
  PLATEDESK_TRY(mDb.Exec("COMMIT", "commit audit transaction"));
  mOpen = false;
  return {};
}

std::string FileUri(const std::filesystem::path& path, std::string_view query) {
  const std::string abs = std::filesystem::absolute(path).generic_string();
  // Windows paths ("C:/...") need "file:/C:/...".
  std::string out = !abs.empty() && abs[0] != '/' ? "file:/" : "file:";
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : abs) {
    // Percent-encode what a URI path may not carry literally (SQLite decodes %HH).
    if (c == '%' || c == '?' || c == '#' || c <= 0x20 || c >= 0x7F) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '?';
  out += query;
  return out;
}

}  // namespace platedesk::audit::detail
