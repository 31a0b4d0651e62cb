// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Audit log checkpoints in the C2SP tlog-checkpoint form (https://c2sp.org/tlog-checkpoint):
// the body "<origin>\n<tree size>\n<base64 root hash>\n" inside a signed note.

#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace platedesk::audit {

/// A tree head: which log, how many entries, and the Merkle root over them.
struct TreeHead {
  std::string origin;
  std::uint64_t size = 0;
  Sha256Digest root{};
};

/// The checkpoint body "<origin>\n<size>\n<base64 root>\n".
[[nodiscard]] std::string FormatCheckpointBody(const TreeHead& head);

/// Parses a checkpoint body; extension lines after the root are allowed and ignored.
/// Errors: InvalidArgument.
[[nodiscard]] Result<TreeHead> ParseCheckpointBody(std::string_view body);

/// Parses a signed checkpoint note and checks that `key` signed it. Errors: InvalidArgument
/// (malformed), PermissionDenied (no valid signature by that key).
[[nodiscard]] Result<TreeHead> OpenCheckpoint(std::string_view note, const NoteVerifier& key);

/// What a key endorsement says: the log `origin` signs its checkpoints with `newKey` from tree size
/// `validFrom` on. The key before it signs this when the log's key is rotated (AuditLog::RotateKey).
struct KeyEndorsement {
  std::string origin;
  std::string newKey;  ///< verifier key ("<name>+<key id>+<base64 key>")
  std::uint64_t validFrom = 0;
};

/// Parses an endorsement note ("platedesk audit key", origin, new verifier key, valid-from size)
/// and checks that `endorser` signed it. Errors: InvalidArgument (malformed), PermissionDenied (no
/// valid signature by endorser).
[[nodiscard]] Result<KeyEndorsement> OpenEndorsement(std::string_view note, const NoteVerifier& endorser);

/// A checkpoint as the audit log stores and hands it out.
struct Checkpoint {
  std::uint64_t size = 0;  ///< tree size it commits to
  Sha256Digest root{};     ///< Merkle root at that size
  std::string note;        ///< the complete signed note (body, blank line, signature line)
  std::string keyId;       ///< 8 hex digits of the signing key's id
  UtcMs signedAt = 0;      ///< when it was signed (workstation clock)
};

}  // namespace platedesk::audit
