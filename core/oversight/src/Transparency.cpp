// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Transparency.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/report/Chart.h"
#include "platedesk/report/Csv.h"
#include "platedesk/report/TextPdf.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace platedesk::oversight {
namespace {

std::string Escape(const std::string& text) { return EscapeHtml(text); }

std::string Day(UtcMs t) { return FormatIso8601(t).substr(0, 10); }

// " (mobile cameras' reads after 12 hours)" for the kinds kept otherwise.
std::string KindPeriods(const std::vector<std::pair<std::string, std::string>>& kinds) {
  std::string out;
  for (const auto& [kind, period] : kinds)
    out += (out.empty() ? " (" : "; ") + kind + " cameras' reads after " + period;
  return out.empty() ? out : out + ")";
}

// ", under 2 investigation holds and 1 preservation order" (the kinds with holds in force).
std::string HoldKinds(const std::vector<NameCount>& kinds) {
  std::vector<std::string> parts;
  for (const auto& k : kinds) {
    if (k.count == 0) continue;
    parts.push_back(std::to_string(k.count) + " " + k.name +
                    (k.name == "preservation order" ? (k.count == 1 ? "" : "s") : (k.count == 1 ? " hold" : " holds")));
  }
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out += (i == 0 ? ", under " : (i + 1 == parts.size() ? " and " : ", ")) + parts[i];
  return out;
}
std::string Minute(UtcMs t) { return FormatIso8601(t).substr(0, 16) + "Z"; }

std::string Coordinates(double lat, double lon) {
  char text[64];
  std::snprintf(text, sizeof text, "%.5f, %.5f", lat, lon);
  return text;
}

std::uint64_t Sum(const std::vector<NameCount>& counts) {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.count;
  return n;
}

// Reads per camera per day as a heat map: a row per camera, a column per day (forty cameras stay
// readable, where stacked bars would not).
report::Chart ReadsChart(const TransparencyData& d) {
  report::Chart chart;
  chart.kind = report::ChartKind::HeatMap;
  chart.title = "Reads per camera per day";
  chart.valueLabel = "reads";
  for (const auto& day : d.days) chart.categories.push_back(day.size() == 10 ? day.substr(8) : day);
  for (const auto& c : d.cameras) {
    report::ChartSeries row{c.name, {}};
    for (std::size_t k = 0; k < d.days.size(); ++k)
      row.values.push_back(k < c.perDay.size() ? static_cast<double>(c.perDay[k]) : 0.0);
    chart.series.push_back(std::move(row));
  }
  return chart;
}

// The heat map's height: a row of 12 points per camera under its title and day numbers.
int ReadsChartHeight(const TransparencyData& d) {
  return 70 + 12 * static_cast<int>(std::max<std::size_t>(1, d.cameras.size()));
}

report::Chart PurposeChart(const TransparencyData& d) {
  report::Chart chart;
  chart.title = "Searches by purpose (run and refused)";
  chart.valueLabel = "searches";
  chart.horizontal = true;
  std::map<std::string, std::pair<double, double>> byPurpose;
  for (const auto& c : d.searchesRun) byPurpose[c.name].first += static_cast<double>(c.count);
  for (const auto& c : d.searchesRefused) byPurpose[c.name].second += static_cast<double>(c.count);
  report::ChartSeries run{"run", {}}, refused{"refused", {}};
  for (const auto& [name, counts] : byPurpose) {
    chart.categories.push_back(name);
    run.values.push_back(counts.first);
    refused.values.push_back(counts.second);
  }
  chart.series = {std::move(run), std::move(refused)};
  return chart;
}

// The sentences of the report, shared by the HTML and the PDF.
struct Section {
  std::string title;
  std::vector<std::string> lines;
};

std::vector<Section> Sections(const TransparencyData& d) {
  std::vector<Section> out;
  out.push_back({"Reads collected",
                 {std::to_string(d.totalReads) + " license plate reads by " + std::to_string(d.cameras.size()) +
                  " cameras between " + Day(d.from) + " and " + Day(d.to - 1) + "."}});
  Section cams{"Cameras", {}};
  for (const auto& c : d.cameras) {
    std::string line = c.name + " (" + c.kind + "): " + std::to_string(c.reads) + " reads";
    if (c.firstRead && c.lastRead) line += ", active from " + Minute(*c.firstRead) + " to " + Minute(*c.lastRead);
    cams.lines.push_back(line);
  }
  if (cams.lines.empty()) cams.lines.push_back("No camera made a read in this period.");
  out.push_back(std::move(cams));
  Section places{"Fixed camera locations, current and past", {}};
  for (const auto& p : d.fixedPlaces)
    places.lines.push_back(p.name + ": " + (p.address.empty() ? std::string() : p.address + ", ") +
                           Coordinates(p.latitude, p.longitude) + ", from " + Day(p.from) +
                           (p.to ? " to " + Day(*p.to) : std::string(" (current)")));
  if (places.lines.empty()) places.lines.push_back("No fixed camera has a recorded location.");
  out.push_back(std::move(places));
  out.push_back({"Hot lists and databases compared against",
                 {"None: PlateDesk compares reads against no hot list or other database, so there were no hits."}});
  Section searches{"Searches", {}};
  searches.lines.push_back(std::to_string(Sum(d.searchesRun)) + " searches run and " +
                           std::to_string(Sum(d.searchesRefused)) + " refused by the system's rules.");
  for (const auto& c : d.searchesRun) searches.lines.push_back("Run, " + c.name + ": " + std::to_string(c.count));
  for (const auto& c : d.searchesRefused)
    searches.lines.push_back("Refused, " + c.name + ": " + std::to_string(c.count));
  out.push_back(std::move(searches));
  out.push_back({"Access",
                 {std::to_string(d.usersWithAccess) + " people have access to the data; " +
                  std::to_string(d.usersTrained) + " of them have current training."}});
  Section releases{"Data shared outside the agency", {}};
  for (const auto& c : d.releasesByRecipientKind)
    releases.lines.push_back(c.name + ": " + std::to_string(c.count) + " releases");
  if (releases.lines.empty()) releases.lines.push_back("No release of data outside the agency in this period.");
  out.push_back(std::move(releases));
  out.push_back(
      {"Retention",
       {"Reads are deleted " + d.retention + " after they are captured" + KindPeriods(d.retentionByKind) +
            " unless they are held for a case. The log of every use of the system is kept " + d.auditRetention + ".",
        std::to_string(d.purges) + " retention purges in this period deleted " + std::to_string(d.readsPurged) +
            " reads.",
        std::to_string(d.readsHeld) + " reads are held now for " + std::to_string(d.casesHolding) + " cases" +
            HoldKinds(d.holdsByKind) + "."}});
  out.push_back({"What is collected",
                 {"For each vehicle that passes a camera: the plate as the camera read it, the state when it can be "
                  "read, the time, the camera and its place, a picture of the plate and of the vehicle, and the "
                  "camera's description of the vehicle (make, colour, body) when it gives one.",
                  "Not collected: names, faces, who drives or owns the vehicle, audio, or anything from inside the "
                  "vehicle."}});
  Section allowed{"Allowed uses", d.allowedUses};
  if (allowed.lines.empty()) allowed.lines.push_back("None.");
  out.push_back(std::move(allowed));
  Section prohibited{"Prohibited uses", d.prohibitedUses};
  if (prohibited.lines.empty()) prohibited.lines.push_back("None listed.");
  out.push_back(std::move(prohibited));
  return out;
}

std::string Title(const TransparencyData& d) {
  return (d.agency.empty() ? std::string("License plate reader") : d.agency + ": license plate reader") +
         " transparency report, " + Day(d.from) + " to " + Day(d.to - 1);
}

}  // namespace

const char* TransparencyFormatName(TransparencyFormat format) {
  switch (format) {
    case TransparencyFormat::Html:
      return "html";
    case TransparencyFormat::Csv:
      return "csv";
    case TransparencyFormat::Pdf:
      return "pdf";
  }
  return "html";
}

std::optional<TransparencyFormat> ParseTransparencyFormat(std::string_view name) {
  for (auto f : {TransparencyFormat::Html, TransparencyFormat::Csv, TransparencyFormat::Pdf})
    if (name == TransparencyFormatName(f)) return f;
  return std::nullopt;
}

Result<std::string> TransparencyHtml(const TransparencyData& d) {
  auto reads = report::ChartSvg(ReadsChart(d), 900, std::min(ReadsChartHeight(d), 7900));
  if (!reads) return reads.Err();
  auto purposes = report::ChartSvg(PurposeChart(d), 900, 300);
  if (!purposes) return purposes.Err();
  // The SVG documents go inline without their XML declaration.
  auto inlineSvg = [](const std::string& svg) {
    const auto at = svg.find("<svg");
    return at == std::string::npos ? svg : svg.substr(at);
  };
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Escape(Title(d)) +
      "</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#111}"
      "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}figure{margin:1em 0}svg{max-width:100%;height:auto}"
      "footer{color:#555;font-size:.9em;margin-top:2em}</style>\n</head>\n<body>\n<h1>" +
      Escape(Title(d)) + "</h1>\n<p>Generated " + Escape(Minute(d.generatedAt)) +
      " (times in UTC). This report counts how the system was used; it names no vehicle, person, user or "
      "case.</p>\n<figure>" +
      inlineSvg(*reads) +
      "<figcaption>Reads per camera per day (darker: more reads; columns are the days of the "
      "month).</figcaption></figure>\n<figure>" +
      inlineSvg(*purposes) + "<figcaption>Searches by purpose, run and refused.</figcaption></figure>\n";
  for (const auto& section : Sections(d)) {
    html += "<h2>" + Escape(section.title) + "</h2>\n<ul>\n";
    for (const auto& line : section.lines) html += "<li>" + Escape(line) + "</li>\n";
    html += "</ul>\n";
  }
  html +=
      "<footer>Published with a detached signature (.sig): check this file against the agency's published key "
      "with <code>platedesk-cli verify-report FILE --key KEYS</code>.</footer>\n</body>\n</html>\n";
  return html;
}

std::string TransparencyCsv(const TransparencyData& d) {
  std::string out = report::CsvLine({"section", "item", "day", "value"});
  auto row = [&](const std::string& section, const std::string& item, const std::string& day,
                 const std::string& value) {
    out += report::CsvLine({section, item, day, value});
  };
  row("period", "from", Day(d.from), "");
  row("period", "to (exclusive)", Day(d.to), "");
  row("reads", "total", "", std::to_string(d.totalReads));
  for (const auto& c : d.cameras) {
    row("camera reads", c.name, "", std::to_string(c.reads));
    if (c.firstRead) row("camera first read", c.name, "", FormatIso8601(*c.firstRead));
    if (c.lastRead) row("camera last read", c.name, "", FormatIso8601(*c.lastRead));
    for (std::size_t k = 0; k < c.perDay.size() && k < d.days.size(); ++k)
      if (c.perDay[k] > 0) row("camera reads per day", c.name, d.days[k], std::to_string(c.perDay[k]));
  }
  for (const auto& p : d.fixedPlaces)
    row("fixed camera location", p.name, Day(p.from) + (p.to ? " to " + Day(*p.to) : std::string(" to now")),
        Coordinates(p.latitude, p.longitude) + (p.address.empty() ? std::string() : " " + p.address));
  row("hot lists", "compared against", "", "none");
  for (const auto& c : d.searchesRun) row("searches run", c.name, "", std::to_string(c.count));
  for (const auto& c : d.searchesRefused) row("searches refused", c.name, "", std::to_string(c.count));
  row("users", "with access", "", std::to_string(d.usersWithAccess));
  row("users", "with current training", "", std::to_string(d.usersTrained));
  for (const auto& c : d.releasesByRecipientKind) row("releases", c.name, "", std::to_string(c.count));
  row("retention", "days", "", std::to_string(d.retentionDays));
  row("retention", "period", "", d.retention);
  row("retention", "audit log kept", "", d.auditRetention);
  for (const auto& [kind, period] : d.retentionByKind) row("retention", kind + " cameras", "", period);
  row("retention", "purges", "", std::to_string(d.purges));
  row("retention", "reads purged", "", std::to_string(d.readsPurged));
  row("retention", "reads held for cases", "", std::to_string(d.readsHeld));
  row("retention", "cases holding reads", "", std::to_string(d.casesHolding));
  for (const auto& k : d.holdsByKind) row("holds in force", k.name, "", std::to_string(k.count));
  for (const auto& u : d.allowedUses) row("allowed use", u, "", "");
  for (const auto& u : d.prohibitedUses) row("prohibited use", u, "", "");
  return out;
}

Result<std::string> TransparencyPdf(const TransparencyData& d) {
  report::TextPdf pdf;
  pdf.Line(Title(d), 15, true);
  pdf.Line("Generated " + Minute(d.generatedAt) +
           " (times in UTC). This report counts how the system was used; it names no vehicle, person, user or case.");
  pdf.Gap(6);
  pdf.AddChart(ReadsChart(d), ReadsChartHeight(d));
  pdf.AddChart(PurposeChart(d), 200);
  for (const auto& section : Sections(d)) {
    pdf.Gap(6);
    pdf.Line(section.title, 12, true);
    for (const auto& line : section.lines) pdf.Line(line, 9, false, 10);
  }
  return pdf.Finish();
}

Result<std::string> RenderTransparency(const TransparencyData& data, TransparencyFormat format) {
  switch (format) {
    case TransparencyFormat::Html:
      return TransparencyHtml(data);
    case TransparencyFormat::Csv:
      return TransparencyCsv(data);
    case TransparencyFormat::Pdf:
      return TransparencyPdf(data);
  }
  return TransparencyHtml(data);
}

std::string TransparencyStatement(const TransparencyData& data, TransparencyFormat format,
                                  const std::string& sha256Hex) {
  std::string t(audit::kStatementPrefix);
  t += "transparency-report\n";
  t += "period " + FormatIso8601(data.from) + " " + FormatIso8601(data.to) + "\n";
  t += "format ";
  t += TransparencyFormatName(format);
  t += "\nsha256 " + sha256Hex + "\n";
  return t;
}

bool StatementCoversFile(const std::string& statement, const std::string& sha256Hex) {
  const std::string head = std::string(audit::kStatementPrefix) + "transparency-report\n";
  return statement.rfind(head, 0) == 0 && statement.find("\nsha256 " + sha256Hex + "\n") != std::string::npos;
}

Result<ReportVerification> VerifyPublishedReport(const std::string& file, const std::string& signature,
                                                 const std::vector<std::string>& trustedKeys) {
  if (trustedKeys.empty())
    return Fail(ErrorCode::InvalidArgument, "give the agency's published key: without it anyone could have signed");
  std::vector<audit::NoteVerifier> keys;
  for (const auto& k : trustedKeys) {
    auto parsed = audit::ParseVerifierKey(k);
    if (!parsed) return Fail(ErrorCode::InvalidArgument, "not a verifier key", k.substr(0, 80));
    keys.push_back(*parsed);
  }
  ReportVerification out;
  auto note = audit::ParseSignedNote(signature);
  if (!note) {
    out.problem = "the signature file is not a signed note";
    return out;
  }
  out.statement = note->text;
  for (const auto& key : keys)
    if (audit::HasValidSignature(*note, key)) out.keyId = key.KeyIdHex();
  if (out.keyId.empty()) {
    out.problem = "no trusted key signed it (the signature was made with another key, or changed)";
    return out;
  }
  if (!StatementCoversFile(note->text, Sha256Hex(file))) {
    out.problem = "the signed statement is not about this file (the file was changed after it was signed)";
    return out;
  }
  out.valid = true;
  return out;
}

}  // namespace platedesk::oversight
