-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v10: a purpose names the roles that may use it. roles holds role names
-- separated by commas ("supervisor,auditor"); '' means every role that may reach plate data. The
-- built-in AUDIT-REVIEW purpose is for supervisors and auditors only, so a detective cannot pass a
-- search off as a review of system use (issue 10, item 15).
ALTER TABLE purposes ADD COLUMN roles TEXT NOT NULL DEFAULT ''
  CHECK (roles NOT GLOB '*[^a-z,]*');
UPDATE purposes SET roles = 'supervisor,auditor' WHERE code = 'AUDIT-REVIEW' AND builtin = 1;
