// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"

#include "platedesk/workstation/Workstation.h"

#include <iostream>
#include <stop_token>

namespace platedesk::cli {
namespace {

int Run(const ParsedArgs& args, Context& ctx) {
  std::vector<std::filesystem::path> paths(args.Positional().begin(), args.Positional().end());
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());

  InterruptScope interrupt;
  ProgressPrinter progress("import bytes");
  auto summary =
      signedIn->session->Import(paths, interrupt.Token(), [&](std::uint64_t d, std::uint64_t t) { progress(d, t); });
  progress.Finish();
  if (!summary) return Report(summary.Err());

  const auto& s = *summary;
  for (const auto& p : s.problems) {
    std::cerr << ingest::ProblemKindName(p.kind) << ": " << p.file;
    if (p.line > 0) std::cerr << ":" << p.line;
    if (!p.field.empty()) std::cerr << ": " << p.field;
    std::cerr << ": " << p.message << "\n";
  }
  if (s.problemsOmitted > 0) std::cerr << "(" << s.problemsOmitted << " more problems not listed)\n";
  std::cout << "Imported " << s.inserted << " new reads (" << s.duplicates << " already stored) from " << s.records
            << " records in " << s.files << " files; " << s.skipped << " skipped (not plate reads), " << s.rejected
            << " rejected and kept in quarantine; " << s.images << " images.\n";
  // Partial success is still a signal for scripts: rejected input needs someone to look at it.
  return s.rejected > 0 ? kExitFailed : kExitOk;
}

}  // namespace

Command ImportCommand() {
  CommandSpec spec{"import",
                   "Import camera files: OpenALPR/Rekor JSON, Plate Recognizer JSON, PlateDesk CSV (administrators).",
                   {StorageOption(), UserOption()},
                   "PATH...",
                   true,
                   "A PATH is a JSON document, a JSON Lines file, a CSV file or a folder of them (recursive).\n"
                   "Records already stored are not added again. A bad record is reported with file, line and\n"
                   "field, kept in the storage's quarantine/ folder, and the rest imports. Exit status 1 when\n"
                   "any record was rejected, even though the others were imported. Formats: docs/formats.md."};
  return {spec, Run};
}

}  // namespace platedesk::cli
