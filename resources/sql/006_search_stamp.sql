-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v6: a stamp that tells a saved search index whether it still matches
-- the reads. Reads are immutable (reads_immutable) and new ones only get larger ids, so a saved
-- index that covers the reads up to id N stays valid until a read is deleted; this counter goes up
-- with every deleted read (retention purge, an insert undone), in the deleting transaction.
INSERT INTO meta(key, value) VALUES ('reads_deleted', '0');
CREATE TRIGGER reads_deleted_stamp AFTER DELETE ON reads
BEGIN
  UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reads_deleted';
END;
