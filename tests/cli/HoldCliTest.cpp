// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli hold` and `platedesk-cli camera` end to end on a demo storage (issue 15): the
// case's lead places holds, another detective is refused, a supervisor lists, reviews and releases
// with reasons; an administrator adds, renames, moves, re-kinds and retires a camera, and a
// detective may not. In the server pass every command goes through the server.
#include "CliSupport.h"

#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::testsupport;
using Json = nlohmann::json;

namespace {

const char* kDetective = "Blue-Heron-Pier-7";
const char* kSupervisor = "Cedar-Lantern-Ridge-3";
const char* kAdministrator = "Orca-Tide-Station-9";
const std::string kContext =
    " --case 26-004512 --purpose INV-PROPERTY --justification \"Burglary series on 5th Ave: preserve the "
    "evidence\"";

struct Fixture {
  TempFolder t;
  std::string demo = (t.Path() / "demo").string();
  Fixture() {
    auto made = RunCli("demo --storage " + ShellQuote(demo) + " --reads 400 --cameras 4 --days 10 --seed 3 --activity");
    BOOST_TEST_REQUIRE(made.exitCode == 0, made.err);
  }
  ProcessResult As(const std::string& user, const char* password, const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(demo) + " --user " + user,
                  {{"PLATEDESK_PASSWORD", password}, {"PLATEDESK_ACCEPT_BANNER", "yes"}});
  }
  Json JsonOf(const ProcessResult& r) {
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    return Json::parse(r.out);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(HoldCli, Fixture)

BOOST_AUTO_TEST_CASE(TheLeadPlacesHoldsAndASupervisorReviewsAndReleasesThem) {
  // The demo's first camera, for the order.
  const Json cameras = JsonOf(As("detective", kDetective, "camera list --format json"));
  BOOST_TEST_REQUIRE(cameras.size() == 4u);
  const std::string camera = cameras[0]["camera"].get<std::string>();
  // The demo's month already holds reads for its cases (collected and exported).
  const std::size_t demoHolds = JsonOf(As("supervisor", kSupervisor, "hold list --format json")).size();
  const std::size_t demoPlaced =
      JsonOf(As("supervisor", kSupervisor, "audit list --event hold.placed --format json")).size();

  auto discovery = As("detective", kDetective,
                      "hold place --kind discovery --reads 1,2 --reason \"defence discovery request of 1 Dec\" "
                      "--format json" +
                          kContext);
  const Json placed = JsonOf(discovery);
  BOOST_TEST(placed["kind"].get<std::string>() == "discovery");
  BOOST_TEST(placed["reads"].get<int>() == 2);
  BOOST_TEST(placed["in_force"].get<bool>());

  const UtcMs now = SystemClock().Now();
  auto order = As("detective", kDetective,
                  "hold place --kind preservation --camera " + camera + " --plate \"abc 777\" --from " +
                      FormatIso8601(now - 20 * kMsPerDay) + " --to " + FormatIso8601(now + 20 * kMsPerDay) +
                      " --reason \"preservation request PR-2026-118\" --format json" + kContext);
  const Json ordered = JsonOf(order);
  BOOST_TEST(ordered["plates"].get<std::string>() == "ABC777");
  BOOST_TEST(ordered["cameras"].get<std::string>() == camera);

  // Usage mistakes are exit 2, before anyone signs in.
  BOOST_TEST(As("detective", kDetective, "hold place --kind preservation --reason x" + kContext).exitCode == 2);
  BOOST_TEST(As("detective", kDetective, "hold place --reads 1" + kContext).exitCode == 2);  // no reason
  BOOST_TEST(As("detective", kDetective, "hold place --reads x1 --reason y" + kContext).exitCode == 2);

  // 26-005120's lead is the supervisor: the detective is refused (exit 1, the reason on stderr).
  auto refused = As("detective", kDetective,
                    "hold place --kind discovery --reads 3 --reason \"asked by the prosecutor\" --case 26-005120 "
                    "--purpose INV-PROPERTY --justification \"Stolen vehicle ring: keep the reads\"");
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(refused.err.find("lead") != std::string::npos, refused.err);

  // The register is the supervisors' and auditors'.
  BOOST_TEST(As("detective", kDetective, "hold list").exitCode == 1);
  Json list = JsonOf(As("supervisor", kSupervisor, "hold list --format json"));
  BOOST_TEST_REQUIRE(list.size() == demoHolds + 2);
  const Json& mine = list[demoHolds];
  BOOST_TEST(mine["kind"].get<std::string>() == "discovery");
  BOOST_TEST(mine["review_due"].get<bool>() == false);
  const std::string id = std::to_string(mine["id"].get<int>());

  BOOST_TEST(As("supervisor", kSupervisor, "hold release " + id).exitCode == 2);  // no reason
  BOOST_TEST(As("detective", kDetective, "hold release " + id + " --reason done").exitCode == 1);
  const Json reviewed =
      JsonOf(As("supervisor", kSupervisor, "hold review " + id + " --reason \"trial set for March\" --format json"));
  BOOST_TEST(reviewed["review_note"].get<std::string>() == "trial set for March");
  const Json released = JsonOf(
      As("supervisor", kSupervisor, "hold release " + id + " --reason \"case closed, no charges\" --format json"));
  BOOST_TEST(released["in_force"].get<bool>() == false);
  BOOST_TEST(released["release_reason"].get<std::string>() == "case closed, no charges");
  BOOST_TEST(As("supervisor", kSupervisor, "hold release " + id + " --reason again").exitCode == 1);
  list = JsonOf(As("supervisor", kSupervisor, "hold list --format json"));
  BOOST_TEST(list.size() == demoHolds + 1);
  list = JsonOf(As("supervisor", kSupervisor, "hold list --all --format json"));
  BOOST_TEST(list.size() == demoHolds + 2);

  // The audit trail has each step.
  const Json trail = JsonOf(As("supervisor", kSupervisor, "audit list --event hold.* --format json"));
  std::multiset<std::string> events;
  for (const auto& r : trail) events.insert(r["event"].get<std::string>());
  BOOST_TEST(events.count("hold.placed") == demoPlaced + 2);
  BOOST_TEST(events.count("hold.reviewed") == 1u);
  BOOST_TEST(events.count("hold.released") == 1u);
}

BOOST_AUTO_TEST_CASE(AnAdministratorKeepsTheCameraRegister) {
  BOOST_TEST(As("detective", kDetective, "camera add cam-new --name \"Test\"").exitCode == 1);
  BOOST_TEST(As("administrator", kAdministrator, "camera add cam-new").exitCode == 2);  // no name
  const Json added =
      JsonOf(As("administrator", kAdministrator,
                "camera add cam-new --name \"N 85th St & Aurora\" --kind fixed --lat 47.6905 --lon -122.3447 "
                "--address \"N 85th St & Aurora Ave N\" --from 2026-11-01T00:00:00Z --format json"));
  BOOST_TEST(added["kind"].get<std::string>() == "fixed");
  BOOST_TEST(added["locations"].size() == 1u);
  BOOST_TEST(As("administrator", kAdministrator, "camera add cam-new --name again").exitCode == 1);  // taken

  const Json moved =
      JsonOf(As("administrator", kAdministrator,
                "camera move cam-new --lat 47.7 --lon -122.35 --address \"N 90th St\" --from 2026-11-20T00:00:00Z "
                "--format json"));
  BOOST_TEST_REQUIRE(moved["locations"].size() == 2u);
  BOOST_TEST(moved["locations"][0]["to"].get<std::string>() == "2026-11-20T00:00:00.000Z");
  BOOST_TEST(moved["locations"][1]["to"].is_null());
  // A move to before the current place started is refused and changes nothing.
  BOOST_TEST(
      As("administrator", kAdministrator, "camera move cam-new --lat 47.7 --lon -122.35 --from 2026-11-10T00:00:00Z")
          .exitCode == 1);

  BOOST_TEST(
      JsonOf(As("administrator", kAdministrator, "camera rename cam-new --name \"North 90th\" --format json"))["name"]
          .get<std::string>() == "North 90th");
  BOOST_TEST(JsonOf(As("administrator", kAdministrator, "camera set-kind cam-new --kind mobile --format json"))["kind"]
                 .get<std::string>() == "mobile");
  const Json retired =
      JsonOf(As("administrator", kAdministrator, "camera retire cam-new --at 2026-11-30T00:00:00Z --format json"));
  BOOST_TEST(retired["retired"].get<std::string>() == "2026-11-30T00:00:00.000Z");
  BOOST_TEST(As("administrator", kAdministrator, "camera rename cam-new --name again").exitCode == 1);
  // Listed with --all only.
  Json list = JsonOf(As("administrator", kAdministrator, "camera list --format json"));
  for (const auto& c : list) BOOST_TEST(c["camera"].get<std::string>() != "cam-new");
  list = JsonOf(As("administrator", kAdministrator, "camera list --all --format json"));
  BOOST_TEST(list.size() == 5u);
  const Json trail = JsonOf(As("supervisor", kSupervisor, "audit list --event camera.changed --format json"));
  BOOST_TEST(trail.size() == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
