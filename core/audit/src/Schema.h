// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the layout of audit.db, shared by the writer (AuditLog) and the verifier.
#pragma once

#include "platedesk/sqlite/Sqlite.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace platedesk::audit::detail {

inline constexpr std::string_view kFormatName = "platedesk-audit-log";
inline constexpr int kSchemaVersion = 1;

/// How audit.db words its SQLite errors: a missing file is NotFound, and CONSTRAINT is the
/// append-only triggers refusing a change (Io: the log could not be written as asked).
inline constexpr sqlite::ErrorWords kDbWords{.corrupt = "the audit database is damaged or not an audit database",
                                             .busy = "the audit database is busy",
                                             .refused = "the audit database refused the write (append-only)",
                                             .refusedCode = ErrorCode::Io,
                                             .cantOpen = "the audit database cannot be opened",
                                             .cantOpenCode = ErrorCode::NotFound,
                                             .cannotWrite = "audit database error",
                                             .other = "audit database error"};

// records: one row per entry. `record` is the canonical JSON that was hashed (NULL once pruned);
// `leaf` is SHA-256(0x00 || record) and is kept forever. time_ms, event, outcome, user_name,
// case_no and purpose copy record fields for review queries; the verifier checks they agree.
// nodes: every perfect Merkle subtree of level >= 1 (level 0 is records.leaf), so roots and proofs
// for any size cost O(log n). keys: the signing-key chain; a key signs checkpoints of tree sizes
// from valid_from until the next key's valid_from, and each later key is endorsed by the previous
// one. checkpoints: every signed note. Triggers make everything append-only except the tombstone
// transition of Prune.
inline constexpr const char* kSchemaSql = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE records(
  seq INTEGER PRIMARY KEY,
  record TEXT,
  leaf BLOB NOT NULL,
  time_ms INTEGER NOT NULL,
  event TEXT NOT NULL,
  outcome TEXT NOT NULL,
  user_name TEXT,
  case_no TEXT,
  purpose TEXT,
  pruned INTEGER NOT NULL DEFAULT 0);
CREATE INDEX records_by_time ON records(time_ms);
CREATE INDEX records_by_user ON records(user_name, time_ms);
CREATE INDEX records_by_case ON records(case_no);
CREATE INDEX records_by_event ON records(event, time_ms);
CREATE TABLE nodes(level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
  PRIMARY KEY(level, idx)) WITHOUT ROWID;
CREATE TABLE keys(id INTEGER PRIMARY KEY, vkey TEXT NOT NULL UNIQUE, key_id TEXT NOT NULL,
  valid_from INTEGER NOT NULL, created_ms INTEGER NOT NULL, endorsement TEXT);
CREATE TABLE checkpoints(id INTEGER PRIMARY KEY, tree_size INTEGER NOT NULL, signed_ms INTEGER NOT NULL,
  key_id TEXT NOT NULL, note TEXT NOT NULL);
CREATE TRIGGER records_append_only BEFORE UPDATE ON records
  WHEN NOT (OLD.pruned = 0 AND NEW.pruned = 1 AND NEW.record IS NULL AND NEW.seq = OLD.seq
            AND NEW.leaf = OLD.leaf AND NEW.time_ms = OLD.time_ms AND NEW.event = OLD.event
            AND NEW.outcome = OLD.outcome)
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
  BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
CREATE TRIGGER nodes_no_update BEFORE UPDATE ON nodes
  BEGIN SELECT RAISE(ABORT, 'audit tree nodes are append-only'); END;
CREATE TRIGGER nodes_no_delete BEFORE DELETE ON nodes
  BEGIN SELECT RAISE(ABORT, 'audit tree nodes are append-only'); END;
CREATE TRIGGER keys_no_update BEFORE UPDATE ON keys
  BEGIN SELECT RAISE(ABORT, 'audit keys are append-only'); END;
CREATE TRIGGER keys_no_delete BEFORE DELETE ON keys
  BEGIN SELECT RAISE(ABORT, 'audit keys are append-only'); END;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
  BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER meta_no_delete BEFORE DELETE ON meta
  BEGIN SELECT RAISE(ABORT, 'audit metadata is append-only'); END;
)SQL";

/// The note text by which key N endorses key N+1.
[[nodiscard]] inline std::string EndorsementText(std::string_view origin, std::string_view newVerifierKey,
                                                 std::uint64_t validFrom) {
  std::string out = "platedesk audit key\n";
  out += origin;
  out += '\n';
  out += newVerifierKey;
  out += '\n';
  out += std::to_string(validFrom);
  out += '\n';
  return out;
}

}  // namespace platedesk::audit::detail
