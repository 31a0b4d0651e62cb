// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli purge` and the retention_days setting end to end: a real storage, real imports.
#include "CliSupport.h"

#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace platedesk;
using namespace platedesk::testsupport;
namespace fs = std::filesystem;

namespace {

const char* kAdminPassword = "slate river morning";

std::string Group(int i, UtcMs at) {
  return R"({"data_type":"alpr_group","version":2,"epoch_start":)" + std::to_string(at) +
         R"(,"agent_uid":"CLI-AGENT","camera_id":3,"best_plate_number":"OLD)" + std::to_string(1000 + i) +
         R"(","best_confidence":91.5,"best_region":"us-wa","best_uuid":"PURGE-AGENT-3-)" + std::to_string(i) + "\"}";
}

struct Fixture {
  TempFolder t;
  fs::path dir = t.Path() / "agency";
  Fixture() {
    // --no-mfa: with MFA required, purging (administration) needs an enrolled administrator.
    auto r = RunCli("init --storage " + ShellQuote(dir.string()) + " --admin a.rivera --no-mfa", {},
                    std::string(kAdminPassword) + "\n");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    const fs::path input = t.Path() / "reads.jsonl";
    const UtcMs now = SystemClock().Now();
    {
      std::ofstream out(input);
      out << Group(1, now - 40 * kMsPerDay) << "\n"
          << Group(2, now - 35 * kMsPerDay) << "\n"
          << Group(3, now - kMsPerHour) << "\n";
    }
    auto imported = Admin("import " + ShellQuote(input.string()));
    BOOST_TEST_REQUIRE(imported.exitCode == 0, imported.err);
  }
  ProcessResult Admin(const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(dir.string()) + " --user a.rivera",
                  {{"PLATEDESK_PASSWORD", kAdminPassword}});
  }
  nlohmann::json Purge(const std::string& extra = {}) {
    auto r = Admin("purge --format json" + extra);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    return nlohmann::json::parse(r.out);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(PurgeCliTest, Fixture)

BOOST_AUTO_TEST_CASE(ADryRunCountsAndThePurgeDeletesReadsPastRetention) {
  auto dry = Purge(" --dry-run");
  BOOST_TEST(dry["mode"].get<std::string>() == "dry-run");
  BOOST_TEST(dry["retention_days"].get<int>() == 30);
  BOOST_TEST(dry["reads_deleted"].get<int>() == 2);
  BOOST_TEST(dry["reads_held"].get<int>() == 0);
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() == 3);

  auto done = Purge();
  BOOST_TEST(done["mode"].get<std::string>() == "purged");
  BOOST_TEST(done["reads_deleted"].get<int>() == 2);
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() == 1);
  BOOST_TEST(Purge()["reads_deleted"].get<int>() == 0);

  auto table = Admin("purge");
  BOOST_TEST(table.exitCode == 0, table.err);
  BOOST_TEST(table.out.find("reads_deleted") != std::string::npos, table.out);
}

BOOST_AUTO_TEST_CASE(TheRetentionPeriodIsTheConfigSettingOfAtLeastOneDay) {
  auto zero = Admin("config set retention_days 0");
  BOOST_TEST(zero.exitCode == 1);
  BOOST_TEST(zero.err.find("retention_days") != std::string::npos, zero.err);
  BOOST_TEST(Admin("config set retention_days 38").exitCode == 0);
  auto kept = Purge();
  BOOST_TEST(kept["retention_days"].get<int>() == 38);
  BOOST_TEST(kept["reads_deleted"].get<int>() == 1);  // 40 days old goes, 35 days old stays
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() == 2);
}

BOOST_AUTO_TEST_CASE(PurgeNeedsAnAdministratorsSignIn) {
  auto r = RunCli("purge --storage " + ShellQuote(dir.string()) + " --user a.rivera",
                  {{"PLATEDESK_PASSWORD", "wrong password here"}});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() == 3);
}

BOOST_AUTO_TEST_SUITE_END()
