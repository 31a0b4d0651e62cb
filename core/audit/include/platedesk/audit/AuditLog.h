// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The tamper-evident audit log: audit.db in the storage folder (SQLite, WAL, synchronous=FULL),
// canonical JSON records hashed into an RFC 9162 Merkle tree, Ed25519-signed checkpoints.

#include "platedesk/audit/Checkpoint.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::audit {

/// File name of the audit database inside a storage folder.
inline constexpr std::string_view kAuditDbFileName = "audit.db";
/// File name of the checkpoint signing key, beside audit.db (mode 0600 on POSIX). Anyone who can
/// read it can sign checkpoints: agencies must restrict access to the storage folder. Checkpoints
/// held outside the machine stay valid evidence even if this key leaks.
inline constexpr std::string_view kSigningKeyFileName = "audit-signing.key";
/// The product signs a checkpoint at least this often while events occur (MaybeCheckpoint).
inline constexpr UtcMs kCheckpointInterval = 5 * kMsPerMinute;
/// Records younger than this are never pruned (CJIS AU-11: keep at least one year).
inline constexpr UtcMs kMinimumAuditRetention = 365 * kMsPerDay;
/// Origin prefix of checkpoints: "platedesk.local/<storage id>".
inline constexpr std::string_view kOriginPrefix = "platedesk.local/";

/// First line prefix of every statement SignStatement signs. No checkpoint (whose first line is
/// the origin "platedesk.local/...") and no key endorsement ("platedesk audit key") starts so,
/// so a signed statement can never be passed off as either.
inline constexpr std::string_view kStatementPrefix = "platedesk statement ";

/// Outcome of an audited action.
enum class Outcome { Success, Failure, Refused };

/// "success", "failure", "refused".
[[nodiscard]] const char* OutcomeName(Outcome outcome);

/// One event to record. Empty strings, empty containers and unset optionals are left out of the
/// record; the event type decides which must be present (EventCatalogue.h). The log adds seq,
/// nonce, time, workstation and app_version itself.
struct AuditEvent {
  std::string event;  ///< type from the catalogue, e.g. "search.start"
  Outcome outcome = Outcome::Success;
  std::string user;                          ///< acting (or, for login.failure, attempted) user; "system" for jobs
  std::string session;                       ///< session id after login
  std::string caseNumber;                    ///< record field "case"
  std::string purposeCode;                   ///< record field "purpose_code"
  std::string purposeText;                   ///< record field "purpose_text" (catalogue wording)
  std::string justification;                 ///< free text the user typed
  std::map<std::string, std::string> query;  ///< every query element, by name
  std::optional<std::uint64_t> resultCount;  ///< record field "result_count"
  std::string resultHash;                    ///< record field "result_hash" (e.g. SHA-256 hex of the result ids)
  std::vector<std::string> objects;          ///< ids of what was touched (reads, images, users, files)
  std::optional<std::uint64_t> bytes;        ///< bytes written or released
  std::string reason;                        ///< why (refusal, failure, lock)
  std::string detailsJson;                   ///< a JSON object as text; integers, never floats
  /// Record field "workstation" when the user works elsewhere than the log's own host (a session
  /// a server hosts names its client: "address 10.0.4.17 via platedesk-server"); empty: the log's.
  std::string workstation;
};

/// What Append wrote.
struct AppendedRecord {
  std::uint64_t seq = 0;
  Sha256Digest leafHash{};
  std::string canonical;  ///< the exact record bytes that were hashed
  UtcMs time = 0;
};

/// A record read back for review. Pruned records keep seq, time, event, outcome and leaf hash.
struct StoredRecord {
  std::uint64_t seq = 0;
  UtcMs time = 0;
  std::string event;
  std::string outcome;
  std::string user;
  std::string caseNumber;
  std::string purposeCode;
  std::string canonical;  ///< empty when pruned
  Sha256Digest leafHash{};
  bool pruned = false;
  bool operator==(const StoredRecord&) const = default;
};

/// Review filter for List; unset fields do not filter. Results are in seq order (reports never
/// reorder records, CJIS AU-7).
struct RecordFilter {
  std::string user;
  std::optional<UtcMs> from;  ///< time >= from
  std::optional<UtcMs> to;    ///< time < to
  std::string caseNumber;
  std::string purposeCode;
  std::string eventType;                 ///< exact type, or a family/prefix ending in ".*" ("search.*")
  std::optional<std::uint64_t> fromSeq;  ///< seq >= fromSeq (paging)
  std::size_t limit = 0;                 ///< 0 = all
  bool operator==(const RecordFilter&) const = default;
};

/// Result of Prune.
struct PruneReport {
  std::uint64_t fromSeq = 0;  ///< first record tombstoned
  std::uint64_t toSeq = 0;    ///< one past the last record tombstoned
  std::uint64_t pruned = 0;   ///< toSeq - fromSeq (0 = nothing was old enough)
};

/// Settings for Open.
struct AuditLogOptions {
  std::string storageId;  ///< used once, when the log is created: origin "platedesk.local/<storageId>"; random if empty
  std::string workstation;  ///< recorded in every record (host name or workstation id); required
  std::string appVersion;   ///< recorded in every record; required
};

/// The audit log of one storage folder. One writer per process; all methods are serialised by an
/// internal mutex, so calls from several threads are safe but not concurrent. Another process
/// appending to the same file is detected and handled (each append re-reads the tree size inside
/// its write transaction). Appends are durable before they return (WAL, synchronous=FULL).
/// Records are never updated or deleted (SQLite triggers refuse it); Prune only replaces the text
/// of records older than a year by a tombstone that keeps the leaf hash.
class AuditLog {
 public:
  /// Opens audit.db at dbPath, creating it, its first signing key and kSigningKeyFileName beside
  /// it when the file does not exist yet. The folder must exist. Errors: NotFound (folder),
  /// InvalidArgument (options), Corrupt (a key file without a log, or a key that does not match
  /// the log: refuses to start a fresh log over a deleted one), Unsupported (newer schema), Io.
  [[nodiscard]] static Result<std::unique_ptr<AuditLog>> Open(const std::filesystem::path& dbPath,
                                                              const AuditLogOptions& options, const Clock& clock);

  /// Opens an existing log for review only (SQLite mode=ro; no key needed). Append, signing,
  /// rotation and pruning fail with PermissionDenied. Errors: NotFound, Corrupt, Unsupported, Io.
  [[nodiscard]] static Result<std::unique_ptr<AuditLog>> OpenReadOnly(const std::filesystem::path& dbPath);

  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  /// Validates the event against the catalogue, writes its canonical record and Merkle leaf, and
  /// commits durably. Errors: InvalidArgument (unknown type, missing/malformed field), Io (the
  /// caller must then fail the audited action: fail closed), PermissionDenied (read-only).
  [[nodiscard]] Result<AppendedRecord> Append(const AuditEvent& event);

  /// Appends several events in one transaction: all or none. Same errors as Append.
  [[nodiscard]] Result<std::vector<AppendedRecord>> AppendBatch(const std::vector<AuditEvent>& events);

  /// Signs and stores a checkpoint of the current tree head; returns the newest stored checkpoint
  /// instead when it already covers the current size with the current key. Call at every export,
  /// at shutdown, and through MaybeCheckpoint while events occur.
  [[nodiscard]] Result<Checkpoint> SignCheckpoint();

  /// Signs a checkpoint when entries were appended since the newest checkpoint and that one is
  /// older than kCheckpointInterval at `now` (or there is none). Returns the new checkpoint, or
  /// nullopt when none was due.
  [[nodiscard]] Result<std::optional<Checkpoint>> MaybeCheckpoint(UtcMs now);

  /// The newest stored checkpoint, or nullopt when none has been signed yet.
  [[nodiscard]] Result<std::optional<Checkpoint>> LatestCheckpoint();

  /// Every stored checkpoint, oldest first.
  [[nodiscard]] Result<std::vector<Checkpoint>> Checkpoints();

  /// Number of records (the tree size).
  [[nodiscard]] Result<std::uint64_t> Size();

  /// Merkle root at an earlier (or the current) size. Errors: InvalidArgument (size > Size()).
  [[nodiscard]] Result<Sha256Digest> RootAt(std::uint64_t size);

  /// Inclusion proof of record seq in the tree of treeSize (RFC 9162). Errors: InvalidArgument.
  [[nodiscard]] Result<std::vector<Sha256Digest>> InclusionProof(std::uint64_t seq, std::uint64_t treeSize);

  /// Consistency proof from tree size first to second (RFC 9162). Errors: InvalidArgument.
  [[nodiscard]] Result<std::vector<Sha256Digest>> ConsistencyProof(std::uint64_t first, std::uint64_t second);

  /// One record. Errors: NotFound.
  [[nodiscard]] Result<StoredRecord> Get(std::uint64_t seq);

  /// Records matching the filter, in seq order. Reading never changes the log (callers record an
  /// audit.review event themselves).
  [[nodiscard]] Result<std::vector<StoredRecord>> List(const RecordFilter& filter);

  /// The log's checkpoint origin, "platedesk.local/<storage id>".
  [[nodiscard]] const std::string& Origin() const;

  /// The verifier key of the current signing key ("<name>+<key id>+<base64 key>"): publish it
  /// and give it to auditors. The first key (KeyChain().front()) is the log's root of trust.
  [[nodiscard]] Result<std::string> VerifierKey();

  /// Signs a statement that is not a checkpoint (an evidence package's tag manifests) with the
  /// current signing key, as a C2SP signed note; check it with HasValidSignature and VerifierKey().
  /// text must start with kStatementPrefix, be UTF-8, end in "\n" and have no blank line.
  /// Errors: InvalidArgument, PermissionDenied (read-only), Corrupt (key missing).
  [[nodiscard]] Result<std::string> SignStatement(std::string_view text);

  /// Every signing key the log has had, oldest first, as verifier keys.
  [[nodiscard]] Result<std::vector<std::string>> KeyChain();

  /// One signing key of the log as its keys table holds it.
  struct KeyRecord {
    std::string verifierKey;
    std::uint64_t validFrom = 0;  ///< the first tree size it signs
    std::string endorsement;      ///< signed by the key before it (OpenEndorsement); "" for the first key
  };
  /// KeyChain with each key's valid-from size and endorsement, for witnesses that follow a rotation.
  [[nodiscard]] Result<std::vector<KeyRecord>> KeyRecords();

  /// Replaces the signing key: signs a final checkpoint with the old key, records an
  /// audit.key_rotated event (details: which "audit", old_key, new_key), stores the new public key endorsed by the old
  /// one (valid for tree sizes after that event), replaces the key file and signs a checkpoint with the new key.
  /// Returns the new verifier key. Errors: as Append, plus Io for the key file.
  [[nodiscard]] Result<std::string> RotateKey(const std::string& user, const std::string& session);

  /// Tombstones the oldest records with time < before (a prefix of the log), keeping their leaf
  /// hashes so every root and checkpoint still verifies, and records an audit.pruned event.
  /// Errors: InvalidArgument when before is less than kMinimumAuditRetention before now.
  [[nodiscard]] Result<PruneReport> Prune(UtcMs before, const std::string& user, const std::string& session);

 private:
  struct Impl;
  explicit AuditLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::audit
