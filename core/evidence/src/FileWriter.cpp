// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileWriter.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#ifndef _WIN32
#include <fcntl.h>
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
