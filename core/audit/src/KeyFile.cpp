// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyFile.h"

#include "platedesk/common/Files.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;

namespace platedesk::audit::detail {
namespace {

#ifndef _WIN32
Error IoError(const std::string& what, const fs::path& path) {
  return Fail(ErrorCode::Io, what + ": " + std::strerror(errno), path.string());
}

void SyncFolder(const fs::path& folder) {
  const int dfd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}
#endif

}  // namespace

Status WriteSecretFile(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::remove(path, ec);
#ifdef _WIN32
  // Windows: the storage folder's ACL protects the key (documented for installers).
  return WriteFileAtomic(path, bytes);
#else
  // O_EXCL with mode 0600 from the start: the secret is never readable by others, not even briefly.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create the signing key file", path);
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error e = IoError("cannot write the signing key file", path);
      ::close(fd);
      ::unlink(path.c_str());
      return e;
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Error e = IoError("cannot flush the signing key file", path);
    ::close(fd);
    ::unlink(path.c_str());
    return e;
  }
  ::close(fd);
  SyncFolder(path.parent_path());
  return {};
#endif
}

Status RenameDurably(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) return Fail(ErrorCode::Io, "cannot rename the signing key file: " + ec.message(), to.string());
#ifndef _WIN32
  SyncFolder(to.parent_path());
#endif
  return {};
}

bool IsReadableByOthers(const fs::path& path) {
#ifdef _WIN32
  (void)path;
  return false;
#else
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  return (st.st_mode & (S_IRWXG | S_IRWXO)) != 0;
#endif
}

}  // namespace platedesk::audit::detail
