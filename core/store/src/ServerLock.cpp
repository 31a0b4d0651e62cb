// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/store/ServerLock.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace platedesk::store {
namespace {

constexpr const char* kLockFile = "server.lock";
constexpr std::intptr_t kNoHandle = -1;

// The lock files this process holds. flock and LockFileEx locks belong to an open file, so this
// process opening the file again would see its own lock as someone else's; this says whose it is.
std::mutex gHeldMutex;
std::set<std::string>& Held() {
  static std::set<std::string> held;
  return held;
}

std::string KeyFor(const fs::path& file) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(file, ec);
  return (ec ? file : canonical).string();
}

std::string OneLine(std::string_view text) {
  std::string s(text);
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

std::string Described(std::string text) {
  text = OneLine(text);
  return text.empty() ? std::string("a platedesk-server process (it has not described itself yet)") : text;
}

Error LockedBy(const fs::path& folder, const std::string& description) {
  return Fail(ErrorCode::Locked, "the storage folder is owned by a running platedesk-server: " + description,
              folder.string());
}

#ifdef _WIN32
// The lock covers one byte far beyond the description, so other processes can still read it.
constexpr DWORD kLockOffsetHigh = 0x40000000;

std::string WinError(DWORD code) { return std::system_category().message(static_cast<int>(code)); }

HANDLE OpenLockFile(const fs::path& file, bool create) {
  return CreateFileW(file.wstring().c_str(), GENERIC_READ | (create ? GENERIC_WRITE : 0),
                     FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                     create ? OPEN_ALWAYS : OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
}

bool TryLock(HANDLE h, bool exclusive) {
  OVERLAPPED ov{};
  ov.OffsetHigh = kLockOffsetHigh;
  return LockFileEx(h, LOCKFILE_FAIL_IMMEDIATELY | (exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0), 0, 1, 0, &ov) != 0;
}

void Unlock(HANDLE h) {
  OVERLAPPED ov{};
  ov.OffsetHigh = kLockOffsetHigh;
  UnlockFileEx(h, 0, 1, 0, &ov);
}

std::string ReadAll(HANDLE h) {
  std::string text;
  LARGE_INTEGER zero{};
  SetFilePointerEx(h, zero, nullptr, FILE_BEGIN);
  char buf[512];
  DWORD got = 0;
  while (text.size() < 4096 && ReadFile(h, buf, sizeof buf, &got, nullptr) && got > 0) text.append(buf, got);
  return text;
}
#else
std::string ErrnoText(int err) { return std::generic_category().message(err); }

std::string ReadAll(int fd) {
  std::string text;
  char buf[512];
  off_t offset = 0;
  for (;;) {
    const ssize_t got = pread(fd, buf, sizeof buf, offset);
    if (got <= 0 || text.size() >= 4096) break;
    text.append(buf, static_cast<std::size_t>(got));
    offset += got;
  }
  return text;
}
#endif

}  // namespace

const char* ServerLock::FileName() { return kLockFile; }

Result<ServerLock> ServerLock::Acquire(const fs::path& folder, std::string_view description) {
  try {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return Fail(ErrorCode::NotFound, "no such storage folder", folder.string());
    const fs::path file = folder / kLockFile;
    const std::string key = KeyFor(file);
    const std::string line = OneLine(description) + "\n";
    std::lock_guard guard(gHeldMutex);
    if (Held().count(key) != 0) {
      return Fail(ErrorCode::Locked, "this process already holds the storage folder's server lock", folder.string());
    }
#ifdef _WIN32
    HANDLE h = OpenLockFile(file, true);
    if (h == INVALID_HANDLE_VALUE) {
      return Fail(ErrorCode::Io, "cannot open the server lock file: " + WinError(GetLastError()), file.string());
    }
    bool locked = false;
    std::string holder;
    // A Holder() probe holds a shared lock for an instant: try a few times before giving up.
    for (int attempt = 0; attempt < 10 && !locked; ++attempt) {
      locked = TryLock(h, true);
      if (!locked) {
        holder = OneLine(ReadAll(h));
        if (!holder.empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    if (!locked) {
      CloseHandle(h);
      return LockedBy(folder, Described(holder));
    }
    LARGE_INTEGER zero{};
    DWORD wrote = 0;
    const bool ok = SetFilePointerEx(h, zero, nullptr, FILE_BEGIN) && SetEndOfFile(h) &&
                    WriteFile(h, line.data(), static_cast<DWORD>(line.size()), &wrote, nullptr) &&
                    wrote == line.size() && FlushFileBuffers(h);
    if (!ok) {
      const DWORD err = GetLastError();
      Unlock(h);
      CloseHandle(h);
      return Fail(ErrorCode::Io, "cannot write the server lock file: " + WinError(err), file.string());
    }
    Held().insert(key);
    return ServerLock(reinterpret_cast<std::intptr_t>(h), key);
#else
    const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return Fail(ErrorCode::Io, "cannot open the server lock file: " + ErrnoText(errno), file.string());
    bool locked = false;
    std::string holder;
    // A Holder() probe holds a shared lock for an instant: try a few times before giving up.
    for (int attempt = 0; attempt < 10 && !locked; ++attempt) {
      if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        locked = true;
        break;
      }
      const int err = errno;
      if (err != EWOULDBLOCK && err != EINTR) {
        close(fd);
        return Fail(ErrorCode::Io, "cannot lock the server lock file: " + ErrnoText(err), file.string());
      }
      holder = OneLine(ReadAll(fd));
      if (!holder.empty()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!locked) {
      close(fd);
      return LockedBy(folder, Described(holder));
    }
    bool ok = fchmod(fd, 0600) == 0 && ftruncate(fd, 0) == 0;
    std::size_t done = 0;
    while (ok && done < line.size()) {
      const ssize_t n = pwrite(fd, line.data() + done, line.size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && fsync(fd) == 0;
    if (!ok) {
      const int err = errno;
      flock(fd, LOCK_UN);
      close(fd);
      return Fail(ErrorCode::Io, "cannot write the server lock file: " + ErrnoText(err), file.string());
    }
    Held().insert(key);
    return ServerLock(fd, key);
#endif
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Io, e.what(), "acquire the server lock");
  }
}

Result<std::optional<std::string>> ServerLock::Holder(const fs::path& folder) {
  try {
    const fs::path file = folder / kLockFile;
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::optional<std::string>();
    {
      std::lock_guard guard(gHeldMutex);
      if (Held().count(KeyFor(file)) != 0) return std::optional<std::string>();
    }
#ifdef _WIN32
    HANDLE h = OpenLockFile(file, false);
    if (h == INVALID_HANDLE_VALUE) {
      const DWORD err = GetLastError();
      if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND) return std::optional<std::string>();
      return Fail(ErrorCode::Io, "cannot open the server lock file: " + WinError(err), file.string());
    }
    if (TryLock(h, false)) {
      Unlock(h);
      CloseHandle(h);
      return std::optional<std::string>();
    }
    std::string text = ReadAll(h);
    CloseHandle(h);
    return std::optional<std::string>(Described(std::move(text)));
#else
    const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int err = errno;
      if (err == ENOENT) return std::optional<std::string>();
      return Fail(ErrorCode::Io, "cannot open the server lock file: " + ErrnoText(err), file.string());
    }
    int rc = 0;
    do {
      rc = flock(fd, LOCK_SH | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc == 0) {
      flock(fd, LOCK_UN);
      close(fd);
      return std::optional<std::string>();
    }
    const int err = errno;
    if (err != EWOULDBLOCK) {
      close(fd);
      return Fail(ErrorCode::Io, "cannot test the server lock file: " + ErrnoText(err), file.string());
    }
    std::string text = ReadAll(fd);
    close(fd);
    return std::optional<std::string>(Described(std::move(text)));
#endif
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Io, e.what(), "test the server lock");
  }
}

ServerLock::ServerLock(ServerLock&& other) noexcept
    : mHandle(std::exchange(other.mHandle, kNoHandle)), mKey(std::move(other.mKey)) {}

ServerLock& ServerLock::operator=(ServerLock&& other) noexcept {
  if (this != &other) {
    Release();
    mHandle = std::exchange(other.mHandle, kNoHandle);
    mKey = std::move(other.mKey);
  }
  return *this;
}

ServerLock::~ServerLock() { Release(); }

void ServerLock::Release() noexcept {
  if (mHandle == kNoHandle) return;
    // The description stays in the file: harmless (nobody holds the lock), and removing the file
    // would race with another process acquiring it.
#ifdef _WIN32
  HANDLE h = reinterpret_cast<HANDLE>(mHandle);
  Unlock(h);
  CloseHandle(h);
#else
  flock(static_cast<int>(mHandle), LOCK_UN);
  close(static_cast<int>(mHandle));
#endif
  mHandle = kNoHandle;
  try {
    std::lock_guard guard(gHeldMutex);
    Held().erase(mKey);
  } catch (...) {
  }
}

}  // namespace platedesk::store
