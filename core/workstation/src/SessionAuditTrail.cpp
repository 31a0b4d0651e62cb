// SPDX-License-Identifier: GPL-3.0-or-later
// Session's audit-trail methods: review (supervisors, auditors), verification and checkpoint
// export (not detectives), the verifier key. Each is itself recorded in the trail.
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Text.h"
#include "platedesk/oversight/Activity.h"
#include "platedesk/oversight/Flags.h"
#include "platedesk/oversight/Report.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>
#include <functional>
#include <map>
#include <mutex>
#include <tuple>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

// Supervisors and auditors review the audit trail; administrators too where the agency enables it
// (setting review_administrators = 1: a small agency whose ALPR administrator does the audits).
bool CanReviewAudit(Workstation::Impl& ws, Role r) {
  if (r == Role::Supervisor || r == Role::Auditor) return true;
  if (r != Role::Administrator) return false;
  auto setting = detail::StorageOf(ws).GetSetting("review_administrators");
  return setting && setting->has_value() && **setting == "1";
}

// Verifying the log and exporting a checkpoint: every role but detective.
Status CheckVerifier(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& what) {
  return detail::CheckRole(ws, s, s.user.role != Role::Detective,
                           what + " is for supervisors, auditors and administrators");
}

using SettingFn = std::function<Result<std::optional<std::string>>(std::string_view)>;

// The review thresholds from the agency's settings (review_*), each checked.
Result<oversight::FlagSettings> ReviewSettings(const SettingFn& get) {
  oversight::FlagSettings out;
  auto number = [](const std::string& text, long long lo, long long hi) -> std::optional<long long> {
    long long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) return std::nullopt;
    return v;
  };
  auto hours = get("review_hours");
  if (!hours) return hours.Err();
  if (*hours) {
    const auto dash = (*hours)->find('-');
    auto a = dash == std::string::npos ? std::nullopt : number((*hours)->substr(0, dash), 0, 23);
    auto b = dash == std::string::npos ? std::nullopt : number((*hours)->substr(dash + 1), 1, 24);
    if (!a || !b || *a >= *b) return Fail(ErrorCode::Corrupt, "review_hours is not HH-HH", **hours);
    out.businessStartHour = static_cast<int>(*a);
    out.businessEndHour = static_cast<int>(*b);
  }
  for (const auto& [key, lo, hi] : {std::tuple<const char*, long long, long long>{"review_volume_minimum", 1, 100000},
                                    {"review_min_fixed", 0, 10},
                                    {"review_broad_results", 1, 100000000},
                                    {"review_volume_factor", 1, 100}}) {
    auto value = get(key);
    if (!value) return value.Err();
    if (!*value) continue;
    auto n = number(**value, lo, hi);
    if (!n) return Fail(ErrorCode::Corrupt, std::string(key) + " is not a whole number in range", **value);
    if (std::string_view(key) == "review_volume_minimum") out.volumeMinimum = static_cast<std::uint64_t>(*n);
    if (std::string_view(key) == "review_min_fixed") out.minFixedCharacters = static_cast<std::size_t>(*n);
    if (std::string_view(key) == "review_broad_results") out.broadResultCount = static_cast<std::uint64_t>(*n);
    if (std::string_view(key) == "review_volume_factor") out.volumeFactor = static_cast<double>(*n);
  }
  auto staff = get("review_staff_vehicles");
  if (!staff) return staff.Err();
  if (*staff) {
    std::string plate;
    for (char c : **staff + ",") {
      if (c == ',') {
        if (!plate.empty()) out.staffVehicles.insert(plate);
        plate.clear();
      } else if (std::isalnum(static_cast<unsigned char>(c))) {
        plate += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
    }
  }
  // The agency's hours are the workstation's (or the server's) local time.
  out.localHour = [](UtcMs t) { return oversight::MachineClock(t).hour; };
  return out;
}

}  // namespace

Status detail::CheckReviewSetting(std::string_view key, const std::string& value) {
  auto parsed = ReviewSettings([&](std::string_view k) -> Result<std::optional<std::string>> {
    return k == key ? std::optional<std::string>(value) : std::nullopt;
  });
  if (!parsed) return Fail(ErrorCode::InvalidArgument, parsed.Err().message, parsed.Err().context);
  return {};
}

namespace {

Status CheckPeriod(UtcMs from, UtcMs to) {
  if (to <= from) return Fail(ErrorCode::InvalidArgument, "the review period must end after it starts");
  if (to - from > 366 * kMsPerDay) return Fail(ErrorCode::InvalidArgument, "review at most a year at a time");
  return {};
}

// The flags and the activity of [from, to) from the log, the case register and the settings (not
// audited): one read of the log for both.
struct PeriodReview {
  std::vector<oversight::Flag> flags;
  oversight::Activity activity;
};

Result<PeriodReview> ReviewOf(Workstation::Impl& ws, UtcMs from, UtcMs to) {
  auto& storage = detail::StorageOf(ws);
  auto settings = ReviewSettings([&](std::string_view key) { return storage.GetSetting(key); });
  if (!settings) return settings.Err();
  auto registered = storage.Cases();
  if (!registered) return registered.Err();
  std::map<std::string, bool> cases;
  for (const auto& c : *registered) cases[c.number] = c.open;
  audit::RecordFilter filter;
  filter.from = from - oversight::kVolumeHistoryMs;
  filter.to = to;
  auto records = detail::AuditOf(ws).List(filter);
  if (!records) return records.Err();
  PeriodReview out;
  out.flags = oversight::ComputeFlags(*records, from, to, cases, *settings);
  out.activity = oversight::ComputeActivity(*records, from, to, out.flags, oversight::MachineClock);
  return out;
}

// A reviewer's read of the period (ReviewFlags, ReviewActivity): the role and the period checked,
// the read recorded as audit.review first, then the flags and the activity.
Result<PeriodReview> ReadPeriod(Workstation::Impl& ws, EmbeddedSession::State& state, const char* what, UtcMs from,
                                UtcMs to) {
  PLATEDESK_TRY(detail::CheckRole(
      ws, state, CanReviewAudit(ws, state.user.role),
      "reviewing the audit trail is for supervisors and auditors (and administrators where the agency enables it)"));
  PLATEDESK_TRY(CheckPeriod(from, to));
  AuditEvent e{.event = "audit.review",
               .outcome = Outcome::Success,
               .user = state.user.name,
               .session = state.id,
               .query = {{"what", what}, {"from", FormatIso8601(from)}, {"to", FormatIso8601(to)}}};
  PLATEDESK_TRY(detail::Record(ws, e));
  return ReviewOf(ws, from, to);
}

}  // namespace

Result<std::vector<oversight::Flag>> EmbeddedSession::ReviewFlags(UtcMs from, UtcMs to) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto review = ReadPeriod(ws, *mState, "review flags", from, to);
  if (!review) return review.Err();
  return std::move(review->flags);
}

Result<oversight::Activity> EmbeddedSession::ReviewActivity(UtcMs from, UtcMs to) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  auto review = ReadPeriod(ws, *mState, "review activity", from, to);
  if (!review) return review.Err();
  return std::move(review->activity);
}

Result<SignedOffReview> EmbeddedSession::SignOffReview(UtcMs from, UtcMs to, const std::string& noteText) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(
      ws, *mState, CanReviewAudit(ws, mState->user.role),
      "signing off an audit review is for supervisors and auditors (and administrators where the agency enables it)"));
  PLATEDESK_TRY(CheckPeriod(from, to));
  const std::string note = Trim(noteText);
  if (note.empty()) return Fail(ErrorCode::InvalidArgument, "write a note on what the review found", "note");
  auto review = ReviewOf(ws, from, to);
  if (!review) return review.Err();
  auto& flags = review->flags;
  nlohmann::json details{{"from", FormatIso8601(from)}, {"to", FormatIso8601(to)}, {"note", note}};
  std::map<std::string, std::size_t> byKind;
  for (const auto& f : flags) ++byKind[std::string(oversight::FlagKindName(f.kind))];
  for (const auto& [kind, n] : byKind) details["flags_" + kind] = std::to_string(n);
  AuditEvent e = detail::AdminEvent(*mState, "review.signed_off", {}, details.dump());
  e.resultCount = flags.size();
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  // A checkpoint that covers the sign-off's own record: the report carries it.
  auto checkpoint = detail::AuditOf(ws).SignCheckpoint();
  if (!checkpoint) return checkpoint.Err();
  store::ReviewSignOff signOff{0,
                               mState->user.name,
                               from,
                               to,
                               note,
                               flags.size(),
                               checkpoint->size,
                               checkpoint->note,
                               appended->time,
                               appended->seq};
  auto id = detail::StorageOf(ws).AddReviewSignOff(signOff);
  if (!id) return id.Err();
  signOff.id = *id;
  return SignedOffReview{std::move(signOff), std::move(flags), std::move(review->activity)};
}

Result<std::vector<std::filesystem::path>> WriteReviewReport(const SignedOffReview& review,
                                                             const std::filesystem::path& folder) {
  const store::ReviewSignOff& s = review.signOff;
  const oversight::SignOffReport report{"",     s.reviewer,       s.from,       s.to,         s.signedAt,
                                        s.note, s.checkpointSize, s.checkpoint, review.flags, review.activity};
  return oversight::WriteSignOffReport(report, s.id, folder);
}

Result<store::ReviewEntryNote> EmbeddedSession::NoteReviewEntry(std::uint64_t seq, const std::string& noteText) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, CanReviewAudit(ws, mState->user.role),
                                  "marking audit records reviewed is for supervisors and auditors (and administrators "
                                  "where the agency enables it)"));
  const std::string note = Trim(noteText);
  if (note.empty()) return Fail(ErrorCode::InvalidArgument, "write a note on what you found", "note");
  audit::RecordFilter one;
  one.fromSeq = seq;
  one.limit = 1;
  auto found = detail::AuditOf(ws).List(one);
  if (!found) return found.Err();
  if (seq == 0 || found->empty() || found->front().seq != seq)
    return Fail(ErrorCode::NotFound, "no such audit record", std::to_string(seq));
  AuditEvent e = detail::AdminEvent(*mState, "review.entry_noted", {"audit:" + std::to_string(seq)},
                                    nlohmann::json{{"note", note}}.dump());
  e.caseNumber = found->front().caseNumber;
  auto appended = detail::Append(ws, e);
  if (!appended) return appended.Err();
  store::ReviewEntryNote n{0, seq, mState->user.name, note, appended->time, appended->seq};
  auto id = detail::StorageOf(ws).AddReviewEntryNote(n);
  if (!id) return id.Err();
  n.id = *id;
  return n;
}

Result<std::vector<store::ReviewEntryNote>> EmbeddedSession::ReviewEntryNotes(std::uint64_t fromSeq,
                                                                              std::uint64_t toSeq) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(
      ws, *mState, CanReviewAudit(ws, mState->user.role),
      "reading review notes is for supervisors and auditors (and administrators where the agency enables it)"));
  if (fromSeq == 0 && toSeq == 0) toSeq = UINT64_MAX;
  return detail::StorageOf(ws).ReviewEntryNotes(fromSeq, toSeq);
}

Result<std::vector<store::ReviewSignOff>> EmbeddedSession::ReviewSignOffs() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(
      ws, *mState, CanReviewAudit(ws, mState->user.role),
      "audit review sign-offs are for supervisors and auditors (and administrators where the agency enables it)"));
  return detail::StorageOf(ws).ReviewSignOffs();
}

Result<std::vector<audit::StoredRecord>> EmbeddedSession::AuditRecords(const audit::RecordFilter& filter) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(
      ws, *mState, CanReviewAudit(ws, mState->user.role),
      "reviewing the audit trail is for supervisors and auditors (and administrators where the agency enables it)"));
  std::map<std::string, std::string> q;
  if (!filter.user.empty()) q["user"] = filter.user;
  if (!filter.caseNumber.empty()) q["case"] = filter.caseNumber;
  if (!filter.purposeCode.empty()) q["purpose"] = filter.purposeCode;
  if (!filter.eventType.empty()) q["event"] = filter.eventType;
  if (filter.from) q["from"] = FormatIso8601(*filter.from);
  if (filter.to) q["to"] = FormatIso8601(*filter.to);
  AuditEvent e{.event = "audit.review",
               .outcome = Outcome::Success,
               .user = mState->user.name,
               .session = mState->id,
               .query = q};
  // Recorded first, so the review itself is in the trail it returns.
  PLATEDESK_TRY(detail::Record(ws, e));
  return detail::AuditOf(ws).List(filter);
}

Result<AuditVerification> EmbeddedSession::VerifyAudit(const std::vector<std::string>& externalCheckpoints) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(CheckVerifier(ws, *mState, "verifying the audit log"));
  auto keys = detail::AuditOf(ws).KeyChain();
  if (!keys) return keys.Err();
  audit::VerifyOptions options;
  options.externalCheckpoints = externalCheckpoints;
  if (!keys->empty()) options.trustedKey = keys->front();
  auto report = audit::VerifyLog(detail::StorageOf(ws).Folder() / audit::kAuditDbFileName, options);
  if (!report) return report.Err();
  AuditVerification v;
  v.pass = report->ok;
  v.records = report->entries;
  v.checkpointsVerified = report->storedCheckpoints + report->externalCheckpoints;
  v.unanchoredTail = report->unanchoredTail;
  v.summary = report->ok ? "PASS" : "FAIL";
  if (!report->ok) {
    v.summary += ": " + std::string(audit::VerifyProblemName(report->problem));
    if (report->firstBadIndex) v.summary += " at index " + std::to_string(*report->firstBadIndex);
    v.summary += ": " + report->reason;
  }
  AuditEvent e{
      .event = "audit.verify",
      .outcome = report->ok ? Outcome::Success : Outcome::Failure,
      .user = mState->user.name,
      .session = mState->id,
      .detailsJson = detail::DetailsJson({{"verdict", v.summary},
                                          {"records", std::to_string(v.records)},
                                          {"external_checkpoints", std::to_string(externalCheckpoints.size())}})};
  PLATEDESK_TRY(detail::Record(ws, e));
  return v;
}

Result<std::string> EmbeddedSession::ExportCheckpoint() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(CheckVerifier(ws, *mState, "exporting a checkpoint"));
  auto cp = detail::AuditOf(ws).SignCheckpoint();
  if (!cp) return cp.Err();
  PLATEDESK_TRY(detail::Record(ws, {.event = "audit.export",
                                    .outcome = Outcome::Success,
                                    .user = mState->user.name,
                                    .session = mState->id,
                                    .objects = {"checkpoint:" + std::to_string(cp->size)}}));
  return cp->note;
}

Result<std::string> EmbeddedSession::AuditPublicKey() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::AuditOf(ws).VerifierKey();
}

}  // namespace platedesk::workstation
