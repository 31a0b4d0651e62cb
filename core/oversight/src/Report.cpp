// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Report.h"

#include "platedesk/common/Files.h"
#include "platedesk/report/Csv.h"
#include "platedesk/report/TextPdf.h"

#include <map>

namespace platedesk::oversight {

std::string SignOffCsv(const SignOffReport& r) {
  std::string out = report::CsvLine({"seq", "time", "user", "case", "flag", "reason", "signed_off_by", "signed_off",
                                     "note", "checkpoint_size", "checkpoint"});
  for (const auto& f : r.flags)
    out += report::CsvLine({std::to_string(f.seq), FormatIso8601(f.time), f.user, f.caseNumber,
                            std::string(FlagKindName(f.kind)), f.reason, r.reviewer, FormatIso8601(r.signedAt), r.note,
                            std::to_string(r.checkpointSize), r.checkpoint});
  if (r.flags.empty())
    out += report::CsvLine({"", "", "", "", "none", "no flags in the period", r.reviewer, FormatIso8601(r.signedAt),
                            r.note, std::to_string(r.checkpointSize), r.checkpoint});
  return out;
}

Result<std::string> SignOffPdf(const SignOffReport& r) {
  report::TextPdf pdf;
  pdf.Line("Audit review: " + FormatIso8601(r.from).substr(0, 10) + " to " + FormatIso8601(r.to).substr(0, 10), 16,
           true);
  if (!r.agency.empty()) pdf.Line(r.agency, 11);
  pdf.Gap(6);
  pdf.Line("Period: " + FormatIso8601(r.from) + " to " + FormatIso8601(r.to) + " (UTC)");
  pdf.Line("Signed off by " + r.reviewer + " at " + FormatIso8601(r.signedAt));
  pdf.Line("Note: " + r.note);
  pdf.Gap(8);
  std::map<std::string, std::size_t> byKind;
  for (const auto& f : r.flags) ++byKind[std::string(FlagKindName(f.kind))];
  pdf.Line("Flags (" + std::to_string(r.flags.size()) + ")", 12, true);
  if (r.flags.empty()) pdf.Line("The period raised no flag.");
  for (const auto& [kind, n] : byKind) pdf.Line(kind + ": " + std::to_string(n), 9, false, 12);
  pdf.Gap(8);
  pdf.Line("Activity", 12, true);
  for (const auto& chart : ActivityCharts(r.activity)) pdf.AddChart(chart, 220);
  pdf.Gap(6);
  if (!r.flags.empty()) pdf.Line("Each flag", 12, true);
  for (const auto& f : r.flags) {
    std::string line = "#";
    line += std::to_string(f.seq);
    line += "  ";
    line += FormatIso8601(f.time);
    line += "  ";
    line += f.user;
    if (!f.caseNumber.empty()) line += "  case " + f.caseNumber;
    line += "  [";
    line += FlagKindName(f.kind);
    line += "] ";
    line += f.reason;
    pdf.Line(line, 8.5);
  }
  pdf.Gap(10);
  pdf.Line("Checkpoint covering this sign-off (tree size " + std::to_string(r.checkpointSize) + ")", 12, true);
  pdf.Line(
      "Keep this page: with it, anyone can check that the audit log still holds these records "
      "(save the note below to a file and run: platedesk-cli audit verify --storage DIR --checkpoint FILE).");
  pdf.Gap(4);
  pdf.Line(r.checkpoint, 8, false, 0, /*mono=*/true);
  return pdf.Finish();
}

Result<std::vector<std::filesystem::path>> WriteSignOffReport(const SignOffReport& report, std::int64_t signOffId,
                                                              const std::filesystem::path& folder) {
  const std::string stem = "audit-review-" + FormatIso8601(report.from).substr(0, 10) + "-" +
                           FormatIso8601(report.to).substr(0, 10) + "-" + std::to_string(signOffId);
  auto pdf = SignOffPdf(report);
  if (!pdf) return pdf.Err();
  std::vector<std::filesystem::path> written{folder / (stem + ".pdf"), folder / (stem + ".csv")};
  PLATEDESK_TRY(WriteFileExclusive(written[0], *pdf, /*ownerOnly=*/true));
  PLATEDESK_TRY(WriteFileExclusive(written[1], SignOffCsv(report), /*ownerOnly=*/true));
  return written;
}

}  // namespace platedesk::oversight
