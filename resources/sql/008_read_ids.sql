-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v8: a read id is never given to another read. Audit records, case holds
-- and evidence packages name reads by id; `reads.id` is a plain INTEGER PRIMARY KEY, for which
-- SQLite hands out max(id) + 1, so once the newest reads were purged (or every read was) a new
-- read would take an id that old audit records point to. read_id_high keeps the largest id ever
-- deleted; InsertRead gives max(max(id), read_id_high) + 1. (AUTOINCREMENT would need the reads
-- table rebuilt with every trigger and index, on storages of tens of millions of reads.)
INSERT INTO meta(key, value) VALUES ('read_id_high', '0');
CREATE TRIGGER read_id_high_mark AFTER DELETE ON reads
WHEN OLD.id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'read_id_high')
BEGIN
  UPDATE meta SET value = OLD.id WHERE key = 'read_id_high';
END;
