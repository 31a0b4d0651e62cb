// SPDX-License-Identifier: GPL-3.0-or-later
#include "SessionApi.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Log.h"
#include "platedesk/remote/Call.h"
#include "platedesk/remote/Protocol.h"

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <tuple>
#include <type_traits>
#include <unordered_map>

namespace platedesk::server::detail {

namespace {

using remote::Json;
using workstation::Session;

constexpr std::uint64_t kMaxCallBytes = 1024 * 1024;            ///< an ordinary call's request
constexpr std::uint64_t kMaxUploadBytes = 16ull * 1024 * 1024;  ///< import's files, or a document on file
constexpr std::size_t kFileDataChunk = 192 * 1024;              ///< an export file's bytes per line

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Response JsonAnswer(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = Dump(body);
  r.headers.emplace_back("X-PlateDesk-Protocol", std::to_string(remote::kProtocolVersion));
  r.headers.emplace_back("Server", "platedesk-server/" PLATEDESK_VERSION);
  return r;
}

Response ErrorAnswer(const Error& e) {
  return JsonAnswer(remote::HttpStatusOf(e.code), Json{{"error", remote::Encode(e)}});
}

std::string Binding(const RequestHead& head) { return "address " + head.peer + " via platedesk-server"; }

std::string BearerOf(const RequestHead& head) {
  if (auto auth = head.Header("Authorization")) {
    std::string_view v = *auth;
    if (v.starts_with("Bearer ")) return std::string(v.substr(7));
  }
  return {};
}

/// Writes the lines of a streamed answer; progress at most every 100 ms; notices a client that
/// went away (its next write fails, or the socket reads closed) and stops the work.
class LineSink {
 public:
  LineSink(BodyWriter& writer, std::stop_source& stop) : mWriter(writer), mStop(stop) {}
  void Line(const Json& line) {
    std::lock_guard lock(mMutex);
    WriteLocked(line);
  }
  void Progress(std::uint64_t done, std::uint64_t total) {
    std::lock_guard lock(mMutex);
    const auto now = std::chrono::steady_clock::now();
    if (now - mLastProgress < std::chrono::milliseconds(100) && done < total) return;
    mLastProgress = now;
    if (mWriter.PeerGone()) {
      mStop.request_stop();
      return;
    }
    WriteLocked(Json{{"progress", Json::array({done, total})}});
  }
  [[nodiscard]] bool Broken() const { return mBroken; }

 private:
  void WriteLocked(const Json& line) {
    if (mBroken) return;
    std::string text = Dump(line);
    text += '\n';
    if (!mWriter.Write(text).Ok()) {
      mBroken = true;
      mStop.request_stop();
    }
  }
  BodyWriter& mWriter;
  std::stop_source& mStop;
  std::mutex mMutex;
  std::chrono::steady_clock::time_point mLastProgress{};
  bool mBroken = false;
};

/// A streamed answer: work gets the sink, the stop token, and returns the last line.
Response StreamAnswer(std::function<Json(LineSink&, std::stop_token)> work) {
  Response r;
  r.status = 200;
  r.contentType = "application/x-ndjson";
  r.headers.emplace_back("X-PlateDesk-Protocol", std::to_string(remote::kProtocolVersion));
  r.headers.emplace_back("Server", "platedesk-server/" PLATEDESK_VERSION);
  r.stream = [work = std::move(work)](BodyWriter& writer) -> Status {
    std::stop_source stop;
    LineSink sink(writer, stop);
    const Json last = work(sink, stop.get_token());
    sink.Line(last);
    if (sink.Broken()) return Fail(ErrorCode::Cancelled, "the client closed the request");
    return {};
  };
  return r;
}

template <class R>
Json LastLine(const R& result) {
  std::optional<Error> error;
  return remote::EncodeResult(result, error);
}

}  // namespace

struct SessionApi::Impl {
  workstation::Workstation& ws;
  const Clock& clock;

  struct Held {
    std::shared_ptr<Session> session;
    std::string peer;
  };
  mutable std::mutex mutex;
  std::unordered_map<std::string, Held> sessions;             // by SHA-256 of the token
  std::unordered_map<std::string, std::deque<UtcMs>> logins;  // attempts by address, last minute

  std::function<void()> tokensChanged;
  int signInsPerMinute = 20;  ///< per address, before 429
  using RouteFn = std::function<Response(const std::shared_ptr<Session>&, const Json&)>;
  std::unordered_map<std::string, RouteFn> routes;
  /// The largest request body each route takes: an upload's or a call carrying a document on file
  /// (a written request, an MOU, a scanned receipt: up to 10 MB, base64 in the JSON) gets
  /// kMaxUploadBytes, every other call kMaxCallBytes; decided by the method's own signature.
  std::unordered_map<std::string, std::uint64_t> bodyLimits;

  Impl(workstation::Workstation& w, const Clock& c) : ws(w), clock(c) {
#define PLATEDESK_ADD_ROUTE(M, R, K, T) Add<&Session::M, remote::Kind::K>(R);
    PLATEDESK_SESSION_METHODS(PLATEDESK_ADD_ROUTE)
#undef PLATEDESK_ADD_ROUTE
  }

  template <class Args>
  struct CarriesDocument;
  template <class... A>
  struct CarriesDocument<std::tuple<A...>> : std::bool_constant<(std::is_same_v<A, store::Document> || ...)> {};

  template <auto Method, remote::Kind K>
  void Add(std::string_view route) {
    using Args = typename remote::detail::Traits<decltype(Method)>::Args;
    bodyLimits.emplace(std::string(route),
                       K == remote::Kind::Upload || CarriesDocument<Args>::value ? kMaxUploadBytes : kMaxCallBytes);
    if constexpr (K == remote::Kind::Call) {
      routes.emplace(std::string(route), [](const std::shared_ptr<Session>& s, const Json& body) {
        auto args = remote::DecodeArgs<Method>(body, {});
        if (!args) return ErrorAnswer(args.Err());
        auto result = remote::Invoke<Method>(*s, *args);
        std::optional<Error> error;
        Json answer;
        if constexpr (RowIs<Method>("image")) {
          // Image bytes travel as base64.
          if (result) {
            answer = Json{{"value", remote::EncodeBytes(*result)}};
          } else {
            answer = remote::EncodeResult(result, error);
          }
        } else {
          answer = remote::EncodeResult(result, error);
        }
        return JsonAnswer(error ? remote::HttpStatusOf(error->code) : 200, answer);
      });
    } else if constexpr (K == remote::Kind::Stream) {
      if constexpr (RowIs<Method>("search")) {
        routes.emplace(std::string(route),
                       [](const std::shared_ptr<Session>& s, const Json& body) { return Search(s, body); });
      } else if constexpr (RowIs<Method>("export-evidence")) {
        routes.emplace(std::string(route),
                       [](const std::shared_ptr<Session>& s, const Json& body) { return Export(s, body); });
      } else {
        routes.emplace(std::string(route), [](const std::shared_ptr<Session>& s, const Json& body) {
          return StreamAnswer([s, body](LineSink& sink, std::stop_token stop) -> Json {
            remote::Injected injected{stop, [&sink](std::uint64_t d, std::uint64_t t) { sink.Progress(d, t); }};
            auto args = remote::DecodeArgs<Method>(body, injected);
            if (!args) return Json{{"error", remote::Encode(args.Err())}};
            return LastLine(remote::Invoke<Method>(*s, *args));
          });
        });
      }
    } else if constexpr (K == remote::Kind::Upload) {
      routes.emplace(std::string(route),
                     [](const std::shared_ptr<Session>& s, const Json& body) { return Import(s, body); });
    }
    // Kind::Local rows are answered on the client: no route.
  }

  template <auto Method>
  static constexpr bool RowIs(std::string_view route) {
    return remote::RowOf<Method>::row.route == route;
  }

  static Response Search(const std::shared_ptr<Session>& s, const Json& body) {
    return StreamAnswer([s, body](LineSink& sink, std::stop_token stop) -> Json {
      remote::Injected injected{stop, [&sink](std::uint64_t d, std::uint64_t t) { sink.Progress(d, t); }};
      auto args = remote::DecodeArgs<&Session::Search>(body, injected);
      if (!args) return Json{{"error", remote::Encode(args.Err())}};
      const bool pages = body.value("pages", false);
      search::SearchOptions& options = std::get<2>(*args);
      if (pages) {
        // Each page goes out as it is ranked (the first before the rest are found).
        options.onBatch = [&sink](std::span<const search::Hit> batch) {
          Json page;
          remote::ToJson(page, batch);
          sink.Line(Json{{"page", std::move(page)}});
          return !sink.Broken();
        };
      } else {
        options.onBatch = nullptr;
      }
      return LastLine(remote::Invoke<&Session::Search>(*s, *args));
    });
  }

  static Response Export(const std::shared_ptr<Session>& s, const Json& body) {
    return StreamAnswer([s, body](LineSink& sink, std::stop_token stop) -> Json {
      remote::Injected injected{stop, [&sink](std::uint64_t d, std::uint64_t t) { sink.Progress(d, t); }};
      auto args = remote::DecodeArgs<&Session::ExportEvidence>(body, injected);
      if (!args) return Json{{"error", remote::Encode(args.Err())}};
      // The package is built and signed here, in a folder only this service account can read, then
      // streamed to the client, which writes it to the medium; the folder is removed either way.
      TempFolder staging("platedesk-export");
      std::error_code ec;
      std::filesystem::permissions(staging.Path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, ec);
      workstation::EvidenceRequest& request = std::get<1>(*args);
      request.destination = staging.Path();
      request.writeFault = nullptr;
      request.probeMedia = nullptr;
      auto result = remote::Invoke<&Session::ExportEvidence>(*s, *args);
      if (!result) return LastLine(result);
      std::vector<std::filesystem::path> files;
      for (auto it = std::filesystem::recursive_directory_iterator(staging.Path(), ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file()) files.push_back(it->path());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        if (stop.stop_requested()) return Json{{"error", remote::Encode(Fail(ErrorCode::Cancelled, "cancelled"))}};
        auto bytes = ReadFile(file);
        if (!bytes) return Json{{"error", remote::Encode(bytes.Err())}};
        sink.Line(Json{{"file", std::filesystem::relative(file, staging.Path()).generic_string()}});
        for (std::size_t at = 0; at < bytes->size() || at == 0; at += kFileDataChunk) {
          sink.Line(Json{{"data", remote::EncodeBytes(std::string_view(*bytes).substr(at, kFileDataChunk))}});
          if (bytes->empty()) break;
        }
      }
      workstation::EvidenceExport value = *result;
      value.path = std::filesystem::relative(value.path, staging.Path());
      return Json{{"value", remote::Encode(value)}};
    });
  }

  static Response Import(const std::shared_ptr<Session>& s, const Json& body) {
    return StreamAnswer([s, body](LineSink& sink, std::stop_token stop) -> Json {
      if (!body.is_object() || !body.contains("args") || !body["args"].is_array() || body["args"].size() != 1 ||
          !body["args"][0].is_array())
        return Json{
            {"error", remote::Encode(Fail(ErrorCode::InvalidArgument, "the request must be {\"args\": [[files]]}"))}};
      TempFolder staging("platedesk-import");
      std::error_code ec;
      std::filesystem::permissions(staging.Path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, ec);
      std::vector<std::filesystem::path> paths;
      std::size_t index = 0;
      for (const Json& file : body["args"][0]) {
        std::string name;
        if (!file.is_object() || !remote::Field(file, "name", name).Ok() || !file.contains("data"))
          return Json{{"error", remote::Encode(Fail(ErrorCode::InvalidArgument, "a file needs a name and data"))}};
        auto bytes = remote::DecodeBytes(file["data"]);
        if (!bytes) return Json{{"error", remote::Encode(Fail(ErrorCode::InvalidArgument, "file data is not base64"))}};
        // Only the file's own name is kept (its extension picks the format), under a folder per file.
        const std::string leaf = std::filesystem::path(name).filename().string();
        if (leaf.empty() || leaf == "." || leaf == ".." || leaf.size() > 200)
          return Json{{"error", remote::Encode(Fail(ErrorCode::InvalidArgument, "a file name is not usable", name))}};
        const auto folder = staging.Path() / std::to_string(index++);
        std::filesystem::create_directories(folder, ec);
        const auto path = folder / leaf;
        if (Status w = WriteFileExclusive(path, *bytes, true); !w.Ok()) return Json{{"error", remote::Encode(w.Err())}};
        paths.push_back(path);
      }
      auto result = s->Import(paths, stop, [&sink](std::uint64_t d, std::uint64_t t) { sink.Progress(d, t); });
      return LastLine(result);
    });
  }

  bool LoginAllowed(const std::string& peer) {
    std::lock_guard lock(mutex);
    const UtcMs now = clock.Now();
    auto& q = logins[peer];
    while (!q.empty() && q.front() <= now - kMsPerMinute) q.pop_front();
    if (q.size() >= static_cast<std::size_t>(signInsPerMinute)) return false;
    q.push_back(now);
    if (logins.size() > 10'000) logins.clear();  // bounded: a flood of addresses forgets, never grows
    return true;
  }

  Json Opened(const Session& s) {
    return Json{
        {"value",
         Json{
             {"token", s.Token()}, {"id", s.Id()}, {"user", remote::Encode(s.User())}, {"started_at", s.StartedAt()}}}};
  }

  void Hold(std::shared_ptr<Session> s, const std::string& peer) {
    std::lock_guard lock(mutex);
    // Ended sessions are dropped here, so the map holds only live ones.
    std::erase_if(sessions, [](auto& entry) { return entry.second.session->HasEnded(); });
    const std::string key = Sha256Hex(s->Token());  // before s is moved from
    sessions[key] = Held{std::move(s), peer};
  }

  /// The session of a request: held here, or resumed from the storage (after a server restart)
  /// when the token was made for this address.
  Result<std::shared_ptr<Session>> Find(const RequestHead& head) {
    const std::string token = BearerOf(head);
    if (token.empty() || token.size() > 200) return Fail(ErrorCode::Unauthenticated, "no session: sign in first");
    const std::string key = Sha256Hex(token);
    {
      std::lock_guard lock(mutex);
      auto it = sessions.find(key);
      if (it != sessions.end()) {
        if (it->second.peer == head.peer) return it->second.session;
        Refused(head, "a session token presented from another address");
        return Fail(ErrorCode::Unauthenticated, "this session belongs to another workstation: sign in here");
      }
    }
    auto resumed = ws.Resume(token, Binding(head));
    if (!resumed) {
      if (resumed.Err().code == ErrorCode::Unauthenticated) Refused(head, "an unknown or ended session token");
      return resumed.Err();
    }
    std::shared_ptr<Session> s = std::move(*resumed);
    Hold(s, head.peer);
    return s;
  }

  void Refused(const RequestHead& head, const std::string& why) {
    workstation::ServerEvent e;
    e.event = "session.refused";
    e.outcome = audit::Outcome::Refused;
    e.reason = why;
    e.objects = {"address:" + head.peer};
    if (Status s = ws.RecordServerEvent(e); !s.Ok())
      Log(LogLevel::Error, "server: cannot audit a refused session token: " + s.Err().ToString());
  }
};

SessionApi::SessionApi(workstation::Workstation& workstation, const Clock& clock, int signInsPerMinute,
                       std::function<void()> tokensChanged)
    : mImpl(std::make_unique<Impl>(workstation, clock)) {
  mImpl->signInsPerMinute = signInsPerMinute;
  mImpl->tokensChanged = std::move(tokensChanged);
}
SessionApi::~SessionApi() = default;

bool SessionApi::Owns(std::string_view path) {
  return path == remote::kLoginPath || path == remote::kResumePath || path == remote::kHelloPath ||
         path == remote::kOverviewPath || path == remote::kCheckpointPath || path.starts_with(remote::kSessionPrefix);
}

std::size_t SessionApi::SessionCount() const {
  std::lock_guard lock(mImpl->mutex);
  return mImpl->sessions.size();
}

std::optional<Response> SessionApi::Admit(const RequestHead& head, std::optional<std::uint64_t> contentLength,
                                          ExchangeLog& log) {
  const std::string_view path = head.path;
  const bool get = path == remote::kHelloPath || path == remote::kOverviewPath || path == remote::kCheckpointPath;
  if (path.starts_with(remote::kSessionPrefix)) {
    log.route = std::string(remote::kSessionPrefix) + "{method}";
    const std::string route(path.substr(remote::kSessionPrefix.size()));
    if (!mImpl->routes.contains(route)) return ErrorAnswer(Fail(ErrorCode::NotFound, "no such session method", route));
    log.detail = route;
  } else {
    log.route = std::string(path);
  }
  if (get ? (head.method != "GET" && head.method != "HEAD") : head.method != "POST") {
    Response r = ErrorAnswer(Fail(ErrorCode::InvalidArgument, get ? "use GET" : "use POST"));
    r.status = 405;
    r.headers.emplace_back("Allow", get ? "GET" : "POST");
    return r;
  }
  std::uint64_t limit = kMaxCallBytes;
  if (path.substr(0, remote::kSessionPrefix.size()) == remote::kSessionPrefix)
    limit = mImpl->bodyLimits.at(std::string(path.substr(remote::kSessionPrefix.size())));
  if (contentLength && *contentLength > limit) {
    Response r = ErrorAnswer(Fail(ErrorCode::InvalidArgument, "the request is larger than this call accepts"));
    r.status = 413;
    r.close = true;
    return r;
  }
  if (path == remote::kLoginPath && !mImpl->LoginAllowed(head.peer)) {
    Response r = ErrorAnswer(Fail(ErrorCode::Locked, "too many sign-in attempts from this address; wait a minute"));
    r.status = 429;
    r.headers.emplace_back("Retry-After", "60");
    return r;
  }
  return std::nullopt;
}

Response SessionApi::Handle(const RequestHead& head, std::string body, ExchangeLog& log) {
  Impl& impl = *mImpl;
  const std::string_view path = head.path;
  if (path == remote::kHelloPath) {
    return JsonAnswer(200, Json{{"banner", impl.ws.Banner()},
                                {"demo", impl.ws.IsDemo()},
                                {"mfa_required", impl.ws.MfaRequired()},
                                {"protocol", remote::kProtocolVersion}});
  }
  if (path == remote::kOverviewPath) {
    auto overview = impl.ws.GetOverview();
    if (!overview) return ErrorAnswer(overview.Err());
    return JsonAnswer(200, Json{{"value", remote::Encode(*overview)}});
  }
  if (path == remote::kCheckpointPath) {
    std::uint64_t known = 0;
    const auto q = head.target.find("?known=");
    if (q != std::string::npos) {
      const std::string n = head.target.substr(q + 7);
      if (n.empty() || n.size() > 19 || n.find_first_not_of("0123456789") != std::string::npos)
        return ErrorAnswer(Fail(ErrorCode::InvalidArgument, "known must be a tree size"));
      known = std::stoull(n);
    }
    auto proof = impl.ws.LatestCheckpoint(known);
    if (!proof) return ErrorAnswer(proof.Err());
    return JsonAnswer(200, Json{{"value", remote::Encode(*proof)}});
  }
  const Json doc = Json::parse(body, nullptr, false);
  body.clear();
  if (doc.is_discarded() || !doc.is_object())
    return ErrorAnswer(Fail(ErrorCode::InvalidArgument, "the request body must be a JSON object"));
  if (path == remote::kLoginPath) {
    workstation::LoginRequest request;
    if (!doc.contains("request")) return ErrorAnswer(Fail(ErrorCode::InvalidArgument, "no sign-in request"));
    if (Status s = remote::FromJson(doc["request"], request); !s.Ok()) return ErrorAnswer(s.Err());
    // The session is bound to this address, whatever the client says.
    request.binding = Binding(head);
    if (request.kind != "cli") request.kind = "gui";
    auto session = impl.ws.Login(request);
    if (!session) return ErrorAnswer(session.Err());
    std::shared_ptr<Session> s = std::move(*session);
    log.token = s->User().name;
    Json answer = impl.Opened(*s);
    impl.Hold(std::move(s), head.peer);
    return JsonAnswer(200, answer);
  }
  auto session = impl.Find(head);
  if (!session) {
    Response r = ErrorAnswer(session.Err());
    if (session.Err().code == ErrorCode::Unauthenticated)
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"platedesk\"");
    return r;
  }
  log.token = (*session)->User().name;
  if (path == remote::kResumePath) return JsonAnswer(200, impl.Opened(**session));
  const std::string route(path.substr(remote::kSessionPrefix.size()));
  auto it = impl.routes.find(route);
  if (it == impl.routes.end()) return ErrorAnswer(Fail(ErrorCode::NotFound, "no such session method", route));
  Response response = it->second(*session, doc);
  if (response.status == 200 && impl.tokensChanged && (route == "add-ingest-token" || route == "revoke-ingest-token"))
    impl.tokensChanged();
  return response;
}

}  // namespace platedesk::server::detail
