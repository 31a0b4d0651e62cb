// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/remote/Codec.h"
#include "platedesk/remote/Protocol.h"
#include "platedesk/remote/Remote.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <vector>

namespace platedesk::remote::detail {

/// What the status bar shows of the link.
struct LinkState {
  std::string host;
  std::string serverVersion;
  double lastRoundTripMs = 0;
  bool reachable = true;
};

/// The client's HTTPS side over libcurl: verified TLS (CA file and/or pinned key), a small pool of
/// kept-alive handles (one call per handle at a time; calls from several threads run in
/// parallel), timeouts, retries with back-off for idempotent calls only, and stop tokens that close
/// the request. Thread-safe.
class HttpClient {
 public:
  [[nodiscard]] static Result<std::unique_ptr<HttpClient>> Create(const Endpoint& endpoint);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// One request with a JSON answer. body null: GET. The answer's {"error"} (any status) is
  /// returned as the Json for the caller to decode; transport failures are errors: Io
  /// (ServerUnreachable, ServerNotTrusted), Cancelled, Corrupt (not JSON), Unsupported (protocol).
  [[nodiscard]] Result<Json> Call(std::string_view path, const Json* body, const std::string& token, Retry retry,
                                  std::stop_token stop = {});
  /// A streamed answer: onLine gets each line's JSON as it arrives (an error from onLine stops the
  /// request); returns the last line ({"value"} or {"error"}). An answer that ends without one is
  /// Io/ServerUnreachable ("the server stopped"). Never retried once a line has arrived.
  [[nodiscard]] Result<Json> Stream(std::string_view path, const Json& body, const std::string& token,
                                    const std::function<Status(const Json&)>& onLine, std::stop_token stop);
  [[nodiscard]] LinkState Link() const;
  [[nodiscard]] const std::string& Url() const { return mEndpoint.url; }

 private:
  explicit HttpClient(Endpoint endpoint);
  struct Exchange;
  [[nodiscard]] Result<Json> Once(std::string_view path, const std::string* body, const std::string& token,
                                  std::stop_token stop, const std::function<Status(const Json&)>* onLine,
                                  bool& anyLine);
  void* Take();
  void Give(void* handle);

  Endpoint mEndpoint;
  std::string mHost;
  mutable std::mutex mMutex;
  std::vector<void*> mIdle;
  LinkState mLink;
};

}  // namespace platedesk::remote::detail
