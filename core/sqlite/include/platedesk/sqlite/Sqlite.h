// SPDX-License-Identifier: GPL-3.0-or-later
// The one thin RAII layer over the SQLite C API: connections with a prepared-statement cache,
// statements (bind, step, read columns), exec and write transactions. A private target: only
// store and audit link it (PRIVATE), and no public header of theirs includes this one, so no
// SQLite type reaches a public core header.
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

namespace platedesk::sqlite {

/// How one kind of database words its errors: the only thing its users (store's platedesk.db,
/// audit's audit.db) do differently. Codes are what callers branch on; the sentences go to logs.
/// Must outlive every Connection and Stmt that refers to it (use a constant).
struct ErrorWords {
  std::string_view corrupt;  ///< CORRUPT, NOTADB -> ErrorCode::Corrupt
  std::string_view busy;     ///< BUSY, LOCKED -> Io
  std::string_view refused;  ///< CONSTRAINT -> refusedCode
  ErrorCode refusedCode = ErrorCode::Io;
  std::string_view cantOpen;  ///< CANTOPEN -> cantOpenCode
  ErrorCode cantOpenCode = ErrorCode::Io;
  std::string_view cannotWrite;  ///< READONLY, PERM -> Io
  std::string_view other;        ///< everything else -> Io ("disk full" for FULL)
};

/// Maps a SQLite result code to an Error in words' terms; sqlite3_errmsg(db) (or the code's text
/// when db is null) goes into the context after what.
[[nodiscard]] Error SqlError(sqlite3* db, int rc, std::string_view what, const ErrorWords& words);

/// Runs one or more SQL statements without results (sqlite3_exec).
[[nodiscard]] Status Exec(sqlite3* db, const char* sql, std::string_view what, const ErrorWords& words);

/// A prepared statement on loan from a Connection's cache (the cache owns it). Resets it and
/// clears its bindings on destruction so it can be reused. One thread at a time.
class Stmt {
 public:
  Stmt(sqlite3_stmt* stmt, sqlite3* db, const ErrorWords& words) : mStmt(stmt), mDb(db), mWords(&words) {}
  ~Stmt() { Reset(); }
  Stmt(Stmt&& other) noexcept : mStmt(std::exchange(other.mStmt, nullptr)), mDb(other.mDb), mWords(other.mWords) {}
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
  void Blob(int index, const Sha256Digest& d) {
    sqlite3_bind_blob(mStmt, index, d.data(), static_cast<int>(d.size()), SQLITE_TRANSIENT);
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
  /// The column's text, valid until the next Step, Reset or column call on this column.
  [[nodiscard]] std::string_view ColView(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(mStmt, col));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(mStmt, col))) : std::string_view();
  }
  [[nodiscard]] std::string ColText(int col) const { return std::string(ColView(col)); }
  [[nodiscard]] std::optional<std::int64_t> ColOptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::int64_t>(ColInt(col));
  }
  [[nodiscard]] std::optional<double> ColOptDouble(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<double>(ColDouble(col));
  }
  /// A 32-byte blob column; nullopt when NULL or of another size.
  [[nodiscard]] std::optional<Sha256Digest> ColDigest(int col) const;

 private:
  sqlite3_stmt* mStmt;
  sqlite3* mDb;
  const ErrorWords* mWords;
};

/// One SQLite connection with a cache of prepared statements (keyed by SQL text). Closes in its
/// destructor. Used by one thread at a time.
class Connection {
 public:
  /// Opens pathOrUri with the given sqlite3_open_v2 flags (SQLITE_OPEN_EXRESCODE and NOMUTEX
  /// added; SQLITE_OPEN_URI lets it be a file: URI) and a 5 s busy timeout. Errors in words' terms.
  [[nodiscard]] static Result<std::unique_ptr<Connection>> Open(const std::string& pathOrUri, int flags,
                                                                const ErrorWords& words);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  [[nodiscard]] sqlite3* Db() const { return mDb; }
  [[nodiscard]] const ErrorWords& Words() const { return *mWords; }
  /// A cached prepared statement for sql (prepared on first use).
  [[nodiscard]] Result<Stmt> Prepare(std::string_view sql);
  [[nodiscard]] Status Exec(const char* sql, std::string_view what) { return sqlite::Exec(mDb, sql, what, *mWords); }
  /// An Error for rc on this connection.
  [[nodiscard]] Error SqlError(int rc, std::string_view what) const { return sqlite::SqlError(mDb, rc, what, *mWords); }
  /// Finalizes every cached statement (before a schema change, or to close cleanly).
  void ClearCache();

 private:
  Connection(sqlite3* db, const ErrorWords& words) : mDb(db), mWords(&words) {}
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* mDb;
  const ErrorWords* mWords;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> mCache;
};

/// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed. Must not outlive
/// its Connection.
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

}  // namespace platedesk::sqlite
