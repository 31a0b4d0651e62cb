// SPDX-License-Identifier: GPL-3.0-or-later
// Session's secondary-dissemination methods: the recipient agency registry, written requests,
// supervisors' reviews, receipts, correction notices and the log; plus the release checks and
// record that ExportEvidence uses when an export releases an approved request. Every step is an
// audit record (dissemination.request, .review, .release, .receipt, .notice, and .refused for a
// step the rules refuse) written before the step is stored.
#include "SessionInternal.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/dissemination/Rules.h"

#include <nlohmann/json.hpp>

#include <set>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using Json = nlohmann::json;
using store::DisseminationRecord;
using store::DisseminationState;

Result<DisseminationRecord> LoadRecord(store::Storage& storage, std::int64_t id) {
  store::DisseminationFilter filter;
  filter.id = id;
  auto list = storage.Disseminations(filter);
  if (!list) return list.Err();
  if (list->empty()) return Fail(ErrorCode::NotFound, "no such dissemination request", std::to_string(id));
  return std::move(list->front());
}

Result<std::string> SettingOr(store::Storage& storage, std::string_view key, std::string_view fallback) {
  auto value = storage.GetSetting(key);
  if (!value) return value.Err();
  return value->has_value() ? **value : std::string(fallback);
}

Result<dissemination::RuleSet> AgencyRules(store::Storage& storage) {
  auto rules = SettingOr(storage, dissemination::kRulesSetting, dissemination::kDefaultRules);
  if (!rules) return rules.Err();
  auto state = SettingOr(storage, dissemination::kAgencyStateSetting, "");
  if (!state) return state.Err();
  return dissemination::ParseRules(*rules, *state);
}

// The current registry entry of a request's agency, assessed by the rules in force now.
Result<dissemination::Assessment> AssessNow(store::Storage& storage, std::int64_t agencyId, UtcMs now) {
  auto agency = storage.FindAgency(agencyId);
  if (!agency) return agency.Err();
  if (!agency->has_value()) return Fail(ErrorCode::NotFound, "no such agency", std::to_string(agencyId));
  auto rules = AgencyRules(storage);
  if (!rules) return rules.Err();
  return dissemination::Assess(**agency, *rules, now);
}

bool LeadsCase(store::Storage& storage, const std::string& caseNumber, const std::string& user) {
  auto found = storage.FindCase(caseNumber);
  return found && found->has_value() && !(*found)->lead.empty() && (*found)->lead == user;
}

// Supervisors, the one who released it and the case's lead follow a release up (receipt, notices).
bool MayFollowUp(store::Storage& storage, const EmbeddedSession::State& s, const DisseminationRecord& r) {
  const UserInfo& user = detail::UserOf(s);
  if (user.role == store::Role::Supervisor) return true;
  if (r.release && r.release->releasedBy == user.name) return true;
  return LeadsCase(storage, r.request.caseNumber, user.name);
}

// Who sees a record: supervisors, auditors and administrators every one; a detective those they
// entered or received and those of cases they lead.
bool MaySee(store::Storage& storage, const EmbeddedSession::State& s, const DisseminationRecord& r) {
  const UserInfo& user = detail::UserOf(s);
  if (user.role != store::Role::Detective) return true;
  return r.request.enteredBy == user.name || r.request.receivedBy == user.name ||
         LeadsCase(storage, r.request.caseNumber, user.name);
}

std::string RequestObject(std::int64_t id) { return "dissemination:" + std::to_string(id); }

AuditEvent StepEvent(const EmbeddedSession::State& s, std::string event, const DisseminationRecord& r,
                     std::vector<std::string> objects, const Json& details) {
  AuditEvent e = detail::AdminEvent(s, std::move(event), std::move(objects), details.dump());
  e.caseNumber = r.request.caseNumber;
  e.purposeCode = r.request.purposeCode;
  return e;
}

Status CheckDocument(const store::Document& d, const char* what) {
  if (d.bytes.empty()) return Fail(ErrorCode::InvalidArgument, std::string("attach ") + what);
  if (d.bytes.size() > store::Storage::kMaxDocumentBytes)
    return Fail(ErrorCode::InvalidArgument, std::string(what) + " is larger than 10 MB", d.name);
  return {};
}

Json AgencyJson(const store::Agency& a) {
  Json j{{"name", a.name},
         {"ori", a.ori},
         {"kind", std::string(store::AgencyKindName(a.kind))},
         {"state", a.state},
         {"mou_sha256", a.mouSha256}};
  if (a.mouExpires) j["mou_expires"] = FormatIso8601(*a.mouExpires);
  return j;
}

}  // namespace

Error detail::RefuseDissemination(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& caseNumber,
                                  std::vector<std::string> objects, const Error& why) {
  AuditEvent e = detail::AdminEvent(s, "dissemination.refused", std::move(objects), "");
  e.outcome = Outcome::Refused;
  e.caseNumber = caseNumber.empty() ? std::string("(none)") : caseNumber;
  e.reason = why.message;
  if (auto st = detail::Record(ws, e); !st) return st.Err();
  return why;
}

std::string detail::RecipientOf(const DisseminationRecord& r) {
  std::string out = r.request.agencyName;
  out += ", " + r.request.requesterName;
  if (!r.request.requesterTitle.empty()) out += ", " + r.request.requesterTitle;
  return out;
}

Result<DisseminationRecord> detail::CheckRelease(Workstation::Impl& ws, EmbeddedSession::State& s,
                                                 const AccessContext& ctx, const EvidenceRequest& request) {
  auto& storage = detail::StorageOf(ws);
  auto record = LoadRecord(storage, request.release);
  if (!record) return record.Err();
  const auto& q = record->request;
  const std::vector<std::string> objects{RequestObject(q.id)};
  if (record->state != DisseminationState::Approved) {
    const std::string state(store::DisseminationStateName(record->state));
    return RefuseDissemination(ws, s, q.caseNumber, objects,
                               Fail(ErrorCode::PermissionDenied, "request " + std::to_string(q.id) + " is " + state +
                                                                     ": only an approved request can be released"));
  }
  if (ctx.caseNumber != q.caseNumber || ctx.purposeCode != q.purposeCode)
    return Fail(ErrorCode::InvalidArgument,
                "a release runs under the request's case " + q.caseNumber + " and purpose " + q.purposeCode);
  auto releasersText = SettingOr(storage, dissemination::kReleasersSetting, dissemination::kDefaultReleasers);
  if (!releasersText) return releasersText.Err();
  auto releasers = dissemination::ParseReleasers(*releasersText);
  if (!releasers) return releasers.Err();
  const UserInfo& user = detail::UserOf(s);
  const bool allowed = releasers->contains(std::string(store::RoleName(user.role))) ||
                       (releasers->contains("lead") && LeadsCase(storage, q.caseNumber, user.name));
  if (!allowed)
    return RefuseDissemination(
        ws, s, q.caseNumber, objects,
        Fail(ErrorCode::PermissionDenied, "releasing LPR data outside the agency is for " + *releasersText +
                                              " (setting " + std::string(dissemination::kReleasersSetting) + ")"));
  auto assessed = AssessNow(storage, q.agency, detail::ClockOf(ws).Now());
  if (!assessed) return assessed.Err();
  if (assessed->refusal)
    return RefuseDissemination(ws, s, q.caseNumber, objects, Fail(ErrorCode::PermissionDenied, *assessed->refusal));
  if (Trim(request.receivedBy).empty())
    return Fail(ErrorCode::InvalidArgument, "name who receives the release for " + q.agencyName, "received-by");
  if (request.releaseMethod == store::ReleaseMethod::Media && Trim(request.mediaLabel).empty())
    return Fail(ErrorCode::InvalidArgument, "a release on portable media names the medium's label or serial",
                "media-label");
  return record;
}

Result<std::int64_t> detail::RecordRelease(Workstation::Impl& ws, EmbeddedSession::State& s,
                                           const DisseminationRecord& record, const EvidenceRequest& request,
                                           const EvidenceExport& written, std::span<const store::ReadId> reads) {
  store::DisseminationRelease release;
  release.request = record.request.id;
  release.packageId = written.packageId;
  release.packageSha256 = written.sha256;
  release.encrypted = written.encrypted;
  release.method = request.releaseMethod;
  release.mediaLabel = Trim(request.mediaLabel);
  release.releasedBy = detail::UserOf(s).name;
  release.receivedBy = Trim(request.receivedBy);
  release.reads.assign(reads.begin(), reads.end());
  std::vector<std::string> objects{RequestObject(record.request.id), "package:" + written.packageId};
  for (auto id : reads) objects.push_back("read:" + std::to_string(id));
  AuditEvent e = StepEvent(s, "dissemination.release", record, std::move(objects),
                           Json{{"request", std::to_string(record.request.id)},
                                {"agency", record.request.agencyName},
                                {"recipient", RecipientOf(record)},
                                {"received_by", release.receivedBy},
                                {"method", std::string(store::ReleaseMethodName(release.method))},
                                {"media_label", release.mediaLabel},
                                {"package_id", release.packageId},
                                {"encrypted", release.encrypted ? "yes" : "no"}});
  e.resultCount = reads.size();
  e.resultHash = written.sha256;
  e.bytes = written.bytes;
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  release.releasedAt = appended->time;
  release.auditSeq = appended->seq;
  return detail::StorageOf(ws).AddDisseminationRelease(release);
}

Status detail::NoteCorrection(Workstation::Impl& ws, EmbeddedSession::State& s, store::ReadId read,
                              const std::string& change) {
  auto& storage = detail::StorageOf(ws);
  auto releases = storage.ReleasesContaining(read);
  if (!releases) return releases.Err();
  if (releases->empty()) return {};
  auto all = storage.Disseminations({});
  if (!all) return all.Err();
  for (auto releaseId : *releases) {
    for (const auto& r : *all) {
      if (!r.release || r.release->id != releaseId) continue;
      AuditEvent e = StepEvent(
          s, "dissemination.notice", r,
          {RequestObject(r.request.id), "release:" + std::to_string(releaseId), "read:" + std::to_string(read)},
          Json{{"action", "created"}, {"agency", r.request.agencyName}, {"change", change}});
      auto appended = detail::Append(ws, e);
      if (!appended) return appended.Err();
      store::DisseminationNotice notice;
      notice.release = releaseId;
      notice.read = read;
      notice.change = change;
      notice.createdAt = appended->time;
      auto added = storage.AddDisseminationNotice(notice);
      if (!added) return added.Err();
    }
  }
  return {};
}

Result<std::vector<store::Agency>> EmbeddedSession::Agencies() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::StorageOf(ws).Agencies();
}

Result<store::Agency> EmbeddedSession::SaveAgency(const store::Agency& input, const store::Document& mou) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "the agency registry is kept by administrators"));
  auto& storage = detail::StorageOf(ws);
  store::Agency a = input;
  a.name = Trim(a.name);
  a.ori = ToUpperAscii(Trim(a.ori));
  a.state = ToUpperAscii(Trim(a.state));
  if (a.name.empty()) return Fail(ErrorCode::InvalidArgument, "name the agency", "name");
  if (a.state.size() != 2 || !std::all_of(a.state.begin(), a.state.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return Fail(ErrorCode::InvalidArgument, "the agency's state is a two-letter code", "state");
  std::optional<store::Agency> before;
  if (a.id != 0) {
    auto found = storage.FindAgency(a.id);
    if (!found) return found.Err();
    if (!found->has_value()) return Fail(ErrorCode::NotFound, "no such agency", std::to_string(a.id));
    before = **found;
    a.mouSha256 = before->mouSha256;  // kept unless a new agreement is attached
  } else {
    a.mouSha256.clear();
  }
  if (!mou.bytes.empty()) {
    PLATEDESK_TRY(CheckDocument(mou, "the sharing agreement"));
    auto kept = storage.PutDocument(mou);
    if (!kept) return kept.Err();
    a.mouSha256 = kept->sha256;
  }
  if (a.mouExpires && a.mouSha256.empty())
    return Fail(ErrorCode::InvalidArgument, "an agreement's expiry needs the agreement on file (--mou-file)",
                "mou-expires");
  a.updatedBy = mState->user.name;
  Json details{{"agency", AgencyJson(a)}};
  if (before) details["before"] = AgencyJson(*before);
  details["action"] = before ? "agency updated" : "agency added";
  std::vector<std::string> objects{"agency:" + a.name};
  if (!a.mouSha256.empty()) objects.push_back("document:" + a.mouSha256);
  PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "config.changed", objects, details.dump())));
  auto id = storage.SaveAgency(a);
  if (!id) return id.Err();
  auto saved = storage.FindAgency(*id);
  if (!saved) return saved.Err();
  if (!saved->has_value()) return Fail(ErrorCode::Internal, "the saved agency is missing", std::to_string(*id));
  return **saved;
}

Result<DisseminationRecord> EmbeddedSession::RequestDissemination(const store::DisseminationRequest& input,
                                                                  const store::Document& document) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  const AccessContext ctx{input.caseNumber, input.purposeCode, input.justification};
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "dissemination request");
  if (!decision) return decision.Err();
  auto& storage = detail::StorageOf(ws);
  store::DisseminationRequest r = input;
  r.requesterName = Trim(r.requesterName);
  r.requesterTitle = Trim(r.requesterTitle);
  r.requesterContact = Trim(r.requesterContact);
  r.theirCase = Trim(r.theirCase);
  r.authority = Trim(r.authority);
  r.asks = Trim(r.asks);
  r.receivedBy = Trim(r.receivedBy);
  if (r.requesterName.empty()) return Fail(ErrorCode::InvalidArgument, "name the person who asked", "requester");
  if (r.requesterContact.empty())
    return Fail(ErrorCode::InvalidArgument, "give the requester's phone or e-mail", "contact");
  if (r.authority.empty())
    return Fail(ErrorCode::InvalidArgument, "give the legal authority the request cites", "authority");
  if (r.asks.empty()) return Fail(ErrorCode::InvalidArgument, "say what is asked for", "asks");
  PLATEDESK_TRY(CheckDocument(document, "the written request (PDF or image)"));
  auto agency = storage.FindAgency(r.agency);
  if (!agency) return agency.Err();
  if (!agency->has_value()) return Fail(ErrorCode::NotFound, "no such agency", std::to_string(r.agency));
  auto rules = AgencyRules(storage);
  if (!rules) return rules.Err();
  const UtcMs now = detail::ClockOf(ws).Now();
  const auto assessed = dissemination::Assess(**agency, *rules, now);
  if (assessed.refusal)
    return detail::RefuseDissemination(ws, *mState, r.caseNumber, {"agency:" + (*agency)->name},
                                       Fail(ErrorCode::PermissionDenied, *assessed.refusal));
  auto kept = storage.PutDocument(document);
  if (!kept) return kept.Err();
  r.documentSha256 = kept->sha256;
  r.documentName = kept->name;
  r.enteredBy = mState->user.name;
  r.enteredAt = now;
  if (r.receivedAt == 0) r.receivedAt = now;
  if (r.receivedBy.empty()) r.receivedBy = mState->user.name;
  r.agencyName = (*agency)->name;
  r.agencyKind = (*agency)->kind;
  r.agencyState = (*agency)->state;
  r.referred = assessed.referred;
  r.approvalsNeeded = assessed.approvalsNeeded;
  r.rulesApplied = assessed.applied;
  AuditEvent e = detail::DataEvent(*mState, "dissemination.request", ctx, *decision);
  e.objects = {"agency:" + r.agencyName, "document:" + r.documentSha256};
  e.detailsJson =
      detail::MergedDetails(e.detailsJson, Json{{"agency", AgencyJson(**agency)},
                                                {"requester", r.requesterName},
                                                {"requester_title", r.requesterTitle},
                                                {"contact", r.requesterContact},
                                                {"their_case", r.theirCase},
                                                {"authority", r.authority},
                                                {"asks", r.asks},
                                                {"received", FormatIso8601(r.receivedAt)},
                                                {"received_by", r.receivedBy},
                                                {"referred", r.referred ? "yes: refer to records/legal" : "no"},
                                                {"approvals_needed", std::to_string(r.approvalsNeeded)},
                                                {"rules", r.rulesApplied}}
                                               .dump());
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  r.auditSeq = appended->seq;
  auto id = storage.AddDisseminationRequest(r);
  if (!id) return id.Err();
  return LoadRecord(storage, *id);
}

Result<DisseminationRecord> EmbeddedSession::ReviewDissemination(std::int64_t id, bool approve,
                                                                 const std::string& reasonText) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  auto record = LoadRecord(storage, id);
  if (!record) return record.Err();
  const auto& q = record->request;
  const std::string reason = Trim(reasonText);
  const std::string& me = mState->user.name;
  const std::vector<std::string> objects{RequestObject(id)};
  auto refuse = [&](const std::string& why) {
    return detail::RefuseDissemination(ws, *mState, q.caseNumber, objects, Fail(ErrorCode::PermissionDenied, why));
  };
  if (mState->user.role != store::Role::Supervisor)
    return refuse("approving or denying a release is for supervisors (the commander or a designee)");
  if (reason.empty()) return Fail(ErrorCode::InvalidArgument, "give the reason for the decision", "reason");
  if (record->state == DisseminationState::Referred)
    return refuse("request " + std::to_string(id) +
                  " is from outside law enforcement: it goes to records/legal and cannot be decided here");
  if (record->state != DisseminationState::Received && record->state != DisseminationState::SecondApproval)
    return Fail(ErrorCode::AlreadyExists, "request " + std::to_string(id) + " was already decided (" +
                                              std::string(store::DisseminationStateName(record->state)) + ")");
  if (q.enteredBy == me || q.receivedBy == me)
    return refuse("nobody reviews a request they entered or received: another supervisor must");
  if (LeadsCase(storage, q.caseNumber, me))
    return refuse("you lead case " + q.caseNumber + ": another supervisor must review a release of its data");
  for (const auto& v : record->reviews)
    if (v.reviewer == me) return refuse("the second approval must come from another supervisor");
  if (approve) {
    auto assessed = AssessNow(storage, q.agency, detail::ClockOf(ws).Now());
    if (!assessed) return assessed.Err();
    if (assessed->refusal) return refuse(*assessed->refusal);
  }
  const int approvals = static_cast<int>(record->reviews.size()) + (approve ? 1 : 0);
  AuditEvent e = StepEvent(*mState, "dissemination.review", *record, objects,
                           Json{{"request", std::to_string(id)},
                                {"decision", approve ? "approved" : "denied"},
                                {"reason", reason},
                                {"approvals", std::to_string(approvals)},
                                {"approvals_needed", std::to_string(q.approvalsNeeded)}});
  e.reason = reason;
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  auto added = storage.AddDisseminationReview({0, id, approve, reason, me, appended->time, appended->seq});
  if (!added) return added.Err();
  return LoadRecord(storage, id);
}

Result<DisseminationRecord> EmbeddedSession::RecordReceipt(std::int64_t id, const std::string& signedByText,
                                                           UtcMs signedAt, const store::Document& scan) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  auto record = LoadRecord(storage, id);
  if (!record) return record.Err();
  if (!record->release) return Fail(ErrorCode::NotFound, "request " + std::to_string(id) + " was not released");
  if (record->receipt)
    return Fail(ErrorCode::AlreadyExists, "the receipt for request " + std::to_string(id) + " is already on file");
  if (!MayFollowUp(storage, *mState, *record))
    return detail::RefuseDissemination(
        ws, *mState, record->request.caseNumber, {RequestObject(id)},
        Fail(ErrorCode::PermissionDenied, "receipts are recorded by supervisors, the releaser or the case's lead"));
  const std::string signedBy = Trim(signedByText);
  if (signedBy.empty()) return Fail(ErrorCode::InvalidArgument, "name who signed the receipt", "signed-by");
  const UtcMs now = detail::ClockOf(ws).Now();
  if (signedAt == 0) signedAt = now;
  if (signedAt < record->release->releasedAt || signedAt > now + kMsPerHour)
    return Fail(ErrorCode::InvalidArgument, "the receipt is signed between the release and now", "signed");
  store::DisseminationReceipt receipt;
  receipt.release = record->release->id;
  receipt.signedBy = signedBy;
  receipt.signedAt = signedAt;
  receipt.recordedBy = mState->user.name;
  std::vector<std::string> objects{RequestObject(id), "release:" + std::to_string(record->release->id)};
  if (!scan.bytes.empty()) {
    PLATEDESK_TRY(CheckDocument(scan, "the scanned receipt"));
    auto kept = storage.PutDocument(scan);
    if (!kept) return kept.Err();
    receipt.documentSha256 = kept->sha256;
    objects.push_back("document:" + kept->sha256);
  }
  AuditEvent e = StepEvent(*mState, "dissemination.receipt", *record, std::move(objects),
                           Json{{"request", std::to_string(id)},
                                {"signed_by", signedBy},
                                {"signed", FormatIso8601(signedAt)},
                                {"document_sha256", receipt.documentSha256}});
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  receipt.recordedAt = appended->time;
  receipt.auditSeq = appended->seq;
  auto added = storage.AddDisseminationReceipt(receipt);
  if (!added) return added.Err();
  return LoadRecord(storage, id);
}

Result<std::vector<DisseminationRecord>> EmbeddedSession::Disseminations(const store::DisseminationFilter& filter) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  auto all = storage.Disseminations(filter);
  if (!all) return all.Err();
  std::vector<DisseminationRecord> out;
  for (auto& r : *all)
    if (MaySee(storage, *mState, r)) out.push_back(std::move(r));
  Json details{{"what", "dissemination log"}, {"records", std::to_string(out.size())}};
  if (filter.from) details["from"] = FormatIso8601(*filter.from);
  if (filter.to) details["to"] = FormatIso8601(*filter.to);
  if (!filter.caseNumber.empty()) details["case"] = filter.caseNumber;
  if (filter.agency != 0) details["agency"] = std::to_string(filter.agency);
  if (filter.state) details["state"] = std::string(store::DisseminationStateName(*filter.state));
  if (filter.id) details["request"] = std::to_string(*filter.id);
  PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "audit.review", {}, details.dump())));
  return out;
}

Result<std::vector<store::DisseminationNotice>> EmbeddedSession::DisseminationNotices(bool openOnly) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  auto notices = storage.DisseminationNotices(openOnly);
  if (!notices) return notices.Err();
  if (mState->user.role == store::Role::Detective) {
    auto all = storage.Disseminations({});
    if (!all) return all.Err();
    std::set<std::int64_t> visible;
    for (const auto& r : *all)
      if (MaySee(storage, *mState, r)) visible.insert(r.request.id);
    std::erase_if(*notices, [&](const store::DisseminationNotice& n) { return !visible.contains(n.request); });
  }
  PLATEDESK_TRY(
      detail::Record(ws, detail::AdminEvent(*mState, "audit.review", {},
                                            Json{{"what", openOnly ? "open correction notices" : "correction notices"},
                                                 {"records", std::to_string(notices->size())}}
                                                .dump())));
  return notices;
}

Result<store::DisseminationNotice> EmbeddedSession::MarkNoticeSent(std::int64_t noticeId,
                                                                   const std::string& methodText) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  auto notices = storage.DisseminationNotices(false);
  if (!notices) return notices.Err();
  auto it = std::find_if(notices->begin(), notices->end(),
                         [&](const store::DisseminationNotice& n) { return n.id == noticeId; });
  if (it == notices->end()) return Fail(ErrorCode::NotFound, "no such correction notice", std::to_string(noticeId));
  if (it->sentAt) return Fail(ErrorCode::AlreadyExists, "the notice was already sent", std::to_string(noticeId));
  auto record = LoadRecord(storage, it->request);
  if (!record) return record.Err();
  if (!MayFollowUp(storage, *mState, *record))
    return detail::RefuseDissemination(
        ws, *mState, record->request.caseNumber, {RequestObject(it->request)},
        Fail(ErrorCode::PermissionDenied, "notices are sent by supervisors, the releaser or the case's lead"));
  const std::string method = Trim(methodText);
  if (method.empty()) return Fail(ErrorCode::InvalidArgument, "say how the notice was sent", "method");
  AuditEvent e =
      StepEvent(*mState, "dissemination.notice", *record,
                {RequestObject(it->request), "notice:" + std::to_string(noticeId), "read:" + std::to_string(it->read)},
                Json{{"action", "sent"}, {"agency", it->agencyName}, {"method", method}});
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  PLATEDESK_TRY(storage.MarkNoticeSent(noticeId, method, mState->user.name, appended->time));
  it->sentAt = appended->time;
  it->sentMethod = method;
  it->sentBy = mState->user.name;
  return *it;
}

Result<store::Document> EmbeddedSession::DisseminationDocument(const std::string& sha256) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  auto& storage = detail::StorageOf(ws);
  if (!IsSha256Hex(sha256)) return Fail(ErrorCode::InvalidArgument, "not a SHA-256", sha256);
  // Which record it belongs to decides who may see it: an agency's agreement anyone signed in,
  // a request's document or a receipt those who may see the request.
  bool allowed = false;
  auto agencies = storage.Agencies();
  if (!agencies) return agencies.Err();
  for (const auto& a : *agencies) allowed = allowed || a.mouSha256 == sha256;
  if (!allowed) {
    auto all = storage.Disseminations({});
    if (!all) return all.Err();
    for (const auto& r : *all) {
      const bool holds = r.request.documentSha256 == sha256 || (r.receipt && r.receipt->documentSha256 == sha256);
      if (holds && MaySee(storage, *mState, r)) allowed = true;
    }
  }
  if (!allowed) return Fail(ErrorCode::NotFound, "no such document on file for you", sha256);
  auto doc = storage.GetDocument(sha256);
  if (!doc) return doc.Err();
  if (!doc->has_value()) return Fail(ErrorCode::NotFound, "no such document on file", sha256);
  PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "audit.review", {"document:" + sha256},
                                                      Json{{"what", "document on file"}}.dump())));
  return std::move(**doc);
}

}  // namespace platedesk::workstation
