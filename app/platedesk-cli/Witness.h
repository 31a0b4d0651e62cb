// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace platedesk::workstation {
class Connection;
}

namespace platedesk::cli {

/// Files of a witness folder: the verifier keys it trusts (trusted-keys format, oldest first), the
/// newest checkpoint it stored (a copy of checkpoint-<size>.txt), and one file per checkpoint.
inline constexpr const char* kWitnessKeysFile = "keys.txt";
inline constexpr const char* kWitnessLatestFile = "latest";

/// What one witness run did.
struct WitnessRun {
  bool firstRun = false;             ///< the folder held nothing: the keys were trusted as received
  std::vector<std::string> newKeys;  ///< keys trusted in this run (first run: all; later: endorsed ones)
  std::uint64_t previousSize = 0;    ///< size of the checkpoint held before (0: none)
  std::uint64_t size = 0;            ///< size of the checkpoint received
  std::string root;                  ///< its root hash, hex
  std::string signingKeyId;          ///< the key that signed it
  bool stored = false;               ///< false: the log has not grown since the last run
  std::filesystem::path file;        ///< checkpoint-<size>.txt
};

/// The audit witness (`platedesk-cli audit witness`), run on another machine, e.g. from cron:
/// asks `connection` for the newest signed checkpoint and the consistency proof from the one the
/// folder `out` holds, and stores the new checkpoint only after checking (1) that a key the
/// witness trusts signed it: the first run trusts the keys it gets (the caller prints their
/// fingerprints), later runs trust only those and the keys each endorsed at a rotation, and the
/// checkpoint must be signed by the key valid at its size; (2) that the proof shows the new tree
/// extends the stored one (RFC 9162). Needs no sign-in: checkpoints hold no plate data.
/// Errors: Corrupt ("the log was rewritten: ..." for a failed proof, a shorter log or another
/// log; a key chain that does not hold together or a checkpoint no trusted key signed), nothing
/// stored then; the connection's errors; Io. `clock` dates the keys it trusts (keys.txt).
[[nodiscard]] Result<WitnessRun> RunWitness(workstation::Connection& connection, const std::filesystem::path& out,
                                            const Clock& clock);

/// The newest checkpoint a witness folder holds (`audit verify --witness`). Errors: NotFound (no
/// checkpoint there), Io.
[[nodiscard]] Result<std::string> WitnessCheckpoint(const std::filesystem::path& folder);

}  // namespace platedesk::cli
