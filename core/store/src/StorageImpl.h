// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the state behind Storage and helpers shared by its .cpp files.
#pragma once

#include "Sqlite.h"

#include "platedesk/store/Storage.h"

#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <unordered_set>

namespace platedesk::store {

namespace detail {

/// What a Storage holds: the folder, its connection and small caches.
struct State {
  std::filesystem::path folder;
  const Clock* clock = nullptr;
  std::unique_ptr<detail::Connection> conn;
  int schemaVersion = 0;
  bool inTransaction = false;                 ///< a Storage::Transaction is open
  std::unordered_set<CameraId> knownCameras;  ///< cameras seen to exist (they are never deleted)
  /// Hot-path statements, prepared on first use and owned by conn's cache (which is never
  /// cleared while this State lives); indexed by HotStatement.
  sqlite3_stmt* hot[8] = {};

  [[nodiscard]] sqlite3* Db() const { return conn->Db(); }
  [[nodiscard]] Result<detail::Stmt> Prepare(std::string_view sql) { return conn->Prepare(sql); }
  /// A hot-path statement (slot < 8) for sql, skipping the cache's hash lookup after first use.
  [[nodiscard]] Result<detail::Stmt> PrepareHot(int slot, std::string_view sql) {
    if (hot[slot] == nullptr) {
      auto stmt = conn->Prepare(sql);
      if (!stmt) return stmt.Err();
      hot[slot] = stmt->Raw();
    }
    return detail::Stmt(hot[slot], conn->Db());
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

}  // namespace detail

struct Storage::Impl : detail::State {};

}  // namespace platedesk::store
