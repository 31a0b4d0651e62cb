-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v12: secondary dissemination (issue 13). Every release of LPR data
-- outside the agency: the recipient agencies, the written requests, supervisors' reviews, the
-- releases (evidence packages), the recipients' receipts and the correction notices owed to them.
-- Dissemination records are append-only and kept for the agency's records period: they are not
-- purged with the reads (read ids are plain numbers here, no foreign keys to reads).

-- Documents on file (written requests, MOUs, scanned receipts), by SHA-256 of their bytes.
CREATE TABLE documents (
  sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  name        TEXT NOT NULL DEFAULT '',
  media_type  TEXT NOT NULL CHECK (media_type <> ''),
  bytes       BLOB NOT NULL,
  stored_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents on file are immutable');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents on file are kept with their dissemination records');
END;

-- The registry of recipient agencies (configuration: changes are audited as config.changed).
CREATE TABLE agencies (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE CHECK (name <> ''),
  ori          TEXT NOT NULL DEFAULT '',
  kind         TEXT NOT NULL CHECK (kind IN ('local', 'state', 'federal', 'tribal', 'out-of-state', 'prosecutor',
                                             'non-law-enforcement')),
  state        TEXT NOT NULL CHECK (length(state) = 2),
  mou_sha256   TEXT NOT NULL DEFAULT '',
  mou_expires  INTEGER,
  updated_by   TEXT NOT NULL DEFAULT '',
  updated_ms   INTEGER NOT NULL
);

CREATE TABLE dissemination_requests (
  id                 INTEGER PRIMARY KEY,
  agency_id          INTEGER NOT NULL REFERENCES agencies(id),
  agency_name        TEXT NOT NULL,
  agency_kind        TEXT NOT NULL,
  agency_state       TEXT NOT NULL,
  requester_name     TEXT NOT NULL CHECK (requester_name <> ''),
  requester_title    TEXT NOT NULL DEFAULT '',
  requester_contact  TEXT NOT NULL CHECK (requester_contact <> ''),
  their_case         TEXT NOT NULL DEFAULT '',
  case_number        TEXT NOT NULL CHECK (case_number <> ''),
  purpose_code       TEXT NOT NULL CHECK (purpose_code <> ''),
  justification      TEXT NOT NULL DEFAULT '',
  authority          TEXT NOT NULL CHECK (authority <> ''),
  asks               TEXT NOT NULL CHECK (asks <> ''),
  received_ms        INTEGER NOT NULL,
  received_by        TEXT NOT NULL CHECK (received_by <> ''),
  document_sha256    TEXT NOT NULL REFERENCES documents(sha256),
  document_name      TEXT NOT NULL DEFAULT '',
  entered_by         TEXT NOT NULL CHECK (entered_by <> ''),
  entered_ms         INTEGER NOT NULL,
  referred           INTEGER NOT NULL CHECK (referred IN (0, 1)),
  approvals_needed   INTEGER NOT NULL CHECK (approvals_needed IN (1, 2)),
  rules_applied      TEXT NOT NULL DEFAULT '[]',
  audit_seq          INTEGER NOT NULL
);
CREATE INDEX dissemination_requests_case ON dissemination_requests (case_number);
CREATE INDEX dissemination_requests_received ON dissemination_requests (received_ms);

CREATE TABLE dissemination_reviews (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES dissemination_requests(id),
  approved    INTEGER NOT NULL CHECK (approved IN (0, 1)),
  reason      TEXT NOT NULL CHECK (reason <> ''),
  reviewer    TEXT NOT NULL CHECK (reviewer <> ''),
  at_ms       INTEGER NOT NULL,
  audit_seq   INTEGER NOT NULL,
  UNIQUE (request_id, reviewer)
);

CREATE TABLE dissemination_releases (
  id              INTEGER PRIMARY KEY,
  request_id      INTEGER NOT NULL UNIQUE REFERENCES dissemination_requests(id),
  package_id      TEXT NOT NULL CHECK (package_id <> ''),
  package_sha256  TEXT NOT NULL CHECK (length(package_sha256) = 64),
  encrypted       INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
  method          TEXT NOT NULL CHECK (method IN ('media', 'transfer', 'in-person')),
  media_label     TEXT NOT NULL DEFAULT '',
  released_by     TEXT NOT NULL CHECK (released_by <> ''),
  received_by     TEXT NOT NULL CHECK (received_by <> ''),
  released_ms     INTEGER NOT NULL,
  audit_seq       INTEGER NOT NULL
);

-- The reads a release contained (plain ids: the record outlives a purged read).
CREATE TABLE dissemination_release_reads (
  release_id  INTEGER NOT NULL REFERENCES dissemination_releases(id),
  read_id     INTEGER NOT NULL,
  PRIMARY KEY (release_id, read_id)
) WITHOUT ROWID;
CREATE INDEX dissemination_release_reads_read ON dissemination_release_reads (read_id);

CREATE TABLE dissemination_receipts (
  id               INTEGER PRIMARY KEY,
  release_id       INTEGER NOT NULL UNIQUE REFERENCES dissemination_releases(id),
  signed_by        TEXT NOT NULL CHECK (signed_by <> ''),
  signed_ms        INTEGER NOT NULL,
  document_sha256  TEXT NOT NULL DEFAULT '',
  recorded_by      TEXT NOT NULL CHECK (recorded_by <> ''),
  recorded_ms      INTEGER NOT NULL,
  audit_seq        INTEGER NOT NULL
);

CREATE TABLE dissemination_notices (
  id          INTEGER PRIMARY KEY,
  release_id  INTEGER NOT NULL REFERENCES dissemination_releases(id),
  read_id     INTEGER NOT NULL,
  change      TEXT NOT NULL CHECK (change <> ''),
  created_ms  INTEGER NOT NULL
);
CREATE INDEX dissemination_notices_release ON dissemination_notices (release_id);

-- A notice's sending, recorded once (a new record, never an edit of the notice).
CREATE TABLE dissemination_notice_sent (
  notice_id  INTEGER PRIMARY KEY REFERENCES dissemination_notices(id),
  method     TEXT NOT NULL CHECK (method <> ''),
  sent_by    TEXT NOT NULL CHECK (sent_by <> ''),
  sent_ms    INTEGER NOT NULL
);

CREATE TRIGGER dissemination_requests_immutable BEFORE UPDATE ON dissemination_requests
BEGIN SELECT RAISE(ABORT, 'dissemination records are never edited: record an amendment'); END;
CREATE TRIGGER dissemination_requests_no_delete BEFORE DELETE ON dissemination_requests
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
CREATE TRIGGER dissemination_reviews_immutable BEFORE UPDATE ON dissemination_reviews
BEGIN SELECT RAISE(ABORT, 'dissemination records are never edited: record an amendment'); END;
CREATE TRIGGER dissemination_reviews_no_delete BEFORE DELETE ON dissemination_reviews
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
CREATE TRIGGER dissemination_releases_immutable BEFORE UPDATE ON dissemination_releases
BEGIN SELECT RAISE(ABORT, 'dissemination records are never edited: record an amendment'); END;
CREATE TRIGGER dissemination_releases_no_delete BEFORE DELETE ON dissemination_releases
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
CREATE TRIGGER dissemination_release_reads_no_delete BEFORE DELETE ON dissemination_release_reads
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
CREATE TRIGGER dissemination_receipts_immutable BEFORE UPDATE ON dissemination_receipts
BEGIN SELECT RAISE(ABORT, 'dissemination records are never edited: record an amendment'); END;
CREATE TRIGGER dissemination_receipts_no_delete BEFORE DELETE ON dissemination_receipts
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
CREATE TRIGGER dissemination_notices_immutable BEFORE UPDATE ON dissemination_notices
BEGIN SELECT RAISE(ABORT, 'dissemination records are never edited: record an amendment'); END;
CREATE TRIGGER dissemination_notices_no_delete BEFORE DELETE ON dissemination_notices
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
CREATE TRIGGER dissemination_notice_sent_immutable BEFORE UPDATE ON dissemination_notice_sent
BEGIN SELECT RAISE(ABORT, 'dissemination records are never edited: record an amendment'); END;
CREATE TRIGGER dissemination_notice_sent_no_delete BEFORE DELETE ON dissemination_notice_sent
BEGIN SELECT RAISE(ABORT, 'dissemination records are kept for the records period'); END;
