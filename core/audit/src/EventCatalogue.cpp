// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/EventCatalogue.h"

namespace platedesk::audit {

const std::vector<std::string_view>& CommonRecordFields() {
  static const std::vector<std::string_view> kFields = {"app_version", "event", "nonce", "outcome",
                                                        "seq",         "time",  "user",  "workstation"};
  return kFields;
}

const std::vector<std::string_view>& OptionalRecordFields() {
  static const std::vector<std::string_view> kFields = {
      "bytes",        "case",  "clock_back_ms", "details",      "justification", "objects", "purpose_code",
      "purpose_text", "query", "reason",        "result_count", "result_hash",   "session"};
  return kFields;
}

// Why these fields: CJIS AU-3 (what, when, where, source, outcome, identity, objects), Cal. Civ.
// Code §1798.90.52 (query elements, user, purpose) and the agency policies in REFERENCE.md §1.
const std::vector<EventTypeInfo>& EventCatalogue() {
  static const std::vector<EventTypeInfo> kCatalogue = {
      {"login.success", {"session"}, "a user signed in"},
      {"login.failure", {"reason"}, "a sign-in failed (user = the name tried)"},
      {"account.locked", {"objects", "reason"}, "an account was locked (failures or an administrator)"},
      {"account.unlocked", {"objects", "session"}, "an administrator released a locked account"},
      {"account.recovered",
       {"details", "objects", "reason"},
       "break-glass: the host's administrator (write access to the storage folder) released an administrator account"},
      {"logout", {"session"}, "a user signed out"},
      {"session.locked", {"reason", "session"}, "a session was locked (idle or by the user)"},
      {"session.unlocked", {"session"}, "a user re-authenticated to a locked session"},
      {"password.changed", {"objects"}, "a password was changed or reset"},
      {"totp.enrolled", {"objects"}, "an authenticator app was enrolled (pending until its first code)"},
      {"totp.confirmed", {"objects"}, "a user confirmed an enrolled authenticator with its first code"},
      {"role.changed", {"details", "objects", "session"}, "a user's role changed"},
      {"training.changed", {"details", "objects", "session"}, "a user's training date changed"},
      {"user.added", {"details", "objects", "session"}, "a user account was created"},
      {"user.disabled", {"objects", "session"}, "a user account was disabled"},
      {"search.start",
       {"case", "justification", "purpose_code", "purpose_text", "query", "session"},
       "a search was started (before any result is shown)"},
      {"search.result", {"case", "result_count", "result_hash", "session"}, "a search's results were delivered"},
      {"search.refused", {"reason", "session"}, "a search was refused (no case, prohibited purpose, ...)"},
      {"results.saved",
       {"case", "details", "justification", "objects", "purpose_code", "purpose_text", "query", "result_count",
        "result_hash", "session"},
       "a search's rows were saved to a file (details: format, file_sha256; objects: the reads)"},
      {"access.refused", {"reason", "session"}, "an access to reads or images was refused (rules, role, training)"},
      {"import", {"details", "session"}, "camera files were imported (counts, files)"},
      {"case.registered", {"case", "session"}, "a case was registered or its status changed"},
      {"case.collected",
       {"case", "justification", "objects", "purpose_code", "purpose_text", "session"},
       "reads were collected for a case (\"add to case\": a hold that retention respects)"},
      {"hold.placed",
       {"case", "details", "justification", "objects", "purpose_code", "purpose_text", "reason", "session"},
       "a hold was placed for a case (details: kind, window; objects: its reads, or an order's cameras and plates)"},
      {"hold.released", {"case", "details", "objects", "reason", "session"}, "a supervisor released a hold"},
      {"hold.reviewed",
       {"case", "details", "objects", "reason", "session"},
       "a supervisor reviewed a hold in force and kept it (reason: the note)"},
      {"case.reviewed",
       {"case", "justification", "purpose_code", "purpose_text", "session"},
       "a case's record was opened: its collected and held reads, searches and exports"},
      {"read.viewed", {"case", "objects", "session"}, "reads were opened in detail"},
      {"image.opened", {"case", "objects", "session"}, "plate or overview images were opened"},
      {"read.verified", {"case", "objects", "session"}, "a user confirmed a read by looking at its images"},
      {"read.corrected",
       {"case", "details", "objects", "session"},
       "a misread was reported (a correction; the read stays)"},
      {"export.start", {"case", "objects", "purpose_code", "session"}, "an evidence export was started"},
      {"export.result", {"bytes", "case", "objects", "result_hash", "session"}, "an evidence export finished"},
      {"dissemination.*", {"case", "objects", "session"}, "a release request, approval, release or correction"},
      {"purge", {"details", "result_count"}, "reads past retention were hard-deleted (counts)"},
      {"retention.start",
       {"details", "result_count", "session"},
       "a retention purge was started (cutoff, expected counts), before any read is deleted"},
      {"retention.purge",
       {"bytes", "details", "result_count", "session"},
       "a retention purge finished, failed or was stopped (reads deleted and held, images, bytes freed)"},
      {"retention.dry_run", {"details", "result_count", "session"}, "what a retention purge would delete was counted"},
      {"camera.changed",
       {"details", "objects", "session"},
       "an administrator added, renamed, moved, re-kinded or retired a camera (details: action and fields)"},
      {"config.changed", {"details", "session"}, "configuration changed (retention, purposes, cameras, ...)"},
      {"audit.review", {"session"}, "the audit trail was reviewed"},
      {"review.entry_noted",
       {"details", "objects", "session"},
       "a reviewer marked one audit record reviewed with a note (objects: audit:<seq>)"},
      {"approval.request",
       {"case", "details", "justification", "purpose_code", "query", "session"},
       "a user asked a supervisor to approve one exact search (why it needs approval in details)"},
      {"approval.decision",
       {"case", "details", "objects", "query", "session"},
       "a supervisor approved (until a time) or denied (with a reason) a search approval request"},
      {"approval.refused", {"objects", "reason", "session"}, "a decision on an approval request was refused"},
      {"review.signed_off",
       {"details", "result_count", "session"},
       "a reviewer signed off a period of the audit trail (its flags counted; a checkpoint covers the record)"},
      {"audit.verify", {"details"}, "the audit log was verified"},
      {"audit.export", {"objects", "session"}, "audit records or checkpoints were exported"},
      {"checkpoint.signed", {"details"}, "a checkpoint was signed and handed out (export, report)"},
      {"audit.pruned", {"details", "result_count"}, "records older than a year were tombstoned"},
      {"audit.key_rotated",
       {"details"},
       "a signing key was replaced or created (details.which: \"audit\" checkpoints, the default, or \"evidence\" "
       "packages)"},
      {"token.added", {"details", "objects", "session"}, "an ingest token was issued to a camera or agent"},
      {"token.listed", {"session"}, "the ingest tokens were listed (names and cameras, never the tokens)"},
      {"token.revoked", {"objects", "reason", "session"}, "an ingest token was revoked"},
      {"ingest.auth_failed",
       {"details", "result_count"},
       "posts to the storage server with an unknown or revoked token (one record per source and burst)"},
      {"ingest.refused", {"details", "objects", "reason"}, "a token posted for a camera it may not post for"},
      {"server.started", {"details"}, "platedesk-server took the storage and began listening"},
      {"server.stopped", {"details"}, "platedesk-server stopped (counts since its start)"},
      {"session.refused",
       {"objects", "reason"},
       "platedesk-server refused a workstation's session token (unknown, ended, or from another address)"},
  };
  return kCatalogue;
}

const EventTypeInfo* FindEventType(std::string_view type) {
  for (const auto& info : EventCatalogue()) {
    const bool isFamily = info.name.size() > 2 && info.name.substr(info.name.size() - 2) == ".*";
    if (!isFamily && info.name == type) return &info;
    if (isFamily) {
      const std::string_view family = info.name.substr(0, info.name.size() - 1);  // keeps the dot
      if (type.size() > family.size() && type.substr(0, family.size()) == family) {
        bool ok = true;
        for (char c : type.substr(family.size()))
          ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
        if (ok) return &info;
      }
    }
  }
  return nullptr;
}

}  // namespace platedesk::audit
