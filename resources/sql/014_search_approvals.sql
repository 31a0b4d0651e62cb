-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v14: the approval queue (issue 14). A user asks a supervisor to approve
-- one exact search (its case, purpose, justification and every query element); another supervisor
-- approves it for a limited time or denies it with a reason. The state is derived (pending,
-- approved, denied, expired), never stored. Both tables are append-only, like the audit log that
-- records every step first.

CREATE TABLE search_approvals (
  id             INTEGER PRIMARY KEY,
  requested_by   TEXT NOT NULL CHECK (requested_by <> ''),
  requested_ms   INTEGER NOT NULL,
  case_number    TEXT NOT NULL CHECK (case_number <> ''),
  purpose_code   TEXT NOT NULL CHECK (purpose_code <> ''),
  justification  TEXT NOT NULL CHECK (justification <> ''),
  kind           TEXT NOT NULL CHECK (kind IN ('search', 'multi-scene')),
  query_json     TEXT NOT NULL,
  reasons_json   TEXT NOT NULL,
  audit_seq      INTEGER NOT NULL
);
CREATE INDEX search_approvals_by_user ON search_approvals(requested_by, id);

CREATE TABLE search_approval_decisions (
  approval_id     INTEGER PRIMARY KEY REFERENCES search_approvals(id),
  decided_by      TEXT NOT NULL CHECK (decided_by <> ''),
  decided_ms      INTEGER NOT NULL,
  approved        INTEGER NOT NULL CHECK (approved IN (0, 1)),
  reason          TEXT NOT NULL,
  valid_until_ms  INTEGER NOT NULL,
  audit_seq       INTEGER NOT NULL,
  CHECK (approved = 1 OR reason <> ''),
  CHECK (approved = 0 OR valid_until_ms > decided_ms)
);

CREATE TRIGGER search_approvals_immutable BEFORE UPDATE ON search_approvals
BEGIN SELECT RAISE(ABORT, 'an approval request is never edited: request again'); END;
CREATE TRIGGER search_approvals_no_delete BEFORE DELETE ON search_approvals
BEGIN SELECT RAISE(ABORT, 'approval requests are kept with the audit log'); END;
CREATE TRIGGER search_approval_decisions_immutable BEFORE UPDATE ON search_approval_decisions
BEGIN SELECT RAISE(ABORT, 'an approval decision is never edited'); END;
CREATE TRIGGER search_approval_decisions_no_delete BEFORE DELETE ON search_approval_decisions
BEGIN SELECT RAISE(ABORT, 'approval decisions are kept with the audit log'); END;
