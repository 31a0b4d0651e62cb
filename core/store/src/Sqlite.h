// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a thin RAII layer over the SQLite C API, used only inside core/store.
#pragma once

#include "platedesk/common/Result.h"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace platedesk::store::detail {

/// Maps a SQLite result code to an Error: CORRUPT/NOTADB -> Corrupt, FULL -> Io "disk full",
/// CONSTRAINT -> InvalidArgument, everything else -> Io; sqlite3_errmsg goes into the context.
[[nodiscard]] Error SqlError(sqlite3* db, int rc, std::string_view what);

/// Runs one or more SQL statements without results.
[[nodiscard]] Status Exec(sqlite3* db, const char* sql, std::string_view what);

/// A prepared statement in use. Does not own it (the Connection's cache does); resets it and
/// clears its bindings on destruction so it can be reused.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt, sqlite3* db) : mStmt(stmt), mDb(db) {}
  ~Stmt() { Reset(); }
  Stmt(Stmt&& other) noexcept : mStmt(std::exchange(other.mStmt, nullptr)), mDb(other.mDb) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;

  void Int(int index, std::int64_t v) { sqlite3_bind_int64(mStmt, index, v); }
  void Double(int index, double v) { sqlite3_bind_double(mStmt, index, v); }
  void Text(int index, std::string_view v) {
    sqlite3_bind_text(mStmt, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  /// Binds without copying: v must stay valid until this Stmt is reset or destroyed.
  void TextNoCopy(int index, std::string_view v) {
    sqlite3_bind_text(mStmt, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  /// Binds NULL for an empty string.
  void TextOrNull(int index, std::string_view v) {
    if (v.empty())
      Null(index);
    else
      Text(index, v);
  }
  void Null(int index) { sqlite3_bind_null(mStmt, index); }
  void OptDouble(int index, const std::optional<double>& v) {
    if (v)
      Double(index, *v);
    else
      Null(index);
  }
  void OptInt(int index, const std::optional<std::int64_t>& v) {
    if (v)
      Int(index, *v);
    else
      Null(index);
  }

  /// Steps once: true = a row is available, false = done.
  [[nodiscard]] Result<bool> Step();
  /// Steps to completion, ignoring rows (for INSERT/UPDATE/DELETE).
  [[nodiscard]] Status Run();
  /// Resets for another execution with new bindings.
  void Reset() {
    if (mStmt != nullptr) {
      sqlite3_reset(mStmt);
      sqlite3_clear_bindings(mStmt);
    }
  }

  [[nodiscard]] sqlite3_stmt* Raw() const { return mStmt; }
  [[nodiscard]] bool IsNull(int col) const { return sqlite3_column_type(mStmt, col) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t ColInt(int col) const { return sqlite3_column_int64(mStmt, col); }
  [[nodiscard]] double ColDouble(int col) const { return sqlite3_column_double(mStmt, col); }
  [[nodiscard]] std::string ColText(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(mStmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(mStmt, col))) : std::string();
  }
  [[nodiscard]] std::optional<std::int64_t> ColOptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(ColInt(col));
  }
  [[nodiscard]] std::optional<double> ColOptDouble(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<double>(ColDouble(col));
  }

 private:
  sqlite3_stmt* mStmt;
  sqlite3* mDb;
};

/// One SQLite connection with a cache of prepared statements (keyed by SQL text). Closes in its
/// destructor. Used by one thread at a time.
class Connection {
 public:
  /// Opens path with the given sqlite3_open_v2 flags (SQLITE_OPEN_EXRESCODE and NOMUTEX added).
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::filesystem::path& path, int flags);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] sqlite3* Db() const { return mDb; }
  /// A cached prepared statement for sql (prepared on first use).
  [[nodiscard]] Result<Stmt> Prepare(std::string_view sql);
  [[nodiscard]] Status Exec(const char* sql, std::string_view what) { return detail::Exec(mDb, sql, what); }
  /// Finalizes every cached statement (before a schema change, or to close cleanly).
  void ClearCache();

 private:
  explicit Connection(sqlite3* db) : mDb(db) {}
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* mDb;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> mCache;
};

/// "20261124T065812Z" (withMs false) or "20261124T065812123Z" (withMs true): compact UTC stamps
/// for file names.
[[nodiscard]] std::string CompactUtc(std::int64_t utcMs, bool withMs);

}  // namespace platedesk::store::detail
