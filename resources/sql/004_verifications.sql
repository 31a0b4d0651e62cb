-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v4: visual verifications ("I visually verified this read"). A user
-- confirmed, by looking at the images, that the read's plate is what the camera reported; policy
-- asks for this before anyone acts on a read. Append-only, like corrections.

CREATE TABLE read_verifications (
  id         INTEGER PRIMARY KEY,
  read_id    INTEGER NOT NULL REFERENCES reads(id) ON DELETE CASCADE,
  user_name  TEXT NOT NULL CHECK (user_name <> ''),
  case_number TEXT NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);
CREATE INDEX read_verifications_read ON read_verifications(read_id);

CREATE TRIGGER read_verifications_immutable BEFORE UPDATE ON read_verifications
BEGIN
  SELECT RAISE(ABORT, 'verifications are immutable: record another one instead');
END;
