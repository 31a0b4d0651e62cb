// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::Search / MultiScene (audited before and after, the index phase outside the facade lock)
// and EmbeddedSession::Cameras (the camera picker) and CameraHealthList.
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Log.h"
#include "platedesk/search/QueryText.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <cstdio>
#include <map>
#include <mutex>
#include <type_traits>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;

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
// or the failure. A search result of more than `withheldAbove` matches (0: no limit; the engine
// then ranked and delivered nothing) is recorded as refused with its count and fails with
// ErrorDetail::ApprovalNeeded. Returns with `facadeLock` held.
template <typename T, typename Work, typename TallyFn>
Result<T> AuditedSearch(Workstation::Impl& ws, std::unique_lock<std::recursive_mutex>& facadeLock,
                        const EmbeddedSession::State& s, const AccessContext& ctx,
                        const access::AccessDecision& decision, std::map<std::string, std::string> query,
                        std::size_t withheldAbove, std::stop_token stop, const ProgressFn& indexProgress, Work&& work,
                        TallyFn&& tally) {
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
  std::string withheld;
  if constexpr (std::is_same_v<T, search::SearchResult>) {
    if (found && withheldAbove != 0 && found->totalMatches > withheldAbove) {
      withheld = "the search matched " + std::to_string(found->totalMatches) + " reads, more than the agency's ";
      withheld += std::to_string(withheldAbove);
      withheld += " without a supervisor's approval, so nothing was shown: narrow it, or request approval for it";
    }
  }
  AuditEvent done{.event = "search.result",
                  .outcome = !withheld.empty() ? Outcome::Refused
                             : found           ? Outcome::Success
                                               : Outcome::Failure,
                  .user = s.user.name,
                  .session = s.id,
                  .caseNumber = ctx.caseNumber,
                  .purposeCode = ctx.purposeCode,
                  .resultCount = tallied.matches,
                  .resultHash = detail::IdsDigest(tallied.ids),
                  .reason = !withheld.empty() ? withheld
                            : found           ? std::string()
                                              : found.Err().message};
  detail::NameSearchResult(done, started->seq, tallied.ids);
  PLATEDESK_TRY(detail::Record(ws, done));
  if (!withheld.empty()) return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded, withheld);
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
  auto rules = detail::ApprovalRulesOf(ws);
  if (!rules) return rules.Err();
  // There is no unlimited search: 0 asks for the agency's cap, more than the cap needs approval.
  search::SearchOptions run = options;
  if (run.limit == 0) run.limit = rules->limitCap;
  auto elements = detail::SearchElements(query, run.limit);
  if (decision->approval) {
    // The exact query approved, nothing broader: its limit and count rules were the approver's.
    if (auto same = detail::CheckApprovedQuery(*decision->approval, "search", elements); !same)
      return detail::RefuseAccess(ws, *mState, ctx, "search", same.Err());
  } else {
    auto reasons = detail::BreadthReasons(ws, query, run.limit, *rules);
    if (!reasons) return reasons.Err();
    if (!reasons->empty()) {
      std::string why = "this search needs a supervisor's approval: ";
      for (std::size_t i = 0; i < reasons->size(); ++i) why += (i == 0 ? "" : "; ") + (*reasons)[i];
      return detail::RefuseAccess(ws, *mState, ctx, "search",
                                  Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded, why));
    }
    run.maxMatches = static_cast<std::size_t>(rules->resultReads);
  }
  auto found = AuditedSearch<search::SearchResult>(
      ws, facadeLock, *mState, ctx, *decision, std::move(elements), run.maxMatches, stop, progress,
      [&](const search::SearchIndex& index) { return index.Search(query, run, stop, progress); },
      [](const search::SearchResult& r) {
        return Tally{r.totalMatches, HitIds(r)};
      });
  if (!found) return found.Err();
  // Its rows, for a saved result list (SaveResults takes only rows a search delivered).
  State::Delivered delivered{ctx, search::QueryElements(query), HitIds(*found)};
  std::sort(delivered.reads.begin(), delivered.reads.end());
  mState->delivered.push_back(std::move(delivered));
  if (mState->delivered.size() > kDeliveredSearchesKept) mState->delivered.erase(mState->delivered.begin());
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
  auto elements = detail::SceneElements(query);
  if (!decision->approval)
    return detail::RefuseAccess(
        ws, *mState, ctx, "search",
        Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNeeded,
             "a multi-scene search is a broad search: it needs a supervisor's approval for the exact query"));
  if (auto same = detail::CheckApprovedQuery(*decision->approval, "multi-scene", elements); !same)
    return detail::RefuseAccess(ws, *mState, ctx, "search", same.Err());
  using Vehicles = std::vector<search::SceneVehicle>;
  return AuditedSearch<Vehicles>(
      ws, facadeLock, *mState, ctx, *decision, std::move(elements), 0, stop, {},
      [&](const search::SearchIndex& index) { return index.MultiScene(query, 70, stop); },
      [](const Vehicles& vehicles) {
        Tally t{vehicles.size(), {}};
        for (const auto& v : vehicles)
          for (const auto& [scene, hit] : v.sightings) t.ids.push_back(hit.read);
        return t;
      });
}

}  // namespace platedesk::workstation
