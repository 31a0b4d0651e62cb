// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"
#include "Output.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <iostream>

namespace platedesk::cli {
namespace {

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  // Counts only: a folder a running platedesk-server holds is read without opening its audit log;
  // a server answers for its own storage.
  std::filesystem::path folder = args.Get("storage");
  Result<workstation::Overview> o = Fail(ErrorCode::Internal, "no overview");
  if (args.Has("server") || !args.Has("storage")) {
    auto connection = OpenConnection(args, ctx);
    if (!connection) return Report(connection.Err(), "give --storage DIR or --server URL");
    folder = (*connection)->Describe();
    o = (*connection)->GetOverview();
  } else if (auto ws = workstation::Workstation::Open(folder, ctx.clock); ws) {
    folder = (*ws)->Folder();
    o = (*ws)->GetOverview();
  } else if (ws.Err().detail == ErrorDetail::StorageServed) {
    std::cerr << "note: " << ws.Err().message << "\n";
    o = workstation::Workstation::ReadOverview(folder, ctx.clock);
  } else {
    return Report(ws.Err());
  }
  if (!o) return Report(o.Err());
  auto time = [](const std::optional<UtcMs>& t) { return t ? FormatIso8601(*t) : std::string(); };
  std::string offline;
  for (const auto& p : o->offlineCameras) {
    if (!offline.empty()) offline += "; ";
    offline += (p.name.empty() ? p.externalId : p.name) + " since " + FormatIso8601(p.from);
  }
  Table t;
  t.columns = {"storage",        "schema_version", "reads",          "cameras",         "images",
               "quarantined",    "users",          "oldest_read",    "newest_read",     "size_bytes",
               "size",           "demo",           "cameras_online", "cameras_offline", "cameras_never_heard",
               "offline_cameras"};
  t.numeric = {false, true, true, true, true, true, true, false, false, true, false, false, true, true, true, false};
  t.rows.push_back({folder.string(), std::to_string(o->schemaVersion), std::to_string(o->reads),
                    std::to_string(o->cameras), std::to_string(o->images), std::to_string(o->quarantined),
                    std::to_string(o->users), time(o->oldestRead), time(o->newestRead), std::to_string(o->sizeBytes),
                    FormatBytes(o->sizeBytes), Flag(o->demo), std::to_string(o->camerasOnline),
                    std::to_string(o->camerasOffline), std::to_string(o->camerasNeverHeard), offline});
  t.boolean = {false, false, false, false, false, false, false, false,
               false, false, false, true,  false, false, false, false};
  t.humanOnly = {false, false, false, false, false, false, false, false,
                 false, false, true,  false, false, false, false, false};
  PrintRecord(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command StatusCommand() {
  CommandSpec spec{
      "status",
      "Counts only, no plate data: reads, cameras (online, offline, never heard), images, quarantine, time span, "
      "schema, size.",
      {StorageOption(), FormatOption()},
      "",
      false,
      "Needs no sign-in: it shows no plate data. Scripts use --format json (numbers and booleans as such;\n"
      "the size only as size_bytes)."};
  return {spec, Run};
}

}  // namespace platedesk::cli
