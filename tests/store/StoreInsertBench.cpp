// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: measures Storage::InsertRead throughput inside one transaction (reads with three
// candidates and ranked vehicle attributes) and ForEachRead throughput. Prints reads/s.
// Usage: store_insert_bench [count] [folder]   (default 200000, a temporary folder)
#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/store/Storage.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

using namespace platedesk;
using namespace platedesk::store;

namespace {

// Process CPU seconds: less disturbed than wall time when other jobs share the machine.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 200000;
  TempFolder temp("platedesk-bench");
  const std::filesystem::path folder = argc > 2 ? std::filesystem::path(argv[2]) : temp.Path() / "s";
  SystemClock clock;
  auto storage = Storage::Create(folder, clock);
  if (!storage) {
    std::fprintf(stderr, "%s\n", storage.Err().ToString().c_str());
    return 1;
  }
  Storage& s = **storage;
  std::vector<CameraId> cams;
  for (int i = 0; i < 50; ++i) {
    cams.push_back(s.EnsureCamera("cam-" + std::to_string(i), "Camera", CameraKind::Fixed,
                                  CameraLocation{38.6, -90.2, "", 1, std::nullopt})
                       .Value());
  }
  // Prepare the input first so only the store is timed.
  const char* kColors[] = {"white", "black", "silver", "red", "blue"};
  std::vector<NewRead> reads(static_cast<std::size_t>(count));
  std::uint64_t rng = 88172645463325252ull;
  auto next = [&rng] {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
  };
  for (long i = 0; i < count; ++i) {
    NewRead& r = reads[static_cast<std::size_t>(i)];
    r.sourceFormat = "openalpr-group";
    r.sourceUuid = "bench-" + std::to_string(next());
    r.capturedAt = 1795503492123 + i * 250;
    r.camera = cams[next() % cams.size()];
    std::string plate;
    for (int k = 0; k < 7; ++k) plate += "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"[next() % 33];
    r.plateReported = plate;
    r.plate = plate;
    r.state = "MO";
    r.confidence = 80 + static_cast<double>(next() % 2000) / 100.0;
    for (int c = 0; c < 3; ++c) {
      std::string alt = plate;
      alt[static_cast<std::size_t>(c)] = '8';
      r.candidates.push_back({alt, alt, 50.0 - c});
    }
    r.vehicle.color = {{kColors[next() % 5], 88.5}, {kColors[next() % 5], 7.5}};
    r.vehicle.make = {{"ford", 91.0}, {"chevrolet", 4.0}};
    r.vehicle.model = {{"ford_f-150", 61.0}};
    r.vehicle.body = {{"pickup truck", 99.0}};
    r.vehicle.year = {{"2015-2019", 44.0}};
    r.directionDeg = static_cast<double>(next() % 360);
    r.payloadSha256 = Sha256Hex(r.sourceUuid);
  }

  const double c0 = CpuSeconds();
  const auto t0 = std::chrono::steady_clock::now();
  {
    auto tx = s.Begin();
    if (!tx) return 1;
    for (const NewRead& r : reads) {
      auto out = s.InsertRead(r);
      if (!out) {
        std::fprintf(stderr, "%s\n", out.Err().ToString().c_str());
        return 1;
      }
    }
    if (!tx->Commit()) return 1;
  }
  const auto t1 = std::chrono::steady_clock::now();
  const double c1 = CpuSeconds();
  long visited = 0;
  auto st = s.ForEachRead([&](const Read&) {
    ++visited;
    return true;
  });
  const auto t2 = std::chrono::steady_clock::now();
  // Idempotent re-insert of the first 10% (no change expected).
  const long again = count / 10;
  {
    auto tx = s.Begin();
    for (long i = 0; i < again; ++i) (void)s.InsertRead(reads[static_cast<std::size_t>(i)]);
    (void)tx->Commit();
  }
  const auto t3 = std::chrono::steady_clock::now();
  // The big transaction left a WAL as large as itself; checkpoint it first so the next number
  // measures commits, not this one-off copy.
  {
    // A checkpoint is the database's, not the connection's: a second connection can run it.
    sqlite3* raw = nullptr;
    const std::string path = (s.Folder() / "platedesk.db").string();
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK)
      sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close_v2(raw);
  }
  const auto t3b = std::chrono::steady_clock::now();
  const double c3 = CpuSeconds();
  // Outside a transaction: every InsertRead is its own BEGIN IMMEDIATE ... COMMIT.
  const long single = std::min<long>(count / 10, 5000);
  for (long i = 0; i < single; ++i) {
    NewRead r = reads[static_cast<std::size_t>(i)];
    r.sourceUuid += "-single";
    if (!s.InsertRead(r)) return 1;
  }
  const auto t4 = std::chrono::steady_clock::now();
  const double c4 = CpuSeconds();
  const double insertS = std::chrono::duration<double>(t1 - t0).count();
  const double scanS = std::chrono::duration<double>(t2 - t1).count();
  const double dupS = std::chrono::duration<double>(t3 - t2).count();
  std::printf(
      "InsertRead (3 candidates, 5 attributes) in one transaction: %ld reads in %.2f s = %.0f reads/s"
      " (CPU %.1f us/read = %.0f reads/s of CPU)\n",
      count, insertS, count / insertS, (c1 - c0) * 1e6 / count, count / (c1 - c0));
  std::printf("ForEachRead: %ld reads in %.2f s = %.0f reads/s (%s)\n", visited, scanS, visited / scanS,
              st ? "ok" : st.Err().ToString().c_str());
  std::printf("InsertRead of already-stored records: %ld in %.2f s = %.0f reads/s\n", again, dupS, again / dupS);
  const double checkpointS = std::chrono::duration<double>(t3b - t3).count();
  const double singleS = std::chrono::duration<double>(t4 - t3b).count();
  std::printf("checkpoint of the import's WAL: %.2f s\n", checkpointS);
  std::printf("InsertRead outside a transaction (one commit each): %ld in %.2f s = %.0f reads/s (CPU %.0f us/read)\n",
              single, singleS, single / singleS, (c4 - c3) * 1e6 / single);
  std::printf("storage size: %.1f MiB (%.0f bytes/read)\n", FolderSize(folder) / 1048576.0,
              static_cast<double>(FolderSize(folder)) / static_cast<double>(count));
  return 0;
}
