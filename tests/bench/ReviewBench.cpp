// SPDX-License-Identifier: GPL-3.0-or-later
// The Review page's reads over a year of audit records (issue 14: "opens and filters 1,000,000
// audit records in under 1 s"). Builds a demo storage, appends N records of a year's use (searches
// with their results, reads opened, exports, sign-ins; some refused, some after hours), then times
// what the page asks the session for, as a supervisor: the week's flags, the week's trail and its
// filters (user, case, event kind), a search's detail, and one user over the whole year. Not a
// test: prints a Markdown table for docs/PERFORMANCE.md.
//
//   review_bench DIR [RECORDS]     (DIR must not exist; RECORDS default 1000000)

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Time.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/oversight/Trail.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace platedesk;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr char kSupervisor[] = "supervisor";
constexpr char kPassword[] = "Cedar-Lantern-Ridge-3";

template <class T>
T Must(Result<T> r, const char* what) {
  if (!r.Ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.Err().ToString().c_str());
    std::exit(1);
  }
  return std::move(r).Value();
}

void Must(const Status& s, const char* what) {
  if (!s.Ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.Err().ToString().c_str());
    std::exit(1);
  }
}

// One record of a year's use: 60 users, 400 cases, searches with their results, reads opened,
// exports, sign-ins; a few refused.
audit::AuditEvent MakeEvent(std::uint64_t i) {
  audit::AuditEvent e;
  e.user = "det" + std::to_string(i % 60);
  e.session = "s-" + std::to_string(i / 40);
  const std::string caseNumber = "26-" + std::to_string(100000 + (i / 9) % 400);
  switch (i % 6) {
    case 0:
    case 3: {
      e.event = "search.start";
      e.caseNumber = caseNumber;
      e.purposeCode = "INV-PROPERTY";
      e.purposeText = "Investigation of a property crime";
      e.justification = "Burglary series, case " + caseNumber + ": vehicle seen leaving";
      std::string plate = "7";
      plate += std::to_string(100 + i % 900);
      plate += (i % 97 == 0) ? "*" : "AB";  // now and then a short pattern
      e.query = {{"plate", plate}, {"edits", "0"}, {"limit", "100"}, {"ocr_tolerant", "yes"}};
      break;
    }
    case 1:
    case 4:
      e.event = "search.result";
      e.caseNumber = caseNumber;
      e.purposeCode = "INV-PROPERTY";
      e.resultCount = i % 40;
      e.resultHash = "0f";
      e.detailsJson = "{\"search_seq\":\"" + std::to_string(i) + "\"}";
      break;
    case 2:
      e.event = i % 50 == 2 ? "search.refused" : "read.viewed";
      e.outcome = i % 50 == 2 ? audit::Outcome::Refused : audit::Outcome::Success;
      e.caseNumber = caseNumber;
      e.purposeCode = "INV-PROPERTY";
      if (e.outcome == audit::Outcome::Refused)
        e.reason = "the justification names a prohibited use (Personal use)";
      else
        e.objects = {"read:" + std::to_string(i * 7 % 100000)};
      break;
    default:
      e.event = i % 30 == 5 ? "login.failure" : "login.success";
      e.outcome = i % 30 == 5 ? audit::Outcome::Failure : audit::Outcome::Success;
      if (e.outcome == audit::Outcome::Failure) e.reason = "wrong password";
      break;
  }
  return e;
}

double Ms(SteadyClock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The best of three runs of `f`, in ms, and what the last one returned.
template <class F>
std::pair<double, std::size_t> Time(F&& f) {
  double best = 1e18;
  std::size_t n = 0;
  for (int run = 0; run < 3; ++run) {
    const auto t0 = SteadyClock::now();
    n = f();
    best = std::min(best, Ms(SteadyClock::now() - t0));
  }
  return {best, n};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: review_bench DIR [RECORDS]\n");
    return 2;
  }
  const fs::path dir = argv[1];
  const std::uint64_t records = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  if (fs::exists(dir)) {
    std::fprintf(stderr, "%s exists; give a new folder\n", dir.string().c_str());
    return 2;
  }
  const UtcMs start = UtcFromCivil(2025, 12, 1);
  const UtcMs end = start + 365 * kMsPerDay;
  ManualClock clock(start);
  {
    auto storage = Must(store::Storage::Create(dir, clock), "create");
    demo::DemoOptions options;
    options.reads = 1000;
    options.cameras = 4;
    options.days = 3;
    options.images = false;
    (void)Must(demo::GenerateDemo(*storage, options), "demo");
  }
  {
    auto ws = Must(workstation::Workstation::Open(dir, clock), "open");
    Must(ws->BootstrapUser(kSupervisor, store::Role::Supervisor, kPassword, "Sam Okafor", true), "bootstrap");
  }
  // The year of records, in batches of 10,000, the clock walking through it (office hours and
  // nights alike: some records fall after hours).
  const auto t0 = SteadyClock::now();
  {
    audit::AuditLogOptions options{"", "bench-host", "bench"};
    auto log = Must(audit::AuditLog::Open(dir / audit::kAuditDbFileName, options, clock), "open log");
    const UtcMs step = (end - start - kMsPerDay) / static_cast<UtcMs>(std::max<std::uint64_t>(1, records / 1000));
    std::vector<audit::AuditEvent> batch;
    for (std::uint64_t i = 0; i < records; ++i) {
      batch.push_back(MakeEvent(i));
      if (batch.size() == 1000 || i + 1 == records) {
        (void)Must(log->AppendBatch(batch), "append");
        batch.clear();
        clock.Advance(step);
      }
    }
  }
  const double buildS = Ms(SteadyClock::now() - t0) / 1000;
  clock.Set(end);
  auto ws = Must(workstation::Workstation::Open(dir, clock), "reopen");
  workstation::LoginRequest login;
  login.user = kSupervisor;
  login.password = kPassword;
  login.bannerAccepted = true;
  auto session = Must(ws->Login(login), "login");
  const UtcMs weekFrom = end - 8 * kMsPerDay, weekTo = end;

  std::printf(
      "%llu audit records over a year, built in %.0f s; the Review page's calls as a supervisor "
      "(embedded session; best of 3):\n\n",
      static_cast<unsigned long long>(records), buildS);
  std::printf("| call | records | time |\n|---|---|---|\n");
  auto row = [](const char* what, std::pair<double, std::size_t> r) {
    std::printf("| %s | %zu | %.0f ms |\n", what, r.second, r.first);
  };
  row("week's flags (ReviewFlags: the week parsed, 8 weeks of history counted)",
      Time([&] { return Must(session->ReviewFlags(weekFrom, weekTo), "flags").size(); }));
  audit::RecordFilter week;
  week.from = weekFrom;
  week.to = weekTo;
  week.limit = 10000;
  row("week's trail, first 10,000 (AuditRecords)",
      Time([&] { return Must(session->AuditRecords(week), "trail").size(); }));
  // A user and a case of the week, and one of its searches, as a reviewer would pick them.
  std::string user, caseNumber;
  std::uint64_t searchSeq = 0;
  for (const auto& r : Must(session->AuditRecords(week), "week"))
    if (r.event == "search.start" && searchSeq == 0) {
      user = r.user;
      caseNumber = r.caseNumber;
      searchSeq = r.seq;
    }
  auto byUser = week;
  byUser.user = user;
  row("week, one user", Time([&] { return Must(session->AuditRecords(byUser), "user").size(); }));
  auto byCase = week;
  byCase.caseNumber = caseNumber;
  row("week, one case", Time([&] { return Must(session->AuditRecords(byCase), "case").size(); }));
  auto byEvent = week;
  byEvent.eventType = "search.*";
  row("week, searches only", Time([&] { return Must(session->AuditRecords(byEvent), "event").size(); }));
  row("a search's detail (its case from its record on, TraceSearch)", Time([&] {
        audit::RecordFilter after;
        after.caseNumber = caseNumber;
        after.fromSeq = searchSeq;
        after.limit = 2000;
        auto list = Must(session->AuditRecords(after), "detail");
        auto traced = oversight::TraceSearch(list, searchSeq);
        return traced ? traced->after.size() + 1 : 0;
      }));
  audit::RecordFilter yearUser;
  yearUser.user = user;
  yearUser.limit = 10000;
  row("one user over the whole year, first 10,000",
      Time([&] { return Must(session->AuditRecords(yearUser), "year user").size(); }));
  (void)session->Logout();
  return 0;
}
