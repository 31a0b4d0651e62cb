// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platedesk::server {

using Deadline = std::chrono::steady_clock::time_point;

/// One client connection's byte stream (a TLS or plain socket, or memory in the fuzz target).
class Channel {
 public:
  virtual ~Channel() = default;
  /// Reads up to size bytes, waiting until deadline at most. Returns 0 when the peer closed.
  /// Errors: Cancelled (the deadline passed), Io.
  [[nodiscard]] virtual Result<std::size_t> Read(char* buf, std::size_t size, Deadline deadline) = 0;
  /// Writes all bytes. Errors: Io.
  [[nodiscard]] virtual Status Write(std::string_view bytes) = 0;
  /// The peer's address ("127.0.0.1"), for limits and the log.
  [[nodiscard]] virtual std::string Peer() const = 0;
};

/// A request line and headers, parsed before any byte of the body is read.
struct RequestHead {
  std::string method;
  std::string target;                                        ///< as sent ("/v1/ingest/openalpr/TOKEN?x=1")
  std::string path;                                          ///< target without the query
  int versionMinor = 1;                                      ///< HTTP/1.x
  std::vector<std::pair<std::string, std::string>> headers;  ///< names as sent
  std::string peer;

  /// The first header of that name (case-insensitive), or nullopt.
  [[nodiscard]] std::optional<std::string_view> Header(std::string_view name) const;
};

/// An answer. Bodies are small JSON documents unless said otherwise.
struct Response {
  int status = 200;
  std::string body;
  std::string contentType = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  ///< close the connection after this answer
};

/// A JSON error answer: {"error": reason, "status": status}.
[[nodiscard]] Response ErrorResponse(int status, std::string_view reason);
/// The reason phrase of a status code ("Payload Too Large").
[[nodiscard]] std::string_view ReasonPhrase(int status);

/// What the request log records about one exchange (never plate text, never a token).
struct ExchangeLog {
  std::string route;   ///< the route's pattern ("/v1/ingest/openalpr/{token}"), not the path
  std::string token;   ///< the token's name once authenticated
  std::string detail;  ///< "reads=1 duplicates=0"
};

/// The application side of a connection.
class Handler {
 public:
  virtual ~Handler() = default;
  /// Called once the head is read, before the body: a Response ends the request there (the
  /// body is not read; the connection closes when it had one). contentLength is nullopt for a
  /// chunked body.
  [[nodiscard]] virtual std::optional<Response> Admit(const RequestHead& head,
                                                      std::optional<std::uint64_t> contentLength, ExchangeLog& log) = 0;
  /// Called with the whole body (at most Limits::maxBodyBytes).
  [[nodiscard]] virtual Response Handle(const RequestHead& head, std::string body, ExchangeLog& log) = 0;
};

/// Limits of one connection.
struct Limits {
  std::size_t maxHeaderBytes = 16 * 1024;
  std::size_t maxBodyBytes = 16 * 1024 * 1024;
  std::chrono::milliseconds headerTimeout{10'000};  ///< from the first byte of a request to the end of its head
  std::chrono::milliseconds bodyTimeout{60'000};    ///< for the whole body
  std::chrono::milliseconds idleTimeout{30'000};    ///< a kept-alive connection waiting for its next request
  std::size_t maxRequestsPerConnection = 100'000;
};

/// Called after each answer with the status, the bytes received and the time taken.
using LogFn = std::function<void(const RequestHead& head, const Response& response, const ExchangeLog& log,
                                 std::uint64_t bodyBytes, double milliseconds)>;

/// Serves HTTP/1.0 and HTTP/1.1 requests on one connection until the peer closes, a limit is hit
/// or an answer closes it: reads a head within the limits (408 when too slow, 431 when too
/// large, 400 when malformed, 505 for another version), asks the handler to admit it, answers
/// `Expect: 100-continue`, reads a Content-Length or chunked body within the limits (413 before
/// reading a body that declares too much, or as soon as a chunked one passes the limit), and
/// writes the handler's answer. Never throws.
void ServeConnection(Channel& channel, Handler& handler, const Limits& limits, const LogFn& log = {});

}  // namespace platedesk::server
