// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/sqlite/Sqlite.h"

#include <algorithm>

namespace platedesk::sqlite {

Error SqlError(sqlite3* db, int rc, std::string_view what, const ErrorWords& words) {
  std::string context(what);
  const char* detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  context += ": ";
  context += detail != nullptr ? detail : sqlite3_errstr(rc);
  auto fail = [&](ErrorCode code, std::string_view message) {
    return Fail(code, std::string(message), std::move(context));
  };
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return fail(ErrorCode::Corrupt, words.corrupt);
    case SQLITE_FULL:
      return fail(ErrorCode::Io, "disk full");
    case SQLITE_CONSTRAINT:
      return fail(words.refusedCode, words.refused);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return fail(ErrorCode::Io, words.busy);
    case SQLITE_CANTOPEN:
      return fail(words.cantOpenCode, words.cantOpen);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return fail(ErrorCode::Io, words.cannotWrite);
    default:
      return fail(ErrorCode::Io, words.other);
  }
}

Status Exec(sqlite3* db, const char* sql, std::string_view what, const ErrorWords& words) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqlError(db, rc, what, words);
  return {};
}

Result<bool> Stmt::Step() {
  const int rc = sqlite3_step(mStmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqlError(mDb, rc, sqlite3_sql(mStmt), *mWords);
}

Status Stmt::Run() {
  for (;;) {
    const int rc = sqlite3_step(mStmt);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return SqlError(mDb, rc, sqlite3_sql(mStmt), *mWords);
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

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& pathOrUri, int flags, const ErrorWords& words) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(pathOrUri.c_str(), &db, flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e = sqlite::SqlError(db, rc, "cannot open " + pathOrUri, words);
    sqlite3_close_v2(db);
    return e;
  }
  // Wait for another connection's write lock rather than fail at once.
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Connection>(new Connection(db, words));
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
  if (auto it = mCache.find(sql); it != mCache.end()) return Stmt(it->second, mDb, *mWords);
  sqlite3_stmt* stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(mDb, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqlError(rc, "cannot prepare: " + std::string(sql));
  }
  mCache.emplace(std::string(sql), stmt);
  return Stmt(stmt, mDb, *mWords);
}

WriteTransaction::~WriteTransaction() {
  if (mOpen) sqlite3_exec(mDb.Db(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status WriteTransaction::Begin() {
  PLATEDESK_TRY(mDb.Exec("BEGIN IMMEDIATE", "begin transaction"));
  mOpen = true;
  return {};
}

Status WriteTransaction::Commit() {
  PLATEDESK_TRY(mDb.Exec("COMMIT", "commit transaction"));
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

}  // namespace platedesk::sqlite
