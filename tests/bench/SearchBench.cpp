// SPDX-License-Identifier: GPL-3.0-or-later
// Search benchmark: generates (or reuses) a --no-images demo storage, opens the search index
// (built and saved on the first run, loaded from the index file after that), times the query
// suite (median of --runs) and the same queries with the same semantics on SQLite over the same
// reads, in the best forms SQLite offers: B-tree lookups (=, ranges, GLOB with its prefix
// optimisation, IN lists expanded from wildcards, sets, OCR classes and edit neighbourhoods), an
// FTS5 trigram index, and a user-function scan. Every SQLite variant's result set is checked
// against PlateDesk's before it is timed; a variant that differs is reported and not counted.
//
// SQLite's tables live in a separate file (--sqlite, default DIR-sqlite.db), built once:
//   plates(id, plate UNIQUE)                 the distinct plates (best and alternative reads)
//   occ(plate_id, read_id, rank)             one row per plate occurrence (WITHOUT ROWID)
//   plates_fts                               FTS5 trigram index over plates.plate
// Vehicle-only and multi-scene queries run on the storage's own reads table and indexes.
//
// Usage: search_bench --storage DIR [--reads N] [--runs N] [--sqlite FILE] [--open-only] [--only TEXT]
#include "platedesk/common/Time.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/search/OcrConfusions.h"
#include "platedesk/search/PlatePattern.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/Storage.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace platedesk;

namespace {

using Ids = std::vector<std::int64_t>;
using BenchClock = std::chrono::steady_clock;

double ElapsedMs(BenchClock::time_point since) {
  return std::chrono::duration<double, std::milli>(BenchClock::now() - since).count();
}

// Median of runs after one warm-up run; a slow variant (over 2 s) is run 3 times at most.
double Ms(const std::function<void()>& fn, int runs) {
  std::vector<double> t;
  auto w = BenchClock::now();
  fn();  // warm-up (caches, page faults), counted only when slow enough not to need one
  if (ElapsedMs(w) > 100) t.push_back(ElapsedMs(w));
  for (int i = static_cast<int>(t.size()); i < runs; ++i) {
    auto a = BenchClock::now();
    fn();
    t.push_back(ElapsedMs(a));
    if (t.front() > 2000 && t.size() >= 3) break;
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "search-bench: %s\n", what.c_str());
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err != nullptr ? err : "?";
    sqlite3_free(err);
    Die("sqlite: " + message + " in: " + sql.substr(0, 200));
  }
}

// Runs a query and returns column 0 of every row (integers).
Ids SqlIds(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK)
    Die(std::string("sqlite prepare: ") + sqlite3_errmsg(db) + " in: " + sql.substr(0, 200));
  Ids out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(st, 0));
  if (rc != SQLITE_DONE) Die(std::string("sqlite step: ") + sqlite3_errmsg(db));
  sqlite3_finalize(st);
  return out;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

std::string InList(const std::set<std::string>& values) {
  std::string out = "(";
  for (const auto& v : values) out.append(out.size() > 1 ? "," : "").append(Quote(v));
  return out + ")";
}

const std::string kChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// The characters a pattern token accepts.
std::string Accepted(search::CharMask mask) {
  std::string out;
  for (char c : kChars) {
    if ((mask >> search::CharCode(c)) & 1U) out += c;
  }
  return out;
}

// Every plate a star-free pattern accepts (empty if more than cap).
std::set<std::string> Expand(const std::vector<std::string>& positions, std::size_t cap) {
  std::set<std::string> out{""};
  for (const auto& chars : positions) {
    std::set<std::string> next;
    for (const auto& prefix : out) {
      for (char c : chars) next.insert(prefix + c);
    }
    if (next.size() > cap) return {};
    out.swap(next);
  }
  return out;
}

// The plates within one edit of any of these.
std::set<std::string> OneEdit(const std::set<std::string>& from) {
  std::set<std::string> out;
  for (const auto& s : from) {
    out.insert(s);
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i < s.size()) out.insert(s.substr(0, i) + s.substr(i + 1));  // delete
      for (char c : kChars) {
        if (i < s.size()) out.insert(s.substr(0, i) + c + s.substr(i + 1));  // substitute
        if (s.size() < 12) out.insert(s.substr(0, i) + c + s.substr(i));     // insert
      }
    }
  }
  out.erase("");
  return out;
}

// The user function pd_match(plate): true if plate is within maxEdits of a string the pattern
// accepts (OCR-expanded literals). An independent, plain DP over the public pattern tokens.
struct Matcher {
  std::vector<search::PatternToken> tokens;  // chars already OCR-expanded
  int maxEdits = 0;

  bool Match(const char* plate, int n) const {
    const int m = static_cast<int>(tokens.size());
    std::vector<int> prev(static_cast<std::size_t>(m + 1)), cur(static_cast<std::size_t>(m + 1));
    prev[0] = 0;
    for (int j = 1; j <= m; ++j) prev[j] = prev[j - 1] + (tokens[static_cast<std::size_t>(j - 1)].star ? 0 : 1);
    for (int i = 1; i <= n; ++i) {
      const int code = search::CharCode(plate[i - 1]);
      cur[0] = i;
      int best = cur[0];
      for (int j = 1; j <= m; ++j) {
        const auto& t = tokens[static_cast<std::size_t>(j - 1)];
        if (t.star) {
          cur[j] = std::min(cur[j - 1], prev[j]);
        } else {
          const int sub = prev[j - 1] + (((t.chars >> code) & 1U) ? 0 : 1);
          cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
        }
        best = std::min(best, cur[j]);
      }
      if (best > maxEdits) return false;
      std::swap(prev, cur);
    }
    return prev[m] <= maxEdits;
  }
};

void PdMatch(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* m = static_cast<const Matcher*>(sqlite3_user_data(ctx));
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  sqlite3_result_int(ctx, text != nullptr && m->Match(text, sqlite3_value_bytes(argv[0])) ? 1 : 0);
}

Matcher MakeMatcher(const std::string& pattern, bool ocr, int edits) {
  auto parsed = search::PlatePattern::Parse(pattern);
  if (!parsed) Die("bad pattern " + pattern);
  Matcher m;
  m.maxEdits = edits;
  for (auto t : parsed->Tokens()) {
    if (!t.star && ocr) t.chars = search::OcrConfusions::Default().ExpandMask(t.chars);
    m.tokens.push_back(t);
  }
  return m;
}

// Per-position accepted characters of a star-free pattern (empty if it has a star).
std::vector<std::string> Positions(const std::string& pattern, bool ocr) {
  auto parsed = search::PlatePattern::Parse(pattern);
  if (!parsed) Die("bad pattern " + pattern);
  std::vector<std::string> out;
  for (auto t : parsed->Tokens()) {
    if (t.star) return {};
    out.push_back(Accepted(ocr ? search::OcrConfusions::Default().ExpandMask(t.chars) : t.chars));
  }
  return out;
}

// A GLOB pattern for a star-free pattern: literal or [class] per position.
std::string GlobOf(const std::vector<std::string>& positions) {
  std::string g;
  for (const auto& chars : positions) g += chars.size() == 1 ? chars : "[" + chars + "]";
  return g;
}

const std::string kOcc = "SELECT DISTINCT o.read_id FROM plates p JOIN occ o ON o.plate_id = p.id WHERE ";

void PrepareSqlite(sqlite3* db, const std::string& storageDb) {
  std::printf("building the SQLite comparison tables (once)...\n");
  auto t0 = BenchClock::now();
  Exec(
      db,
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;");
  Exec(db, "ATTACH DATABASE " + Quote("file:" + storageDb + "?mode=ro") + " AS pd");
  Exec(db,
       "CREATE TABLE plates(id INTEGER PRIMARY KEY, plate TEXT NOT NULL UNIQUE);"
       "INSERT INTO plates(plate) SELECT plate FROM (SELECT plate FROM pd.reads UNION SELECT plate FROM "
       "pd.read_candidates "
       "WHERE rank <= 15) WHERE length(plate) <= 12 ORDER BY plate;"
       "CREATE TABLE occ(plate_id INTEGER NOT NULL, read_id INTEGER NOT NULL, rank INTEGER NOT NULL, "
       "PRIMARY KEY(plate_id, read_id, rank)) WITHOUT ROWID;"
       "INSERT INTO occ SELECT p.id, r.id, 0 FROM pd.reads r JOIN plates p ON p.plate = r.plate ORDER BY 1, 2;"
       "INSERT INTO occ SELECT p.id, c.read_id, c.rank FROM pd.read_candidates c JOIN plates p ON p.plate = c.plate "
       "WHERE c.rank <= 15 ORDER BY 1, 2, 3;"
       "CREATE VIRTUAL TABLE plates_fts USING fts5(plate, content='plates', content_rowid='id', tokenize='trigram');"
       "INSERT INTO plates_fts(plates_fts) VALUES('rebuild');"
       "CREATE TABLE bench_meta(reads INTEGER NOT NULL);"
       "INSERT INTO bench_meta SELECT count(*) FROM pd.reads;");
  Exec(db, "DETACH DATABASE pd");
  std::printf("SQLite tables built in %.0f s\n", ElapsedMs(t0) / 1000);
}

struct Variant {
  std::string name;
  std::function<Ids()> run;
};

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when the output goes to a file
  std::string folder;
  std::string sqliteFile;
  std::int64_t reads = 10000000;
  int runs = 7;
  bool openOnly = false;
  std::string only;  // --only TEXT: the queries whose name contains TEXT
  for (int i = 1; i < argc; ++i) {
    const bool hasValue = i + 1 < argc;
    if (!std::strcmp(argv[i], "--open-only"))
      openOnly = true;
    else if (!std::strcmp(argv[i], "--storage") && hasValue)
      folder = argv[++i];
    else if (!std::strcmp(argv[i], "--sqlite") && hasValue)
      sqliteFile = argv[++i];
    else if (!std::strcmp(argv[i], "--only") && hasValue)
      only = argv[++i];
    else if (!std::strcmp(argv[i], "--reads") && hasValue)
      reads = std::stoll(argv[++i]);
    else if (!std::strcmp(argv[i], "--runs") && hasValue)
      runs = std::stoi(argv[++i]);
  }
  if (folder.empty()) {
    std::fprintf(stderr, "usage: search_bench --storage DIR [--reads N] [--runs N] [--sqlite FILE] [--open-only]\n");
    return 2;
  }
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  if (sqliteFile.empty()) sqliteFile = folder + "-sqlite.db";
  SystemClock clock;
  if (!store::Storage::Exists(folder)) {
    auto created = store::Storage::Create(folder, clock);
    if (!created) Die(created.Err().ToString());
    demo::DemoOptions opt;
    opt.reads = reads;
    opt.images = false;
    auto made = demo::GenerateDemo(**created, opt);
    if (!made) Die(made.Err().ToString());
  }
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) Die(storage.Err().ToString());

  // The first Open builds from the database (and saves the index file) unless a current file is
  // there; the timed Opens load the file: "index ready after open".
  auto t0 = BenchClock::now();
  auto firstOpen = search::SearchIndex::Open(**storage);
  double firstMs = ElapsedMs(t0);
  if (!firstOpen) Die(firstOpen.Err().ToString());
  std::printf(
      "first open: %.0f ms (%s)\n", firstMs,
      (*firstOpen)->Stats().loadedFromFile ? "loaded from the index file" : "built from the database, file saved");
  firstOpen->reset();
  std::unique_ptr<search::SearchIndex> opened;
  double openMs = Ms(
      [&] {
        opened.reset();
        auto o = search::SearchIndex::Open(**storage);
        if (!o || !(*o)->Stats().loadedFromFile) Die("the index file was not used");
        opened = std::move(*o);
      },
      std::max(3, runs / 2));
  auto& index = *opened;
  auto stats = index.Stats();
  std::printf(
      "index: %llu reads, %llu plate occurrences, %llu distinct plates, ready after open %.0f ms (from the file), "
      "%.1f MB, %.1f bytes/read\n",
      static_cast<unsigned long long>(stats.reads), static_cast<unsigned long long>(stats.plateOccurrences),
      static_cast<unsigned long long>(stats.distinctPlates), openMs, stats.bytes / 1e6,
      static_cast<double>(stats.bytes) / static_cast<double>(std::max<std::uint64_t>(1, stats.reads)));
  const auto candidateBytes = index.CandidateBytes();
  std::printf(
      "index memory: %.1f bytes/read plus %.1f MB for the alternative reads (%.1f bytes per candidate occurrence)\n",
      static_cast<double>(stats.bytes - candidateBytes) / static_cast<double>(std::max<std::uint64_t>(1, stats.reads)),
      candidateBytes / 1e6,
      static_cast<double>(candidateBytes) /
          static_cast<double>(std::max<std::uint64_t>(1, stats.plateOccurrences - stats.reads)));
  if (openOnly) return 0;

  // SQLite: the comparison tables, with the storage attached read-only for its reads table.
  const std::string storageDb = ((*storage)->Folder() / "platedesk.db").string();
  sqlite3* db = nullptr;
  if (sqlite3_open(sqliteFile.c_str(), &db) != SQLITE_OK) Die("cannot open " + sqliteFile);
  {
    sqlite3_stmt* st = nullptr;
    bool ready = sqlite3_prepare_v2(db, "SELECT reads FROM bench_meta", -1, &st, nullptr) == SQLITE_OK &&
                 sqlite3_step(st) == SQLITE_ROW &&
                 static_cast<std::uint64_t>(sqlite3_column_int64(st, 0)) == stats.reads;
    sqlite3_finalize(st);
    if (!ready) {
      sqlite3_close(db);
      std::remove(sqliteFile.c_str());
      if (sqlite3_open(sqliteFile.c_str(), &db) != SQLITE_OK) Die("cannot create " + sqliteFile);
      PrepareSqlite(db, storageDb);
    }
  }
  Exec(db, "PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY;");
  Exec(db, "ATTACH DATABASE " + Quote("file:" + storageDb + "?mode=ro") + " AS pd");

  // Real plates and times from the data: the newest reads.
  search::Query all;
  search::SearchOptions firstPage;
  firstPage.limit = 2000;
  auto sample = index.Search(all, firstPage);
  if (!sample) Die(sample.Err().ToString());
  std::string plate = "ABC1234";
  UtcMs newest = 0;
  std::vector<store::CameraId> cams;
  for (const auto& h : sample->hits) {
    newest = std::max(newest, h.capturedAt);
    if (h.plate.size() == 7) plate = h.plate;
    if (cams.size() < 3 && std::find(cams.begin(), cams.end(), h.camera) == cams.end()) cams.push_back(h.camera);
  }
  std::printf("sample plate %s; machine load %s", plate.c_str(), [] {
    static char buf[128] = "?\n";
    if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
      if (std::fgets(buf, sizeof buf, f) == nullptr) std::strcpy(buf, "?\n");
      std::fclose(f);
    }
    return buf;
  }());

  struct Case {
    std::string name;
    search::Query q;
    std::vector<Variant> variants;
  };
  auto plateQ = [&](std::string p, int edits, bool ocr) {
    search::Query q;
    q.plate = std::move(p);
    q.maxEdits = edits;
    q.ocrTolerant = ocr;
    return q;
  };
  std::vector<std::unique_ptr<Matcher>> matchers;  // kept alive for the user functions
  auto udf = [&](const std::string& pattern, bool ocr, int edits) {
    matchers.push_back(std::make_unique<Matcher>(MakeMatcher(pattern, ocr, edits)));
    const std::string fn = "pd_match" + std::to_string(matchers.size());
    sqlite3_create_function(db, fn.c_str(), 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, matchers.back().get(), PdMatch,
                            nullptr, nullptr);
    return Variant{"user-function scan", [db, fn] { return SqlIds(db, kOcc + fn + "(p.plate)"); }};
  };
  auto sql = [db](std::string name, std::string text) {
    return Variant{std::move(name), [db, text] { return SqlIds(db, text); }};
  };
  // IN list expanded at query time (the expansion is part of the query's cost).
  auto inList = [db](std::string name, std::function<std::set<std::string>()> expand) {
    return Variant{std::move(name), [db, expand] {
                     auto values = expand();
                     if (values.empty()) return Ids{-1};  // too many to expand: not a valid variant
                     return SqlIds(db, kOcc + "p.plate IN " + InList(values));
                   }};
  };

  std::string wildcard = plate;
  wildcard[1] = '?';
  wildcard[4] = '?';
  const std::string set = plate.substr(0, 2) + "[" + plate.substr(2, 1) + "X]" + plate.substr(3);
  const std::string infix = "*" + plate.substr(2, 3) + "*";
  const std::string prefix = plate.substr(0, 3);
  std::string prefixEnd = prefix;
  prefixEnd.back() = static_cast<char>(prefixEnd.back() + 1);
  const auto wildcardPositions = Positions(wildcard, false);
  const auto setPositions = Positions(set, false);
  const auto ocrPositions = Positions(plate, true);
  std::vector<Case> cases;
  cases.push_back({"exact", plateQ(plate, 0, false), {sql("B-tree =", kOcc + "p.plate = " + Quote(plate))}});
  cases.push_back({"prefix " + prefix + "*",
                   plateQ(prefix + "*", 0, false),
                   {sql("B-tree range", kOcc + "p.plate >= " + Quote(prefix) + " AND p.plate < " + Quote(prefixEnd)),
                    sql("B-tree GLOB", kOcc + "p.plate GLOB " + Quote(prefix + "*"))}});
  cases.push_back({"infix " + infix,
                   plateQ(infix, 0, false),
                   {sql("FTS5 trigram",
                        "SELECT DISTINCT o.read_id FROM plates_fts f JOIN occ o ON o.plate_id = f.rowid "
                        "WHERE f.plate GLOB " +
                            Quote(infix)),
                    sql("GLOB scan", kOcc + "p.plate GLOB " + Quote(infix))}});
  cases.push_back({"wildcard " + wildcard,
                   plateQ(wildcard, 0, false),
                   {inList("B-tree IN expansion", [=] { return Expand(wildcardPositions, 100000); }),
                    sql("B-tree GLOB", kOcc + "p.plate GLOB " + Quote(wildcard))}});
  cases.push_back({"set " + set,
                   plateQ(set, 0, false),
                   {inList("B-tree IN expansion", [=] { return Expand(setPositions, 100000); }),
                    sql("B-tree GLOB", kOcc + "p.plate GLOB " + Quote(set))}});
  cases.push_back(
      {"OCR-tolerant " + plate,
       plateQ(plate, 0, true),
       {inList("B-tree IN expansion", [=] { return Expand(ocrPositions, 100000); }),
        sql("B-tree GLOB classes", kOcc + "p.plate GLOB " + Quote(GlobOf(ocrPositions))), udf(plate, true, 0)}});
  {
    search::Query v;
    v.from = newest - kMsPerDay;
    v.to = newest + 1;
    v.color = search::AttributeFilter{{"white"}, std::nullopt};
    cases.push_back({"vehicle-only 24h",
                     v,
                     {sql("B-tree time range",
                          "SELECT id FROM pd.reads WHERE captured_ms >= " + std::to_string(newest - kMsPerDay) +
                              " AND captured_ms < " + std::to_string(newest + 1) + " AND lower(color) = 'white'")}});
  }
  cases.push_back(
      {"1 edit",
       plateQ(plate, 1, true),
       {inList("B-tree IN expansion", [=] { return OneEdit(Expand(ocrPositions, 100000)); }), udf(plate, true, 1)}});
  cases.push_back({"2 edits", plateQ(plate, 2, true), {udf(plate, true, 2)}});

  std::printf("%-24s %12s %10s %12s  %-22s %10s\n", "query", "PlateDesk ms", "matches", "SQLite ms",
              "best SQLite variant", "ratio");
  double logSum = 0;
  int measured = 0;
  double worst = 1e300;
  std::string worstName;
  bool mismatch = false;
  auto record = [&](const std::string& name, double ms, std::size_t matches, double bestMs,
                    const std::string& bestName) {
    double ratio = bestMs > 0 ? bestMs / ms : 0;
    if (bestMs > 0) {
      logSum += std::log(ratio);
      ++measured;
      if (ratio < worst) {
        worst = ratio;
        worstName = name;
      }
    }
    std::printf("%-24s %12.3f %10zu %12.3f  %-22s %10.2f\n", name.c_str(), ms, matches, bestMs, bestName.c_str(),
                ratio);
  };
  for (const auto& c : cases) {
    if (!only.empty() && c.name.find(only) == std::string::npos) continue;
    // PlateDesk's full result set, for checking the SQLite variants (untimed).
    search::SearchOptions everything;
    auto full = index.Search(c.q, everything);
    if (!full) Die(c.name + ": " + full.Err().ToString());
    Ids expected;
    for (const auto& h : full->hits) expected.push_back(h.read);
    std::sort(expected.begin(), expected.end());

    std::size_t matches = 0;
    search::SearchOptions opt;
    opt.limit = 100;
    double ms = Ms([&] { matches = index.Search(c.q, opt)->totalMatches; }, runs);
    double bestMs = -1;
    std::string bestName = "-";
    for (const auto& v : c.variants) {
      Ids got = v.run();
      std::sort(got.begin(), got.end());
      if (got != expected) {
        if (!(got.size() == 1 && got[0] == -1)) {
          std::printf("  %s / %s: result differs (%zu vs %zu rows): not counted\n", c.name.c_str(), v.name.c_str(),
                      got.size(), expected.size());
          mismatch = true;
        }
        continue;
      }
      double vMs = Ms([&] { (void)v.run(); }, std::max(3, runs / 2));
      std::printf("  %-22s %-22s %12.3f\n", c.name.c_str(), v.name.c_str(), vMs);
      if (bestMs < 0 || vMs < bestMs) {
        bestMs = vMs;
        bestName = v.name;
      }
    }
    record(c.name, ms, matches, bestMs, bestName);
  }

  // 3-scene multi-scene: three one-hour windows at three cameras, vehicles in at least 2.
  search::MultiSceneQuery mq;
  for (int s = 0; s < 3 && s < static_cast<int>(cams.size()); ++s) {
    mq.scenes.push_back({{cams[static_cast<std::size_t>(s)]},
                         std::nullopt,
                         newest - (s + 1) * 8 * kMsPerHour,
                         newest - (s + 1) * 8 * kMsPerHour + kMsPerHour});
  }
  mq.minScenes = 2;
  if (mq.scenes.size() == 3 && (only.empty() || std::string("3-scene").find(only) != std::string::npos)) {
    std::set<std::string> expected;
    auto found = index.MultiScene(mq);  // kept: a range-for over the temporary would dangle
    if (!found) Die(found.Err().ToString());
    for (const auto& v : *found) expected.insert(v.plate);
    std::size_t vehicles = 0;
    double ms = Ms([&] { vehicles = index.MultiScene(mq)->size(); }, runs);
    std::string text = "SELECT plate FROM (";
    for (std::size_t s = 0; s < 3; ++s) {
      const auto& sc = mq.scenes[s];
      text += std::string(s ? " UNION ALL " : "") + "SELECT plate, " + std::to_string(s) +
              " AS scene FROM pd.reads WHERE camera_id = " + std::to_string(sc.cameras[0]) +
              " AND captured_ms >= " + std::to_string(sc.from) + " AND captured_ms < " + std::to_string(sc.to);
    }
    text += ") GROUP BY plate HAVING count(DISTINCT scene) >= 2";
    auto plates = [&] {
      std::set<std::string> out;
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, text.c_str(), -1, &st, nullptr) != SQLITE_OK) Die(sqlite3_errmsg(db));
      while (sqlite3_step(st) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
      sqlite3_finalize(st);
      return out;
    };
    double bestMs = -1;
    std::string bestName = "-";
    if (plates() == expected) {
      bestMs = Ms([&] { (void)plates(); }, std::max(3, runs / 2));
      bestName = "B-tree camera+time";
      std::printf("  %-22s %-22s %12.3f\n", "3-scene", bestName.c_str(), bestMs);
    } else {
      std::printf("  3-scene / B-tree camera+time: result differs: not counted\n");
      mismatch = true;
    }
    record("3-scene (2 of 3)", ms, vehicles, bestMs, bestName);
  }
  sqlite3_close(db);
  std::printf("search-bench: geomean speedup vs best SQLite %.2f; worst ratio %.2f (%s); reads %llu\n",
              measured ? std::exp(logSum / measured) : 0.0, measured ? worst : 0.0, worstName.c_str(),
              static_cast<unsigned long long>(stats.reads));
  return mismatch ? 1 : 0;
}
