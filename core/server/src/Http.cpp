// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP/1.x framing for the storage server: heads, bodies (Content-Length and chunked), limits and
// keep-alive, over any Channel. Poco provides the sockets and TLS (Server.cpp); the framing is
// here so that every limit is ours to set and the fuzz target can drive it from memory.
#include "platedesk/server/Http.h"

#include "platedesk/common/Text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <exception>

namespace platedesk::server {

namespace {

using Clock = std::chrono::steady_clock;

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Bytes received on a connection and not yet consumed (a pipelined request may follow a body).
class Input {
 public:
  explicit Input(Channel& channel) : mChannel(channel) {}

  // Reads more bytes (at most `want`). Returns 0 when the peer closed; Cancelled at the deadline.
  Result<std::size_t> Fill(Deadline deadline, std::size_t want = 64 * 1024) {
    if (mPos > 0 && mPos == mBuf.size()) {
      mBuf.clear();
      mPos = 0;
    }
    const std::size_t old = mBuf.size();
    mBuf.resize(old + want);
    auto n = mChannel.Read(mBuf.data() + old, want, deadline);
    mBuf.resize(old + (n ? *n : 0));
    return n;
  }
  [[nodiscard]] std::string_view Pending() const { return std::string_view(mBuf).substr(mPos); }
  void Consume(std::size_t n) {
    mPos += n;
    if (mPos == mBuf.size()) {
      mBuf.clear();
      mPos = 0;
    } else if (mPos > 256 * 1024) {
      mBuf.erase(0, mPos);
      mPos = 0;
    }
  }

 private:
  Channel& mChannel;
  std::string mBuf;
  std::size_t mPos = 0;
};

enum class HeadOutcome { Ok, Closed, Answer };

// The end of the head (index after the blank line) in pending bytes, or npos.
std::size_t FindHeadEnd(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n') continue;
    if (i + 1 < s.size() && s[i + 1] == '\n') return i + 2;
    if (i + 2 < s.size() && s[i + 1] == '\r' && s[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

// Parses a head (request line + header lines, without the blank line's bytes mattering).
// Returns the status to answer when it is not acceptable (0 = fine).
int ParseHead(std::string_view text, RequestHead& head) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    std::string_view line = text.substr(start, i - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = i + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) return 400;
  // Request line: METHOD SP target SP HTTP/1.x
  const std::string_view line = lines[0];
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos || sp1 == 0) return 400;
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  for (char c : method)
    if (!IsTokenChar(c)) return 400;
  if (target.empty() || target.front() != '/') return 400;
  for (char c : target)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) return 400;
  if (version.size() != 8 || version.substr(0, 7) != "HTTP/1.") {
    return version.substr(0, 5) == "HTTP/" ? 505 : 400;
  }
  if (version[7] != '0' && version[7] != '1') return 505;
  head.method = std::string(method);
  head.target = std::string(target);
  head.path = std::string(target.substr(0, target.find('?')));
  head.versionMinor = version[7] - '0';
  if (lines.size() > 101) return 431;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view h = lines[i];
    if (h.empty()) return 400;
    if (h.front() == ' ' || h.front() == '\t') return 400;  // obsolete line folding
    const std::size_t colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return 400;
    const std::string_view name = h.substr(0, colon);
    for (char c : name)
      if (!IsTokenChar(c)) return 400;
    const std::string_view value = TrimOws(h.substr(colon + 1));
    for (char c : value)
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return 400;
    head.headers.emplace_back(std::string(name), std::string(value));
  }
  return 0;
}

// Reads the next request's head. Answer: `answer` holds the status to send (and close).
HeadOutcome ReadHead(Input& in, const Limits& limits, RequestHead& head, int& answer) {
  Deadline deadline = Clock::now() + limits.idleTimeout;
  bool started = !in.Pending().empty();
  if (started) deadline = std::min(deadline, Clock::now() + limits.headerTimeout);
  std::size_t scanned = 0;
  for (;;) {
    const std::string_view pending = in.Pending();
    // Blank lines before a request are allowed (RFC 9112 2.2).
    if (!pending.empty() && scanned == 0) {
      std::size_t skip = 0;
      while (skip < pending.size() && (pending[skip] == '\r' || pending[skip] == '\n')) ++skip;
      if (skip > 0) {
        in.Consume(skip);
        continue;
      }
    }
    const std::size_t end = FindHeadEnd(pending.substr(scanned > 3 ? scanned - 3 : 0));
    if (end != std::string_view::npos) {
      const std::size_t headEnd = (scanned > 3 ? scanned - 3 : 0) + end;
      if (headEnd > limits.maxHeaderBytes) {
        answer = 431;
        return HeadOutcome::Answer;
      }
      const int status = ParseHead(pending.substr(0, headEnd), head);
      in.Consume(headEnd);
      if (status != 0) {
        answer = status;
        return HeadOutcome::Answer;
      }
      return HeadOutcome::Ok;
    }
    scanned = pending.size();
    if (pending.size() > limits.maxHeaderBytes) {
      answer = 431;
      return HeadOutcome::Answer;
    }
    auto n = in.Fill(deadline, 16 * 1024);
    if (!n) {
      if (n.Err().code == ErrorCode::Cancelled && started) {
        answer = 408;
        return HeadOutcome::Answer;
      }
      return HeadOutcome::Closed;
    }
    if (*n == 0) {
      if (started) {
        answer = 400;
        return HeadOutcome::Answer;
      }
      return HeadOutcome::Closed;
    }
    if (!started) {
      started = true;
      deadline = std::min(deadline, Clock::now() + limits.headerTimeout);
    }
  }
}

// Reads exactly n bytes into out. 0 = done; else the status to answer (408, 400 when cut short).
int ReadExactly(Input& in, std::size_t n, std::string& out, Deadline deadline) {
  while (n > 0) {
    std::string_view pending = in.Pending();
    if (!pending.empty()) {
      const std::size_t take = std::min(n, pending.size());
      out.append(pending.substr(0, take));
      in.Consume(take);
      n -= take;
      continue;
    }
    auto got = in.Fill(deadline, std::min<std::size_t>(std::max<std::size_t>(n, 4096), 256 * 1024));
    if (!got) return got.Err().code == ErrorCode::Cancelled ? 408 : 400;
    if (*got == 0) return 400;
  }
  return 0;
}

// Reads one CRLF-terminated line (for chunk sizes and trailers), at most 4 KB.
int ReadLine(Input& in, std::string& line, Deadline deadline) {
  line.clear();
  for (;;) {
    const std::string_view pending = in.Pending();
    const std::size_t nl = pending.find('\n');
    if (nl != std::string_view::npos) {
      line.assign(pending.substr(0, nl));
      if (!line.empty() && line.back() == '\r') line.pop_back();
      in.Consume(nl + 1);
      return line.size() > 4096 ? 400 : 0;
    }
    if (pending.size() > 4096) return 400;
    auto got = in.Fill(deadline, 4096);
    if (!got) return got.Err().code == ErrorCode::Cancelled ? 408 : 400;
    if (*got == 0) return 400;
  }
}

int ReadChunked(Input& in, const Limits& limits, std::string& body, Deadline deadline) {
  std::string line;
  for (;;) {
    if (int s = ReadLine(in, line, deadline)) return s;
    const std::string_view sizeText = TrimOws(std::string_view(line).substr(0, line.find(';')));
    std::uint64_t size = 0;
    if (sizeText.empty() || sizeText.size() > 15) return sizeText.size() > 15 ? 413 : 400;
    const auto [p, ec] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
    if (ec != std::errc() || p != sizeText.data() + sizeText.size()) return 400;
    if (size == 0) break;
    if (body.size() + size > limits.maxBodyBytes) return 413;
    if (int s = ReadExactly(in, static_cast<std::size_t>(size), body, deadline)) return s;
    if (int s = ReadLine(in, line, deadline)) return s;
    if (!line.empty()) return 400;
  }
  // Trailers, up to the blank line.
  for (int i = 0; i < 100; ++i) {
    if (int s = ReadLine(in, line, deadline)) return s;
    if (line.empty()) return 0;
  }
  return 431;
}

// An answer's head; `framing` is its body's framing header line ("Content-Length: N",
// "Transfer-Encoding: chunked", or empty for a close-delimited body). The handler's own framing
// headers are dropped: the framing is ours.
std::string Head(const Response& r, bool keepAlive, std::string_view framing) {
  std::string out = "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += ReasonPhrase(r.status);
  out += "\r\nContent-Type: ";
  out += r.contentType;
  if (!framing.empty()) {
    out += "\r\n";
    out += framing;
  }
  out += "\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: ";
  out += keepAlive ? "keep-alive" : "close";
  out += "\r\n";
  for (const auto& [name, value] : r.headers) {
    if (EqualsNoCase(name, "Content-Length") || EqualsNoCase(name, "Transfer-Encoding")) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "\r\n";
  return out;
}

std::string Serialise(const Response& r, bool keepAlive) {
  std::string out = Head(r, keepAlive, "Content-Length: " + std::to_string(r.body.size()));
  out += r.body;
  return out;
}

// The head of a streamed answer: chunked on HTTP/1.1, close-delimited on HTTP/1.0 (keepAlive is
// then false).
std::string StreamHead(const Response& r, bool keepAlive, bool chunked) {
  return Head(r, keepAlive, chunked ? "Transfer-Encoding: chunked" : "");
}

// Sends a streamed answer (Response::stream). Returns whether the connection may serve another
// request. When the stream fails before anything was sent, `response` becomes the error answer
// that was sent instead, for the log.
bool SendStream(Channel& channel, const RequestHead& head, Response& response, bool keepAlive, ExchangeLog& exchange) {
  const bool chunked = head.versionMinor == 1;
  if (!chunked) keepAlive = false;  // an HTTP/1.0 body ends when the connection closes
  std::string headBytes = StreamHead(response, keepAlive, chunked);
  if (head.method == "HEAD") return channel.Write(headBytes).Ok() && keepAlive;
  BodyWriter writer(channel, chunked, std::move(headBytes));
  Status result;
  try {
    result = response.stream(writer);
  } catch (const std::exception& e) {
    result = Fail(ErrorCode::Internal, std::string("the stream threw: ") + e.what());
  }
  exchange.streamedBytes = writer.BytesWritten();
  if (writer.Broken()) {  // the client is gone or a write failed: nothing more can be sent
    exchange.streamCut = true;
    return false;
  }
  if (!result.Ok()) {
    if (!writer.HeadSent()) {  // nothing went out yet: a whole error answer instead
      response = ErrorResponse(500, "the answer could not be produced");
      return channel.Write(Serialise(response, keepAlive)).Ok() && keepAlive;
    }
    exchange.streamCut = true;  // no last chunk: the client must not take this for a whole answer
    return false;
  }
  if (!writer.Flush().Ok()) {  // an empty body: the head has not gone yet
    exchange.streamCut = true;
    return false;
  }
  if (chunked && !channel.Write("0\r\n\r\n").Ok()) {
    exchange.streamCut = true;
    return false;
  }
  return keepAlive;
}

}  // namespace

BodyWriter::BodyWriter(Channel& channel, bool chunked, std::string head)
    : mChannel(channel), mChunked(chunked), mHead(std::move(head)) {}

Status BodyWriter::Write(std::string_view bytes) {
  if (!mError.Ok()) return mError;
  if (bytes.empty()) return {};
  // A client that cancelled is noticed here, on the next write, not only once the kernel has
  // seen its reset (which takes a second write after the close).
  if (PeerGone()) return mError;
  std::string frame = std::move(mHead);
  mHead.clear();
  if (mChunked) {
    char size[20];
    const auto [end, ec] = std::to_chars(size, size + sizeof size, bytes.size(), 16);
    frame.append(size, end);
    frame += "\r\n";
    frame += bytes;
    frame += "\r\n";
  } else {
    frame += bytes;
  }
  if (Status s = mChannel.Write(frame); !s.Ok()) {
    mError = s;
    return mError;
  }
  mBytes += bytes.size();
  return {};
}

Status BodyWriter::Flush() {
  if (!mError.Ok()) return mError;
  if (mHead.empty()) return {};
  const std::string headBytes = std::move(mHead);
  mHead.clear();
  if (Status s = mChannel.Write(headBytes); !s.Ok()) mError = s;
  return mError;
}

bool BodyWriter::PeerGone() {
  if (!mError.Ok()) return true;
  if (!mChannel.PeerClosed()) return false;
  mError = Fail(ErrorCode::Io, "the client closed the connection");
  return true;
}

std::optional<std::string_view> RequestHead::Header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (EqualsNoCase(n, name)) return std::string_view(v);
  return std::nullopt;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    case 507:
      return "Insufficient Storage";
    default:
      return "Unknown";
  }
}

Response ErrorResponse(int status, std::string_view reason) {
  Response r;
  r.status = status;
  r.body = nlohmann::json{{"status", status}, {"error", std::string(reason)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

void ServeConnection(Channel& channel, Handler& handler, const Limits& limits, const LogFn& log) {
  Input in(channel);
  for (std::size_t served = 0; served < limits.maxRequestsPerConnection; ++served) {
    RequestHead head;
    head.peer = channel.Peer();
    int answer = 0;
    const HeadOutcome outcome = ReadHead(in, limits, head, answer);
    if (outcome == HeadOutcome::Closed) return;
    const auto started = Clock::now();
    ExchangeLog exchange;
    std::uint64_t bodyBytes = 0;
    auto finish = [&](Response response, bool keepAlive) {
      keepAlive = keepAlive && !response.close;
      if (response.stream) {
        keepAlive = SendStream(channel, head, response, keepAlive, exchange);
      } else {
        (void)channel.Write(Serialise(response, keepAlive));
      }
      if (log) {
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        log(head, response, exchange, bodyBytes, ms);
      }
      return keepAlive;
    };
    if (outcome == HeadOutcome::Answer) {
      const char* why = answer == 408   ? "the request head was not received in time"
                        : answer == 431 ? "the request head is too large"
                        : answer == 505 ? "only HTTP/1.0 and HTTP/1.1 are served"
                                        : "malformed request";
      exchange.route = "-";
      (void)finish(ErrorResponse(answer, why), false);
      return;
    }
    // Keep-alive: HTTP/1.1 unless "close"; HTTP/1.0 only with "keep-alive".
    const auto connection = head.Header("Connection");
    bool keepAlive = head.versionMinor == 1;
    if (connection) {
      const std::string value = ToLowerAscii(std::string(*connection));
      if (value.find("close") != std::string::npos) keepAlive = false;
      if (value.find("keep-alive") != std::string::npos && head.versionMinor == 0) keepAlive = true;
    }
    // Body framing.
    std::optional<std::uint64_t> contentLength;
    bool chunked = false;
    if (const auto te = head.Header("Transfer-Encoding")) {
      if (!EqualsNoCase(TrimOws(*te), "chunked")) {
        (void)finish(ErrorResponse(501, "only the chunked transfer coding is accepted"), false);
        return;
      }
      if (head.versionMinor == 0 || head.Header("Content-Length")) {
        (void)finish(ErrorResponse(400, "Transfer-Encoding with Content-Length or on HTTP/1.0"), false);
        return;
      }
      chunked = true;
    }
    for (const auto& [name, value] : head.headers) {
      if (!EqualsNoCase(name, "Content-Length")) continue;
      std::uint64_t n = 0;
      const std::string_view v = value;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (v.empty() || ec != std::errc() || p != v.data() + v.size() || (contentLength && *contentLength != n)) {
        (void)finish(ErrorResponse(400, "malformed Content-Length"), false);
        return;
      }
      contentLength = n;
    }
    const bool hasBody = chunked || (contentLength && *contentLength > 0);
    if (head.method == "POST" && !chunked && !contentLength) {
      (void)finish(ErrorResponse(411, "a POST needs Content-Length or chunked transfer coding"), false);
      return;
    }
    if (contentLength && *contentLength > limits.maxBodyBytes) {
      exchange.route = "-";
      (void)finish(ErrorResponse(413, "the body is larger than this server accepts (" +
                                          std::to_string(limits.maxBodyBytes) + " bytes)"),
                   false);
      return;
    }
    if (auto early = handler.Admit(head, chunked ? std::nullopt : contentLength, exchange)) {
      // The body was not read: the connection cannot be reused unless there was none.
      if (!finish(std::move(*early), keepAlive && !hasBody)) return;
      continue;
    }
    if (const auto expect = head.Header("Expect")) {
      if (!EqualsNoCase(TrimOws(*expect), "100-continue")) {
        (void)finish(ErrorResponse(417, "unsupported expectation"), false);
        return;
      }
      if (head.versionMinor == 1 && hasBody && !channel.Write("HTTP/1.1 100 Continue\r\n\r\n").Ok()) return;
    }
    std::string body;
    const Deadline bodyDeadline = Clock::now() + limits.bodyTimeout;
    int bodyStatus = 0;
    if (chunked) {
      bodyStatus = ReadChunked(in, limits, body, bodyDeadline);
    } else if (contentLength && *contentLength > 0) {
      body.reserve(static_cast<std::size_t>(*contentLength));
      bodyStatus = ReadExactly(in, static_cast<std::size_t>(*contentLength), body, bodyDeadline);
    }
    bodyBytes = body.size();
    if (bodyStatus != 0) {
      const char* why = bodyStatus == 408   ? "the body was not received in time"
                        : bodyStatus == 413 ? "the body is larger than this server accepts"
                                            : "the body was cut short or its chunks are malformed";
      (void)finish(ErrorResponse(bodyStatus, why), false);
      return;
    }
    if (!finish(handler.Handle(head, std::move(body), exchange), keepAlive)) return;
  }
}

}  // namespace platedesk::server
