// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::Search / MultiScene (audited before and after, the index phase outside the facade lock)
// and EmbeddedSession::Cameras (the camera picker) and CameraHealthList.
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Log.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <cstdio>
#include <map>
#include <mutex>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}

// Every element of a query, as strings, for the audit record (REFERENCE §1: "the plate and other
// elements used"). Numbers as text: audit records carry no floats.
std::map<std::string, std::string> QueryElements(const search::Query& q) {
  std::map<std::string, std::string> m;
  m["plate"] = q.plate.value_or("");
  m["ocr_tolerant"] = q.ocrTolerant ? "yes" : "no";
  m["edits"] = std::to_string(q.maxEdits);
  m["alternative_reads"] = q.alternatives ? "yes" : "no";
  if (!q.states.empty()) m["states"] = Join(q.states);
  if (q.includeUnknownState) m["include_unknown_state"] = "yes";
  if (q.from) m["from"] = FormatIso8601(*q.from);
  if (q.to) m["to"] = FormatIso8601(*q.to);
  if (!q.cameras.empty()) {
    std::vector<std::string> c;
    for (auto id : q.cameras) c.push_back(std::to_string(id));
    m["cameras"] = Join(c);
  }
  if (q.near)
    m["near"] = Fmt(q.near->centre.latitude) + "," + Fmt(q.near->centre.longitude) + "," + Fmt(q.near->radiusKm) + "km";
  auto attr = [&](const char* name, const std::optional<search::AttributeFilter>& f) {
    if (f) m[name] = f->value + (f->minConfidence ? ">=" + Fmt(*f->minConfidence) : "");
  };
  attr("color", q.color);
  attr("make", q.make);
  attr("model", q.model);
  attr("body", q.body);
  if (q.minConfidence) m["min_confidence"] = Fmt(*q.minConfidence);
  if (q.direction) m["direction"] = Fmt(q.direction->fromDeg) + "-" + Fmt(q.direction->toDeg);
  return m;
}

// The multi-scene query's elements: the plate tolerance as a plain search records it, and each
// scene's place and time window.
std::map<std::string, std::string> SceneElements(const search::MultiSceneQuery& query) {
  std::map<std::string, std::string> q{{"kind", "multi-scene (broad search)"},
                                       {"min_scenes", std::to_string(query.minScenes)},
                                       {"scenes", std::to_string(query.scenes.size())}};
  if (query.plate) {
    search::Query tolerance;
    tolerance.plate = query.plate;
    tolerance.ocrTolerant = query.ocrTolerant;
    tolerance.maxEdits = query.maxEdits;
    tolerance.alternatives = query.alternatives;
    q.merge(QueryElements(tolerance));
  }
  for (std::size_t i = 0; i < query.scenes.size(); ++i) {
    const auto& sc = query.scenes[i];
    std::string where;
    for (auto c : sc.cameras) where += (where.empty() ? "cameras " : ",") + std::to_string(c);
    if (where.empty() && sc.near)
      where =
          Fmt(sc.near->centre.latitude) + "," + Fmt(sc.near->centre.longitude) + "," + Fmt(sc.near->radiusKm) + "km";
    q["scene" + std::to_string(i + 1)] = where + " " + FormatIso8601(sc.from) + "/" + FormatIso8601(sc.to);
  }
  return q;
}

// What search.result records of a result: its match count and the read ids it hashes.
struct Tally {
  std::uint64_t matches = 0;
  std::vector<store::ReadId> ids;
};

std::vector<store::ReadId> HitIds(const search::SearchResult& result) {
  std::vector<store::ReadId> ids;
  for (const auto& h : result.hits) ids.push_back(h.read);
  return ids;
}

// The audit bracket of every search. Called under `facadeLock` with the gate passed: records
// search.start with every query element; runs `work` on the index without the facade lock (the
// GUI thread may call the session meanwhile; onBatch, which streams the first page, runs there,
// after search.start is committed); then, locked again, records search.result with tally(result),
// or the failure. Returns with `facadeLock` held.
template <typename T, typename Work, typename TallyFn>
Result<T> AuditedSearch(Workstation::Impl& ws, std::unique_lock<std::recursive_mutex>& facadeLock,
                        const EmbeddedSession::State& s, const AccessContext& ctx,
                        const access::AccessDecision& decision, std::map<std::string, std::string> query,
                        std::stop_token stop, const ProgressFn& indexProgress, Work&& work, TallyFn&& tally) {
  AuditEvent start = detail::DataEvent(s, "search.start", ctx, decision);
  start.query = std::move(query);
  auto started = detail::Append(ws, start);
  if (!started) return started.Err();
  facadeLock.unlock();
  Result<T> found = [&]() -> Result<T> {
    auto snapshot = detail::SearchableIndex(ws, stop, indexProgress);
    if (!snapshot) return snapshot.Err();
    return work(**snapshot);
  }();
  facadeLock.lock();
  // Signed out or locked while the index phase ran (another thread): the results are not
  // delivered (fail closed), and the record says so.
  if (found && (s.ended || s.locked)) {
    found = Fail(s.ended ? ErrorCode::Unauthenticated : ErrorCode::Locked,
                 s.ended ? "the session ended during the search" : "the session was locked during the search");
  }
  Tally tallied;
  if (found) tallied = tally(*found);
  AuditEvent done{.event = "search.result",
                  .outcome = found ? Outcome::Success : Outcome::Failure,
                  .user = s.user.name,
                  .session = s.id,
                  .caseNumber = ctx.caseNumber,
                  .purposeCode = ctx.purposeCode,
                  .resultCount = tallied.matches,
                  .resultHash = detail::IdsDigest(tallied.ids),
                  .reason = found ? std::string() : found.Err().message};
  detail::NameSearchResult(done, started->seq, tallied.ids);
  PLATEDESK_TRY(detail::Record(ws, done));
  return found;
}

}  // namespace

Result<std::vector<store::Camera>> EmbeddedSession::Cameras() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::StorageOf(ws).Cameras();
}

Result<std::vector<store::CameraHealth>> EmbeddedSession::CameraHealthList(int hours) {
  auto& ws = *mOwner.mImpl;
  std::filesystem::path folder;
  {
    std::lock_guard facadeLock(detail::FacadeOf(ws));
    PLATEDESK_TRY(detail::CheckActive(ws, *mState));
    folder = detail::StorageOf(ws).Folder();
  }
  // Its own connection, as the host's `camera health` reads it (no facade lock for the scan).
  return Workstation::ReadCameraHealth(folder, detail::ClockOf(ws), hours);
}

Result<EmbeddedSession::SearchOutcome> EmbeddedSession::Search(const AccessContext& ctx, const search::Query& query,
                                                               const search::SearchOptions& options, bool withReads,
                                                               std::stop_token stop, const ProgressFn& progress) {
  auto& ws = *mOwner.mImpl;
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "search");
  if (!decision) return decision.Err();
  auto found = AuditedSearch<search::SearchResult>(
      ws, facadeLock, *mState, ctx, *decision, QueryElements(query), stop, progress,
      [&](const search::SearchIndex& index) { return index.Search(query, options, stop, progress); },
      [](const search::SearchResult& r) {
        return Tally{r.totalMatches, HitIds(r)};
      });
  if (!found) return found.Err();
  SearchOutcome out{std::move(*found), {}, {}};
  if (withReads) {
    auto reads = detail::StorageOf(ws).GetReads(HitIds(out.result));
    if (!reads) return reads.Err();
    out.reads = std::move(*reads);
  }
  if (query.from) {
    // Which chosen cameras were silent during part of the window (no plate data). The results are
    // already audited and delivered; a failure here costs only the note, so it is logged.
    const UtcMs to = query.to.value_or(detail::ClockOf(ws).Now());
    if (to >= *query.from) {
      auto offline = detail::StorageOf(ws).OfflinePeriods(query.cameras, *query.from, to);
      if (offline) {
        if (offline->size() > kMaxOfflineCameraNotes) offline->resize(kMaxOfflineCameraNotes);
        out.offlineCameras = std::move(*offline);
      } else {
        Log(LogLevel::Warning, "search: offline cameras not listed: " + offline.Err().ToString());
      }
    }
  }
  return out;
}

Result<std::vector<search::SceneVehicle>> EmbeddedSession::MultiScene(const AccessContext& ctx,
                                                                      const search::MultiSceneQuery& query,
                                                                      std::stop_token stop) {
  auto& ws = *mOwner.mImpl;
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "search");
  if (!decision) return decision.Err();
  if (mState->user.role != Role::Supervisor) {
    AuditEvent e{.event = "search.refused",
                 .outcome = Outcome::Refused,
                 .user = mState->user.name,
                 .session = mState->id,
                 .caseNumber = ctx.caseNumber,
                 .purposeCode = ctx.purposeCode,
                 .justification = ctx.justification,
                 .reason = "multi-scene search is a broad search: supervisors only until approvals exist"};
    PLATEDESK_TRY(detail::Record(ws, e));
    return Fail(ErrorCode::PermissionDenied, e.reason);
  }
  using Vehicles = std::vector<search::SceneVehicle>;
  return AuditedSearch<Vehicles>(
      ws, facadeLock, *mState, ctx, *decision, SceneElements(query), stop, {},
      [&](const search::SearchIndex& index) { return index.MultiScene(query, 70, stop); },
      [](const Vehicles& vehicles) {
        Tally t{vehicles.size(), {}};
        for (const auto& v : vehicles)
          for (const auto& [scene, hit] : v.sightings) t.ids.push_back(hit.read);
        return t;
      });
}

}  // namespace platedesk::workstation
