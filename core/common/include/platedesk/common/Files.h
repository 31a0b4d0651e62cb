// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace platedesk {

/// Reads a whole file into a string (binary). Errors: NotFound, Io, InvalidArgument (a folder).
[[nodiscard]] Result<std::string> ReadFile(const std::filesystem::path& path);

/// Writes bytes durably: to a temporary name beside the target, fsync, rename, fsync the folder.
/// Either the old content or the new content is there afterwards, never a mix. Errors: Io.
[[nodiscard]] Status WriteFileAtomic(const std::filesystem::path& path, std::string_view bytes);

/// Writes bytes to a new file only if none exists there (O_EXCL), durably. ownerOnly: readable and
/// writable by the owner alone from the moment it exists (0600 on POSIX; a secret is never briefly
/// readable by others). Errors: AlreadyExists, Io.
[[nodiscard]] Status WriteFileExclusive(const std::filesystem::path& path, std::string_view bytes,
                                        bool ownerOnly = false);

/// Free bytes on the file system holding path (or its nearest existing parent).
[[nodiscard]] Result<std::uint64_t> FreeSpace(const std::filesystem::path& path);

/// Total size of regular files below a folder.
[[nodiscard]] std::uint64_t FolderSize(const std::filesystem::path& folder);

/// Current user's per-user state folder (~/.local/state/platedesk, %LOCALAPPDATA%\PlateDesk).
[[nodiscard]] std::filesystem::path UserStateFolder();

/// A temporary folder removed (recursively) by the destructor; for tests and staging.
class TempFolder {
 public:
  explicit TempFolder(std::string_view prefix = "platedesk");
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& Path() const { return mPath; }

 private:
  std::filesystem::path mPath;
};

}  // namespace platedesk
