// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/ingest/Records.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::ingest::detail {

/// The PlateDesk CSV columns (docs/formats.md).
enum CsvColumn {
  kColUuid,
  kColCapturedAt,
  kColCameraId,
  kColPlate,
  kColState,
  kColConfidence,
  kColCandidates,
  kColColor,
  kColMake,
  kColModel,
  kColBody,
  kColYear,
  kColDirection,
  kColLatitude,
  kColLongitude,
  kCsvColumnCount
};

/// Where each column is in a file (-1: absent) and how many fields a row has.
struct CsvHeader {
  std::array<int, kCsvColumnCount> index{};
  std::size_t fields = 0;
};

enum class CsvHeaderVerdict {
  Ours,     ///< a PlateDesk CSV header
  NotOurs,  ///< some other CSV or text: unsupported format
  Bad,      ///< meant to be ours (has captured_at/plate) but wrong: message says what
};

/// Splits one CSV line (RFC 4180 quoting; no line breaks inside quotes). False + error if malformed.
bool SplitCsvLine(std::string_view line, std::vector<std::string>& out, std::string& error);

/// Reads the header line. message explains NotOurs/Bad.
CsvHeaderVerdict ParseCsvHeader(std::string_view line, CsvHeader& header, std::string& message);

/// Parses one data line.
ParsedRecord ParseCsvLine(std::string_view line, std::int64_t lineNo, const CsvHeader& header,
                          const ParseOptions& options);

}  // namespace platedesk::ingest::detail
