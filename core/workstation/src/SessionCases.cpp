// SPDX-License-Identifier: GPL-3.0-or-later
// Session's case methods: "Add to case" (a hold for the case), the case summary of the Cases
// panel (held reads, and the case's searches and exports as the audit log recorded them), the case
// register (register, open or close, list), plus the offline verification of a package the user
// has just written.
#include "SessionInternal.h"

#include "platedesk/access/Policy.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Log.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <set>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using Json = nlohmann::json;

std::string Text(const Json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::uint64_t> Number(const Json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<std::uint64_t>();
}

const Json& Details(const Json& record) {
  static const Json kEmpty = Json::object();
  auto it = record.find("details");
  return it != record.end() && it->is_object() ? *it : kEmpty;
}

// The records were written by this log's Append (canonical JSON); a pruned record has no text and
// is left out, a record that does not parse is logged and left out rather than failing the panel.
std::optional<Json> Parse(const audit::StoredRecord& r) {
  if (r.pruned || r.canonical.empty()) return std::nullopt;
  auto parsed = Json::parse(r.canonical, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    Log(LogLevel::Warning, "audit record " + std::to_string(r.seq) + " does not parse; left out of the case summary");
    return std::nullopt;
  }
  return parsed;
}

// search.start / search.refused open a search; its search.result is the next one of the same
// session (a session runs its searches one after another: Search holds the index lock).
std::vector<CaseSearch> Searches(const std::vector<audit::StoredRecord>& records) {
  std::vector<CaseSearch> out;
  std::map<std::string, std::deque<std::size_t>> open;  // session -> searches awaiting a result
  for (const auto& r : records) {
    auto json = Parse(r);
    if (!json) continue;
    const std::string session = Text(*json, "session");
    if (r.event == "search.start" || r.event == "search.refused") {
      CaseSearch s;
      s.seq = r.seq;
      s.time = r.time;
      s.user = r.user;
      s.purposeCode = r.purposeCode;
      s.justification = Text(*json, "justification");
      if (auto q = json->find("query"); q != json->end() && q->is_object())
        for (const auto& [key, value] : q->items())
          if (value.is_string()) s.query[key] = value.get<std::string>();
      if (r.event == "search.refused") {
        s.outcome = "refused";
        s.reason = Text(*json, "reason");
      } else {
        open[session].push_back(out.size());
      }
      out.push_back(std::move(s));
    } else if (r.event == "search.result") {
      auto& waiting = open[session];
      if (waiting.empty()) continue;
      CaseSearch& s = out[waiting.front()];
      waiting.pop_front();
      s.outcome = r.outcome == "success" ? "success" : "failure";
      s.matches = Number(*json, "result_count");
      s.reason = Text(*json, "reason");
    }
  }
  return out;
}

// export.start opens an export; export.result names it by details.export_seq.
std::vector<CaseExport> Exports(const std::vector<audit::StoredRecord>& records) {
  std::vector<CaseExport> out;
  std::map<std::string, std::size_t> bySeq;
  for (const auto& r : records) {
    auto json = Parse(r);
    if (!json) continue;
    const Json& details = Details(*json);
    if (r.event == "export.start") {
      CaseExport e;
      e.seq = r.seq;
      e.time = r.time;
      e.user = r.user;
      e.packageId = Text(details, "package_id");
      e.encryption = Text(details, "encryption");
      e.mediaLabel = Text(details, "media_label");
      e.recipient = Text(details, "recipient");                           // a release's outside recipient
      if (e.recipient.empty()) e.recipient = Text(details, "custodian");  // an internal export's
      e.reads = Number(*json, "result_count").value_or(0);
      bySeq[std::to_string(r.seq)] = out.size();
      out.push_back(std::move(e));
    } else if (r.event == "export.result") {
      auto it = bySeq.find(Text(details, "export_seq"));
      if (it == bySeq.end()) continue;
      CaseExport& e = out[it->second];
      e.outcome = r.outcome == "success" ? "success" : "failure";
      e.bytes = Number(*json, "bytes").value_or(0);
      e.reason = Text(*json, "reason");
      if (e.outcome == "success") {
        e.sha256 = Text(*json, "result_hash");
        if (auto objects = json->find("objects"); objects != json->end() && objects->is_array())
          for (const auto& o : *objects)
            if (o.is_string() && o.get<std::string>().rfind("file:", 0) == 0)
              e.file = std::filesystem::u8path(o.get<std::string>().substr(5));
      }
    }
  }
  return out;
}

}  // namespace

Result<std::size_t> EmbeddedSession::CollectForCase(const AccessContext& ctx, std::span<const store::ReadId> reads) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "add to case");
  if (!decision) return decision.Err();
  PLATEDESK_TRY(detail::CheckMayPlaceHold(ws, *mState, ctx, "add to case"));
  std::vector<store::ReadId> ids;
  std::set<store::ReadId> seen;
  for (auto id : reads)
    if (seen.insert(id).second) ids.push_back(id);
  if (ids.empty()) return Fail(ErrorCode::InvalidArgument, "choose at least one read to add to the case");
  auto& storage = detail::StorageOf(ws);
  // Existence first (as VerifyRead does): a missing read refuses the whole request before it is
  // recorded as done; nothing of the reads is returned.
  auto existing = storage.GetReads(ids);
  if (!existing) return existing.Err();
  if (existing->size() != ids.size()) {
    std::set<store::ReadId> found;
    for (const auto& r : *existing) found.insert(r.id);
    for (auto id : ids)
      if (!found.count(id)) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
  }
  auto held = storage.CaseHolds(ctx.caseNumber);
  if (!held) return held.Err();
  const std::set<store::ReadId> before(held->begin(), held->end());
  std::vector<std::string> objects{"case:" + ctx.caseNumber};
  for (auto id : ids) objects.push_back("read:" + std::to_string(id));
  const UserInfo& user = detail::UserOf(*mState);
  AuditEvent e = detail::DataEvent(*mState, "case.collected", ctx, *decision);
  e.resultCount = ids.size();
  e.resultHash = detail::IdsDigest(ids);
  e.objects = std::move(objects);
  PLATEDESK_TRY(detail::Record(ws, e));
  PLATEDESK_TRY(storage.AddCaseHolds(ctx.caseNumber, ids, kCollectedForCase, user.name));
  std::size_t added = 0;
  for (auto id : ids) added += before.count(id) ? 0 : 1;
  return added;
}

Result<CaseSummary> EmbeddedSession::GetCaseSummary(const AccessContext& ctx) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto decision = detail::CheckPlateData(ws, *mState, ctx, "review case");
  if (!decision) return decision.Err();
  auto& storage = detail::StorageOf(ws);
  CaseSummary summary;
  auto holds = storage.CaseHoldRecords(ctx.caseNumber);
  if (!holds) return holds.Err();
  summary.holds = std::move(*holds);
  store::HoldFilter holdFilter;
  holdFilter.caseNumber = ctx.caseNumber;
  auto holdList = storage.Holds(holdFilter);
  if (!holdList) return holdList.Err();
  auto reviewDays = detail::HoldReviewDays(storage);
  if (!reviewDays) return reviewDays.Err();
  detail::MarkReviewDue(*holdList, detail::ClockOf(ws).Now(), *reviewDays);
  summary.holdList = std::move(*holdList);
  std::vector<store::ReadId> ids;
  std::vector<std::string> objects{"case:" + ctx.caseNumber};
  for (const auto& h : summary.holds) {
    ids.push_back(h.read);
    objects.push_back("read:" + std::to_string(h.read));
  }
  for (const auto& h : summary.holdList) objects.push_back("hold:" + std::to_string(h.id));
  AuditEvent e = detail::DataEvent(*mState, "case.reviewed", ctx, *decision);
  e.resultCount = ids.size();
  e.resultHash = detail::IdsDigest(ids);
  e.objects = std::move(objects);
  PLATEDESK_TRY(detail::Record(ws, e));

  auto found = storage.FindCase(ctx.caseNumber);
  if (!found) return found.Err();
  summary.registered = found->has_value();

  summary.record = summary.registered ? **found : store::CaseRecord{.number = ctx.caseNumber};
  auto read = storage.GetReads(ids);
  if (!read) return read.Err();
  summary.reads = std::move(*read);

  auto& log = detail::AuditOf(ws);
  audit::RecordFilter filter;
  filter.caseNumber = ctx.caseNumber;
  filter.eventType = "search.*";
  auto searches = log.List(filter);
  if (!searches) return searches.Err();
  summary.searches = Searches(*searches);
  filter.eventType = "export.*";
  auto exports = log.List(filter);
  if (!exports) return exports.Err();
  summary.exports = Exports(*exports);
  store::DisseminationFilter releases;
  releases.caseNumber = ctx.caseNumber;
  auto released = storage.Disseminations(releases);
  if (!released) return released.Err();
  summary.releases = std::move(*released);
  return summary;
}

Status EmbeddedSession::RegisterCase(const std::string& number, const std::string& title, const std::string& lead) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, detail::CanReachPlateData(mState->user.role),
                                  "registering a case is for detectives, supervisors and administrators"));
  PLATEDESK_TRY(detail::CheckMfa(ws, *mState));  // case commands are administration (issue 10)
  auto& storage = detail::StorageOf(ws);
  access::Policy policy(storage);
  PLATEDESK_TRY(policy.CheckCaseNumber(number));
  PLATEDESK_TRY(storage.AddCase({number, title, lead, true, mState->user.name, 0}));
  AuditEvent e = detail::AdminEvent(*mState, "case.registered", {"case:" + number},
                                    detail::DetailsJson({{"status", "open"}, {"title", title}}));
  e.caseNumber = number;
  return detail::Record(ws, e);
}

Status EmbeddedSession::SetCaseOpen(const std::string& number, bool open) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(
      ws, *mState, mState->user.role == store::Role::Supervisor || mState->user.role == store::Role::Administrator,
      "opening or closing a case is for supervisors and administrators"));
  PLATEDESK_TRY(detail::CheckMfa(ws, *mState));
  PLATEDESK_TRY(detail::StorageOf(ws).SetCaseOpen(number, open));
  AuditEvent e = detail::AdminEvent(*mState, "case.registered", {"case:" + number},
                                    detail::DetailsJson({{"status", open ? "open" : "closed"}}));
  e.caseNumber = number;
  return detail::Record(ws, e);
}

Result<std::vector<store::CaseRecord>> EmbeddedSession::Cases() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::StorageOf(ws).Cases();
}

Result<evidence::PackageVerification> EmbeddedSession::VerifyEvidence(const std::filesystem::path& path,
                                                                      const std::optional<std::string>& passphrase,
                                                                      std::stop_token stop,
                                                                      const ProgressFn& progress) {
  auto& ws = *mOwner.mImpl;
  std::unique_lock facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  // Every evidence key of this storage (a package made before a key rotation, or before the keys
  // were separated, still verifies); never the audit log's current key, which signs checkpoints.
  const std::vector<std::string> keys = detail::EvidenceKeysOf(ws).PublicKeys();
  // The verification reads only the package (seconds for 100 MB): other calls need not wait.
  facadeLock.unlock();
  if (passphrase) return evidence::VerifyPackageArchive(path, *passphrase, keys, stop, progress);
  return evidence::VerifyPackage(path, keys, stop, progress);
}

Result<std::vector<std::string>> EmbeddedSession::EvidenceKeys() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  // The evidence keys, never the audit log's: an audit key must not vouch for a package.
  return detail::EvidenceKeysOf(ws).PublicKeys();
}

}  // namespace platedesk::workstation
