// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Args.h"

#include "platedesk/common/Result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace platedesk::cli {

/// The verifier keys `verify` and `audit verify` trust, and the file they came from.
struct TrustedKeys {
  std::vector<std::string> keys;  ///< empty: none configured (the verdict can then only be "intact")
  std::filesystem::path file;
  std::string source;  ///< "--key", "PLATEDESK_TRUSTED_KEYS" or "the user's trusted-keys file"
};

/// The user's trusted-keys file: $XDG_CONFIG_HOME/platedesk/trusted-keys.txt (else
/// ~/.config/platedesk/...; %APPDATA%\PlateDesk\... on Windows). Empty when no home is known.
[[nodiscard]] std::filesystem::path UserTrustedKeysFile();

/// The trusted keys, first found of: --key FILE, the file named by PLATEDESK_TRUSTED_KEYS, the
/// user's trusted-keys file when it exists. Each file holds one verifier key per line (or a
/// package's platedesk-key.txt). Errors: NotFound/Io (a named file cannot be read),
/// InvalidArgument (a line that is not a verifier key).
[[nodiscard]] Result<TrustedKeys> LoadTrustedKeys(const ParsedArgs& args);

}  // namespace platedesk::cli
