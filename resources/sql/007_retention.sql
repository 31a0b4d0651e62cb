-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v7: the retention purge (DESIGN.md rule 4). Reads older than the
-- retention period are hard-deleted with their images unless a case hold is in force.
--
-- Why a marker row rather than "any DELETE is fine": before v7 any code path holding the
-- connection could run `DELETE FROM reads` and lose reads silently. From v7 on, a read can only be
-- deleted while a row of retention_purge exists, and only if it was captured before that row's
-- cutoff. The marker cannot outlive the transaction that inserts it: its `never` column is a
-- DEFERRED foreign key to a table that always stays empty, so COMMIT fails (FOREIGN KEY constraint
-- failed) unless the same transaction deleted the marker again. The purge (core/store
-- StorageRetention.cpp) inserts the marker, deletes one batch, deletes the marker and commits;
-- the only other user is InsertRead undoing its own uncommitted read inside a bulk Transaction. A temporary table cannot serve:
-- triggers of the main schema cannot see it.
--
-- Unchanged: reads_immutable still refuses every UPDATE, reads_held (v5) still refuses to delete a
-- read under a hold in force, marker or not; a held read's hold rows are never deleted. A hold
-- that was released does not keep its read: the purge deletes that hold row with its read (the
-- foreign key case_holds.read_id needs it), and only under the marker.

CREATE TABLE retention_never (
  id INTEGER PRIMARY KEY
);
CREATE TRIGGER retention_never_stays_empty BEFORE INSERT ON retention_never
BEGIN
  SELECT RAISE(ABORT, 'retention_never stays empty');
END;

CREATE TABLE retention_purge (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  cutoff_ms  INTEGER NOT NULL,
  never      INTEGER NOT NULL DEFAULT 0 REFERENCES retention_never(id) DEFERRABLE INITIALLY DEFERRED
);

-- Image files whose rows a committed purge batch deleted; the purge removes each file (while it
-- holds the write lock, and only if no row for that image came back) and then its entry here. A
-- purge stopped between the two steps leaves entries that the next purge finishes: a file whose
-- row is gone is never served, and no file is removed while a row still names it.
CREATE TABLE image_deletions (
  sha256  TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  mime    TEXT NOT NULL,
  bytes   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER reads_purge_only BEFORE DELETE ON reads
  WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE OLD.captured_ms < cutoff_ms)
BEGIN
  SELECT RAISE(ABORT, 'reads are deleted only by the retention purge, and only when past retention');
END;

-- Corrections and verifications go with their read (ON DELETE CASCADE) and never otherwise.
CREATE TRIGGER read_corrections_purge_only BEFORE DELETE ON read_corrections
  WHEN NOT EXISTS (SELECT 1 FROM retention_purge)
BEGIN
  SELECT RAISE(ABORT, 'corrections are deleted only with their read by the retention purge');
END;
CREATE TRIGGER read_verifications_purge_only BEFORE DELETE ON read_verifications
  WHEN NOT EXISTS (SELECT 1 FROM retention_purge)
BEGIN
  SELECT RAISE(ABORT, 'verifications are deleted only with their read by the retention purge');
END;

DROP TRIGGER case_holds_no_delete;
CREATE TRIGGER case_holds_no_delete BEFORE DELETE ON case_holds
  WHEN OLD.released_ms IS NULL OR NOT EXISTS (SELECT 1 FROM retention_purge)
BEGIN
  SELECT RAISE(ABORT, 'case holds are never deleted: release them instead');
END;
