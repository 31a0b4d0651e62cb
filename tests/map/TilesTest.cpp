// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/map/Tiles.h"
#include "platedesk/testsupport/TileServer.h"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <stop_token>
#include <thread>

namespace platedesk::map {
namespace {

using testsupport::TileServer;

// A temporary folder for MBTiles files, removed afterwards.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("platedesk-map-" + std::to_string(std::random_device{}()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

void Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, (message != nullptr ? message : "sqlite3_exec"));
}

// An MBTiles file with the given metadata and one tile per (z, x, TMS row, bytes).
std::filesystem::path MakeMBTiles(const std::filesystem::path& path,
                                  const std::vector<std::pair<std::string, std::string>>& metadata,
                                  const std::vector<std::tuple<int, int, int, std::string>>& tiles) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.string().c_str(), &db) == SQLITE_OK);
  Exec(db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  Exec(db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
  for (const auto& [name, value] : metadata) Exec(db, "INSERT INTO metadata VALUES ('" + name + "', '" + value + "')");
  for (const auto& [z, x, row, bytes] : tiles) {
    sqlite3_stmt* stmt = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, nullptr) == SQLITE_OK);
    sqlite3_bind_int(stmt, 1, z);
    sqlite3_bind_int(stmt, 2, x);
    sqlite3_bind_int(stmt, 3, row);
    sqlite3_bind_blob(stmt, 4, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    BOOST_REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return path;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(Source)

BOOST_AUTO_TEST_CASE(ReadsTheThreeKindsOfSetting) {
  auto none = ParseTileSource(" \n ");  // a pasted empty line
  BOOST_REQUIRE(none.Ok());
  BOOST_TEST((none->kind == TileSource::Kind::None));

  auto xyz = ParseTileSource("https://tiles.example.gov/base/{z}/{x}/{y}.png?key=abc");
  BOOST_REQUIRE(xyz.Ok());
  BOOST_TEST((xyz->kind == TileSource::Kind::Url));
  BOOST_TEST(TileUrl(xyz->location, {12, 656, 1430}) == "https://tiles.example.gov/base/12/656/1430.png?key=abc");

  auto wmts = ParseTileSource("http://gis.city/wmts/base/GoogleMapsCompatible/{TileMatrix}/{TileRow}/{TileCol}.jpg");
  BOOST_REQUIRE(wmts.Ok());
  BOOST_TEST(TileUrl(wmts->location, {3, 5, 2}) == "http://gis.city/wmts/base/GoogleMapsCompatible/3/2/5.jpg");

  auto file = ParseTileSource("mbtiles:/srv/maps/city.mbtiles");
  BOOST_REQUIRE(file.Ok());
  BOOST_TEST((file->kind == TileSource::Kind::MBTiles));
  BOOST_TEST(file->location == "/srv/maps/city.mbtiles");
}

BOOST_AUTO_TEST_CASE(RefusesWhatCannotBeATileSource) {
  for (const char* bad :
       {"tiles.example.gov/{z}/{x}/{y}.png", "ftp://tiles.example.gov/{z}/{x}/{y}.png", "file:///srv/{z}/{x}/{y}.png",
        "https://tiles.example.gov/{z}/{x}.png", "https://user:secret@tiles.example.gov/{z}/{x}/{y}.png",
        "https:///{z}/{x}/{y}.png", "mbtiles:maps/city.mbtiles",
        "mbtiles:", "https://tiles.example.gov/{z}/{x}/{y}\n.png", "https://{s}.tile.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.gov/{z}/{x}/{-y}.png"}) {
    auto parsed = ParseTileSource(bad);
    BOOST_TEST_CONTEXT(bad) {
      BOOST_REQUIRE(!parsed.Ok());
      BOOST_TEST((parsed.Err().code == ErrorCode::InvalidArgument));
      BOOST_TEST(!parsed.Err().message.empty());
    }
  }
  auto none = OpenTiles(TileSource{});
  BOOST_TEST((!none.Ok() && none.Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Projection)

BOOST_AUTO_TEST_CASE(WebMercatorMatchesTheTileScheme) {
  const World origin = Project({0, 0});
  BOOST_TEST(origin.x == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(origin.y == 0.5, boost::test_tools::tolerance(1e-12));
  // Seattle city hall is in tile 12/656/1430 of every XYZ map.
  const World seattle = Project({47.6062, -122.3321});
  BOOST_TEST(static_cast<int>(seattle.x * 4096) == 656);
  BOOST_TEST(static_cast<int>(seattle.y * 4096) == 1430);
  const LatLon back = Unproject(seattle);
  BOOST_TEST(back.lat == 47.6062, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(back.lon == -122.3321, boost::test_tools::tolerance(1e-9));
  // Beyond the square's edge the latitude is clamped, never NaN.
  BOOST_TEST(Project({90, 0}).y == 0.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(Project({-90, 0}).y == 1.0, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(DistancesAreGreatCircle) {
  BOOST_TEST(DistanceKm({47.6062, -122.3321}, {45.5152, -122.6784}) == 233.0, boost::test_tools::tolerance(0.01));
  BOOST_TEST(DistanceKm({10, 20}, {10, 20}) == 0.0);
}

BOOST_AUTO_TEST_CASE(TheTilesOfAViewCentreFirstWrappedAndInsideThePoles) {
  // 300 x 300 pixels around the middle of tile 2/1/1: that tile first, then its neighbours.
  auto keys = TilesCovering({1.5 / 4, 1.5 / 4}, 2, 300, 300);
  BOOST_REQUIRE(!keys.empty());
  BOOST_TEST((keys.front() == TileKey{2, 1, 1}));
  BOOST_TEST(keys.size() == 9U);
  // Exactly four tiles: a tile that would start at the view's edge is not fetched.
  BOOST_TEST(TilesCovering({0.5, 0.5}, 2, 512, 512).size() == 4U);
  // Around the antimeridian the columns wrap; above the pole there is nothing.
  auto wrapped = TilesCovering({0.0, 0.25}, 1, 512, 256);
  std::set<int> columns;
  for (const auto& k : wrapped) {
    columns.insert(k.x);
    BOOST_TEST(k.y == 0);
  }
  BOOST_TEST((columns == std::set<int>{0, 1}));
  for (const auto& k : TilesCovering({0.5, 0.0}, 3, 256, 256)) BOOST_TEST(k.y >= 0);
  BOOST_TEST(TilesCovering({0.5, 0.5}, 0, 2000, 2000).size() == 1U);  // the world is one tile
  BOOST_TEST(TilesCovering({0.5, 0.5}, kMaxZoom + 1, 256, 256).empty());
  BOOST_TEST(TilesCovering({std::numeric_limits<double>::quiet_NaN(), 0.5}, 3, 256, 256).empty());
  BOOST_TEST(TilesCovering({0.5, std::numeric_limits<double>::infinity()}, 3, 256, 256).empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(Http)

BOOST_AUTO_TEST_CASE(FetchesATileByItsNumbersFromALoopbackServer) {
  TileServer server([](const std::string& path) { return TileServer::Answer{200, "image/png", "tile " + path}; });
  auto source = ParseTileSource(server.Url("/base/{z}/{x}/{y}.png"));
  BOOST_REQUIRE(source.Ok());
  auto tiles = OpenTiles(*source);
  BOOST_REQUIRE(tiles.Ok());
  auto tile = (*tiles)->Fetch({3, 2, 5}, {});
  BOOST_REQUIRE_MESSAGE(tile.Ok(), (tile.Ok() ? "" : tile.Err().message + " " + tile.Err().context));
  BOOST_TEST(*tile == "tile /base/3/2/5.png");
  auto again = (*tiles)->Fetch({3, 2, 6}, {});  // the same handle again
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(server.Requests().size() == 2U);
  // Numbers outside the zoom's square never reach the server.
  auto outside = (*tiles)->Fetch({3, 8, 0}, {});
  BOOST_TEST((!outside.Ok() && outside.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(server.Requests().size() == 2U);
}

BOOST_AUTO_TEST_CASE(EachFailureHasItsOwnCode) {
  TileServer server([](const std::string& path) {
    if (path.find("/missing/") != std::string::npos) return TileServer::Answer{404, "text/plain", "no"};
    if (path.find("/broken/") != std::string::npos) return TileServer::Answer{500, "text/plain", "oops"};
    if (path.find("/moved/") != std::string::npos) return TileServer::Answer{302, "text/plain", ""};
    if (path.find("/empty/") != std::string::npos) return TileServer::Answer{200, "image/png", ""};
    return TileServer::Answer{200, "image/png", std::string(5000, 'x')};
  });
  FetchLimits small;
  small.maxTileBytes = 1000;
  auto fetch = [&](const std::string& prefix) {
    auto tiles = OpenTiles(*ParseTileSource(server.Url(prefix + "{z}/{x}/{y}.png")), small);
    BOOST_REQUIRE(tiles.Ok());
    return (*tiles)->Fetch({1, 1, 1}, {});
  };
  auto missing = fetch("/missing/");
  BOOST_TEST((!missing.Ok() && missing.Err().code == ErrorCode::NotFound));
  auto broken = fetch("/broken/");
  BOOST_TEST((!broken.Ok() && broken.Err().code == ErrorCode::Io));
  BOOST_TEST((broken.Ok() ? std::string() : broken.Err().message).find("HTTP 500") != std::string::npos);
  auto moved = fetch("/moved/");  // redirects are not followed
  BOOST_TEST((!moved.Ok() && moved.Err().code == ErrorCode::Io));
  auto empty = fetch("/empty/");
  BOOST_TEST((!empty.Ok() && empty.Err().code == ErrorCode::Corrupt));
  auto huge = fetch("/huge/");
  BOOST_TEST((!huge.Ok() && huge.Err().code == ErrorCode::Corrupt));
}

BOOST_AUTO_TEST_CASE(AnUnreachableServerASlowOneAndAStopAreNotHangs) {
  // Port 1 on loopback: nothing listens there (binding it needs privileges).
  auto unreachable = OpenTiles(*ParseTileSource("http://127.0.0.1:1/{z}/{x}/{y}.png"));
  BOOST_REQUIRE(unreachable.Ok());
  auto refused = (*unreachable)->Fetch({0, 0, 0}, {});
  BOOST_TEST((!refused.Ok() && refused.Err().code == ErrorCode::Io));

  TileServer slow([](const std::string&) {
    return TileServer::Answer{200, "image/png", "late", std::chrono::milliseconds(3000)};
  });
  FetchLimits quick;
  quick.timeoutMs = 300;
  auto tiles = OpenTiles(*ParseTileSource(slow.Url("/{z}/{x}/{y}.png")), quick);
  BOOST_REQUIRE(tiles.Ok());
  auto started = std::chrono::steady_clock::now();
  auto late = (*tiles)->Fetch({0, 0, 0}, {});
  BOOST_TEST((!late.Ok() && late.Err().code == ErrorCode::Io));
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::milliseconds(2500)));

  auto patient = OpenTiles(*ParseTileSource(slow.Url("/{z}/{x}/{y}.png")));
  BOOST_REQUIRE(patient.Ok());
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.request_stop();
  });
  started = std::chrono::steady_clock::now();
  auto stopped = (*patient)->Fetch({0, 0, 0}, stop.get_token());
  BOOST_TEST((!stopped.Ok() && stopped.Err().code == ErrorCode::Cancelled));
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::milliseconds(2500)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(MBTiles)

BOOST_AUTO_TEST_CASE(ReadsTilesWithTheirRowsFlippedAndTheCredit) {
  TempDir dir;
  const auto path = MakeMBTiles(dir.path / "city.mbtiles",
                                {{"format", "png"},
                                 {"maxzoom", "5"},
                                 {"attribution", "<a href=\"https://example.org\">&copy; Example Mapping</a>"}},
                                {{1, 0, 1, "north-west"}, {1, 0, 0, "south-west"}});
  auto source = ParseTileSource("mbtiles:" + path.string());
  BOOST_REQUIRE(source.Ok());
  auto tiles = OpenTiles(*source);
  BOOST_REQUIRE_MESSAGE(tiles.Ok(), (tiles.Ok() ? "" : tiles.Err().message));
  BOOST_TEST((*tiles)->Attribution() == "\u00a9 Example Mapping");
  BOOST_TEST((*tiles)->MaxZoom() == 5);
  auto top = (*tiles)->Fetch({1, 0, 0}, {});  // XYZ row 0 is TMS row 1
  BOOST_REQUIRE(top.Ok());
  BOOST_TEST(*top == "north-west");
  auto bottom = (*tiles)->Fetch({1, 0, 1}, {});
  BOOST_REQUIRE(bottom.Ok());
  BOOST_TEST(*bottom == "south-west");
  auto missing = (*tiles)->Fetch({1, 1, 1}, {});
  BOOST_TEST((!missing.Ok() && missing.Err().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(RefusesFilesItCannotDraw) {
  TempDir dir;
  auto open = [](const std::filesystem::path& p) { return OpenTiles({TileSource::Kind::MBTiles, p.string()}); };
  auto absent = open(dir.path / "absent.mbtiles");
  BOOST_TEST((!absent.Ok() && absent.Err().code == ErrorCode::NotFound));

  auto vector = open(MakeMBTiles(dir.path / "vector.mbtiles", {{"format", "pbf"}}, {}));
  BOOST_TEST((!vector.Ok() && vector.Err().code == ErrorCode::Unsupported));

  const auto text = dir.path / "notes.mbtiles";
  std::ofstream(text) << "this is not a database, only words that look nothing like SQLite's header\n";
  auto garbage = open(text);
  BOOST_TEST((!garbage.Ok() && garbage.Err().code == ErrorCode::Corrupt));

  sqlite3* db = nullptr;
  const auto other = dir.path / "other.mbtiles";
  BOOST_REQUIRE(sqlite3_open(other.string().c_str(), &db) == SQLITE_OK);
  Exec(db, "CREATE TABLE reads (id INTEGER)");
  sqlite3_close(db);
  auto noTiles = open(other);
  BOOST_TEST((!noTiles.Ok() && noTiles.Err().code == ErrorCode::Corrupt));
}

BOOST_AUTO_TEST_CASE(AQueryThatNeverEndsIsStopped) {
  // A `tiles` view over a recursive query that never yields a row: the lookup is stopped by its
  // step budget (Corrupt), or by the stop token (Cancelled), instead of running for ever.
  TempDir dir;
  const auto path = dir.path / "endless.mbtiles";
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.string().c_str(), &db) == SQLITE_OK);
  Exec(db,
       "CREATE VIEW tiles AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
       "SELECT 1 AS zoom_level, n * 0 AS tile_column, n * 0 + 1 AS tile_row, x'00' AS tile_data FROM r WHERE n < 0");
  sqlite3_close(db);
  auto tiles = OpenTiles({TileSource::Kind::MBTiles, path.string()});
  BOOST_REQUIRE_MESSAGE(tiles.Ok(), (tiles.Ok() ? "" : tiles.Err().message));
  auto started = std::chrono::steady_clock::now();
  auto endless = (*tiles)->Fetch({1, 0, 0}, {});
  BOOST_TEST_REQUIRE(!endless.Ok());
  BOOST_TEST((endless.Err().code == ErrorCode::Corrupt), endless.Err().ToString());
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(20)));
  std::stop_source stop;
  stop.request_stop();
  auto stopped = (*tiles)->Fetch({1, 0, 0}, stop.get_token());
  BOOST_TEST((!stopped.Ok() && stopped.Err().code == ErrorCode::Cancelled));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::map
