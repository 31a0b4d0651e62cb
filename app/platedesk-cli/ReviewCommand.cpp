// SPDX-License-Identifier: GPL-3.0-or-later
// review: a supervisor's audit review from the command line. `review flags` lists the flags the
// session computes from the audit log (supervisors and auditors; audited as audit.review).
#include "Cli.h"
#include "Output.h"

#include "platedesk/oversight/Flags.h"
#include "platedesk/workstation/Session.h"

#include <iostream>

namespace platedesk::cli {
namespace {

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() != 1 || p[0] != "flags") return Usage("review takes: flags --from T --to T [--user U] [--flag KIND]");
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  auto from = ParseIso8601(args.Get("from"));
  auto to = ParseIso8601(args.Get("to"));
  if (!from || !to) return Usage("--from and --to take ISO 8601 dates or times");
  std::optional<oversight::FlagKind> kind;
  if (args.Has("flag")) {
    kind = oversight::ParseFlagKind(args.Get("flag"));
    if (!kind) {
      std::string kinds;
      for (auto k : oversight::AllFlagKinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(FlagKindName(k));
      return Usage("--flag is one of " + kinds);
    }
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto flags = signedIn->session->ReviewFlags(*from, *to);
  if (!flags) return Report(flags.Err());
  Table t{{"seq", "time", "user", "case", "flag", "reason"}, {true, false, false, false, false, false}, {}};
  for (const auto& f : *flags) {
    if (kind && f.kind != *kind) continue;
    if (args.Has("flagged-user") && f.user != args.Get("flagged-user")) continue;
    t.rows.push_back({std::to_string(f.seq), FormatIso8601(f.time), f.user, f.caseNumber,
                      std::string(oversight::FlagKindName(f.kind)), f.reason});
  }
  PrintTable(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command ReviewCommand() {
  CommandSpec spec{"review",
                   "A supervisor's audit review: review flags --from T --to T [--flagged-user U] [--flag KIND].",
                   {StorageOption(),
                    UserOption(),
                    FormatOption(),
                    {"from", "T", "start of the period (ISO 8601)", true},
                    {"to", "T", "end of the period (ISO 8601), exclusive", true},
                    {"flagged-user", "U", "only the flags of this user's records"},
                    {"flag", "KIND", "only this kind of flag"}},
                   "flags",
                   true,
                   "Flags are computed from the audit log, never hand-entered: unregistered-case, closed-case,\n"
                   "refused, failed-sign-in, lockout, after-hours, unusual-volume, shared-plate, broad-search,\n"
                   "repeated-justification, exported-unverified, staff-vehicle. Thresholds are agency settings\n"
                   "(config set review_hours 07-19, review_volume_minimum, review_volume_factor, review_min_fixed,\n"
                   "review_broad_results, review_staff_vehicles). Supervisors and auditors; audited as audit.review."};
  return {spec, Run};
}

}  // namespace platedesk::cli
