// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"
#include "DemoActivity.h"

#include "platedesk/common/Text.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <iostream>
#include <stop_token>

namespace platedesk::cli {
namespace {

// The demo accounts: one per role. Only demo storages have them; the README lists them.
struct DemoAccount {
  const char* name;
  store::Role role;
  const char* displayName;
  const char* password;
};
constexpr DemoAccount kDemoAccounts[] = {
    {"detective", store::Role::Detective, "Dana Reyes (demo detective)", "Blue-Heron-Pier-7"},
    {"supervisor", store::Role::Supervisor, "Sam Okafor (demo supervisor)", "Cedar-Lantern-Ridge-3"},
    {"administrator", store::Role::Administrator, "Alex Moreau (demo administrator)", "Orca-Tide-Station-9"},
    {"auditor", store::Role::Auditor, "Jo Lindqvist (demo auditor)", "Maple-Ledger-Quill-5"},
};

int Run(const ParsedArgs& args, Context& ctx) {
  demo::DemoOptions options;
  auto reads = args.GetInt("reads", options.reads);
  auto cameras = args.GetInt("cameras", options.cameras);
  auto days = args.GetInt("days", options.days);
  auto seed = args.GetInt("seed", static_cast<long long>(options.seed));
  for (const auto* r : {&reads, &cameras, &days, &seed})
    if (!r->Ok()) return Usage(r->Err().message);
  options.reads = *reads;
  options.cameras = static_cast<int>(*cameras);
  options.days = static_cast<int>(*days);
  options.seed = static_cast<std::uint64_t>(*seed);
  options.images = !args.Has("no-images");
  options.end = ctx.clock.Now() / kMsPerHour * kMsPerHour;

  auto storage = store::Storage::Create(args.Get("storage"), ctx.clock);
  if (!storage) return Report(storage.Err(), "The demo needs a new or empty folder.");

  InterruptScope interrupt;
  ProgressPrinter progress("demo reads");
  auto summary = demo::GenerateDemo(**storage, options, interrupt.Token(),
                                    [&](std::uint64_t d, std::uint64_t t) { progress(d, t); });
  progress.Finish();
  if (!summary) return Report(summary.Err());

  const auto where = (*storage)->Folder();
  storage->reset();  // the workstation opens it again, with its audit log
  // With --activity the accounts and the month's work happen on a clock that starts a day into the
  // demo's period and walks through it (the audit log stays in time order: nothing came before).
  const bool activity = args.Has("activity");
  ManualClock activityClock(*options.end - static_cast<UtcMs>(std::max(1, options.days) - 1) * kMsPerDay);
  const Clock& clock = activity ? static_cast<const Clock&>(activityClock) : ctx.clock;
  auto ws = workstation::Workstation::Open(where, clock);
  if (!ws) return Report(ws.Err());
  for (const auto& a : kDemoAccounts)
    if (auto st = (*ws)->BootstrapUser(a.name, a.role, a.password, a.displayName, true); !st.Ok())
      return Report(st.Err());
  std::optional<DemoActivitySummary> month;
  if (activity) {
    std::vector<DemoLogin> logins;
    for (const auto& a : kDemoAccounts) logins.push_back({a.name, a.password});
    auto seeded = SeedDemoActivity(**ws, activityClock, logins, options.days);
    if (!seeded) return Report(seeded.Err(), "The demo's reads and accounts were made; its month of activity was not.");
    month = *seeded;
  }
  std::cout << "Demo storage " << where.string() << ": " << summary->reads << " reads of " << summary->vehicles
            << " vehicles at " << summary->cameras << " cameras, " << summary->images << " images ("
            << FormatBytes(summary->imageBytes) << "), made in " << summary->seconds << " s.\n"
            << "Demo accounts (user / password):\n";
  for (const auto& a : kDemoAccounts) std::cout << "  " << a.name << " / " << a.password << "\n";
  if (month)
    std::cout << "A month of activity: " << month->cases << " cases, " << month->agencies << " recipient agencies, "
              << month->requests << " release requests (" << month->releases << " released, " << month->denied
              << " denied, " << month->referred << " referred to records/legal), " << month->notices
              << (month->notices == 1 ? " correction notice" : " correction notices") << " to send, " << month->searches
              << " searches (some that a weekly review flags), " << month->approvals
              << " search approval requests (approved, denied, waiting).\n";
  return kExitOk;
}

}  // namespace

Command DemoCommand() {
  CommandSpec spec{"demo",
                   "Create a demo storage with realistic, deterministic LPR data and one user per role.",
                   {StorageOption(),
                    {"reads", "N", "number of reads (default 100000)"},
                    {"cameras", "N", "number of cameras (default 40)"},
                    {"days", "N", "days of data ending now (default 30)"},
                    {"seed", "S", "random seed (default 1); the same seed and hour give the same data"},
                    {"no-images", "", "make no plate or vehicle images (for large benchmark storages)"},
                    {"activity", "",
                     "also a month of the agency's use by the demo users: cases, recipient agencies, release "
                     "requests approved, denied, referred and released, receipts, a correction notice (./run.sh "
                     "uses it)"}},
                   "",
                   false,
                   "The folder must be new or empty. Ctrl-C stops early, keeping the reads made so far.\n"
                   "Demo storages are marked as such, have fixed demo passwords and make MFA optional."};
  return {spec, Run};
}

}  // namespace platedesk::cli
