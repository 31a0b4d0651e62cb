// SPDX-License-Identifier: GPL-3.0-or-later
// Session::SaveResults: a result list written to a file is plate data leaving PlateDesk's keeping,
// so it passes the same gate as the search and is recorded (results.saved: the query's elements,
// the reads, the format and the file's SHA-256) before the bytes are handed over.
#include "SessionInternal.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/report/Csv.h"
#include "platedesk/search/QueryText.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;

std::string Top(const std::vector<store::RankedValue>& values) { return values.empty() ? "" : values.front().value; }

std::string OneDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

Result<SavedResults> EmbeddedSession::SaveResults(const AccessContext& ctx, const search::Query& query,
                                                  std::span<const store::ReadId> reads, const std::string& format) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "save results");
  if (!decision) return decision.Err();
  if (format != "csv") return Fail(ErrorCode::InvalidArgument, "results are saved as csv", format);
  std::vector<store::ReadId> ids;
  std::set<store::ReadId> seen;
  for (auto id : reads)
    if (seen.insert(id).second) ids.push_back(id);
  if (ids.empty()) return Fail(ErrorCode::InvalidArgument, "no results to save");
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
  std::string caseForName = ctx.caseNumber;  // an agency's format may hold characters a file name may not
  for (char& c : caseForName)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
  saved.fileName = "platedesk-results-" + caseForName + ".csv";
  saved.bytes = report::CsvLine({"read_id", "time_utc", "camera", "plate", "state", "confidence", "low_confidence",
                                 "color", "make", "model", "body", "case"});
  const double lowBelow = search::SearchOptions{}.lowConfidenceBelow;
  for (auto id : ids) {
    const auto it = byId.find(id);
    if (it == byId.end()) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
    const store::Read& r = *it->second;
    saved.bytes +=
        report::CsvLine({std::to_string(r.id), FormatIso8601(r.capturedAt), cameraNames[r.camera], r.plate, r.state,
                         OneDecimal(r.confidence), r.confidence < lowBelow ? "yes" : "no", Top(r.vehicle.color),
                         Top(r.vehicle.make), Top(r.vehicle.model), Top(r.vehicle.body), ctx.caseNumber});
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

Result<std::filesystem::path> WriteSavedResults(const SavedResults& saved, const std::filesystem::path& file) {
  PLATEDESK_TRY(WriteFileExclusive(file, saved.bytes, /*ownerOnly=*/true));
  return file;
}

}  // namespace platedesk::workstation
