// SPDX-License-Identifier: GPL-3.0-or-later
// read: show stored reads by id, for a case and a purpose (audited as read.viewed first).
#include "Cli.h"
#include "Output.h"

#include "platedesk/workstation/Workstation.h"

#include <charconv>
#include <cstdio>
#include <iostream>

namespace platedesk::cli {
namespace {

std::string Top(const std::vector<store::RankedValue>& v) { return v.empty() ? std::string() : v.front().value; }

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  std::vector<store::ReadId> ids;
  for (const auto& text : args.Positional()) {
    store::ReadId id = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
      return Usage("'" + text + "' is not a read id");
    ids.push_back(id);
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  const workstation::AccessContext context{args.Get("case"), args.Get("purpose"), args.Get("justification")};
  auto reads = signedIn->session->GetReads(context, ids);
  if (!reads) return Report(reads.Err());
  Table t{{"id", "source_uuid", "time", "camera", "plate", "state", "confidence", "candidates", "color", "make",
           "model", "body"},
          {true, false, false, true, false, false, true},
          {}};
  for (const auto& r : *reads) {
    std::string candidates;
    for (const auto& c : r.candidates) candidates += (candidates.empty() ? "" : " ") + c.plate;
    t.rows.push_back({std::to_string(r.id), r.sourceUuid, FormatIso8601(r.capturedAt), std::to_string(r.camera),
                      r.plate, r.state, FormatOneDecimal(r.confidence), candidates, Top(r.vehicle.color),
                      Top(r.vehicle.make), Top(r.vehicle.model), Top(r.vehicle.body)});
  }
  PrintTable(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command ReadCommand() {
  std::vector<OptionSpec> options{StorageOption(), UserOption()};
  for (auto& o : AccessContextOptions()) options.push_back(o);
  options.push_back(FormatOption());
  CommandSpec spec{"read",
                   "Show stored reads by id, for a case and a purpose (audited before anything is shown).",
                   options,
                   "ID...",
                   true,
                   "Refused (and the refusal audited) without a well-formed case number, an allowed purpose and a\n"
                   "justification, for untrained users, and for auditors."};
  return {spec, Run};
}

}  // namespace platedesk::cli
