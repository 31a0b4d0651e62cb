// SPDX-License-Identifier: GPL-3.0-or-later
// review: a supervisor's audit review from the command line. `review flags` lists the flags the
// session computes from the audit log, `review activity` the counts behind the charts
// (supervisors and auditors; audited as audit.review).
#include "Cli.h"
#include "Output.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/oversight/Activity.h"
#include "platedesk/oversight/Flags.h"
#include "platedesk/report/Chart.h"
#include "platedesk/workstation/Session.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace platedesk::cli {
namespace {

// review sign-off: the reviewer's sign-off of the period, then its report as PDF and CSV in --out.
int SignOff(const ParsedArgs& args, Context& ctx, UtcMs from, UtcMs to) {
  if (Trim(args.Get("note")).empty()) return Usage("review sign-off needs --note TEXT (what the review found)");
  if (!args.Has("out")) return Usage("review sign-off needs --out DIR (where the PDF and CSV report go)");
  const std::filesystem::path out = std::filesystem::u8path(args.Get("out"));
  std::error_code ec;
  if (!std::filesystem::is_directory(out, ec)) return Usage("--out must be an existing folder: " + args.Get("out"));
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& session = *signedIn->session;
  auto review = session.SignOffReview(from, to, args.Get("note"));
  if (!review) return Report(review.Err());
  const auto& signOff = review->signOff;
  auto written = workstation::WriteReviewReport(*review, out);
  if (!written)
    return Report(written.Err(),
                  "The sign-off is recorded (" + std::to_string(signOff.id) + "); the report was not written.");
  std::cout << "signed off: " << signOff.id << " (" << review->flags.size() << " flags, checkpoint of "
            << signOff.checkpointSize << " records)\n"
            << written->at(0).string() << "\n"
            << written->at(1).string() << "\n";
  return kExitOk;
}

// review activity: the period's counts behind the Review page's charts, or (--charts DIR) the
// four charts themselves as SVG files.
int Activity(const ParsedArgs& args, Context& ctx, UtcMs from, UtcMs to, OutputFormat format) {
  std::optional<std::filesystem::path> charts;
  if (args.Has("charts")) {
    charts = std::filesystem::u8path(args.Get("charts"));
    std::error_code ec;
    if (!std::filesystem::is_directory(*charts, ec))
      return Usage("--charts must be an existing folder: " + args.Get("charts"));
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto activity = signedIn->session->ReviewActivity(from, to);
  if (!activity) return Report(activity.Err());
  if (charts) {
    const std::string stem =
        "review-activity-" + FormatIso8601(from).substr(0, 10) + "-" + FormatIso8601(to).substr(0, 10) + "-";
    int n = 0;
    for (const auto& chart : oversight::ActivityCharts(*activity)) {
      auto svg = report::ChartSvg(chart, 900, 360);
      if (!svg) return Report(svg.Err());
      const auto path = *charts / (stem + std::to_string(++n) + ".svg");
      if (auto st = WriteFileExclusive(path, *svg, /*ownerOnly=*/true); !st) return Report(st.Err());
      std::cout << path.string() << "\n";
    }
    return kExitOk;
  }
  Table t{{"series", "day", "name", "count"}, {false, false, false, true}, {}};
  for (const auto& c : activity->searches) t.rows.push_back({"searches", c.day, c.name, std::to_string(c.count)});
  for (std::size_t i = 0; i < activity->hourWeekday.size() && i < 7 * 24; ++i) {
    if (activity->hourWeekday[i] == 0) continue;
    char name[16];
    std::snprintf(name, sizeof name, "%s %02zu:00", oversight::WeekdayName(static_cast<int>(i / 24)), i % 24);
    t.rows.push_back({"hour-weekday", "", name, std::to_string(activity->hourWeekday[i])});
  }
  for (const auto& p : activity->purposes) t.rows.push_back({"purpose", "", p.name, std::to_string(p.count)});
  t.rows.push_back({"refused-searches", "", "", std::to_string(activity->refusedSearches)});
  for (const auto& c : activity->flags) t.rows.push_back({"flags", c.day, c.name, std::to_string(c.count)});
  PrintTable(std::cout, t, format);
  return kExitOk;
}

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (!p.empty() && p[0] == "note") {
    // review note SEQ --note TEXT: one record marked reviewed.
    std::uint64_t seq = 0;
    if (p.size() != 2 || p[1].empty() || p[1].size() > 18 ||
        p[1].find_first_not_of("0123456789") != std::string::npos || (seq = std::stoull(p[1])) == 0)
      return Usage("review note takes one audit record number (the seq of `review flags` or `audit list`)");
    if (Trim(args.Get("note")).empty()) return Usage("review note needs --note TEXT (what you found)");
    auto format = ParseFormat(args.Get("format", "table"));
    if (!format) return Usage(format.Err().message);
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto noted = signedIn->session->NoteReviewEntry(seq, args.Get("note"));
    if (!noted) return Report(noted.Err());
    Table t{{"id", "seq", "reviewer", "noted", "note"}, {true, true}, {}};
    t.rows.push_back({std::to_string(noted->id), std::to_string(noted->seq), noted->reviewer,
                      FormatIso8601(noted->notedAt), noted->note});
    PrintRecord(std::cout, t, *format);
    return kExitOk;
  }
  if (p.size() == 1 && p[0] == "notes") {
    auto format = ParseFormat(args.Get("format", "table"));
    if (!format) return Usage(format.Err().message);
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto notes = signedIn->session->ReviewEntryNotes(0, 0);
    if (!notes) return Report(notes.Err());
    Table t{{"id", "seq", "reviewer", "noted", "note"}, {true, true}, {}};
    for (const auto& n : *notes)
      t.rows.push_back({std::to_string(n.id), std::to_string(n.seq), n.reviewer, FormatIso8601(n.notedAt), n.note});
    PrintTable(std::cout, t, *format);
    return kExitOk;
  }
  if (p.size() == 1 && p[0] == "sign-offs") {
    auto format = ParseFormat(args.Get("format", "table"));
    if (!format) return Usage(format.Err().message);
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto list = signedIn->session->ReviewSignOffs();
    if (!list) return Report(list.Err());
    Table t{{"id", "reviewer", "from", "to", "flags", "signed", "checkpoint_size", "note"},
            {true, false, false, false, true, false, true, false},
            {}};
    for (const auto& s : *list)
      t.rows.push_back({std::to_string(s.id), s.reviewer, FormatIso8601(s.from), FormatIso8601(s.to),
                        std::to_string(s.flags), FormatIso8601(s.signedAt), std::to_string(s.checkpointSize), s.note});
    PrintTable(std::cout, t, *format);
    return kExitOk;
  }
  if (p.size() != 1 || (p[0] != "flags" && p[0] != "sign-off" && p[0] != "activity"))
    return Usage(
        "review takes: flags --from T --to T [--flagged-user U] [--flag KIND] | activity --from T --to T "
        "[--charts DIR] | sign-off --from T --to T --note TEXT --out DIR | sign-offs | note SEQ --note TEXT | notes");
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  auto from = ParseIso8601(args.Get("from"));
  auto to = ParseIso8601(args.Get("to"));
  if (!from || !to) return Usage("--from and --to take ISO 8601 dates or times");
  if (p[0] == "sign-off") return SignOff(args, ctx, *from, *to);
  if (p[0] == "activity") return Activity(args, ctx, *from, *to, *format);
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
  CommandSpec spec{
      "review",
      "A supervisor's audit review: flags --from T --to T [--flagged-user U] [--flag KIND]; activity "
      "--from T --to T [--charts DIR]; sign-off --from T --to T --note TEXT --out DIR; sign-offs; note SEQ "
      "--note TEXT (one record reviewed); notes.",
      {StorageOption(),
       UserOption(),
       FormatOption(),
       {"from", "T", "start of the period (ISO 8601)"},
       {"to", "T", "end of the period (ISO 8601), exclusive"},
       {"note", "TEXT", "sign-off, note: what the review found"},
       {"out", "DIR", "sign-off: the folder the PDF and CSV report are written to"},
       {"flagged-user", "U", "only the flags of this user's records"},
       {"flag", "KIND", "only this kind of flag"},
       {"charts", "DIR", "activity: write the four charts as SVG files into this folder"}},
      "flags | activity | sign-off | sign-offs | note SEQ | notes",
      true,
      "Flags are computed from the audit log, never hand-entered: unregistered-case, closed-case,\n"
      "refused, failed-sign-in, lockout, after-hours, unusual-volume, shared-plate, broad-search,\n"
      "repeated-justification, exported-unverified, staff-vehicle. Thresholds are agency settings\n"
      "(config set review_hours 07-19, review_volume_minimum, review_volume_factor, review_min_fixed,\n"
      "review_broad_results, review_staff_vehicles). Supervisors and auditors; audited as audit.review.\n"
      "sign-off records review.signed_off, signs a checkpoint that covers it, and writes\n"
      "audit-review-FROM-TO-ID.pdf and .csv into --out, each carrying that checkpoint.\n"
      "activity counts the period's searches per day and user, by weekday and hour, by purpose, and\n"
      "its flags per day and kind (the Review page's charts; --charts DIR writes them as SVG).\n"
      "note marks one audit record (its seq) reviewed with a note (review.entry_noted); notes lists them."};
  return {spec, Run};
}

}  // namespace platedesk::cli
