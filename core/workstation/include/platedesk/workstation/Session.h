// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/access/Policy.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/oversight/Activity.h"
#include "platedesk/oversight/Approval.h"
#include "platedesk/oversight/Flags.h"
#include "platedesk/oversight/Transparency.h"
#include "platedesk/search/Query.h"
#include "platedesk/store/Dissemination.h"
#include "platedesk/store/Types.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace platedesk::workstation {

class Session;
using access::AccessContext;
/// The fewest characters an access context's justification may have (Session refuses shorter
/// ones); views check it as the user types.
inline constexpr std::size_t kMinJustification = access::kMinJustification;

/// Counts shown before or after login (no plate data): the status bar and `platedesk-cli status`.
using Overview = store::StorageStatus;

/// The signed-in user as views may show it.
struct UserInfo {
  std::string name;
  std::string displayName;
  store::Role role = store::Role::Detective;
  bool operator==(const UserInfo&) const = default;
};

/// What a user types to sign in.
struct LoginRequest {
  std::string user;
  std::string password;
  std::string totp;             ///< one-time code; required when the user has enrolled one
  bool bannerAccepted = false;  ///< the system-use notice (CJIS AC-8) was acknowledged
  std::string kind = "gui";     ///< "gui" or "cli"
  /// The new password, when the current one was set by an administrator (it works once: Login
  /// fails with PermissionDenied / ErrorDetail::PasswordChangeNeeded until one is given).
  std::string newPassword;
  /// What a saved token is bound to (the CLI: "uid 1000 on host ws-12"): Resume works only with
  /// the same binding. Empty for the GUI, whose sessions are never resumed.
  std::string binding;
  bool operator==(const LoginRequest&) const = default;
};

/// A user account as the Users panel and `user list` show it (no password hash, no TOTP secret).
struct UserSummary {
  std::string name;
  std::string displayName;
  store::Role role = store::Role::Detective;
  bool disabled = false;
  bool locked = false;
  bool totpEnrolled = false;        ///< a confirmed authenticator (a second factor)
  bool totpPending = false;         ///< an enrolment waits for the user's first code
  bool mustChangePassword = false;  ///< the password was set by an administrator and works once
  std::optional<UtcMs> trainingCompleted;
  std::optional<UtcMs> trainingExpires;
  bool operator==(const UserSummary&) const = default;
};

/// Result of verifying the audit log (read-only).
struct AuditVerification {
  bool pass = false;
  std::string summary;  ///< one line: PASS/FAIL, first bad index, reason
  std::uint64_t records = 0;
  std::uint64_t checkpointsVerified = 0;
  std::uint64_t unanchoredTail = 0;  ///< records after the newest external checkpoint
  bool operator==(const AuditVerification&) const = default;
};

/// A rotation of a signing key (Session::RotateAuditKey, Session::RotateEvidenceKey).
struct AuditKeyRotation {
  std::string oldKey;          ///< verifier key that signed until now (keep publishing it: older packages)
  std::string newKey;          ///< verifier key that signs from now on: publish it
  std::string newFingerprint;  ///< "ab12 cd34 ..." of the new key, to read aloud
  bool operator==(const AuditKeyRotation&) const = default;
};

/// What a prune of the audit log did (Session::PruneAudit): records [fromSeq, toSeq) tombstoned.
struct AuditPruneReport {
  std::uint64_t fromSeq = 0;
  std::uint64_t toSeq = 0;
  std::uint64_t pruned = 0;  ///< 0: nothing was old enough
  bool operator==(const AuditPruneReport&) const = default;
};

/// What has been recorded about one read after it was stored: visual verifications and
/// corrections ("Report a misread"), oldest first. The read itself never changes.
struct ReadChecks {
  std::vector<store::Verification> verifications;
  std::vector<store::Correction> corrections;
  bool operator==(const ReadChecks&) const = default;
};

/// What to put in an evidence package and where (Session::ExportEvidence).
struct EvidenceRequest {
  std::vector<store::ReadId> reads;              ///< the reads to export, in this order
  bool caseReads = false;                        ///< also every read already held for the case (earlier exports)
  std::filesystem::path destination;             ///< an existing folder: a removable drive's mount point or any folder
  std::string selectionMethod = "reads";         ///< "reads", "from-search", "case-reads" (custody record)
  std::map<std::string, std::string> selection;  ///< how the reads were chosen, element by element
  std::string description;
  std::string mediaLabel;  ///< the label on the medium (custody record)
  /// Inside the agency: who receives the medium for the case file or for booking into evidence
  /// (custody record), e.g. "Property room, officer 4411".
  std::string custodian;
  /// Outside the agency: never given by the caller. An export that names an outside recipient
  /// without `release` is refused (audited as dissemination.refused); a release sets it from the
  /// approved request (agency and requester).
  std::string recipient;
  /// The approved dissemination request this export releases (0: an internal export). The access
  /// context must be the request's case and purpose; the user must be allowed to release
  /// (setting dissemination_releasers). Recorded as dissemination.release after the package is
  /// written and verified.
  std::int64_t release = 0;
  store::ReleaseMethod releaseMethod = store::ReleaseMethod::Media;  ///< release: how it travels
  std::string receivedBy;                                            ///< release: who takes it for the recipient
  /// Write one AES-256 zip (WinZip AE-2) instead of a folder; a passphrase of 150 bits is
  /// generated, returned once in EvidenceExport::passphrase and never stored or audited.
  bool encrypt = false;
  std::string passphraseDelivery;  ///< how the passphrase reaches the recipient (custody record), e.g. "by phone"
  /// Fault-injection seams for tests: a write failure, and what the medium reports (free space,
  /// file system). Empty in the product.
  evidence::WriteFaultFn writeFault;
  std::function<Result<evidence::MediaInfo>(const std::filesystem::path&)> probeMedia;
};

/// A finished, read-back-verified evidence export.
struct EvidenceExport {
  std::filesystem::path path;
  std::string packageId;
  std::string sha256;  ///< SHA-256 of the package's tagmanifest-sha256.txt (covers every file)
  std::uint64_t bytes = 0;
  std::uint64_t files = 0;
  std::uint64_t reads = 0;
  std::uint64_t images = 0;
  std::uint64_t auditSeq = 0;  ///< seq of the export.start record in the package
  bool encrypted = false;      ///< path is an AES-256 zip, sha256 the zip file's hash
  std::string passphrase;      ///< encrypted: show it once, deliver it out of band, never with the medium
  std::string signingKey;      ///< the evidence key that signed the package (verifier form): publish it
  std::int64_t release = 0;    ///< the dissemination release recorded for it (0: an internal export)
  bool operator==(const EvidenceExport&) const = default;
};

/// The reason recorded on a hold placed by "Add to case" (Session::CollectForCase).
inline constexpr std::string_view kCollectedForCase = "collected for case";

/// A search recorded under a case, as the audit log holds it (Cases panel).
struct CaseSearch {
  std::uint64_t seq = 0;  ///< of the search.start (or search.refused) record
  UtcMs time = 0;
  std::string user;
  std::string purposeCode;
  std::string justification;
  std::map<std::string, std::string> query;  ///< every query element as recorded ("plate", "edits", ...)
  std::string outcome;                       ///< "success", "failure" or "refused"
  std::optional<std::uint64_t> matches;      ///< result_count of its search.result, when recorded
  std::string reason;                        ///< why it was refused or failed
  bool operator==(const CaseSearch&) const = default;
};

/// An evidence export recorded under a case, as the audit log holds it (Cases panel).
struct CaseExport {
  std::uint64_t seq = 0;  ///< of the export.start record
  UtcMs time = 0;
  std::string user;
  std::string packageId;
  std::string encryption;  ///< "none" or "aes-256-zip"
  std::string mediaLabel;
  std::string recipient;
  std::uint64_t reads = 0;
  std::string outcome;         ///< "success", "failure", or "" when no export.result was recorded (interrupted)
  std::filesystem::path file;  ///< where the package was written (success)
  std::string sha256;          ///< the package hash recorded in export.result (success)
  std::uint64_t bytes = 0;
  std::string reason;  ///< why it failed
  bool operator==(const CaseExport&) const = default;
};

/// One read's plate crop (Session::GetPlateImages): empty sha256 and bytes when it has none.
struct PlateImage {
  store::ReadId read = 0;
  std::string sha256;
  std::string bytes;
  bool operator==(const PlateImage&) const = default;
};
/// The most reads one GetPlateImages call takes (a page of result thumbnails).
inline constexpr std::size_t kMaxPlateImagesPerCall = 100;

/// What a hold is placed on (Session::PlaceHold).
struct HoldRequest {
  store::HoldKind kind = store::HoldKind::Investigation;
  std::string reason;                ///< why: the request, order or docket it answers
  std::vector<store::ReadId> reads;  ///< investigation, discovery: the reads it keeps
  std::vector<std::string> cameras;  ///< preservation: camera external ids
  std::vector<std::string> plates;   ///< preservation: plates (normalised as reads are)
  std::optional<UtcMs> from;         ///< preservation: the window [from, to)
  std::optional<UtcMs> to;
  bool operator==(const HoldRequest&) const = default;
};

/// One change to the camera register (Session::ChangeCamera), named by the camera's external id.
struct CameraChange {
  enum class Action { Add, Rename, Move, SetKind, Retire };
  Action action = Action::Add;
  std::string externalId;
  std::string name;                                   ///< Add, Rename
  store::CameraKind kind = store::CameraKind::Fixed;  ///< Add, SetKind
  std::optional<store::CameraLocation> location;      ///< Add (optional first place), Move (from its `from`)
  UtcMs at = 0;                                       ///< Retire: when it left service (0: now)
  bool operator==(const CameraChange&) const = default;
};
/// "add", "rename", "move", "set-kind", "retire".
[[nodiscard]] std::string_view CameraActionName(CameraChange::Action action);
[[nodiscard]] std::optional<CameraChange::Action> ParseCameraAction(std::string_view name);

/// Agency setting: days after which a hold in force is due for a supervisor's review (default 180).
inline constexpr std::string_view kHoldReviewDaysSetting = "hold_review_days";
inline constexpr int kDefaultHoldReviewDays = 180;

/// What the Cases panel shows of one case (Session::GetCaseSummary).
struct CaseSummary {
  store::CaseRecord record;  ///< only the number when the case is not registered
  bool registered = false;
  std::vector<store::Hold> holdList;   ///< every hold of the case (in force and released), oldest first
  std::vector<store::CaseHold> holds;  ///< reads holds in force keep (collected, exported, discovery), by read id
  std::vector<store::Read> reads;      ///< the held reads, in the order of holds
  std::vector<CaseSearch> searches;    ///< oldest first, every user's
  std::vector<CaseExport> exports;     ///< oldest first, every user's
  /// Dissemination requests under the case (every state), oldest received first.
  std::vector<store::DisseminationRecord> releases;
  bool operator==(const CaseSummary&) const = default;
};

/// How long reads are kept: the agency's period (setting retention_days) and each camera kind's
/// (retention_period_fixed, _mobile, _portable; the agency's when not set); and the audit log's own
/// period (audit_retention_days), never the reads'. Milliseconds.
struct RetentionPeriods {
  UtcMs agency = 30 * kMsPerDay;
  UtcMs fixed = 30 * kMsPerDay;
  UtcMs mobile = 30 * kMsPerDay;
  UtcMs portable = 30 * kMsPerDay;
  UtcMs audit = 1095 * kMsPerDay;
  /// The shortest reads' period: a scheduled purge must run at least this often to keep the promise.
  [[nodiscard]] UtcMs Shortest() const { return std::min({agency, fixed, mobile, portable}); }
  bool operator==(const RetentionPeriods&) const = default;
};

/// How long a purge schedule may wait before its next run: a quarter of the shortest period (so a
/// read outlives its period by at most a quarter of it), at least a minute, at most `longest`.
[[nodiscard]] inline UtcMs PurgeInterval(const RetentionPeriods& periods, UtcMs longest) {
  return std::min(longest, std::max<UtcMs>(kMsPerMinute, periods.Shortest() / 4));
}

/// What a retention purge did (Session::PurgeExpired) or would do (Session::CountExpired).
struct RetentionReport {
  int retentionDays = 30;  ///< the agency's period in whole days when it ran (0: under a day)
  RetentionPeriods periods;
  store::PurgeCounts counts;
  bool operator==(const RetentionReport&) const = default;
};

/// A retention period as a setting writes it: a whole number of days ("30"), or a number with a
/// unit: "30d", "36h", "90min" (a bare "m" is refused: months or minutes?). From 1 minute to 36500 days; nullopt
/// otherwise.
[[nodiscard]] std::optional<UtcMs> ParseRetentionPeriod(std::string_view text);
/// "30 days", "12 hours", "90 minutes", "1 day 6 hours" (as people read it).
[[nodiscard]] std::string FormatRetentionPeriod(UtcMs period);

/// Settings keys (meta table).
/// The agency's retention period: days, or a period with a unit (ParseRetentionPeriod); default 30 days.
inline constexpr std::string_view kRetentionDaysSetting = "retention_days";
inline constexpr int kDefaultRetentionDays = 30;
/// Per camera kind (ParseRetentionPeriod; empty: the agency's period).
inline constexpr std::string_view kRetentionFixedSetting = "retention_period_fixed";
inline constexpr std::string_view kRetentionMobileSetting = "retention_period_mobile";
inline constexpr std::string_view kRetentionPortableSetting = "retention_period_portable";
/// How long the audit log keeps its records: whole days from 365 to 36500, default 1095 (3 years).
/// Records older are tombstoned by the scheduled purge (audit.pruned); the reads' purge never touches the log.
inline constexpr std::string_view kAuditRetentionDaysSetting = "audit_retention_days";
/// Who the audit log names for a purge the schedule ran (Connection::PurgeOnSchedule, the server's daily purge).
inline constexpr std::string_view kRetentionScheduleUser = "retention-schedule";
inline constexpr std::string_view kIdleMinutesSetting = "idle_minutes";  ///< default 30
/// "1" (default) or "0". Where it is 1, administration needs a second factor too; turning it off
/// takes two administrators (Session::SetSetting).
inline constexpr std::string_view kMfaRequiredSetting = "mfa_required";
/// How long a first administrator's request to turn mfa_required off waits for a second one.
inline constexpr UtcMs kMfaOffApprovalMs = 24 * kMsPerHour;
inline constexpr UtcMs kMaxSessionMs = 12 * kMsPerHour;  ///< CJIS IA-11 re-authentication
/// The agency's base map (map::ParseTileSource): "" (positions on a scale grid), an XYZ or WMTS URL
/// template, or "mbtiles:" and a file's path. Tiles are fetched by each workstation and held in memory.
inline constexpr std::string_view kMapTilesSetting = "map_tiles";
/// The credit the tile source asks for ("\u00a9 OpenStreetMap contributors"), shown on every map; up to 200 characters.
inline constexpr std::string_view kMapAttributionSetting = "map_attribution";

/// One agency setting as stored (Session::Settings).
struct AgencySetting {
  std::string key;
  std::string value;  ///< "" when it was never set: its default applies
  bool set = false;
  bool operator==(const AgencySetting&) const = default;
};

/// Where the map views get their base map (Session::MapSource).
struct MapSettings {
  std::string tiles;        ///< setting map_tiles as stored
  std::string attribution;  ///< setting map_attribution as stored
  bool operator==(const MapSettings&) const = default;
};

/// A new ingest token (Session::AddIngestToken): the only time the token text exists outside the
/// camera; the storage keeps its SHA-256.
struct NewIngestToken {
  std::string name;
  std::string token;  ///< "pdt_" + 64 hex digits (32 random bytes)
  bool operator==(const NewIngestToken&) const = default;
};

/// The most offline periods a search names (Session::SearchOutcome::offlineCameras).
inline constexpr std::size_t kMaxOfflineCameraNotes = 50;

/// One record platedesk-server writes about itself (Workstation::RecordServerEvent).
struct ServerEvent {
  /// One of "ingest.auth_failed", "ingest.refused", "server.started", "server.stopped",
  /// "session.refused".
  std::string event;
  audit::Outcome outcome = audit::Outcome::Success;
  std::string details;  ///< a JSON object's text (integers, never floats), "" for none
  std::string reason;
  std::vector<std::string> objects;  ///< camera ids, token names, source addresses
  std::optional<std::uint64_t> resultCount;
};

/// What a witness fetches (Connection::LatestCheckpoint): the newest signed checkpoint and the
/// proof that it extends the one the witness already holds. No plate data: anyone may ask.
struct CheckpointProof {
  std::string checkpoint;                 ///< C2SP signed note (tree size, root hash)
  std::uint64_t fromSize = 0;             ///< the size the proof starts at (the witness's last one)
  std::vector<std::string> consistency;   ///< RFC 9162 consistency proof, hex digests, oldest first
  std::vector<std::string> verifierKeys;  ///< the audit log's verifier keys (signed-note form), current last
  /// endorsements[i]: the signed note by which verifierKeys[i-1] endorsed verifierKeys[i] at a
  /// rotation (audit::OpenEndorsement); "" for the first key. Same length as verifierKeys.
  std::vector<std::string> endorsements;
  bool operator==(const CheckpointProof&) const = default;
};

/// A sign-off (Session::SignOffReview) with the flags it counted and the period's activity: what
/// its report shows.
struct SignedOffReview {
  store::ReviewSignOff signOff;
  std::vector<oversight::Flag> flags;
  oversight::Activity activity;
  bool operator==(const SignedOffReview&) const = default;
};

/// The one search a supervisor is asked to approve (Session::RequestApproval): a search with its
/// result limit, or a multi-scene search.
struct ApprovalSubject {
  std::optional<search::Query> search;
  std::size_t limit = 0;  ///< the search's SearchOptions::limit (0: the agency's cap, as Search reads it)
  std::optional<search::MultiSceneQuery> multiScene;
  bool operator==(const ApprovalSubject&) const = default;
};

/// A result list saved for the user to keep (Session::SaveResults): a suggested file name, the
/// file's bytes (CSV: read_id, time_utc, camera, plate, state, confidence, low_confidence, color,
/// make, model, body, case; cells a spreadsheet would run as formulas neutralised; or a landscape A4
/// PDF to print: the case, purpose, justification, query, who saved it and when, then one line per
/// read with low-confidence reads marked) and how many reads.
struct SavedResults {
  std::string fileName;  ///< "platedesk-results-26-004512.csv"
  std::string bytes;
  std::size_t reads = 0;
  bool operator==(const SavedResults&) const = default;
};

/// The most reads one saved result list holds (a search's own cap is lower).
inline constexpr std::size_t kMaxSavedResults = 100'000;
/// The most reads one PDF holds (about 200 pages; it is drawn while the session waits).
inline constexpr std::size_t kMaxPrintedResults = 10'000;

/// Writes saved results to `file`, readable by the user only, never over a file (a partly written
/// file is removed). Errors: Io, AlreadyExists.
[[nodiscard]] Result<std::filesystem::path> WriteSavedResults(const SavedResults& saved,
                                                              const std::filesystem::path& file);
/// The format a result list is saved in for this file name: "pdf" for a .pdf (any case), else "csv".
[[nodiscard]] std::string SavedResultsFormat(const std::filesystem::path& file);

/// A published transparency report (Session::PublishTransparency): the file and its detached
/// signature, a signed note by the agency's evidence key over oversight::TransparencyStatement.
struct PublishedReport {
  std::string fileName;   ///< "transparency-FROM-TO.html" (or .csv, .pdf)
  std::string bytes;      ///< the file
  std::string signature;  ///< the ".sig" file beside it
  bool operator==(const PublishedReport&) const = default;
};

/// Writes a published report to `file` and its signature to `file` + ".sig" (readable by all: it
/// is for publication), never over a file. Returns the two paths. Errors: Io, AlreadyExists.
[[nodiscard]] Result<std::vector<std::filesystem::path>> WritePublishedReport(const PublishedReport& report,
                                                                              const std::filesystem::path& file);

/// Writes the review report of a sign-off into `folder`: audit-review-FROM-TO-ID.pdf and .csv, both
/// carrying the checkpoint (oversight::WriteSignOffReport). Returns the paths, PDF first. Errors:
/// Io, AlreadyExists.
[[nodiscard]] Result<std::vector<std::filesystem::path>> WriteReviewReport(const SignedOffReview& review,
                                                                           const std::filesystem::path& folder);

/// The state of a connection to a platedesk-server, for the status bar.
struct LinkStatus {
  std::string host;            ///< "host:port"
  std::string serverVersion;   ///< the server's version, once it answered
  double lastRoundTripMs = 0;  ///< the last call's time on the wire
  bool reachable = true;       ///< false after a call found no server ("server unreachable, retrying")
};

/// Where a workstation gets its data before anyone signs in: an opened storage folder (the embedded
/// Workstation) or a platedesk-server (remote::Connect). Views and the CLI hold this and the Session
/// it returns and cannot tell which one they have.
class Connection {
 public:
  virtual ~Connection() = default;
  /// The system-use notice (CJIS AC-8) shown and acknowledged before login.
  [[nodiscard]] virtual std::string Banner() const = 0;
  /// True for storages made by `platedesk-cli demo` (the login screen says so).
  [[nodiscard]] virtual bool IsDemo() const = 0;
  /// Whether this agency requires a second factor (demo storages: no).
  [[nodiscard]] virtual bool MfaRequired() const = 0;
  /// What the window title and status bar name: the storage folder, or the server's URL.
  [[nodiscard]] virtual std::string Describe() const = 0;
  /// Counts only (no plate data, no login needed). Safe to call from any thread (the status bar
  /// polls it from a worker).
  [[nodiscard]] virtual Result<Overview> GetOverview() = 0;
  /// Authenticates (password first, then the one-time code when enrolled, every attempt counted)
  /// and returns a session. Every attempt is audited (login.success / login.failure /
  /// account.locked). Errors: InvalidArgument (banner not accepted, a new password that breaks the
  /// policy), Unauthenticated (the one answer for an unknown name or a wrong password; details
  /// SecondFactorNeeded / SecondFactorWrong after a right password), Locked, PermissionDenied
  /// (disabled; detail PasswordChangeNeeded), Io (a server: detail ServerUnreachable or
  /// ServerNotTrusted).
  [[nodiscard]] virtual Result<std::unique_ptr<Session>> Login(const LoginRequest& request) = 0;
  /// Resumes a CLI session from its bearer token, if it has not ended, idled out or passed
  /// 12 hours, and only with the binding it was made with. Errors: Unauthenticated (no such
  /// session for this binding, or it ended), Locked (idle: log in again).
  [[nodiscard]] virtual Result<std::unique_ptr<Session>> Resume(const std::string& token,
                                                                const std::string& binding) = 0;
  /// The newest signed audit checkpoint with a consistency proof from tree size `knownSize` (0:
  /// none held yet), for `platedesk-cli audit witness` run on another machine. Signs a new
  /// checkpoint first when records were appended since the last one. Errors: InvalidArgument
  /// (knownSize beyond the log), Io.
  [[nodiscard]] virtual Result<CheckpointProof> LatestCheckpoint(std::uint64_t knownSize) = 0;
  /// The link to a server (nullopt for an opened folder).
  [[nodiscard]] virtual std::optional<LinkStatus> Link() const { return std::nullopt; }
  /// The retention purge the agency's schedule runs, without a session (DESIGN.md rule 4: nobody
  /// has to remember it): an opened folder purges when the app opens it and daily after
  /// (Workstation::PurgeOnSchedule, recorded as kRetentionScheduleUser); a server connection
  /// returns nullopt, as the server runs its own schedule. Safe on a worker thread. Errors: as
  /// Session::PurgeExpired.
  [[nodiscard]] virtual Result<std::optional<RetentionReport>> PurgeOnSchedule(std::stop_token stop,
                                                                               const ProgressFn& progress) {
    return std::optional<RetentionReport>();
  }
};

/// A logged-in user's session: the one door to LPR data for the GUI and the CLI (the contract).
/// Two implementations: EmbeddedSession (an opened storage folder, workstation/Workstation.h) and
/// remote::RemoteSession (a platedesk-server over HTTPS, which hosts an EmbeddedSession per user).
/// Every data method checks the session (not locked, not past 12 hours), the user's role and
/// training, the access context (case number, purpose, justification), writes the audit entry,
/// and only then touches data; if the audit write fails the action fails. Remotely, all of that
/// runs on the server; the client's own checks are only for quick feedback.
///
/// Every method takes and returns plain values (they travel as JSON, remote/Protocol.h), except the
/// stop token and the progress callback, which a remote call maps onto its request (stopping
/// closes the request and the server stops the work).
///
/// Threads: a worker thread may call Search or GetImage while the GUI thread calls other methods.
/// The Session and its Connection must outlive every call in flight (the GUI lends them to
/// workers by shared_ptr).
class Session {
 public:
  Session() = default;
  virtual ~Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  [[nodiscard]] virtual const UserInfo& User() const = 0;
  [[nodiscard]] virtual UtcMs StartedAt() const = 0;
  /// Public id written in audit records.
  [[nodiscard]] virtual const std::string& Id() const = 0;
  /// Bearer token for Workstation::Resume (CLI); keep it secret.
  [[nodiscard]] virtual const std::string& Token() const = 0;
  /// True when the idle limit has passed or Lock() was called; data methods then fail (Locked).
  /// Asking does not count as activity (the GUI polls it), so polling never keeps a session open.
  [[nodiscard]] virtual bool IsLocked() = 0;
  /// True after Logout(), past the 12-hour limit, or once the account was found disabled; only
  /// signing in again helps. Asking does not count as activity.
  [[nodiscard]] virtual bool HasEnded() = 0;
  /// Counts user input seen by the GUI (keys, mouse) as activity: resets the idle timer as every
  /// other call does. Errors: Locked (the idle limit had already passed: the session is now
  /// locked, audited), Unauthenticated (the session has ended).
  [[nodiscard]] virtual Status RecordActivity() = 0;
  /// The agency's idle limit (setting idle_minutes, default 30, 1 minute to 24 hours).
  [[nodiscard]] virtual UtcMs IdleLimit() = 0;
  /// Locks now (the user stepped away). Audited.
  [[nodiscard]] virtual Status Lock() = 0;
  /// Re-authenticates a locked session with the password (and one-time code when enrolled).
  [[nodiscard]] virtual Status Unlock(const std::string& password, const std::string& totp = {}) = 0;
  /// Changes the user's own password after re-authenticating (current password, and the one-time
  /// code when enrolled; counted like a sign-in), and ends the user's other sessions. Audited as
  /// password.changed. Errors: Unauthenticated (detail ReauthenticationNeeded or the sign-in's),
  /// InvalidArgument (policy).
  [[nodiscard]] virtual Status ChangePassword(const std::string& currentPassword, const std::string& currentTotp,
                                              const std::string& newPassword) = 0;
  /// Confirms the user's own pending authenticator enrolment with a first code from it; from then
  /// on it is their second factor. Audited as totp.confirmed. Errors: InvalidArgument (nothing
  /// pending), Unauthenticated (wrong code, counted like a failed sign-in).
  [[nodiscard]] virtual Status ConfirmTotp(const std::string& code) = 0;
  /// Ends the session (audited, checkpoint signed). Further calls fail with Unauthenticated.
  [[nodiscard]] virtual Status Logout() = 0;
  /// Why data is out of reach for this user right now (training, MFA enrolment), or nullopt.
  [[nodiscard]] virtual std::optional<std::string> DataBlockedReason() = 0;

  /// Counts for the status bar (no plate data).
  [[nodiscard]] virtual Result<Overview> GetOverview() = 0;

  // --- plate data: access context required, audited first ----------------------------------
  /// Reads in detail (audited as read.viewed with their ids).
  [[nodiscard]] virtual Result<std::vector<store::Read>> GetReads(const AccessContext& context,
                                                                  std::span<const store::ReadId> ids) = 0;
  /// Image bytes (audited as image.opened).
  [[nodiscard]] virtual Result<std::string> GetImage(const AccessContext& context, const std::string& sha256) = 0;
  /// The plate crops of a result page's reads (at most kMaxPlateImagesPerCall), in the order asked,
  /// for its thumbnails: audited as ONE image.opened record naming every read and image before any
  /// bytes are returned (a scrolled result list writes a record per page, not per thumbnail).
  /// Opening a full image stays GetImage. Errors: the rules' (refusal audited), InvalidArgument
  /// (no reads, too many), NotFound (a read; nothing is recorded or returned), Io.
  [[nodiscard]] virtual Result<std::vector<PlateImage>> GetPlateImages(const AccessContext& context,
                                                                       std::span<const store::ReadId> reads) = 0;
  /// "I visually verified this read": audited as read.verified first, then stored with the user,
  /// the case and the time. Errors: the rules' (refusal audited), NotFound (no such read).
  [[nodiscard]] virtual Result<store::Verification> VerifyRead(const AccessContext& context, store::ReadId read) = 0;
  /// "Report a misread": a correction record (the plate as it should read, normalised; the state,
  /// "" = unknown; a reason); the read itself never changes. Audited as read.corrected with the
  /// original and corrected plate first. Errors: the rules', NotFound (no such read),
  /// InvalidArgument (no plate left after normalising, a state that is not two letters, the same
  /// plate and state as the read, an empty reason).
  [[nodiscard]] virtual Result<store::Correction> ReportMisread(const AccessContext& context, store::ReadId read,
                                                                const std::string& plate, const std::string& state,
                                                                const std::string& reason) = 0;
  /// A read's verifications and corrections (audited as read.viewed). Errors: the rules'.
  [[nodiscard]] virtual Result<ReadChecks> GetReadChecks(const AccessContext& context, store::ReadId read) = 0;
  /// A search's rows (`reads`, in the order shown; duplicates dropped) as a file for the user to
  /// keep: plate data leaving PlateDesk, so the same rules as the search under `context`, and
  /// recorded as results.saved (the query's elements, every read, the format and the file's
  /// SHA-256) before the bytes are returned. format: "csv" or "pdf". Errors: the rules' (refusal audited),
  /// InvalidArgument (no reads, more than kMaxSavedResults or, for a PDF, kMaxPrintedResults, another
  /// format), NotFound (a read).
  [[nodiscard]] virtual Result<SavedResults> SaveResults(const AccessContext& context, const search::Query& query,
                                                         std::span<const store::ReadId> reads,
                                                         const std::string& format) = 0;

  /// Runs a search (core/search): records search.start with every query element first, then the
  /// search, then search.result with the count and a hash of the result ids. The first page reaches
  /// options.onBatch only after search.start is committed. Reads for the returned hits are filled
  /// in `reads` (same order) when withReads is true. Errors: the rules' (refusal audited as
  /// search.refused), InvalidArgument (bad pattern), Cancelled, Locked/Unauthenticated when the
  /// session was locked or ended (from another thread) while the search ran.
  ///
  /// A search with a time window (query.from, and query.to or now) also names the chosen cameras
  /// (all cameras when none are chosen) that were offline during part of the window, because a
  /// missing read is evidence too: offlineCameras, at most kMaxOfflineCameraNotes periods, oldest
  /// first (store::Storage::OfflinePeriods; no plate data). Empty without a `from`.
  struct SearchOutcome {
    search::SearchResult result;
    std::vector<store::Read> reads;
    std::vector<store::OfflinePeriod> offlineCameras;
    bool operator==(const SearchOutcome&) const = default;
  };
  [[nodiscard]] virtual Result<SearchOutcome> Search(const AccessContext& context, const search::Query& query,
                                                     const search::SearchOptions& options = {}, bool withReads = false,
                                                     std::stop_token stop = {}, const ProgressFn& progress = {}) = 0;
  ///
  /// What needs a supervisor's approval (ApprovalPolicy; a refusal says which rule, with
  /// ErrorDetail::ApprovalNeeded, audited as search.refused): a purpose marked so; a pattern that
  /// pins down too few characters; a vehicle-only search over too many cameras or hours; a limit
  /// above the agency's cap (there is no unlimited search: options.limit 0 asks for the cap, and
  /// the audit record names the limit used); and a search that matches more reads than the
  /// agency allows: it runs, but nothing is ranked or shown (search.result refused, with the
  /// count). Under an approval (context.approval) the search must be the exact query approved
  /// (QueryElements and the limit); its search.start record names the approval and the approver.
  /// A supervisor needs another supervisor's approval as everyone else does.
  /// Multi-scene search (2-5 scenes, vehicles seen in at least m). A broad search: it always needs
  /// an approval for the exact query. Audited like Search.
  [[nodiscard]] virtual Result<std::vector<search::SceneVehicle>> MultiScene(const AccessContext& context,
                                                                             const search::MultiSceneQuery& query,
                                                                             std::stop_token stop = {}) = 0;

  /// Exports reads as a signed BagIt evidence package (core/evidence) into request.destination.
  /// Records export.start (case, purpose, justification, every selection element, every read and
  /// image) and signs a checkpoint before any file is written; places a hold for the case on
  /// every exported read; writes, reads back and verifies the package; records export.result
  /// (success with the package hash, or failure with the reason). A failed or cancelled export
  /// leaves nothing on the medium. Errors: the rules' (refusal audited as access.refused),
  /// InvalidArgument (no reads, no destination, no media label), NotFound (a read), Io (medium full, file too
  /// large for the file system, write failure), Corrupt (read-back mismatch), Cancelled.
  [[nodiscard]] virtual Result<EvidenceExport> ExportEvidence(const AccessContext& context,
                                                              const EvidenceRequest& request, std::stop_token stop = {},
                                                              const ProgressFn& progress = {}) = 0;
  /// Mounted removable drives to offer as export destinations (no plate data).
  [[nodiscard]] virtual std::vector<evidence::RemovableDrive> RemovableDrives() = 0;
  /// Verifies an evidence package offline (evidence::VerifyPackage, or VerifyPackageArchive when
  /// a passphrase is given) against this storage's evidence keys (current and rotated out; never
  /// the audit log's checkpoint key), so a package signed by another key fails. Needs no access context:
  /// it reads only the package at `path` (the user's own export), not the storage; not audited.
  /// Runs without the facade lock, so other calls do not wait. Errors: the session's (ended,
  /// locked), VerifyPackage's.
  [[nodiscard]] virtual Result<evidence::PackageVerification> VerifyEvidence(
      const std::filesystem::path& path, const std::optional<std::string>& passphrase, std::stop_token stop = {},
      const ProgressFn& progress = {}) = 0;

  /// Every verifier key (signed-note form) the storage's evidence packages are checked against,
  /// current and rotated out: what VerifyEvidence uses, and what a remote client verifies a
  /// package it received with. No plate data; not audited. Errors: the session's (ended, locked).
  [[nodiscard]] virtual Result<std::vector<std::string>> EvidenceKeys() = 0;

  // --- cases ------------------------------------------------------------------------------------
  /// "Add to case": collects reads for the context's case. Only the case's lead or a supervisor may
  /// (as PlaceHold). Audited as case.collected (case,
  /// purpose, justification, every read) first, then places an investigation hold with reason kCollectedForCase
  /// on each, so retention keeps them and `export --case-reads` exports them. Reads already held
  /// for the case keep their first hold. Returns how many were not held for the case before.
  /// Errors: the rules' (refusal audited as access.refused), InvalidArgument (no reads),
  /// NotFound (a read does not exist: nothing is collected).
  [[nodiscard]] virtual Result<std::size_t> CollectForCase(const AccessContext& context,
                                                           std::span<const store::ReadId> reads) = 0;
  /// Places a hold for the context's case: a hold of reads (investigation, discovery) or a
  /// preservation order (cameras and/or plates and a window; it also keeps reads that arrive later
  /// inside the window). Only the case's lead (the registered lead, by user or display name) or a
  /// supervisor may; anyone else is refused and the refusal audited (access.refused). The plate-data
  /// rules apply (case, purpose, justification). Recorded as hold.placed (kind, reason, window,
  /// every read, camera and plate) before it is stored. Errors: the rules', PermissionDenied (not
  /// the lead or a supervisor), InvalidArgument (no reason; a hold of reads without reads; an
  /// order without a window or without a camera and a plate, a window over 10 years), NotFound
  /// (a read or a camera).
  [[nodiscard]] virtual Result<store::Hold> PlaceHold(const AccessContext& context, const HoldRequest& request) = 0;
  /// Holds matching the filter, each with the reads it keeps now and reviewDue set (in force and
  /// neither placed nor reviewed within hold_review_days). Supervisors and auditors; audited as
  /// audit.review. Errors: PermissionDenied, the session's, Corrupt (the setting), Io.
  [[nodiscard]] virtual Result<std::vector<store::Hold>> Holds(const store::HoldFilter& filter) = 0;
  /// Releases a hold in force (supervisors; with a reason): the reads it alone kept fall under
  /// retention again. Recorded as hold.released first. Errors: PermissionDenied, InvalidArgument
  /// (no reason), NotFound, AlreadyExists (released before), the session's, Io.
  [[nodiscard]] virtual Status ReleaseHold(std::int64_t id, const std::string& reason) = 0;
  /// A supervisor reviewed a hold in force and keeps it (with a note): its review clock starts
  /// again. Recorded as hold.reviewed first. Errors: as ReleaseHold's.
  [[nodiscard]] virtual Status ReviewHold(std::int64_t id, const std::string& note) = 0;
  /// The context's case as the Cases panel shows it: its record, the reads held for it, and its
  /// searches and exports from the audit log (every query element: plate data, so the case,
  /// purpose and justification rules apply). Audited as case.reviewed with the held reads first.
  /// Errors: the rules' (refusal audited).
  [[nodiscard]] virtual Result<CaseSummary> GetCaseSummary(const AccessContext& context) = 0;

  // --- secondary dissemination (every release of LPR data outside the agency) ------------------
  /// The recipient agency registry, by name. No plate data; not audited. Errors: the session's.
  [[nodiscard]] virtual Result<std::vector<store::Agency>> Agencies() = 0;
  /// Administrators: adds (id 0) or updates a registry entry, with the MOU or sharing agreement on
  /// file when `mou` has bytes (kept by SHA-256; without bytes an update keeps the agreement it
  /// had). Audited as config.changed with every field. Errors: PermissionDenied, InvalidArgument
  /// (empty name, a state that is not two letters, an expiry without an agreement, a document that
  /// is no PDF or image), AlreadyExists (the name), NotFound (the id), the session's, Io.
  [[nodiscard]] virtual Result<store::Agency> SaveAgency(const store::Agency& agency, const store::Document& mou) = 0;
  /// Enters a written request (detectives, supervisors, administrators), with the written request
  /// document kept on file. The case, purpose and justification pass the plate-data gate (a
  /// prohibited purpose is refused as for searches); the agency rules are applied: a recipient a
  /// rule refuses is refused (audited as dissemination.refused), one that is not law enforcement is
  /// recorded as referred to records/legal and can never be approved. Audited as
  /// dissemination.request before it is stored. Errors: the gate's, InvalidArgument (no requester,
  /// contact, authority, asks or document), NotFound (the agency), PermissionDenied (a rule), Io.
  [[nodiscard]] virtual Result<store::DisseminationRecord> RequestDissemination(
      const store::DisseminationRequest& request, const store::Document& document) = 0;
  /// A supervisor approves or denies a request with a reason. Nobody reviews a request they
  /// entered or received, or a request for a case they lead; a second approval (where a rule asks
  /// for one) comes from another supervisor. Approval re-applies the agency rules (an MOU may have
  /// expired). Audited as dissemination.review; a refused review as dissemination.refused.
  /// Errors: PermissionDenied, InvalidArgument (no reason), NotFound, AlreadyExists (already
  /// decided), the session's, Io.
  [[nodiscard]] virtual Result<store::DisseminationRecord> ReviewDissemination(std::int64_t request, bool approve,
                                                                               const std::string& reason) = 0;
  /// Records the recipient's signed receipt for a released request (the scanned receipt kept on
  /// file when `scan` has bytes). Supervisors, the releaser and the case's lead. Audited as
  /// dissemination.receipt. Errors: PermissionDenied, InvalidArgument, NotFound (no such request,
  /// not released), AlreadyExists, the session's, Io.
  [[nodiscard]] virtual Result<store::DisseminationRecord> RecordReceipt(std::int64_t request,
                                                                         const std::string& signedBy, UtcMs signedAt,
                                                                         const store::Document& scan) = 0;
  /// The dissemination log: requests matching the filter with their reviews, release, receipt and
  /// notices. Supervisors, auditors and administrators see every request; detectives those they
  /// entered or received and those of cases they lead. Audited as audit.review (what, the filter,
  /// how many). Errors: the session's, Io.
  [[nodiscard]] virtual Result<std::vector<store::DisseminationRecord>> Disseminations(
      const store::DisseminationFilter& filter) = 0;
  /// Correction notices owed to recipients (openOnly: not yet sent), oldest first: made when a
  /// released read is corrected (ReportMisread). Visible as Disseminations. Errors: the session's.
  [[nodiscard]] virtual Result<std::vector<store::DisseminationNotice>> DisseminationNotices(bool openOnly) = 0;
  /// Records that a notice was sent to its recipient (how: "e-mail to det. Ruiz", "letter"), by
  /// supervisors, the releaser or the case's lead. Audited as dissemination.notice. Errors:
  /// PermissionDenied, InvalidArgument (no method), NotFound, AlreadyExists (already sent), Io.
  [[nodiscard]] virtual Result<store::DisseminationNotice> MarkNoticeSent(std::int64_t notice,
                                                                          const std::string& method) = 0;
  /// A document on file (a written request, an MOU, a scanned receipt) by its SHA-256, for those
  /// who may see the record it belongs to. Audited as audit.review. Errors: NotFound,
  /// PermissionDenied, the session's.
  [[nodiscard]] virtual Result<store::Document> DisseminationDocument(const std::string& sha256) = 0;

  // --- the approval queue (searches that need a supervisor's approval) -------------------------
  /// What needs approval at this agency and how long an approval lasts (settings approval_*,
  /// search_limit_cap), for the clients' quick feedback (the facade applies them itself). No plate
  /// data; not audited. Errors: the session's, Corrupt (a setting).
  [[nodiscard]] virtual Result<oversight::ApprovalRules> ApprovalPolicy() = 0;
  /// The agency's base map (settings map_tiles, map_attribution) for the map views. No plate
  /// data; not audited. Errors: the session's, Io.
  [[nodiscard]] virtual Result<MapSettings> MapSource() = 0;
  /// Asks a supervisor to approve one exact search under the context's case, purpose and
  /// justification (the gate's checks apply, except the approval itself: a prohibited purpose is
  /// refused). The request records why it needs approval: the purpose, the breadth rules, and the
  /// result count when the user's own identical search was withheld for it in the last 24 hours.
  /// Audited as approval.request before it is stored. Errors: the gate's, InvalidArgument (neither
  /// or both of search and multiScene; a search that needs no approval: run it), the session's, Io.
  [[nodiscard]] virtual Result<store::SearchApproval> RequestApproval(const AccessContext& context,
                                                                      const ApprovalSubject& subject) = 0;
  /// The requests matching the filter, newest first, with their state now. Supervisors and
  /// auditors see every user's; everyone else their own (filter.requestedBy is then ignored).
  /// Audited as audit.review. Errors: the session's, Io.
  [[nodiscard]] virtual Result<std::vector<store::SearchApproval>> Approvals(const store::ApprovalFilter& filter) = 0;
  /// A supervisor approves a pending request for `hours` (0: the agency's approval_hours; at most
  /// 168) or denies it with a reason. Nobody decides their own request. Audited as
  /// approval.decision before it is stored; a refused decision as approval.refused. Errors:
  /// PermissionDenied (not a supervisor, one's own request), InvalidArgument (a denial without a
  /// reason, hours out of range), NotFound, AlreadyExists (decided before), the session's, Io.
  [[nodiscard]] virtual Result<store::SearchApproval> DecideApproval(std::int64_t approval, bool approve,
                                                                     const std::string& reason, int hours) = 0;

  // --- camera data ---------------------------------------------------------------------------
  /// The cameras with their location history (names and places, no reads): the search panel's
  /// camera picker and the read detail's map. Not audited. Errors: the session's (ended, locked).
  [[nodiscard]] virtual Result<std::vector<store::Camera>> Cameras() = 0;
  /// Each camera's health over the last `hours` hours (1 hour to 10 years) as the storage server
  /// heard it: last heard, online or offline (setting camera_offline_after_s), the offline periods
  /// in the window. No plate data; not audited (as Cameras). Errors: InvalidArgument, the
  /// session's.
  [[nodiscard]] virtual Result<std::vector<store::CameraHealth>> CameraHealthList(int hours) = 0;
  /// Administrators change the camera register: add a camera (external id, name, kind, optional
  /// first place), rename it, move it (its current place closes where the new one starts, so a
  /// read's place is where its camera stood when it was taken), change its kind (its reads'
  /// retention follows the kind), or retire it (its place closes; it stays listed with its
  /// history). Recorded as camera.changed (action, camera, every field) before it is stored.
  /// Returns the camera as it is now. Errors: PermissionDenied (not an administrator, or no
  /// second factor where required), InvalidArgument (an empty id or name, a bad place, a move
  /// before the current place started, a retired camera changed), NotFound (no such camera),
  /// AlreadyExists (the id is taken; retired before), the session's, Io.
  [[nodiscard]] virtual Result<store::Camera> ChangeCamera(const CameraChange& change) = 0;

  /// Imports camera files (ingest::Importer); audited with counts. Errors: PermissionDenied, Importer's.
  [[nodiscard]] virtual Result<ingest::ImportSummary> Import(std::span<const std::filesystem::path> paths,
                                                             std::stop_token stop = {},
                                                             const ProgressFn& progress = {}) = 0;

  // --- cases and purposes ---------------------------------------------------------------------
  [[nodiscard]] virtual Result<std::vector<store::PurposeRecord>> Purposes() = 0;
  /// Administrators. Audited as config.changed. roles: who may use it (empty: every role that
  /// reaches plate data); a search by another role under it is refused (and audited).
  [[nodiscard]] virtual Status AddPurpose(const std::string& code, const std::string& label, bool needsApproval,
                                          const std::vector<store::Role>& roles = {}) = 0;
  [[nodiscard]] virtual Status SetPurposeDisabled(const std::string& code, bool disabled) = 0;
  /// Detectives, supervisors and administrators; the number must match the agency format.
  [[nodiscard]] virtual Status RegisterCase(const std::string& number, const std::string& title,
                                            const std::string& lead) = 0;
  [[nodiscard]] virtual Status SetCaseOpen(const std::string& number, bool open) = 0;
  [[nodiscard]] virtual Result<std::vector<store::CaseRecord>> Cases() = 0;

  // --- users (administrators; every change audited) -------------------------------------------
  [[nodiscard]] virtual Result<std::vector<UserSummary>> Users() = 0;
  /// The signed-in user's own account as it is stored now (role, training and its expiry, second
  /// factor): the Overview shows it to every role. No plate data; not audited; not counted as
  /// activity. Errors: the session's (ended, locked, the account disabled or removed).
  [[nodiscard]] virtual Result<UserSummary> OwnAccount() = 0;
  [[nodiscard]] virtual Status AddUser(const std::string& name, store::Role role, const std::string& password,
                                       const std::string& displayName = {}) = 0;
  [[nodiscard]] virtual Status SetRole(const std::string& name, store::Role role) = 0;
  [[nodiscard]] virtual Status SetDisabled(const std::string& name, bool disabled) = 0;
  [[nodiscard]] virtual Status UnlockUser(const std::string& name) = 0;
  /// An administrator's reset of another user's password: it works once, for the user to choose
  /// a new one at their next sign-in; the user's sessions end. Your own password: ChangePassword.
  [[nodiscard]] virtual Status ResetPassword(const std::string& name, const std::string& password) = 0;
  /// Creates a new TOTP secret and returns the otpauth:// URI (shown once). The enrolment is
  /// pending until the user gives a first code from it (ConfirmTotp, or at sign-in); until then it
  /// is no second factor. Your own: give your current password (and current code when enrolled);
  /// your other sessions end. Administrators may enrol others without. Errors: Unauthenticated
  /// (ReauthenticationNeeded), PermissionDenied.
  [[nodiscard]] virtual Result<std::string> EnrollTotp(const std::string& name, const std::string& currentPassword = {},
                                                       const std::string& currentTotp = {}) = 0;
  /// Records training; expires defaults to one year after completed. Not for your own account.
  [[nodiscard]] virtual Status SetTraining(const std::string& name, UtcMs completed, std::optional<UtcMs> expires) = 0;
  /// Agency settings (administrators): case_pattern, unregistered_case, closed_case, idle_minutes,
  /// mfa_required, banner, map_tiles and map_attribution (the base map: MapSource), agency (the name on evidence
  /// packages), retention_days (whole days, 1 to 36500), camera_offline_after_s (seconds of silence before a camera
  /// counts as offline, 60 to 604800; default 600), the dissemination rules (dissemination_rules, agency_state,
  /// dissemination_releasers), the review thresholds (review_*) and what needs approval
  /// (approval_min_fixed, approval_vehicle_cameras, approval_vehicle_hours, approval_result_reads,
  /// search_limit_cap, approval_hours: oversight::ApprovalRules). Audited as config.changed. Turning mfa_required off
  /// takes two administrators: the first call records the request (audited) and fails with PermissionDenied /
  /// ErrorDetail::SecondAdministratorNeeded; a different administrator's call within
  /// kMfaOffApprovalMs turns it off.
  [[nodiscard]] virtual Status SetSetting(const std::string& key, const std::string& value) = 0;
  /// Every setting SetSetting takes, by key, with its stored value (never set: its default
  /// applies). Administrators and auditors (an audit checks the configuration too); no plate data,
  /// not audited. Errors: PermissionDenied, the session's, Io.
  [[nodiscard]] virtual Result<std::vector<AgencySetting>> Settings() = 0;

  // --- the storage server's ingest tokens (administrators; every change audited) ----------------
  /// Issues a token a camera or agent posts reads with: 32 random bytes, printable ("pdt_" + hex),
  /// returned once and stored only as its SHA-256 hex. cameras: the camera external ids it may
  /// post for ("prefix/*" every camera of an agent, "*" any); readsPerSecond 0 = the server's
  /// default. Audited as token.added (name, cameras, rate; never the token) in the same step: if
  /// the record cannot be written the token is not stored. Errors: PermissionDenied (not an
  /// administrator, or no second factor where the agency requires one), InvalidArgument (a name
  /// outside [A-Za-z0-9._-]{1,64}, no camera, an empty or over-long camera id, a rate below 0 or
  /// above 100000), AlreadyExists (the name is taken, revoked tokens included), the session's, Io.
  [[nodiscard]] virtual Result<NewIngestToken> AddIngestToken(const std::string& name,
                                                              const std::vector<std::string>& cameras,
                                                              double readsPerSecond) = 0;
  /// Every ingest token, revoked ones included, by name (the hashes are there; never show them).
  /// Audited as token.listed. Errors: PermissionDenied, the session's, Io.
  [[nodiscard]] virtual Result<std::vector<store::IngestToken>> IngestTokens() = 0;
  /// Revokes a token (the server refuses it from its next token reload). Audited as token.revoked
  /// with the reason, in the same step. Errors: PermissionDenied, InvalidArgument (empty reason),
  /// NotFound, AlreadyExists (already revoked), the session's, Io.
  [[nodiscard]] virtual Status RevokeIngestToken(const std::string& name, const std::string& reason) = 0;

  // --- retention (administrators; counts only, no plate data) -----------------------------------
  /// The agency's retention period in days (setting retention_days, default 30).
  /// Errors: the session's, Corrupt (the stored setting is not a whole number of at least 1).
  [[nodiscard]] virtual Result<int> RetentionDays() = 0;
  /// Hard-deletes the reads captured more than RetentionDays() ago that no case hold in force
  /// covers, with their images when no remaining read uses them (store::Storage::PurgeExpired, on
  /// a connection of its own, so other calls do not wait for it). Records retention.start (cutoff,
  /// expected counts) before anything is deleted, and retention.purge (reads deleted and held,
  /// images, bytes; success, failure or stopped) after; fails closed: if the start cannot be
  /// recorded nothing is deleted. A search index this process holds drops the purged reads.
  /// Errors: PermissionDenied (not an administrator), Corrupt (setting), Cancelled (stopped
  /// between batches; what was deleted so far is in the retention.purge record), Io.
  [[nodiscard]] virtual Result<RetentionReport> PurgeExpired(std::stop_token stop = {},
                                                             const ProgressFn& progress = {}) = 0;
  /// A dry run: what PurgeExpired would delete now; changes nothing. Audited as retention.dry_run.
  /// Errors: as PurgeExpired's, without Cancelled.
  [[nodiscard]] virtual Result<RetentionReport> CountExpired() = 0;

  // --- the audit trail (supervisors and auditors; administrators may verify) ---------------------
  /// Records matching filter, in log order; audited as audit.review.
  [[nodiscard]] virtual Result<std::vector<audit::StoredRecord>> AuditRecords(const audit::RecordFilter& filter) = 0;
  /// The review flags (core/oversight: unregistered or closed cases, refusals, failed sign-ins,
  /// lockouts, after-hours use, unusual volume, shared plates, broad searches, repeated
  /// justifications, exports of unverified reads, staff vehicles) on the records of [from, to),
  /// computed from the log with the agency's review_* settings. Supervisors and auditors; audited as
  /// audit.review. Errors: PermissionDenied, InvalidArgument (to not after from, a period over 366
  /// days), Corrupt (a review_* setting), the session's, Io.
  [[nodiscard]] virtual Result<std::vector<oversight::Flag>> ReviewFlags(UtcMs from, UtcMs to) = 0;
  /// The period's activity for the Review page's charts (oversight::ActivityCharts): searches per
  /// day and user, by local hour and weekday, by purpose, and the flags per day and kind, counted
  /// from the log by the machine's (the server's) local clock. Who may call it and the errors: as
  /// ReviewFlags. Audited as audit.review.
  [[nodiscard]] virtual Result<oversight::Activity> ReviewActivity(UtcMs from, UtcMs to) = 0;
  /// The public transparency report of [from, to) in `format` (oversight/Transparency.h: reads per
  /// camera and day, when each camera was active, fixed camera places, searches by purpose run and
  /// refused, users with access and current training, releases by recipient kind, retention,
  /// holds, allowed and prohibited uses; no plate, person, user or case), signed with the agency's
  /// evidence key (`platedesk-cli verify-report`). Supervisors, auditors and administrators;
  /// audited as audit.review. Errors: PermissionDenied, InvalidArgument (the period as for
  /// ReviewFlags), the session's, Io.
  [[nodiscard]] virtual Result<PublishedReport> PublishTransparency(UtcMs from, UtcMs to,
                                                                    oversight::TransparencyFormat format) = 0;
  /// A reviewer (supervisor or auditor) signs off [from, to) with a note: review.signed_off is
  /// recorded with the period, the note and the flags counted by kind, then a checkpoint covering
  /// that record is signed and kept with the sign-off, so the printed report anchors the log.
  /// Returns the sign-off with the very flags it counted (WriteReviewReport prints them).
  /// Errors: PermissionDenied, InvalidArgument (no note, the period as for ReviewFlags), the
  /// session's, Io.
  [[nodiscard]] virtual Result<SignedOffReview> SignOffReview(UtcMs from, UtcMs to, const std::string& note) = 0;
  /// Every sign-off, oldest first (supervisors and auditors; the Overview's "review due").
  [[nodiscard]] virtual Result<std::vector<store::ReviewSignOff>> ReviewSignOffs() = 0;
  /// A reviewer (supervisor or auditor) marks one audit record reviewed with a note (a flag looked
  /// into, a search checked with its detective). Recorded as review.entry_noted (the record's seq
  /// and the note) before it is stored. Errors: PermissionDenied, InvalidArgument (no note),
  /// NotFound (no such record), the session's, Io.
  [[nodiscard]] virtual Result<store::ReviewEntryNote> NoteReviewEntry(std::uint64_t seq, const std::string& note) = 0;
  /// The notes on the records [fromSeq, toSeq) (0 and 0: every note), by record. Supervisors and
  /// auditors; not audited (notes carry no plate data). Errors: PermissionDenied, the session's.
  [[nodiscard]] virtual Result<std::vector<store::ReviewEntryNote>> ReviewEntryNotes(std::uint64_t fromSeq,
                                                                                     std::uint64_t toSeq) = 0;
  /// Verifies the whole log (read-only) against checkpoints held elsewhere; audited.
  [[nodiscard]] virtual Result<AuditVerification> VerifyAudit(const std::vector<std::string>& externalCheckpoints) = 0;
  /// Signs and returns the newest checkpoint (C2SP signed note) to keep elsewhere; audited.
  [[nodiscard]] virtual Result<std::string> ExportCheckpoint() = 0;
  /// The verifier key (signed-note form) and its fingerprint, for administrators and reports.
  [[nodiscard]] virtual Result<std::string> AuditPublicKey() = 0;
  /// Administrators: replaces the audit signing key (a suspected leak, a staff change, a scheduled
  /// rotation). The old key signs a last checkpoint and endorses the new one; audit.key_rotated
  /// (which "audit") is recorded in the same transaction; checkpoints are signed with the new key
  /// from then on (verifiers and witnesses that trust the log's first key follow the endorsement).
  /// Evidence packages have their own key (RotateEvidenceKey). Errors: PermissionDenied, the
  /// session's, Io.
  [[nodiscard]] virtual Result<AuditKeyRotation> RotateAuditKey() = 0;
  /// Administrators: replaces the evidence signing key. audit.key_rotated (which "evidence", old
  /// and new key) is recorded before the new key is put into use (fail closed); the old public key
  /// stays among the storage's evidence keys, so packages signed before still verify. Publish the
  /// new key beside the old ones. Errors: PermissionDenied, the session's, Io.
  [[nodiscard]] virtual Result<AuditKeyRotation> RotateEvidenceKey() = 0;
  /// Administrators: tombstones the audit records older than `before` (a prefix of the log; their
  /// leaf hashes stay, so every checkpoint still verifies), recorded as audit.pruned. Errors:
  /// InvalidArgument when `before` is less than 365 days ago (CJIS AU-11), PermissionDenied, Io.
  [[nodiscard]] virtual Result<AuditPruneReport> PruneAudit(UtcMs before) = 0;
};

}  // namespace platedesk::workstation
