// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace platedesk::report {

/// The CSV rule for spreadsheet formulas: a cell starting with = + - @, a tab or a carriage return
/// gets a leading apostrophe, unless it is a plain decimal number ("-93.2", "1e-05").
[[nodiscard]] std::string NeutraliseFormula(const std::string& cell);
/// A cell as CSV shows it: a cell a spreadsheet would run as a formula (starting with = + - @, a tab
/// or a carriage return, unless it is a plain number) gets a leading apostrophe; quoted when needed.
[[nodiscard]] std::string CsvCell(const std::string& raw);
/// One RFC 4180 line (cells as CsvCell, CRLF at the end).
[[nodiscard]] std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace platedesk::report
