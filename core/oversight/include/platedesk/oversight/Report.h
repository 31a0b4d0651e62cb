// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The audit review report a reviewer signs off (issue 14): the period, the reviewer and note, the
// flags with their reasons, and the signed checkpoint that covered the sign-off, so a printed
// report anchors the log (anyone can check it with `platedesk-cli audit verify --checkpoint`).

#include "platedesk/common/Result.h"
#include "platedesk/oversight/Activity.h"
#include "platedesk/oversight/Flags.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace platedesk::oversight {

/// What the report shows.
struct SignOffReport {
  std::string agency;
  std::string reviewer;
  UtcMs from = 0;
  UtcMs to = 0;
  UtcMs signedAt = 0;
  std::string note;
  std::uint64_t checkpointSize = 0;
  std::string checkpoint;  ///< the signed note
  std::vector<Flag> flags;
  Activity activity;  ///< drawn as the Review page's charts (ActivityCharts)
};

/// The flags as CSV (seq, time, user, case, flag, reason), every row carrying the sign-off
/// (reviewer, signed, note, checkpoint size and text) so a row read alone still says what covers it.
[[nodiscard]] std::string SignOffCsv(const SignOffReport& report);
/// The report as PDF: the sign-off, the flags counted by kind, the activity charts, each flag,
/// and the checkpoint.
/// Errors: Io.
[[nodiscard]] Result<std::string> SignOffPdf(const SignOffReport& report);
/// Writes audit-review-FROM-TO-ID.pdf and .csv into `folder` (owner-only, never over an existing
/// file) and returns their paths, PDF first. Errors: Io, AlreadyExists.
[[nodiscard]] Result<std::vector<std::filesystem::path>> WriteSignOffReport(const SignOffReport& report,
                                                                            std::int64_t signOffId,
                                                                            const std::filesystem::path& folder);

}  // namespace platedesk::oversight
