-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v5: case holds. A read placed in an evidence package (or otherwise
-- preserved for a case) gets a hold for that case; the retention purge must not delete a read
-- while any hold on it is in force, and the schema refuses it even if a purge forgets to look.
-- Holds are never deleted: releasing one (a later feature) sets released_ms.

CREATE TABLE case_holds (
  case_number   TEXT NOT NULL CHECK (case_number <> ''),
  read_id       INTEGER NOT NULL REFERENCES reads(id),
  reason        TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL DEFAULT '',
  created_ms    INTEGER NOT NULL,
  released_ms   INTEGER,
  PRIMARY KEY (case_number, read_id)
) WITHOUT ROWID;
CREATE INDEX case_holds_read ON case_holds (read_id);

CREATE TRIGGER case_holds_no_delete BEFORE DELETE ON case_holds
BEGIN
  SELECT RAISE(ABORT, 'case holds are never deleted: release them instead');
END;

CREATE TRIGGER reads_held BEFORE DELETE ON reads
  WHEN EXISTS (SELECT 1 FROM case_holds WHERE read_id = OLD.id AND released_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'the read is under a case hold');
END;
