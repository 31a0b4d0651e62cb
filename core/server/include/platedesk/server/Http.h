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
  /// Whether the peer has closed the connection (the client went away or cancelled), checked
  /// without waiting and without consuming input. A peer that only shut down its sending side
  /// counts as closed; bytes it sent before (a pipelined request) do not hide the close where
  /// the platform can tell. The default, for channels that cannot tell, answers false.
  [[nodiscard]] virtual bool PeerClosed() { return false; }
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

/// Where a streamed answer writes its body (see Response::stream). Each Write goes to the
/// channel at once: as one HTTP/1.1 chunk, or as it is on an HTTP/1.0 connection (the body ends
/// when the connection closes). The answer's head goes out with the first Write or Flush, so a
/// stream that fails before either still gets a whole error answer (500). Used by one thread, the
/// one running the stream function; not copyable.
class BodyWriter {
 public:
  /// A writer on channel. `head` is the answer's head (status line and headers, not yet sent);
  /// chunked frames each write as a chunk. Made by ServeConnection; public so that a stream
  /// function can be driven on any Channel.
  BodyWriter(Channel& channel, bool chunked, std::string head);
  BodyWriter(const BodyWriter&) = delete;
  BodyWriter& operator=(const BodyWriter&) = delete;

  /// Sends bytes now (the head first if it has not gone yet); an empty write does nothing.
  /// Errors: Io when the client has closed the connection or the channel's write failed. After
  /// the first error every later Write (and Flush) returns that error at once without touching
  /// the channel: the stream function should stop its work and return it.
  [[nodiscard]] Status Write(std::string_view bytes);
  /// Sends the head now if it has not gone yet (writes are never held back, so that is all it
  /// does): for a client that should see the status before a long first write. Errors: as Write.
  [[nodiscard]] Status Flush();
  /// Whether the client has gone (closed or cancelled), checked without waiting: for a stream
  /// function to poll while it computes without writing. Once true, Write fails.
  [[nodiscard]] bool PeerGone();

  /// Body bytes sent so far (without the chunk framing).
  [[nodiscard]] std::uint64_t BytesWritten() const { return mBytes; }
  /// Whether the head has been handed to the channel (by a Write or Flush).
  [[nodiscard]] bool HeadSent() const { return mHead.empty(); }
  /// Whether a write failed or the client was found gone (the answer cannot be completed).
  [[nodiscard]] bool Broken() const { return !mError.Ok(); }

 private:
  Channel& mChannel;
  bool mChunked;
  std::string mHead;  // empty once handed to the channel
  std::uint64_t mBytes = 0;
  Status mError;  // the first failure, returned by every later call
};

/// An answer. Bodies are small JSON documents unless said otherwise.
struct Response {
  int status = 200;
  std::string body;
  std::string contentType = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  ///< close the connection after this answer
  /// A streamed body instead of `body`, for long answers written as they are made. ServeConnection
  /// calls it once with the connection's writer. HTTP/1.1: the head says `Transfer-Encoding:
  /// chunked` (never Content-Length), each write is one chunk, and a stream that returns Ok ends
  /// with the last chunk; HTTP/1.0: the bytes go as they are and the connection closes after them.
  /// A stream that returns an error (or throws) before its first Write or Flush gets a 500 answer
  /// instead; after one, and whenever the client is gone, the connection closes without the last
  /// chunk, so the client sees an incomplete answer, never a short one that looks whole. HEAD
  /// requests get the head only and the function is not called. `headers` must not frame the body
  /// (Content-Length and Transfer-Encoding are dropped).
  std::function<Status(BodyWriter&)> stream;
};

/// A JSON error answer: {"error": reason, "status": status}.
[[nodiscard]] Response ErrorResponse(int status, std::string_view reason);
/// The reason phrase of a status code ("Payload Too Large").
[[nodiscard]] std::string_view ReasonPhrase(int status);

/// What the request log records about one exchange (never plate text, never a token).
struct ExchangeLog {
  std::string route;                ///< the route's pattern ("/v1/ingest/openalpr/{token}"), not the path
  std::string token;                ///< the token's name once authenticated
  std::string detail;               ///< "reads=1 duplicates=0"
  std::uint64_t streamedBytes = 0;  ///< set by ServeConnection: a streamed answer's body bytes sent (no framing)
  bool streamCut = false;  ///< set by ServeConnection: a streamed answer ended without its end (client gone, failure)
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
/// writes the handler's answer: with Content-Length, or streamed (see Response::stream). The log
/// function is called once per answer, after a streamed one has ended. Never throws (a stream
/// function that throws a std::exception is taken as failed).
void ServeConnection(Channel& channel, Handler& handler, const Limits& limits, const LogFn& log = {});

}  // namespace platedesk::server
