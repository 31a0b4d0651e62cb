// SPDX-License-Identifier: GPL-3.0-or-later
// Private: zip archives over libzip for encrypted packages (WinZip AE-2, AES-256), read and write.
#pragma once

#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"

#include <cstdint>
#include <filesystem>
#include <stop_token>
#include <string>

namespace platedesk::evidence::detail {

/// Writes zipPath (must not exist) holding every regular file below folder as "<prefix><relative
/// path>", stored (JPEGs do not compress), each entry AES-256 encrypted (WinZip AE-2) when
/// passphrase is not empty. fsyncs the file. Errors: Io, Cancelled, Unsupported (no AES in libzip).
[[nodiscard]] Status ZipFolder(const std::filesystem::path& folder, const std::string& prefix,
                               const std::filesystem::path& zipPath, const std::string& passphrase,
                               std::stop_token stop, const ProgressFn& progress);

/// Extracts every entry of zipPath into folder (an existing empty folder), never outside it:
/// names must pass CheckBagPath, entries are written as regular files only, and at most maxBytes
/// in all. Errors: Unauthenticated (wrong or missing passphrase), Corrupt (malformed archive or
/// hostile names), Io, Cancelled.
[[nodiscard]] Status UnzipTo(const std::filesystem::path& zipPath, const std::filesystem::path& folder,
                             const std::string& passphrase, std::uint64_t maxBytes, std::stop_token stop);

}  // namespace platedesk::evidence::detail
