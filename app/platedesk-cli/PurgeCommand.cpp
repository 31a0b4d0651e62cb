// SPDX-License-Identifier: GPL-3.0-or-later
// purge: the retention purge through the facade (administrators; audited before and after).
#include "Cli.h"
#include "Output.h"

#include "platedesk/workstation/Workstation.h"

#include <iostream>
#include <stop_token>

namespace platedesk::cli {
namespace {

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  const bool dryRun = args.Has("dry-run");
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& session = *signedIn->session;

  Result<workstation::RetentionReport> report = Fail(ErrorCode::Internal, "not run");
  if (dryRun) {
    report = session.CountExpired();
  } else {
    InterruptScope interrupt;
    ProgressPrinter progress("purge reads");
    report = session.PurgeExpired(interrupt.Token(), [&](std::uint64_t d, std::uint64_t t) { progress(d, t); });
    progress.Finish();
  }
  if (!report)
    return Report(report.Err(), report.Err().code == ErrorCode::Cancelled
                                    ? "what was deleted before the stop stays deleted and is in the audit log"
                                    : "");
  const auto& c = report->counts;
  Table t;
  t.columns = {"mode",        "retention_days",     "cutoff",         "reads_deleted", "reads_held", "images_deleted",
               "bytes_freed", "quarantine_deleted", "backups_deleted"};
  t.numeric = {false, true, false, true, true, true, true, true, true};
  t.rows.push_back({dryRun ? "dry-run" : "purged", std::to_string(report->retentionDays),
                    FormatIso8601(c.cutoffs.fixed), std::to_string(c.readsDeleted), std::to_string(c.readsHeld),
                    std::to_string(c.imagesDeleted), std::to_string(c.bytesFreed), std::to_string(c.quarantineDeleted),
                    std::to_string(c.backupsDeleted)});
  PrintRecord(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command PurgeCommand() {
  CommandSpec spec{"purge",
                   "Hard-delete reads past the retention period, with their images, unless a case hold keeps them "
                   "(administrators; audited).",
                   {StorageOption(),
                    UserOption(),
                    FormatOption(),
                    {"dry-run", "", "only count what would be deleted; change nothing"}},
                   "",
                   false,
                   "The period is the agency setting retention_days (default 30; `config set retention_days N`).\n"
                   "Reads captured before now minus that period go, with their alternative reads, corrections and\n"
                   "verifications; a read under a case hold (placed by an evidence export) stays. An image goes\n"
                   "when no remaining read uses it. retention.start is recorded in the audit log before anything\n"
                   "is deleted, retention.purge with the counts after. Ctrl-C stops between batches; what was\n"
                   "deleted stays deleted. Run it daily from cron or a systemd timer (docs/user-guide.md)."};
  return {spec, Run};
}

}  // namespace platedesk::cli
