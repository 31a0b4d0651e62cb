// SPDX-License-Identifier: GPL-3.0-or-later
// Session's holds (issue 15): placed for a case by its lead or a supervisor with a reason,
// released by a supervisor with a reason, reviewed when older than hold_review_days. A
// preservation order keeps every read matching its cameras and plates in its window, including
// reads that arrive later (the store checks it at every delete). Every change is an audit record
// written before it is stored.
#include "SessionInternal.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <set>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using Json = nlohmann::json;
using store::HoldKind;
using store::Role;

constexpr UtcMs kMaxOrderWindow = 3653 * kMsPerDay;  // ten years

std::string HoldObject(std::int64_t id) { return "hold:" + std::to_string(id); }

// Whether the user is the case's registered lead: the lead field names the user by login name
// (case-insensitively, as sign-in does) or by display name.
bool IsLead(const store::CaseRecord& record, const UserInfo& user) {
  const std::string lead = Trim(record.lead);
  if (lead.empty()) return false;
  auto leadKey = access::UserNameKey(lead);
  auto userKey = access::UserNameKey(user.name);
  if (leadKey && userKey && *leadKey == *userKey) return true;
  auto displayKey = access::UserNameKey(user.displayName);
  return leadKey && displayKey && !user.displayName.empty() && *leadKey == *displayKey;
}

Result<store::Hold> LoadHold(store::Storage& storage, std::int64_t id) {
  store::HoldFilter filter;
  filter.id = id;
  auto list = storage.Holds(filter);
  if (!list) return list.Err();
  if (list->empty()) return Fail(ErrorCode::NotFound, "no such hold", std::to_string(id));
  return std::move(list->front());
}

}  // namespace

Result<int> detail::HoldReviewDays(store::Storage& storage) {
  auto stored = storage.GetSetting(kHoldReviewDaysSetting);
  if (!stored) return stored.Err();
  if (!*stored) return kDefaultHoldReviewDays;
  auto days = ParseHoldReviewDays(**stored);
  if (!days) return Fail(ErrorCode::Corrupt, "the hold_review_days setting is not a number of days", **stored);
  return *days;
}

std::optional<int> detail::ParseHoldReviewDays(std::string_view text) {
  int days = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (ec != std::errc() || end != text.data() + text.size() || days < 1 || days > 3650) return std::nullopt;
  return days;
}

Status detail::CheckMayPlaceHold(Workstation::Impl& ws, EmbeddedSession::State& s, const AccessContext& ctx,
                                 const std::string& action) {
  if (UserOf(s).role == Role::Supervisor) return {};
  auto found = StorageOf(ws).FindCase(ctx.caseNumber);
  if (!found) return found.Err();
  if (*found && IsLead(**found, UserOf(s))) return {};
  const std::string lead = *found && !Trim((*found)->lead).empty() ? " (" + Trim((*found)->lead) + ")" : "";
  return RefuseAccess(ws, s, ctx, action,
                      Fail(ErrorCode::PermissionDenied,
                           "only the case's lead" + lead + " or a supervisor may hold reads for case " +
                               ctx.caseNumber + ": ask them to",
                           ctx.caseNumber));
}

void detail::MarkReviewDue(std::vector<store::Hold>& holds, UtcMs now, int reviewDays) {
  const UtcMs period = static_cast<UtcMs>(reviewDays) * kMsPerDay;
  for (auto& h : holds) h.reviewDue = h.InForce() && now - std::max(h.placedAt, h.reviewedAt) >= period;
}

Result<store::Hold> EmbeddedSession::PlaceHold(const AccessContext& ctx, const HoldRequest& request) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "place a hold");
  if (!decision) return decision.Err();
  PLATEDESK_TRY(detail::CheckMayPlaceHold(ws, *mState, ctx, "place a hold"));
  store::Hold hold;
  hold.caseNumber = ctx.caseNumber;
  hold.kind = request.kind;
  hold.reason = Trim(request.reason);
  hold.placedBy = detail::UserOf(*mState).name;
  if (hold.reason.empty()) return Fail(ErrorCode::InvalidArgument, "say why the hold is placed", "reason");
  std::vector<store::ReadId> reads;
  std::set<store::ReadId> seenReads;
  for (auto id : request.reads)
    if (seenReads.insert(id).second) reads.push_back(id);
  auto& storage = detail::StorageOf(ws);
  if (request.kind == HoldKind::Preservation) {
    if (!request.from || !request.to)
      return Fail(ErrorCode::InvalidArgument, "a preservation order needs its window: from and to", "window");
    if (*request.to <= *request.from)
      return Fail(ErrorCode::InvalidArgument, "the order's window ends before it starts", "to");
    if (*request.to - *request.from > kMaxOrderWindow)
      return Fail(ErrorCode::InvalidArgument, "an order's window is at most ten years", "to");
    hold.from = request.from;
    hold.to = request.to;
    std::set<std::string> seen;
    for (const auto& c : request.cameras) {
      const std::string camera = Trim(c);
      if (camera.empty()) return Fail(ErrorCode::InvalidArgument, "an empty camera id", "camera");
      if (seen.insert(camera).second) hold.cameras.push_back(camera);
    }
    seen.clear();
    for (const auto& p : request.plates) {
      const std::string plate = plate::NormalisePlate(p);
      if (plate.empty()) return Fail(ErrorCode::InvalidArgument, "a plate with no letters or digits", p);
      if (seen.insert(plate).second) hold.plates.push_back(plate);
    }
    if (hold.cameras.empty() && hold.plates.empty())
      return Fail(ErrorCode::InvalidArgument, "a preservation order names at least one camera or plate", "order");
    if (!reads.empty())
      return Fail(ErrorCode::InvalidArgument, "a preservation order names cameras and plates, not reads", "reads");
    for (const auto& camera : hold.cameras) {
      auto found = storage.FindCameraByExternalId(camera);
      if (!found) return found.Err();
      if (!*found) return Fail(ErrorCode::NotFound, "no such camera", camera);
    }
  } else {
    if (reads.empty()) return Fail(ErrorCode::InvalidArgument, "choose at least one read to hold", "reads");
    if (!request.cameras.empty() || !request.plates.empty() || request.from || request.to)
      return Fail(ErrorCode::InvalidArgument, "only a preservation order names cameras, plates and a window", "kind");
    auto existing = storage.GetReads(reads);
    if (!existing) return existing.Err();
    if (existing->size() != reads.size()) {
      std::set<store::ReadId> found;
      for (const auto& r : *existing) found.insert(r.id);
      for (auto id : reads)
        if (!found.count(id)) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
    }
  }
  std::vector<std::string> objects{"case:" + ctx.caseNumber};
  for (auto id : reads) objects.push_back("read:" + std::to_string(id));
  for (const auto& c : hold.cameras) objects.push_back("camera:" + c);
  for (const auto& p : hold.plates) objects.push_back("plate:" + p);
  Json details{{"kind", std::string(store::HoldKindName(hold.kind))}};
  if (hold.from) details["from"] = FormatIso8601(*hold.from);
  if (hold.to) details["to"] = FormatIso8601(*hold.to);
  AuditEvent e = detail::DataEvent(*mState, "hold.placed", ctx, *decision);
  e.reason = hold.reason;
  e.objects = std::move(objects);
  e.resultCount = reads.size();
  if (!reads.empty()) e.resultHash = detail::IdsDigest(reads);
  e.detailsJson = detail::MergedDetails(e.detailsJson, details.dump());
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  hold.placedAt = appended->time;
  auto id = storage.AddHold(hold, reads);
  if (!id) return id.Err();
  auto placed = LoadHold(storage, *id);
  if (!placed) return placed.Err();
  return placed;
}

Result<std::vector<store::Hold>> EmbeddedSession::Holds(const store::HoldFilter& filter) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  const Role role = mState->user.role;
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, role == Role::Supervisor || role == Role::Auditor,
                                  "the holds register is for supervisors and auditors"));
  auto& storage = detail::StorageOf(ws);
  auto days = detail::HoldReviewDays(storage);
  if (!days) return days.Err();
  auto list = storage.Holds(filter);
  if (!list) return list.Err();
  detail::MarkReviewDue(*list, detail::ClockOf(ws).Now(), *days);
  // The record names every hold shown (an order's plates and cameras are in its hold.placed).
  Json details{{"view", "holds"}, {"holds", list->size()}};
  if (!filter.caseNumber.empty()) details["case"] = filter.caseNumber;
  std::vector<std::string> objects;
  for (const auto& h : *list) objects.push_back(HoldObject(h.id));
  AuditEvent e = detail::AdminEvent(*mState, "audit.review", std::move(objects), details.dump());
  e.caseNumber = filter.caseNumber;
  PLATEDESK_TRY(detail::Record(ws, e));
  return list;
}

Status EmbeddedSession::ReleaseHold(std::int64_t id, const std::string& reason) { return DecideHold(id, reason, true); }

Status EmbeddedSession::ReviewHold(std::int64_t id, const std::string& note) { return DecideHold(id, note, false); }

// A supervisor's release (release) or review of a hold in force, with its reason: recorded as
// hold.released or hold.reviewed before it is stored.
Status EmbeddedSession::DecideHold(std::int64_t id, const std::string& reason, bool release) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(
      detail::CheckRole(ws, *mState, mState->user.role == Role::Supervisor,
                        release ? "releasing a hold is for supervisors" : "reviewing a hold is for supervisors"));
  const std::string why = Trim(reason);
  if (why.empty())
    return Fail(ErrorCode::InvalidArgument, release ? "say why the hold is released" : "say why the hold is kept",
                "reason");
  auto& storage = detail::StorageOf(ws);
  auto hold = LoadHold(storage, id);
  if (!hold) return hold.Err();
  if (!hold->InForce())
    return Fail(
        ErrorCode::AlreadyExists,
        "hold " + std::to_string(id) + (release ? " was released before" : " was released: there is nothing to review"),
        std::to_string(id));
  AuditEvent e = detail::AdminEvent(
      *mState, release ? "hold.released" : "hold.reviewed", {HoldObject(id)},
      Json{
          {"kind", std::string(store::HoldKindName(hold->kind))}, {"placed_by", hold->placedBy}, {"reads", hold->reads}}
          .dump());
  e.caseNumber = hold->caseNumber;
  e.reason = why;
  PLATEDESK_TRY(detail::Record(ws, e));
  return release ? storage.ReleaseHold(id, mState->user.name, why) : storage.AddHoldReview(id, mState->user.name, why);
}

}  // namespace platedesk::workstation
