-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v2: user accounts. The access module owns the rules (password
-- hashing, lockout, MFA, training currency); the store only persists them.

CREATE TABLE users (
  id                     INTEGER PRIMARY KEY,
  name                   TEXT NOT NULL UNIQUE CHECK (name <> ''),
  display_name           TEXT NOT NULL DEFAULT '',
  role                   TEXT NOT NULL CHECK (role IN ('detective', 'supervisor', 'administrator', 'auditor')),
  password_hash          TEXT NOT NULL DEFAULT '',
  disabled               INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  locked                 INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  failed_logins          INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  first_failed_login_ms  INTEGER,
  totp_secret            TEXT NOT NULL DEFAULT '',
  totp_last_step         INTEGER NOT NULL DEFAULT 0,
  training_completed_ms  INTEGER,
  training_expires_ms    INTEGER,
  created_ms             INTEGER NOT NULL
);
