// SPDX-License-Identifier: GPL-3.0-or-later
// simulate-cameras: OpenALPR-style agents posting reads and heartbeats to a platedesk-server, as
// real cameras do (one alpr_group per read, some with an overview image, a heartbeat a minute,
// resends after a refusal or a dropped connection). The ingest benchmark drives the server with it.
#include "Cli.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/demo/SampleImages.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <thread>

namespace platedesk::cli {
namespace {

using Steady = std::chrono::steady_clock;
using Json = nlohmann::json;

struct SimOptions {
  std::string server;  // https://host:port
  std::string token;
  std::string cacert;
  double rate = 5;  // reads per second over all cameras; 0 = as fast as the connections allow
  int cameras = 8;
  std::string agent = "platedesk-sim";
  int connections = 4;
  double duration = 0;  // seconds; 0 = until Ctrl-C
  int imageEvery = 10;
  int heartbeatS = 60;
  int outageEveryS = 0;
  int outageForS = 0;
  bool tokenInPath = false;
  std::string ackFile;
  std::uint64_t seed = 1;
};

// The simulated cameras: what each posts next, and which are in an outage.
class Fleet {
 public:
  explicit Fleet(const SimOptions& o) : mOptions(o), mRandom(o.seed) {
    for (int i = 0; i < 4; ++i) mImages.push_back(Base64Encode(demo::SampleOverviewJpeg("SIM" + std::to_string(i), i)));
    mStart = Steady::now();
    mNextHeartbeat.assign(static_cast<std::size_t>(o.cameras), mStart);
  }

  // The camera that is silent now (-1 none): cameras take turns, outageForS each outageEveryS.
  [[nodiscard]] int SilentCamera(Steady::time_point now) const {
    if (mOptions.outageEveryS <= 0) return -1;
    const double t = std::chrono::duration<double>(now - mStart).count();
    const long slot = static_cast<long>(t / mOptions.outageEveryS);
    if (slot == 0) return -1;
    const double into = t - static_cast<double>(slot) * mOptions.outageEveryS;
    if (into >= std::max(1, mOptions.outageForS)) return -1;
    return static_cast<int>(slot % mOptions.cameras);
  }

  // The next body to post: a heartbeat when one is due, else a read. readId empty for heartbeats.
  std::string Next(Steady::time_point now, std::string& readId) {
    const int silent = SilentCamera(now);
    for (int c = 0; c < mOptions.cameras; ++c) {
      if (c == silent || now < mNextHeartbeat[static_cast<std::size_t>(c)]) continue;
      mNextHeartbeat[static_cast<std::size_t>(c)] = now + std::chrono::seconds(std::max(1, mOptions.heartbeatS));
      readId.clear();
      return Heartbeat(c);
    }
    int camera = static_cast<int>(mCounter % static_cast<std::uint64_t>(mOptions.cameras));
    if (camera == silent) camera = (camera + 1) % mOptions.cameras;
    if (camera == silent) {  // one camera only, and it is silent
      readId.clear();
      return {};
    }
    return Read(camera, readId);
  }

  [[nodiscard]] std::string CameraId(int camera) const { return mOptions.agent + "/" + std::to_string(1001 + camera); }

 private:
  std::string Heartbeat(int camera) {
    Json j{{"data_type", "heartbeat"},
           {"version", 1},
           {"agent_uid", mOptions.agent},
           {"agent_version", "platedesk-sim"},
           {"timestamp", NowMs()},
           {"video_streams", Json::array({Json{{"camera_id", 1001 + camera}, {"fps", 10}, {"is_streaming", true}}})}};
    return j.dump();
  }

  std::string Read(int camera, std::string& readId) {
    const std::uint64_t n = mCounter++;
    static const char* kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    std::string plate;
    for (int i = 0; i < 3; ++i) plate += kLetters[mRandom() % 23];
    for (int i = 0; i < 4; ++i) plate += static_cast<char>('0' + mRandom() % 10);
    const std::int64_t t = NowMs();
    readId = mOptions.agent + "-" + std::to_string(1001 + camera) + "-" + std::to_string(t) + "-" + std::to_string(n) +
             "-" + std::to_string(mOptions.seed);
    static const char* kColours[] = {"silver-gray", "black", "white", "red", "blue"};
    static const char* kMakes[] = {"toyota", "honda", "ford", "chevrolet", "subaru"};
    Json best{
        {"plate", plate}, {"confidence", 80.0 + static_cast<double>(mRandom() % 200) / 10.0}, {"region", "us-wa"}};
    Json j{{"data_type", "alpr_group"},
           {"version", 3},
           {"epoch_start", t - 400},
           {"epoch_end", t},
           {"agent_uid", mOptions.agent},
           {"agent_version", "platedesk-sim"},
           {"camera_id", 1001 + camera},
           {"gps_latitude", 47.60 + 0.01 * camera},
           {"gps_longitude", -122.33 - 0.01 * camera},
           {"country", "us"},
           {"uuids", Json::array({readId})},
           {"plate_indexes", Json::array({0})},
           {"candidates",
            Json::array({Json{{"plate", plate}, {"confidence", best["confidence"]}, {"matches_template", 1}}})},
           {"best_plate", best},
           {"best_confidence", best["confidence"]},
           {"best_plate_number", plate},
           {"best_region", "us-wa"},
           {"best_uuid", readId},
           {"travel_direction", static_cast<double>(mRandom() % 360)},
           {"is_parked", false},
           {"vehicle", Json{{"color", Json::array({Json{{"name", kColours[mRandom() % 5]}, {"confidence", 90.0}}})},
                            {"make", Json::array({Json{{"name", kMakes[mRandom() % 5]}, {"confidence", 85.0}}})}}}};
    if (mOptions.imageEvery > 0 && n % static_cast<std::uint64_t>(mOptions.imageEvery) == 0)
      j["vehicle_crop_jpeg"] = mImages[n % mImages.size()];
    return j.dump();
  }

  static std::int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  const SimOptions& mOptions;
  std::mt19937_64 mRandom;
  std::vector<std::string> mImages;
  Steady::time_point mStart;
  std::vector<Steady::time_point> mNextHeartbeat;
  std::uint64_t mCounter = 0;
};

struct Transfer {
  CURL* easy = nullptr;
  std::string body;
  std::string readId;
  std::string response;
  Steady::time_point sent;
  int attempts = 0;
};

struct Stats {
  std::uint64_t posts = 0;
  std::uint64_t acknowledgedReads = 0;
  std::uint64_t heartbeats = 0;
  std::uint64_t resent = 0;
  std::uint64_t abandoned = 0;  // refused for good (400, 401, 403, 413)
  std::map<std::string, std::uint64_t> statuses;
  std::vector<float> latencyMs;
};

std::size_t Collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() < 64 * 1024) out->append(data, size * n);
  return size * n;
}

class Poster {
 public:
  Poster(const SimOptions& o, std::stop_token stop) : mOptions(o), mStop(stop), mFleet(o) {
    mMulti = curl_multi_init();
    curl_multi_setopt(mMulti, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(o.connections));
    curl_multi_setopt(mMulti, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(o.connections));
    mHeaders = curl_slist_append(mHeaders, "Content-Type: application/json");
    mHeaders = curl_slist_append(mHeaders, "Expect:");
    if (!o.tokenInPath) mHeaders = curl_slist_append(mHeaders, ("Authorization: Bearer " + o.token).c_str());
    mUrl = o.server + "/v1/ingest/openalpr";
    if (o.tokenInPath) mUrl += "/" + o.token;
    if (!o.ackFile.empty()) mAcks.open(o.ackFile, std::ios::out | std::ios::trunc);
  }
  ~Poster() {
    for (Transfer& t : mTransfers)
      if (t.easy) {
        curl_multi_remove_handle(mMulti, t.easy);
        curl_easy_cleanup(t.easy);
      }
    curl_slist_free_all(mHeaders);
    curl_multi_cleanup(mMulti);
  }

  Status Run() {
    mTransfers.resize(static_cast<std::size_t>(mOptions.connections));
    for (Transfer& t : mTransfers) {
      t.easy = curl_easy_init();
      if (!t.easy) return Fail(ErrorCode::Internal, "libcurl could not start");
    }
    std::vector<Transfer*> idle;
    for (Transfer& t : mTransfers) idle.push_back(&t);
    const auto start = Steady::now();
    auto nextSend = start;
    auto nextReport = start + std::chrono::seconds(5);
    const auto interval =
        mOptions.rate > 0
            ? std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(1.0 / mOptions.rate))
            : Steady::duration::zero();
    int running = 0;
    for (;;) {
      const auto now = Steady::now();
      const bool timeUp = mOptions.duration > 0 && now - start >= std::chrono::duration<double>(mOptions.duration);
      const bool stopping = timeUp || mStop.stop_requested();
      // Start new posts while connections are free and the rate allows.
      while (!stopping && !idle.empty() && (mOptions.rate <= 0 || Steady::now() >= nextSend)) {
        Transfer* t = idle.back();
        if (!mRetry.empty()) {
          t->body = std::move(mRetry.front().first);
          t->readId = std::move(mRetry.front().second);
          mRetry.pop_front();
          ++mStats.resent;
        } else {
          t->body = mFleet.Next(Steady::now(), t->readId);
          if (t->body.empty()) break;
          if (!t->readId.empty() && mOptions.rate > 0) nextSend += interval;
        }
        idle.pop_back();
        Start(*t);
        if (mOptions.rate > 0 && nextSend < Steady::now() - std::chrono::seconds(1)) nextSend = Steady::now();
      }
      if (stopping && idle.size() == mTransfers.size()) break;
      curl_multi_perform(mMulti, &running);
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(mMulti, &queued)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Transfer* t = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
        Finish(*t, msg->data.result);
        curl_multi_remove_handle(mMulti, t->easy);
        idle.push_back(t);
      }
      int fds = 0;
      curl_multi_poll(mMulti, nullptr, 0, 5, &fds);
      if (Steady::now() >= nextReport) {
        nextReport += std::chrono::seconds(5);
        const double secs = std::chrono::duration<double>(Steady::now() - start).count();
        std::cerr << "simulate-cameras: " << mStats.acknowledgedReads << " reads acknowledged in "
                  << static_cast<long>(secs) << " s ("
                  << std::lround(static_cast<double>(mStats.acknowledgedReads) / secs) << "/s), " << mStats.resent
                  << " resent\n";
      }
    }
    mElapsed = std::chrono::duration<double>(Steady::now() - start).count();
    return {};
  }

  [[nodiscard]] const Stats& Result() const { return mStats; }
  [[nodiscard]] double Elapsed() const { return mElapsed; }

 private:
  void Start(Transfer& t) {
    curl_easy_reset(t.easy);
    t.response.clear();
    curl_easy_setopt(t.easy, CURLOPT_URL, mUrl.c_str());
    curl_easy_setopt(t.easy, CURLOPT_POST, 1L);
    curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, t.body.data());
    curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.body.size()));
    curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, mHeaders);
    curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t.response);
    curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(t.easy, CURLOPT_TIMEOUT_MS, 30'000L);
    curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT_MS, 5'000L);
    curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t.easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (!mOptions.cacert.empty()) curl_easy_setopt(t.easy, CURLOPT_CAINFO, mOptions.cacert.c_str());
    t.sent = Steady::now();
    ++t.attempts;
    curl_multi_add_handle(mMulti, t.easy);
  }

  void Finish(Transfer& t, CURLcode result) {
    ++mStats.posts;
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    const std::string key =
        result == CURLE_OK ? std::to_string(status) : std::string("error: ") + curl_easy_strerror(result);
    ++mStats.statuses[key];
    if (result == CURLE_OK && status >= 200 && status < 300) {
      mStats.latencyMs.push_back(
          static_cast<float>(std::chrono::duration<double, std::milli>(Steady::now() - t.sent).count()));
      if (t.readId.empty()) {
        ++mStats.heartbeats;
      } else {
        ++mStats.acknowledgedReads;
        if (mAcks.is_open()) mAcks << t.readId << '\n';
      }
      return;
    }
    // A camera keeps what was not acknowledged and sends it again; what the server refused as
    // bad input it would refuse again.
    if (result == CURLE_OK && (status == 400 || status == 401 || status == 403 || status == 413)) {
      ++mStats.abandoned;
      if (status == 401 && !mWarned) {
        mWarned = true;
        std::cerr << "simulate-cameras: the server does not know this token (401)\n";
      }
      return;
    }
    if (mRetry.size() < 100'000) mRetry.emplace_back(std::move(t.body), std::move(t.readId));
  }

  const SimOptions& mOptions;
  std::stop_token mStop;
  Fleet mFleet;
  CURLM* mMulti = nullptr;
  curl_slist* mHeaders = nullptr;
  std::string mUrl;
  std::vector<Transfer> mTransfers;
  std::deque<std::pair<std::string, std::string>> mRetry;
  Stats mStats;
  std::ofstream mAcks;
  double mElapsed = 0;
  bool mWarned = false;
};

double Percentile(std::vector<float> v, double p) {
  if (v.empty()) return 0;
  const std::size_t k =
      std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

int Run(const ParsedArgs& args, Context&) {
  SimOptions o;
  o.server = args.Get("server");
  while (!o.server.empty() && o.server.back() == '/') o.server.pop_back();
  if (!o.server.starts_with("https://") && !o.server.starts_with("http://"))
    return Usage("--server needs an https:// URL (http:// only for a server started with --insecure-http)");
  auto token = ReadFile(args.Get("token-file"));
  if (!token) return Report(token.Err());
  o.token = Trim(*token);
  if (o.token.empty()) return Usage("the token file is empty");
  o.cacert = args.Get("cacert");
  auto number = [&](const std::string& name, long long fallback, long long min, long long max) -> Result<long long> {
    auto v = args.GetInt(name, fallback);
    if (!v) return v;
    if (*v < min || *v > max) {
      std::string msg = "--";
      msg += name;
      msg += " must be from ";
      msg += std::to_string(min);
      msg += " to ";
      msg += std::to_string(max);
      return Fail(ErrorCode::InvalidArgument, msg);
    }
    return v;
  };
  struct IntOption {
    const char* name;
    long long fallback, min, max;
    std::function<void(long long)> set;
  };
  const std::vector<IntOption> ints = {
      {"rate", 5, 0, 1'000'000, [&](long long v) { o.rate = static_cast<double>(v); }},
      {"cameras", 8, 1, 10'000, [&](long long v) { o.cameras = static_cast<int>(v); }},
      {"connections", 4, 1, 2'000, [&](long long v) { o.connections = static_cast<int>(v); }},
      {"duration", 0, 0, 31'536'000, [&](long long v) { o.duration = static_cast<double>(v); }},
      {"image-every", 10, 0, 1'000'000, [&](long long v) { o.imageEvery = static_cast<int>(v); }},
      {"heartbeat", 60, 1, 86'400, [&](long long v) { o.heartbeatS = static_cast<int>(v); }},
      {"outage-every", 0, 0, 86'400, [&](long long v) { o.outageEveryS = static_cast<int>(v); }},
      {"outage-for", 0, 0, 86'400, [&](long long v) { o.outageForS = static_cast<int>(v); }},
      {"seed", 1, 0, 1'000'000'000, [&](long long v) { o.seed = static_cast<std::uint64_t>(v); }},
  };
  for (const IntOption& io : ints) {
    auto v = number(io.name, io.fallback, io.min, io.max);
    if (!v) return Usage(v.Err().message);
    io.set(*v);
  }
  if (o.outageEveryS > 0 && o.outageForS == 0) o.outageForS = o.outageEveryS / 2;
  if (args.Has("agent")) o.agent = args.Get("agent");
  o.tokenInPath = args.Has("token-in-path");
  o.ackFile = args.Get("ack-file");
  const std::string format = args.Get("format", "table");
  if (format != "table" && format != "json") return Usage("--format must be table or json");

  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return Report(Fail(ErrorCode::Internal, "libcurl could not start"));
  Stats stats;
  double elapsed = 0;
  {
    InterruptScope interrupt;
    Poster poster(o, interrupt.Token());
    if (Status s = poster.Run(); !s.Ok()) return Report(s.Err());
    stats = poster.Result();
    elapsed = poster.Elapsed();
  }
  curl_global_cleanup();
  const double perSecond = elapsed > 0 ? static_cast<double>(stats.acknowledgedReads) / elapsed : 0;
  const double p50 = Percentile(stats.latencyMs, 0.50), p99 = Percentile(stats.latencyMs, 0.99);
  if (format == "json") {
    Json statuses = Json::object();
    for (const auto& [k, v] : stats.statuses) statuses[k] = v;
    std::cout << Json{{"posts", stats.posts},
                      {"acknowledged_reads", stats.acknowledgedReads},
                      {"heartbeats", stats.heartbeats},
                      {"resent", stats.resent},
                      {"abandoned", stats.abandoned},
                      {"seconds", elapsed},
                      {"reads_per_s", perSecond},
                      {"p50_ms", p50},
                      {"p99_ms", p99},
                      {"statuses", statuses}}
                     .dump(2)
              << "\n";
  } else {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%llu reads acknowledged in %.1f s (%.0f/s), %llu heartbeats, %llu resent, %llu refused; "
                  "latency p50 %.1f ms, p99 %.1f ms\n",
                  static_cast<unsigned long long>(stats.acknowledgedReads), elapsed, perSecond,
                  static_cast<unsigned long long>(stats.heartbeats), static_cast<unsigned long long>(stats.resent),
                  static_cast<unsigned long long>(stats.abandoned), p50, p99);
    std::cout << line;
    for (const auto& [k, v] : stats.statuses) std::cout << "  " << k << ": " << v << "\n";
  }
  return stats.abandoned > 0 ? kExitFailed : kExitOk;
}

}  // namespace

Command SimulateCamerasCommand() {
  CommandSpec spec{
      "simulate-cameras",
      "Simulated OpenALPR cameras posting reads and heartbeats to a platedesk-server (demos, benchmarks).",
      {{"server", "URL", "the server (https://host:port; http:// only for --insecure-http test servers)", true},
       {"token-file", "FILE", "file holding the ingest token (from `server-token add --token-file`)", true},
       {"cacert", "FILE", "trust this certificate (a self-signed server's own cert.pem)"},
       {"rate", "N", "reads per second over all cameras; 0 = as fast as the connections allow (default 5)"},
       {"cameras", "N", "number of simulated cameras (default 8)"},
       {"agent", "NAME", "agent id: cameras are NAME/1001, NAME/1002, ... (default platedesk-sim)"},
       {"connections", "N", "keep-alive connections posting at once (default 4)"},
       {"duration", "SECONDS", "stop after this long (default: until Ctrl-C)"},
       {"image-every", "N", "one read in N carries a ~30 KB overview JPEG (default 10; 0 none)"},
       {"heartbeat", "SECONDS", "heartbeat interval per camera (default 60)"},
       {"outage-every", "SECONDS", "every so often one camera (in turn) goes silent, to show health (default never)"},
       {"outage-for", "SECONDS", "how long each outage lasts (default half of --outage-every)"},
       {"token-in-path", "", "put the token in the URL as alprd's upload_address does, not in a header"},
       {"ack-file", "FILE", "write the id of every acknowledged read, one per line"},
       {"seed", "N", "random seed for plates (default 1)"},
       {"format", "table|json", "summary format (default table)"}},
      "",
      false,
      "Posts one alpr_group per read to /v1/ingest/openalpr. A post that was not acknowledged (429, 5xx,\n"
      "a dropped connection) is sent again, as cameras do; one refused as bad input (400, 401, 403, 413)\n"
      "is not, and makes the exit status 1. Progress every 5 s on stderr; the summary on stdout."};
  return {spec, Run};
}

}  // namespace platedesk::cli
