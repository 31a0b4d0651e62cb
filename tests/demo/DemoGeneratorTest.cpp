// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Time.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/plate/Plate.h"
#include "platedesk/store/Storage.h"

#include <boost/test/unit_test.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

using namespace platedesk;
using platedesk::demo::DemoOptions;
using platedesk::demo::DemoSummary;
using platedesk::demo::GenerateDemo;

namespace {

// 2026-07-15 00:00 in Seattle (PDT, UTC-7): every read of a 14-day demo ending here is in
// daylight-saving time, so local time is UTC-7 throughout.
const UtcMs kEnd = UtcFromCivil(2026, 7, 15, 7);
constexpr UtcMs kPdt = -7 * kMsPerHour;
const UtcMs kNow = UtcFromCivil(2026, 11, 24, 6, 58, 12, 123);

int LocalHour(UtcMs t) { return static_cast<int>(((t + kPdt) / kMsPerHour) % 24); }
std::int64_t LocalDay(UtcMs t) { return (t + kPdt) / kMsPerDay; }
bool IsWeekend(std::int64_t day) {
  const int w = static_cast<int>((day + 4) % 7);  // 1970-01-01 was a Thursday; 0 = Sunday
  return w == 0 || w == 6;
}

// A fresh storage in a temporary folder with a fixed clock.
struct TestStorage {
  TempFolder folder{"platedesk-demo-test"};
  ManualClock clock{kNow};
  std::unique_ptr<store::Storage> storage;

  TestStorage() {
    auto created = store::Storage::Create(folder.Path() / "storage", clock);
    BOOST_REQUIRE_MESSAGE(created.Ok(), (created.Ok() ? "" : created.Err().ToString()));
    storage = std::move(*created);
  }
};

std::vector<store::Read> AllReads(store::Storage& storage) {
  std::vector<store::Read> reads;
  const auto status = storage.ForEachRead([&](const store::Read& r) {
    reads.push_back(r);
    return true;
  });
  BOOST_REQUIRE(status.Ok());
  return reads;
}

std::vector<store::Camera> AllCameras(store::Storage& storage) {
  auto cameras = storage.Cameras();
  BOOST_REQUIRE(cameras.Ok());
  return *cameras;
}

DemoSummary Generate(store::Storage& storage, const DemoOptions& options) {
  auto summary = GenerateDemo(storage, options);
  BOOST_REQUIRE_MESSAGE(summary.Ok(), (summary.Ok() ? "" : summary.Err().ToString()));
  return *summary;
}

DemoOptions Options(std::int64_t reads, int cameras, int days, bool images, std::uint64_t seed = 7) {
  DemoOptions o;
  o.reads = reads;
  o.cameras = cameras;
  o.days = days;
  o.images = images;
  o.seed = seed;
  o.end = kEnd;
  return o;
}

// One mid-size demo (no images) shared by the tests that only look at the data.
struct Shared {
  TestStorage s;
  DemoSummary summary;
  std::vector<store::Read> reads;
  std::vector<store::Camera> cameras;
};

const Shared& SharedDemo() {
  static const std::unique_ptr<Shared> shared = [] {
    auto out = std::make_unique<Shared>();
    out->summary = Generate(*out->s.storage, Options(6000, 40, 14, false));
    out->reads = AllReads(*out->s.storage);
    out->cameras = AllCameras(*out->s.storage);
    return out;
  }();
  return *shared;
}

// True if a and b have the same length and differ in exactly one position, by a known confusion.
bool IsOneConfusion(const std::string& a, const std::string& b) {
  static const std::set<std::pair<char, char>> kPairs = [] {
    std::set<std::pair<char, char>> p;
    const std::vector<std::string> groups{"0ODQ", "1I", "2Z", "5S", "8B", "6G", "EF", "Z7"};
    for (const auto& g : groups)
      for (char x : g)
        for (char y : g)
          if (x != y) p.insert({x, y});
    return p;
  }();
  if (a.size() != b.size()) return false;
  int diffs = 0;
  bool known = true;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) {
      ++diffs;
      known = known && kPairs.count({a[i], b[i]}) > 0;
    }
  return diffs == 1 && known;
}

// True if b is a with one character removed (dropped or cut off).
bool IsOneCharLost(const std::string& a, const std::string& b) {
  if (b.size() + 1 != a.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a.substr(0, i) + a.substr(i + 1) == b) return true;
  return false;
}

bool Matches(const std::string& plate, const std::string& pattern) {  // 'L' letter, '#' digit
  if (plate.size() != pattern.size()) return false;
  for (std::size_t i = 0; i < plate.size(); ++i) {
    const bool letter = std::isupper(static_cast<unsigned char>(plate[i])) != 0;
    if ((pattern[i] == 'L') != letter) return false;
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(DemoGeneratorTest)

BOOST_AUTO_TEST_CASE(SameOptionsGiveIdenticalStorageContent) {
  TestStorage a, b;
  const auto options = Options(1200, 12, 5, true, 42);
  const auto sa = Generate(*a.storage, options);
  const auto sb = Generate(*b.storage, options);
  BOOST_TEST(sa.vehicles == sb.vehicles);
  BOOST_TEST(sa.imageBytes == sb.imageBytes);

  const auto ra = AllReads(*a.storage);
  const auto rb = AllReads(*b.storage);
  BOOST_REQUIRE_EQUAL(ra.size(), 1200u);
  BOOST_REQUIRE_EQUAL(rb.size(), ra.size());
  for (std::size_t i = 0; i < ra.size(); ++i) {
    const store::NewRead& x = ra[i];
    const store::NewRead& y = rb[i];
    BOOST_TEST_REQUIRE(ra[i].id == rb[i].id);
    BOOST_TEST_REQUIRE(x.sourceUuid == y.sourceUuid);
    BOOST_TEST_REQUIRE(x.capturedAt == y.capturedAt);
    BOOST_TEST_REQUIRE(x.plate == y.plate);
    BOOST_TEST_REQUIRE(x.plateReported == y.plateReported);
    BOOST_TEST_REQUIRE(x.state == y.state);
    BOOST_TEST_REQUIRE(x.confidence == y.confidence);
    BOOST_TEST_REQUIRE((x.candidates == y.candidates));
    BOOST_TEST_REQUIRE((x.vehicle == y.vehicle));
    BOOST_TEST_REQUIRE((x.directionDeg == y.directionDeg));
    BOOST_TEST_REQUIRE((x.latitude == y.latitude));
    BOOST_TEST_REQUIRE((x.longitude == y.longitude));
    BOOST_TEST_REQUIRE(x.plateImage == y.plateImage);
    BOOST_TEST_REQUIRE(x.vehicleImage == y.vehicleImage);
    BOOST_TEST_REQUIRE(x.payloadSha256 == y.payloadSha256);
  }

  const auto ca = AllCameras(*a.storage);
  const auto cb = AllCameras(*b.storage);
  BOOST_REQUIRE_EQUAL(ca.size(), cb.size());
  for (std::size_t i = 0; i < ca.size(); ++i) {
    BOOST_TEST(ca[i].externalId == cb[i].externalId);
    BOOST_TEST(ca[i].name == cb[i].name);
    BOOST_REQUIRE_EQUAL(ca[i].locations.size(), cb[i].locations.size());
    for (std::size_t l = 0; l < ca[i].locations.size(); ++l) {
      BOOST_TEST(ca[i].locations[l].latitude == cb[i].locations[l].latitude);
      BOOST_TEST(ca[i].locations[l].from == cb[i].locations[l].from);
    }
  }
}

BOOST_AUTO_TEST_CASE(DifferentSeedsGiveDifferentReads) {
  TestStorage a, b;
  Generate(*a.storage, Options(300, 5, 3, false, 1));
  Generate(*b.storage, Options(300, 5, 3, false, 2));
  const auto ra = AllReads(*a.storage);
  const auto rb = AllReads(*b.storage);
  std::set<std::string> pa, pb;
  for (const auto& r : ra) pa.insert(r.plate);
  for (const auto& r : rb) pb.insert(r.plate);
  std::vector<std::string> common;
  std::set_intersection(pa.begin(), pa.end(), pb.begin(), pb.end(), std::back_inserter(common));
  BOOST_TEST(common.size() < pa.size() / 10);
}

BOOST_AUTO_TEST_CASE(CreatesExactlyTheRequestedReadsAndCameras) {
  const auto& d = SharedDemo();
  BOOST_TEST(d.reads.size() == 6000u);
  BOOST_TEST(d.cameras.size() == 40u);
  BOOST_TEST(d.summary.reads == 6000);
  BOOST_TEST(d.summary.cameras == 40);
  BOOST_TEST(d.summary.images == 0);
  BOOST_TEST(d.summary.imageBytes == 0u);
  std::set<std::string> plates;
  for (const auto& r : d.reads) plates.insert(r.state + "/" + r.plate);
  // A fleet of about reads/6 vehicles, not all of them seen in two weeks.
  BOOST_TEST(d.summary.vehicles > 300);
  BOOST_TEST(d.summary.vehicles <= 1000);
  auto status = d.s.storage->GetStatus();
  BOOST_REQUIRE(status.Ok());
  BOOST_TEST(status->reads == 6000);
  BOOST_TEST(status->cameras == 40);
  BOOST_TEST(status->images == 0);
  BOOST_TEST(status->demo);
  auto setting = d.s.storage->GetSetting("demo");
  BOOST_REQUIRE(setting.Ok());
  BOOST_TEST(setting->value_or("") == "1");
}

BOOST_AUTO_TEST_CASE(ReadsLieInThePeriodEndingAtEndInCaptureOrder) {
  const auto& d = SharedDemo();
  const UtcMs start = kEnd - 14 * kMsPerDay;
  std::set<std::int64_t> days;
  for (std::size_t i = 0; i < d.reads.size(); ++i) {
    const auto& r = d.reads[i];
    BOOST_TEST_REQUIRE(r.capturedAt >= start);
    BOOST_TEST_REQUIRE(r.capturedAt < kEnd);
    if (i > 0) BOOST_TEST_REQUIRE(r.capturedAt >= d.reads[i - 1].capturedAt);
    days.insert((r.capturedAt - start) / kMsPerDay);
  }
  BOOST_TEST(days.size() == 14u);  // every day of the period has traffic
}

BOOST_AUTO_TEST_CASE(DefaultEndIsTheStorageClockRoundedDownToTheHour) {
  TestStorage t;
  auto o = Options(200, 3, 2, false);
  o.end.reset();
  Generate(*t.storage, o);
  const UtcMs end = UtcFromCivil(2026, 11, 24, 6);
  for (const auto& r : AllReads(*t.storage)) {
    BOOST_TEST_REQUIRE(r.capturedAt < end);
    BOOST_TEST_REQUIRE(r.capturedAt >= end - 2 * kMsPerDay);
  }
}

BOOST_AUTO_TEST_CASE(ReadFieldsAreWellFormed) {
  const auto& d = SharedDemo();
  std::set<std::string> uuids, payloads;
  std::set<store::CameraId> cameraIds;
  for (const auto& c : d.cameras) cameraIds.insert(c.id);
  for (std::size_t i = 0; i < d.reads.size(); ++i) {
    const auto& r = d.reads[i];
    BOOST_TEST_REQUIRE(r.sourceFormat == "demo");
    BOOST_TEST_REQUIRE(r.sourceUuid == "demo-7-" + std::to_string(i));
    BOOST_TEST_REQUIRE(plate::IsNormalisedPlate(r.plate));
    BOOST_TEST_REQUIRE(plate::NormalisePlate(r.plateReported) == r.plate);
    BOOST_TEST_REQUIRE(IsSha256Hex(r.payloadSha256));
    BOOST_TEST_REQUIRE(cameraIds.count(r.camera) == 1u);
    BOOST_TEST_REQUIRE(r.confidence >= 0.0);
    BOOST_TEST_REQUIRE(r.confidence <= 100.0);
    BOOST_TEST_REQUIRE(r.plateImage.empty());
    uuids.insert(r.sourceUuid);
    payloads.insert(r.payloadSha256);
  }
  BOOST_TEST(uuids.size() == d.reads.size());
  BOOST_TEST(payloads.size() == d.reads.size());
}

BOOST_AUTO_TEST_CASE(StateMixIsMostlyWashingtonWithSomeUnknown) {
  const auto& d = SharedDemo();
  std::map<std::string, int> states;
  for (const auto& r : d.reads) ++states[r.state];
  const double n = static_cast<double>(d.reads.size());
  BOOST_TEST(states["WA"] / n > 0.75);
  BOOST_TEST(states["WA"] / n < 0.93);
  BOOST_TEST(states[""] / n > 0.005);
  BOOST_TEST(states[""] / n < 0.06);
  BOOST_TEST(states["OR"] > 0);
  BOOST_TEST(states.size() >= 6u);  // "" + WA + several out-of-state
  for (const auto& [code, count] : states)
    if (!code.empty()) BOOST_TEST(plate::StateFromRegion(code).value_or("") == code);
}

BOOST_AUTO_TEST_CASE(PlatesFollowTheStateFormats) {
  const auto& d = SharedDemo();
  int wa = 0, waOk = 0, ca = 0, caOk = 0;
  for (const auto& r : d.reads) {
    if (r.state == "WA") {
      ++wa;
      waOk += (Matches(r.plate, "LLL####") || Matches(r.plate, "###LLL")) ? 1 : 0;
    } else if (r.state == "CA") {
      ++ca;
      caOk += Matches(r.plate, "#LLL###") ? 1 : 0;
    }
  }
  BOOST_REQUIRE(wa > 1000);
  BOOST_REQUIRE(ca > 0);
  // Misreads break the pattern now and then, but not often.
  BOOST_TEST(waOk > wa * 0.9);
  BOOST_TEST(caOk > ca * 0.7);
}

BOOST_AUTO_TEST_CASE(VehiclesRecurAcrossCameras) {
  const auto& d = SharedDemo();
  std::map<std::string, std::set<store::CameraId>> camerasByPlate;
  std::map<std::string, int> readsByPlate;
  for (const auto& r : d.reads) {
    camerasByPlate[r.plate].insert(r.camera);
    ++readsByPlate[r.plate];
  }
  int multiCamera = 0;
  for (const auto& [p, cams] : camerasByPlate) multiCamera += cams.size() >= 2 ? 1 : 0;
  int maxReads = 0;
  for (const auto& [p, n] : readsByPlate) maxReads = std::max(maxReads, n);
  BOOST_TEST(multiCamera >= 150);
  // Heavy tail: some vehicles pass very often.
  BOOST_TEST(maxReads >= 25);
}

BOOST_AUTO_TEST_CASE(CommutersPassTheSameCameraAtSimilarTimesOnWeekdays) {
  const auto& d = SharedDemo();
  // (plate, camera) -> local minute of day of weekday morning reads
  std::map<std::pair<std::string, store::CameraId>, std::map<std::int64_t, int>> mornings;
  for (const auto& r : d.reads) {
    const int hour = LocalHour(r.capturedAt);
    if (IsWeekend(LocalDay(r.capturedAt)) || hour < 5 || hour >= 11) continue;
    const int minute = static_cast<int>(((r.capturedAt + kPdt) / kMsPerMinute) % (24 * 60));
    mornings[{r.plate, r.camera}][LocalDay(r.capturedAt)] = minute;
  }
  int commuters = 0;
  for (const auto& [key, byDay] : mornings) {
    if (byDay.size() < 5) continue;
    int lo = 24 * 60, hi = 0;
    for (const auto& [day, minute] : byDay) {
      lo = std::min(lo, minute);
      hi = std::max(hi, minute);
    }
    commuters += (hi - lo) <= 75 ? 1 : 0;
  }
  BOOST_TEST(commuters >= 3);
}

BOOST_AUTO_TEST_CASE(CandidatesShowRealisticConfusions) {
  const auto& d = SharedDemo();
  int withCandidates = 0, confusions = 0, lostChars = 0, maxCandidates = 0;
  for (const auto& r : d.reads) {
    if (!r.candidates.empty()) ++withCandidates;
    maxCandidates = std::max(maxCandidates, static_cast<int>(r.candidates.size()));
    double previous = r.confidence;
    std::set<std::string> seen{r.plate};
    for (const auto& c : r.candidates) {
      BOOST_TEST_REQUIRE(c.confidence < previous);  // ranked, strictly decreasing
      previous = c.confidence;
      BOOST_TEST_REQUIRE(seen.insert(c.plate).second);  // distinct, never the best plate
      BOOST_TEST_REQUIRE(plate::IsNormalisedPlate(c.plate));
      if (IsOneConfusion(r.plate, c.plate)) ++confusions;
      if (IsOneCharLost(r.plate, c.plate)) ++lostChars;
    }
  }
  const double n = static_cast<double>(d.reads.size());
  BOOST_TEST(withCandidates / n > 0.6);
  BOOST_TEST(withCandidates / n < 0.95);
  BOOST_TEST(maxCandidates == 4);
  BOOST_TEST(confusions > d.reads.size() / 4);
  BOOST_TEST(lostChars > 50);
}

BOOST_AUTO_TEST_CASE(SomeBestReadsAreMisreadsWithTheTruePlateAsCandidate) {
  const auto& d = SharedDemo();
  std::map<std::string, int> bestCount;
  for (const auto& r : d.reads) ++bestCount[r.plate];
  // The best read is a rare plate, and its first candidate is a plate the cameras often read.
  int misreadBest = 0;
  double misreadConfidence = 0;
  for (const auto& r : d.reads) {
    if (r.candidates.empty() || bestCount[r.plate] > 1 || bestCount[r.candidates[0].plate] < 3) continue;
    ++misreadBest;
    misreadConfidence += r.confidence;
  }
  double mean = 0;
  for (const auto& r : d.reads) mean += r.confidence;
  mean /= static_cast<double>(d.reads.size());
  BOOST_TEST(misreadBest >= 30);
  BOOST_TEST(misreadBest < static_cast<int>(d.reads.size() / 5));
  BOOST_TEST(misreadConfidence / misreadBest < mean - 5.0);  // misreads come with lower confidence
}

BOOST_AUTO_TEST_CASE(ConfidenceLooksLikeRealCameras) {
  const auto& d = SharedDemo();
  std::vector<double> c;
  for (const auto& r : d.reads) c.push_back(r.confidence);
  std::sort(c.begin(), c.end());
  const double n = static_cast<double>(c.size());
  const auto below = [&](double v) {
    return static_cast<double>(std::lower_bound(c.begin(), c.end(), v) - c.begin()) / n;
  };
  BOOST_TEST(c[c.size() / 2] >= 80.0);
  BOOST_TEST(c[c.size() / 2] <= 98.0);
  BOOST_TEST(c.back() <= 98.0);
  BOOST_TEST(below(60.0) > 0.03);  // a tail that gets flagged as low confidence
  BOOST_TEST(below(60.0) < 0.15);
  BOOST_TEST(below(80.0) < 0.30);
}

BOOST_AUTO_TEST_CASE(VehicleAttributesAreRankedAndMostlyRightAtTheTop) {
  const auto& d = SharedDemo();
  int withAttributes = 0;
  std::map<std::string, std::map<std::string, int>> topColour, topMake;
  for (const auto& r : d.reads) {
    const auto& v = r.vehicle;
    if (v.color.empty()) {
      BOOST_TEST_REQUIRE(v.make.empty());
      continue;
    }
    ++withAttributes;
    for (const auto* list : {&v.color, &v.make, &v.model, &v.body, &v.year}) {
      BOOST_TEST_REQUIRE(!list->empty());
      for (std::size_t i = 1; i < list->size(); ++i)
        BOOST_TEST_REQUIRE((*list)[i].confidence <= (*list)[i - 1].confidence);
    }
    BOOST_TEST_REQUIRE(v.year[0].value.size() == 9u);  // "2015-2019"
    if (r.confidence >= 80) {
      ++topColour[r.plate][v.color[0].value];
      ++topMake[r.plate][v.make[0].value];
    }
  }
  BOOST_TEST(withAttributes > static_cast<int>(d.reads.size() * 0.9));
  BOOST_TEST(withAttributes < static_cast<int>(d.reads.size()));
  // For vehicles seen often, the most frequent top colour/make dominates: the top rank is right
  // most of the time.
  int agreeColour = 0, agreeMake = 0, total = 0;
  for (const auto& [p, byColour] : topColour) {
    int sum = 0, best = 0;
    for (const auto& [c, k] : byColour) {
      sum += k;
      best = std::max(best, k);
    }
    if (sum < 8) continue;
    int bestMake = 0;
    for (const auto& [m, k] : topMake[p]) bestMake = std::max(bestMake, k);
    agreeColour += best;
    agreeMake += bestMake;
    total += sum;
  }
  BOOST_REQUIRE(total > 200);
  BOOST_TEST(agreeColour > total * 0.75);
  BOOST_TEST(agreeMake > total * 0.7);
  BOOST_TEST(agreeColour < total);  // but not always
}

BOOST_AUTO_TEST_CASE(DailyCurveIsLowAtNightAndPeaksAtCommuteHours) {
  const auto& d = SharedDemo();
  std::vector<int> weekday(24, 0);
  for (const auto& r : d.reads)
    if (!IsWeekend(LocalDay(r.capturedAt))) ++weekday[static_cast<std::size_t>(LocalHour(r.capturedAt))];
  BOOST_TEST(weekday[3] * 4 < weekday[8]);
  BOOST_TEST(weekday[3] * 4 < weekday[17]);
  BOOST_TEST(weekday[8] > weekday[11]);
  BOOST_TEST(weekday[17] > weekday[13]);
  BOOST_TEST(weekday[3] < weekday[23]);
}

BOOST_AUTO_TEST_CASE(CamerasAreAroundSeattleWithMixedKindsAndLocationHistory) {
  const auto& d = SharedDemo();
  std::map<store::CameraKind, int> kinds;
  int moved = 0;
  std::set<std::string> names;
  for (const auto& c : d.cameras) {
    ++kinds[c.kind];
    names.insert(c.name);
    BOOST_TEST_REQUIRE(!c.locations.empty());
    for (std::size_t i = 0; i < c.locations.size(); ++i) {
      const auto& l = c.locations[i];
      BOOST_TEST_REQUIRE(l.latitude >= 47.49);
      BOOST_TEST_REQUIRE(l.latitude <= 47.74);
      BOOST_TEST_REQUIRE(l.longitude >= -122.44);
      BOOST_TEST_REQUIRE(l.longitude <= -122.24);
      BOOST_TEST_REQUIRE(!l.address.empty());
      if (i + 1 < c.locations.size()) {
        BOOST_TEST_REQUIRE(l.to.has_value());
        BOOST_TEST_REQUIRE(l.from < c.locations[i + 1].from);
      } else {
        BOOST_TEST_REQUIRE(!l.to.has_value());
      }
    }
    if (c.locations.size() >= 2) {
      ++moved;
      // Moved during the period.
      BOOST_TEST(c.locations[1].from >= kEnd - 15 * kMsPerDay);
      BOOST_TEST(c.locations.back().from < kEnd);
    }
  }
  BOOST_TEST(names.size() == d.cameras.size());
  BOOST_TEST(names.count("Aurora Ave N & N 85th St") == 1u);
  BOOST_TEST(kinds[store::CameraKind::Fixed] > 30);
  BOOST_TEST(kinds[store::CameraKind::Mobile] >= 1);
  BOOST_TEST(kinds[store::CameraKind::Portable] >= 1);
  BOOST_TEST(moved >= 3);
}

BOOST_AUTO_TEST_CASE(MobileCamerasReportChangingPositionsAndFixedOnesDirections) {
  const auto& d = SharedDemo();
  std::map<store::CameraId, store::CameraKind> kind;
  for (const auto& c : d.cameras) kind[c.id] = c.kind;
  std::map<store::CameraId, std::set<std::pair<double, double>>> positions;
  int fixedWithDirection = 0, fixed = 0;
  for (const auto& r : d.reads) {
    const auto k = kind[r.camera];
    if (k == store::CameraKind::Mobile) {
      BOOST_TEST_REQUIRE(r.latitude.has_value());
      BOOST_TEST_REQUIRE(r.longitude.has_value());
      BOOST_TEST_REQUIRE(*r.latitude > 47.49);
      BOOST_TEST_REQUIRE(*r.latitude < 47.74);
      positions[r.camera].insert({*r.latitude, *r.longitude});
    }
    if (k == store::CameraKind::Fixed) {
      ++fixed;
      BOOST_TEST_REQUIRE(!r.latitude.has_value());
      if (r.directionDeg) {
        ++fixedWithDirection;
        BOOST_TEST_REQUIRE(*r.directionDeg >= 0.0);
        BOOST_TEST_REQUIRE(*r.directionDeg < 360.0);
      }
    }
  }
  BOOST_REQUIRE(!positions.empty());
  for (const auto& [cam, where] : positions) BOOST_TEST(where.size() >= 5u);
  BOOST_TEST(fixedWithDirection == fixed);
}

BOOST_AUTO_TEST_CASE(ImagesDecodeAndAreSharedPerVehicle) {
  TestStorage t;
  const auto summary = Generate(*t.storage, Options(600, 8, 3, true));
  const auto reads = AllReads(*t.storage);
  BOOST_REQUIRE_EQUAL(reads.size(), 600u);
  std::map<std::string, std::string> overviewOfPlateImage;
  std::set<std::string> overviews;
  for (const auto& r : reads) {
    BOOST_TEST_REQUIRE(IsSha256Hex(r.plateImage));
    BOOST_TEST_REQUIRE(IsSha256Hex(r.vehicleImage));
    const auto [it, inserted] = overviewOfPlateImage.emplace(r.plateImage, r.vehicleImage);
    BOOST_TEST_REQUIRE(it->second == r.vehicleImage);  // one vehicle, one pair of images
    overviews.insert(r.vehicleImage);
  }
  BOOST_TEST(overviews.size() == overviewOfPlateImage.size());
  BOOST_TEST(static_cast<std::int64_t>(overviewOfPlateImage.size()) == summary.vehicles);
  BOOST_TEST(summary.images == 2 * summary.vehicles);
  BOOST_TEST(overviewOfPlateImage.size() < reads.size() * 3 / 4);  // vehicles recur, images are reused
  auto status = t.storage->GetStatus();
  BOOST_REQUIRE(status.Ok());
  BOOST_TEST(status->images == summary.images);

  std::uint64_t bytes = 0;
  int checked = 0;
  for (const auto& [plateSha, overviewSha] : overviewOfPlateImage) {
    for (const auto& [sha, w, h] : {std::tuple{plateSha, 240, 120}, std::tuple{overviewSha, 480, 320}}) {
      auto data = t.storage->GetImage(sha);
      BOOST_REQUIRE(data.Ok());
      bytes += data->size();
      BOOST_TEST_REQUIRE(Sha256Hex(*data) == sha);
      if (checked++ < 40) {
        const cv::Mat raw(1, static_cast<int>(data->size()), CV_8U, data->data());
        const cv::Mat img = cv::imdecode(raw, cv::IMREAD_COLOR);
        BOOST_TEST_REQUIRE(img.cols == w);
        BOOST_TEST_REQUIRE(img.rows == h);
        // Not a flat picture: it has a drawn plate with dark characters on a light plate.
        double lo = 0, hi = 0;
        cv::minMaxLoc(img.reshape(1), &lo, &hi);
        BOOST_TEST_REQUIRE(hi - lo > 100.0);
      }
    }
  }
  BOOST_TEST(bytes == summary.imageBytes);
  // Well under 1 GB for 100,000 reads: below 60 KB per vehicle.
  BOOST_TEST(summary.imageBytes / static_cast<std::uint64_t>(summary.vehicles) < 60'000u);
}

BOOST_AUTO_TEST_CASE(ProgressIsReportedUpToTheTotal) {
  TestStorage t;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
  auto o = Options(900, 4, 2, false);
  o.batchSize = 100;
  auto summary = GenerateDemo(*t.storage, o, {},
                              [&](std::uint64_t done, std::uint64_t total) { calls.emplace_back(done, total); });
  BOOST_REQUIRE(summary.Ok());
  BOOST_REQUIRE(calls.size() >= 2u);
  BOOST_TEST(calls.front().first == 0u);
  BOOST_TEST(calls.back().first == 900u);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    BOOST_TEST(calls[i].second == 900u);
    if (i > 0) BOOST_TEST(calls[i].first >= calls[i - 1].first);
  }
}

BOOST_AUTO_TEST_CASE(CancellationKeepsTheCommittedReadsConsistent) {
  TestStorage t;
  std::stop_source stop;
  auto o = Options(20000, 10, 7, true);
  o.batchSize = 100;
  auto result = GenerateDemo(*t.storage, o, stop.get_token(), [&](std::uint64_t done, std::uint64_t) {
    if (done > 0) stop.request_stop();
  });
  BOOST_REQUIRE(!result.Ok());
  BOOST_TEST((result.Err().code == ErrorCode::Cancelled));

  // Reopen: what is there is a consistent prefix with its images.
  t.storage.reset();
  auto reopened = store::Storage::Open(t.folder.Path() / "storage", t.clock);
  BOOST_REQUIRE(reopened.Ok());
  const auto reads = AllReads(**reopened);
  BOOST_TEST(reads.size() > 0u);
  BOOST_TEST(reads.size() < 20000u);
  for (std::size_t i = 0; i < reads.size(); ++i) {
    BOOST_TEST_REQUIRE(reads[i].sourceUuid == "demo-7-" + std::to_string(i));
    auto image = (*reopened)->FindImage(reads[i].plateImage);
    BOOST_REQUIRE(image.Ok());
    BOOST_TEST_REQUIRE(image->has_value());
  }
  auto status = (*reopened)->GetStatus();
  BOOST_REQUIRE(status.Ok());
  BOOST_TEST(status->cameras == 10);
  BOOST_TEST(status->demo);
  // Images made ahead for reads that were never inserted are not left behind.
  std::int64_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(t.folder.Path() / "storage" / "images"))
    files += entry.is_regular_file() ? 1 : 0;
  BOOST_TEST(files == status->images);
  BOOST_TEST(status->images > 0);
}

BOOST_AUTO_TEST_CASE(AStopRequestedBeforehandInsertsNothing) {
  TestStorage t;
  std::stop_source stop;
  stop.request_stop();
  auto result = GenerateDemo(*t.storage, Options(100, 2, 1, false), stop.get_token());
  BOOST_REQUIRE(!result.Ok());
  BOOST_TEST((result.Err().code == ErrorCode::Cancelled));
  auto status = t.storage->GetStatus();
  BOOST_REQUIRE(status.Ok());
  BOOST_TEST(status->reads == 0);
}

BOOST_AUTO_TEST_CASE(SmallestDemoWorks) {
  TestStorage t;
  const auto summary = Generate(*t.storage, Options(1, 1, 1, true));
  BOOST_TEST(summary.reads == 1);
  BOOST_TEST(summary.vehicles == 1);
  BOOST_TEST(summary.cameras == 1);
  BOOST_TEST(summary.images == 2);
  const auto reads = AllReads(*t.storage);
  BOOST_REQUIRE_EQUAL(reads.size(), 1u);
  BOOST_TEST(reads[0].capturedAt < kEnd);
  BOOST_TEST(reads[0].capturedAt >= kEnd - kMsPerDay);
  BOOST_TEST(AllCameras(*t.storage).size() == 1u);
}

BOOST_AUTO_TEST_CASE(ZeroReadsMakesOnlyCameras) {
  TestStorage t;
  const auto summary = Generate(*t.storage, Options(0, 3, 1, true));
  BOOST_TEST(summary.reads == 0);
  BOOST_TEST(summary.vehicles == 0);
  BOOST_TEST(AllReads(*t.storage).empty());
  BOOST_TEST(AllCameras(*t.storage).size() == 3u);
}

BOOST_AUTO_TEST_CASE(InvalidOptionsAreRefusedWithoutTouchingTheStorage) {
  TestStorage t;
  auto expectInvalid = [&](DemoOptions o, const std::string& field) {
    auto result = GenerateDemo(*t.storage, o);
    BOOST_REQUIRE(!result.Ok());
    BOOST_TEST((result.Err().code == ErrorCode::InvalidArgument));
    BOOST_TEST(result.Err().context == field);
    BOOST_TEST((demo::ValidateDemoOptions(o).Err().code == ErrorCode::InvalidArgument));
  };
  auto o = Options(10, 2, 1, false);
  o.reads = -1;
  expectInvalid(o, "reads");
  o = Options(10, 0, 1, false);
  expectInvalid(o, "cameras");
  o = Options(10, 2, 0, false);
  expectInvalid(o, "days");
  o = Options(10, 2, -3, false);
  expectInvalid(o, "days");
  o = Options(10, 2, 1, false);
  o.batchSize = 0;
  expectInvalid(o, "batchSize");
  o = Options(10, 2, 30, false);
  o.end = 5 * kMsPerDay;  // the period would start before 1970
  expectInvalid(o, "end");
  BOOST_TEST(demo::ValidateDemoOptions(Options(10, 2, 1, false)).Ok());

  auto status = t.storage->GetStatus();
  BOOST_REQUIRE(status.Ok());
  BOOST_TEST(status->cameras == 0);
  BOOST_TEST(!status->demo);
}

BOOST_AUTO_TEST_CASE(AStorageWithDataIsRefused) {
  TestStorage t;
  Generate(*t.storage, Options(10, 2, 1, false));
  auto again = GenerateDemo(*t.storage, Options(10, 2, 1, false, 8));
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(AllReads(*t.storage).size() == 10u);
}

BOOST_AUTO_TEST_SUITE_END()
