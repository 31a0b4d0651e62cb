// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for platedesk-server's request handling: arbitrary bytes arrive on a
// connection (in two pieces, split where the input says) and go through the real framing, routes,
// token checks, multipart splitting, parsers and the one writer, into a real storage made once in
// a temporary folder. Every answer must be a well-formed HTTP/1.1 response.
#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/server/Server.h"
#include "platedesk/store/Storage.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace platedesk;

namespace {

[[noreturn]] void Violation(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz invariant violated: %s %s\n", what, detail.substr(0, 200).c_str());
  std::abort();
}

class MemoryChannel final : public server::Channel {
 public:
  MemoryChannel(std::string_view first, std::string_view second) : mPieces{first, second} {}
  Result<std::size_t> Read(char* buf, std::size_t size, server::Deadline) override {
    while (mPiece < 2 && mPieces[mPiece].empty()) ++mPiece;
    if (mPiece >= 2) return std::size_t{0};
    const std::size_t n = std::min(size, mPieces[mPiece].size());
    std::memcpy(buf, mPieces[mPiece].data(), n);
    mPieces[mPiece].remove_prefix(n);
    return n;
  }
  Status Write(std::string_view bytes) override {
    mOut.append(bytes);
    return {};
  }
  std::string Peer() const override { return "192.0.2.7"; }
  const std::string& Out() const { return mOut; }

 private:
  std::string_view mPieces[2];
  std::size_t mPiece = 0;
  std::string mOut;
};

// One storage for the whole run, with the token "pdt_fuzz" for any camera.
server::IngestService& Service() {
  static SystemClock clock;
  static TempFolder folder("platedesk-http-fuzz");
  static std::unique_ptr<server::IngestService> service = [] {
    const auto dir = folder.Path() / "storage";
    {
      auto storage = store::Storage::Create(dir, clock);
      if (!storage) Violation("cannot create the storage", storage.Err().ToString());
      store::IngestToken token;
      token.name = "fuzz";
      token.tokenHash = Sha256Hex("pdt_fuzz");
      token.cameras = {"*"};
      token.readsPerSecond = 1e6;
      token.createdBy = "fuzz";
      if (!(*storage)->AddIngestToken(token)) Violation("cannot add the token");
    }
    server::ServerConfig config;
    config.storage = dir;
    config.listen = "127.0.0.1:0";
    config.insecureHttp = true;
    config.maxBodyBytes = 256 * 1024;
    config.logRequests = false;
    config.minFreeBytes = 0;
    config.authFailLimit = 1'000'000'000;
    auto opened = server::IngestService::Open(config, clock, "fuzz");
    if (!opened) Violation("cannot open the service", opened.Err().ToString());
    return std::move(*opened);
  }();
  return *service;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t split = size > 1 ? data[0] % size : 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  MemoryChannel channel(bytes.substr(0, std::min(split, bytes.size())), bytes.substr(std::min(split, bytes.size())));
  Service().Serve(channel);
  // Every answer is a complete HTTP/1.1 response with a known status and a matching length.
  std::string_view out = channel.Out();
  while (!out.empty()) {
    if (!out.starts_with("HTTP/1.1 ")) Violation("answer is not HTTP/1.1", std::string(out.substr(0, 40)));
    const int status = std::atoi(std::string(out.substr(9, 3)).c_str());
    if (status < 100 || status > 599) Violation("bad status");
    const std::size_t headEnd = out.find("\r\n\r\n");
    if (headEnd == std::string_view::npos) Violation("answer without the end of its head");
    if (status == 100) {
      out.remove_prefix(headEnd + 4);
      continue;
    }
    const std::size_t cl = out.find("Content-Length: ");
    if (cl == std::string_view::npos || cl > headEnd) Violation("answer without Content-Length");
    const std::size_t length = std::strtoul(std::string(out.substr(cl + 16, 12)).c_str(), nullptr, 10);
    if (headEnd + 4 + length > out.size()) Violation("answer shorter than its Content-Length");
    out.remove_prefix(headEnd + 4 + length);
  }
  return 0;
}
