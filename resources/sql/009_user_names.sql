-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v9: sign-in hardening (issue 10).
-- * User names are case-insensitive and NFC-normalised: name_key holds the folded form (the access
--   module computes it with ICU) and is unique, so `Detective` and `detective` are one account.
--   Names stored so far were checked by access to be ASCII letters, digits, '.', '_' and '-', for
--   which SQLite's lower() is that folding. A storage that already holds two names differing only
--   in case is refused, unchanged: an administrator renames or removes one with the older version.
-- * must_change_password: the password was set by an administrator (a reset) and works once, to
--   choose a new one.
-- * totp_pending: a one-time-code secret enrolled but not yet confirmed by a first code from the
--   user; it does not count as a second factor until then.
CREATE TEMP TABLE migration_009_check (x INTEGER);
CREATE TEMP TRIGGER migration_009_refuse BEFORE INSERT ON migration_009_check
WHEN EXISTS (SELECT 1 FROM main.users GROUP BY lower(name) HAVING count(*) > 1)
BEGIN
  SELECT RAISE(ABORT, 'two user names in this storage differ only in case (like Detective and detective); user names are now case-insensitive, so rename or remove one of each pair with the previous PlateDesk version, then open the storage again; nothing was changed');
END;
INSERT INTO migration_009_check VALUES (1);
DROP TABLE migration_009_check;

ALTER TABLE users ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE users SET name_key = lower(name);
CREATE UNIQUE INDEX users_name_key ON users (name_key);
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN totp_pending TEXT NOT NULL DEFAULT '';
