// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/workstation/Session.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace platedesk::store {
class Storage;
}

namespace platedesk::workstation {

/// One opened storage folder with its audit log. The only way to reach LPR data is Login() ->
/// Session. Not thread-safe: a worker thread opens its own Workstation on the same folder.
class Workstation final : public Connection {
 public:
  /// Opens an existing storage (migrating an older schema) and its audit log (created on first
  /// open, with its signing key), and the evidence signing key (evidence::SigningKeys, created on
  /// first open). The folder is made 0700 and the files in it 0600 (POSIX), whatever they were.
  /// A storage from before the keys were separated (one key signed checkpoints and packages) is
  /// migrated: the audit log's keys become rotated-out evidence keys (its old packages still
  /// verify), a new evidence key is made (audit.key_rotated, which "evidence"), and the audit key is
  /// rotated, so the shared secret leaves the disk. Refuses a folder that another process's
  /// platedesk-server holds (store::ServerLock): two writers appending to one audit log would
  /// break its tree. Errors: NotFound, Unsupported, Corrupt (also: evidence keys missing from a
  /// storage that had them), Io, Locked (detail StorageServed: the message names the server;
  /// connect to it or stop it).
  [[nodiscard]] static Result<std::unique_ptr<Workstation>> Open(const std::filesystem::path& storage,
                                                                 const Clock& clock);
  ~Workstation();
  Workstation(const Workstation&) = delete;
  Workstation& operator=(const Workstation&) = delete;

  /// The system-use notice (CJIS AC-8) shown and acknowledged before login.
  [[nodiscard]] std::string Banner() const override;
  /// True for storages made by `platedesk-cli demo` (the login screen says so).
  [[nodiscard]] bool IsDemo() const override;
  /// Whether this agency requires a second factor (demo storages: no).
  [[nodiscard]] bool MfaRequired() const override;
  /// The storage folder.
  [[nodiscard]] std::string Describe() const override;
  [[nodiscard]] const std::filesystem::path& Folder() const;
  /// Counts only (no plate data, no login needed).
  [[nodiscard]] Result<Overview> GetOverview() override;
  /// The same counts from a worker thread: opens only the storage (its own connection), never the
  /// audit log, so the one audit writer stays the GUI thread's Workstation.
  /// Works on a folder a platedesk-server holds (counts only).
  [[nodiscard]] static Result<Overview> ReadOverview(const std::filesystem::path& storage, const Clock& clock);
  /// Every camera's health over the last `hours` hours (last heard, online or not, offline
  /// periods in the window; `platedesk-cli camera health`): no plate data, no login needed, opens
  /// only the storage (never the audit log), so it works on a folder a platedesk-server holds.
  /// Threshold: the camera_offline_after_s setting (default 10 minutes). Errors: InvalidArgument
  /// (hours < 1 or above 10 years), NotFound, Corrupt (the setting), Io.
  [[nodiscard]] static Result<std::vector<store::CameraHealth>> ReadCameraHealth(const std::filesystem::path& storage,
                                                                                 const Clock& clock, int hours);

  /// Records one of platedesk-server's own events (user "platedesk-server"; the log adds this
  /// host as the workstation). Fail closed: the error returns if the record was not written.
  /// Errors: InvalidArgument (not one of the four server events), Io (not written: the disk, or
  /// the log refused the record, e.g. details that are not a JSON object or a field it needs).
  [[nodiscard]] Status RecordServerEvent(const ServerEvent& event);

  /// Authenticates (access::Accounts::Authenticate: password first, then the one-time code when
  /// enrolled, every attempt counted) and returns a session. Every attempt is audited
  /// (login.success / login.failure / account.locked). Errors: InvalidArgument (banner not
  /// accepted, a new password that breaks the policy), Unauthenticated (the one answer for an
  /// unknown name or a wrong password; details SecondFactorNeeded / SecondFactorWrong after a
  /// right password), Locked, PermissionDenied (disabled; detail PasswordChangeNeeded).
  [[nodiscard]] Result<std::unique_ptr<Session>> Login(const LoginRequest& request) override;
  /// Resumes a CLI session from its bearer token, if it has not ended, idled out or passed
  /// 12 hours, and only with the binding it was made with (the same OS user and host). Errors:
  /// Unauthenticated (no such session for this binding, or it ended), Locked (idle: log in again).
  [[nodiscard]] Result<std::unique_ptr<Session>> Resume(const std::string& token, const std::string& binding) override;
  /// The newest checkpoint (signed now when records were appended since the last one, or the key
  /// changed), the consistency proof from knownSize and the key chain with its endorsements. No
  /// sign-in, not audited (no plate data). Errors: InvalidArgument (knownSize beyond the log), Io.
  [[nodiscard]] Result<CheckpointProof> LatestCheckpoint(std::uint64_t knownSize) override;

  /// Break-glass recovery for the host's administrator (`platedesk-cli user unlock NAME
  /// --local-admin`): releases a locked administrator account without signing in. The caller has
  /// checked that osUser can write the storage folder (which already gives full control of an
  /// embedded storage). Audited as account.recovered with the OS user and host; the account's
  /// other sessions end. Errors: NotFound, PermissionDenied (not an administrator account), Io.
  [[nodiscard]] Status RecoverAdministrator(const std::string& name, const std::string& osUser);

  /// Creates an account as "system": only for bootstrapping (a storage with no users yet, or a
  /// demo storage). Audited. Errors: PermissionDenied otherwise, and Accounts::AddUser's.
  [[nodiscard]] Status BootstrapUser(const std::string& name, store::Role role, const std::string& password,
                                     const std::string& displayName, bool trained);

  /// Sets mfa_required for a storage that has no users yet (`platedesk-cli init --no-mfa`: the
  /// agency's choice when it creates the storage), audited as config.changed by "system". Once a
  /// storage has users, only administrators change it (Session::SetSetting). Errors:
  /// PermissionDenied (users exist), InvalidArgument (not 0 or 1).
  [[nodiscard]] Status BootstrapMfaRequired(bool required);

  /// The retention purge without a session, as the schedule runs it (the app at open and daily,
  /// platedesk-server daily): Session::PurgeExpired's work recorded as kRetentionScheduleUser.
  /// When nothing is past retention it returns the (zero) counts and records nothing. Safe on a
  /// worker thread (the facade lock; the deletes run on a connection of their own).
  /// Errors: as Session::PurgeExpired.
  [[nodiscard]] Result<std::optional<RetentionReport>> PurgeOnSchedule(std::stop_token stop,
                                                                       const ProgressFn& progress) override;

  /// Signs a checkpoint if events happened since the last one (called at shutdown too).
  [[nodiscard]] Status Checkpoint();

  struct Impl;  ///< opaque

 private:
  friend class EmbeddedSession;
  explicit Workstation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

/// The embedded Session: the rules and the audit log of the storage folder this process opened.
/// Every data method checks the session (not locked, not past 12 hours), the user's role and
/// training, the access context, writes the audit entry, and only then touches data; if the audit
/// write fails the action fails. platedesk-server hosts one per signed-in workstation user.
///
/// Threads: calls are serialised by one lock in the Workstation (the storage connection and the
/// audit log's one writer are used by one thread at a time), so a worker thread may call Search
/// or GetImage while the GUI thread calls other methods. The index phase of Search/MultiScene runs
/// outside that lock, so other calls do not wait for a long search. The Session and its
/// Workstation must outlive every call in flight (the GUI lends them to workers by shared_ptr).
class EmbeddedSession final : public Session {
 public:
  ~EmbeddedSession() override;
  EmbeddedSession(const EmbeddedSession&) = delete;
  EmbeddedSession& operator=(const EmbeddedSession&) = delete;

  [[nodiscard]] const UserInfo& User() const override;
  [[nodiscard]] UtcMs StartedAt() const override;
  [[nodiscard]] const std::string& Id() const override;
  [[nodiscard]] const std::string& Token() const override;
  [[nodiscard]] bool IsLocked() override;
  [[nodiscard]] bool HasEnded() override;
  [[nodiscard]] Status RecordActivity() override;
  [[nodiscard]] UtcMs IdleLimit() override;
  [[nodiscard]] Status Lock() override;
  [[nodiscard]] Status Unlock(const std::string& password, const std::string& totp) override;
  [[nodiscard]] Status ChangePassword(const std::string& currentPassword, const std::string& currentTotp,
                                      const std::string& newPassword) override;
  [[nodiscard]] Status ConfirmTotp(const std::string& code) override;
  [[nodiscard]] Status Logout() override;
  [[nodiscard]] std::optional<std::string> DataBlockedReason() override;

  [[nodiscard]] Result<Overview> GetOverview() override;

  // --- plate data: access context required, audited first ----------------------------------
  [[nodiscard]] Result<std::vector<store::Read>> GetReads(const AccessContext& context,
                                                          std::span<const store::ReadId> ids) override;
  [[nodiscard]] Result<std::string> GetImage(const AccessContext& context, const std::string& sha256) override;
  [[nodiscard]] Result<std::vector<PlateImage>> GetPlateImages(const AccessContext& context,
                                                               std::span<const store::ReadId> reads) override;
  [[nodiscard]] Result<store::Verification> VerifyRead(const AccessContext& context, store::ReadId read) override;
  [[nodiscard]] Result<store::Correction> ReportMisread(const AccessContext& context, store::ReadId read,
                                                        const std::string& plate, const std::string& state,
                                                        const std::string& reason) override;
  [[nodiscard]] Result<ReadChecks> GetReadChecks(const AccessContext& context, store::ReadId read) override;
  [[nodiscard]] Result<SavedResults> SaveResults(const AccessContext& context, const search::Query& query,
                                                 std::span<const store::ReadId> reads,
                                                 const std::string& format) override;

  [[nodiscard]] Result<SearchOutcome> Search(const AccessContext& context, const search::Query& query,
                                             const search::SearchOptions& options, bool withReads, std::stop_token stop,
                                             const ProgressFn& progress) override;
  [[nodiscard]] Result<std::vector<search::SceneVehicle>> MultiScene(const AccessContext& context,
                                                                     const search::MultiSceneQuery& query,
                                                                     std::stop_token stop) override;

  [[nodiscard]] Result<EvidenceExport> ExportEvidence(const AccessContext& context, const EvidenceRequest& request,
                                                      std::stop_token stop, const ProgressFn& progress) override;
  [[nodiscard]] std::vector<evidence::RemovableDrive> RemovableDrives() override;
  [[nodiscard]] Result<std::vector<std::string>> EvidenceKeys() override;
  [[nodiscard]] Result<evidence::PackageVerification> VerifyEvidence(const std::filesystem::path& path,
                                                                     const std::optional<std::string>& passphrase,
                                                                     std::stop_token stop,
                                                                     const ProgressFn& progress) override;

  // --- cases ------------------------------------------------------------------------------------
  [[nodiscard]] Result<std::size_t> CollectForCase(const AccessContext& context,
                                                   std::span<const store::ReadId> reads) override;
  [[nodiscard]] Result<CaseSummary> GetCaseSummary(const AccessContext& context) override;
  [[nodiscard]] Result<store::Hold> PlaceHold(const AccessContext& context, const HoldRequest& request) override;
  [[nodiscard]] Result<std::vector<store::Hold>> Holds(const store::HoldFilter& filter) override;
  [[nodiscard]] Status ReleaseHold(std::int64_t id, const std::string& reason) override;
  [[nodiscard]] Status ReviewHold(std::int64_t id, const std::string& note) override;

  // --- camera data ---------------------------------------------------------------------------
  [[nodiscard]] Result<std::vector<store::Camera>> Cameras() override;
  [[nodiscard]] Result<std::vector<store::CameraHealth>> CameraHealthList(int hours) override;
  [[nodiscard]] Result<store::Camera> ChangeCamera(const CameraChange& change) override;

  [[nodiscard]] Result<ingest::ImportSummary> Import(std::span<const std::filesystem::path> paths, std::stop_token stop,
                                                     const ProgressFn& progress) override;

  // --- cases and purposes ---------------------------------------------------------------------
  [[nodiscard]] Result<std::vector<store::PurposeRecord>> Purposes() override;
  [[nodiscard]] Status AddPurpose(const std::string& code, const std::string& label, bool needsApproval,
                                  const std::vector<store::Role>& roles) override;
  [[nodiscard]] Status SetPurposeDisabled(const std::string& code, bool disabled) override;
  [[nodiscard]] Status RegisterCase(const std::string& number, const std::string& title,
                                    const std::string& lead) override;
  [[nodiscard]] Status SetCaseOpen(const std::string& number, bool open) override;
  [[nodiscard]] Result<std::vector<store::CaseRecord>> Cases() override;
  [[nodiscard]] Result<std::vector<store::Agency>> Agencies() override;
  [[nodiscard]] Result<store::Agency> SaveAgency(const store::Agency& agency, const store::Document& mou) override;
  [[nodiscard]] Result<store::DisseminationRecord> RequestDissemination(const store::DisseminationRequest& request,
                                                                        const store::Document& document) override;
  [[nodiscard]] Result<store::DisseminationRecord> ReviewDissemination(std::int64_t request, bool approve,
                                                                       const std::string& reason) override;
  [[nodiscard]] Result<store::DisseminationRecord> RecordReceipt(std::int64_t request, const std::string& signedBy,
                                                                 UtcMs signedAt, const store::Document& scan) override;
  [[nodiscard]] Result<std::vector<store::DisseminationRecord>> Disseminations(
      const store::DisseminationFilter& filter) override;
  [[nodiscard]] Result<std::vector<store::DisseminationNotice>> DisseminationNotices(bool openOnly) override;
  [[nodiscard]] Result<store::DisseminationNotice> MarkNoticeSent(std::int64_t notice,
                                                                  const std::string& method) override;
  [[nodiscard]] Result<store::Document> DisseminationDocument(const std::string& sha256) override;
  [[nodiscard]] Result<std::vector<oversight::Flag>> ReviewFlags(UtcMs from, UtcMs to) override;
  [[nodiscard]] Result<oversight::Activity> ReviewActivity(UtcMs from, UtcMs to) override;
  [[nodiscard]] Result<PublishedReport> PublishTransparency(UtcMs from, UtcMs to,
                                                            oversight::TransparencyFormat format) override;
  [[nodiscard]] Result<SignedOffReview> SignOffReview(UtcMs from, UtcMs to, const std::string& note) override;
  [[nodiscard]] Result<std::vector<store::ReviewSignOff>> ReviewSignOffs() override;
  [[nodiscard]] Result<store::ReviewEntryNote> NoteReviewEntry(std::uint64_t seq, const std::string& note) override;
  [[nodiscard]] Result<std::vector<store::ReviewEntryNote>> ReviewEntryNotes(std::uint64_t fromSeq,
                                                                             std::uint64_t toSeq) override;
  [[nodiscard]] Result<oversight::ApprovalRules> ApprovalPolicy() override;
  [[nodiscard]] Result<MapSettings> MapSource() override;
  [[nodiscard]] Result<store::SearchApproval> RequestApproval(const AccessContext& context,
                                                              const ApprovalSubject& subject) override;
  [[nodiscard]] Result<std::vector<store::SearchApproval>> Approvals(const store::ApprovalFilter& filter) override;
  [[nodiscard]] Result<store::SearchApproval> DecideApproval(std::int64_t approval, bool approve,
                                                             const std::string& reason, int hours) override;

  // --- users (administrators; every change audited) -------------------------------------------
  [[nodiscard]] Result<std::vector<UserSummary>> Users() override;
  [[nodiscard]] Result<UserSummary> OwnAccount() override;
  [[nodiscard]] Status AddUser(const std::string& name, store::Role role, const std::string& password,
                               const std::string& displayName) override;
  [[nodiscard]] Status SetRole(const std::string& name, store::Role role) override;
  [[nodiscard]] Status SetDisabled(const std::string& name, bool disabled) override;
  [[nodiscard]] Status UnlockUser(const std::string& name) override;
  [[nodiscard]] Status ResetPassword(const std::string& name, const std::string& password) override;
  [[nodiscard]] Result<std::string> EnrollTotp(const std::string& name, const std::string& currentPassword,
                                               const std::string& currentTotp) override;
  [[nodiscard]] Status SetTraining(const std::string& name, UtcMs completed, std::optional<UtcMs> expires) override;
  [[nodiscard]] Status SetSetting(const std::string& key, const std::string& value) override;
  [[nodiscard]] Result<std::vector<AgencySetting>> Settings() override;

  // --- the storage server's ingest tokens (administrators; every change audited) ----------------
  [[nodiscard]] Result<NewIngestToken> AddIngestToken(const std::string& name, const std::vector<std::string>& cameras,
                                                      double readsPerSecond) override;
  [[nodiscard]] Result<std::vector<store::IngestToken>> IngestTokens() override;
  [[nodiscard]] Status RevokeIngestToken(const std::string& name, const std::string& reason) override;

  // --- retention (administrators; counts only, no plate data) -----------------------------------
  [[nodiscard]] Result<int> RetentionDays() override;
  [[nodiscard]] Result<RetentionReport> PurgeExpired(std::stop_token stop, const ProgressFn& progress) override;
  [[nodiscard]] Result<RetentionReport> CountExpired() override;

  // --- the audit trail (supervisors and auditors; administrators may verify) ---------------------
  [[nodiscard]] Result<std::vector<audit::StoredRecord>> AuditRecords(const audit::RecordFilter& filter) override;
  [[nodiscard]] Result<AuditVerification> VerifyAudit(const std::vector<std::string>& externalCheckpoints) override;
  [[nodiscard]] Result<std::string> ExportCheckpoint() override;
  [[nodiscard]] Result<std::string> AuditPublicKey() override;
  [[nodiscard]] Result<AuditKeyRotation> RotateAuditKey() override;
  [[nodiscard]] Result<AuditKeyRotation> RotateEvidenceKey() override;
  [[nodiscard]] Result<AuditPruneReport> PruneAudit(UtcMs before) override;

  struct State;  ///< opaque

 private:
  [[nodiscard]] Status DecideHold(std::int64_t id, const std::string& reason, bool release);
  friend class Workstation;
  EmbeddedSession(Workstation& owner, std::unique_ptr<State> state);
  Workstation& mOwner;
  std::unique_ptr<State> mState;
};

}  // namespace platedesk::workstation
