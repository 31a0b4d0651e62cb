// SPDX-License-Identifier: GPL-3.0-or-later
// Private: durable file creation for packages on removable media.
#pragma once

#include "platedesk/common/Result.h"

#include <filesystem>
#include <string_view>

namespace platedesk::evidence::detail {

/// Creates path exclusively (O_EXCL: never replaces), writes bytes, fsyncs and closes it.
/// Errors: AlreadyExists, Io (ENOSPC named as "the medium is full").
[[nodiscard]] Status WriteNewFileDurably(const std::filesystem::path& path, std::string_view bytes);

/// fsyncs a folder so the names in it are durable. Errors: Io.
[[nodiscard]] Status SyncFolder(const std::filesystem::path& folder);

}  // namespace platedesk::evidence::detail
