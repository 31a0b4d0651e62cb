// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::testsupport;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(CliTest)

BOOST_AUTO_TEST_CASE(NoArgumentsIsAUsageErrorListingTheCommands) {
  auto r = RunCli("");
  BOOST_TEST(r.exitCode == 2);
  for (const char* c : {"init", "demo", "import", "status"}) BOOST_TEST(r.out.find(c) != std::string::npos, c);
}

BOOST_AUTO_TEST_CASE(EveryCommandHasHelp) {
  for (const char* c : {"init", "demo", "import", "status", "login", "logout", "user", "purpose", "case", "audit",
                        "read", "search", "config"}) {
    auto r = RunCli(std::string(c) + " --help");
    BOOST_TEST(r.exitCode == 0, c);
    BOOST_TEST(r.out.find(std::string("Usage: platedesk-cli ") + c) != std::string::npos, c);
    BOOST_TEST(r.out.find("--storage") != std::string::npos, c);
  }
}

BOOST_AUTO_TEST_CASE(UnknownCommandsAndOptionsAreUsageErrors) {
  BOOST_TEST(RunCli("frobnicate").exitCode == 2);
  auto r = RunCli("status --storage /tmp --colour red");
  BOOST_TEST(r.exitCode == 2);
  BOOST_TEST(r.err.find("--colour") != std::string::npos);
  BOOST_TEST(RunCli("status").exitCode == 2);  // --storage is required
  BOOST_TEST(RunCli("status --storage /tmp --format xml").exitCode == 2);
}

BOOST_AUTO_TEST_CASE(InitCreatesAStorageWithItsAdministrator) {
  TempFolder t;
  const auto dir = t.Path() / "agency";
  auto r = RunCli("init --storage " + ShellQuote(dir.string()) + " --admin a.rivera", {}, "slate river morning\n");
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  BOOST_TEST(fs::exists(dir / "platedesk.db"));
  const auto s = StatusJson(dir);
  BOOST_TEST(s["users"].get<int>() == 1);
  BOOST_TEST(s["reads"].get<int>() == 0);
  BOOST_TEST(s["demo"].is_boolean());
  BOOST_TEST(s["demo"].get<bool>() == false);
  BOOST_TEST(s["schema_version"].get<int>() >= 1);
}

BOOST_AUTO_TEST_CASE(InitRefusesAWeakPasswordAndLeavesNothingBehind) {
  TempFolder t;
  const auto dir = t.Path() / "agency";
  auto r = RunCli("init --storage " + ShellQuote(dir.string()) + " --admin a.rivera", {}, "password1\n");
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("common passwords") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(dir / "platedesk.db"));
}

BOOST_AUTO_TEST_CASE(InitRefusesAnExistingStorage) {
  TempFolder t;
  const auto dir = t.Path() / "agency";
  BOOST_REQUIRE(RunCli("init --storage " + ShellQuote(dir.string()) + " --admin a.rivera", {}, "slate river morning\n")
                    .exitCode == 0);
  auto again = RunCli("init --storage " + ShellQuote(dir.string()) + " --admin b.rivera", {}, "slate river evening\n");
  BOOST_TEST(again.exitCode == 1);
  BOOST_TEST(StatusJson(dir)["users"].get<int>() == 1);
}

BOOST_AUTO_TEST_CASE(StatusOnAMissingStorageSaysSo) {
  TempFolder t;
  auto r = RunCli("status --storage " + ShellQuote((t.Path() / "nothing").string()));
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("error:") == 0u, r.err);
}

BOOST_AUTO_TEST_CASE(StatusFormatsAgree) {
  TempFolder t;
  const auto dir = t.Path() / "agency";
  BOOST_REQUIRE(RunCli("init --storage " + ShellQuote(dir.string()) + " --admin a.rivera", {}, "slate river morning\n")
                    .exitCode == 0);
  auto table = RunCli("status --storage " + ShellQuote(dir.string()));
  auto csv = RunCli("status --storage " + ShellQuote(dir.string()) + " --format csv");
  BOOST_TEST(table.exitCode == 0);
  BOOST_TEST(table.out.find("schema_version") != std::string::npos);
  BOOST_TEST(csv.out.rfind("field,value\r\n", 0) == 0u);
  BOOST_TEST(csv.out.find("users,1\r\n") != std::string::npos);
  // Table and CSV keep their words; JSON has a real boolean and the size as a number only.
  BOOST_TEST(csv.out.find("demo,no\r\n") != std::string::npos, csv.out);
  BOOST_TEST(csv.out.find("\r\nsize,") != std::string::npos, csv.out);
  const auto json = StatusJson(dir);
  BOOST_TEST(json["size_bytes"].is_number_unsigned());
  BOOST_TEST(json["size_bytes"].get<std::uint64_t>() > 0u);
  BOOST_TEST(!json.contains("size"));
  BOOST_TEST(json["demo"].is_boolean());
  BOOST_TEST(json["oldest_read"].is_string());
}

BOOST_AUTO_TEST_CASE(DemoMakesTheAskedNumberOfReadsCamerasAndAccounts) {
  TempFolder t;
  const auto dir = t.Path() / "demo";
  auto r = RunCli("demo --storage " + ShellQuote(dir.string()) + " --reads 800 --cameras 6 --days 3 --seed 7");
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  BOOST_TEST(r.out.find("detective / ") != std::string::npos);
  const auto s = StatusJson(dir);
  BOOST_TEST(s["reads"].get<int>() == 800);
  BOOST_TEST(s["cameras"].get<int>() == 6);
  BOOST_TEST(s["users"].get<int>() == 4);
  BOOST_TEST(s["demo"].get<bool>() == true);
  BOOST_TEST(s["images"].get<int>() > 0);
}

BOOST_AUTO_TEST_CASE(DemoRejectsBadNumbers) {
  TempFolder t;
  BOOST_TEST(RunCli("demo --storage " + ShellQuote((t.Path() / "d").string()) + " --reads lots").exitCode == 2);
  BOOST_TEST(RunCli("demo --storage " + ShellQuote((t.Path() / "e").string()) + " --cameras 0").exitCode == 1);
}

BOOST_AUTO_TEST_SUITE_END()
