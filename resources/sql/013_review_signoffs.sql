-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v13: supervisors' sign-offs of audit review periods (issue 14). A
-- reviewer marks a period reviewed with a note; the record keeps the flags counted and the signed
-- checkpoint that covered the sign-off, so the printed weekly report anchors the log. Append-only.

CREATE TABLE review_signoffs (
  id               INTEGER PRIMARY KEY,
  reviewer         TEXT NOT NULL CHECK (reviewer <> ''),
  from_ms          INTEGER NOT NULL,
  to_ms            INTEGER NOT NULL CHECK (to_ms > from_ms),
  note             TEXT NOT NULL CHECK (note <> ''),
  flags            INTEGER NOT NULL CHECK (flags >= 0),
  checkpoint_size  INTEGER NOT NULL,
  checkpoint       TEXT NOT NULL CHECK (checkpoint <> ''),
  signed_ms        INTEGER NOT NULL,
  audit_seq        INTEGER NOT NULL
);
CREATE TRIGGER review_signoffs_immutable BEFORE UPDATE ON review_signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are never edited: sign off again'); END;
CREATE TRIGGER review_signoffs_no_delete BEFORE DELETE ON review_signoffs
BEGIN SELECT RAISE(ABORT, 'sign-offs are kept with the audit log'); END;
