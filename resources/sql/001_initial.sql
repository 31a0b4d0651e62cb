-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v1: settings, cameras with location history, content-addressed
-- images, reads with their candidates and corrections, quarantine.
-- Applied by core/store (Migrations.cpp) inside one transaction, which then sets
-- PRAGMA user_version = 1. Never edit a released migration: add a new file instead.

PRAGMA application_id = 1347175508;  -- 0x504C4454, "PLDT": marks the file as a PlateDesk storage

-- Key/value settings ("demo" = "1", "storage_id", "created_ms", ...).
CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE cameras (
  id          INTEGER PRIMARY KEY,
  external_id TEXT NOT NULL UNIQUE CHECK (external_id <> ''),
  name        TEXT NOT NULL DEFAULT '',
  kind        TEXT NOT NULL CHECK (kind IN ('fixed', 'mobile', 'portable')),
  created_ms  INTEGER NOT NULL
);

-- Where a camera stood during [from_ms, to_ms); to_ms NULL = still there. At most one open
-- location per camera.
CREATE TABLE camera_locations (
  id         INTEGER PRIMARY KEY,
  camera_id  INTEGER NOT NULL REFERENCES cameras(id) ON DELETE CASCADE,
  latitude   REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude  REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  address    TEXT NOT NULL DEFAULT '',
  from_ms    INTEGER NOT NULL,
  to_ms      INTEGER CHECK (to_ms IS NULL OR to_ms >= from_ms)
);
CREATE INDEX camera_locations_camera ON camera_locations(camera_id, from_ms);
CREATE UNIQUE INDEX camera_locations_open ON camera_locations(camera_id) WHERE to_ms IS NULL;

-- One row per stored image file images/ab/cd/<sha256>.<ext>.
CREATE TABLE images (
  sha256    TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
  bytes     INTEGER NOT NULL CHECK (bytes > 0),
  mime      TEXT NOT NULL,
  width     INTEGER NOT NULL DEFAULT 0,
  height    INTEGER NOT NULL DEFAULT 0,
  stored_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- A plate read. Immutable (trigger below); a misread is fixed by a row in read_corrections.
-- color..year_conf repeat the top-ranked vehicle attributes so SQL and the search index can
-- filter without parsing JSON; attributes_json holds the full ranked lists:
-- {"color":[["white",91.5],["silver",5.0]],"make":[...],...} (absent keys = not reported).
CREATE TABLE reads (
  id              INTEGER PRIMARY KEY,
  source_format   TEXT NOT NULL CHECK (source_format <> ''),
  source_uuid     TEXT NOT NULL CHECK (source_uuid <> ''),
  captured_ms     INTEGER NOT NULL,
  camera_id       INTEGER NOT NULL REFERENCES cameras(id),
  plate_reported  TEXT NOT NULL,
  plate           TEXT NOT NULL CHECK (plate <> ''),
  state           TEXT NOT NULL DEFAULT '',
  confidence      REAL NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  direction_deg   REAL,
  latitude        REAL,
  longitude       REAL,
  color           TEXT,
  color_conf      REAL,
  make            TEXT,
  make_conf       REAL,
  model           TEXT,
  model_conf      REAL,
  body            TEXT,
  body_conf       REAL,
  year            TEXT,
  year_conf       REAL,
  attributes_json TEXT,
  plate_image     TEXT REFERENCES images(sha256),
  vehicle_image   TEXT REFERENCES images(sha256),
  payload_sha256  TEXT NOT NULL DEFAULT '',
  ingested_ms     INTEGER NOT NULL,
  UNIQUE (source_format, source_uuid)
);
CREATE INDEX reads_plate ON reads(plate);
CREATE INDEX reads_captured ON reads(captured_ms);
CREATE INDEX reads_camera_captured ON reads(camera_id, captured_ms);
-- For the foreign-key checks when the retention purge deletes images.
CREATE INDEX reads_plate_image ON reads(plate_image) WHERE plate_image IS NOT NULL;
CREATE INDEX reads_vehicle_image ON reads(vehicle_image) WHERE vehicle_image IS NOT NULL;

-- Alternative plates the camera sent, ranked from 1 (best alternative).
CREATE TABLE read_candidates (
  read_id        INTEGER NOT NULL REFERENCES reads(id) ON DELETE CASCADE,
  rank           INTEGER NOT NULL CHECK (rank >= 1),
  plate_reported TEXT NOT NULL,
  plate          TEXT NOT NULL CHECK (plate <> ''),
  confidence     REAL NOT NULL CHECK (confidence BETWEEN 0 AND 100),
  PRIMARY KEY (read_id, rank)
) WITHOUT ROWID;
CREATE INDEX read_candidates_plate ON read_candidates(plate);

-- "Report a misread": a separate record; the read itself never changes.
CREATE TABLE read_corrections (
  id         INTEGER PRIMARY KEY,
  read_id    INTEGER NOT NULL REFERENCES reads(id) ON DELETE CASCADE,
  plate      TEXT NOT NULL CHECK (plate <> ''),
  state      TEXT NOT NULL DEFAULT '',
  reason     TEXT NOT NULL CHECK (reason <> ''),
  user_name  TEXT NOT NULL CHECK (user_name <> ''),
  created_ms INTEGER NOT NULL
);
CREATE INDEX read_corrections_read ON read_corrections(read_id);

CREATE TRIGGER reads_immutable BEFORE UPDATE ON reads
BEGIN
  SELECT RAISE(ABORT, 'reads are immutable: record a correction instead');
END;
CREATE TRIGGER read_candidates_immutable BEFORE UPDATE ON read_candidates
BEGIN
  SELECT RAISE(ABORT, 'reads are immutable: record a correction instead');
END;
CREATE TRIGGER read_corrections_immutable BEFORE UPDATE ON read_corrections
BEGIN
  SELECT RAISE(ABORT, 'corrections are immutable: record another correction instead');
END;

-- Rejected input kept under quarantine/<file> with <file>.reason.json beside it.
CREATE TABLE quarantine (
  id            INTEGER PRIMARY KEY,
  file          TEXT NOT NULL UNIQUE,
  source_path   TEXT NOT NULL DEFAULT '',
  line          INTEGER NOT NULL DEFAULT 0,
  field         TEXT NOT NULL DEFAULT '',
  reason        TEXT NOT NULL,
  source_format TEXT NOT NULL DEFAULT '',
  received_ms   INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL
);
