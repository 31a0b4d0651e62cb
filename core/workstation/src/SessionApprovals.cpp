// SPDX-License-Identifier: GPL-3.0-or-later
// Session's approval queue: a user asks a supervisor to approve one exact search; another
// supervisor approves it for a limited time or denies it with a reason; the search then runs
// under the approval (SessionSearch.cpp checks it is the query approved). Every step is an audit
// record (approval.request, approval.decision, approval.refused) written before it is stored.
#include "SessionInternal.h"

#include "platedesk/common/Text.h"
#include "platedesk/search/PlatePattern.h"
#include "platedesk/search/QueryText.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using Json = nlohmann::json;
using store::ApprovalState;
using store::Role;
using store::SearchApproval;

constexpr int kMaxApprovalHours = 168;

std::string ApprovalObject(std::int64_t id) { return "approval:" + std::to_string(id); }

bool SeesEveryRequest(Role r) { return r == Role::Supervisor || r == Role::Auditor; }

Result<SearchApproval> Load(store::Storage& storage, std::int64_t id, UtcMs now) {
  store::ApprovalFilter filter;
  filter.id = id;
  auto list = storage.Approvals(filter, now);
  if (!list) return list.Err();
  if (list->empty()) return Fail(ErrorCode::NotFound, "no such approval request", std::to_string(id));
  return std::move(list->front());
}

// How many reads the user's own search with these elements, case and purpose matched when it was
// withheld for the result-count rule in the last 24 hours (its search.result record), if it was.
Result<std::optional<std::uint64_t>> WithheldCount(Workstation::Impl& ws, const EmbeddedSession::State& s,
                                                   const AccessContext& ctx,
                                                   const std::map<std::string, std::string>& elements) {
  audit::RecordFilter filter;
  filter.user = detail::UserOf(s).name;
  filter.from = detail::ClockOf(ws).Now() - kMsPerDay;
  filter.eventType = "search.*";
  auto records = detail::AuditOf(ws).List(filter);
  if (!records) return records.Err();
  std::map<std::uint64_t, const audit::StoredRecord*> bySeq;
  for (const auto& r : *records) bySeq[r.seq] = &r;
  for (auto it = records->rbegin(); it != records->rend(); ++it) {
    if (it->event != "search.result" || it->outcome != "refused" || it->pruned) continue;
    const Json result = Json::parse(it->canonical, nullptr, false);
    if (!result.is_object() || !result.contains("details") || !result["details"].is_object()) continue;
    const Json& details = result["details"];
    std::uint64_t startSeq = 0;
    if (!details.contains("search_seq") || !details["search_seq"].is_string()) continue;
    const std::string seqText = details["search_seq"].get<std::string>();
    const auto [end, ec] = std::from_chars(seqText.data(), seqText.data() + seqText.size(), startSeq);
    if (ec != std::errc() || end != seqText.data() + seqText.size()) continue;
    auto start = bySeq.find(startSeq);
    if (start == bySeq.end() || start->second->caseNumber != ctx.caseNumber ||
        start->second->purposeCode != ctx.purposeCode)
      continue;
    const Json started = Json::parse(start->second->canonical, nullptr, false);
    if (!started.is_object() || !started.contains("query") || !started["query"].is_object()) continue;
    std::map<std::string, std::string> query;
    for (auto q = started["query"].begin(); q != started["query"].end(); ++q)
      if (q->is_string()) query[q.key()] = q->get<std::string>();
    if (query != elements) continue;
    if (result.contains("result_count") && result["result_count"].is_number_unsigned())
      return std::optional<std::uint64_t>(result["result_count"].get<std::uint64_t>());
  }
  return std::optional<std::uint64_t>();
}

}  // namespace

Result<oversight::ApprovalRules> detail::ApprovalRulesOf(Workstation::Impl& ws) {
  auto& storage = StorageOf(ws);
  return oversight::ApprovalRulesFrom([&](std::string_view key) { return storage.GetSetting(key); });
}

Status detail::CheckApprovalSetting(std::string_view key, const std::string& value) {
  auto parsed = oversight::ApprovalRulesFrom([&](std::string_view k) -> Result<std::optional<std::string>> {
    return k == key ? std::optional<std::string>(value) : std::nullopt;
  });
  if (!parsed) return Fail(ErrorCode::InvalidArgument, parsed.Err().message, parsed.Err().context);
  return {};
}

std::map<std::string, std::string> detail::SearchElements(const search::Query& query, std::size_t limit) {
  auto elements = search::QueryElements(query);
  elements["limit"] = std::to_string(limit);
  return elements;
}

std::map<std::string, std::string> detail::SceneElements(const search::MultiSceneQuery& query) {
  std::map<std::string, std::string> q{{"kind", "multi-scene (broad search)"},
                                       {"min_scenes", std::to_string(query.minScenes)},
                                       {"scenes", std::to_string(query.scenes.size())}};
  if (query.plate) {
    search::Query tolerance;
    tolerance.plate = query.plate;
    tolerance.ocrTolerant = query.ocrTolerant;
    tolerance.maxEdits = query.maxEdits;
    tolerance.alternatives = query.alternatives;
    q.merge(search::QueryElements(tolerance));
  }
  for (std::size_t i = 0; i < query.scenes.size(); ++i) {
    const auto& sc = query.scenes[i];
    std::string where;
    for (auto c : sc.cameras) {
      where += where.empty() ? "cameras " : ",";
      where += std::to_string(c);
    }
    if (where.empty() && sc.near) {
      search::Query circle;  // the place written as a plain search's "near" element
      circle.near = sc.near;
      where = search::QueryElements(circle).at("near");
    }
    where += ' ';
    where += FormatIso8601(sc.from);
    where += '/';
    where += FormatIso8601(sc.to);
    q["scene" + std::to_string(i + 1)] = where;
  }
  return q;
}

Result<std::vector<std::string>> detail::BreadthReasons(Workstation::Impl& ws, const search::Query& query,
                                                        std::size_t limit, const oversight::ApprovalRules& rules) {
  oversight::SearchBreadth breadth;
  if (query.plate && !query.plate->empty()) {
    // A pattern that does not parse needs no approval: the engine refuses it, naming the position.
    if (!search::PlatePattern::Parse(*query.plate)) return std::vector<std::string>();
    breadth.plate = query.plate;
  }
  if (query.from) breadth.window = query.to.value_or(ClockOf(ws).Now()) - *query.from;
  breadth.limit = limit;
  breadth.cameras = query.cameras.size();
  if (!breadth.plate && query.cameras.empty()) {
    // Every camera, or those that ever stood inside the circle.
    auto cameras = StorageOf(ws).Cameras();
    if (!cameras) return cameras.Err();
    breadth.cameras = 0;
    for (const auto& camera : *cameras) {
      bool inside = !query.near;
      for (const auto& at : camera.locations)
        if (query.near && search::DistanceKm(query.near->centre, {at.latitude, at.longitude}) <= query.near->radiusKm)
          inside = true;
      breadth.cameras += inside ? 1 : 0;
    }
  }
  return oversight::ApprovalReasons(breadth, rules);
}

namespace {

// "plate: 7AB* approved, 7AC* asked; limit: ..." for the elements that differ.
std::string ElementDifferences(const std::map<std::string, std::string>& approved,
                               const std::map<std::string, std::string>& asked) {
  std::map<std::string, std::pair<std::string, std::string>> both;
  for (const auto& [k, v] : approved) both[k].first = v;
  for (const auto& [k, v] : asked) both[k].second = v;
  std::string out;
  for (const auto& [k, v] : both) {
    if (v.first == v.second) continue;
    if (!out.empty()) out += "; ";
    out += k + ": " + (v.first.empty() ? std::string("none") : v.first) + " approved, " +
           (v.second.empty() ? std::string("none") : v.second) + " asked";
  }
  return out;
}

}  // namespace

Status detail::CheckApprovedQuery(const store::SearchApproval& approved, const std::string& kind,
                                  const std::map<std::string, std::string>& asked) {
  if (approved.kind == kind && approved.query == asked) return {};
  std::string why = "approval " + std::to_string(approved.id) + " is for another query (";
  why += approved.kind != kind ? std::string(approved.kind == "multi-scene" ? "a multi-scene search" : "a plain search")
                               : ElementDifferences(approved.query, asked);
  why += "); run the query approved or request approval for this one";
  return Fail(ErrorCode::PermissionDenied, ErrorDetail::ApprovalNotApplicable, why);
}

Result<oversight::ApprovalRules> EmbeddedSession::ApprovalPolicy() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::ApprovalRulesOf(ws);
}

Result<MapSettings> EmbeddedSession::MapSource() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  auto tiles = storage.GetSetting(kMapTilesSetting);
  if (!tiles) return tiles.Err();
  auto attribution = storage.GetSetting(kMapAttributionSetting);
  if (!attribution) return attribution.Err();
  return MapSettings{tiles->value_or(""), attribution->value_or("")};
}

Result<SearchApproval> EmbeddedSession::RequestApproval(const AccessContext& ctx, const ApprovalSubject& subject) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  if (ctx.approval != 0)
    return Fail(ErrorCode::InvalidArgument, "a request for approval does not run under another approval");
  if (subject.search.has_value() == subject.multiScene.has_value())
    return Fail(ErrorCode::InvalidArgument, "name the one search to approve: a search or a multi-scene search");
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "approval");
  if (!decision) return decision.Err();
  auto rules = detail::ApprovalRulesOf(ws);
  if (!rules) return rules.Err();

  SearchApproval a;
  a.requestedBy = mState->user.name;
  a.caseNumber = ctx.caseNumber;
  a.purposeCode = ctx.purposeCode;
  a.justification = Trim(ctx.justification);
  if (decision->purpose.needsApproval)
    a.reasons.push_back("the purpose " + decision->purpose.label + " needs a supervisor's approval");
  if (subject.search) {
    a.kind = "search";
    const std::size_t limit = subject.limit == 0 ? rules->limitCap : subject.limit;
    a.query = detail::SearchElements(*subject.search, limit);
    auto breadth = detail::BreadthReasons(ws, *subject.search, limit, *rules);
    if (!breadth) return breadth.Err();
    a.reasons.insert(a.reasons.end(), breadth->begin(), breadth->end());
    auto withheld = WithheldCount(ws, *mState, ctx, a.query);
    if (!withheld) return withheld.Err();
    if (*withheld)
      a.reasons.push_back("the search matched " + std::to_string(**withheld) + " reads (more than the agency's " +
                          std::to_string(rules->resultReads) + ")");
  } else {
    a.kind = "multi-scene";
    a.query = detail::SceneElements(*subject.multiScene);
    a.reasons.push_back("a multi-scene search is a broad search");
  }
  if (a.reasons.empty())
    return Fail(ErrorCode::InvalidArgument, "this search needs no approval: run it (a search that matches more than " +
                                                std::to_string(rules->resultReads) +
                                                " reads asks for one when it runs)");
  if (decision->flaggedForReview) a.reasons.push_back("note: " + decision->reviewReason);

  AuditEvent e = detail::DataEvent(*mState, "approval.request", ctx, *decision);
  e.query = a.query;
  e.detailsJson = Json{{"kind", a.kind}, {"reasons", a.reasons}}.dump();
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  a.requestedAt = appended->time;
  a.auditSeq = appended->seq;
  auto id = detail::StorageOf(ws).AddApproval(a);
  if (!id) return id.Err();
  a.id = *id;
  a.state = ApprovalState::Pending;
  return a;
}

Result<std::vector<SearchApproval>> EmbeddedSession::Approvals(const store::ApprovalFilter& filter) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  store::ApprovalFilter scoped = filter;
  if (!SeesEveryRequest(mState->user.role)) scoped.requestedBy = mState->user.name;
  auto list = detail::StorageOf(ws).Approvals(scoped, detail::ClockOf(ws).Now());
  if (!list) return list.Err();
  Json details{{"what", "approval requests"}, {"count", list->size()}};
  if (!scoped.requestedBy.empty()) details["requested_by"] = scoped.requestedBy;
  if (scoped.state) details["state"] = std::string(store::ApprovalStateName(*scoped.state));
  if (scoped.id) details["id"] = *scoped.id;
  PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "audit.review", {}, details.dump())));
  return list;
}

Result<SearchApproval> EmbeddedSession::DecideApproval(std::int64_t approval, bool approve, const std::string& reason,
                                                       int hours) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, mState->user.role == Role::Supervisor,
                                  "deciding approval requests is for supervisors"));
  if (hours < 0 || hours > kMaxApprovalHours)
    return Fail(ErrorCode::InvalidArgument, "an approval lasts 1 to 168 hours", std::to_string(hours));
  const std::string why = Trim(reason);
  if (!approve && why.empty()) return Fail(ErrorCode::InvalidArgument, "say why the request is denied");
  auto rules = detail::ApprovalRulesOf(ws);
  if (!rules) return rules.Err();
  auto& storage = detail::StorageOf(ws);
  const UtcMs now = detail::ClockOf(ws).Now();
  auto a = Load(storage, approval, now);
  if (!a) return a.Err();
  if (a->requestedBy == mState->user.name) {
    AuditEvent refused = detail::AdminEvent(*mState, "approval.refused", {ApprovalObject(approval)}, "");
    refused.outcome = Outcome::Refused;
    refused.caseNumber = a->caseNumber;
    refused.purposeCode = a->purposeCode;
    refused.reason = "nobody decides their own approval request";
    PLATEDESK_TRY(detail::Record(ws, refused));
    return Fail(ErrorCode::PermissionDenied, refused.reason + ": another supervisor must", std::to_string(approval));
  }
  if (a->state != ApprovalState::Pending)
    return Fail(ErrorCode::AlreadyExists,
                "approval request " + std::to_string(approval) + " was already decided (" +
                    std::string(store::ApprovalStateName(a->state)) + ")",
                std::to_string(approval));
  const int lasts = hours != 0 ? hours : rules->approvalHours;
  a->decidedBy = mState->user.name;
  a->approved = approve;
  a->decisionReason = why;
  Json details{{"decision", approve ? "approved" : "denied"}, {"requested_by", a->requestedBy}, {"kind", a->kind}};
  AuditEvent e = detail::AdminEvent(*mState, "approval.decision", {ApprovalObject(approval)}, "");
  e.caseNumber = a->caseNumber;
  e.purposeCode = a->purposeCode;
  e.query = a->query;
  e.reason = why;
  if (approve) details["valid_until"] = FormatIso8601(now + static_cast<UtcMs>(lasts) * kMsPerHour);
  e.detailsJson = details.dump();
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  a->decidedAt = appended->time;
  a->validUntil = approve ? now + static_cast<UtcMs>(lasts) * kMsPerHour : 0;
  a->decisionSeq = appended->seq;
  PLATEDESK_TRY(storage.DecideApproval(*a));
  a->state = store::ApprovalStateAt(*a, now);
  return a;
}

}  // namespace platedesk::workstation
