// SPDX-License-Identifier: GPL-3.0-or-later
// Private: streaming digests over OpenSSL's EVP interface, several algorithms in one pass.
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/evidence/Bag.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::evidence::detail {

/// Several digests computed over the same bytes in one pass. Move-only.
class MultiDigest {
 public:
  explicit MultiDigest(const std::vector<DigestAlgorithm>& algorithms);
  ~MultiDigest();
  MultiDigest(MultiDigest&&) noexcept;
  MultiDigest& operator=(MultiDigest&&) noexcept;
  void Update(std::string_view bytes);
  /// Lower-case hex digests, in the order of the constructor's algorithms.
  [[nodiscard]] std::vector<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> mImpl;
};

/// Digests of a file's bytes read from the medium: the page cache for the file is dropped first
/// (posix_fadvise DONTNEED, after the writer's fsync the pages are clean), so a check right after
/// writing reads the device rather than memory. Also returns the size. A symbolic link is not
/// followed and anything but a regular file (pipe, device) is refused unread. Errors: NotFound, Io.
struct FileDigests {
  std::uint64_t bytes = 0;
  std::vector<std::string> hex;
};
[[nodiscard]] Result<FileDigests> DigestFile(const std::filesystem::path& path,
                                             const std::vector<DigestAlgorithm>& algorithms);

}  // namespace platedesk::evidence::detail
