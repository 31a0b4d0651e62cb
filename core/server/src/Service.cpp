// SPDX-License-Identifier: GPL-3.0-or-later
// The ingest service: camera posts in, reads on disk. Routes, tokens and their limits, bad-token
// bursts, multipart bodies, and the hand-over to the one writer.
#include "IngestWriter.h"
#include "SessionApi.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Host.h"
#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/server/Server.h"
#include "platedesk/store/ServerLock.h"
#include "platedesk/workstation/Workstation.h"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <sstream>
#include <stop_token>
#include <thread>
#include <unordered_map>

#ifndef _WIN32
#include <unistd.h>
#endif

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

namespace platedesk::server {

namespace {

using Steady = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr std::array<std::string_view, 5> kVendors = {"openalpr", "platerecognizer", "genetec", "axis", "survision"};
constexpr std::size_t kMaxParts = 8;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = Dump(body);
  return r;
}

Response Refusal(int status, std::string_view reason, bool close = false) {
  Response r = ErrorResponse(status, reason);
  r.close = close;
  return r;
}

// A token as the server holds it: its name, cameras and a token bucket for its rate.
struct TokenEntry {
  std::string name;
  std::vector<std::string> cameras;
  double rate = 1;
  std::mutex mutex;
  double available = 0;
  Steady::time_point refilled = Steady::now();

  // Takes one post from the bucket; false with the seconds to wait when empty.
  bool Take(double& retryAfter) {
    std::lock_guard lock(mutex);
    const auto now = Steady::now();
    const double burst = std::max(10.0, 2 * rate);
    available = std::min(burst, available + rate * std::chrono::duration<double>(now - refilled).count());
    refilled = now;
    if (available >= 1) {
      available -= 1;
      return true;
    }
    retryAfter = (1 - available) / rate;
    return false;
  }

  [[nodiscard]] bool Allows(std::string_view camera) const {
    for (const std::string& c : cameras) {
      if (c == "*" || c == camera) return true;
      if (c.size() >= 2 && c.ends_with("/*") && camera.size() > c.size() - 1 &&
          camera.substr(0, c.size() - 1) == std::string_view(c).substr(0, c.size() - 1))
        return true;
    }
    return false;
  }
};

// Counts of one kind of refused post per key (a source address, a token and camera), audited as
// one record per key and window.
class Bursts {
 public:
  struct Burst {
    std::string key;
    std::uint64_t count = 0;
    UtcMs first = 0;
    UtcMs last = 0;
  };
  // Notes one; returns the count in the current window.
  std::uint64_t Note(const std::string& key, UtcMs now) {
    std::lock_guard lock(mMutex);
    Burst& b = mBursts[key];
    if (b.count == 0) {
      b.key = key;
      b.first = now;
    }
    b.last = now;
    return ++b.count;
  }
  [[nodiscard]] std::uint64_t Count(const std::string& key) const {
    std::lock_guard lock(mMutex);
    const auto it = mBursts.find(key);
    return it == mBursts.end() ? 0 : it->second.count;
  }
  // Bursts whose window has ended (all when force), removed.
  std::vector<Burst> TakeDue(UtcMs now, UtcMs window, bool force) {
    std::vector<Burst> out;
    std::lock_guard lock(mMutex);
    for (auto it = mBursts.begin(); it != mBursts.end();) {
      if (force || now - it->second.first >= window) {
        out.push_back(std::move(it->second));
        it = mBursts.erase(it);
      } else {
        ++it;
      }
    }
    return out;
  }

 private:
  mutable std::mutex mMutex;
  std::map<std::string, Burst> mBursts;
};

// The token in the path (/v1/ingest/<vendor>/<token>) or the Authorization header (Bearer or
// Token scheme).
std::string PresentedToken(const RequestHead& head, std::string_view pathToken) {
  if (!pathToken.empty()) return std::string(pathToken);
  if (const auto auth = head.Header("Authorization")) {
    std::string_view v = *auth;
    for (std::string_view scheme : {"Bearer ", "bearer ", "Token ", "token "})
      if (v.starts_with(scheme)) return std::string(v.substr(scheme.size()));
  }
  return {};
}

struct Route {
  bool ingest = false;
  bool health = false;
  std::string vendor;
  std::string token;  // from the path
  std::string pattern;
};

Route MatchRoute(std::string_view path) {
  Route r;
  if (path == "/v1/health") {
    r.health = true;
    r.pattern = "/v1/health";
    return r;
  }
  constexpr std::string_view kIngest = "/v1/ingest/";
  if (!path.starts_with(kIngest)) return r;
  std::string_view rest = path.substr(kIngest.size());
  const std::size_t slash = rest.find('/');
  const std::string_view vendor = rest.substr(0, slash);
  bool known = false;
  for (std::string_view v : kVendors) known = known || v == vendor;
  if (!known) return r;
  r.ingest = true;
  r.vendor = std::string(vendor);
  r.pattern = std::string(kIngest) + r.vendor;
  if (slash != std::string_view::npos) {
    r.token = std::string(rest.substr(slash + 1));
    r.pattern += "/{token}";
    if (r.token.empty() || r.token.find('/') != std::string::npos) r.ingest = false;
  }
  return r;
}

// Splits a multipart/form-data body into its JSON text and its first image.
Status SplitMultipart(const std::string& body, const std::string& contentType, std::string& json, std::string& image) {
  try {
    Poco::Net::MediaType type(contentType);
    const std::string boundary = type.hasParameter("boundary") ? type.getParameter("boundary") : std::string();
    if (boundary.empty() || boundary.size() > 200)
      return Fail(ErrorCode::InvalidArgument, "multipart body without a boundary");
    std::istringstream in(body);
    Poco::Net::MultipartReader reader(in, boundary);
    std::size_t parts = 0;
    bool haveJson = false;
    while (reader.hasNextPart()) {
      if (++parts > kMaxParts) return Fail(ErrorCode::InvalidArgument, "too many parts in the multipart body");
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string bytes;
      {
        std::ostringstream out;
        out << reader.stream().rdbuf();
        bytes = std::move(out).str();
      }
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      const std::string name = params.get("name", "");
      const bool hasFile = params.has("filename");
      const std::string partType = ToLowerAscii(header.get("Content-Type", ""));
      // The file name is never used for anything on disk: only the bytes are kept.
      if (!hasFile && (name == "json" || partType.starts_with("application/json"))) {
        if (haveJson) return Fail(ErrorCode::InvalidArgument, "more than one JSON part in the multipart body");
        json = std::move(bytes);
        haveJson = true;
      } else if (image.empty() && (hasFile || partType.starts_with("image/"))) {
        image = std::move(bytes);
      }
    }
    if (!haveJson) return Fail(ErrorCode::InvalidArgument, "the multipart body has no JSON part (field \"json\")");
    return {};
  } catch (const Poco::Exception& e) {
    return Fail(ErrorCode::InvalidArgument, "malformed multipart body: " + e.message());
  } catch (const std::exception&) {
    return Fail(ErrorCode::InvalidArgument, "malformed multipart body");
  }
}

}  // namespace

// ----------------------------------------------------------------------------------------------
struct IngestService::Impl final : Handler {
  ServerConfig config;
  const Clock& clock;
  store::ServerLock lock;
  std::unique_ptr<workstation::Workstation> workstation;  // the one audit writer
  std::unique_ptr<detail::SessionApi> api;                // the workstations' side
  std::mutex auditMutex;
  std::unique_ptr<store::Storage> tokenStorage;  // for reloading tokens
  std::unique_ptr<detail::IngestWriter> writer;
  Limits limits;
  Steady::time_point started = Steady::now();

  std::shared_mutex tokensMutex;
  std::unordered_map<std::string, std::shared_ptr<TokenEntry>> tokens;  // by SHA-256 hex

  Bursts authFailures;  // by source address
  Bursts refusals;      // by "token\ncamera"
  std::mutex logMutex;

  std::atomic<std::uint64_t> requests{0}, reads{0}, inserted{0}, duplicates{0}, rejected{0}, authFailed{0}, refused{0};

  std::mutex flushMutex;
  std::condition_variable flushWake;
  bool flushStop = false;
  std::thread flusher;
  std::jthread purger;  // the retention schedule: at start, then every purgeEveryHours

  Impl(const ServerConfig& c, const Clock& k, store::ServerLock l) : config(c), clock(k), lock(std::move(l)) {
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.maxHeaderBytes = config.maxHeaderBytes;
    limits.headerTimeout = std::chrono::milliseconds(config.headerTimeoutMs);
    limits.bodyTimeout = std::chrono::milliseconds(config.bodyTimeoutMs);
    limits.idleTimeout = std::chrono::milliseconds(config.idleTimeoutMs);
  }

  Status Audit(workstation::ServerEvent event) {
    std::lock_guard guard(auditMutex);
    return workstation->RecordServerEvent(event);
  }

  Status LoadTokens() {
    auto list = tokenStorage->IngestTokens();
    if (!list) return list.Err();
    std::unordered_map<std::string, std::shared_ptr<TokenEntry>> fresh;
    std::unique_lock guard(tokensMutex);
    for (const store::IngestToken& t : *list) {
      if (t.revokedAt) continue;
      auto entry = std::make_shared<TokenEntry>();
      if (const auto old = tokens.find(t.tokenHash); old != tokens.end() && old->second->name == t.name) {
        std::lock_guard bucket(old->second->mutex);
        entry->available = old->second->available;
        entry->refilled = old->second->refilled;
      }
      entry->name = t.name;
      entry->cameras = t.cameras;
      entry->rate = t.readsPerSecond > 0 ? t.readsPerSecond : config.tokenRate;
      if (entry->available == 0) entry->available = std::max(10.0, 2 * entry->rate);
      fresh[t.tokenHash] = std::move(entry);
    }
    tokens = std::move(fresh);
    return {};
  }

  std::shared_ptr<TokenEntry> FindToken(const std::string& presented) {
    if (presented.empty() || presented.size() > 256) return nullptr;
    const std::string hash = Sha256Hex(presented);
    std::shared_lock guard(tokensMutex);
    const auto it = tokens.find(hash);
    return it == tokens.end() ? nullptr : it->second;
  }

  // Writes the bad-token and refused-camera bursts whose window has ended (all when force).
  void FlushBursts(bool force) {
    const UtcMs now = clock.Now();
    const UtcMs window = static_cast<UtcMs>(config.authFailWindowS) * 1000;
    for (const Bursts::Burst& b : authFailures.TakeDue(now, window, force)) {
      workstation::ServerEvent e;
      e.event = "ingest.auth_failed";
      e.outcome = audit::Outcome::Refused;
      e.reason = "unknown or revoked ingest token";
      e.details = Dump(Json{
          {"address", b.key}, {"first", FormatIso8601(b.first)}, {"last", FormatIso8601(b.last)}, {"count", b.count}});
      e.resultCount = b.count;
      if (Status s = Audit(e); !s.Ok())
        Log(LogLevel::Error, "server: cannot audit bad-token posts: " + s.Err().ToString());
    }
    for (const Bursts::Burst& b : refusals.TakeDue(now, window, force)) {
      const std::size_t nl = b.key.find('\n');
      workstation::ServerEvent e;
      e.event = "ingest.refused";
      e.outcome = audit::Outcome::Refused;
      e.reason = "the token may not post for this camera";
      e.objects = {"camera:" + b.key.substr(nl + 1)};
      e.details = Dump(Json{{"token", b.key.substr(0, nl)},
                            {"camera", b.key.substr(nl + 1)},
                            {"first", FormatIso8601(b.first)},
                            {"last", FormatIso8601(b.last)},
                            {"count", b.count}});
      e.resultCount = b.count;
      if (Status s = Audit(e); !s.Ok())
        Log(LogLevel::Error, "server: cannot audit refused posts: " + s.Err().ToString());
    }
  }

  void StartFlusher() {
    flusher = std::thread([this] {
      std::unique_lock guard(flushMutex);
      while (!flushStop) {
        flushWake.wait_for(guard, std::chrono::seconds(1));
        if (flushStop) break;
        guard.unlock();
        FlushBursts(false);
        guard.lock();
      }
    });
  }

  // The retention purge on the agency's schedule (DESIGN.md rule 4), recorded as the schedule's.
  // A purge in progress stops between batches when the server stops.
  void StartPurger() {
    purger = std::jthread([this](std::stop_token stop) {
      std::mutex m;
      std::condition_variable_any wake;
      while (!stop.stop_requested()) {
        auto report = workstation->PurgeOnSchedule(stop, {});
        UtcMs next = static_cast<UtcMs>(config.purgeEveryHours) * kMsPerHour;
        if (!report)
          Log(LogLevel::Error, "server: the scheduled retention purge failed: " + report.Err().ToString());
        else if (*report) {
          if ((*report)->counts.readsDeleted > 0)
            Log(LogLevel::Info, "server: scheduled retention purge deleted " +
                                    std::to_string((*report)->counts.readsDeleted) + " reads");
          // A period shorter than the interval (hours or minutes for non-hits) runs it sooner.
          next = workstation::PurgeInterval((*report)->periods, next);
        }
        std::unique_lock guard(m);
        wake.wait_for(guard, stop, std::chrono::milliseconds(next), [] { return false; });
      }
    });
  }

  void StopFlusher() {
    {
      std::lock_guard guard(flushMutex);
      flushStop = true;
    }
    flushWake.notify_all();
    if (flusher.joinable()) flusher.join();
  }

  // ---- Handler
  std::optional<Response> Admit(const RequestHead& head, std::optional<std::uint64_t> contentLength,
                                ExchangeLog& log) override {
    ++requests;
    if (detail::SessionApi::Owns(head.path)) return api->Admit(head, contentLength, log);
    const Route route = MatchRoute(head.path);
    log.route = route.pattern.empty() ? "-" : route.pattern;
    if (route.health) {
      if (head.method != "GET" && head.method != "HEAD") {
        Response r = Refusal(405, "use GET");
        r.headers.emplace_back("Allow", "GET");
        return r;
      }
      return Health();
    }
    if (!route.ingest) return Refusal(404, "no such endpoint");
    if (head.method != "POST") {
      Response r = Refusal(405, "cameras POST their reads");
      r.headers.emplace_back("Allow", "POST");
      return r;
    }
    const UtcMs now = clock.Now();
    if (authFailures.Count(head.peer) >= static_cast<std::uint64_t>(config.authFailLimit)) {
      Response r = Refusal(429, "too many posts with a bad token from this address; wait", true);
      r.headers.emplace_back("Retry-After", std::to_string(config.authFailWindowS));
      return r;
    }
    auto token = FindToken(PresentedToken(head, route.token));
    if (!token) {
      ++authFailed;
      authFailures.Note(head.peer, now);
      Response r = Refusal(401, "unknown or revoked token", true);
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"platedesk-ingest\"");
      return r;
    }
    log.token = token->name;
    double wait = 0;
    if (!token->Take(wait)) {
      Response r = Refusal(429, "this token posts faster than its rate allows; retry later", true);
      r.headers.emplace_back("Retry-After", std::to_string(std::max(1, static_cast<int>(std::ceil(wait)))));
      return r;
    }
    if (!writer->DiskOk()) {
      Response r = Refusal(507, "the storage's disk is full; retry later", true);
      r.headers.emplace_back("Retry-After", "60");
      return r;
    }
    return std::nullopt;
  }

  Response Handle(const RequestHead& head, std::string body, ExchangeLog& log) override {
    if (detail::SessionApi::Owns(head.path)) return api->Handle(head, std::move(body), log);
    const Route route = MatchRoute(head.path);
    auto token = FindToken(PresentedToken(head, route.token));
    if (!token) return Refusal(401, "unknown or revoked token", true);  // revoked meanwhile

    std::string json;
    std::string image;
    const std::string contentType = ToLowerAscii(std::string(head.Header("Content-Type").value_or("")));
    if (contentType.starts_with("multipart/form-data")) {
      if (Status s = SplitMultipart(body, std::string(head.Header("Content-Type").value_or("")), json, image); !s.Ok())
        return Quarantined(body, route, *token, s.Err().message, log);
    } else if (contentType.empty() || contentType.starts_with("application/json") ||
               contentType.starts_with("text/plain") || contentType.starts_with("application/x-www-form-urlencoded")) {
      // alprd posts JSON with whatever type its HTTP library chose.
      json = std::move(body);
    } else {
      return Refusal(415, "send application/json or multipart/form-data");
    }

    ingest::ParseOptions options;
    options.defaultCamera = token->name;
    // Survision cameras name themselves only in a header; their records then carry that camera.
    if (route.vendor == "survision")
      if (const auto serial = head.Header("survision-serial-number");
          serial && !serial->empty() && serial->size() <= 64)
        options.defaultCamera = std::string(*serial);
    options.now = clock.Now();
    ingest::PreparedBody prepared = ingest::PrepareBody(json, route.vendor + "-webhook.json", options, image);
    for (const std::string& camera : prepared.Cameras()) {
      if (!token->Allows(camera)) {
        ++refused;
        refusals.Note(token->name + "\n" + camera, clock.Now());
        return Refusal(403, "this token may not post for camera \"" + camera.substr(0, 120) + "\"");
      }
    }
    const bool unusable = prepared.Unusable();
    std::string problemField = prepared.FirstProblemField();
    std::string problem = prepared.FirstProblem();
    detail::WriteOutcome outcome = writer->Submit(std::move(prepared));
    if (outcome.status != 200) {
      Response r = Refusal(outcome.status, outcome.message, true);
      r.headers.emplace_back("Retry-After", outcome.status == 507 ? "60" : "1");
      return r;
    }
    const ingest::ImportSummary& s = outcome.summary;
    reads += s.reads;
    inserted += s.inserted;
    duplicates += s.duplicates;
    rejected += s.rejected;
    log.detail = "reads=" + std::to_string(s.reads) + " inserted=" + std::to_string(s.inserted) +
                 " duplicates=" + std::to_string(s.duplicates) + " skipped=" + std::to_string(s.skipped) +
                 " rejected=" + std::to_string(s.rejected);
    if (unusable || (s.rejected > 0 && s.reads == 0)) {
      Json err{{"status", 400},
               {"error", problem.empty() ? std::string("the body holds no usable record") : problem},
               {"quarantined", true}};
      if (!problemField.empty()) err["field"] = problemField;
      return JsonResponse(400, err);
    }
    return JsonResponse(200, Json{{"reads", s.reads},
                                  {"inserted", s.inserted},
                                  {"duplicates", s.duplicates},
                                  {"skipped", s.skipped},
                                  {"rejected", s.rejected}});
  }

  // A body that could not even be split (a broken multipart): kept in quarantine, 400.
  Response Quarantined(const std::string& body, const Route& route, const TokenEntry& token, const std::string& why,
                       ExchangeLog& log) {
    ingest::ParseOptions options;
    options.defaultCamera = token.name;
    options.now = clock.Now();
    // An unparsable multipart body: quarantined as received, under a name that says why.
    ingest::PreparedBody prepared = ingest::PrepareBody(body, route.vendor + "-multipart.bin", options);
    (void)writer->Submit(std::move(prepared));
    ++rejected;
    log.detail = "rejected=1";
    return JsonResponse(400, Json{{"status", 400}, {"error", why}, {"quarantined", true}});
  }

  Response Health() {
    const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(Steady::now() - started).count();
    return JsonResponse(200, Json{{"status", writer->DiskOk() ? "ok" : "disk_full"},
                                  {"version", PLATEDESK_VERSION},
                                  {"uptime_s", uptime},
                                  {"storage", writer->DiskOk() ? "ok" : "disk_full"}});
  }

  void LogExchange(const RequestHead& head, const Response& response, const ExchangeLog& log, std::uint64_t bodyBytes,
                   double ms) {
    if (!config.logRequests) return;
    char timing[32];
    std::snprintf(timing, sizeof timing, "%.1fms", ms);
    std::string line = FormatIso8601(clock.Now());
    line += ' ';
    line += head.peer;
    line += ' ';
    line += head.method.empty() ? "-" : head.method.substr(0, 16);
    line += ' ';
    line += log.route.empty() ? "-" : log.route;
    line += ' ';
    line += std::to_string(response.status);
    line += " in=";
    line += std::to_string(bodyBytes);
    line += "B ";
    if (response.stream) {
      line += "out=";
      line += std::to_string(log.streamedBytes);
      line += log.streamCut ? "B cut " : "B ";
    }
    line += timing;
    if (!log.token.empty()) {
      line += " token=";
      line += log.token;
    }
    if (!log.detail.empty()) {
      line += ' ';
      line += log.detail;
    }
    line += '\n';
    std::lock_guard guard(logMutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
};

// ----------------------------------------------------------------------------------------------
IngestService::IngestService(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}

Result<std::unique_ptr<IngestService>> IngestService::Open(const ServerConfig& config, const Clock& clock,
                                                           std::string listenDescription) {
  PLATEDESK_TRY(CheckConfig(config));
  std::error_code ec;
  if (!std::filesystem::exists(config.storage, ec))
    return Fail(ErrorCode::NotFound, "no storage folder there (create one with platedesk-cli init or demo)",
                config.storage.string());
  // The server owns the folder: nobody else on the host reads it.
  std::filesystem::permissions(config.storage, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  for (const auto& entry : std::filesystem::directory_iterator(config.storage, ec)) {
    std::error_code fileEc;
    if (entry.is_regular_file(fileEc))
      std::filesystem::permissions(entry.path(),
                                   std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                   std::filesystem::perm_options::replace, fileEc);
  }
  std::string description = "platedesk-server pid ";
#ifdef _WIN32
  description += "?";
#else
  description += std::to_string(::getpid());
#endif
  description += " on " + HostName() + ", " + listenDescription;
  auto lock = store::ServerLock::Acquire(config.storage, description);
  if (!lock) return lock.Err();
  auto impl = std::make_unique<Impl>(config, clock, std::move(*lock));
  auto ws = workstation::Workstation::Open(config.storage, clock);
  if (!ws) return ws.Err();
  impl->workstation = std::move(*ws);
  impl->api =
      std::make_unique<detail::SessionApi>(*impl->workstation, clock, config.signInsPerMinute, [raw = impl.get()] {
        if (Status s = raw->LoadTokens(); !s.Ok())
          Log(LogLevel::Error, "server: cannot reload the ingest tokens: " + s.Err().ToString());
      });
  auto tokenStorage = store::Storage::Open(config.storage, clock);
  if (!tokenStorage) return tokenStorage.Err();
  impl->tokenStorage = std::move(*tokenStorage);
  auto offlineAfter = impl->tokenStorage->CameraOfflineAfter();
  if (!offlineAfter) return offlineAfter.Err();
  PLATEDESK_TRY(impl->LoadTokens());
  auto writerStorage = store::Storage::Open(config.storage, clock);
  if (!writerStorage) return writerStorage.Err();
  detail::IngestWriter::Settings settings;
  settings.maxQueued = config.maxQueuedBodies;
  settings.minFreeBytes = config.minFreeBytes;
  settings.offlineAfterMs = *offlineAfter;
  impl->writer = std::make_unique<detail::IngestWriter>(std::move(*writerStorage), clock, settings);
  workstation::ServerEvent startEvent;
  startEvent.event = "server.started";
  startEvent.outcome = audit::Outcome::Success;
  startEvent.details = Dump(Json{{"listen", listenDescription},
                                 {"tls", !config.insecureHttp},
                                 {"version", PLATEDESK_VERSION},
                                 {"tokens", impl->tokens.size()}});
  PLATEDESK_TRY(impl->Audit(startEvent));
  impl->StartFlusher();
  impl->StartPurger();
  return std::unique_ptr<IngestService>(new IngestService(std::move(impl)));
}

IngestService::~IngestService() {
  if (!mImpl) return;
  mImpl->purger.request_stop();
  if (mImpl->purger.joinable()) mImpl->purger.join();
  mImpl->StopFlusher();
  mImpl->writer->Stop();
  mImpl->FlushBursts(true);
  const ServerCounts c = Counts();
  workstation::ServerEvent e;
  e.event = "server.stopped";
  e.outcome = audit::Outcome::Success;
  e.details = Dump(Json{{"requests", c.requests},
                        {"reads", c.reads},
                        {"inserted", c.inserted},
                        {"duplicates", c.duplicates},
                        {"rejected", c.rejected},
                        {"auth_failed", c.authFailed},
                        {"refused", c.refused}});
  if (Status s = mImpl->Audit(e); !s.Ok()) Log(LogLevel::Error, "server: cannot audit the stop: " + s.Err().ToString());
  if (Status s = mImpl->workstation->Checkpoint(); !s.Ok())
    Log(LogLevel::Error, "server: cannot sign the closing checkpoint: " + s.Err().ToString());
}

void IngestService::Serve(Channel& channel) {
  Impl& impl = *mImpl;
  ServeConnection(
      channel, impl, impl.limits,
      [&impl](const RequestHead& head, const Response& response, const ExchangeLog& log, std::uint64_t bodyBytes,
              double ms) { impl.LogExchange(head, response, log, bodyBytes, ms); });
}

Status IngestService::ReloadTokens() { return mImpl->LoadTokens(); }

void IngestService::FlushAudit() { mImpl->FlushBursts(true); }

ServerCounts IngestService::Counts() const {
  return {mImpl->requests.load(), mImpl->reads.load(),      mImpl->inserted.load(), mImpl->duplicates.load(),
          mImpl->rejected.load(), mImpl->authFailed.load(), mImpl->refused.load()};
}

}  // namespace platedesk::server
