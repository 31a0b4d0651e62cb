// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The offline verifier of audit.db. Read-only: opens the database with SQLite mode=ro (falling
// back to immutable=1 on read-only media) and never writes.

#include "platedesk/common/Hash.h"
#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace platedesk::audit {

/// Why a verification failed (the first problem found, in log order).
enum class VerifyProblem {
  None,
  Unreadable,                      ///< tables or meta missing or malformed
  KeyChain,                        ///< key rows not chained, endorsement bad, or root key not the trusted key
  SequenceGap,                     ///< a seq is missing (a deleted record)
  SequenceMismatch,                ///< a record's own "seq" differs from its position (insert, delete, swap)
  LeafHashMismatch,                ///< stored leaf hash != SHA-256(0x00 || record) (record changed)
  NotCanonical,                    ///< record is not valid canonical JSON
  InvalidRecord,                   ///< unknown event type, missing mandatory or malformed field
  TimeOrder,                       ///< time went backwards without an explained clock change
  IndexMismatch,                   ///< review columns (time, user, case, ...) disagree with the record
  TreeNodeMismatch,                ///< a stored subtree hash (used for proofs and new roots) disagrees with the leaves
  Tombstone,                       ///< a pruned record outside a declared prune or not a prefix
  CheckpointInvalid,               ///< a stored checkpoint is malformed or for another log
  CheckpointSignature,             ///< no valid signature by the key valid at its tree size
  CheckpointRootMismatch,          ///< root recomputed from the leaves differs (records rewritten)
  CheckpointBeyondLog,             ///< a stored checkpoint is larger than the log (truncation)
  ExternalCheckpointInvalid,       ///< an external checkpoint is malformed or for another log
  ExternalCheckpointSignature,     ///< an external checkpoint is not signed by the log's key for its size
  ExternalCheckpointRootMismatch,  ///< fork: the log's root at that size differs from the external one
  ExternalCheckpointBeyondLog,     ///< rollback/truncation below an external checkpoint
};

/// Stable name of a problem ("leaf-hash-mismatch", ...), for CLI and JSON output.
[[nodiscard]] const char* VerifyProblemName(VerifyProblem problem);

/// Outcome of VerifyLog. ok == (problem == None).
struct VerifyReport {
  bool ok = false;
  VerifyProblem problem = VerifyProblem::None;
  std::string reason;  ///< one sentence for the auditor
  /// First log index that is (or may be) bad. For a root mismatch it is the size of the newest
  /// checkpoint that still matched: some record in [firstBadIndex, badRangeEnd) was changed.
  std::optional<std::uint64_t> firstBadIndex;
  std::optional<std::uint64_t> badRangeEnd;  ///< set with root mismatches (the failing checkpoint's size)
  std::optional<std::size_t>
      checkpointNumber;  ///< which checkpoint failed: stored (1-based id order) or external (0-based input order)

  std::uint64_t entries = 0;  ///< records in the log
  std::uint64_t pruned = 0;   ///< tombstoned records (verified through their leaf hashes only)
  Sha256Digest root{};        ///< root over all entries (when readable)
  std::string origin;
  std::size_t keys = 0;                 ///< signing keys in the chain
  std::size_t storedCheckpoints = 0;    ///< stored checkpoints verified
  std::size_t externalCheckpoints = 0;  ///< external checkpoints verified
  std::optional<std::uint64_t> newestStoredCheckpointSize;
  std::optional<std::uint64_t> newestExternalCheckpointSize;
  /// Entries after the newest external checkpoint: a rollback or rewrite of these would not be
  /// detected (all entries when no external checkpoint was given).
  std::uint64_t unanchoredTail = 0;
  std::vector<std::string> warnings;  ///< e.g. opened immutable, no external checkpoint
};

/// What to check the log against.
struct VerifyOptions {
  /// Signed checkpoint notes held outside the machine (from evidence packages, dissemination
  /// records, review reports). Each must verify and match the log's root at its size.
  std::vector<std::string> externalCheckpoints;
  /// The log's root verifier key ("<name>+<key id>+<base64 key>"), obtained out of band. When set,
  /// the log's first key must be this key; later keys are trusted through their endorsements.
  std::optional<std::string> trustedKey;
  ProgressFn progress;   ///< records checked / total
  std::stop_token stop;  ///< cancels (Error Cancelled)
};

/// Verifies an audit.db: sequence without gaps, every leaf hash, canonical encoding, mandatory
/// fields per event type, non-decreasing time (or an explained clock change), review columns,
/// the stored subtree hashes, tombstones, the key chain, every stored and external checkpoint's signature (by the key
/// valid at its size) and root. Returns a report (PASS or FAIL with the first problem); Errors only when the file
/// cannot be opened at all (NotFound, Io) or on cancellation. Never writes.
[[nodiscard]] Result<VerifyReport> VerifyLog(const std::filesystem::path& auditDb, const VerifyOptions& options);

/// Convenience overload with external checkpoints and an optional trusted root key. (With no
/// checkpoints at all, call VerifyLog(path, VerifyOptions{}): a bare {} is ambiguous.)
[[nodiscard]] Result<VerifyReport> VerifyLog(const std::filesystem::path& auditDb,
                                             const std::vector<std::string>& externalCheckpoints,
                                             const std::optional<std::string>& trustedKey = std::nullopt);

}  // namespace platedesk::audit
