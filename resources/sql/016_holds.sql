-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v16: holds with kinds, release and review; preservation orders;
-- retention per camera kind; retired cameras (issue 15).
--
-- A hold is a record of its own: the case, its kind (investigation, discovery, preservation),
-- why and by whom it was placed, and, once, why and by whom it was released. A hold of reads
-- (investigation or discovery) names its reads in hold_reads; a preservation order names cameras
-- and/or plates and a window [from_ms, to_ms) and keeps every read that matches, including reads
-- that arrive later inside the window: it is checked when a read would be deleted, never copied
-- into rows. Holds, their reads, cameras, plates and reviews are never deleted while the hold is in
-- force; a released hold's read rows go only with their read, in the retention purge.
--
-- Before v16 a hold was a (case, read) row of case_holds with a free-text reason; each distinct
-- (case, reason, placer) becomes one investigation hold placed at its first row's time.

CREATE TABLE holds (
  id              INTEGER PRIMARY KEY,
  case_number     TEXT NOT NULL CHECK (case_number <> ''),
  kind            TEXT NOT NULL CHECK (kind IN ('investigation', 'discovery', 'preservation')),
  reason          TEXT NOT NULL CHECK (reason <> ''),
  placed_by       TEXT NOT NULL CHECK (placed_by <> ''),
  placed_ms       INTEGER NOT NULL,
  from_ms         INTEGER,
  to_ms           INTEGER,
  released_by     TEXT,
  released_ms     INTEGER,
  release_reason  TEXT,
  CHECK ((kind = 'preservation') = (from_ms IS NOT NULL AND to_ms IS NOT NULL)),
  CHECK (from_ms IS NULL OR to_ms > from_ms),
  CHECK ((released_ms IS NULL AND released_by IS NULL AND release_reason IS NULL) OR
         (released_ms IS NOT NULL AND released_by <> '' AND release_reason <> ''))
);
CREATE INDEX holds_case ON holds (case_number);
CREATE INDEX holds_orders_in_force ON holds (from_ms) WHERE kind = 'preservation' AND released_ms IS NULL;

CREATE TABLE hold_reads (
  hold_id  INTEGER NOT NULL REFERENCES holds(id),
  read_id  INTEGER NOT NULL REFERENCES reads(id),
  PRIMARY KEY (hold_id, read_id)
) WITHOUT ROWID;
CREATE INDEX hold_reads_read ON hold_reads (read_id);

CREATE TABLE hold_cameras (
  hold_id    INTEGER NOT NULL REFERENCES holds(id),
  camera_id  INTEGER NOT NULL REFERENCES cameras(id),
  PRIMARY KEY (hold_id, camera_id)
) WITHOUT ROWID;

CREATE TABLE hold_plates (
  hold_id  INTEGER NOT NULL REFERENCES holds(id),
  plate    TEXT NOT NULL CHECK (plate <> ''),
  PRIMARY KEY (hold_id, plate)
) WITHOUT ROWID;

-- A supervisor looked at a hold in force and kept it (the review clock starts again).
CREATE TABLE hold_reviews (
  id           INTEGER PRIMARY KEY,
  hold_id      INTEGER NOT NULL REFERENCES holds(id),
  reviewed_by  TEXT NOT NULL CHECK (reviewed_by <> ''),
  reviewed_ms  INTEGER NOT NULL,
  note         TEXT NOT NULL CHECK (note <> '')
);
CREATE INDEX hold_reviews_hold ON hold_reviews (hold_id, reviewed_ms);

-- The holds before v16.
INSERT INTO holds (case_number, kind, reason, placed_by, placed_ms)
  SELECT case_number, 'investigation',
         CASE WHEN reason = '' THEN 'placed before holds had kinds' ELSE reason END,
         CASE WHEN created_by = '' THEN 'unknown' ELSE created_by END, min(created_ms)
  FROM case_holds WHERE released_ms IS NULL GROUP BY case_number, reason, created_by ORDER BY min(created_ms);
INSERT INTO hold_reads (hold_id, read_id)
  SELECT h.id, c.read_id FROM case_holds c JOIN holds h
    ON h.case_number = c.case_number
   AND h.reason = CASE WHEN c.reason = '' THEN 'placed before holds had kinds' ELSE c.reason END
   AND h.placed_by = CASE WHEN c.created_by = '' THEN 'unknown' ELSE c.created_by END
  WHERE c.released_ms IS NULL;
DROP TRIGGER reads_held;
DROP TRIGGER case_holds_no_delete;
DROP TABLE case_holds;

CREATE TRIGGER holds_no_delete BEFORE DELETE ON holds
BEGIN
  SELECT RAISE(ABORT, 'holds are never deleted: release them instead');
END;
-- Only the release may change a hold, once, and nothing else of it.
CREATE TRIGGER holds_release_only BEFORE UPDATE ON holds
  WHEN OLD.released_ms IS NOT NULL OR NEW.released_ms IS NULL OR NEW.id IS NOT OLD.id
    OR NEW.case_number IS NOT OLD.case_number OR NEW.kind IS NOT OLD.kind OR NEW.reason IS NOT OLD.reason
    OR NEW.placed_by IS NOT OLD.placed_by OR NEW.placed_ms IS NOT OLD.placed_ms
    OR NEW.from_ms IS NOT OLD.from_ms OR NEW.to_ms IS NOT OLD.to_ms
BEGIN
  SELECT RAISE(ABORT, 'a hold is only ever released, once');
END;
CREATE TRIGGER hold_reads_no_delete BEFORE DELETE ON hold_reads
  WHEN NOT EXISTS (SELECT 1 FROM retention_purge)
    OR EXISTS (SELECT 1 FROM holds h WHERE h.id = OLD.hold_id AND h.released_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'held reads are never deleted: release the hold instead');
END;
CREATE TRIGGER hold_reads_no_update BEFORE UPDATE ON hold_reads
BEGIN
  SELECT RAISE(ABORT, 'held reads are never changed');
END;
CREATE TRIGGER hold_cameras_fixed BEFORE DELETE ON hold_cameras
BEGIN
  SELECT RAISE(ABORT, 'a preservation order''s cameras are never changed');
END;
CREATE TRIGGER hold_cameras_no_update BEFORE UPDATE ON hold_cameras
BEGIN
  SELECT RAISE(ABORT, 'a preservation order''s cameras are never changed');
END;
CREATE TRIGGER hold_plates_fixed BEFORE DELETE ON hold_plates
BEGIN
  SELECT RAISE(ABORT, 'a preservation order''s plates are never changed');
END;
CREATE TRIGGER hold_plates_no_update BEFORE UPDATE ON hold_plates
BEGIN
  SELECT RAISE(ABORT, 'a preservation order''s plates are never changed');
END;
-- What a hold names is fixed by its kind, and nothing is added to a released hold.
CREATE TRIGGER hold_reads_fit BEFORE INSERT ON hold_reads
  WHEN NOT EXISTS (SELECT 1 FROM holds h WHERE h.id = NEW.hold_id AND h.kind <> 'preservation' AND h.released_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'reads belong to a hold of reads in force');
END;
CREATE TRIGGER hold_cameras_fit BEFORE INSERT ON hold_cameras
  WHEN NOT EXISTS (SELECT 1 FROM holds h WHERE h.id = NEW.hold_id AND h.kind = 'preservation' AND h.released_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'cameras belong to a preservation order in force');
END;
CREATE TRIGGER hold_plates_fit BEFORE INSERT ON hold_plates
  WHEN NOT EXISTS (SELECT 1 FROM holds h WHERE h.id = NEW.hold_id AND h.kind = 'preservation' AND h.released_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'plates belong to a preservation order in force');
END;
CREATE TRIGGER hold_reviews_in_force BEFORE INSERT ON hold_reviews
  WHEN NOT EXISTS (SELECT 1 FROM holds h WHERE h.id = NEW.hold_id AND h.released_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'only a hold in force is reviewed');
END;
CREATE TRIGGER hold_reviews_append_only BEFORE DELETE ON hold_reviews
BEGIN
  SELECT RAISE(ABORT, 'hold reviews are never deleted');
END;
CREATE TRIGGER hold_reviews_no_update BEFORE UPDATE ON hold_reviews
BEGIN
  SELECT RAISE(ABORT, 'hold reviews are never changed');
END;

-- A read under a hold in force is never deleted: named by a hold of reads, or matching a
-- preservation order in force (inside its window; on one of its cameras when it names cameras;
-- with one of its plates, as read or as corrected, when it names plates).
CREATE TRIGGER reads_held BEFORE DELETE ON reads
  WHEN EXISTS (SELECT 1 FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id
               WHERE hr.read_id = OLD.id AND h.released_ms IS NULL)
    OR EXISTS (SELECT 1 FROM holds h
               WHERE h.kind = 'preservation' AND h.released_ms IS NULL
                 AND OLD.captured_ms >= h.from_ms AND OLD.captured_ms < h.to_ms
                 AND (NOT EXISTS (SELECT 1 FROM hold_cameras c WHERE c.hold_id = h.id)
                      OR EXISTS (SELECT 1 FROM hold_cameras c WHERE c.hold_id = h.id AND c.camera_id = OLD.camera_id))
                 AND (NOT EXISTS (SELECT 1 FROM hold_plates p WHERE p.hold_id = h.id)
                      OR EXISTS (SELECT 1 FROM hold_plates p WHERE p.hold_id = h.id AND p.plate = OLD.plate)
                      OR EXISTS (SELECT 1 FROM hold_plates p JOIN read_corrections rc ON rc.plate = p.plate
                                 WHERE p.hold_id = h.id AND rc.read_id = OLD.id)))
BEGIN
  SELECT RAISE(ABORT, 'the read is under a case hold');
END;

-- Retention per camera kind: the purge's marker carries a cutoff for each kind, and a read may be
-- deleted only when captured before its camera's kind's cutoff.
ALTER TABLE retention_purge ADD COLUMN cutoff_mobile_ms INTEGER;
ALTER TABLE retention_purge ADD COLUMN cutoff_portable_ms INTEGER;
DROP TRIGGER reads_purge_only;
CREATE TRIGGER reads_purge_only BEFORE DELETE ON reads
  WHEN NOT EXISTS (SELECT 1 FROM retention_purge m
                   WHERE OLD.captured_ms < (SELECT CASE c.kind WHEN 'mobile' THEN coalesce(m.cutoff_mobile_ms, m.cutoff_ms)
                                                               WHEN 'portable' THEN coalesce(m.cutoff_portable_ms, m.cutoff_ms)
                                                               ELSE m.cutoff_ms END
                                            FROM cameras c WHERE c.id = OLD.camera_id))
BEGIN
  SELECT RAISE(ABORT, 'reads are deleted only by the retention purge, and only when past retention');
END;

-- A camera taken out of service: it stays (its reads name it), retired from that time, and its
-- record is not changed again.
ALTER TABLE cameras ADD COLUMN retired_ms INTEGER;
CREATE TRIGGER cameras_retired_stay BEFORE UPDATE ON cameras
  WHEN OLD.retired_ms IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a retired camera''s record stays as it was');
END;
