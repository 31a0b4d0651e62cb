// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli import` end to end: a real storage, a real administrator, real files.
#include "CliSupport.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace platedesk;
using namespace platedesk::testsupport;
namespace fs = std::filesystem;

namespace {

const char* kAdminPassword = "slate river morning";

std::string Group(int i, const std::string& extra = {}) {
  return R"({"data_type":"alpr_group","version":2,"epoch_start":)" + std::to_string(1750000000000LL + i * 1000) +
         R"(,"agent_uid":"CLI-AGENT","camera_id":3,"best_plate_number":"CLI)" + std::to_string(1000 + i) +
         R"(","best_confidence":91.5,"best_region":"us-wa","best_uuid":"CLI-AGENT-3-)" + std::to_string(i) + "\"" +
         extra + "}";
}

struct Fixture {
  TempFolder t;
  fs::path dir = t.Path() / "agency";
  fs::path input = t.Path() / "reads.jsonl";
  Fixture() {
    auto r = RunCli("init --storage " + ShellQuote(dir.string()) + " --admin a.rivera", {},
                    std::string(kAdminPassword) + "\n");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    std::ofstream out(input);
    out << Group(1) << "\n"
        << Group(2) << "\n"
        << "{\"data_type\":\"alpr_group\",\"version\":2,,}\n"
        << Group(4) << "\n";
  }
  ProcessResult Import(const fs::path& path, const std::string& user = "a.rivera",
                       const std::string& password = kAdminPassword) {
    return RunCli("import --storage " + ShellQuote(dir.string()) + " --user " + user + " " + ShellQuote(path.string()),
                  {{"PLATEDESK_PASSWORD", password}});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ImportCliTest, Fixture)

BOOST_AUTO_TEST_CASE(ImportsGoodLinesQuarantinesTheBadOneAndNamesItsLine) {
  auto r = Import(input);
  BOOST_TEST(r.exitCode == 1);  // one record rejected
  BOOST_TEST(r.out.find("Imported 3 new reads") != std::string::npos, r.out);
  BOOST_TEST(r.err.find("reads.jsonl:3") != std::string::npos, r.err);
  const auto s = StatusJson(dir);
  BOOST_TEST(s["reads"].get<int>() == 3);
  BOOST_TEST(s["quarantined"].get<int>() == 1);
  int files = 0;
  for ([[maybe_unused]] auto& e : fs::directory_iterator(dir / "quarantine")) ++files;
  BOOST_TEST(files >= 1);
}

BOOST_AUTO_TEST_CASE(ReimportingAddsNothing) {
  (void)Import(input);
  auto again = Import(input);
  BOOST_TEST(again.out.find("Imported 0 new reads (3 already stored)") != std::string::npos, again.out);
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() == 3);
}

BOOST_AUTO_TEST_CASE(WrongPasswordImportsNothing) {
  auto r = Import(input, "a.rivera", "slate river evening");
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("wrong password") != std::string::npos, r.err);
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() == 0);
}

BOOST_AUTO_TEST_CASE(OnlyAdministratorsImport) {
  TempFolder demoFolder;
  const auto demo = demoFolder.Path() / "demo";
  BOOST_REQUIRE(
      RunCli("demo --storage " + ShellQuote(demo.string()) + " --reads 10 --cameras 1 --days 1 --no-images").exitCode ==
      0);
  const int before = StatusJson(demo)["reads"].get<int>();
  auto r = RunCli("import --storage " + ShellQuote(demo.string()) + " --user detective " + ShellQuote(input.string()),
                  {{"PLATEDESK_PASSWORD", "Blue-Heron-Pier-7"}});
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("administrator") != std::string::npos, r.err);
  BOOST_TEST(StatusJson(demo)["reads"].get<int>() == before);
}

BOOST_AUTO_TEST_CASE(AFolderOfFixturesImports) {
  auto r = Import(fs::path(PLATEDESK_FIXTURES_DIR) / "ingest");
  BOOST_TEST(r.out.find("Imported ") != std::string::npos, r.out + r.err);
  BOOST_TEST(StatusJson(dir)["reads"].get<int>() > 5);
  BOOST_TEST(StatusJson(dir)["cameras"].get<int>() > 1);
}

BOOST_AUTO_TEST_CASE(AMissingPathIsAClearError) {
  auto r = Import(t.Path() / "no-such-file.json");
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("no-such-file.json") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
