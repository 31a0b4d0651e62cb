// SPDX-License-Identifier: GPL-3.0-or-later
// EmbeddedSession::RotateAuditKey / PruneAudit: the audit log's key rotation and record pruning through
// the facade (administrators; each is itself an audit event, written by core/audit in the same
// transaction as the change).
#include "SessionInternal.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/evidence/Package.h"
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

Result<AuditPruneReport> EmbeddedSession::PruneAudit(UtcMs before) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "pruning the audit log is for administrators"));
  auto report = detail::AuditOf(ws).Prune(before, detail::UserOf(*mState).name, detail::SessionIdOf(*mState));
  if (!report) return report.Err();
  return AuditPruneReport{report->fromSeq, report->toSeq, report->pruned};
}

}  // namespace platedesk::workstation
