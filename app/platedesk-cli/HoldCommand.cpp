// SPDX-License-Identifier: GPL-3.0-or-later
// hold: holds that keep reads past retention for a case (issue 15). `hold place` (the case's lead
// or a supervisor, under the case's access context) holds reads (investigation, discovery) or
// places a preservation order (cameras and/or plates in a window, later reads included);
// `hold list` is the supervisors' and auditors' register; `hold release` and `hold review` are
// a supervisor's, each with its reason. Every step is audited by the session.
#include "Cli.h"
#include "Output.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Session.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace platedesk::cli {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

std::string TimeOrEmpty(UtcMs t) { return t == 0 ? std::string() : FormatIso8601(t); }

Table HoldTable(const std::vector<store::Hold>& list) {
  Table t{{"id", "case", "kind", "in_force", "review_due", "reads", "reason", "placed_by", "placed", "from", "to",
           "cameras", "plates", "released_by", "released", "release_reason", "reviewed_by", "reviewed", "review_note"},
          {true, false, false, false, false, true},
          {},
          {false, false, false, true, true}};
  for (const auto& h : list)
    t.rows.push_back({std::to_string(h.id), h.caseNumber, std::string(store::HoldKindName(h.kind)),
                      h.InForce() ? "yes" : "no", h.reviewDue ? "yes" : "no", std::to_string(h.reads), h.reason,
                      h.placedBy, FormatIso8601(h.placedAt), h.from ? FormatIso8601(*h.from) : "",
                      h.to ? FormatIso8601(*h.to) : "", Joined(h.cameras), Joined(h.plates), h.releasedBy,
                      TimeOrEmpty(h.releasedAt), h.releaseReason, h.reviewedBy, TimeOrEmpty(h.reviewedAt),
                      h.reviewNote});
  return t;
}

Result<std::int64_t> HoldId(const std::vector<std::string>& p) {
  if (p.size() != 2) return Fail(ErrorCode::InvalidArgument, "hold " + p[0] + " takes one hold ID");
  return ParsePositiveId(p[1], "hold id");
}

int Place(const ParsedArgs& args, Context& ctx, OutputFormat format) {
  if (!args.Has("case") || !args.Has("purpose") || !args.Has("justification"))
    return Usage("hold place needs --case, --purpose and --justification (the case's access context)");
  workstation::HoldRequest request;
  const std::string kind = args.Get("kind", "investigation");
  const auto parsed = store::ParseHoldKind(kind);
  if (!parsed) return Usage("--kind is investigation, discovery or preservation");
  request.kind = *parsed;
  request.reason = args.Get("reason");
  if (Trim(request.reason).empty()) return Usage("hold place needs --reason TEXT (the request, order or docket)");
  for (const auto& value : args.GetAll("reads"))
    for (const auto& part : Split(value, ',')) {
      auto id = ParsePositiveId(part, "read id");
      if (!id) return Usage(id.Err().message);
      request.reads.push_back(*id);
    }
  for (const auto& value : args.GetAll("camera"))
    for (const auto& part : Split(value, ','))
      if (!Trim(part).empty()) request.cameras.push_back(Trim(part));
  for (const auto& value : args.GetAll("plate"))
    for (const auto& part : Split(value, ','))
      if (!Trim(part).empty()) request.plates.push_back(Trim(part));
  if (args.Has("from") || args.Has("to")) {
    auto from = ParseIso8601(args.Get("from"));
    auto to = ParseIso8601(args.Get("to"));
    if (!from || !to) return Usage("--from and --to take ISO 8601 times, both or neither");
    request.from = *from;
    request.to = *to;
  }
  if (request.kind == store::HoldKind::Preservation) {
    if (!request.reads.empty()) return Usage("a preservation order names --camera and/or --plate, not --reads");
    if (request.cameras.empty() && request.plates.empty())
      return Usage("a preservation order needs --camera and/or --plate");
    if (!request.from) return Usage("a preservation order needs --from and --to");
  } else {
    if (request.reads.empty()) return Usage("hold place --kind " + kind + " needs --reads ID,...");
    if (!request.cameras.empty() || !request.plates.empty() || request.from)
      return Usage("--camera, --plate, --from and --to belong to --kind preservation");
  }
  auto context = AccessContextFrom(args);
  if (!context) return Usage(context.Err().message);
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto placed = signedIn->session->PlaceHold(*context, request);
  if (!placed) return Report(placed.Err(), ApprovalHint(placed.Err()));
  PrintRecord(std::cout, HoldTable({*placed}), format);
  return kExitOk;
}

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.empty()) return Usage("hold needs an action: place, list, release ID, review ID");
  const std::string& action = p[0];
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  if (action == "place") {
    if (p.size() != 1) return Usage("hold place takes no ID: it makes one");
    return Place(args, ctx, *format);
  }
  if (action == "list") {
    if (p.size() != 1) return Usage("hold list takes no ID (use --id)");
    store::HoldFilter filter;
    filter.caseNumber = args.Get("case");
    filter.inForceOnly = !args.Has("all");
    if (args.Has("id")) {
      auto id = ParsePositiveId(args.Get("id"), "hold id");
      if (!id) return Usage(id.Err().message);
      filter.id = *id;
    }
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto list = signedIn->session->Holds(filter);
    if (!list) return Report(list.Err());
    if (args.Has("due")) std::erase_if(*list, [](const store::Hold& h) { return !h.reviewDue; });
    PrintTable(std::cout, HoldTable(*list), *format);
    return kExitOk;
  }
  if (action == "release" || action == "review") {
    auto id = HoldId(p);
    if (!id) return Usage(id.Err().message);
    if (Trim(args.Get("reason")).empty())
      return Usage("hold " + action + " needs --reason TEXT (" +
                   (action == "release" ? "why it is released" : "why it is kept") + ")");
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    const Status done = action == "release" ? signedIn->session->ReleaseHold(*id, args.Get("reason"))
                                            : signedIn->session->ReviewHold(*id, args.Get("reason"));
    if (!done) return Report(done.Err());
    store::HoldFilter filter;
    filter.id = *id;
    auto list = signedIn->session->Holds(filter);
    if (!list) return Report(list.Err());
    PrintRecord(std::cout, HoldTable(*list), *format);
    return kExitOk;
  }
  return Usage("unknown hold action '" + action + "' (place, list, release ID, review ID)");
}

}  // namespace

Command HoldCommand() {
  std::vector<OptionSpec> o{StorageOption(), UserOption(), FormatOption()};
  for (auto a : AccessContextOptions()) {
    a.required = false;  // place only
    o.push_back(a);
  }
  std::vector<OptionSpec> more{
      {"kind", "KIND", "place: investigation (default), discovery or preservation"},
      {"reason", "TEXT", "place: why (the request, order or docket); release, review: why (required)"},
      {"reads", "ID,...", "place (investigation, discovery): the reads to hold", false, true},
      {"camera", "ID", "place (preservation): a camera's external id (repeatable, or comma-separated)", false, true},
      {"plate", "PLATE", "place (preservation): a plate (repeatable, or comma-separated)", false, true},
      {"from", "TIME", "place (preservation): the window's start (ISO 8601)"},
      {"to", "TIME", "place (preservation): the window's end (ISO 8601, exclusive)"},
      {"all", "", "list: released holds too"},
      {"due", "", "list: only holds due for review"},
      {"id", "ID", "list: one hold"}};
  o.insert(o.end(), more.begin(), more.end());
  CommandSpec spec{
      "hold",
      "Holds that keep reads past retention for a case: place, list, release ID, review ID.",
      o,
      "place | list | release ID | review ID",
      true,
      "A hold keeps reads from the retention purge for a case until a supervisor releases it.\n"
      "  investigation  reads collected for the case (\"Add to case\"; evidence exports place one too)\n"
      "  discovery      reads a party is entitled to (a discovery request)\n"
      "  preservation   a court order or preservation request: every read in [--from, --to) on one of\n"
      "                 the --camera ids (if any) with one of the --plate texts, as read or corrected (if\n"
      "                 any), including reads that arrive later inside the window.\n"
      "Only the case's registered lead or a supervisor places a hold, under the case's --case, --purpose\n"
      "and --justification. A supervisor releases one (--reason) or reviews it (--reason: why it is\n"
      "kept). A hold in force longer than hold_review_days (default 180) since it was placed or last\n"
      "reviewed is due for review (`hold list --due`; the supervisor's Overview counts them).\n"
      "`hold list` (supervisors, auditors) shows holds in force; --all adds released ones."};
  return {spec, Run};
}

}  // namespace platedesk::cli
