// SPDX-License-Identifier: GPL-3.0-or-later
// Session::SaveResults: a result list written to a file is plate data leaving PlateDesk's keeping,
// so it passes the same gate as the search and is recorded (results.saved: the query's elements,
// the reads, the format and the file's SHA-256) before the bytes are handed over.
#include "SessionInternal.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/report/Csv.h"
#include "platedesk/report/TextPdf.h"
#include "platedesk/search/QueryText.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/ResultsFileName.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

namespace platedesk::workstation {

std::string ResultsFileName(std::string_view caseNumber, std::string_view format) {
  std::string name = "platedesk-results-";
  for (char c : caseNumber) name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
  name += '.';
  name += format;
  return name;
}

namespace {

using audit::AuditEvent;

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A column of the PDF's table: `width` characters (UTF-8 sequences count as one), cut with an
// ellipsis when longer, then one space.
std::string Cell(const std::string& text, std::size_t width) {
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    chars.push_back(text.substr(i, n));
    i += n;
  }
  if (chars.size() > width) {
    chars.resize(width - 1);
    chars.emplace_back("\u2026");
  }
  std::string out;
  for (const auto& c : chars) out += c;
  out.append(width - chars.size() + 1, ' ');
  return out;
}

// The rows as a PDF to print: what was searched, under which case, by whom and when, then one
// line per read; low-confidence reads marked for visual verification.
Result<std::string> ResultsPdf(const std::vector<std::vector<std::string>>& rows, const AccessContext& ctx,
                               const std::map<std::string, std::string>& elements, const UserInfo& user, UtcMs now,
                               const std::string& agency) {
  report::TextPdf pdf(/*landscape=*/true);
  pdf.Line("PlateDesk search results" + (agency.empty() ? std::string() : " \u2014 " + agency), 14, true);
  pdf.Gap(4);
  pdf.Line("Case " + ctx.caseNumber + ", purpose " + ctx.purposeCode + ": " + ctx.justification, 9);
  std::string query;
  for (const auto& [key, value] : elements) {
    if (!query.empty()) query += "; ";
    query.append(key).append(" = ").append(value);
  }
  pdf.Line("Search: " + query, 9);
  pdf.Line("Saved by " + user.displayName + " (" + user.name + ") at " + FormatIso8601(now) + "; " +
               std::to_string(rows.size()) + (rows.size() == 1 ? " read" : " reads") +
               ". The save is recorded in the audit log (results.saved) with this file's SHA-256.",
           9);
  pdf.Line("Reads marked LOW were read with low confidence: verify the images before acting on them.", 9, true);
  pdf.Gap(8);
  static constexpr std::size_t kWidths[] = {9, 19, 32, 10, 5, 6, 4, 10, 12, 12, 13};
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < std::size(kWidths); ++i) text += Cell(cells[i], kWidths[i]);
    pdf.Line(text, 7.5, false, 0, /*mono=*/true);
  };
  line({"read", "time (UTC)", "camera", "plate", "state", "conf.", "low", "colour", "make", "model", "body"});
  for (const auto& row : rows) line(row);
  return pdf.Finish();
}

}  // namespace

Result<SavedResults> EmbeddedSession::SaveResults(const AccessContext& ctx, const search::Query& query,
                                                  std::span<const store::ReadId> reads, const std::string& format) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "save results");
  if (!decision) return decision.Err();
  if (format != "csv" && format != "pdf")
    return Fail(ErrorCode::InvalidArgument, "results are saved as csv or pdf", format);
  std::vector<store::ReadId> ids;
  std::set<store::ReadId> seen;
  for (auto id : reads)
    if (seen.insert(id).second) ids.push_back(id);
  if (ids.empty()) return Fail(ErrorCode::InvalidArgument, "no results to save");
  if (format == "pdf" && ids.size() > kMaxPrintedResults)
    return Fail(ErrorCode::InvalidArgument,
                "a PDF holds at most " + std::to_string(kMaxPrintedResults) + " reads; save these as CSV",
                std::to_string(ids.size()));
  if (ids.size() > kMaxSavedResults)
    return Fail(ErrorCode::InvalidArgument, "at most " + std::to_string(kMaxSavedResults) + " reads in one file",
                std::to_string(ids.size()));
  // Only rows a search of this session delivered under this context and this query: the save
  // inherits that search's rules (its approval, its breadth and count limits) and names it.
  const auto elements = search::QueryElements(query);
  const auto ran = std::find_if(mState->delivered.rbegin(), mState->delivered.rend(), [&](const State::Delivered& d) {
    return d.context == ctx && d.query == elements && std::all_of(ids.begin(), ids.end(), [&](store::ReadId id) {
             return std::binary_search(d.reads.begin(), d.reads.end(), id);
           });
  });
  if (ran == mState->delivered.rend())
    return detail::RefuseAccess(
        ws, *mState, ctx, "save results",
        Fail(ErrorCode::PermissionDenied,
             "only the rows of a search you ran in this session, under this case, purpose and justification, can be "
             "saved: run the search again"));
  auto& storage = detail::StorageOf(ws);
  auto found = storage.GetReads(ids);
  if (!found) return found.Err();
  std::map<store::ReadId, const store::Read*> byId;
  for (const auto& r : *found) byId[r.id] = &r;
  auto cameras = storage.Cameras();
  if (!cameras) return cameras.Err();
  std::map<store::CameraId, std::string> cameraNames;
  for (const auto& c : *cameras) cameraNames[c.id] = CameraName(c);

  // The file first (in memory), so its digest is in the record; nothing leaves before the record.
  SavedResults saved;
  saved.reads = ids.size();
  saved.fileName = ResultsFileName(ctx.caseNumber, format);
  const double lowBelow = search::SearchOptions{}.lowConfidenceBelow;
  std::vector<std::vector<std::string>> rows;
  rows.reserve(ids.size());
  for (auto id : ids) {
    const auto it = byId.find(id);
    if (it == byId.end()) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
    const store::Read& r = *it->second;
    rows.push_back({std::to_string(r.id), FormatIso8601(r.capturedAt), cameraNames[r.camera], r.plate, r.state,
                    OneDecimal(r.confidence), r.confidence < lowBelow ? "yes" : "no", store::TopValue(r.vehicle.color),
                    store::TopValue(r.vehicle.make), store::TopValue(r.vehicle.model), store::TopValue(r.vehicle.body),
                    ctx.caseNumber});
  }
  if (format == "csv") {
    saved.bytes = report::CsvLine({"read_id", "time_utc", "camera", "plate", "state", "confidence", "low_confidence",
                                   "color", "make", "model", "body", "case"});
    for (const auto& row : rows) saved.bytes += report::CsvLine(row);
  } else {
    for (auto& row : rows) {
      row[1] = row[1].substr(0, 19);  // "2026-11-24T07:58:03": to the second, as people read it
      row[1][10] = ' ';
      row[6] = row[6] == "yes" ? "LOW" : "";
    }
    auto agency = storage.GetSetting("agency");
    if (!agency) return agency.Err();
    auto pdf = ResultsPdf(rows, ctx, elements, mState->user, detail::ClockOf(ws).Now(), agency->value_or(""));
    if (!pdf) return pdf.Err();
    saved.bytes = std::move(*pdf);
  }
  AuditEvent e = detail::DataEvent(*mState, "results.saved", ctx, *decision);
  e.query = elements;
  e.objects.reserve(ids.size());
  for (auto id : ids) e.objects.push_back("read:" + std::to_string(id));
  e.resultCount = ids.size();
  e.resultHash = detail::IdsDigest(ids);
  e.detailsJson = detail::MergedDetails(
      e.detailsJson, detail::DetailsJson({{"format", format}, {"file_sha256", Sha256Hex(saved.bytes)}}));
  PLATEDESK_TRY(detail::Record(ws, e));
  return saved;
}

std::string SavedResultsFormat(const std::filesystem::path& file) {
  return ToLowerAscii(file.extension().string()) == ".pdf" ? "pdf" : "csv";
}

Result<std::filesystem::path> WriteSavedResults(const SavedResults& saved, const std::filesystem::path& file) {
  PLATEDESK_TRY(WriteFileExclusive(file, saved.bytes, /*ownerOnly=*/true));
  return file;
}

}  // namespace platedesk::workstation
