-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v11: the storage server (issue 11). Cameras post reads with per-camera
-- tokens; the server records when each camera was last heard from and the periods it was silent.

-- An ingest token as issued by an administrator: only the SHA-256 hex of the token text is kept.
-- cameras is a JSON array of camera external ids ("prefix/*" = every camera of an agent, "*" = any).
-- Tokens are never deleted: revoking sets revoked_ms.
CREATE TABLE ingest_tokens (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE CHECK (name <> ''),
  token_hash        TEXT NOT NULL UNIQUE CHECK (token_hash <> ''),
  cameras           TEXT NOT NULL CHECK (cameras NOT IN ('', '[]')),
  reads_per_second  REAL NOT NULL DEFAULT 0 CHECK (reads_per_second >= 0),
  created_ms        INTEGER NOT NULL,
  created_by        TEXT NOT NULL DEFAULT '',
  revoked_ms        INTEGER,
  revoked_by        TEXT NOT NULL DEFAULT '',
  revoke_reason     TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER ingest_tokens_no_delete BEFORE DELETE ON ingest_tokens
BEGIN
  SELECT RAISE(ABORT, 'ingest tokens are never deleted: revoke them instead');
END;

-- When a storage server last heard from a camera (a read or a heartbeat). No row = never heard.
CREATE TABLE camera_heard (
  camera_id  INTEGER PRIMARY KEY REFERENCES cameras(id),
  heard_ms   INTEGER NOT NULL
);

-- A period [from_ms, to_ms) in which a camera was silent longer than the offline threshold;
-- to_ms NULL = still offline. At most one open period per camera.
CREATE TABLE camera_offline (
  id         INTEGER PRIMARY KEY,
  camera_id  INTEGER NOT NULL REFERENCES cameras(id),
  from_ms    INTEGER NOT NULL,
  to_ms      INTEGER CHECK (to_ms IS NULL OR to_ms >= from_ms)
);
CREATE INDEX camera_offline_camera ON camera_offline (camera_id, from_ms);
CREATE UNIQUE INDEX camera_offline_open ON camera_offline (camera_id) WHERE to_ms IS NULL;
