// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The secondary-dissemination log as an auditor or a records officer reads it: one row per request
// with its reviews, release (package id and hash), receipt and correction notices; as CSV (cells a
// spreadsheet would run as a formula neutralised) and as PDF.

#include "platedesk/common/Result.h"
#include "platedesk/store/Dissemination.h"

#include <string>
#include <vector>

namespace platedesk::dissemination {

/// The log's columns, in order.
[[nodiscard]] const std::vector<std::string>& LogColumns();
/// One row per record, cells as text (times ISO 8601 UTC).
[[nodiscard]] std::vector<std::vector<std::string>> LogRows(const std::vector<store::DisseminationRecord>& records);
/// RFC 4180 CSV with a header; a cell starting with = + - @, a tab or a carriage return gets a leading
/// apostrophe (unless it is a plain number).
[[nodiscard]] std::string LogCsv(const std::vector<store::DisseminationRecord>& records);
/// The log as a PDF (A4 landscape): title, the period or filter it covers, then each record.
/// Errors: Io (cairo failed).
[[nodiscard]] Result<std::string> LogPdf(const std::vector<store::DisseminationRecord>& records,
                                         const std::string& agency, const std::string& covers);

}  // namespace platedesk::dissemination
