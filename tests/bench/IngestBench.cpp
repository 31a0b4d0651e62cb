// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: measures platedesk-server's ingest. Makes an agency storage and a certificate,
// starts platedesk-server (TLS) on 127.0.0.1, runs `platedesk-cli simulate-cameras` with many
// keep-alive connections posting alpr_group records (one in ten with a ~30 KB overview image) as
// fast as they are acknowledged, samples the server's resident memory every second, then checks
// that every acknowledged read is stored exactly once.
// Usage: ingest_bench <work-folder> [seconds=60] [connections=200]
// Prints: ingest-bench: N reads/s acknowledged, p99 X ms, lost 0, rss Y MB
#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Storage.h"
#include "platedesk/testsupport/Process.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace platedesk;
using platedesk::testsupport::ShellQuote;
namespace fs = std::filesystem;

namespace {

int Shell(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

long RssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      long kb = 0;
      in >> kb;
      return kb;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "ingest_bench: %s\n", what.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: ingest_bench <work-folder> [seconds=60] [connections=200]\n");
    return 2;
  }
  const fs::path work = fs::absolute(argv[1]);
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 60;
  const int connections = argc > 3 ? std::atoi(argv[3]) : 200;
  const fs::path bin = fs::canonical("/proc/self/exe").parent_path().parent_path().parent_path() / "bin";
  const std::string cli = (bin / "platedesk-cli").string(), server = (bin / "platedesk-server").string();
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work);
  const fs::path storage = work / "storage", cert = work / "cert.pem", key = work / "key.pem";
  const std::string env = "PLATEDESK_ACCEPT_BANNER=yes XDG_STATE_HOME=" + ShellQuote(work.string()) +
                          " PLATEDESK_PASSWORD='bench admin password' ";
  if (Shell("echo 'bench admin password' | " + env + ShellQuote(cli) + " init --storage " +
            ShellQuote(storage.string()) + " --admin bench.admin --no-mfa >/dev/null") != 0)
    Die("init failed");
  if (Shell(env + ShellQuote(cli) + " server-token add bench --camera 'bench/*' --rate 100000 --storage " +
            ShellQuote(storage.string()) + " --user bench.admin --token-file " + ShellQuote((work / "token").string()) +
            " >/dev/null") != 0)
    Die("server-token add failed");
  if (Shell(ShellQuote(server) + " make-cert --cert " + ShellQuote(cert.string()) + " --key " +
            ShellQuote(key.string()) + " >/dev/null") != 0)
    Die("make-cert failed");

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
                                   "--max-connections",
                                   std::to_string(connections + 50),
                                   "--log-requests=false"};
  const std::string logPath = (work / "server.log").string();
  const pid_t pid = testsupport::SpawnLogged(args, logPath);
  if (pid <= 0) Die("cannot start the server");
  const int port = testsupport::WaitForPortFile(portFile, pid, std::chrono::milliseconds(30000));
  if (port == 0) Die("the server did not start; see " + logPath);

  std::atomic<bool> sampling{true};
  std::vector<long> rss;
  std::thread sampler([&] {
    while (sampling) {
      rss.push_back(RssKb(pid));
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  });
  const fs::path acks = work / "acks.txt", report = work / "report.json";
  const std::string sim = ShellQuote(cli) + " simulate-cameras --server https://127.0.0.1:" + std::to_string(port) +
                          " --token-file " + ShellQuote((work / "token").string()) + " --cacert " +
                          ShellQuote(cert.string()) + " --agent bench --cameras 50 --rate 0 --connections " +
                          std::to_string(connections) + " --duration " + std::to_string(seconds) +
                          " --image-every 10 --heartbeat 60 --ack-file " + ShellQuote(acks.string()) +
                          " --format json >" + ShellQuote(report.string());
  const int simRc = Shell(sim);
  sampling = false;
  sampler.join();
  ::kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  if (simRc != 0) Die("simulate-cameras failed (exit " + std::to_string(simRc) + ")");

  auto reportText = ReadFile(report);
  if (!reportText) Die("no simulator report");
  const auto j = nlohmann::json::parse(*reportText);
  SystemClock clock;
  auto store = store::Storage::Open(storage, clock);
  if (!store) Die("cannot open the storage: " + store.Err().ToString());
  std::map<std::string, int> stored;
  (void)(*store)->ForEachRead([&](const store::Read& r) {
    ++stored[r.sourceUuid];
    return true;
  });
  std::ifstream in(acks);
  std::string id;
  std::uint64_t acked = 0, lost = 0, twice = 0;
  while (std::getline(in, id)) {
    ++acked;
    const int n = stored[id];
    if (n == 0) ++lost;
    if (n > 1) ++twice;
  }
  std::printf("rss every 10 s (MB):");
  for (std::size_t i = 0; i < rss.size(); i += 10) std::printf(" %.0f", static_cast<double>(rss[i]) / 1024);
  std::printf("\n");
  long peak = 0, settled = 0;
  for (long r : rss) peak = std::max(peak, r);
  if (rss.size() > 10) settled = rss[rss.size() / 5];  // after warm-up
  std::printf("connections %d, %d s, %llu posts, %llu acknowledged reads, statuses %s\n", connections, seconds,
              static_cast<unsigned long long>(j.value("posts", 0ull)), static_cast<unsigned long long>(acked),
              j["statuses"].dump().c_str());
  std::printf("rss: at 20%% of the run %.1f MB, peak %.1f MB, at the end %.1f MB; stored twice: %llu\n",
              static_cast<double>(settled) / 1024, static_cast<double>(peak) / 1024,
              rss.empty() ? 0.0 : static_cast<double>(rss.back()) / 1024, static_cast<unsigned long long>(twice));
  std::printf("ingest-bench: %.0f reads/s acknowledged, p99 %.0f ms, lost %llu, rss %.0f MB\n",
              j.value("reads_per_s", 0.0), j.value("p99_ms", 0.0), static_cast<unsigned long long>(lost),
              static_cast<double>(peak) / 1024);
  return lost == 0 && twice == 0 ? 0 : 1;
}
