// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileWriter.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace platedesk::evidence::detail {
namespace {
Error IoError(const std::string& what, const std::filesystem::path& path, int err) {
  if (err == ENOSPC) return Fail(ErrorCode::Io, "the medium is full", path.string());
  if (err == EEXIST) return Fail(ErrorCode::AlreadyExists, what + ": the file exists", path.string());
  if (err == EFBIG) return Fail(ErrorCode::Io, "the file is too large for this file system", path.string());
  return Fail(ErrorCode::Io, what + ": " + std::strerror(err), path.string());
}

// The marker's first line; a file that does not start with it is not PlateDesk's.
constexpr std::string_view kMarkerText =
    "PlateDesk partial export: an evidence package being written. If no export is running, the next\n"
    "PlateDesk export to this folder removes this folder; it never held a complete package.\n";

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
}  // namespace

Status WriteNewFileDurably(const std::filesystem::path& path, std::string_view bytes) {
#ifndef _WIN32
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create file", path, errno);
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return IoError("cannot write", path, err);
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    return IoError("cannot flush to the medium", path, err);
  }
  if (::close(fd) != 0) return IoError("cannot close", path, errno);
  return {};
#else
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Fail(ErrorCode::AlreadyExists, "the file exists", path.string());
  std::ofstream out(path, std::ios::binary);
  if (!out) return Fail(ErrorCode::Io, "cannot create file", path.string());
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return Fail(ErrorCode::Io, "cannot write", path.string());
  return {};
#endif
}

Result<PartialMarker> PartialMarker::Create(const std::filesystem::path& folder) {
  const auto path = folder / std::string(kPartialMarkerName);
#ifndef _WIN32
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return IoError("cannot create the partial-export marker", path, errno);
  PartialMarker marker(path, fd);
  // Locked before the text is written: a marker without the text is never taken for stale.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return IoError("cannot lock the partial-export marker", path, errno);
  std::size_t off = 0;
  while (off < kMarkerText.size()) {
    const ssize_t n = ::write(fd, kMarkerText.data() + off, kMarkerText.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write the partial-export marker", path, errno);
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return IoError("cannot flush the partial-export marker", path, errno);
  return marker;
#else
  PLATEDESK_TRY(WriteNewFileDurably(path, kMarkerText));
  return PartialMarker(path, -1);
#endif
}

PartialMarker::PartialMarker(PartialMarker&& other) noexcept
    : mPath(std::move(other.mPath)), mFd(std::exchange(other.mFd, -1)) {}

PartialMarker& PartialMarker::operator=(PartialMarker&& other) noexcept {
  if (this != &other) {
#ifndef _WIN32
    if (mFd >= 0) ::close(mFd);
#endif
    mPath = std::move(other.mPath);
    mFd = std::exchange(other.mFd, -1);
  }
  return *this;
}

PartialMarker::~PartialMarker() {
#ifndef _WIN32
  if (mFd >= 0) ::close(mFd);
#endif
}

Status PartialMarker::Remove() {
  if (mPath.empty()) return {};
  std::error_code ec;
  std::filesystem::remove(mPath, ec);
#ifndef _WIN32
  // Unlinked before the lock goes: a cleaner that gets the lock next finds the name gone.
  if (mFd >= 0) ::close(std::exchange(mFd, -1));
#endif
  if (ec) return Fail(ErrorCode::Io, "cannot remove the partial-export marker: " + ec.message(), mPath.string());
  mPath.clear();
  return {};
}

std::vector<std::filesystem::path> RemoveStalePartials(const std::filesystem::path& destination) {
  std::vector<std::filesystem::path> removed;
#ifndef _WIN32
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> candidates;
  for (fs::directory_iterator it(destination, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code stEc;
    if (StartsWith(name, ".PlateDesk-") && EndsWith(name, ".partial") && fs::is_directory(it->symlink_status(stEc)) &&
        !stEc)
      candidates.push_back(it->path());
  }
  for (const auto& folder : candidates) {
    const fs::path marker = folder / std::string(kPartialMarkerName);
    const int fd = ::open(marker.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) continue;  // no marker (or a link): not known to be PlateDesk's
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat held {
    }, named{};
    if (::fstat(fd, &held) != 0 || !S_ISREG(held.st_mode)) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) continue;  // an export is writing it now
    // The marker still has that name (its writer unlinks it before letting go of the lock) ...
    if (::lstat(marker.c_str(), &named) != 0 || named.st_ino != held.st_ino || named.st_dev != held.st_dev) continue;
    // ... and says what PlateDesk writes.
    std::string text(kMarkerText.size(), '\0');
    const ssize_t n = ::pread(fd, text.data(), text.size(), 0);
    if (n != static_cast<ssize_t>(kMarkerText.size()) || text != kMarkerText) continue;
    std::error_code rmEc;
    fs::remove_all(folder, rmEc);  // removes links inside, never what they point at
    if (!rmEc) removed.push_back(folder);
  }
#else
  (void)destination;
#endif
  return removed;
}

Status SyncFolder(const std::filesystem::path& folder) {
#ifndef _WIN32
  const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return IoError("cannot open folder", folder, errno);
  const int rc = ::fsync(dfd);
  const int err = errno;
  ::close(dfd);
  if (rc != 0 && err != EINVAL) return IoError("cannot flush folder", folder, err);
#else
  (void)folder;
#endif
  return {};
}

}  // namespace platedesk::evidence::detail
