// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Files.h"

#include "platedesk/common/Hash.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace platedesk {
namespace {

Error IoError(const std::string& what, const fs::path& path, int err) {
  return Fail(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, what + ": " + std::strerror(err), path.string());
}

#ifndef _WIN32
// The POSIX seam: write all bytes to fd and fsync it.
Status WriteAllAndSync(int fd, std::string_view bytes, const fs::path& path) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot write", path, errno);
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return IoError("cannot flush to disk", path, errno);
  return {};
}

void SyncFolder(const fs::path& folder) {
  const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}
#endif

}  // namespace

Result<std::string> ReadFile(const fs::path& path) {
  // A folder opens as a stream on Linux and reports a size near 2^63 (ext4's hash positions):
  // refused by name rather than with a failed allocation.
  std::error_code ec;
  if (fs::is_directory(path, ec))
    return Fail(ErrorCode::InvalidArgument, "this is a folder, not a file", path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open file", path, errno ? errno : ENOENT);
  std::string data;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(data.data(), size);
  } else {
    in.seekg(0);
    data.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (in.bad()) return IoError("cannot read file", path, errno);
  return data;
}

Status WriteFileAtomic(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = path.parent_path() / (path.filename().string() + ".tmp-" + RandomHex(6));
#ifdef _WIN32
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot create file", tmp, errno);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return IoError("cannot write", tmp, errno);
  }
  if (!MoveFileExW(tmp.c_str(), path.c_str(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    std::error_code ec;
    fs::remove(tmp, ec);
    return Fail(ErrorCode::Io, "cannot replace file", path.string());
  }
  return {};
#else
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create file", tmp, errno);
  Status st = WriteAllAndSync(fd, bytes, tmp);
  ::close(fd);
  if (st.Ok() && ::rename(tmp.c_str(), path.c_str()) != 0) st = IoError("cannot rename into place", path, errno);
  if (!st.Ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  SyncFolder(path.parent_path().empty() ? fs::path(".") : path.parent_path());
  return {};
#endif
}

Status WriteFileExclusive(const fs::path& path, std::string_view bytes, bool ownerOnly) {
#ifdef _WIN32
  (void)ownerOnly;  // a file in the user's profile is the user's; ACLs are the installer's business
  if (fs::exists(path)) return Fail(ErrorCode::AlreadyExists, "file exists", path.string());
  return WriteFileAtomic(path, bytes);
#else
  // Write under a temporary name first so a crash never leaves a truncated file at `path`;
  // link() then fails with EEXIST if another writer got there first.
  const fs::path tmp = path.parent_path() / (path.filename().string() + ".tmp-" + RandomHex(6));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly ? 0600 : 0644);
  if (fd < 0) return IoError("cannot create file", tmp, errno);
  Status st = WriteAllAndSync(fd, bytes, tmp);
  ::close(fd);
  bool linked = st.Ok() && ::link(tmp.c_str(), path.c_str()) == 0;
  if (st.Ok() && !linked) {
    const int why = errno;
    if (why == EEXIST) {
      st = Fail(ErrorCode::AlreadyExists, "file exists", path.string());
    } else if (why == EPERM || why == ENOTSUP || why == EOPNOTSUPP || why == ENOSYS || why == EMLINK) {
      // No hard links here (FAT and exFAT media, some network shares): create the file itself,
      // exclusively, and remove it again if it cannot be written whole.
      const int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, ownerOnly ? 0600 : 0644);
      if (out < 0) {
        st = errno == EEXIST ? Status(Fail(ErrorCode::AlreadyExists, "file exists", path.string()))
                             : Status(IoError("cannot create file", path, errno));
      } else {
        st = WriteAllAndSync(out, bytes, path);
        ::close(out);
        if (!st.Ok()) ::unlink(path.c_str());
      }
    } else {
      st = IoError("cannot link into place", path, why);
    }
  }
  ::unlink(tmp.c_str());
  if (st.Ok()) SyncFolder(path.parent_path().empty() ? fs::path(".") : path.parent_path());
  return st;
#endif
}

Result<std::uint64_t> FreeSpace(const fs::path& path) {
  fs::path p = path;
  std::error_code ec;
  while (!p.empty() && !fs::exists(p, ec)) p = p.parent_path();
  if (p.empty()) p = ".";
  const auto info = fs::space(p, ec);
  if (ec) return Fail(ErrorCode::Io, "cannot query free space: " + ec.message(), p.string());
  return static_cast<std::uint64_t>(info.available);
}

std::uint64_t FolderSize(const fs::path& folder) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code ec2;
    if (it->is_regular_file(ec2)) total += it->file_size(ec2);
  }
  return total;
}

fs::path UserStateFolder() {
#ifdef _WIN32
  if (const char* local = std::getenv("LOCALAPPDATA")) return fs::path(local) / "PlateDesk";
  return fs::temp_directory_path() / "PlateDesk";
#else
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg == '/')
    return fs::path(xdg) / "platedesk";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
    return fs::path(home) / ".local" / "state" / "platedesk";
  return fs::temp_directory_path() / "platedesk-state";
#endif
}

TempFolder::TempFolder(std::string_view prefix) {
  std::error_code ec;
  for (int i = 0; i < 100; ++i) {
    fs::path p = fs::temp_directory_path() / (std::string(prefix) + "-" + RandomHex(8));
    // Owner-only from the start: staging holds plate data (an encrypted export's clear bag, a
    // decrypted package being verified) that other users of a shared machine must not read.
#ifdef _WIN32
    const bool made = fs::create_directory(p, ec);  // %TEMP% is per user
#else
    const bool made = ::mkdir(p.c_str(), 0700) == 0;
#endif
    if (made) {
      mPath = p;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempFolder::~TempFolder() {
  std::error_code ec;
  fs::remove_all(mPath, ec);
}

}  // namespace platedesk
