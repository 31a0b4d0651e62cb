// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the state behind Storage and helpers shared by its .cpp files.
#pragma once

#include "platedesk/sqlite/Sqlite.h"
#include "platedesk/store/Storage.h"

#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <unordered_set>

namespace platedesk::store {

namespace detail {

/// How platedesk.db words its SQLite errors (CONSTRAINT is the schema refusing bad input).
inline constexpr sqlite::ErrorWords kDbWords{.corrupt = "the storage database is damaged or not a PlateDesk database",
                                             .busy = "the storage is busy (another writer holds it)",
                                             .refused = "refused by the storage schema",
                                             .refusedCode = ErrorCode::InvalidArgument,
                                             .cantOpen = "the storage database cannot be written or opened",
                                             .cantOpenCode = ErrorCode::Io,
                                             .cannotWrite = "the storage database cannot be written or opened",
                                             .other = "storage database error"};

/// sqlite::SqlError and sqlite::Exec in platedesk.db's words, for raw handles (migrations, backup).
[[nodiscard]] inline Error SqlError(sqlite3* db, int rc, std::string_view what) {
  return sqlite::SqlError(db, rc, what, kDbWords);
}
[[nodiscard]] inline Status Exec(sqlite3* db, const char* sql, std::string_view what) {
  return sqlite::Exec(db, sql, what, kDbWords);
}

/// "20261124T065812Z" (withMs false) or "20261124T065812123Z" (withMs true): compact UTC stamps
/// for file names.
[[nodiscard]] std::string CompactUtc(std::int64_t utcMs, bool withMs);

/// What a Storage holds: the folder, its connection and small caches.
struct State {
  std::filesystem::path folder;
  const Clock* clock = nullptr;
  std::unique_ptr<sqlite::Connection> conn;
  int schemaVersion = 0;
  bool inTransaction = false;  ///< a Storage::Transaction is open
  /// A read inside the open Transaction could not be undone (InsertRead): its Commit must fail.
  bool transactionBroken = false;
  std::unordered_set<CameraId> knownCameras;  ///< cameras seen to exist (they are never deleted)
  /// Hot-path statements, prepared on first use and owned by conn's cache (which is never
  /// cleared while this State lives); indexed by HotStatement.
  sqlite3_stmt* hot[8] = {};

  [[nodiscard]] sqlite3* Db() const { return conn->Db(); }
  [[nodiscard]] Result<sqlite::Stmt> Prepare(std::string_view sql) { return conn->Prepare(sql); }
  /// A hot-path statement (slot < 8) for sql, skipping the cache's hash lookup after first use.
  [[nodiscard]] Result<sqlite::Stmt> PrepareHot(int slot, std::string_view sql) {
    if (hot[slot] == nullptr) {
      auto stmt = conn->Prepare(sql);
      if (!stmt) return stmt.Err();
      hot[slot] = stmt->Raw();
    }
    return sqlite::Stmt(hot[slot], conn->Db(), kDbWords);
  }
};

inline constexpr const char* kDbName = "platedesk.db";
inline constexpr const char* kImagesFolder = "images";
inline constexpr const char* kQuarantineFolder = "quarantine";

/// A write scope for one multi-statement operation: BEGIN IMMEDIATE ... COMMIT on its own, or
/// SAVEPOINT ... RELEASE inside an open Storage::Transaction (so a failure undoes only this
/// operation). Rolls back in its destructor unless committed.
class WriteScope {
 public:
  [[nodiscard]] static Result<WriteScope> Start(State& impl);
  WriteScope(WriteScope&& other) noexcept : mImpl(std::exchange(other.mImpl, nullptr)), mSavepoint(other.mSavepoint) {}
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  WriteScope& operator=(WriteScope&&) = delete;
  ~WriteScope();
  [[nodiscard]] Status Commit();

 private:
  WriteScope(State* impl, bool savepoint) : mImpl(impl), mSavepoint(savepoint) {}
  void Rollback() noexcept;
  State* mImpl;
  bool mSavepoint;
};

/// Runs body, turning exceptions into errors (the store never lets one cross its boundary).
template <class F>
auto Guarded(std::string_view what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(ErrorCode::Io, "out of memory", std::string(what));
  } catch (const std::filesystem::filesystem_error& e) {
    return Fail(ErrorCode::Io, e.what(), std::string(what));
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Internal, e.what(), std::string(what));
  } catch (...) {
    return Fail(ErrorCode::Internal, "unknown exception", std::string(what));
  }
}

/// True if s is "" or two upper-case ASCII letters.
[[nodiscard]] bool IsStateCode(std::string_view s);
/// True if v is finite and within [lo, hi].
[[nodiscard]] bool InRange(double v, double lo, double hi);

/// SQL that is true when the read aliased `alias` is under a hold in force (named by a hold of
/// reads, or matching a preservation order): what the reads_held trigger (016_holds.sql) checks.
[[nodiscard]] std::string HeldPredicate(std::string_view alias);
/// SQL that is true when the read aliased `alias` matches the cameras and plates of the order
/// aliased `hold` (the window is the caller's).
[[nodiscard]] std::string OrderMatch(std::string_view hold, std::string_view alias);

}  // namespace detail

struct Storage::Impl : detail::State {};

}  // namespace platedesk::store
