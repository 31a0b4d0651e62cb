// SPDX-License-Identifier: GPL-3.0-or-later
// The storage server from the CLI: server-token add/list/revoke (administrators, audited),
// camera health, and a folder a platedesk-server holds (this test process plays the server).
#include "CliSupport.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/ServerLock.h"
#include "platedesk/store/Storage.h"

#include <boost/test/unit_test.hpp>

#ifndef _WIN32
#include <sys/stat.h>
#endif

using namespace platedesk;
using namespace platedesk::testsupport;
namespace fs = std::filesystem;

namespace {

const char* kAdminPassword = "slate river morning";
const char* kDetectivePassword = "tide pool lantern";
const char* kSupervisorPassword = "cedar lantern ridge";

struct Agency {
  TempFolder t;
  fs::path dir = t.Path() / "agency";
  std::string S() const { return " --storage " + ShellQuote(dir.string()); }

  Agency() {
    BOOST_TEST_REQUIRE(
        RunCli("init" + S() + " --admin a.rivera --no-mfa", {}, std::string(kAdminPassword) + "\n").exitCode == 0);
    BOOST_TEST_REQUIRE(Admin("user add d.reyes --role detective", std::string(kDetectivePassword) + "\n").exitCode ==
                       0);
    BOOST_TEST_REQUIRE(Admin("user add s.okafor --role supervisor", std::string(kSupervisorPassword) + "\n").exitCode ==
                       0);
  }
  ProcessResult Admin(const std::string& args, const std::string& in = {}) {
    return RunCli(args + S() + " --user a.rivera", {{"PLATEDESK_PASSWORD", kAdminPassword}}, in);
  }
  ProcessResult Detective(const std::string& args) {
    return RunCli(args + S() + " --user d.reyes", {{"PLATEDESK_PASSWORD", kDetectivePassword}});
  }
  ProcessResult Supervisor(const std::string& args) {
    return RunCli(args + S() + " --user s.okafor", {{"PLATEDESK_PASSWORD", kSupervisorPassword}});
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ServerCliTest)

BOOST_AUTO_TEST_CASE(AnAdministratorIssuesListsAndRevokesTokensAndEveryStepIsAudited) {
  Agency a;
  auto added = a.Admin("server-token add i64-eb --camera 1414799424 --camera 1414799425 --rate 25");
  BOOST_TEST_REQUIRE(added.exitCode == 0, added.err);
  const std::string token = added.out.substr(0, added.out.find('\n'));
  BOOST_TEST(token.rfind("pdt_", 0) == 0u, token);
  BOOST_TEST(token.size() == 4u + 64u);
  BOOST_TEST_REQUIRE(a.Admin("server-token add rekor-north --camera " + ShellQuote("agent-7f3a/*")).exitCode == 0);

  auto dup = a.Admin("server-token add i64-eb --camera '*'");
  BOOST_TEST(dup.exitCode == 1);
  BOOST_TEST(dup.err.find("exists") != std::string::npos, dup.err);
  BOOST_TEST(a.Admin("server-token add no-camera").exitCode == 2);
  BOOST_TEST(a.Admin("server-token add 'bad name!' --camera 1").exitCode == 1);
  BOOST_TEST(a.Detective("server-token add mine --camera 1414799424").exitCode == 1);

  auto list = a.Admin("server-token list --format json");
  BOOST_TEST_REQUIRE(list.exitCode == 0, list.err);
  auto tokens = nlohmann::json::parse(list.out);
  BOOST_TEST_REQUIRE(tokens.size() == 2u);
  BOOST_TEST(tokens[0]["name"] == "i64-eb");
  BOOST_TEST(tokens[0]["cameras"].size() == 2u);
  BOOST_TEST(tokens[0]["reads_per_second"] == 25.0);
  BOOST_TEST(tokens[0]["revoked"].is_null());
  BOOST_TEST(tokens[1]["name"] == "rekor-north");
  BOOST_TEST(tokens[1]["cameras"][0] == "agent-7f3a/*");
  BOOST_TEST(list.out.find(token) == std::string::npos);
  BOOST_TEST(list.out.find(Sha256Hex(token)) == std::string::npos);  // never the hash either

  BOOST_TEST(a.Admin("server-token revoke i64-eb").exitCode == 2);  // no reason
  auto revoked = a.Admin("server-token revoke i64-eb --reason " + ShellQuote("camera replaced"));
  BOOST_TEST_REQUIRE(revoked.exitCode == 0, revoked.err);
  auto again = a.Admin("server-token revoke i64-eb --reason twice");
  BOOST_TEST(again.exitCode == 1);
  BOOST_TEST(a.Admin("server-token revoke nobody --reason gone").exitCode == 1);
  auto table = a.Admin("server-token list");
  BOOST_TEST_REQUIRE(table.exitCode == 0, table.err);
  BOOST_TEST(table.out.find("camera replaced") != std::string::npos, table.out);

  auto trail = a.Supervisor("audit list --event token.* --format csv");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  BOOST_TEST(trail.out.find("token.added") != std::string::npos, trail.out);
  BOOST_TEST(trail.out.find("token.listed") != std::string::npos, trail.out);
  BOOST_TEST(trail.out.find("token.revoked") != std::string::npos, trail.out);
  auto raw = a.Supervisor("audit list --event token.* --format json");
  BOOST_TEST(raw.out.find(token) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ATokenFileIsNewAndForItsOwnerAlone) {
  Agency a;
  const fs::path file = a.t.Path() / "i64-eb.token";
  auto added = a.Admin("server-token add i64-eb --camera 1414799424 --token-file " + ShellQuote(file.string()));
  BOOST_TEST_REQUIRE(added.exitCode == 0, added.err);
  BOOST_TEST(added.out == "i64-eb\n");
  const std::string token = ReadFile(file).Value();
  BOOST_TEST(token.rfind("pdt_", 0) == 0u);
#ifndef _WIN32
  struct stat st {};
  BOOST_REQUIRE(stat(file.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
#endif
  auto exists = a.Admin("server-token add other --camera 1 --token-file " + ShellQuote(file.string()));
  BOOST_TEST(exists.exitCode == 1);
  BOOST_TEST(ReadFile(file).Value() == token);
  auto list = a.Admin("server-token list --format json");
  BOOST_TEST(nlohmann::json::parse(list.out).size() == 1u);  // nothing issued for the refused file
}

BOOST_AUTO_TEST_CASE(AServedFolderIsRefusedButStatusAndCameraHealthStillWork) {
  Agency a;
  ServedFolders::Get().HeldByTest(a.dir);  // the server pass: this test plays the server itself
  auto lock = store::ServerLock::Acquire(a.dir, "platedesk-server pid 4242 on lpr-srv-01, listening on 0.0.0.0:8443");
  BOOST_TEST_REQUIRE(lock.Ok());
  auto refused = a.Admin("purpose list");
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(refused.err.find("platedesk-server pid 4242 on lpr-srv-01") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("connect to the server") != std::string::npos, refused.err);
  BOOST_TEST(a.Admin("server-token list").exitCode == 1);
  auto status = RunCli("status --format json" + a.S());
  BOOST_TEST_REQUIRE(status.exitCode == 0, status.err);
  BOOST_TEST(nlohmann::json::parse(status.out)["users"] == 3);
  auto health = RunCli("camera health --format json" + a.S());
  BOOST_TEST(health.exitCode == 0, health.err);
}

BOOST_AUTO_TEST_CASE(CameraHealthShowsOnlineOfflineAndNeverHeardCameras) {
  Agency a;
  const UtcMs now = SystemClock().Now();
  {
    SystemClock clock;
    auto s = store::Storage::Open(a.dir, clock).Value();
    BOOST_REQUIRE(s->EnsureCamera("1414799424", "I-64 EB at Grand", store::CameraKind::Fixed, std::nullopt).Ok());
    const std::vector<store::CameraHeard> heard{{"agent-7f3a/1", now - 3 * kMsPerHour},
                                                {"agent-7f3a/1", now - 3 * kMsPerHour + 5 * kMsPerMinute},
                                                {"agent-7f3a/2", now - 30 * kMsPerHour},
                                                {"agent-7f3a/2", now - kMsPerMinute}};
    BOOST_REQUIRE(s->NoteCamerasHeard(heard, store::kDefaultCameraOfflineAfterMs).Ok());
  }
  auto r = RunCli("camera health --format json" + a.S());
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  auto list = nlohmann::json::parse(r.out);
  BOOST_TEST_REQUIRE(list.size() == 3u);
  std::map<std::string, nlohmann::json> by;
  for (const auto& c : list) by[c["camera"].get<std::string>()] = c;
  BOOST_TEST(by["1414799424"]["state"] == "never");
  BOOST_TEST(by["1414799424"]["last_heard"].is_null());
  BOOST_TEST(by["agent-7f3a/1"]["state"] == "offline");
  BOOST_TEST(by["agent-7f3a/1"]["offline_periods"].size() == 1u);
  BOOST_TEST(by["agent-7f3a/1"]["offline_periods"][0]["to"].is_null());
  BOOST_TEST(by["agent-7f3a/2"]["state"] == "online");
  BOOST_TEST(by["agent-7f3a/2"]["offline_periods"].size() == 1u);  // 30 hours ago .. a minute ago
  auto shortWindow = RunCli("camera health --hours 1 --format json" + a.S());
  BOOST_TEST_REQUIRE(shortWindow.exitCode == 0, shortWindow.err);
  auto table = RunCli("camera health" + a.S());
  BOOST_TEST(table.exitCode == 0);
  BOOST_TEST(table.out.find("I-64 EB at Grand") != std::string::npos, table.out);
  BOOST_TEST(RunCli("camera health --hours 0" + a.S()).exitCode == 2);
  BOOST_TEST(RunCli("camera status" + a.S()).exitCode == 2);
}

BOOST_AUTO_TEST_CASE(ASearchOverAWindowNotesTheCamerasOfflineInIt) {
  Agency a;
  BOOST_TEST_REQUIRE(
      a.Admin("user set-training d.reyes --completed " + FormatDate(SystemClock().Now() - 10 * kMsPerDay)).exitCode ==
      0);
  const UtcMs now = SystemClock().Now();
  {
    SystemClock clock;
    auto s = store::Storage::Open(a.dir, clock).Value();
    BOOST_REQUIRE(s->EnsureCamera("1414799424", "I-64 EB at Grand", store::CameraKind::Fixed, std::nullopt).Ok());
    const std::vector<store::CameraHeard> heard{{"1414799424", now - 5 * kMsPerHour},
                                                {"1414799424", now - 2 * kMsPerHour}};
    BOOST_REQUIRE(s->NoteCamerasHeard(heard, store::kDefaultCameraOfflineAfterMs).Ok());
  }
  const std::string context = " --case 26-004512 --purpose INV-PROPERTY --justification " +
                              ShellQuote("Burglary 5th Ave, grey sedan seen leaving");
  auto r = a.Detective("search --format json --from " + FormatIso8601(now - 6 * kMsPerHour) + context);
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  BOOST_TEST(nlohmann::json::parse(r.out).is_array());  // the hits as before
  const std::string from = FormatIso8601(now - 5 * kMsPerHour + store::kDefaultCameraOfflineAfterMs).substr(11, 5);
  const std::string to = FormatIso8601(now - 2 * kMsPerHour).substr(11, 5);
  BOOST_TEST(r.err.find("note: camera I-64 EB at Grand was offline ") != std::string::npos, r.err);
  BOOST_TEST(r.err.find(from) != std::string::npos, r.err);
  BOOST_TEST(r.err.find(to + " UTC in this window") != std::string::npos, r.err);
  auto quiet = a.Detective("search --from " + FormatIso8601(now - 6 * kMsPerHour) + " --to " +
                           FormatIso8601(now - 5 * kMsPerHour) + context);
  BOOST_TEST_REQUIRE(quiet.exitCode == 0, quiet.err);
  BOOST_TEST(quiet.err.find("was offline") == std::string::npos, quiet.err);
  auto status = nlohmann::json::parse(RunCli("status --format json" + a.S()).out);
  BOOST_TEST(status["cameras_offline"] == 1);
  BOOST_TEST(status["cameras_online"] == 0);
  BOOST_TEST(status["cameras_never_heard"] == 0);
  BOOST_TEST(status["offline_cameras"].get<std::string>().find("I-64 EB at Grand since ") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
