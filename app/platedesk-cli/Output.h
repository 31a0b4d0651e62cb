// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace platedesk::cli {

enum class OutputFormat { Table, Csv, Json };

/// Parses "table", "csv", "json". Errors: InvalidArgument.
[[nodiscard]] Result<OutputFormat> ParseFormat(const std::string& text);

/// A rectangular result printed as an aligned table, RFC 4180 CSV or a JSON array of objects.
/// Cells are strings, as the table and CSV show them. In JSON, `numeric` columns become numbers,
/// `boolean` columns booleans (the cell "no" is false, any other word true; empty is null), and
/// `humanOnly` columns (a size as "1.2 MB" beside its byte count) are left out.
struct Table {
  std::vector<std::string> columns;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> boolean;
  std::vector<bool> humanOnly;
};

/// The word a boolean column shows in tables and CSV: yesWord or "no".
[[nodiscard]] inline std::string Flag(bool value, const char* yesWord = "yes") { return value ? yesWord : "no"; }

/// Prints the table. CSV cells that a spreadsheet would run as a formula (NeutraliseFormula) get a
/// leading apostrophe; table and JSON output keep every value as is.
void PrintTable(std::ostream& out, const Table& table, OutputFormat format);

/// The CSV rule for spreadsheet formulas: a cell starting with = + - @, a tab or a carriage return
/// gets a leading apostrophe, unless it is a plain decimal number ("-93.2").
[[nodiscard]] std::string NeutraliseFormula(const std::string& cell);

/// Key/value records (status) as "key  value" lines, two-column CSV or one JSON object.
void PrintRecord(std::ostream& out, const Table& oneRow, OutputFormat format);

}  // namespace platedesk::cli
