// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "platedesk/access/Policy.h"
#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/search/Query.h"
#include "platedesk/store/Types.h"

namespace platedesk::store {
class Storage;
}
namespace platedesk::audit {
class AuditLog;
struct StoredRecord;
struct RecordFilter;
}  // namespace platedesk::audit

namespace platedesk::workstation {

class Session;
using access::AccessContext;

/// Counts shown before or after login (no plate data): the status bar and `platedesk-cli status`.
using Overview = store::StorageStatus;

/// The signed-in user as views may show it.
struct UserInfo {
  std::string name;
  std::string displayName;
  store::Role role = store::Role::Detective;
};

/// What a user types to sign in.
struct LoginRequest {
  std::string user;
  std::string password;
  std::string totp;             ///< one-time code; required when the user has enrolled one
  bool bannerAccepted = false;  ///< the system-use notice (CJIS AC-8) was acknowledged
  std::string kind = "gui";     ///< "gui" or "cli"
};

/// A user account as the Users panel and `user list` show it (no password hash, no TOTP secret).
struct UserSummary {
  std::string name;
  std::string displayName;
  store::Role role = store::Role::Detective;
  bool disabled = false;
  bool locked = false;
  bool totpEnrolled = false;
  std::optional<UtcMs> trainingCompleted;
  std::optional<UtcMs> trainingExpires;
};

/// Result of verifying the audit log (read-only).
struct AuditVerification {
  bool pass = false;
  std::string summary;          ///< one line: PASS/FAIL, first bad index, reason
  std::uint64_t records = 0;
  std::uint64_t checkpointsVerified = 0;
  std::uint64_t unanchoredTail = 0;  ///< records after the newest external checkpoint
};

/// Settings keys (meta table).
inline constexpr std::string_view kIdleMinutesSetting = "idle_minutes";    ///< default 30
inline constexpr std::string_view kMfaRequiredSetting = "mfa_required";    ///< "1" (default) or "0"
inline constexpr UtcMs kMaxSessionMs = 12 * kMsPerHour;                      ///< CJIS IA-11 re-authentication

/// One opened storage folder with its audit log. The only way to reach LPR data is Login() ->
/// Session. Not thread-safe: a worker thread opens its own Workstation on the same folder.
class Workstation {
 public:
  /// Opens an existing storage (migrating an older schema) and its audit log (created on first
  /// open, with its signing key). Errors: NotFound, Unsupported, Corrupt, Io.
  [[nodiscard]] static Result<std::unique_ptr<Workstation>> Open(const std::filesystem::path& storage,
                                                                 const Clock& clock);
  ~Workstation();
  Workstation(const Workstation&) = delete;
  Workstation& operator=(const Workstation&) = delete;

  /// The system-use notice (CJIS AC-8) shown and acknowledged before login.
  [[nodiscard]] std::string Banner() const;
  /// True for storages made by `platedesk-cli demo` (the login screen says so).
  [[nodiscard]] bool IsDemo() const;
  /// Whether this agency requires a second factor (demo storages: no).
  [[nodiscard]] bool MfaRequired() const;
  [[nodiscard]] const std::filesystem::path& Folder() const;
  /// Counts only (no plate data, no login needed).
  [[nodiscard]] Result<Overview> GetOverview();
  /// The same counts from a worker thread: opens only the storage (its own connection), never the
  /// audit log, so the one audit writer stays the GUI thread's Workstation.
  [[nodiscard]] static Result<Overview> ReadOverview(const std::filesystem::path& storage, const Clock& clock);

  /// Authenticates (password, then the one-time code when enrolled) and returns a session. Every
  /// attempt is audited (login.success / login.failure / account.locked). Errors:
  /// InvalidArgument (banner not accepted), Unauthenticated, Locked, PermissionDenied.
  [[nodiscard]] Result<std::unique_ptr<Session>> Login(const LoginRequest& request);
  /// Resumes a CLI session from its bearer token, if it has not ended, idled out or passed
  /// 12 hours. Errors: Unauthenticated (no such session, or it ended), Locked (idle: log in again).
  [[nodiscard]] Result<std::unique_ptr<Session>> Resume(const std::string& token);

  /// Creates an account as "system": only for bootstrapping (a storage with no users yet, or a
  /// demo storage). Audited. Errors: PermissionDenied otherwise, and Accounts::AddUser's.
  [[nodiscard]] Status BootstrapUser(const std::string& name, store::Role role, const std::string& password,
                                     const std::string& displayName, bool trained);

  /// Signs a checkpoint if events happened since the last one (called at shutdown too).
  [[nodiscard]] Status Checkpoint();

  struct Impl;  ///< opaque

 private:
  friend class Session;
  explicit Workstation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

/// A logged-in user's session: the one door to LPR data for the GUI and the CLI. Every data
/// method checks the session (not locked, not past 12 hours), the user's role and training, the
/// access context (case number, purpose, justification), writes the audit entry, and only then
/// touches data; if the audit write fails the action fails. Not thread-safe.
class Session {
 public:
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  [[nodiscard]] const UserInfo& User() const;
  [[nodiscard]] UtcMs StartedAt() const;
  /// Public id written in audit records.
  [[nodiscard]] const std::string& Id() const;
  /// Bearer token for Workstation::Resume (CLI); keep it secret.
  [[nodiscard]] const std::string& Token() const;
  /// True when the idle limit has passed or Lock() was called; data methods then fail (Locked).
  /// Asking does not count as activity (the GUI polls it), so polling never keeps a session open.
  [[nodiscard]] bool IsLocked();
  /// True after Logout(), past the 12-hour limit, or once the account was found disabled; only
  /// signing in again helps. Asking does not count as activity.
  [[nodiscard]] bool HasEnded();
  /// Counts user input seen by the GUI (keys, mouse) as activity: resets the idle timer as every
  /// other call does. Errors: Locked (the idle limit had already passed: the session is now
  /// locked, audited), Unauthenticated (the session has ended).
  [[nodiscard]] Status RecordActivity();
  /// The agency's idle limit (setting idle_minutes, default 30, 1 minute to 24 hours).
  [[nodiscard]] UtcMs IdleLimit();
  /// Locks now (the user stepped away). Audited.
  [[nodiscard]] Status Lock();
  /// Re-authenticates a locked session with the password (and one-time code when enrolled).
  [[nodiscard]] Status Unlock(const std::string& password, const std::string& totp = {});
  /// Ends the session (audited, checkpoint signed). Further calls fail with Unauthenticated.
  [[nodiscard]] Status Logout();
  /// Why data is out of reach for this user right now (training, MFA enrolment), or nullopt.
  [[nodiscard]] std::optional<std::string> DataBlockedReason();

  /// Counts for the status bar (no plate data).
  [[nodiscard]] Result<Overview> GetOverview();

  // --- plate data: access context required, audited first ----------------------------------
  /// Reads in detail (audited as read.viewed with their ids).
  [[nodiscard]] Result<std::vector<store::Read>> GetReads(const AccessContext& context, std::span<const store::ReadId> ids);
  /// Image bytes (audited as image.opened).
  [[nodiscard]] Result<std::string> GetImage(const AccessContext& context, const std::string& sha256);

  /// Runs a search (core/search): records search.start with every query element first, then the
  /// search, then search.result with the count and a hash of the result ids. The first page reaches
  /// options.onBatch only after search.start is committed. Reads for the returned hits are filled
  /// in `reads` (same order) when withReads is true. Errors: the rules' (refusal audited as
  /// search.refused), InvalidArgument (bad pattern), Cancelled.
  struct SearchOutcome {
    search::SearchResult result;
    std::vector<store::Read> reads;
  };
  [[nodiscard]] Result<SearchOutcome> Search(const AccessContext& context, const search::Query& query,
                                             const search::SearchOptions& options = {}, bool withReads = false,
                                             std::stop_token stop = {}, const ProgressFn& progress = {});
  /// Multi-scene search (2-5 scenes, vehicles seen in at least m). A broad search: supervisors only
  /// until the approval queue exists. Audited like Search.
  [[nodiscard]] Result<std::vector<search::SceneVehicle>> MultiScene(const AccessContext& context,
                                                                    const search::MultiSceneQuery& query,
                                                                    std::stop_token stop = {});

  // --- camera data (administrators) ---------------------------------------------------------
  /// Imports camera files (ingest::Importer); audited with counts. Errors: PermissionDenied, Importer's.
  [[nodiscard]] Result<ingest::ImportSummary> Import(std::span<const std::filesystem::path> paths,
                                                     std::stop_token stop = {}, const ProgressFn& progress = {});

  // --- cases and purposes ---------------------------------------------------------------------
  [[nodiscard]] Result<std::vector<store::PurposeRecord>> Purposes();
  /// Administrators. Audited as config.changed.
  [[nodiscard]] Status AddPurpose(const std::string& code, const std::string& label, bool needsApproval);
  [[nodiscard]] Status SetPurposeDisabled(const std::string& code, bool disabled);
  /// Detectives, supervisors and administrators; the number must match the agency format.
  [[nodiscard]] Status RegisterCase(const std::string& number, const std::string& title, const std::string& lead);
  [[nodiscard]] Status SetCaseOpen(const std::string& number, bool open);
  [[nodiscard]] Result<std::vector<store::CaseRecord>> Cases();

  // --- users (administrators; every change audited) -------------------------------------------
  [[nodiscard]] Result<std::vector<UserSummary>> Users();
  [[nodiscard]] Status AddUser(const std::string& name, store::Role role, const std::string& password,
                               const std::string& displayName = {});
  [[nodiscard]] Status SetRole(const std::string& name, store::Role role);
  [[nodiscard]] Status SetDisabled(const std::string& name, bool disabled);
  [[nodiscard]] Status UnlockUser(const std::string& name);
  [[nodiscard]] Status ResetPassword(const std::string& name, const std::string& password);
  /// Creates a new TOTP secret and returns the otpauth:// URI (shown once). A user may enrol
  /// themself; administrators may enrol anyone.
  [[nodiscard]] Result<std::string> EnrollTotp(const std::string& name);
  /// Records training; expires defaults to one year after completed.
  [[nodiscard]] Status SetTraining(const std::string& name, UtcMs completed, std::optional<UtcMs> expires);
  /// Agency settings (administrators): case_pattern, unregistered_case, closed_case, idle_minutes,
  /// mfa_required, banner. Audited as config.changed.
  [[nodiscard]] Status SetSetting(const std::string& key, const std::string& value);

  // --- the audit trail (supervisors and auditors; administrators may verify) ---------------------
  /// Records matching filter, in log order; audited as audit.review.
  [[nodiscard]] Result<std::vector<audit::StoredRecord>> AuditRecords(const audit::RecordFilter& filter);
  /// Verifies the whole log (read-only) against checkpoints held elsewhere; audited.
  [[nodiscard]] Result<AuditVerification> VerifyAudit(const std::vector<std::string>& externalCheckpoints);
  /// Signs and returns the newest checkpoint (C2SP signed note) to keep elsewhere; audited.
  [[nodiscard]] Result<std::string> ExportCheckpoint();
  /// The verifier key (signed-note form) and its fingerprint, for administrators and reports.
  [[nodiscard]] Result<std::string> AuditPublicKey();

  struct State;  ///< opaque

 private:
  friend class Workstation;
  Session(Workstation& owner, std::unique_ptr<State> state);
  Workstation& mOwner;
  std::unique_ptr<State> mState;
};

}  // namespace platedesk::workstation
