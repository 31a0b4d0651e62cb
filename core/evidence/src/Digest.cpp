// SPDX-License-Identifier: GPL-3.0-or-later
#include "Digest.h"

#include "platedesk/common/Hash.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <openssl/evp.h>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace platedesk::evidence {
namespace {

const EVP_MD* Md(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::Md5:
      return EVP_md5();
    case DigestAlgorithm::Sha1:
      return EVP_sha1();
    case DigestAlgorithm::Sha224:
      return EVP_sha224();
    case DigestAlgorithm::Sha256:
      return EVP_sha256();
    case DigestAlgorithm::Sha384:
      return EVP_sha384();
    case DigestAlgorithm::Sha512:
      return EVP_sha512();
  }
  return EVP_sha512();
}

}  // namespace

const char* DigestAlgorithmName(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::Md5:
      return "md5";
    case DigestAlgorithm::Sha1:
      return "sha1";
    case DigestAlgorithm::Sha224:
      return "sha224";
    case DigestAlgorithm::Sha256:
      return "sha256";
    case DigestAlgorithm::Sha384:
      return "sha384";
    case DigestAlgorithm::Sha512:
      return "sha512";
  }
  return "?";
}

std::optional<DigestAlgorithm> DigestAlgorithmFromName(std::string_view name) {
  for (auto a : {DigestAlgorithm::Md5, DigestAlgorithm::Sha1, DigestAlgorithm::Sha224, DigestAlgorithm::Sha256,
                 DigestAlgorithm::Sha384, DigestAlgorithm::Sha512})
    if (name == DigestAlgorithmName(a)) return a;
  return std::nullopt;
}

std::string HexDigest(DigestAlgorithm algorithm, std::string_view bytes) {
  detail::MultiDigest d({algorithm});
  d.Update(bytes);
  return d.Finish().front();
}

namespace detail {

struct MultiDigest::Impl {
  std::vector<EVP_MD_CTX*> ctx;
  ~Impl() {
    for (auto* c : ctx) EVP_MD_CTX_free(c);
  }
};

MultiDigest::MultiDigest(const std::vector<DigestAlgorithm>& algorithms) : mImpl(std::make_unique<Impl>()) {
  for (auto a : algorithms) {
    EVP_MD_CTX* c = EVP_MD_CTX_new();
    if (c == nullptr || EVP_DigestInit_ex(c, Md(a), nullptr) != 1) throw std::bad_alloc();
    mImpl->ctx.push_back(c);
  }
}
MultiDigest::~MultiDigest() = default;
MultiDigest::MultiDigest(MultiDigest&&) noexcept = default;
MultiDigest& MultiDigest::operator=(MultiDigest&&) noexcept = default;

void MultiDigest::Update(std::string_view bytes) {
  for (auto* c : mImpl->ctx) EVP_DigestUpdate(c, bytes.data(), bytes.size());
}

std::vector<std::string> MultiDigest::Finish() {
  std::vector<std::string> out;
  for (auto* c : mImpl->ctx) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(c, md, &n);
    out.push_back(ToHex(md, n));
  }
  return out;
}

Result<FileDigests> DigestFile(const std::filesystem::path& path, const std::vector<DigestAlgorithm>& algorithms) {
  MultiDigest digest(algorithms);
  FileDigests out;
  std::string buf(1 << 20, '\0');
#ifndef _WIN32
  // Packages are hostile input: a link is not followed (it could lead out of the package, or to
  // /dev/zero), and a pipe or device is refused before the first read (O_NONBLOCK: opening a pipe
  // nobody writes to would block for ever; it does nothing for a regular file).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ELOOP) return Fail(ErrorCode::Io, "a symbolic link, not a file", path.string());
    return Fail(err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                std::string("cannot open file: ") + std::strerror(err), path.string());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Fail(ErrorCode::Io, "not a regular file", path.string());
  }
  // Clean pages are dropped, so what follows is read from the medium (best effort: file systems
  // without page-cache control ignore the advice).
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Fail(ErrorCode::Io, std::string("cannot read file: ") + std::strerror(err), path.string());
    }
    if (n == 0) break;
    digest.Update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    out.bytes += static_cast<std::uint64_t>(n);
  }
  (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
#else
  std::error_code ec;
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec)))
    return Fail(ec ? ErrorCode::NotFound : ErrorCode::Io, "not a regular file", path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::NotFound, "cannot open file", path.string());
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    digest.Update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    out.bytes += static_cast<std::uint64_t>(n);
  }
  if (in.bad()) return Fail(ErrorCode::Io, "cannot read file", path.string());
#endif
  out.hex = digest.Finish();
  return out;
}

}  // namespace detail
}  // namespace platedesk::evidence
