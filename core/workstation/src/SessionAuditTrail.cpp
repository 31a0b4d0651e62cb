// SPDX-License-Identifier: GPL-3.0-or-later
// Session's audit-trail methods: review (supervisors, auditors), verification and checkpoint
// export (not detectives), the verifier key. Each is itself recorded in the trail.
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <map>
#include <mutex>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

bool CanReviewAudit(Role r) { return r == Role::Supervisor || r == Role::Auditor; }

// Verifying the log and exporting a checkpoint: every role but detective.
Status CheckVerifier(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& what) {
  return detail::CheckRole(ws, s, s.user.role != Role::Detective,
                           what + " is for supervisors, auditors and administrators");
}

}  // namespace

Result<std::vector<audit::StoredRecord>> EmbeddedSession::AuditRecords(const audit::RecordFilter& filter) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, CanReviewAudit(mState->user.role),
                                  "reviewing the audit trail is for supervisors and auditors"));
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
