// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the signing key file beside audit.db (owner-only permissions, written durably).
#pragma once

#include "platedesk/common/Result.h"

#include <filesystem>
#include <string_view>

namespace platedesk::audit::detail {

/// Writes a new secret file (replacing any stale one at that path) with mode 0600 on POSIX, fsyncs
/// it and its folder. Errors: Io.
[[nodiscard]] Status WriteSecretFile(const std::filesystem::path& path, std::string_view bytes);

/// Renames from -> to and fsyncs the folder. Errors: Io.
[[nodiscard]] Status RenameDurably(const std::filesystem::path& from, const std::filesystem::path& to);

/// True when others than the owner may read the file (POSIX group/other bits); false elsewhere.
[[nodiscard]] bool IsReadableByOthers(const std::filesystem::path& path);

}  // namespace platedesk::audit::detail
