// SPDX-License-Identifier: GPL-3.0-or-later
// Private: a thin RAII layer over the SQLite C API for audit.db, used only inside core/audit.
// (core/store has its own; audit must not depend on store.)
#pragma once

#include "platedesk/common/Hash.h"
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

namespace platedesk::audit::detail {

/// Maps a SQLite result code to an Error (CORRUPT/NOTADB -> Corrupt, CANTOPEN -> NotFound, else Io).
[[nodiscard]] Error SqlError(sqlite3* db, int rc, std::string_view what);

/// A prepared statement on loan from a Connection's cache; reset and unbound when destroyed.
class Stmt {
 public:
  Stmt(sqlite3_stmt* stmt, sqlite3* db) : mStmt(stmt), mDb(db) {}
  ~Stmt() { Reset(); }
  Stmt(Stmt&& other) noexcept : mStmt(std::exchange(other.mStmt, nullptr)), mDb(other.mDb) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;

  void Int(int index, std::int64_t v) { sqlite3_bind_int64(mStmt, index, v); }
  void Text(int index, std::string_view v) {
    sqlite3_bind_text(mStmt, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void TextOrNull(int index, std::string_view v) {
    if (v.empty())
      sqlite3_bind_null(mStmt, index);
    else
      Text(index, v);
  }
  void Blob(int index, const Sha256Digest& d) {
    sqlite3_bind_blob(mStmt, index, d.data(), static_cast<int>(d.size()), SQLITE_TRANSIENT);
  }
  void Null(int index) { sqlite3_bind_null(mStmt, index); }

  /// Steps once: true = a row is available, false = done.
  [[nodiscard]] Result<bool> Step();
  /// Steps to completion (INSERT/UPDATE).
  [[nodiscard]] Status Run();
  void Reset() {
    if (mStmt != nullptr) {
      sqlite3_reset(mStmt);
      sqlite3_clear_bindings(mStmt);
    }
  }

  [[nodiscard]] bool IsNull(int col) const { return sqlite3_column_type(mStmt, col) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t ColInt(int col) const { return sqlite3_column_int64(mStmt, col); }
  [[nodiscard]] std::string_view ColView(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(mStmt, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(mStmt, col))) : std::string_view();
  }
  [[nodiscard]] std::string ColText(int col) const { return std::string(ColView(col)); }
  /// A 32-byte blob column; nullopt when NULL or of another size.
  [[nodiscard]] std::optional<Sha256Digest> ColDigest(int col) const;

 private:
  sqlite3_stmt* mStmt;
  sqlite3* mDb;
};

/// One SQLite connection with a cache of prepared statements. Closes in its destructor.
class Connection {
 public:
  /// Opens with sqlite3_open_v2 flags (+EXRESCODE, NOMUTEX); uri enables file: URIs.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& pathOrUri, int flags);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] sqlite3* Db() const { return mDb; }
  [[nodiscard]] Result<Stmt> Prepare(std::string_view sql);
  [[nodiscard]] Status Exec(const char* sql, std::string_view what);

 private:
  explicit Connection(sqlite3* db) : mDb(db) {}
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* mDb;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> mCache;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Connection& db) : mDb(db) {}
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  [[nodiscard]] Status Begin();
  [[nodiscard]] Status Commit();

 private:
  Connection& mDb;
  bool mOpen = false;
};

/// Encodes a path as a SQLite file: URI with the given query ("mode=ro", "immutable=1").
[[nodiscard]] std::string FileUri(const std::filesystem::path& path, std::string_view query);

}  // namespace platedesk::audit::detail
