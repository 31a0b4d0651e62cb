// SPDX-License-Identifier: GPL-3.0-or-later
// Search benchmark: generates (or reuses) a --no-images demo storage, builds the search index,
// times the query suite (median of --runs) and the same queries on SQLite over the same reads.
// Usage: search_bench --storage DIR [--reads N] [--runs N]
#include "platedesk/common/Time.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/Storage.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace platedesk;

namespace {

double Ms(const std::function<void()>& fn, int runs) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::int64_t SqlCount(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "sql error: %s\n", sqlite3_errmsg(db));
    return -1;
  }
  std::int64_t n = 0;
  while (sqlite3_step(st) == SQLITE_ROW) ++n;
  sqlite3_finalize(st);
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::string folder;
  std::int64_t reads = 10000000;
  int runs = 7;
  bool skipQueries = false;
  for (int i = 1; i < argc; ++i) {
    const bool hasValue = i + 1 < argc;
    if (!std::strcmp(argv[i], "--open-only")) skipQueries = true;
    if (!std::strcmp(argv[i], "--storage") && hasValue) folder = argv[++i];
    else if (!std::strcmp(argv[i], "--reads") && hasValue) reads = std::stoll(argv[++i]);
    else if (!std::strcmp(argv[i], "--runs") && hasValue) runs = std::stoi(argv[++i]);
  }
  if (folder.empty()) {
    std::fprintf(stderr, "usage: search_bench --storage DIR [--reads N] [--runs N]\n");
    return 2;
  }
  SystemClock clock;
  if (!store::Storage::Exists(folder)) {
    auto created = store::Storage::Create(folder, clock);
    if (!created) return std::fprintf(stderr, "%s\n", created.Err().ToString().c_str()), 1;
    demo::DemoOptions opt;
    opt.reads = reads;
    opt.images = false;
    auto made = demo::GenerateDemo(**created, opt);
    if (!made) return std::fprintf(stderr, "%s\n", made.Err().ToString().c_str()), 1;
  }
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) return std::fprintf(stderr, "%s\n", storage.Err().ToString().c_str()), 1;

  // The first Open builds from the database (and saves the index file) unless a current file is
  // there; the timed Opens load the file: "index ready after open".
  auto t0 = std::chrono::steady_clock::now();
  auto firstOpen = search::SearchIndex::Open(**storage);
  double firstMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!firstOpen) return std::fprintf(stderr, "%s\n", firstOpen.Err().ToString().c_str()), 1;
  std::printf("first open: %.0f ms (%s)\n", firstMs,
              (*firstOpen)->Stats().loadedFromFile ? "loaded from the index file" : "built from the database, file saved");
  firstOpen->reset();
  std::unique_ptr<search::SearchIndex> opened;
  double openMs = Ms(
      [&] {
        opened.reset();
        auto o = search::SearchIndex::Open(**storage);
        if (!o || !(*o)->Stats().loadedFromFile) {
          std::fprintf(stderr, "index file not used\n");
          std::exit(1);
        }
        opened = std::move(*o);
      },
      std::max(3, runs / 2));
  auto& index = *opened;
  auto stats = index.Stats();
  std::printf("index: %llu reads, %llu plate occurrences, %llu distinct plates, ready after open %.0f ms (from the file), "
              "%.1f MB, %.1f bytes/read\n",
              static_cast<unsigned long long>(stats.reads), static_cast<unsigned long long>(stats.plateOccurrences),
              static_cast<unsigned long long>(stats.distinctPlates), openMs, stats.bytes / 1e6,
              static_cast<double>(stats.bytes) / static_cast<double>(std::max<std::uint64_t>(1, stats.reads)));
  const auto candidateBytes = index.CandidateBytes();
  std::printf("index memory: %.1f bytes/read plus %.1f MB for the alternative reads (%.1f bytes per candidate occurrence)\n",
              static_cast<double>(stats.bytes - candidateBytes) / static_cast<double>(std::max<std::uint64_t>(1, stats.reads)),
              candidateBytes / 1e6,
              static_cast<double>(candidateBytes) /
                  static_cast<double>(std::max<std::uint64_t>(1, stats.plateOccurrences - stats.reads)));
  if (skipQueries) return 0;

  // Pick a real plate and time from the data: the newest read with a 7-character plate.
  search::Query all;
  search::SearchOptions first;
  first.limit = 2000;
  auto sample = index.Search(all, first);
  std::string plate = "ABC1234";
  UtcMs newest = 0;
  std::vector<store::CameraId> cams;
  for (const auto& h : sample->hits) {
    newest = std::max(newest, h.capturedAt);
    if (h.plate.size() == 7) plate = h.plate;
    if (cams.size() < 3 && std::find(cams.begin(), cams.end(), h.camera) == cams.end()) cams.push_back(h.camera);
  }
  std::printf("sample plate %s\n", plate.c_str());

  struct Case {
    std::string name;
    search::Query q;
    std::string sql;  // best SQLite variant we have for it (same semantics where noted)
    std::string variant;
  };
  auto plateQ = [&](std::string p, int edits, bool ocr) {
    search::Query q;
    q.plate = std::move(p);
    q.maxEdits = edits;
    q.ocrTolerant = ocr;
    return q;
  };
  auto globBoth = [](const std::string& g) {
    return "SELECT id FROM reads WHERE plate GLOB '" + g + "' UNION SELECT read_id FROM read_candidates WHERE plate GLOB '" + g + "'";
  };
  std::string wildcard = plate;
  wildcard[1] = '?';
  wildcard[4] = '?';
  std::string set = plate.substr(0, 2) + "[" + plate.substr(2, 1) + "X]" + plate.substr(3);
  std::string infix = "*" + plate.substr(2, 3) + "*";
  std::vector<Case> cases = {
      {"exact", plateQ(plate, 0, false), globBoth(plate), "B-tree ="},
      {"prefix", plateQ(plate.substr(0, 3) + "*", 0, false), globBoth(plate.substr(0, 3) + "*"), "B-tree GLOB prefix"},
      {"infix", plateQ(infix, 0, false), globBoth(infix), "GLOB scan"},
      {"wildcard", plateQ(wildcard, 0, false), globBoth(wildcard), "GLOB scan"},
      {"set", plateQ(set, 0, false), globBoth(set), "GLOB scan"},
  };
  {
    search::Query q = plateQ(plate, 0, true);
    cases.push_back({"ocr-tolerant", q, "", "(not measured)"});
    search::Query v;
    v.from = newest - kMsPerDay;
    v.to = newest + 1;
    v.color = search::AttributeFilter{"white", std::nullopt};
    cases.push_back({"vehicle-only 24h", v,
                     "SELECT id FROM reads WHERE captured_ms >= " + std::to_string(newest - kMsPerDay) + " AND captured_ms < " +
                         std::to_string(newest + 1) + " AND lower(color) = 'white'",
                     "B-tree time range"});
    cases.push_back({"1 edit", plateQ(plate, 1, true), "", "(not measured)"});
    cases.push_back({"2 edits", plateQ(plate, 2, true), "", "(not measured)"});
  }

  sqlite3* db = nullptr;
  sqlite3_open_v2(((*storage)->Folder() / "platedesk.db").string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::printf("%-18s %12s %10s %14s %22s %8s\n", "query", "PlateDesk ms", "matches", "SQLite ms", "variant", "ratio");
  double logSum = 0;
  int measured = 0;
  double worst = 1e300;
  std::string worstName;
  for (const auto& c : cases) {
    std::size_t matches = 0;
    search::SearchOptions opt;
    opt.limit = 100;
    double ms = Ms([&] { matches = index.Search(c.q, opt)->totalMatches; }, runs);
    double sqlMs = -1;
    if (!c.sql.empty()) sqlMs = Ms([&] { SqlCount(db, c.sql); }, std::max(1, runs / 2));
    double ratio = sqlMs > 0 ? sqlMs / ms : 0;
    if (sqlMs > 0) {
      logSum += std::log(ratio);
      ++measured;
      if (ratio < worst) {
        worst = ratio;
        worstName = c.name;
      }
    }
    std::printf("%-18s %12.3f %10zu %14.3f %22s %8.2f\n", c.name.c_str(), ms, matches, sqlMs, c.variant.c_str(), ratio);
  }
  // 3-scene multi-scene: three one-hour windows at three cameras.
  search::MultiSceneQuery mq;
  for (int s = 0; s < 3 && s < static_cast<int>(cams.size()); ++s) {
    mq.scenes.push_back({{cams[static_cast<std::size_t>(s)]}, std::nullopt, newest - (s + 1) * 8 * kMsPerHour,
                         newest - (s + 1) * 8 * kMsPerHour + kMsPerHour});
  }
  mq.minScenes = 2;
  if (mq.scenes.size() >= 2) {
    std::size_t vehicles = 0;
    double ms = Ms([&] { vehicles = index.MultiScene(mq)->size(); }, runs);
    std::printf("%-18s %12.3f %10zu %14s %22s %8s\n", "3-scene", ms, vehicles, "-", "(not measured)", "-");
  }
  sqlite3_close(db);
  std::printf("search-bench: geomean speedup vs best SQLite %.2f; worst ratio %.2f (%s); reads %llu\n",
              measured ? std::exp(logSum / measured) : 0.0, measured ? worst : 0.0, worstName.c_str(),
              static_cast<unsigned long long>(stats.reads));
  return 0;
}
