-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v15: a reviewer's note on one audit record (issue 14: "a reviewer marks a
-- period or an entry reviewed with a note"). Append-only: a later note on the same record adds to it.

CREATE TABLE review_entry_notes (
  id         INTEGER PRIMARY KEY,
  seq        INTEGER NOT NULL CHECK (seq > 0),
  reviewer   TEXT NOT NULL CHECK (reviewer <> ''),
  note       TEXT NOT NULL CHECK (note <> ''),
  noted_ms   INTEGER NOT NULL,
  audit_seq  INTEGER NOT NULL
);
CREATE INDEX review_entry_notes_by_seq ON review_entry_notes(seq);
CREATE TRIGGER review_entry_notes_immutable BEFORE UPDATE ON review_entry_notes
BEGIN SELECT RAISE(ABORT, 'review notes are never edited: add another'); END;
CREATE TRIGGER review_entry_notes_no_delete BEFORE DELETE ON review_entry_notes
BEGIN SELECT RAISE(ABORT, 'review notes are kept with the audit log'); END;
