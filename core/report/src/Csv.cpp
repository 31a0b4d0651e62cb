// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/report/Csv.h"

#include <regex>
#include <string_view>

namespace platedesk::report {
namespace {

// A plain decimal number ("-93.2", "1e-05"): a spreadsheet reads it as a number, never as a formula.
bool PlainNumber(const std::string& v) {
  static const std::regex kNumber(R"(^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$)");
  return std::regex_match(v, kNumber);
}

}  // namespace

std::string NeutraliseFormula(const std::string& cell) {
  if (cell.empty() || std::string_view("=+-@\t\r").find(cell.front()) == std::string_view::npos || PlainNumber(cell))
    return cell;
  return "'" + cell;
}

std::string CsvCell(const std::string& raw) {
  const std::string cell = NeutraliseFormula(raw);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvCell(cells[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace platedesk::report
