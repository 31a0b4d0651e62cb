// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/store/Migrations.h"

#include "StorageImpl.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::resources::sql {
std::optional<std::string_view> Find(std::string_view fileName);
std::size_t Count();
std::string_view NameAt(std::size_t index);
}  // namespace platedesk::resources::sql

namespace platedesk::store {
namespace {

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

// The compiled-in migration files "NNN_name.sql", sorted by NNN. Numbering must be 1, 2, 3, ...
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = [] {
    std::vector<Migration> list;
    for (std::size_t i = 0; i < resources::sql::Count(); ++i) {
      const std::string_view name = resources::sql::NameAt(i);
      if (name.size() < 5 || name.substr(name.size() - 4) != ".sql") continue;
      int version = 0;
      std::size_t digits = 0;
      while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9') {
        version = version * 10 + (name[digits] - '0');
        ++digits;
      }
      if (digits == 0 || version <= 0) continue;
      list.push_back({version, name, *resources::sql::Find(name)});
    }
    std::sort(list.begin(), list.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return list;
  }();
  return kMigrations;
}

Status ApplyOne(sqlite3* db, const Migration& m) {
  PLATEDESK_TRY(detail::Exec(db, "BEGIN IMMEDIATE", "begin migration"));
  // Another process may have migrated while we waited for the write lock.
  auto current = ReadSchemaVersion(db);
  Status st;
  if (!current) {
    st = current.Err();
  } else if (*current < m.version) {
    const std::string sql(m.sql);  // a NUL-terminated copy for sqlite3_exec
    st = detail::Exec(db, sql.c_str(), "migration " + std::string(m.name));
    if (st.Ok()) {
      const std::string pragma = "PRAGMA user_version = " + std::to_string(m.version);
      st = detail::Exec(db, pragma.c_str(), "set schema version");
    }
  }
  if (st.Ok()) st = detail::Exec(db, "COMMIT", "commit migration " + std::string(m.name));
  if (!st.Ok() && sqlite3_get_autocommit(db) == 0) {
    (void)detail::Exec(db, "ROLLBACK", "roll back migration");
  }
  return st;
}

}  // namespace

int LatestSchemaVersion() {
  const auto& list = Migrations();
  return list.empty() ? 0 : list.back().version;
}

Result<int> ReadSchemaVersion(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return detail::SqlError(db, rc, "read schema version");
  }
  rc = sqlite3_step(stmt);
  if (rc != SQLITE_ROW) {
    sqlite3_finalize(stmt);
    return detail::SqlError(db, rc, "read schema version");
  }
  const int version = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  return version;
}

Status ApplyMigrations(sqlite3* db, int targetVersion) {
  try {
    const int latest = LatestSchemaVersion();
    if (targetVersion < 1 || targetVersion > latest) {
      return Fail(ErrorCode::InvalidArgument, "no such schema version",
                  std::to_string(targetVersion) + " (this build knows 1.." + std::to_string(latest) + ")");
    }
    auto current = ReadSchemaVersion(db);
    if (!current) return current.Err();
    if (*current > latest) {
      return Fail(ErrorCode::Unsupported, "this storage was written by a newer PlateDesk (schema " +
                                              std::to_string(*current) + ", this build reads up to " +
                                              std::to_string(latest) + "); upgrade PlateDesk");
    }
    if (*current > targetVersion) {
      return Fail(ErrorCode::InvalidArgument, "cannot migrate a database to an older schema",
                  std::to_string(*current) + " -> " + std::to_string(targetVersion));
    }
    const auto& list = Migrations();
    int expected = 1;
    for (const Migration& m : list) {
      if (m.version != expected) {
        return Fail(ErrorCode::Internal, "migration files are not numbered 1, 2, 3, ...", std::string(m.name));
      }
      ++expected;
      if (m.version <= *current || m.version > targetVersion) continue;
      PLATEDESK_TRY(ApplyOne(db, m));
    }
    return {};
  } catch (const std::bad_alloc&) {
    return Fail(ErrorCode::Io, "out of memory", "apply migrations");
  }
}

}  // namespace platedesk::store
