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

// read verify ID / read correct ID --plate P --reason R: the read-detail actions, audited as in the GUI.
int RunCheck(const ParsedArgs& args, Context& ctx, OutputFormat format) {
  const auto& p = args.Positional();
  const bool correct = p[0] == "correct";
  if (p.size() != 2) return Usage("read " + p[0] + " takes one read id");
  store::ReadId id = 0;
  const auto [ptr, ec] = std::from_chars(p[1].data(), p[1].data() + p[1].size(), id);
  if (ec != std::errc() || ptr != p[1].data() + p[1].size() || id <= 0) return Usage("'" + p[1] + "' is not a read id");
  if (correct && (!args.Has("plate") || !args.Has("reason")))
    return Usage("read correct needs --plate TEXT (as the images show it) and --reason TEXT");
  auto context = AccessContextFrom(args);
  if (!context) return Usage(context.Err().message);
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  Table t;
  if (correct) {
    auto c = signedIn->session->ReportMisread(*context, id, args.Get("plate"), args.Get("state"), args.Get("reason"));
    if (!c) return Report(c.Err());
    t = Table{{"correction", "read", "plate", "state", "reason", "by", "time"}, {true, true}, {}};
    t.rows.push_back({std::to_string(c->id), std::to_string(c->read), c->plate, c->state, c->reason, c->user,
                      FormatIso8601(c->createdAt)});
  } else {
    auto v = signedIn->session->VerifyRead(*context, id);
    if (!v) return Report(v.Err());
    t = Table{{"verification", "read", "by", "case", "time"}, {true, true}, {}};
    t.rows.push_back(
        {std::to_string(v->id), std::to_string(v->read), v->user, v->caseNumber, FormatIso8601(v->createdAt)});
  }
  PrintRecord(std::cout, t, format);
  return kExitOk;
}

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  if (!args.Positional().empty() && (args.Positional()[0] == "verify" || args.Positional()[0] == "correct"))
    return RunCheck(args, ctx, *format);
  std::vector<store::ReadId> ids;
  for (const auto& text : args.Positional()) {
    store::ReadId id = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
      return Usage("'" + text + "' is not a read id");
    ids.push_back(id);
  }
  auto context = AccessContextFrom(args);
  if (!context) return Usage(context.Err().message);
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto reads = signedIn->session->GetReads(*context, ids);
  if (!reads) return Report(reads.Err());
  Table t{{"id", "source_uuid", "time", "camera", "plate", "state", "confidence", "candidates", "color", "make",
           "model", "body"},
          {true, false, false, true, false, false, true},
          {}};
  for (const auto& r : *reads) {
    std::string candidates;
    for (const auto& c : r.candidates) candidates += (candidates.empty() ? "" : " ") + c.plate;
    t.rows.push_back({std::to_string(r.id), r.sourceUuid, FormatIso8601(r.capturedAt), std::to_string(r.camera),
                      r.plate, r.state, FormatOneDecimal(r.confidence), candidates, store::TopValue(r.vehicle.color),
                      store::TopValue(r.vehicle.make), store::TopValue(r.vehicle.model),
                      store::TopValue(r.vehicle.body)});
  }
  PrintTable(std::cout, t, *format);
  return kExitOk;
}

}  // namespace

Command ReadCommand() {
  std::vector<OptionSpec> options{StorageOption(), UserOption()};
  for (auto& o : AccessContextOptions()) options.push_back(o);
  options.push_back(FormatOption());
  options.push_back({"plate", "TEXT", "read correct: the plate as the images show it"});
  options.push_back({"state", "ST", "read correct: the plate's state as the images show it"});
  options.push_back({"reason", "TEXT", "read correct: what the images show"});
  CommandSpec spec{"read",
                   "Show stored reads by id, for a case and a purpose (audited before anything is shown); verify or "
                   "correct one.",
                   options,
                   "ID... | verify ID | correct ID",
                   true,
                   "  read verify ID     record that you visually verified the read against its images\n"
                   "  read correct ID --plate TEXT [--state ST] --reason TEXT\n"
                   "                     report a misread (the read stays; recipients of earlier releases get a\n"
                   "                     correction notice: `dissemination notices --open`)\n"
                   "Refused (and the refusal audited) without a well-formed case number, an allowed purpose and a\n"
                   "justification, for untrained users, and for auditors."};
  return {spec, Run};
}

}  // namespace platedesk::cli
