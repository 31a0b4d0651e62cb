// SPDX-License-Identifier: GPL-3.0-or-later
#include "Output.h"

#include "platedesk/report/Csv.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <string_view>

namespace platedesk::cli {

std::string NeutraliseFormula(const std::string& cell) { return report::NeutraliseFormula(cell); }

namespace {

// Every CSV cell the CLI writes passes here: camera-supplied text (plates as reported, vehicle
// attributes, camera names) must not become a spreadsheet formula.
std::string CsvCell(const std::string& raw) { return report::CsvCell(raw); }

bool Is(const std::vector<bool>& kinds, std::size_t col) { return col < kinds.size() && kinds[col]; }

nlohmann::json Cell(const Table& t, std::size_t col, const std::string& v) {
  if (Is(t.boolean, col)) {
    if (v.empty()) return nullptr;
    return v != "no";
  }
  if (Is(t.numeric, col)) {
    if (v.empty()) return nullptr;
    try {
      std::size_t used = 0;
      const double d = std::stod(v, &used);
      if (used == v.size()) {
        if (v.find_first_of(".eE") == std::string::npos) return std::stoll(v);
        return d;
      }
    } catch (...) {
    }
  }
  return v;
}

}  // namespace

Result<OutputFormat> ParseFormat(const std::string& text) {
  if (text == "table") return OutputFormat::Table;
  if (text == "csv") return OutputFormat::Csv;
  if (text == "json") return OutputFormat::Json;
  return Fail(ErrorCode::InvalidArgument, "--format must be table, csv or json, not '" + text + "'");
}

void PrintTable(std::ostream& out, const Table& t, OutputFormat format) {
  switch (format) {
    case OutputFormat::Csv: {
      for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << CsvCell(t.columns[c]);
      out << "\r\n";
      for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << CsvCell(row[c]);
        out << "\r\n";
      }
      return;
    }
    case OutputFormat::Json: {
      auto arr = nlohmann::json::array();
      for (const auto& row : t.rows) {
        nlohmann::json obj = nlohmann::json::object();
        for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c)
          if (!Is(t.humanOnly, c)) obj[t.columns[c]] = Cell(t, c, row[c]);
        arr.push_back(std::move(obj));
      }
      out << arr.dump(2) << "\n";
      return;
    }
    case OutputFormat::Table: {
      std::vector<std::size_t> width(t.columns.size());
      for (std::size_t c = 0; c < t.columns.size(); ++c) width[c] = t.columns[c].size();
      for (const auto& row : t.rows)
        for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], row[c].size());
      auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t c = 0; c < cells.size() && c < width.size(); ++c) {
          std::string cell = cells[c];
          if (c + 1 < cells.size()) cell.resize(width[c], ' ');
          s += (c ? "  " : "") + cell;
        }
        out << s << "\n";
      };
      line(t.columns);
      std::vector<std::string> rule;
      for (auto w : width) rule.emplace_back(w, '-');
      line(rule);
      for (const auto& row : t.rows) line(row);
      return;
    }
  }
}

void PrintRecord(std::ostream& out, const Table& t, OutputFormat format) {
  const std::vector<std::string> empty;
  const auto& row = t.rows.empty() ? empty : t.rows.front();
  switch (format) {
    case OutputFormat::Json: {
      nlohmann::json obj = nlohmann::json::object();
      for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c)
        if (!Is(t.humanOnly, c)) obj[t.columns[c]] = Cell(t, c, row[c]);
      out << obj.dump(2) << "\n";
      return;
    }
    case OutputFormat::Csv: {
      out << "field,value\r\n";
      for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c)
        out << CsvCell(t.columns[c]) << "," << CsvCell(row[c]) << "\r\n";
      return;
    }
    case OutputFormat::Table: {
      std::size_t w = 0;
      for (const auto& c : t.columns) w = std::max(w, c.size());
      for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c) {
        std::string k = t.columns[c];
        k.resize(w, ' ');
        out << k << "  " << row[c] << "\n";
      }
      return;
    }
  }
}

}  // namespace platedesk::cli
