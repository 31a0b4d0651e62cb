// SPDX-License-Identifier: GPL-3.0-or-later
// Private: durable file creation for packages on removable media.
#pragma once

#include "platedesk/common/Result.h"

#include <filesystem>
#include <string_view>
#include <vector>

namespace platedesk::evidence::detail {

/// Creates path exclusively (O_EXCL: never replaces), writes bytes, fsyncs and closes it.
/// Errors: AlreadyExists, Io (ENOSPC named as "the medium is full").
[[nodiscard]] Status WriteNewFileDurably(const std::filesystem::path& path, std::string_view bytes);

/// fsyncs a folder so the names in it are durable. Errors: Io.
[[nodiscard]] Status SyncFolder(const std::filesystem::path& folder);

/// The file PlateDesk writes first into every partial export folder on a medium: it says who made
/// the folder, and while the export runs its writer holds an exclusive lock on it (the kernel drops
/// the lock if the process dies), so a later export can tell a stale folder from a running one.
inline constexpr std::string_view kPartialMarkerName = ".platedesk-partial";

class PartialMarker {
 public:
  /// Creates folder/kPartialMarkerName exclusively, locks it, writes the marker text and fsyncs.
  /// Errors: AlreadyExists, Io.
  [[nodiscard]] static Result<PartialMarker> Create(const std::filesystem::path& folder);
  PartialMarker(PartialMarker&& other) noexcept;
  PartialMarker& operator=(PartialMarker&& other) noexcept;
  PartialMarker(const PartialMarker&) = delete;
  PartialMarker& operator=(const PartialMarker&) = delete;
  /// Releases the lock; leaves the file (the folder's owner removes the folder).
  ~PartialMarker();
  /// Deletes the marker while still holding its lock, then releases it: the folder is no longer
  /// a partial export (it is about to be renamed into place). Errors: Io.
  [[nodiscard]] Status Remove();

 private:
  PartialMarker(std::filesystem::path path, int fd) : mPath(std::move(path)), mFd(fd) {}
  std::filesystem::path mPath;
  int mFd = -1;
};

/// Removes from destination (not below it) each folder ".PlateDesk-*.partial" that an interrupted
/// export left: a real folder (not a link) holding a regular-file marker with PlateDesk's text that
/// no running export holds locked. Nothing else is touched. Returns the folders removed; never
/// fails (what cannot be checked or removed stays). On Windows nothing is removed yet.
std::vector<std::filesystem::path> RemoveStalePartials(const std::filesystem::path& destination);

}  // namespace platedesk::evidence::detail
