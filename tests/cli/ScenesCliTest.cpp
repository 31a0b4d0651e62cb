// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli scenes` end to end on a demo storage: a vehicle seen at two places and times is
// found and grouped with its sightings; only supervisors may run it; bad scenes are usage errors.
#include "CliSupport.h"

#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

const std::string kContext = " --case 26-004512 --purpose INV-PROPERTY --justification " +
                             ShellQuote("Series of burglaries, same van at both sites");
const std::string kSupervisor = "supervisor";
const std::string kSupervisorPassword = "Cedar-Lantern-Ridge-3";

struct Sighting {
  long long read = 0;
  long long camera = 0;
  UtcMs at = 0;
};

struct ScenesFixture {
  TempFolder t;
  std::string dir = (t.Path() / "demo").string();
  std::string plate;  // a vehicle read by two different cameras
  Sighting first, second;

  ScenesFixture() {
    auto r = RunCli("demo --storage " + ShellQuote(dir) + " --reads 1500 --cameras 6 --days 3 --no-images --seed 5");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    auto all = As(kSupervisor, kSupervisorPassword,
                  "search --limit 1000 --no-candidates --format json" + RecentWindow() + kContext);
    BOOST_TEST_REQUIRE(all.exitCode == 0, all.err);
    std::map<std::string, std::vector<Sighting>> byPlate;
    for (const auto& row : nlohmann::json::parse(all.out)) {
      auto at = ParseIso8601(row["time"].get<std::string>());
      BOOST_TEST_REQUIRE(at.Ok());
      byPlate[row["plate"].get<std::string>()].push_back(
          {row["read_id"].get<long long>(), row["camera"].get<long long>(), *at});
    }
    for (const auto& [p, list] : byPlate) {
      for (const auto& s : list) {
        if (s.camera != list.front().camera) {
          plate = p;
          first = list.front();
          second = s;
          break;
        }
      }
      if (!plate.empty()) break;
    }
    BOOST_TEST_REQUIRE(!plate.empty(), "the demo has no vehicle seen by two cameras");
  }
  ProcessResult As(const std::string& user, const std::string& password, const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(dir) + " --user " + user, {{"PLATEDESK_PASSWORD", password}});
  }
  static std::string Scene(const Sighting& s) {
    return ShellQuote("cameras=" + std::to_string(s.camera) + ";from=" + FormatIso8601(s.at - kMsPerMinute) +
                      ";to=" + FormatIso8601(s.at + kMsPerMinute));
  }
  std::string TwoScenes() const { return " --scene " + Scene(first) + " --scene " + Scene(second); }
  // A multi-scene search is a broad search: the detective asks, the supervisor approves that exact
  // query; returns " --approval ID" to run it with.
  std::string Approved(const std::string& sceneArgs) {
    auto made = As("detective", "Blue-Heron-Pier-7", "approval request --format json" + sceneArgs + kContext);
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.err);
    const auto id = nlohmann::json::parse(made.out)["id"].get<long long>();
    auto approved = As(kSupervisor, kSupervisorPassword,
                       "approval approve " + std::to_string(id) + " --reason " + ShellQuote("pattern of burglaries"));
    BOOST_TEST_REQUIRE(approved.exitCode == 0, approved.err);
    return " --approval " + std::to_string(id);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ScenesCliTest, ScenesFixture)

BOOST_AUTO_TEST_CASE(AVehicleAtBothScenesIsListedWithItsSightings) {
  const std::string approval = Approved(TwoScenes());
  auto r = As("detective", "Blue-Heron-Pier-7", "scenes --format json" + TwoScenes() + kContext + approval);
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  const auto vehicles = nlohmann::json::parse(r.out);
  const nlohmann::json* found = nullptr;
  for (const auto& v : vehicles) {
    BOOST_TEST(v["scenes"] == nlohmann::json::array({1, 2}));  // default --min-scenes: all of them
    if (v["plate"] == plate) found = &v;
  }
  BOOST_TEST_REQUIRE(found != nullptr, r.out);
  std::set<long long> reads;
  for (const auto& s : (*found)["sightings"]) {
    reads.insert(s["read_id"].get<long long>());
    BOOST_TEST(s["plate"] == plate);
  }
  BOOST_TEST(reads.count(first.read) == 1U);
  BOOST_TEST(reads.count(second.read) == 1U);

  // CSV: one row per sighting, the vehicle's columns repeated.
  auto csv = As("detective", "Blue-Heron-Pier-7", "scenes --format csv" + TwoScenes() + kContext + approval);
  BOOST_TEST_REQUIRE(csv.exitCode == 0, csv.err);
  BOOST_TEST(csv.out.rfind("vehicle,plate,scenes,scene,read_id,time,camera,read_plate", 0) == 0U, csv.out);
  BOOST_TEST(csv.out.find("," + std::to_string(first.read) + ",") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(APlatePatternWithOcrToleranceNarrowsTheVehicles) {
  // The plate with its first character replaced by '?' still finds the vehicle; a pattern that no
  // plate of these scenes matches finds nothing.
  const std::string query = " --min-scenes 2 --plate " + ShellQuote("?" + plate.substr(1)) + TwoScenes();
  auto r = As("detective", "Blue-Heron-Pier-7", "scenes --format json" + query + kContext + Approved(query));
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  const auto vehicles = nlohmann::json::parse(r.out);
  bool seen = false;
  for (const auto& v : vehicles) seen = seen || v["plate"] == plate;
  BOOST_TEST(seen, r.out);
  for (const auto& v : vehicles)
    for (const auto& s : v["sightings"]) BOOST_TEST(s["matched"].get<std::string>() != "vehicle/place/time filters");
  const std::string nothing = " --no-ocr --plate QQQQQQQQQQ" + TwoScenes();
  auto none = As("detective", "Blue-Heron-Pier-7", "scenes --format json" + nothing + kContext + Approved(nothing));
  BOOST_TEST_REQUIRE(none.exitCode == 0, none.err);
  BOOST_TEST(nlohmann::json::parse(none.out).empty());
}

BOOST_AUTO_TEST_CASE(WithoutAnApprovalOfThatQueryItIsRefusedAndTheRefusalIsAudited) {
  auto r = As("detective", "Blue-Heron-Pier-7", "scenes" + TwoScenes() + kContext);
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("a multi-scene search is a broad search") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("approval request") != std::string::npos, r.err);  // what to do next
  // A supervisor is refused too, and cannot approve their own request.
  BOOST_TEST(As(kSupervisor, kSupervisorPassword, "scenes" + TwoScenes() + kContext).exitCode == 1);
  auto own = As(kSupervisor, kSupervisorPassword, "approval request --format json" + TwoScenes() + kContext);
  BOOST_TEST_REQUIRE(own.exitCode == 0, own.err);
  const auto id = std::to_string(nlohmann::json::parse(own.out)["id"].get<long long>());
  auto self = As(kSupervisor, kSupervisorPassword, "approval approve " + id);
  BOOST_TEST(self.exitCode == 1);
  BOOST_TEST(self.err.find("nobody decides their own") != std::string::npos, self.err);
  // An approval of other scenes does not run these.
  const std::string approval = Approved(" --scene " + Scene(second) + " --scene " + Scene(first));
  auto other = As("detective", "Blue-Heron-Pier-7", "scenes" + TwoScenes() + kContext + approval);
  BOOST_TEST(other.exitCode == 1);
  BOOST_TEST(other.err.find("is for another query (scene1:") != std::string::npos, other.err);
  auto trail = As(kSupervisor, kSupervisorPassword, "audit list --event search.refused --format csv");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  BOOST_TEST(trail.out.find("search.refused,refused,detective,26-004512") != std::string::npos, trail.out);
}

BOOST_AUTO_TEST_CASE(BadScenesAreUsageErrors) {
  auto as = [&](const std::string& args) { return As(kSupervisor, kSupervisorPassword, "scenes" + args + kContext); };
  BOOST_TEST(as(" --scene " + Scene(first)).exitCode == 2);  // one scene
  BOOST_TEST(as(TwoScenes() + " --min-scenes 3").exitCode == 2);
  BOOST_TEST(as(TwoScenes() + " --edits 3").exitCode == 2);
  auto bad = as(" --scene " + ShellQuote("cameras=1;from=2026-01-02T00:00:00Z;to=2026-01-01T00:00:00Z") + " --scene " +
                Scene(first));
  BOOST_TEST(bad.exitCode == 2);
  BOOST_TEST(bad.err.find("--scene 1") != std::string::npos, bad.err);
  BOOST_TEST(as(" --scene " + ShellQuote("near=91,0,1;from=2026-01-01T00:00:00Z;to=2026-01-02T00:00:00Z") +
                " --scene " + Scene(first))
                 .exitCode == 2);
  BOOST_TEST(as(" --scene " + ShellQuote("cameras=1;near=1,1,1;from=2026-01-01T00:00:00Z;to=2026-01-02T00:00:00Z") +
                " --scene " + Scene(first))
                 .exitCode == 2);
  BOOST_TEST(as(" --scene " + ShellQuote("cameras=x;from=2026-01-01T00:00:00Z;to=2026-01-02T00:00:00Z") + " --scene " +
                Scene(first))
                 .exitCode == 2);
  // Numbers that are not numbers: a NaN place would find nothing, an infinite radius everything.
  for (const char* near : {"nan,0,1", "0,nan,1", "47.6,-122.3,inf", "47.6,-122.3,nan"})
    BOOST_TEST(as(" --scene " +
                  ShellQuote(std::string("near=") + near + ";from=2026-01-01T00:00:00Z;to=2026-01-02T00:00:00Z") +
                  " --scene " + Scene(first))
                       .exitCode == 2,
               near);
}

BOOST_AUTO_TEST_SUITE_END()
