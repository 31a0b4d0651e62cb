// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::RotateAuditKey / RotateEvidenceKey / PruneAudit: the two signing keys' rotation
// and the audit log's record pruning through the facade (administrators; each is itself an audit
// event, recorded before or with the change).
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"
#include "platedesk/workstation/Workstation.h"

namespace platedesk::workstation {

Result<AuditKeyRotation> EmbeddedSession::RotateAuditKey() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "rotating the audit signing key is for administrators"));
  auto& log = detail::AuditOf(ws);
  auto oldKey = log.VerifierKey();
  if (!oldKey) return oldKey.Err();
  // Signs a last checkpoint with the old key, records audit.key_rotated (old and new key), stores
  // the new key endorsed by the old one, replaces the key file, signs a checkpoint with the new key.
  auto newKey = log.RotateKey(detail::UserOf(*mState).name, detail::SessionIdOf(*mState));
  if (!newKey) return newKey.Err();
  AuditKeyRotation out;
  out.oldKey = *oldKey;
  out.newKey = *newKey;
  auto fingerprint = evidence::KeyFingerprint(*newKey);
  if (fingerprint) out.newFingerprint = *fingerprint;
  return out;
}

Result<AuditKeyRotation> EmbeddedSession::RotateEvidenceKey() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "rotating the evidence signing key is for administrators"));
  auto& keys = detail::EvidenceKeysOf(ws);
  AuditKeyRotation out;
  out.oldKey = keys.VerifierKey();
  // The new secret is on disk before audit.key_rotated is recorded; the key is put into use only
  // after the record is committed (fail closed), and the old public key stays in the list.
  auto newKey = keys.Rotate(detail::ClockOf(ws).Now(), [&](const std::string& oldKey, const std::string& fresh) {
    return detail::Record(ws, detail::EvidenceKeyEvent(detail::UserOf(*mState).name, detail::SessionIdOf(*mState),
                                                       oldKey, fresh, "rotated by an administrator"));
  });
  if (!newKey) return newKey.Err();
  out.newKey = *newKey;
  auto fingerprint = evidence::KeyFingerprint(*newKey);
  if (fingerprint) out.newFingerprint = *fingerprint;
  return out;
}

Result<AuditPruneReport> EmbeddedSession::PruneAudit(UtcMs before) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "pruning the audit log is for administrators"));
  // The agency's own period for the log (audit_retention_days) binds an administrator too.
  auto periods = detail::RetentionPeriodsOf(detail::StorageOf(ws));
  if (!periods) return periods.Err();
  if (before > detail::ClockOf(ws).Now() - periods->audit)
    return Fail(ErrorCode::InvalidArgument,
                "the agency keeps audit records " + FormatRetentionPeriod(periods->audit) +
                    " (audit_retention_days): choose an earlier date",
                FormatIso8601(before));
  auto report = detail::AuditOf(ws).Prune(before, detail::UserOf(*mState).name, detail::SessionIdOf(*mState));
  if (!report) return report.Err();
  return AuditPruneReport{report->fromSeq, report->toSeq, report->pruned};
}

}  // namespace platedesk::workstation
