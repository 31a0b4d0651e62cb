// SPDX-License-Identifier: GPL-3.0-or-later
// Audit log benchmark: durable append latency (WAL, synchronous=FULL), building and verifying a
// large log, proofs, open and review queries. Not a test: prints a Markdown table.
//
//   audit_bench [--dir DIR] [--appends N] [--events M] [--keep]
//
// DIR must be on the disk you want to measure (fsync on tmpfs costs nothing). --keep reuses a
// big log left in DIR by an earlier run with the same --events.

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Merkle.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::audit;
using SteadyClock = std::chrono::steady_clock;

namespace {

double Ms(SteadyClock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// A realistic mix: a search start + result pair for most actions, some views and logins.
AuditEvent MakeEvent(std::uint64_t i) {
  AuditEvent e;
  const std::string user = "detective" + std::to_string(i % 40);
  e.user = user;
  e.session = "s-" + std::to_string(i / 50);
  const std::string caseNumber = "2026-" + std::to_string(10000 + (i / 7) % 900);
  switch (i % 5) {
    case 0:
    case 2: {
      e.event = "search.start";
      e.caseNumber = caseNumber;
      e.purposeCode = "CRIM-INV";
      e.purposeText = "criminal investigation";
      e.justification = "suspect vehicle seen leaving the scene of a burglary";
      std::string plate = "7";  // a partial plate: "7<digits>*"
      plate += std::to_string(i % 1000);
      plate += '*';
      e.query = {
          {"plate", plate}, {"from", "2026-02-01T00:00:00Z"}, {"to", "2026-02-28T23:59:59Z"}, {"ocr_tolerance", "1"}};
      break;
    }
    case 1:
    case 3:
      e.event = "search.result";
      e.caseNumber = caseNumber;
      e.resultCount = i % 37;
      e.resultHash = "3f7c1a9e4b2d8f6a0c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a";
      break;
    default:
      if (i % 10 == 4) {
        e.event = "read.viewed";
        e.caseNumber = caseNumber;
        e.objects = {"read-" + std::to_string(i * 31), "image-" + std::to_string(i * 31)};
      } else {
        e.event = "login.success";
      }
  }
  return e;
}

struct Args {
  fs::path dir = fs::current_path() / "audit-bench";
  std::uint64_t appends = 2000;
  std::uint64_t events = 1'000'000;
  bool keep = false;
};

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "%s needs a value\n", arg.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--dir")
      a.dir = next();
    else if (arg == "--appends")
      a.appends = std::stoull(next());
    else if (arg == "--events")
      a.events = std::stoull(next());
    else if (arg == "--keep")
      a.keep = true;
    else {
      std::fprintf(stderr, "usage: audit_bench [--dir DIR] [--appends N] [--events M] [--keep]\n");
      std::exit(2);
    }
  }
  return a;
}

template <class T>
T Must(Result<T> r, const char* what) {
  if (!r.Ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.Err().ToString().c_str());
    std::exit(1);
  }
  return std::move(r).Value();
}

void Row(const char* what, const std::string& value) { std::printf("| %s | %s |\n", what, value.c_str()); }

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  fs::create_directories(args.dir);
  const AuditLogOptions options{"bench", "bench-ws", "bench"};
  std::printf("| measurement | value |\n|---|---|\n");

  // 1. Durable append latency with the real clock.
  {
    const fs::path folder = args.dir / "append";
    fs::remove_all(folder);
    fs::create_directories(folder);
    SystemClock clock;
    auto log = Must(AuditLog::Open(folder / kAuditDbFileName, options, clock), "open");
    std::vector<double> latencies;
    latencies.reserve(args.appends);
    for (std::uint64_t i = 0; i < args.appends; ++i) {
      const AuditEvent e = MakeEvent(i);
      const auto t0 = SteadyClock::now();
      Must(log->Append(e), "append");
      latencies.push_back(Ms(SteadyClock::now() - t0));
    }
    std::vector<double> signs;
    for (int i = 0; i < 50; ++i) {
      Must(log->Append(MakeEvent(static_cast<std::uint64_t>(i))), "append");
      const auto t0 = SteadyClock::now();
      Must(log->SignCheckpoint(), "sign");
      signs.push_back(Ms(SteadyClock::now() - t0));
    }
    Row("append (synchronous=FULL), appends measured", std::to_string(args.appends));
    Row("append latency median", Fmt("%.3f ms", Percentile(latencies, 0.5)));
    Row("append latency p90", Fmt("%.3f ms", Percentile(latencies, 0.9)));
    Row("append latency p99", Fmt("%.3f ms", Percentile(latencies, 0.99)));
    Row("append latency max", Fmt("%.3f ms", Percentile(latencies, 1.0)));
    Row("sign checkpoint median", Fmt("%.3f ms", Percentile(signs, 0.5)));
  }

  if (args.events == 0) return 0;

  // 2. A large log, built in batches (one transaction per 10,000 events) with a manual clock.
  const fs::path big = args.dir / "big";
  const fs::path bigDb = big / kAuditDbFileName;
  ManualClock manual(UtcFromCivil(2026, 1, 1));
  std::vector<std::string> external;
  if (!(args.keep && fs::exists(bigDb))) {
    fs::remove_all(big);
    fs::create_directories(big);
    auto log = Must(AuditLog::Open(bigDb, options, manual), "open big");
    const auto t0 = SteadyClock::now();
    const std::uint64_t batch = 10'000;
    for (std::uint64_t done = 0; done < args.events;) {
      std::vector<AuditEvent> events;
      const std::uint64_t n = std::min(batch, args.events - done);
      events.reserve(n);
      for (std::uint64_t i = 0; i < n; ++i) events.push_back(MakeEvent(done + i));
      manual.Advance(37);
      Must(log->AppendBatch(events), "append batch");
      done += n;
      if (done % 100'000 == 0 || done == args.events) Must(log->SignCheckpoint(), "sign");
    }
    Row("build: events (batches of 10,000)", std::to_string(args.events));
    Row("build time", Fmt("%.1f s", Ms(SteadyClock::now() - t0) / 1000));
  }
  {
    const auto t0 = SteadyClock::now();
    auto log = Must(AuditLog::Open(bigDb, options, manual), "reopen big");
    Row("open a log of this size", Fmt("%.2f ms", Ms(SteadyClock::now() - t0)));
    const std::uint64_t n = Must(log->Size(), "size");
    const auto cps = Must(log->Checkpoints(), "checkpoints");
    external.push_back(cps[cps.size() / 2].note);

    std::mt19937_64 rng(42);
    std::vector<double> incl, cons;
    for (int i = 0; i < 1000; ++i) {
      const std::uint64_t seq = rng() % n;
      auto t1 = SteadyClock::now();
      auto proof = Must(log->InclusionProof(seq, n), "inclusion");
      incl.push_back(Ms(SteadyClock::now() - t1));
      (void)proof;
      const std::uint64_t m = 1 + rng() % n;
      t1 = SteadyClock::now();
      (void)Must(log->ConsistencyProof(m, n), "consistency");
      cons.push_back(Ms(SteadyClock::now() - t1));
    }
    Row("inclusion proof median (from audit.db)", Fmt("%.3f ms", Percentile(incl, 0.5)));
    Row("consistency proof median (from audit.db)", Fmt("%.3f ms", Percentile(cons, 0.5)));
    auto t1 = SteadyClock::now();
    (void)Must(log->RootAt(n / 2 + std::min<std::uint64_t>(12345, n / 2)), "root");
    Row("root at an older size", Fmt("%.3f ms", Ms(SteadyClock::now() - t1)));

    RecordFilter filter;
    filter.user = "detective7";
    filter.from = UtcFromCivil(2026, 1, 1) + 37 * 20;
    filter.to = UtcFromCivil(2026, 1, 1) + 37 * 40;
    t1 = SteadyClock::now();
    const auto listed = Must(log->List(filter), "list");
    Row("review query: one user, 20 batches' time window",
        Fmt("%.2f ms", Ms(SteadyClock::now() - t1)) + " (" + std::to_string(listed.size()) + " records)");
    filter = RecordFilter{};
    filter.caseNumber = "2026-10123";
    t1 = SteadyClock::now();
    const auto byCase = Must(log->List(filter), "list case");
    Row("review query: one case number",
        Fmt("%.2f ms", Ms(SteadyClock::now() - t1)) + " (" + std::to_string(byCase.size()) + " records)");
  }
  Row("audit.db size", Fmt("%.1f MiB", static_cast<double>(fs::file_size(bigDb)) / (1024.0 * 1024.0)));

  // 3. Verification of the whole log against one external checkpoint, on one thread.
  {
    const auto t0 = SteadyClock::now();
    const VerifyReport report = Must(VerifyLog(bigDb, external), "verify");
    const double seconds = Ms(SteadyClock::now() - t0) / 1000;
    Row("verify: entries", std::to_string(report.entries));
    Row("verify: result", report.ok ? "PASS" : ("FAIL: " + report.reason));
    Row("verify time (one thread)", Fmt("%.1f s", seconds));
    Row("verify rate", Fmt("%.0f records/s", static_cast<double>(report.entries) / seconds));
    return report.ok ? 0 : 1;
  }
}
