// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchTestSupport.h"

#include "platedesk/search/SearchIndex.h"
#include "platedesk/testsupport/TimeZone.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <ctime>
#include <functional>
#include <limits>
#include <set>
#include <stop_token>

namespace platedesk::search::test {
namespace {

struct Fixture : StorageFixture {
  store::CameraId camA = Camera("a", 47.6000, -122.3300);
  store::CameraId camB = Camera("b", 47.7000, -122.3300);
  int uuid = 0;

  store::ReadId Add(const std::string& plate, const std::function<void(store::NewRead&)>& edit = {}) {
    auto r = MakeRead(camA, "r" + std::to_string(++uuid), plate);
    if (edit) edit(r);
    return Insert(r);
  }

  std::unique_ptr<SearchIndex> Index() {
    auto built = SearchIndex::Build(*storage);
    if (!built) throw std::runtime_error(built.Err().ToString());
    return std::move(*built);
  }
};

std::set<store::ReadId> Ids(const SearchResult& r) {
  std::set<store::ReadId> ids;
  for (const auto& h : r.hits) ids.insert(h.read);
  return ids;
}

Query Plate(const std::string& p, int edits = 0) {
  Query q;
  q.plate = p;
  q.maxEdits = edits;
  return q;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SearchIndexTest, Fixture)

BOOST_AUTO_TEST_CASE(ExactAndPrefixAndInfixFindTheRightReads) {
  auto abc = Add("ABC1234");
  auto abd = Add("ABD1234");
  auto xyz = Add("XY7X4K");
  auto index = Index();
  BOOST_TEST(Ids(*index->Search(Plate("abc-1234"))) == std::set<store::ReadId>{abc});
  BOOST_TEST(Ids(*index->Search(Plate("AB*"))) == (std::set<store::ReadId>{abc, abd}));
  BOOST_TEST(Ids(*index->Search(Plate("*7X4*"))) == std::set<store::ReadId>{xyz});
  BOOST_TEST(Ids(*index->Search(Plate("A?[CD]1?34"))) == (std::set<store::ReadId>{abc, abd}));
}

BOOST_AUTO_TEST_CASE(MaxMatchesWithholdsEveryHitOfABroaderResult) {
  Add("ABC1234");
  Add("ABD1234");
  Add("ABE1234");
  auto index = Index();
  SearchOptions options;
  options.maxMatches = 2;
  int batches = 0;
  options.onBatch = [&](std::span<const Hit>) {
    ++batches;
    return true;
  };
  auto broad = index->Search(Plate("AB*"), options);
  BOOST_REQUIRE(broad);
  BOOST_TEST(broad->totalMatches == 3U);
  BOOST_TEST(broad->hits.empty());
  BOOST_TEST(broad->truncated);
  BOOST_TEST(batches == 0);
  auto narrow = index->Search(Plate("AB[CD]*"), options);  // exactly at the limit: delivered
  BOOST_REQUIRE(narrow);
  BOOST_TEST(narrow->hits.size() == 2U);
  BOOST_TEST(batches == 1);
}

BOOST_AUTO_TEST_CASE(InfixFindsPlatesFarApartInTheDictionary) {
  // More than 65,535 distinct plates between two that share a trigram: the postings' long-gap
  // escape must decode (and survive the index file).
  std::set<store::ReadId> far;
  {
    auto tx = storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    far.insert(Add("AAZQW1"));
    for (int i = 0; i < 14000; ++i) {
      Add("M" + std::to_string(100000 + i * 5), [i](store::NewRead& r) {
        for (int k = 1; k < 5; ++k) {
          std::string c = "M" + std::to_string(100000 + i * 5 + k);
          r.candidates.push_back({c, c, 10});
        }
      });
    }
    far.insert(Add("ZZZQW1"));
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  auto check = [&](const SearchIndex& index) {
    BOOST_TEST(index.Stats().distinctPlates > 70000U);
    BOOST_TEST(Ids(*index.Search(Plate("*ZQW*"))) == far);
    BOOST_TEST(Ids(*index.Search(Plate("*QW1"))) == far);
    BOOST_TEST(Ids(*index.Search(Plate("*169994*"))).size() == 1U);
  };
  check(*Index());
  auto saved = SearchIndex::Open(*storage);
  BOOST_REQUIRE(saved.Ok());
  auto loaded = SearchIndex::Open(*storage);
  BOOST_REQUIRE(loaded.Ok());
  BOOST_TEST((*loaded)->Stats().loadedFromFile);
  check(**loaded);
}

BOOST_AUTO_TEST_CASE(StarMatchesAnEmptyRun) {
  auto id = Add("AB12");
  auto index = Index();
  BOOST_TEST(Ids(*index->Search(Plate("AB*12"))) == std::set<store::ReadId>{id});
  BOOST_TEST(Ids(*index->Search(Plate("*AB12*"))) == std::set<store::ReadId>{id});
}

BOOST_AUTO_TEST_CASE(OcrToleranceIsNotTransitiveAndCanBeTurnedOff) {
  auto two = Add("AB2");
  auto seven = Add("AB7");
  auto zed = Add("ABZ");
  auto index = Index();
  BOOST_TEST(Ids(*index->Search(Plate("ABZ"))) == (std::set<store::ReadId>{two, seven, zed}));
  BOOST_TEST(Ids(*index->Search(Plate("AB2"))) == (std::set<store::ReadId>{two, zed}));
  Query off = Plate("ABZ");
  off.ocrTolerant = false;
  BOOST_TEST(Ids(*index->Search(off)) == std::set<store::ReadId>{zed});
  auto hits = index->Search(Plate("AB2"))->hits;
  BOOST_REQUIRE_EQUAL(hits.size(), 2U);
  BOOST_TEST(hits[0].read == two);
  BOOST_TEST(static_cast<int>(hits[0].match.kind) == static_cast<int>(MatchKind::Exact));
  BOOST_TEST(static_cast<int>(hits[1].match.kind) == static_cast<int>(MatchKind::OcrEquivalent));
  BOOST_TEST(hits[1].match.ocrPositions == std::vector<int>{2});
}

BOOST_AUTO_TEST_CASE(SetsApplyOcrToleranceToEachListedCharacter) {
  auto b = Add("A8");
  auto index = Index();
  BOOST_TEST(Ids(*index->Search(Plate("A[BX]"))) == std::set<store::ReadId>{b});
}

BOOST_AUTO_TEST_CASE(EditsCoverInsertionsAndDeletionsAtBothEnds) {
  auto shortId = Add("BC123");    // first char cut off
  auto longId = Add("ABC1234X");  // extra char at the end
  auto subId = Add("ABC1Z35");    // Z~2 is OCR, 5 vs 4 is one substitution
  auto index = Index();
  BOOST_TEST(Ids(*index->Search(Plate("ABC123", 0))).empty());
  BOOST_TEST(Ids(*index->Search(Plate("ABC123", 1))) == (std::set<store::ReadId>{shortId, subId}));  // Z~2, drop 5
  BOOST_TEST(Ids(*index->Search(Plate("ABC1234", 1))) == (std::set<store::ReadId>{longId, subId}));
  auto hits = index->Search(Plate("ABC1234", 2))->hits;
  BOOST_REQUIRE_EQUAL(hits.size(), 3U);  // BC123 needs two insertions
  BOOST_TEST(hits[0].match.edits == 1);
  BOOST_TEST(hits[2].read == shortId);
  BOOST_TEST(hits[2].match.edits == 2);
  BOOST_TEST(!index->Search(Plate("ABC", 3)).Ok());
}

BOOST_AUTO_TEST_CASE(AlternativeReadsMatchAndSayWhichCandidate) {
  auto id = Add("L0S7353", [](store::NewRead& r) {
    r.candidates = {{"LOS7353", "LOS7353", 50}, {"L8S7353", "L8S7353", 40}};
  });
  auto index = Index();
  Query q = Plate("L8S*");
  auto hits = index->Search(q)->hits;
  BOOST_REQUIRE_EQUAL(hits.size(), 1U);
  BOOST_TEST(hits[0].read == id);
  BOOST_TEST(hits[0].match.candidateRank == 2);
  BOOST_TEST(hits[0].match.matchedPlate == "L8S7353");
  BOOST_TEST(hits[0].plate == "L0S7353");
  q.alternatives = false;
  q.ocrTolerant = false;
  BOOST_TEST(index->Search(q)->hits.empty());
}

BOOST_AUTO_TEST_CASE(RankingPutsExactFirstThenFewerEditsOcrBestPlateConfidenceNewer) {
  auto edited = Add("ABC124", [](store::NewRead& r) { r.confidence = 99; });
  auto ocr = Add("A8C123", [](store::NewRead& r) { r.confidence = 99; });
  auto viaCandidate = Add("XXXXXX", [](store::NewRead& r) {
    r.candidates = {{"ABC123", "ABC123", 10}};
    r.confidence = 99;
  });
  auto exactLow = Add("ABC123", [](store::NewRead& r) { r.confidence = 50; });
  auto exactHighOld = Add("ABC123", [](store::NewRead& r) {
    r.confidence = 80;
    r.capturedAt -= 1000;
  });
  auto exactHighNew = Add("ABC123", [](store::NewRead& r) { r.confidence = 80; });
  auto index = Index();
  auto result = index->Search(Plate("ABC123", 1));
  std::vector<store::ReadId> order;
  for (const auto& h : result->hits) order.push_back(h.read);
  BOOST_TEST(order == (std::vector<store::ReadId>{exactHighNew, exactHighOld, exactLow, viaCandidate, ocr, edited}));
  BOOST_TEST(result->hits[2].lowConfidence);
  BOOST_TEST(!result->hits[0].lowConfidence);
  SearchOptions strict;
  strict.lowConfidenceBelow = 90;
  BOOST_TEST(index->Search(Plate("ABC123", 1), strict)->hits[0].lowConfidence);
}

BOOST_AUTO_TEST_CASE(StateTimeCameraAndConfidenceFilters) {
  auto wa = Add("P1");
  auto unknown = Add("P2", [](store::NewRead& r) { r.state = ""; });
  auto orOld = Add("P3", [&](store::NewRead& r) {
    r.state = "OR";
    r.capturedAt = kStart - kMsPerDay;
    r.camera = camB;
    r.confidence = 40;
  });
  auto index = Index();
  Query q;
  q.states = {"wa"};
  BOOST_TEST(Ids(*index->Search(q)) == std::set<store::ReadId>{wa});
  q.includeUnknownState = true;
  BOOST_TEST(Ids(*index->Search(q)) == (std::set<store::ReadId>{wa, unknown}));
  Query t;
  t.from = kStart - kMsPerDay;
  t.to = kStart - kMsPerDay + 1;
  BOOST_TEST(Ids(*index->Search(t)) == std::set<store::ReadId>{orOld});
  t.from = *t.to;
  t.to = std::nullopt;
  BOOST_TEST(Ids(*index->Search(t)) == (std::set<store::ReadId>{wa, unknown}));
  Query c;
  c.cameras = {camB};
  BOOST_TEST(Ids(*index->Search(c)) == std::set<store::ReadId>{orOld});
  Query conf;
  conf.minConfidence = 90;
  BOOST_TEST(Ids(*index->Search(conf)) == (std::set<store::ReadId>{wa, unknown}));
}

BOOST_AUTO_TEST_CASE(AttributeFiltersUseTheTopRankedValueCaseInsensitivelyWithConfidence) {
  auto white = Add("V1", [](store::NewRead& r) {
    r.vehicle.color = {{"White", 90}, {"silver", 5}};
    r.vehicle.body = {{"suv", 80}};
  });
  Add("V2", [](store::NewRead& r) { r.vehicle.color = {{"silver", 60}, {"white", 30}}; });
  auto faint = Add("V3", [](store::NewRead& r) { r.vehicle.color = {{"white", 40}}; });
  auto index = Index();
  Query q;
  q.color = AttributeFilter{{"WHITE"}, std::nullopt};
  BOOST_TEST(Ids(*index->Search(q)) == (std::set<store::ReadId>{white, faint}));
  q.color->minConfidence = 50;
  BOOST_TEST(Ids(*index->Search(q)) == std::set<store::ReadId>{white});
  q.body = AttributeFilter{{"sedan"}, std::nullopt};
  BOOST_TEST(index->Search(q)->hits.empty());
  // Several values: any of them (grey or silver); one the index has never seen changes nothing.
  Query either;
  either.color = AttributeFilter{{"silver", "White", "mauve"}, std::nullopt};
  BOOST_TEST(index->Search(either)->hits.size() == 3u);
  either.color->values = {"mauve"};
  BOOST_TEST(index->Search(either)->hits.empty());
  either.color->values = {};
  BOOST_TEST((index->Search(either).Err().code == ErrorCode::InvalidArgument));
  either.color->values = {"white,silver"};
  BOOST_TEST((index->Search(either).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(HoursOfDayAreLocalTimeAndMayCrossMidnight) {
  const testsupport::ScopedTimeZone india("IST-5:30");  // UTC+05:30 all year
  const UtcMs day = UtcFromCivil(2026, 11, 20);
  auto late = Add("H1", [&](store::NewRead& r) { r.capturedAt = day + 17 * kMsPerHour; });  // 22:30 local
  auto small =
      Add("H2", [&](store::NewRead& r) { r.capturedAt = day + 21 * kMsPerHour + 30 * kMsPerMinute; });         // 03:00
  auto noon = Add("H3", [&](store::NewRead& r) { r.capturedAt = day + 6 * kMsPerHour + 30 * kMsPerMinute; });  // 12:00
  auto index = Index();
  Query q;
  q.hours = HoursOfDay{22 * 60, 4 * 60};
  BOOST_TEST(Ids(*index->Search(q)) == (std::set<store::ReadId>{late, small}));
  q.hours = HoursOfDay{11 * 60, 12 * 60};  // [11:00, 12:00): noon is outside
  BOOST_TEST(index->Search(q)->hits.empty());
  q.hours = HoursOfDay{12 * 60, 1440};
  BOOST_TEST(Ids(*index->Search(q)) == (std::set<store::ReadId>{noon, late}));
  q.hours = HoursOfDay{600, 600};
  BOOST_TEST((index->Search(q).Err().code == ErrorCode::InvalidArgument));
  q.hours = HoursOfDay{-1, 600};
  BOOST_TEST((index->Search(q).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(DirectionRangeWrapsAtNorth) {
  auto north = Add("D1", [](store::NewRead& r) { r.directionDeg = 355; });
  auto east = Add("D2", [](store::NewRead& r) { r.directionDeg = 90; });
  Add("D3");  // no direction
  auto index = Index();
  Query q;
  q.direction = DirectionRange{350, 10};
  BOOST_TEST(Ids(*index->Search(q)) == std::set<store::ReadId>{north});
  q.direction = DirectionRange{80, 100};
  BOOST_TEST(Ids(*index->Search(q)) == std::set<store::ReadId>{east});
}

BOOST_AUTO_TEST_CASE(DistanceUsesWhereTheCameraStoodAtReadTimeOrTheReadsGps) {
  // Camera a moves 11 km north at kStart - 1 day.
  store::CameraLocation moved{47.7000, -122.3300, "moved", kStart - kMsPerDay, std::nullopt};
  BOOST_REQUIRE(storage->MoveCamera(camA, moved).Ok());
  auto before = Add("G1", [](store::NewRead& r) { r.capturedAt = kStart - 2 * kMsPerDay; });
  auto after = Add("G2");
  auto gps = Add("G3", [](store::NewRead& r) {
    r.latitude = 47.6001;
    r.longitude = -122.3301;
  });
  auto index = Index();
  Query q;
  q.near = GeoCircle{{47.6000, -122.3300}, 1.0};
  BOOST_TEST(Ids(*index->Search(q)) == (std::set<store::ReadId>{before, gps}));
  q.near = GeoCircle{{47.7000, -122.3300}, 1.0};
  BOOST_TEST(Ids(*index->Search(q)) == std::set<store::ReadId>{after});  // camera b has no reads
}

BOOST_AUTO_TEST_CASE(MultiSceneReturnsVehiclesSeenInAtLeastMScenes) {
  auto at = [](store::CameraId cam, UtcMs when) {
    return [cam, when](store::NewRead& r) {
      r.camera = cam;
      r.capturedAt = when;
    };
  };
  const UtcMs t1 = kStart - 10 * kMsPerHour;
  const UtcMs t2 = kStart - 5 * kMsPerHour;
  Add("BOTH1", at(camA, t1));
  Add("BOTH1", at(camB, t2));
  Add("ONLY1", at(camA, t1));
  Add("LATE1", at(camA, t2));  // right camera, wrong time for scene 1
  auto index = Index();
  MultiSceneQuery q;
  q.scenes = {Scene{{camA}, std::nullopt, t1 - kMsPerHour, t1 + kMsPerHour},
              Scene{{}, GeoCircle{{47.7, -122.33}, 0.5}, t2 - kMsPerHour, t2 + kMsPerHour}};
  q.minScenes = 2;
  auto vehicles = index->MultiScene(q);
  BOOST_REQUIRE(vehicles.Ok());
  BOOST_REQUIRE_EQUAL(vehicles->size(), 1U);
  BOOST_TEST((*vehicles)[0].plate == "BOTH1");
  BOOST_TEST((*vehicles)[0].scenes == (std::vector<int>{0, 1}));
  BOOST_TEST((*vehicles)[0].sightings.size() == 2U);
  q.minScenes = 1;
  BOOST_TEST(index->MultiScene(q)->size() == 2U);
  q.scenes.resize(1);
  BOOST_TEST(!index->MultiScene(q).Ok());
}

BOOST_AUTO_TEST_CASE(MultiSceneWithAPlatePatternKeepsOnlyMatchingSightingsAndExplainsThem) {
  const UtcMs t1 = kStart - 10 * kMsPerHour;
  const UtcMs t2 = kStart - 5 * kMsPerHour;
  auto at = [](store::CameraId cam, UtcMs when) {
    return [cam, when](store::NewRead& r) {
      r.camera = cam;
      r.capturedAt = when;
    };
  };
  Add("BOTH1", at(camA, t1));
  Add("BOTH1", at(camB, t2));
  Add("XYZ9", at(camA, t1));
  Add("XYZ9", at(camB, t2));
  auto index = Index();
  MultiSceneQuery q;
  q.scenes = {Scene{{camA}, std::nullopt, t1 - kMsPerHour, t1 + kMsPerHour},
              Scene{{camB}, std::nullopt, t2 - kMsPerHour, t2 + kMsPerHour}};
  BOOST_TEST(index->MultiScene(q)->size() == 2U);  // no pattern: both vehicles
  q.plate = "80TH1";                               // 8~B and 0~O
  auto found = index->MultiScene(q);
  BOOST_REQUIRE(found.Ok());
  BOOST_REQUIRE_EQUAL(found->size(), 1U);
  BOOST_TEST((*found)[0].plate == "BOTH1");
  BOOST_REQUIRE_EQUAL((*found)[0].sightings.size(), 2U);
  const MatchInfo& mi = (*found)[0].sightings[0].second.match;
  BOOST_TEST((mi.kind == MatchKind::OcrEquivalent));
  BOOST_TEST(mi.ocrPositions == (std::vector<int>{0, 1}));
  q.ocrTolerant = false;
  BOOST_TEST(index->MultiScene(q)->empty());
  q.maxEdits = 2;  // two substitutions
  BOOST_TEST(index->MultiScene(q)->size() == 1U);
  q.maxEdits = 3;
  BOOST_TEST(!index->MultiScene(q).Ok());
  q.maxEdits = 0;
  q.plate = "[A-";
  BOOST_TEST(!index->MultiScene(q).Ok());
}

BOOST_AUTO_TEST_CASE(CancelledSearchReturnsCancelled) {
  {
    auto tx = storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < 3000; ++i) Add("C" + std::to_string(i));
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  auto index = Index();
  std::stop_source source;
  source.request_stop();
  auto r = index->Search(Plate("*1*", 0), {}, source.get_token());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Cancelled));
  Query none;
  BOOST_TEST((index->Search(none, {}, source.get_token()).Err().code == ErrorCode::Cancelled));
}

BOOST_AUTO_TEST_CASE(StreamsSortedBatchesAndHonoursTheLimit) {
  {
    auto tx = storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    for (int i = 0; i < 250; ++i)
      Add("S" + std::to_string(1000 + i), [i](store::NewRead& r) { r.confidence = i % 100; });
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  auto index = Index();
  SearchOptions options;
  options.batchSize = 100;
  options.limit = 220;
  std::vector<std::size_t> sizes;
  double last = 101;
  bool ordered = true;
  options.onBatch = [&](std::span<const Hit> batch) {
    sizes.push_back(batch.size());
    for (const auto& h : batch) {
      ordered = ordered && h.confidence <= last;
      last = h.confidence;
    }
    return true;
  };
  auto r = index->Search(Plate("S*"), options);
  BOOST_REQUIRE(r.Ok());
  BOOST_TEST(r->totalMatches == 250U);
  BOOST_TEST(r->hits.size() == 220U);
  BOOST_TEST(r->truncated);
  BOOST_TEST(sizes == (std::vector<std::size_t>{100, 100, 20}));
  BOOST_TEST(ordered);
}

BOOST_AUTO_TEST_CASE(AppendAddsNewReadsIncludingNewPlates) {
  auto first = Add("OLD1", [](store::NewRead& r) { r.candidates = {{"NEW1", "NEW1", 20}}; });
  auto index = Index();
  BOOST_TEST(index->Stats().reads == 1U);
  BOOST_TEST(Ids(*index->Search(Plate("NEW1"))) == std::set<store::ReadId>{first});
  auto second = Add("NEW1");
  auto third = Add("AAA9");
  BOOST_REQUIRE(index->Append(*storage).Ok());
  BOOST_TEST(index->Stats().reads == 3U);
  BOOST_TEST(index->Stats().maxReadId == third);
  BOOST_TEST(Ids(*index->Search(Plate("NEW1"))) == (std::set<store::ReadId>{first, second}));
  BOOST_TEST(Ids(*index->Search(Plate("AAA9"))) == std::set<store::ReadId>{third});
  BOOST_TEST(Ids(*index->Search(Plate("OLD1"))) == std::set<store::ReadId>{first});
}

BOOST_AUTO_TEST_CASE(RejectsABadPatternWithItsPosition) {
  auto index = Index();
  auto r = index->Search(Plate("AB[C"));
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(r.Err().context == "position 3");
}

BOOST_AUTO_TEST_CASE(NumbersThatAreNotFiniteOrOutOfRangeAreRefused) {
  // NaN compares false with everything: unchecked, a NaN place silently finds nothing, an infinite
  // radius quietly searches everywhere, and a NaN confidence is converted to int (undefined).
  Add("ABC123", [](store::NewRead& r) { r.vehicle.color = {{"grey", 80}}; });
  auto index = Index();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::pair<std::string, Query>> bad;
  auto add = [&](std::string name, const std::function<void(Query&)>& edit) {
    Query q;
    edit(q);
    bad.emplace_back(std::move(name), q);
  };
  add("min confidence NaN", [&](Query& q) { q.minConfidence = nan; });
  add("attribute confidence NaN", [&](Query& q) { q.color = AttributeFilter{{"grey"}, nan}; });
  add("attribute confidence above 100", [&](Query& q) { q.color = AttributeFilter{{"grey"}, 150.0}; });
  add("latitude NaN", [&](Query& q) { q.near = GeoCircle{{nan, -122.33}, 1.0}; });
  add("longitude infinite", [&](Query& q) { q.near = GeoCircle{{47.6, inf}, 1.0}; });
  add("latitude beyond the pole", [&](Query& q) { q.near = GeoCircle{{91.0, -122.33}, 1.0}; });
  add("radius infinite", [&](Query& q) { q.near = GeoCircle{{47.6, -122.33}, inf}; });
  add("direction NaN", [&](Query& q) { q.direction = DirectionRange{nan, 10}; });
  for (const auto& [name, q] : bad) {
    auto r = index->Search(q);
    BOOST_TEST(!r.Ok(), name);
    if (!r.Ok()) BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument), name);
  }
  MultiSceneQuery scenes;
  scenes.scenes = {Scene{{}, GeoCircle{{nan, -122.33}, 1.0}, kStart - kMsPerDay, kStart + kMsPerDay},
                   Scene{{camA}, std::nullopt, kStart - kMsPerDay, kStart + kMsPerDay}};
  scenes.minScenes = 2;
  auto m = index->MultiScene(scenes);
  BOOST_TEST(!m.Ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::search::test
