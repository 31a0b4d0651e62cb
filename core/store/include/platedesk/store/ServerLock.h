// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace platedesk::store {

/// The lock platedesk-server holds on a storage folder it owns: an OS file lock (flock on POSIX,
/// LockFileEx on Windows) on `<folder>/server.lock` (mode 0600), whose one line describes the
/// holder (the caller's description: pid, host, listen address). The OS releases it when the
/// process ends, however it ends. Workstations refuse to open a folder another process holds
/// (two writers appending to one audit log would break its tree). Move-only; released by the
/// destructor. Acquire and Holder are thread-safe.
class ServerLock {
 public:
  /// Takes the lock and writes `description` (newlines become spaces) into the lock file.
  /// Errors: Locked (another process holds it, or this process already does; the message quotes
  /// the holder's description), NotFound (no such folder), Io.
  [[nodiscard]] static Result<ServerLock> Acquire(const std::filesystem::path& folder, std::string_view description);
  /// The holder's description when ANOTHER process holds the folder's lock; nullopt when nobody
  /// does or this process does. Creates nothing. Errors: Io.
  [[nodiscard]] static Result<std::optional<std::string>> Holder(const std::filesystem::path& folder);
  /// The lock file's name inside a storage folder: "server.lock".
  [[nodiscard]] static const char* FileName();

  ServerLock(ServerLock&& other) noexcept;
  ServerLock& operator=(ServerLock&& other) noexcept;
  ServerLock(const ServerLock&) = delete;
  ServerLock& operator=(const ServerLock&) = delete;
  ~ServerLock();

 private:
  ServerLock(std::intptr_t handle, std::string key) : mHandle(handle), mKey(std::move(key)) {}
  void Release() noexcept;
  std::intptr_t mHandle = -1;  ///< a POSIX file descriptor or a Windows HANDLE; -1 = none
  std::string mKey;            ///< the lock file's canonical path (this process's registry of held locks)
};

}  // namespace platedesk::store
