// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: measures the Session contract over the network (issue 12). Makes a demo storage;
// the demo detective asks for, and the demo supervisor approves, the 26 broad searches it times
// (one letter and a star: a pattern that needs an approval at the agency's default rules). Then it
// times a 100-hit page (reads included) in pairs, on the embedded session (the engine's time, on a
// copy of the folder) and through a TLS platedesk-server on 127.0.0.1 (one idle client), and
// what the page's JSON costs to encode and decode. Last, `clients` workstations each search in a
// loop while `platedesk-cli simulate-cameras` posts from 200 cameras.
// Usage: remote_bench <work-folder> [reads=1000000] [clients=20] [seconds=30] [rate=400] [reuse]
// Prints: remote-bench: engine p50, remote idle p50, what the network adds (p50, p95 of the pairs)
//         remote-bench: the page's size, encoding and decoding times
//         remote-bench: p50 X ms, p95 Y ms (idle p95 Z ms), ingest N reads/s
#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"
#include "platedesk/remote/Codec.h"
#include "platedesk/remote/Remote.h"
#include "platedesk/testsupport/Process.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <signal.h>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <thread>
#include <vector>

using namespace platedesk;
using platedesk::testsupport::ShellQuote;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

namespace {

int Shell(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "remote_bench: %s\n", what.c_str());
  std::exit(1);
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

workstation::AccessContext Context(std::int64_t approval = 0) {
  return {"26-004512", "INV-PROPERTY", "remote benchmark of the search page", approval};
}

constexpr std::size_t kPageHits = 100;
constexpr int kLetters = 26;

/// The page's query: a partial plate, a different first letter each time, so no answer is reused.
search::Query LetterQuery(int i) {
  search::Query q;
  q.plate = std::string(1, static_cast<char>('A' + i % kLetters)) + "*";
  return q;
}

/// One 100-hit page of LetterQuery(i), under the supervisor's approval for that letter (a pattern
/// pinning one character needs one at the agency's default rules).
double TimedSearch(workstation::Session& session, int i, const std::vector<std::int64_t>& approvals) {
  search::SearchOptions options;
  options.limit = kPageHits;
  const auto start = Steady::now();
  auto r = session.Search(Context(approvals[static_cast<std::size_t>(i % kLetters)]), LetterQuery(i), options, true);
  if (!r) Die("search failed: " + r.Err().ToString());
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

std::unique_ptr<workstation::Session> SignIn(workstation::Connection& c, const char* user = "detective",
                                             const char* password = "Blue-Heron-Pier-7") {
  workstation::LoginRequest request{user, password, "", true};
  auto s = c.Login(request);
  if (!s) Die(std::string("sign-in failed (") + user + "): " + s.Err().ToString());
  return std::move(*s);
}

/// The detective asks, and the demo supervisor approves for a week, each letter's search: the
/// agency's workflow for a broad pattern, done once before the timing.
std::vector<std::int64_t> Approve(workstation::Connection& c) {
  auto detective = SignIn(c);
  auto supervisor = SignIn(c, "supervisor", "Cedar-Lantern-Ridge-3");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kLetters; ++i) {
    workstation::ApprovalSubject subject;
    subject.search = LetterQuery(i);
    subject.limit = kPageHits;
    auto made = detective->RequestApproval(Context(), subject);
    if (!made) Die("approval request failed: " + made.Err().ToString());
    auto decided = supervisor->DecideApproval(made->id, true, "benchmark of the remote search page", 168);
    if (!decided) Die("approval failed: " + decided.Err().ToString());
    ids.push_back(made->id);
  }
  (void)detective->Logout();
  (void)supervisor->Logout();
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: remote_bench <work-folder> [reads=1000000] [clients=20] [seconds=30] [rate=400] [reuse]\n");
    return 2;
  }
  const fs::path work = fs::absolute(argv[1]);
  const long reads = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const int clients = argc > 3 ? std::atoi(argv[3]) : 20;
  const int seconds = argc > 4 ? std::atoi(argv[4]) : 30;
  // Reads per second over the 200 cameras (0: as fast as the server acknowledges, which on a small
  // machine takes the cores from the searches).
  const int rate = argc > 5 ? std::atoi(argv[5]) : 400;
  const fs::path bin = fs::canonical("/proc/self/exe").parent_path().parent_path().parent_path() / "bin";
  const std::string cli = (bin / "platedesk-cli").string(), server = (bin / "platedesk-server").string();
  std::error_code ec;
  // "reuse": the storage, token and certificate a previous run made in the folder (a 10 M demo
  // takes 20 minutes to make); the reads the cameras posted then are kept.
  const bool reuse = argc > 6 && std::string_view(argv[6]) == "reuse";
  const fs::path storage = work / "storage", cert = work / "cert.pem", key = work / "key.pem";
  if (!reuse || !fs::exists(storage / "platedesk.db") || !fs::exists(work / "token") || !fs::exists(cert)) {
    fs::remove_all(work, ec);
    fs::create_directories(work);
    const std::string env = "PLATEDESK_ACCEPT_BANNER=yes XDG_STATE_HOME=" + ShellQuote(work.string()) + " ";
    std::fprintf(stderr, "remote_bench: making a demo storage of %ld reads\n", reads);
    if (Shell(env + ShellQuote(cli) + " demo --storage " + ShellQuote(storage.string()) + " --reads " +
              std::to_string(reads) + " --cameras 200 --days 14 --no-images --seed 9 >/dev/null") != 0)
      Die("demo failed");
    if (Shell(env + "PLATEDESK_PASSWORD=Orca-Tide-Station-9 " + ShellQuote(cli) +
              " server-token add bench --camera 'bench/*' --rate 100000 --storage " + ShellQuote(storage.string()) +
              " --user administrator --token-file " + ShellQuote((work / "token").string()) + " >/dev/null") != 0)
      Die("server-token add failed");
    if (Shell(ShellQuote(server) + " make-cert --cert " + ShellQuote(cert.string()) + " --key " +
              ShellQuote(key.string()) + " >/dev/null") != 0)
      Die("make-cert failed");
  }
  fs::remove_all(work / "storage-embedded", ec);
  fs::remove(work / "port", ec);

  SystemClock clock;
  std::vector<std::int64_t> approvals;
  {
    auto ws = workstation::Workstation::Open(storage, clock);
    if (!ws) Die("open failed: " + ws.Err().ToString());
    approvals = Approve(**ws);
  }
  // The engine's own time is measured on a copy of the folder (the server holds the original's
  // lock), side by side with the remote calls, so both see the same machine at the same moment.
  const fs::path copy = work / "storage-embedded";
  fs::copy(storage, copy, fs::copy_options::recursive, ec);
  if (ec) Die("cannot copy the storage: " + ec.message());

  const fs::path portFile = work / "port";
  std::vector<std::string> args = {server,
                                   "--storage",
                                   storage.string(),
                                   "--listen",
                                   "127.0.0.1:0",
                                   "--port-file",
                                   portFile.string(),
                                   "--cert",
                                   cert.string(),
                                   "--key",
                                   key.string(),
                                   "--log-requests=false",
                                   "--sign-ins-per-minute",
                                   "1000"};  // 21 workstations sign in at once from 127.0.0.1
  const std::string logPath = (work / "server.log").string();
  const pid_t pid = testsupport::SpawnLogged(args, logPath);
  if (pid <= 0) Die("cannot start the server");
  const int port = testsupport::WaitForPortFile(portFile, pid, std::chrono::milliseconds(60000));
  if (port == 0) Die("the server did not start; see " + logPath);
  remote::Endpoint endpoint;
  endpoint.url = "https://127.0.0.1:" + std::to_string(port);
  endpoint.trust.caFile = cert;

  auto connection = remote::Connect(endpoint);
  if (!connection) Die("connect failed: " + connection.Err().ToString());
  std::vector<double> engine, idle, added;
  double encodeMs = 0, decodeMs = 0;
  std::size_t pageBytes = 0;
  {
    auto ws = workstation::Workstation::Open(copy, clock);
    if (!ws) Die("open failed: " + ws.Err().ToString());
    auto local = SignIn(**ws);
    auto remoteSession = SignIn(**connection);
    TimedSearch(*local, 0, approvals);  // loads the index
    TimedSearch(*remoteSession, 0, approvals);
    // Pairs of the same page, embedded then remote or the other way round (alternating, so neither
    // always runs on caches the other warmed); the remote cost is the pair's difference.
    constexpr int kPairs = 100;
    for (int i = 0; i < kPairs; ++i) {
      double e = 0, r = 0;
      if (i % 2 == 0) {
        e = TimedSearch(*local, i, approvals);
        r = TimedSearch(*remoteSession, i, approvals);
      } else {
        r = TimedSearch(*remoteSession, i, approvals);
        e = TimedSearch(*local, i, approvals);
      }
      engine.push_back(e);
      idle.push_back(r);
      added.push_back(r - e);
    }
    // Of that difference, what the page's wire form costs: the server encodes it (structs to JSON
    // text), the client decodes it (text to structs).
    search::SearchOptions options;
    options.limit = kPageHits;
    auto page = remoteSession->Search(Context(approvals[0]), LetterQuery(0), options, true);
    if (!page) Die("search failed: " + page.Err().ToString());
    constexpr int kRounds = 100;
    std::string text;
    auto start = Steady::now();
    for (int i = 0; i < kRounds; ++i) text = remote::Encode(*page).dump();
    encodeMs = std::chrono::duration<double, std::milli>(Steady::now() - start).count() / kRounds;
    start = Steady::now();
    for (int i = 0; i < kRounds; ++i) {
      auto decoded = remote::Decode<workstation::Session::SearchOutcome>(nlohmann::json::parse(text));
      if (!decoded || !(*decoded == *page)) Die("the page does not survive its wire form");
    }
    decodeMs = std::chrono::duration<double, std::milli>(Steady::now() - start).count() / kRounds;
    pageBytes = text.size();
    (void)local->Logout();
  }

  // Loaded: cameras post while every client searches in a loop.
  const fs::path report = work / "report.json";
  std::thread cameras([&] {
    Shell(ShellQuote(cli) + " simulate-cameras --server " + endpoint.url + " --token-file " +
          ShellQuote((work / "token").string()) + " --cacert " + ShellQuote(cert.string()) +
          " --agent bench --cameras 200 --rate " + std::to_string(rate) + " --connections 50 --duration " +
          std::to_string(seconds) + " --image-every 10 --heartbeat 60 --format json >" + ShellQuote(report.string()));
  });
  std::mutex mutex;
  std::vector<double> loaded;
  std::vector<std::thread> workers;
  const auto until = Steady::now() + std::chrono::seconds(seconds);
  for (int c = 0; c < clients; ++c) {
    workers.emplace_back([&, c] {
      auto conn = remote::Connect(endpoint);
      if (!conn) Die("connect failed: " + conn.Err().ToString());
      auto s = SignIn(**conn);
      int i = c;
      while (Steady::now() < until) {
        const double ms = TimedSearch(*s, i++, approvals);
        std::lock_guard lock(mutex);
        loaded.push_back(ms);
      }
    });
  }
  for (auto& w : workers) w.join();
  cameras.join();
  ::kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  double ingest = 0;
  if (auto text = ReadFile(report); text) {
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object()) ingest = j.value("reads_per_s", 0.0);
  }
  std::printf(
      "remote-bench: engine p50 %.1f ms (embedded, %ld reads); remote idle p50 %.1f ms; the network adds p50 %.1f ms, "
      "p95 %.1f ms\n",
      Percentile(engine, 0.5), reads, Percentile(idle, 0.5), Percentile(added, 0.5), Percentile(added, 0.95));
  std::printf("remote-bench: a page is %zu bytes of JSON; encoding it takes %.2f ms, decoding %.2f ms\n", pageBytes,
              encodeMs, decodeMs);
  std::printf(
      "remote-bench: p50 %.1f ms, p95 %.1f ms (idle p95 %.1f ms), ingest %.0f reads/s (%d clients, %zu searches)\n",
      Percentile(loaded, 0.5), Percentile(loaded, 0.95), Percentile(idle, 0.95), ingest, clients, loaded.size());
  return 0;
}
