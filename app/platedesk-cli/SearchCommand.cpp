// SPDX-License-Identifier: GPL-3.0-or-later
// search: misread-tolerant plate and vehicle search through the facade (audited first).
#include "Cli.h"
#include "Output.h"
#include "SearchArgs.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace platedesk::cli {
namespace {

// "02:10-03:40 UTC", with dates where the period does not start and end on the window's first day
// ("2026-11-23 23:50-2026-11-24 00:40 UTC"); "since 02:10 UTC" while it lasts.
std::string OfflineSpan(const store::OfflinePeriod& p, UtcMs windowStart) {
  auto at = [&](UtcMs t) {
    const std::string hm = FormatIso8601(t).substr(11, 5);
    return FormatDate(t) == FormatDate(windowStart) ? hm : FormatDate(t) + " " + hm;
  };
  if (!p.to) return "since " + at(p.from) + " UTC";
  return at(p.from) + "-" + at(*p.to) + " UTC";
}

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  auto parsed = ParseSearchArgs(args);
  if (!parsed) return Usage(parsed.Err().message);
  const search::Query& q = parsed->query;
  auto context = AccessContextFrom(args);
  if (!context) return Usage(context.Err().message);

  std::error_code unreadable;  // a folder that cannot be read is WriteSavedResults' to report, not a throw here
  if (args.Has("output") && std::filesystem::exists(args.Get("output"), unreadable))
    return Usage("--output " + args.Get("output") + " exists: a saved result list never replaces a file");

  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  search::SearchOptions options;
  options.limit = parsed->limit;
  InterruptScope interrupt;
  auto outcome = signedIn->session->Search(*context, q, options, true, interrupt.Token());
  if (!outcome) return Report(outcome.Err(), ApprovalHint(outcome.Err()));

  Table t{{"read_id", "source_uuid", "time", "camera", "plate", "state", "confidence", "low_confidence", "color",
           "make", "model", "body", "matched"},
          {true, false, false, true, false, false, true},
          {},
          {false, false, false, false, false, false, false, true}};
  const auto& hits = outcome->result.hits;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const auto& h = hits[i];
    const store::Read* r = i < outcome->reads.size() && outcome->reads[i].id == h.read ? &outcome->reads[i] : nullptr;
    t.rows.push_back({std::to_string(h.read), r ? r->sourceUuid : "", FormatIso8601(h.capturedAt),
                      std::to_string(h.camera), h.plate, h.state, FormatOneDecimal(h.confidence), Flag(h.lowConfidence),
                      r ? store::TopValue(r->vehicle.color) : "", r ? store::TopValue(r->vehicle.make) : "",
                      r ? store::TopValue(r->vehicle.model) : "", r ? store::TopValue(r->vehicle.body) : "",
                      HowMatched(h)});
  }
  PrintTable(std::cout, t, *format);
  if (args.Has("output")) {
    // The rows as a file to keep: plate data leaving PlateDesk, recorded (results.saved) first.
    std::vector<store::ReadId> ids;
    for (const auto& h : hits) ids.push_back(h.read);
    if (ids.empty()) return Report(Fail(ErrorCode::InvalidArgument, "no results to save", args.Get("output")));
    auto saved = signedIn->session->SaveResults(*context, q, ids, workstation::SavedResultsFormat(args.Get("output")));
    if (!saved) return Report(saved.Err());
    auto written = workstation::WriteSavedResults(*saved, args.Get("output"));
    if (!written) return Report(written.Err());
    std::cerr << "saved " << saved->reads << (saved->reads == 1 ? " read" : " reads") << " to " << written->string()
              << " (recorded in the audit log)\n";
  }
  // A missing read is evidence too: name the chosen cameras that were silent in the window.
  for (const auto& p : outcome->offlineCameras) {
    std::cerr << "note: camera " << (p.name.empty() ? p.externalId : p.name) << " was offline "
              << OfflineSpan(p, q.from.value_or(p.from)) << " in this window\n";
  }
  if (*format == OutputFormat::Table)
    std::cerr << outcome->result.totalMatches << " matching reads"
              << (outcome->result.truncated ? ", best " + std::to_string(hits.size()) + " shown (--limit)" : "")
              << ".\n";
  return kExitOk;
}

}  // namespace

Command SearchCommand() {
  std::vector<OptionSpec> o{StorageOption(), UserOption()};
  for (auto& a : AccessContextOptions()) o.push_back(a);
  for (auto& t : ToleranceOptions()) o.push_back(t);
  std::vector<OptionSpec> more = SearchQueryOptions();
  more.push_back(FormatOption());
  more.push_back(
      {"output", "FILE",
       "also save the rows shown to FILE: CSV, or a PDF to print when FILE ends in .pdf (never over a file; recorded "
       "as results.saved)"});
  o.insert(o.end(), more.begin(), more.end());
  CommandSpec spec{
      "search",
      "Search reads by partial or misread plate, vehicle, place and time (audited first).",
      o,
      "",
      false,
      "Example: --plate '*7353*' finds LOS7353 and, with OCR tolerance, L8S7353 when the camera read 8 for\n"
      "the O. Ranking: exact, fewer edits, fewer OCR substitutions, best plate before alternative\n"
      "reads, higher confidence, newer. low_confidence=yes: verify the image before acting."};
  return {spec, Run};
}

}  // namespace platedesk::cli
