// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small bags made in the test: written by hand (as another tool would) or by BagWriter.

#include "platedesk/common/Files.h"
#include "platedesk/evidence/Bag.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <string>
#include <vector>

#ifndef _WIN32
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace platedesk::evidence::test {

/// Writes bytes to folder/rel, creating folders.
inline void Put(const std::filesystem::path& folder, const std::string& rel, const std::string& bytes) {
  const auto p = folder / std::filesystem::u8path(rel);
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

#ifndef _WIN32
/// Makes a named pipe at path (what a hostile package can hold instead of a file).
inline void MakeFifo(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  BOOST_REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
}

/// Runs fn on a worker and returns true if it finished within 10 s without anyone writing to the
/// pipe at fifo. If it did not (it blocked opening or reading the pipe), the pipe is opened for
/// writing and closed so that the worker gets end-of-file and the test fails instead of hanging.
inline bool FinishesWithoutTheFifo(const std::filesystem::path& fifo, const std::function<void()>& fn) {
  auto done = std::async(std::launch::async, fn);
  if (done.wait_for(std::chrono::seconds(10)) == std::future_status::ready) return true;
  const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd >= 0) ::close(fd);
  done.wait();
  return false;
}
#endif

/// A hand-made BagIt 1.0 bag: payload files (path under data/ -> bytes), sha256 + sha512
/// manifests, bag-info with a correct Payload-Oxum, tag manifests. Returns the bag folder.
inline std::filesystem::path HandBag(const std::filesystem::path& folder,
                                     const std::map<std::string, std::string>& payload,
                                     const std::map<std::string, std::string>& extraTags = {}) {
  std::filesystem::create_directories(folder / "data");
  Put(folder, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  std::string m256, m512;
  std::uint64_t bytes = 0;
  for (const auto& [rel, content] : payload) {
    Put(folder, rel, content);
    m256 += HexDigest(DigestAlgorithm::Sha256, content) + "  " + EncodeManifestPath(rel) + "\n";
    m512 += HexDigest(DigestAlgorithm::Sha512, content) + "  " + EncodeManifestPath(rel) + "\n";
    bytes += content.size();
  }
  Put(folder, "manifest-sha256.txt", m256);
  Put(folder, "manifest-sha512.txt", m512);
  Put(folder, "bag-info.txt",
      "Source-Organization: Test\nPayload-Oxum: " + std::to_string(bytes) + "." + std::to_string(payload.size()) +
          "\n");
  std::string t256, t512;
  std::vector<std::string> tags = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"};
  for (const auto& [name, content] : extraTags) {
    Put(folder, name, content);
    tags.push_back(name);
  }
  for (const auto& tag : tags) {
    auto content = ReadFile(folder / tag).Value();
    t256 += HexDigest(DigestAlgorithm::Sha256, content) + "  " + tag + "\n";
    t512 += HexDigest(DigestAlgorithm::Sha512, content) + "  " + tag + "\n";
  }
  Put(folder, "tagmanifest-sha256.txt", t256);
  Put(folder, "tagmanifest-sha512.txt", t512);
  return folder;
}

/// The first problem of a report, or "" when valid.
inline std::string FirstProblem(const BagReport& r) { return r.problems.empty() ? std::string() : r.problems.front(); }

}  // namespace platedesk::evidence::test
