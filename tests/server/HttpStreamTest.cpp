// SPDX-License-Identifier: GPL-3.0-or-later
// Streamed answers in platedesk-server's own HTTP/1.x framing: ServeConnection driven over a
// Channel in memory (bytes in, bytes out, a client that leaves when the test says so), and every
// answer parsed back here, chunks and all.
#include "platedesk/server/Http.h"

#include <boost/test/unit_test.hpp>

#include <charconv>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using namespace platedesk;
using namespace platedesk::server;

namespace {

// A connection in memory: the client's bytes are all there at once (a pipelined request follows
// the first), then the client closes its side. The test can make the client leave (PeerClosed is
// true and every write fails, as on a socket after the reset) or make writes fail on their own.
class MemoryChannel final : public Channel {
 public:
  explicit MemoryChannel(std::string input) : mIn(std::move(input)) {}

  Result<std::size_t> Read(char* buf, std::size_t size, Deadline) override {
    const std::size_t n = std::min(size, mIn.size() - mPos);
    std::memcpy(buf, mIn.data() + mPos, n);
    mPos += n;
    return n;
  }
  Status Write(std::string_view bytes) override {
    ++writeCalls;
    if (gone || failWrites) return Fail(ErrorCode::Io, "connection reset by peer");
    out.append(bytes);
    return {};
  }
  std::string Peer() const override { return "192.0.2.9"; }
  bool PeerClosed() override {
    ++peerChecks;
    if (goneAfterChecks > 0 && peerChecks >= goneAfterChecks) gone = true;
    return gone;
  }

  std::string out;          // every byte written, in order
  int writeCalls = 0;       // Channel::Write calls, failed ones included
  int peerChecks = 0;       // PeerClosed calls
  bool gone = false;        // the client has closed the connection
  bool failWrites = false;  // writes fail while PeerClosed still says nothing
  int goneAfterChecks = 0;  // the client leaves at this PeerClosed call (0: never by itself)

 private:
  std::string mIn;
  std::size_t mPos = 0;
};

// Answers every request with what `answer` makes of its head.
class TestHandler final : public Handler {
 public:
  explicit TestHandler(std::function<Response(const RequestHead&)> answer) : mAnswer(std::move(answer)) {}
  std::optional<Response> Admit(const RequestHead&, std::optional<std::uint64_t>, ExchangeLog&) override {
    return std::nullopt;
  }
  Response Handle(const RequestHead& head, std::string, ExchangeLog& log) override {
    ++handled;
    log.route = head.path;
    return mAnswer(head);
  }
  int handled = 0;

 private:
  std::function<Response(const RequestHead&)> mAnswer;
};

// What the log function saw, one entry per exchange.
struct LogEntry {
  int status = 0;
  std::string route;
  std::uint64_t streamedBytes = 0;
  bool streamCut = false;
};

struct Exchange {
  MemoryChannel channel;
  TestHandler handler;
  std::vector<LogEntry> log;

  Exchange(std::string input, std::function<Response(const RequestHead&)> answer)
      : channel(std::move(input)), handler(std::move(answer)) {}

  void Serve() {
    ServeConnection(channel, handler, Limits{},
                    [this](const RequestHead&, const Response& r, const ExchangeLog& e, std::uint64_t, double) {
                      log.push_back({r.status, e.route, e.streamedBytes, e.streamCut});
                    });
  }
};

Response Streamed(std::function<Status(BodyWriter&)> stream) {
  Response r;
  r.contentType = "application/x-ndjson";
  r.stream = std::move(stream);
  return r;
}

// One answer parsed from the front of the bytes a client received.
struct Answer {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::vector<std::string> chunks;             // a chunked body's chunks, in order
  std::string body;                            // the body, whatever its framing
  bool complete = false;                       // the framing's end was seen (for a chunked body, the last chunk)

  [[nodiscard]] bool Has(const std::string& name) const { return headers.count(name) > 0; }
};

// Parses and removes one answer from `in`. A chunked body is decoded strictly (hex size, CRLF,
// data, CRLF; no extensions or trailers are sent); a body without Content-Length or chunking runs
// to the end of the bytes (the connection's close). headOnly: the answer to a HEAD.
Answer TakeAnswer(std::string& in, bool headOnly = false) {
  Answer a;
  const std::size_t headEnd = in.find("\r\n\r\n");
  BOOST_TEST_REQUIRE(headEnd != std::string::npos, "no end of head in: " + in.substr(0, 200));
  const std::string head = in.substr(0, headEnd + 2);
  in.erase(0, headEnd + 4);
  BOOST_TEST_REQUIRE(head.starts_with("HTTP/1.1 "));
  a.status = std::stoi(head.substr(9, 3));
  for (std::size_t pos = head.find("\r\n") + 2; pos < head.size();) {
    const std::size_t eol = head.find("\r\n", pos);
    const std::string line = head.substr(pos, eol - pos);
    const std::size_t colon = line.find(": ");
    BOOST_TEST_REQUIRE(colon != std::string::npos, line);
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    BOOST_TEST_REQUIRE(a.headers.count(name) == 0, "header sent twice: " + name);
    a.headers[name] = line.substr(colon + 2);
    pos = eol + 2;
  }
  if (headOnly) {
    a.complete = true;
    return a;
  }
  if (a.Has("transfer-encoding")) {
    BOOST_TEST_REQUIRE(a.headers["transfer-encoding"] == "chunked");
    BOOST_TEST_REQUIRE(!a.Has("content-length"));
    for (;;) {
      const std::size_t eol = in.find("\r\n");
      if (eol == std::string::npos) return a;  // cut before the next chunk's size
      const std::string sizeText = in.substr(0, eol);
      std::size_t size = 0;
      const auto [p, ec] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
      BOOST_TEST_REQUIRE((ec == std::errc() && p == sizeText.data() + sizeText.size() && !sizeText.empty()),
                         "bad chunk size line: " + sizeText);
      if (size == 0) {
        BOOST_TEST_REQUIRE(in.compare(eol + 2, 2, "\r\n") == 0, "no CRLF after the last chunk");
        in.erase(0, eol + 4);
        a.complete = true;
        return a;
      }
      BOOST_TEST_REQUIRE(in.size() >= eol + 2 + size + 2, "a chunk shorter than its size");
      BOOST_TEST_REQUIRE(in.compare(eol + 2 + size, 2, "\r\n") == 0, "no CRLF after a chunk");
      a.chunks.push_back(in.substr(eol + 2, size));
      a.body += a.chunks.back();
      in.erase(0, eol + 2 + size + 2);
    }
  }
  if (a.Has("content-length")) {
    const std::size_t length = std::stoul(a.headers["content-length"]);
    BOOST_TEST_REQUIRE(in.size() >= length);
    a.body = in.substr(0, length);
    in.erase(0, length);
    a.complete = true;
    return a;
  }
  a.body = in;  // close-delimited
  in.clear();
  a.complete = true;
  return a;
}

const char* kGet = "GET /v1/stream HTTP/1.1\r\nHost: x\r\n\r\n";
const char* kGetPlain = "GET /v1/plain HTTP/1.1\r\nHost: x\r\n\r\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(HttpStreamTest)

BOOST_AUTO_TEST_CASE(AStreamedAnswerIsChunkedAndEachWriteLeavesAtOnce) {
  std::vector<std::size_t> seenAfterWrite;
  Exchange x(kGet, [&](const RequestHead&) {
    Response r = Streamed([&](BodyWriter& w) -> Status {
      PLATEDESK_TRY(w.Write("{\"hit\":1}\n"));
      seenAfterWrite.push_back(x.channel.out.size());
      PLATEDESK_TRY(w.Write(""));  // ignored: an empty chunk would end the body
      seenAfterWrite.push_back(x.channel.out.size());
      PLATEDESK_TRY(w.Write("{\"hit\":2}\n"));
      seenAfterWrite.push_back(x.channel.out.size());
      BOOST_TEST(w.BytesWritten() == 20u);
      return {};
    });
    r.headers.emplace_back("X-Page", "1");
    r.headers.emplace_back("Content-Length", "999");  // the framing is ours: dropped
    return r;
  });
  x.Serve();
  // Each write reached the channel before the stream went on (head with the first one).
  BOOST_TEST_REQUIRE(seenAfterWrite.size() == 3u);
  BOOST_TEST(seenAfterWrite[0] > 0u);
  BOOST_TEST(x.channel.out.substr(0, seenAfterWrite[0]).ends_with("a\r\n{\"hit\":1}\n\r\n"));
  BOOST_TEST(seenAfterWrite[1] == seenAfterWrite[0]);
  BOOST_TEST(seenAfterWrite[2] > seenAfterWrite[1]);
  std::string out = x.channel.out;
  const Answer a = TakeAnswer(out);
  BOOST_TEST(a.status == 200);
  BOOST_TEST(a.headers.at("transfer-encoding") == "chunked");
  BOOST_TEST(!a.Has("content-length"));
  BOOST_TEST(a.headers.at("content-type") == "application/x-ndjson");
  BOOST_TEST(a.headers.at("connection") == "keep-alive");
  BOOST_TEST(a.headers.at("x-page") == "1");
  BOOST_TEST(a.complete);
  BOOST_TEST((a.chunks == std::vector<std::string>{"{\"hit\":1}\n", "{\"hit\":2}\n"}));
  BOOST_TEST(out.empty());
  BOOST_TEST_REQUIRE(x.log.size() == 1u);
  BOOST_TEST(x.log[0].status == 200);
  BOOST_TEST(x.log[0].streamedBytes == 20u);
  BOOST_TEST(!x.log[0].streamCut);
}

BOOST_AUTO_TEST_CASE(ManyChunksArriveInOrderAndLargeOnesKeepTheirSize) {
  const std::string big(300'000, 'z');  // a size line of five hex digits
  Exchange x(kGet, [&](const RequestHead&) {
    return Streamed([&](BodyWriter& w) -> Status {
      for (int i = 0; i < 2000; ++i) PLATEDESK_TRY(w.Write("line " + std::to_string(i) + "\n"));
      return w.Write(big);
    });
  });
  x.Serve();
  std::string out = x.channel.out;
  const Answer a = TakeAnswer(out);
  BOOST_TEST(a.complete);
  BOOST_TEST_REQUIRE(a.chunks.size() == 2001u);
  for (int i = 0; i < 2000; ++i) BOOST_TEST_REQUIRE(a.chunks[i] == "line " + std::to_string(i) + "\n");
  BOOST_TEST(a.chunks[2000] == big);
  BOOST_TEST(x.channel.out.find("\r\n493e0\r\n") != std::string::npos);
  BOOST_TEST(x.channel.writeCalls == 2002);  // one write per chunk, then the last chunk
  BOOST_TEST_REQUIRE(x.log.size() == 1u);
  BOOST_TEST(x.log[0].streamedBytes == a.body.size());
}

BOOST_AUTO_TEST_CASE(Http10GetsACloseDelimitedBodyAndTheConnectionCloses) {
  // A keep-alive HTTP/1.0 client with a second request behind the first: the streamed body can
  // only end with the connection, so the second request is not served.
  Exchange x(
      "GET /v1/stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
      "GET /v1/stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
      [&](const RequestHead&) {
        return Streamed([](BodyWriter& w) -> Status {
          PLATEDESK_TRY(w.Write("first\n"));
          return w.Write("second\n");
        });
      });
  x.Serve();
  std::string out = x.channel.out;
  const Answer a = TakeAnswer(out);
  BOOST_TEST(a.status == 200);
  BOOST_TEST(!a.Has("transfer-encoding"));
  BOOST_TEST(!a.Has("content-length"));
  BOOST_TEST(a.headers.at("connection") == "close");
  BOOST_TEST(a.body == "first\nsecond\n");
  BOOST_TEST(x.handler.handled == 1);
  BOOST_TEST_REQUIRE(x.log.size() == 1u);
  BOOST_TEST(x.log[0].streamedBytes == 13u);
  BOOST_TEST(!x.log[0].streamCut);
}

BOOST_AUTO_TEST_CASE(AClientThatLeavesMidStreamFailsTheNextWriteAndEndsTheConnection) {
  Status second, third;
  bool goneSeen = false;
  Exchange x(std::string(kGet) + kGet, [&](const RequestHead&) {
    return Streamed([&](BodyWriter& w) -> Status {
      PLATEDESK_TRY(w.Write("page 1\n"));
      BOOST_TEST(!w.PeerGone());
      x.channel.gone = true;  // the client cancels
      const int writesBefore = x.channel.writeCalls;
      second = w.Write("page 2\n");
      third = w.Write("page 3\n");
      // Noticed by the next write before the channel was asked: no byte of page 2 or 3 was tried.
      BOOST_TEST(x.channel.writeCalls == writesBefore);
      goneSeen = w.PeerGone();
      return second;
    });
  });
  x.Serve();
  BOOST_TEST(goneSeen);
  BOOST_TEST(!second.Ok());
  BOOST_TEST((second.Err().code == ErrorCode::Io));
  BOOST_TEST(!third.Ok());
  BOOST_TEST(third.Err().message == second.Err().message);
  std::string out = x.channel.out;
  const Answer a = TakeAnswer(out);
  BOOST_TEST(!a.complete);  // no last chunk
  BOOST_TEST((a.chunks == std::vector<std::string>{"page 1\n"}));
  BOOST_TEST(x.handler.handled == 1);  // the pipelined second request was not served
  BOOST_TEST_REQUIRE(x.log.size() == 1u);
  BOOST_TEST(x.log[0].streamedBytes == 7u);
  BOOST_TEST(x.log[0].streamCut);
}

BOOST_AUTO_TEST_CASE(AFailedChannelWriteIsReturnedToEveryLaterWriteAndEndsTheConnection) {
  Status second, third;
  int callsAfterFailure = -1;
  Exchange x(std::string(kGet) + kGet, [&](const RequestHead&) {
    return Streamed([&](BodyWriter& w) -> Status {
      PLATEDESK_TRY(w.Write("page 1\n"));
      x.channel.failWrites = true;  // the socket fails; the channel cannot tell that the peer closed
      second = w.Write("page 2\n");
      callsAfterFailure = x.channel.writeCalls;
      third = w.Write("page 3\n");
      BOOST_TEST(!w.Flush().Ok());
      BOOST_TEST(w.PeerGone());
      BOOST_TEST(w.Broken());
      return {};  // even a stream that ignores the failure cannot complete the answer
    });
  });
  x.Serve();
  BOOST_TEST(!second.Ok());
  BOOST_TEST(second.Err().message == "connection reset by peer");
  BOOST_TEST(!third.Ok());
  BOOST_TEST(third.Err().message == "connection reset by peer");
  BOOST_TEST(x.channel.writeCalls == callsAfterFailure);  // later writes never reached the channel
  std::string out = x.channel.out;
  const Answer a = TakeAnswer(out);
  BOOST_TEST(!a.complete);
  BOOST_TEST(a.body == "page 1\n");
  BOOST_TEST(x.handler.handled == 1);
  BOOST_TEST_REQUIRE(x.log.size() == 1u);
  BOOST_TEST(x.log[0].streamCut);
  BOOST_TEST(x.log[0].streamedBytes == 7u);
}

BOOST_AUTO_TEST_CASE(AStreamThatFailsAfterItsHeadLeavesNoLastChunk) {
  for (const bool throws : {false, true}) {
    Exchange x(std::string(kGet) + kGet, [&](const RequestHead&) {
      return Streamed([&](BodyWriter& w) -> Status {
        PLATEDESK_TRY(w.Write("partial\n"));
        if (throws) throw std::runtime_error("index gone");
        return Fail(ErrorCode::Io, "the index could not be read");
      });
    });
    x.Serve();
    std::string out = x.channel.out;
    const Answer a = TakeAnswer(out);
    BOOST_TEST(a.status == 200);
    BOOST_TEST(!a.complete, "throws=" << throws);
    BOOST_TEST(a.body == "partial\n");
    BOOST_TEST(x.channel.out.find("0\r\n\r\n") == std::string::npos);
    BOOST_TEST(x.handler.handled == 1);  // the connection ended: no second answer
    BOOST_TEST_REQUIRE(x.log.size() == 1u);
    BOOST_TEST(x.log[0].streamCut);
  }
}

BOOST_AUTO_TEST_CASE(AStreamThatFailsBeforeAnyWriteGetsAWhole500AndTheConnectionLives) {
  int calls = 0;
  Exchange x(std::string(kGet) + kGetPlain, [&](const RequestHead& head) {
    if (head.path == "/v1/plain") {
      Response r;
      r.body = "{\"ok\":true}";
      return r;
    }
    return Streamed([&](BodyWriter&) -> Status {
      ++calls;
      return Fail(ErrorCode::Io, "the index could not be read");
    });
  });
  x.Serve();
  BOOST_TEST(calls == 1);
  std::string out = x.channel.out;
  const Answer failed = TakeAnswer(out);
  BOOST_TEST(failed.status == 500);
  BOOST_TEST(failed.complete);
  BOOST_TEST(failed.Has("content-length"));
  BOOST_TEST(!failed.Has("transfer-encoding"));
  BOOST_TEST(failed.body.find("could not be produced") != std::string::npos);
  BOOST_TEST(failed.body.find("index") == std::string::npos);  // the error's own words stay inside
  const Answer next = TakeAnswer(out);
  BOOST_TEST(next.status == 200);
  BOOST_TEST(next.body == "{\"ok\":true}");
  BOOST_TEST_REQUIRE(x.log.size() == 2u);
  BOOST_TEST(x.log[0].status == 500);
  BOOST_TEST(!x.log[0].streamCut);
}

BOOST_AUTO_TEST_CASE(KeepAliveServesTheNextRequestAfterACompleteStreamedAnswer) {
  Exchange x(std::string(kGet) + kGetPlain + kGet + "GET /v1/stream HTTP/1.1\r\nConnection: close\r\n\r\n" + kGet,
             [&](const RequestHead& head) {
               if (head.path == "/v1/plain") {
                 Response r;
                 r.body = "{\"plain\":1}";
                 return r;
               }
               const int n = x.handler.handled;
               return Streamed([n](BodyWriter& w) -> Status {
                 if (n == 3) return {};  // an empty body: the head and the last chunk only
                 return w.Write("answer " + std::to_string(n) + "\n");
               });
             });
  x.Serve();
  std::string out = x.channel.out;
  const Answer first = TakeAnswer(out);
  BOOST_TEST(first.complete);
  BOOST_TEST(first.body == "answer 1\n");
  const Answer plain = TakeAnswer(out);
  BOOST_TEST(plain.body == "{\"plain\":1}");
  const Answer empty = TakeAnswer(out);
  BOOST_TEST(empty.complete);
  BOOST_TEST(empty.chunks.empty());
  BOOST_TEST(empty.headers.at("transfer-encoding") == "chunked");
  const Answer closing = TakeAnswer(out);  // asked to close: chunked, complete, then the end
  BOOST_TEST(closing.complete);
  BOOST_TEST(closing.body == "answer 4\n");
  BOOST_TEST(closing.headers.at("connection") == "close");
  BOOST_TEST(out.empty());
  BOOST_TEST(x.handler.handled == 4);  // the fifth request came after "close"
  BOOST_TEST(x.log.size() == 4u);
}

BOOST_AUTO_TEST_CASE(AHeadRequestGetsTheHeadOnlyAndTheStreamIsNotRun) {
  int calls = 0;
  Exchange x(std::string("HEAD /v1/stream HTTP/1.1\r\nHost: x\r\n\r\n") + kGet, [&](const RequestHead&) {
    return Streamed([&](BodyWriter& w) -> Status {
      ++calls;
      return w.Write("body\n");
    });
  });
  x.Serve();
  BOOST_TEST(calls == 1);  // for the GET only
  std::string out = x.channel.out;
  const Answer head = TakeAnswer(out, true);
  BOOST_TEST(head.status == 200);
  BOOST_TEST(head.headers.at("transfer-encoding") == "chunked");
  BOOST_TEST(head.headers.at("connection") == "keep-alive");
  const Answer get = TakeAnswer(out);  // follows the head at once
  BOOST_TEST(get.complete);
  BOOST_TEST(get.body == "body\n");
  BOOST_TEST(x.log.size() == 2u);
}

BOOST_AUTO_TEST_CASE(AStreamThatComputesWithoutWritingSeesTheClientLeave) {
  // The client leaves while the first page is being ranked: the stream polls, sees it, stops,
  // and nothing is sent at all (not even the head).
  int polls = 0;
  Exchange x(std::string(kGet) + kGet, [&](const RequestHead&) {
    return Streamed([&](BodyWriter& w) -> Status {
      while (!w.PeerGone()) {
        if (++polls > 1000) return w.Write("never noticed\n");
      }
      return Fail(ErrorCode::Cancelled, "the client left");
    });
  });
  x.channel.goneAfterChecks = 5;
  x.Serve();
  BOOST_TEST(polls == 4);
  BOOST_TEST(x.channel.out.empty());
  BOOST_TEST(x.handler.handled == 1);
  BOOST_TEST_REQUIRE(x.log.size() == 1u);
  BOOST_TEST(x.log[0].streamCut);
  BOOST_TEST(x.log[0].streamedBytes == 0u);
}

BOOST_AUTO_TEST_CASE(FlushSendsTheHeadBeforeALongFirstPage) {
  std::size_t afterFlush = 0;
  Exchange x(kGet, [&](const RequestHead&) {
    return Streamed([&](BodyWriter& w) -> Status {
      BOOST_TEST(!w.HeadSent());
      PLATEDESK_TRY(w.Flush());
      BOOST_TEST(w.HeadSent());
      afterFlush = x.channel.out.size();
      PLATEDESK_TRY(w.Flush());  // nothing left to send
      BOOST_TEST(x.channel.out.size() == afterFlush);
      return w.Write("page 1\n");
    });
  });
  x.Serve();
  BOOST_TEST(afterFlush > 0u);
  BOOST_TEST(x.channel.out.substr(0, afterFlush).ends_with("\r\n\r\n"));
  BOOST_TEST(x.channel.out.substr(afterFlush) == "7\r\npage 1\n\r\n0\r\n\r\n");
  std::string out = x.channel.out;
  const Answer a = TakeAnswer(out);
  BOOST_TEST(a.complete);
  BOOST_TEST(a.body == "page 1\n");
}

BOOST_AUTO_TEST_SUITE_END()
