// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Approval.h"
#include "platedesk/store/Dissemination.h"
#include "platedesk/store/Types.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::store {

/// Outcome of InsertRead: the read's id and whether it was new (false: the same
/// (sourceFormat, sourceUuid) was already stored and nothing changed).
struct InsertOutcome {
  ReadId id = 0;
  bool inserted = false;
};

/// A storage folder: platedesk.db (SQLite, WAL, foreign keys on), images/ab/cd/<sha256>.<ext>,
/// quarantine/. One Storage object owns one SQLite connection and is used by one thread at a
/// time; open another Storage on the same folder for another thread. Reads are immutable:
/// the schema refuses UPDATE on reads (a trigger) and the only DELETE is the retention purge.
///
/// NOTE: this is the storage layer. Views and the CLI never call it for plate data: they go
/// through workstation::Session, which checks the rules and writes the audit entry first.
class Storage {
 public:
  /// Creates a new storage in an empty or missing folder (missing parents are created), owner-only
  /// (0700 on POSIX) before anything is written into it. `clock` must outlive the Storage. Errors: AlreadyExists (a
  /// storage is there), InvalidArgument (the folder is not empty), Io.
  [[nodiscard]] static Result<std::unique_ptr<Storage>> Create(const std::filesystem::path& folder, const Clock& clock);
  /// Opens an existing storage. An older schema is migrated (after copying platedesk.db to
  /// platedesk.db.bak-v<old>-<utc>); a newer one is refused (Unsupported) without changes.
  /// Errors: NotFound (no storage there), Unsupported, Corrupt, Io.
  [[nodiscard]] static Result<std::unique_ptr<Storage>> Open(const std::filesystem::path& folder, const Clock& clock);
  /// True if folder holds a platedesk.db.
  [[nodiscard]] static bool Exists(const std::filesystem::path& folder);
  /// The schema version this build writes.
  [[nodiscard]] static int CurrentSchemaVersion();

  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  [[nodiscard]] const std::filesystem::path& Folder() const;
  [[nodiscard]] int SchemaVersion() const;
  [[nodiscard]] const Clock& GetClock() const;
  /// Makes every later commit on this connection durable against power loss too (SQLite
  /// synchronous=FULL: the WAL is fsync'd at each commit), as the storage server needs before it
  /// acknowledges a camera's post. The default (NORMAL) survives a crash of the process, not of
  /// the machine. Errors: Io.
  [[nodiscard]] Status SetDurableCommits();
  /// Caps this connection's page cache (default 128 MiB, sized for searches and imports). A
  /// long-running writer that only appends (the storage server's) needs little, and a full
  /// default cache would grow its memory with the database. Errors: Io.
  [[nodiscard]] Status LimitCache(std::size_t bytes);

  // --- settings (key/value in the meta table) -------------------------------------------
  [[nodiscard]] Result<std::optional<std::string>> GetSetting(std::string_view key);
  /// An empty value removes the setting: its default applies again (GetSetting gives nullopt).
  [[nodiscard]] Status SetSetting(std::string_view key, std::string_view value);

  // --- transactions ----------------------------------------------------------------------
  /// RAII write transaction (BEGIN IMMEDIATE). Rolls back in its destructor unless committed.
  /// Must not outlive its Storage; one at a time per Storage. A call that fails inside it (say an
  /// InsertRead refused by validation) undoes only its own changes; the transaction goes on.
  class Transaction {
   public:
    ~Transaction();
    Transaction(Transaction&&) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    [[nodiscard]] Status Commit();

   private:
    friend class Storage;
    explicit Transaction(Storage* owner) : mOwner(owner) {}
    Storage* mOwner;
    bool mDone = false;
  };
  /// Starts a write transaction; InsertRead etc. called inside it join it (fast bulk import).
  [[nodiscard]] Result<Transaction> Begin();

  // --- images (content-addressed) ----------------------------------------------------------
  /// Stores bytes once under images/ab/cd/<sha256>.<ext> (durably, atomically) and records it.
  /// Storing the same bytes again returns the same info and writes nothing. The caller has already
  /// checked that the bytes decode (ingest does it with OpenCV). Errors: InvalidArgument (empty), Io.
  [[nodiscard]] Result<ImageInfo> PutImage(std::string_view bytes, std::string_view mime, int width, int height);
  /// Image bytes, verified against their SHA-256. Errors: NotFound, Corrupt (hash mismatch), Io.
  [[nodiscard]] Result<std::string> GetImage(std::string_view sha256);
  [[nodiscard]] Result<std::optional<ImageInfo>> FindImage(std::string_view sha256);
  /// Where an image lives on disk (whether or not it exists).
  [[nodiscard]] std::filesystem::path ImagePath(std::string_view sha256, std::string_view mime) const;

  // --- cameras ------------------------------------------------------------------------------
  /// Returns the camera with this external id, creating it (with `name`, `kind`, and an initial
  /// location when given) if it does not exist. Errors: InvalidArgument (empty id), Io.
  [[nodiscard]] Result<CameraId> EnsureCamera(std::string_view externalId, std::string_view name, CameraKind kind,
                                              const std::optional<CameraLocation>& location);
  /// Closes the camera's current location at `loc.from` and opens `loc`. Errors: NotFound, InvalidArgument.
  [[nodiscard]] Status MoveCamera(CameraId camera, const CameraLocation& loc);
  [[nodiscard]] Result<std::vector<Camera>> Cameras();
  [[nodiscard]] Result<std::optional<Camera>> FindCamera(CameraId id);
  /// The camera with this external id, if any.
  [[nodiscard]] Result<std::optional<Camera>> FindCameraByExternalId(std::string_view externalId);
  /// Adds a camera (an administrator's: the external id its reads will carry, a name, a kind, an
  /// optional first location). Errors: InvalidArgument (empty id or name, the location's),
  /// AlreadyExists (the external id), Io.
  [[nodiscard]] Result<CameraId> AddCamera(std::string_view externalId, std::string_view name, CameraKind kind,
                                           const std::optional<CameraLocation>& location);
  /// Renames a camera. Errors: InvalidArgument (empty name), NotFound, Io.
  [[nodiscard]] Status RenameCamera(CameraId camera, std::string_view name);
  /// Changes a camera's kind (its reads' retention follows the new kind from the next purge).
  /// Errors: NotFound, Io.
  [[nodiscard]] Status SetCameraKind(CameraId camera, CameraKind kind);
  /// Retires a camera at `at` (its current location closes then). Errors: NotFound,
  /// AlreadyExists (retired before), InvalidArgument (before its current location started), Io.
  [[nodiscard]] Status RetireCamera(CameraId camera, UtcMs at);

  // --- reads --------------------------------------------------------------------------------
  /// Inserts a read with its candidates and attributes. Idempotent on (sourceFormat, sourceUuid):
  /// the same record again returns inserted == false and changes nothing. Validates: non-empty
  /// source fields, normalised plate, confidences 0-100, camera exists, referenced images exist.
  /// Errors: InvalidArgument (naming the field), Io.
  [[nodiscard]] Result<InsertOutcome> InsertRead(const NewRead& read);
  [[nodiscard]] Result<std::optional<Read>> GetRead(ReadId id);
  /// Reads by id, in the order given; missing ids are skipped.
  [[nodiscard]] Result<std::vector<Read>> GetReads(std::span<const ReadId> ids);
  /// Calls fn for every read in id order (candidates and attributes filled), in batches; for
  /// building the search index. Stops early with Cancelled when the token is triggered, or when
  /// fn returns false (then returns success).
  [[nodiscard]] Status ForEachRead(const std::function<bool(const Read&)>& fn, std::stop_token stop = {},
                                   const ProgressFn& progress = {});
  // --- bulk scans (what the search index is built from) -------------------------------------
  /// The stamp that ties a search index to the stored reads (see ReadsStamp). Read it before
  /// scanning, so a deletion racing with a load makes the index look stale rather than fresh.
  /// Errors: Unsupported (no reads-deleted counter), Corrupt (the counter is not a number), Io.
  [[nodiscard]] Result<ReadsStamp> GetReadsStamp();
  /// How many reads have an id above after (for progress and reserving memory).
  /// Errors: Io.
  [[nodiscard]] Result<std::uint64_t> CountReadsAfter(ReadId after);
  /// Reads captured in [from, to) counted per camera and UTC hour (the transparency report), with
  /// each hour's first and last capture time; by camera, then hour. Errors: Io.
  [[nodiscard]] Result<std::vector<CameraHourCount>> ReadCountsByCameraHour(UtcMs from, UtcMs to);
  /// Calls fn for every read with an id above after, in id order, with plain columns and no
  /// allocation per row; stops quietly (success) when fn returns false and with Cancelled when
  /// stop is triggered. Runs on a read-only connection of its own (one snapshot), touching no
  /// other state of this Storage: it may run on another thread while this Storage is in use, and
  /// beside ScanCandidates. Errors: Cancelled, Corrupt, Io.
  [[nodiscard]] Status ScanReads(ReadId after, const std::function<bool(const ScannedRead&)>& fn,
                                 std::stop_token stop = {}) const;
  /// Calls fn for every candidate of a read with an id above after, in (read id, rank) order,
  /// like ScanReads (its own read-only connection and snapshot, same threading and errors).
  [[nodiscard]] Status ScanCandidates(ReadId after, const std::function<bool(const ScannedCandidate&)>& fn,
                                      std::stop_token stop = {}) const;

  /// Records a correction of a read. Errors: NotFound (no such read), InvalidArgument.
  [[nodiscard]] Result<Correction> AddCorrection(ReadId read, std::string_view plate, std::string_view state,
                                                 std::string_view reason, std::string_view user);
  [[nodiscard]] Result<std::vector<Correction>> Corrections(ReadId read);
  /// Records that `user` visually verified a read for a case (time from the clock).
  /// Errors: NotFound (no such read), InvalidArgument (empty user).
  [[nodiscard]] Result<Verification> AddVerification(ReadId read, std::string_view user, std::string_view caseNumber);
  /// A read's verifications, oldest first.
  [[nodiscard]] Result<std::vector<Verification>> Verifications(ReadId read);

  // --- quarantine ---------------------------------------------------------------------------
  /// Keeps rejected input under quarantine/<utc>-<sha8>.<ext> with a <file>.reason.json beside it
  /// and a row in the quarantine table. Never throws away the bytes. Errors: Io.
  [[nodiscard]] Result<QuarantineEntry> Quarantine(std::string_view bytes, std::string_view extension,
                                                   const QuarantineEntry& info);
  [[nodiscard]] Result<std::vector<QuarantineEntry>> QuarantineEntries();

  // --- users (the access module owns the rules; this only persists) ------------------------
  /// Errors: AlreadyExists (the name or its key is taken), InvalidArgument (empty name). An empty
  /// nameKey is taken as the name in ASCII lower case (access always gives the real key).
  [[nodiscard]] Result<UserId> AddUser(const UserRecord& user);
  /// The user with exactly this (stored) name.
  [[nodiscard]] Result<std::optional<UserRecord>> FindUser(std::string_view name);
  /// The user whose name key (case-folded, NFC: access::UserNameKey) is this; how sign-in and
  /// administration find a user from what someone typed.
  [[nodiscard]] Result<std::optional<UserRecord>> FindUserByKey(std::string_view nameKey);
  [[nodiscard]] Result<std::vector<UserRecord>> Users();
  /// Replaces every field of the user with this id except name, nameKey and createdAt. Errors: NotFound.
  [[nodiscard]] Status UpdateUser(const UserRecord& user);
  /// Ends every open session of the user except the one with exceptTokenHash ("" = all), as after
  /// a password or authenticator change. Returns how many were ended.
  [[nodiscard]] Result<int> EndUserSessions(std::string_view userName, std::string_view exceptTokenHash, UtcMs at,
                                            std::string_view reason);

  // --- cases, purposes, sessions (the access module owns the rules) ----------------------
  /// Errors: AlreadyExists, InvalidArgument.
  [[nodiscard]] Status AddCase(const CaseRecord& c);
  [[nodiscard]] Result<std::optional<CaseRecord>> FindCase(std::string_view number);
  [[nodiscard]] Result<std::vector<CaseRecord>> Cases();
  /// Errors: NotFound.
  [[nodiscard]] Status SetCaseOpen(std::string_view number, bool open);

  /// Inserts a purpose, or does nothing if the code exists (returns false then).
  [[nodiscard]] Result<bool> AddPurpose(const PurposeRecord& p);
  [[nodiscard]] Result<std::optional<PurposeRecord>> FindPurpose(std::string_view code);
  [[nodiscard]] Result<std::vector<PurposeRecord>> Purposes();
  /// Errors: NotFound.
  [[nodiscard]] Status SetPurposeDisabled(std::string_view code, bool disabled);

  /// Errors: AlreadyExists, InvalidArgument.
  [[nodiscard]] Status AddSession(const SessionRecord& s);
  [[nodiscard]] Result<std::optional<SessionRecord>> FindSessionByToken(std::string_view tokenHash);
  /// Sets last_active_ms. Errors: NotFound.
  [[nodiscard]] Status TouchSession(std::string_view tokenHash, UtcMs at);
  /// Marks the session ended (idempotent). Errors: NotFound.
  [[nodiscard]] Status EndSession(std::string_view tokenHash, UtcMs at, std::string_view reason);

  // --- secondary dissemination (store/Dissemination.h; the session owns the rules) ----------
  /// The largest document kept on file (store::kMaxDocumentBytes).
  static constexpr std::size_t kMaxDocumentBytes = store::kMaxDocumentBytes;
  /// Keeps a document on file by the SHA-256 of its bytes (once: the same bytes again are the same
  /// document), its media type found from its first bytes. Returns it without the bytes.
  /// Errors: InvalidArgument (empty, over kMaxDocumentBytes, not a PDF, PNG, JPEG or TIFF), Io.
  [[nodiscard]] Result<Document> PutDocument(const Document& document);
  [[nodiscard]] Result<std::optional<Document>> GetDocument(std::string_view sha256);
  /// Inserts an agency (id 0; returns the new id) or replaces the registry entry of its id.
  /// Errors: InvalidArgument (schema: empty name, bad state), AlreadyExists (the name), NotFound.
  [[nodiscard]] Result<std::int64_t> SaveAgency(const Agency& agency);
  [[nodiscard]] Result<std::vector<Agency>> Agencies();
  [[nodiscard]] Result<std::optional<Agency>> FindAgency(std::int64_t id);
  /// Append a dissemination record; each returns the new id. The release's reads are stored with
  /// it. Errors: InvalidArgument (schema), AlreadyExists (a second review by the same reviewer, a
  /// second release or receipt), Io.
  [[nodiscard]] Result<std::int64_t> AddDisseminationRequest(const DisseminationRequest& request);
  [[nodiscard]] Result<std::int64_t> AddDisseminationReview(const DisseminationReview& review);
  [[nodiscard]] Result<std::int64_t> AddDisseminationRelease(const DisseminationRelease& release);
  [[nodiscard]] Result<std::int64_t> AddDisseminationReceipt(const DisseminationReceipt& receipt);
  [[nodiscard]] Result<std::int64_t> AddDisseminationNotice(const DisseminationNotice& notice);
  /// Records that a notice was sent. Errors: NotFound, AlreadyExists (already sent).
  [[nodiscard]] Status MarkNoticeSent(std::int64_t notice, std::string_view method, std::string_view by, UtcMs at);
  /// Requests matching the filter with everything after them, oldest received first.
  [[nodiscard]] Result<std::vector<DisseminationRecord>> Disseminations(const DisseminationFilter& filter);
  /// Correction notices (open only: not yet sent), oldest first.
  [[nodiscard]] Result<std::vector<DisseminationNotice>> DisseminationNotices(bool openOnly);
  /// The releases whose packages contained a read, by id.
  [[nodiscard]] Result<std::vector<std::int64_t>> ReleasesContaining(ReadId read);
  /// Appends an audit review sign-off; returns its id. Errors: InvalidArgument (schema), Io.
  [[nodiscard]] Result<std::int64_t> AddReviewSignOff(const ReviewSignOff& signOff);
  /// Every sign-off, oldest first.
  [[nodiscard]] Result<std::vector<ReviewSignOff>> ReviewSignOffs();
  /// Appends a note on one audit record; returns its id. Errors: InvalidArgument (schema), Io.
  [[nodiscard]] Result<std::int64_t> AddReviewEntryNote(const ReviewEntryNote& note);
  /// The notes on records [fromSeq, toSeq), by record then time.
  [[nodiscard]] Result<std::vector<ReviewEntryNote>> ReviewEntryNotes(std::uint64_t fromSeq, std::uint64_t toSeq);

  // --- the approval queue (store/Approval.h; the session owns the rules) ----------------------
  /// Appends a request (its decision fields are ignored); returns its id. Errors: InvalidArgument
  /// (schema: an empty field, a kind other than search or multi-scene), Io.
  [[nodiscard]] Result<std::int64_t> AddApproval(const SearchApproval& request);
  /// Records the decision on a request (approval.decidedBy, decidedAt, approved, decisionReason,
  /// validUntil, decisionSeq). Errors: NotFound, AlreadyExists (decided before), InvalidArgument
  /// (schema: a denial without a reason, an approval that ends before it is made), Io.
  [[nodiscard]] Status DecideApproval(const SearchApproval& decision);
  /// Requests matching the filter with their decisions and their state at `now`, newest first.
  [[nodiscard]] Result<std::vector<SearchApproval>> Approvals(const ApprovalFilter& filter, UtcMs now);

  // --- holds (store/Hold.h; the session owns who may place, release and review) ----------------
  /// Places a hold (its id, release, review and counts are ignored; placedAt 0 = now): a hold of
  /// reads (investigation, discovery) on `reads`, or a preservation order (no reads) on its cameras
  /// (external ids) and/or plates in its window. All or none. Returns its id. Errors:
  /// InvalidArgument (an empty case, reason or placer; a hold of reads without reads or with an
  /// order's fields; an order with reads, without a window or without a camera and a plate),
  /// NotFound (a read or a camera), Io.
  [[nodiscard]] Result<std::int64_t> AddHold(const Hold& hold, std::span<const ReadId> reads);
  /// Releases a hold in force (the reads it alone kept become subject to retention again).
  /// Errors: InvalidArgument (empty user or reason), NotFound, AlreadyExists (released before), Io.
  [[nodiscard]] Status ReleaseHold(std::int64_t id, std::string_view by, std::string_view reason);
  /// Records that a hold in force was reviewed and kept. Errors: InvalidArgument (empty user or
  /// note), NotFound, AlreadyExists (released), Io.
  [[nodiscard]] Status AddHoldReview(std::int64_t id, std::string_view by, std::string_view note);
  /// Holds matching the filter, oldest placed first, with their cameras, plates, last review and
  /// the reads each keeps now (reviewDue is the session's to set).
  [[nodiscard]] Result<std::vector<Hold>> Holds(const HoldFilter& filter);
  /// An investigation hold for the case on `reads` (an evidence export's, "Add to case"'s); nothing
  /// when `reads` is empty. Errors: as AddHold's.
  [[nodiscard]] Status AddCaseHolds(std::string_view caseNumber, std::span<const ReadId> reads, std::string_view reason,
                                    std::string_view user);
  /// Reads a hold of reads in force keeps for the case, ascending (preservation orders' matches
  /// are not listed: Holds counts them).
  [[nodiscard]] Result<std::vector<ReadId>> CaseHolds(std::string_view caseNumber);
  /// The same reads, each with its earliest hold in force (kind, why, by whom, when), ascending by read.
  [[nodiscard]] Result<std::vector<CaseHold>> CaseHoldRecords(std::string_view caseNumber);
  /// How many reads the holds in force keep, for how many cases, and the holds by kind.
  [[nodiscard]] Result<HoldsInForce> CountHoldsInForce();
  /// Cases holding a read (by a hold of reads or an order), in order.
  [[nodiscard]] Result<std::vector<std::string>> HoldsOnRead(ReadId read);

  // --- retention -------------------------------------------------------------------------------
  /// Counts what PurgeExpired(cutoffs) would do now, changing nothing (a dry run).
  /// Errors: Io.
  [[nodiscard]] Result<PurgeCounts> CountExpired(const RetentionCutoffs& cutoffs);
  /// Hard-deletes the reads captured before their camera kind's cutoff that no hold in force keeps
  /// (a hold of reads, or a preservation order they match), with their candidates, corrections,
  /// verifications and the rows of released holds naming them, then the image files and rows no
  /// remaining read uses. One transaction per batch (oldest reads first); the schema (v7) allows
  /// the deletes only inside it. Image files are removed after their rows, under the write lock,
  /// so a failure or crash at any point leaves no read without its images and no image row
  /// without its file; removals an earlier purge did not finish are finished first. `counts`
  /// holds what was committed so far, also when an error returns. Stops between batches when
  /// `stop` is triggered (success, counts.finished false). A purge that finishes also removes the
  /// quarantined inputs received before the latest cutoff (rows, then files; files no row names left by an
  /// interrupted run, once a day old) and the migration backups made before it, then truncates the
  /// WAL; every connection zeroes deleted content (secure_delete), so the database file keeps no
  /// copy of a purged read. Not inside an open Transaction.
  /// Errors: InvalidArgument (inside a Transaction, batch size 0), Io; a fault's error.
  [[nodiscard]] Status PurgeExpired(const RetentionCutoffs& cutoffs, PurgeCounts& counts, std::stop_token stop = {},
                                    const ProgressFn& progress = {}, const PurgeOptions& options = {});

  // --- the storage server: ingest tokens (schema v11) ------------------------------------------
  /// Stores a new ingest token (only its hash). Returns its id. Errors: InvalidArgument (empty
  /// name, hash or camera list, an empty camera id, a negative or non-finite rate), AlreadyExists
  /// (the name, or the hash, is taken), Io.
  [[nodiscard]] Result<std::int64_t> AddIngestToken(const IngestToken& token);
  /// Every ingest token, revoked ones included, ordered by name. Errors: Corrupt, Io.
  [[nodiscard]] Result<std::vector<IngestToken>> IngestTokens();
  /// Revokes the named token (it stays listed, with who, why and when). Errors: NotFound,
  /// AlreadyExists (already revoked), Io.
  [[nodiscard]] Status RevokeIngestToken(std::string_view name, std::string_view by, std::string_view reason, UtcMs at);

  // --- the storage server: camera health (schema v11) -------------------------------------------
  /// Records that the server heard from cameras (reads or heartbeats). Meant for the server's
  /// ingest writer inside its open Transaction (joins it; works on its own too). Creates cameras
  /// not yet known (EnsureCamera: named by their external id, kind fixed, no location); per camera
  /// sets last-heard to the newest time given (older times change nothing); closes an open offline
  /// period at the first newer time, or records the closed period [previous + offlineAfterMs, at)
  /// when the silence before `at` was longer than offlineAfterMs. Errors: InvalidArgument (empty
  /// external id, offlineAfterMs <= 0), Io.
  [[nodiscard]] Status NoteCamerasHeard(std::span<const CameraHeard> heard, UtcMs offlineAfterMs);
  /// Opens an offline period (from = last-heard + offlineAfterMs, still open) for every camera
  /// heard before and silent for longer than offlineAfterMs at `now`. Idempotent. Errors:
  /// InvalidArgument (offlineAfterMs <= 0), Io.
  [[nodiscard]] Status SweepCameraHealth(UtcMs now, UtcMs offlineAfterMs);
  /// Every camera with its last-heard time, online state at `now` and the offline periods that
  /// overlap [since, now], ordered by name. A camera silent longer than offlineAfterMs with no
  /// open period yet (no sweep since: the server was stopped) gets the open period a sweep would
  /// record, without writing it. Never-heard cameras have no lastHeard, are not online and have
  /// no periods. Errors: InvalidArgument (offlineAfterMs <= 0), Io.
  [[nodiscard]] Result<std::vector<CameraHealth>> CameraHealthList(UtcMs since, UtcMs now, UtcMs offlineAfterMs);
  /// The offline periods of these cameras (empty = all) that overlap [from, to], ordered by start,
  /// including the open period a sweep would record now (threshold: the camera_offline_after_s
  /// setting, else kDefaultCameraOfflineAfterMs; time: the Storage's clock) but has not. Errors:
  /// InvalidArgument (to < from), Io.
  [[nodiscard]] Result<std::vector<OfflinePeriod>> OfflinePeriods(std::span<const CameraId> cameras, UtcMs from,
                                                                  UtcMs to);
  /// The offline threshold in force: the camera_offline_after_s setting in ms, else
  /// kDefaultCameraOfflineAfterMs. Errors: Corrupt (the setting is not a positive number), Io.
  [[nodiscard]] Result<UtcMs> CameraOfflineAfter();

  // --- status -------------------------------------------------------------------------------
  /// Counts only, no plate data; with camera health now (CameraHealthList with the
  /// camera_offline_after_s threshold, its default if the setting is damaged).
  [[nodiscard]] Result<StorageStatus> GetStatus();

 private:
  struct Impl;
  explicit Storage(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::store
