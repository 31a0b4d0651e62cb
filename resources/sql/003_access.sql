-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v3: cases, the purpose catalogue and sign-in sessions. The access
-- module owns the rules (case-number format, prohibited purposes, idle and 12-hour limits).

CREATE TABLE cases (
  number        TEXT PRIMARY KEY CHECK (number <> ''),
  title         TEXT NOT NULL DEFAULT '',
  lead          TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by    TEXT NOT NULL DEFAULT '',
  created_ms    INTEGER NOT NULL
);

CREATE TABLE purposes (
  code            TEXT PRIMARY KEY CHECK (code <> ''),
  label           TEXT NOT NULL,
  needs_approval  INTEGER NOT NULL DEFAULT 0 CHECK (needs_approval IN (0, 1)),
  prohibited      INTEGER NOT NULL DEFAULT 0 CHECK (prohibited IN (0, 1)),
  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  builtin         INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  created_ms      INTEGER NOT NULL
);
-- A prohibited purpose stays prohibited: no code path may turn it into an allowed one.
CREATE TRIGGER purposes_prohibited_stay BEFORE UPDATE OF prohibited ON purposes
  WHEN OLD.prohibited = 1 AND NEW.prohibited = 0
BEGIN
  SELECT RAISE(ABORT, 'a prohibited purpose cannot be allowed');
END;
CREATE TRIGGER purposes_no_delete BEFORE DELETE ON purposes
BEGIN
  SELECT RAISE(ABORT, 'purposes are never deleted: disable them instead');
END;

CREATE TABLE sessions (
  token_hash      TEXT PRIMARY KEY,              -- SHA-256 hex of the bearer token; the token itself is never stored
  session_id      TEXT NOT NULL UNIQUE,          -- public id written in audit records
  user_name       TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('gui', 'cli', 'service')),
  workstation     TEXT NOT NULL DEFAULT '',
  created_ms      INTEGER NOT NULL,
  last_active_ms  INTEGER NOT NULL,
  ended_ms        INTEGER,
  end_reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_name);

-- Plate lookups are served by the in-memory search index (core/search), never by SQL, so the two
-- B-tree indexes over plate text only cost: each read inserted at a random place in both. Dropping
-- them roughly halves the per-read write cost of a bulk import.
DROP INDEX IF EXISTS reads_plate;
DROP INDEX IF EXISTS read_candidates_plate;
