// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "platedesk/common/Result.h"

namespace platedesk::cli {

enum class OutputFormat { Table, Csv, Json };

/// Parses "table", "csv", "json". Errors: InvalidArgument.
[[nodiscard]] Result<OutputFormat> ParseFormat(const std::string& text);

/// A rectangular result printed as an aligned table, RFC 4180 CSV or a JSON array of objects.
/// Cells are strings; `numeric` columns are emitted as JSON numbers (or null when empty).
struct Table {
  std::vector<std::string> columns;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
};

void PrintTable(std::ostream& out, const Table& table, OutputFormat format);

/// Key/value records (status) as "key  value" lines, two-column CSV or one JSON object.
void PrintRecord(std::ostream& out, const Table& oneRow, OutputFormat format);

}  // namespace platedesk::cli
