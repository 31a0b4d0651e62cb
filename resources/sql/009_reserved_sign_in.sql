-- SPDX-License-Identifier: GPL-3.0-or-later
-- PlateDesk storage schema v9 is the sign-in work's migration (issue 10, items 1-10), made on
-- another branch. This placeholder, which changes nothing, only keeps the numbering 1, 2, 3, ...
-- on the branch that adds v10: delete it when the real 009 is merged.
SELECT 1;
