// SPDX-License-Identifier: GPL-3.0-or-later
// verify: checks an evidence package (or, with --bagit-only, any BagIt bag) offline. Needs no
// storage and no sign-in: a prosecutor, a defence expert or an archivist runs it on a copy.
#include "Cli.h"
#include "platedesk/common/Files.h"
#include "platedesk/evidence/Bag.h"

#include <iostream>

namespace platedesk::cli {
namespace {

int BagItOnly(const std::filesystem::path& path) {
  ProgressPrinter progress("bytes checked");
  InterruptScope interrupt;
  auto report = evidence::ValidateBag(path, evidence::BagMode::BagItOnly, interrupt.Token(),
                                      [&](std::uint64_t d, std::uint64_t t) { progress(d, t); });
  progress.Finish();
  if (!report) return Report(report.Err());
  std::cout << "BagIt version: " << (report->version.empty() ? "?" : report->version) << "\n"
            << "payload: " << report->payloadFiles << " files, " << report->payloadBytes << " bytes\n";
  for (const auto& w : report->warnings) std::cout << "warning: " << w << "\n";
  if (report->valid) {
    std::cout << "VALID: the bag is complete and every checksum matches\n";
    return kExitOk;
  }
  for (std::size_t i = 1; i < report->problems.size(); ++i) std::cout << "problem: " << report->problems[i] << "\n";
  std::cout << "INVALID: " << report->problems.front() << "\n";
  return kExitFailed;
}

int Run(const ParsedArgs& args, Context&) {
  if (args.Positional().size() != 1) return Usage("verify takes one PATH (a package folder or a bag)");
  const std::filesystem::path path = args.Positional().front();
  if (args.Has("bagit-only")) return BagItOnly(path);
  return Usage("verify of PlateDesk packages needs --bagit-only in this build");
}

}  // namespace

Command VerifyCommand() {
  CommandSpec spec{"verify",
                   "Verify an evidence package offline (no storage, no sign-in), or any BagIt bag with --bagit-only.",
                   {{"bagit-only", "", "check BagIt completeness and validity only (bags made by other tools)"}},
                   "PATH",
                   true,
                   "Exit status 0: valid; 1: invalid (the first problem is named on the last line)."};
  return {spec, Run};
}

}  // namespace platedesk::cli
