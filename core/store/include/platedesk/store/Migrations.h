// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

struct sqlite3;

namespace platedesk::store {

/// The newest schema version this build knows: the number of the last migration file
/// (resources/sql/NNN_*.sql, compiled in). Storage::CurrentSchemaVersion() returns the same.
[[nodiscard]] int LatestSchemaVersion();

/// PRAGMA user_version of an open database (0 for a new, empty file). Errors: Corrupt (not a
/// SQLite database or damaged), Io.
[[nodiscard]] Result<int> ReadSchemaVersion(sqlite3* db);

/// Brings an open database from its current schema version up to targetVersion by running the
/// missing migrations in order, each in its own transaction (BEGIN IMMEDIATE, the migration's SQL,
/// PRAGMA user_version = N, COMMIT); after a failure the database stays at the last version that
/// completed. Does not make a backup (Storage::Open does that first). The caller owns db and must
/// not have a transaction open. Errors: InvalidArgument (targetVersion outside 1..LatestSchemaVersion()
/// or below the database's version), Unsupported (the database is newer than this build), Corrupt, Io.
[[nodiscard]] Status ApplyMigrations(sqlite3* db, int targetVersion);

}  // namespace platedesk::store
