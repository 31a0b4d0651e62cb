// SPDX-License-Identifier: GPL-3.0-or-later
// Session::Search / MultiScene (audited before and after, the index phase outside the facade lock)
// and Session::Cameras (the camera picker).
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
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
  if (q.near) m["near"] = Fmt(q.near->centre.latitude) + "," + Fmt(q.near->centre.longitude) + "," + Fmt(q.near->radiusKm) + "km";
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
      where = Fmt(sc.near->centre.latitude) + "," + Fmt(sc.near->centre.longitude) + "," + Fmt(sc.near->radiusKm) + "km";
    q["scene" + std::to_string(i + 1)] = where + " " + FormatIso8601(sc.from) + "/" + FormatIso8601(sc.to);
  }
  return q;
}

}  // namespace

Result<std::vector<store::Camera>> Session::Cameras() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::StorageOf(ws).Cameras();
}

Result<Session::SearchOutcome> Session::Search(const AccessContext& ctx, const search::Query& query,
                                               const search::SearchOptions& options, bool withReads, std::stop_token stop,
                                               const ProgressFn& progress) {
  auto& ws = *mOwner.mImpl;
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "search");
  if (!decision) return decision.Err();
  AuditEvent start{.event = "search.start", .outcome = Outcome::Success, .user = mState->user.name,
                   .session = mState->id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                   .purposeText = decision->purpose.label, .justification = ctx.justification,
                   .query = QueryElements(query), .reason = decision->reviewReason};
  PLATEDESK_TRY(detail::Record(ws, start));
  // The index phase runs without the facade lock (see Workstation::Impl): the GUI thread may call
  // the session meanwhile; onBatch (which streams the first page) runs here, after search.start.
  facadeLock.unlock();
  Result<search::SearchResult> found = [&]() -> Result<search::SearchResult> {
    std::lock_guard indexLock(detail::IndexMutexOf(ws));
    auto index = detail::LoadedIndex(ws, stop, progress);
    if (!index) return index.Err();
    return (*index)->Search(query, options, stop, progress);
  }();
  facadeLock.lock();
  // Signed out or locked while the index phase ran (another thread): the results are not
  // delivered (fail closed), and the record says so.
  if (found && (mState->ended || mState->locked)) {
    found = Fail(mState->ended ? ErrorCode::Unauthenticated : ErrorCode::Locked,
                 mState->ended ? "the session ended during the search" : "the session was locked during the search");
  }
  AuditEvent done{.event = "search.result", .outcome = found ? Outcome::Success : Outcome::Failure,
                  .user = mState->user.name, .session = mState->id, .caseNumber = ctx.caseNumber,
                  .purposeCode = ctx.purposeCode};
  std::vector<store::ReadId> ids;
  if (found) {
    for (const auto& h : found->hits) ids.push_back(h.read);
    done.resultCount = found->totalMatches;
  } else {
    done.resultCount = 0;
    done.reason = found.Err().message;
  }
  done.resultHash = detail::IdsDigest(ids);
  PLATEDESK_TRY(detail::Record(ws, done));
  if (!found) return found.Err();
  SearchOutcome out{std::move(*found), {}};
  if (withReads) {
    auto reads = detail::StorageOf(ws).GetReads(ids);
    if (!reads) return reads.Err();
    out.reads = std::move(*reads);
  }
  return out;
}

Result<std::vector<search::SceneVehicle>> Session::MultiScene(const AccessContext& ctx, const search::MultiSceneQuery& query,
                                                              std::stop_token stop) {
  auto& ws = *mOwner.mImpl;
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "search");
  if (!decision) return decision.Err();
  if (mState->user.role != Role::Supervisor) {
    AuditEvent e{.event = "search.refused", .outcome = Outcome::Refused, .user = mState->user.name,
                 .session = mState->id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                 .justification = ctx.justification,
                 .reason = "multi-scene search is a broad search: supervisors only until approvals exist"};
    PLATEDESK_TRY(detail::Record(ws, e));
    return Fail(ErrorCode::PermissionDenied, e.reason);
  }
  AuditEvent start{.event = "search.start", .outcome = Outcome::Success, .user = mState->user.name,
                   .session = mState->id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                   .purposeText = decision->purpose.label, .justification = ctx.justification,
                   .query = SceneElements(query), .reason = decision->reviewReason};
  PLATEDESK_TRY(detail::Record(ws, start));
  facadeLock.unlock();
  Result<std::vector<search::SceneVehicle>> found = [&]() -> Result<std::vector<search::SceneVehicle>> {
    std::lock_guard indexLock(detail::IndexMutexOf(ws));
    auto index = detail::LoadedIndex(ws, stop, {});
    if (!index) return index.Err();
    return (*index)->MultiScene(query, 70, stop);
  }();
  facadeLock.lock();
  if (found && (mState->ended || mState->locked)) {
    found = Fail(mState->ended ? ErrorCode::Unauthenticated : ErrorCode::Locked,
                 mState->ended ? "the session ended during the search" : "the session was locked during the search");
  }
  std::vector<store::ReadId> ids;
  if (found)
    for (const auto& v : *found)
      for (const auto& [scene, hit] : v.sightings) ids.push_back(hit.read);
  AuditEvent done{.event = "search.result", .outcome = found ? Outcome::Success : Outcome::Failure,
                  .user = mState->user.name, .session = mState->id, .caseNumber = ctx.caseNumber,
                  .purposeCode = ctx.purposeCode, .resultCount = found ? found->size() : 0,
                  .resultHash = detail::IdsDigest(ids), .reason = found ? std::string() : found.Err().message};
  PLATEDESK_TRY(detail::Record(ws, done));
  return found;
}

}  // namespace platedesk::workstation
