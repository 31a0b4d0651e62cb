// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli search` end to end on a demo storage: results, explanations, and the audit trail.
#include "CliSupport.h"

#include <boost/test/unit_test.hpp>

#include <ctime>
#include <fstream>
#include <set>

using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

const std::string kContext = " --case 26-004512 --purpose INV-PROPERTY --justification " +
                             ShellQuote("Burglary 5th Ave, grey sedan seen leaving");

struct DemoFixture {
  TempFolder t;
  std::string dir = (t.Path() / "demo").string();
  DemoFixture() {
    auto r = RunCli("demo --storage " + ShellQuote(dir) + " --reads 1500 --cameras 6 --days 3 --no-images --seed 3");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
  }
  ProcessResult As(const std::string& user, const std::string& password, const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(dir) + " --user " + user, {{"PLATEDESK_PASSWORD", password}});
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SearchCliTest, DemoFixture)

BOOST_AUTO_TEST_CASE(AnExactPlateIsFoundFirstAndExplained) {
  auto any = As("detective", "Blue-Heron-Pier-7", "search --limit 3 --format json" + RecentWindow() + kContext);
  BOOST_TEST_REQUIRE(any.exitCode == 0, any.err);
  const auto rows = nlohmann::json::parse(any.out);
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  const std::string plate = rows[0]["plate"].get<std::string>();
  auto exact = As("detective", "Blue-Heron-Pier-7", "search --plate " + plate + " --format json" + kContext);
  BOOST_TEST_REQUIRE(exact.exitCode == 0, exact.err);
  const auto found = nlohmann::json::parse(exact.out);
  BOOST_TEST_REQUIRE(found.size() >= 1u);
  BOOST_TEST(found[0]["plate"].get<std::string>() == plate);
  BOOST_TEST(found[0]["matched"].get<std::string>() == "exact");
  // A wildcard over the same plate finds it too.
  auto wild = As("detective", "Blue-Heron-Pier-7",
                 "search --plate " + ShellQuote("*" + plate.substr(1)) + " --format json" + kContext);
  BOOST_TEST(wild.out.find(plate) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ASearchWithoutACaseIsRefusedAndTheSupervisorSeesBoth) {
  auto refused =
      As("detective", "Blue-Heron-Pier-7",
         "search --plate ABC --case nope --purpose INV-PROPERTY --justification " + ShellQuote("some reason here"));
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(refused.err.find("case number") != std::string::npos, refused.err);
  auto ok = As("detective", "Blue-Heron-Pier-7", "search" + RecentWindow() + kContext);
  BOOST_TEST(ok.exitCode == 0, ok.err);
  auto trail = As("supervisor", "Cedar-Lantern-Ridge-3", "audit list --event search.* --format csv");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  BOOST_TEST(trail.out.find("search.refused") != std::string::npos, trail.out);
  BOOST_TEST(trail.out.find("search.start") != std::string::npos);
  BOOST_TEST(trail.out.find("search.result") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ABroadSearchGoesThroughTheApprovalQueue) {
  const std::string detective = "Blue-Heron-Pier-7", supervisor = "Cedar-Lantern-Ridge-3";
  const std::string broad = " --plate " + ShellQuote("*7*") + " --format json";
  auto refused = As("detective", detective, "search" + broad + kContext);
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(refused.err.find("the pattern *7* pins down fewer than 3 characters") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("approval request") != std::string::npos, refused.err);
  BOOST_TEST(As("detective", detective, "search --limit 0" + RecentWindow() + kContext).exitCode == 2);

  auto made = As("detective", detective, "approval request" + broad + kContext);
  BOOST_TEST_REQUIRE(made.exitCode == 0, made.err);
  const auto request = nlohmann::json::parse(made.out);
  const std::string id = std::to_string(request["id"].get<long long>());
  BOOST_TEST(request["state"] == "pending");
  BOOST_TEST(request["why"][0] == "the pattern *7* pins down fewer than 3 characters");
  auto mine = As("detective", detective, "approval list --format json");
  BOOST_TEST_REQUIRE(mine.exitCode == 0, mine.err);
  BOOST_TEST(nlohmann::json::parse(mine.out).size() == 1U);
  BOOST_TEST(As("detective", detective, "approval approve " + id).exitCode == 1);  // supervisors only

  auto queue = As("supervisor", supervisor, "approval list --state pending --format csv");
  BOOST_TEST_REQUIRE(queue.exitCode == 0, queue.err);
  BOOST_TEST(queue.out.find("*7*") != std::string::npos, queue.out);
  BOOST_TEST(As("supervisor", supervisor, "approval deny " + id).exitCode == 2);  // a denial says why
  auto approved = As("supervisor", supervisor, "approval approve " + id + " --hours 2 --format json");
  BOOST_TEST_REQUIRE(approved.exitCode == 0, approved.err);
  BOOST_TEST(nlohmann::json::parse(approved.out)["approved"] == true);

  auto ran = As("detective", detective, "search" + broad + kContext + " --approval " + id);
  BOOST_TEST_REQUIRE(ran.exitCode == 0, ran.err);
  BOOST_TEST(!nlohmann::json::parse(ran.out).empty());
  auto other = As("detective", detective, "search --plate " + ShellQuote("*8*") + kContext + " --approval " + id);
  BOOST_TEST(other.exitCode == 1);
  BOOST_TEST(other.err.find("plate: *7* approved, *8* asked") != std::string::npos, other.err);
  auto trail = As("supervisor", supervisor, "audit export --event search.start --format json");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  BOOST_TEST(trail.out.find("\"approved_by\":\"supervisor\"") != std::string::npos, trail.out);
}

BOOST_AUTO_TEST_CASE(BadPatternsAreUsageErrorsOrClearRefusals) {
  BOOST_TEST(As("detective", "Blue-Heron-Pier-7", "search --edits 3" + kContext).exitCode == 2);
  auto bad = As("detective", "Blue-Heron-Pier-7", "search --plate " + ShellQuote("[A-") + kContext);
  BOOST_TEST(bad.exitCode == 1);
  BOOST_TEST(bad.err.find("position") != std::string::npos, bad.err);
  for (const char* args :
       {" --near nan,0,1", " --near 47.6,-122.3,inf", " --min-confidence nan", " --min-confidence 150"}) {
    auto r = As("detective", "Blue-Heron-Pier-7", std::string("search") + args + kContext);
    BOOST_TEST(r.exitCode == 2, args << ": " << r.out << r.err);
  }
}

BOOST_AUTO_TEST_CASE(SeveralColoursHoursOfDayAndSavingTheRowsRecorded) {
  const std::string detective = "Blue-Heron-Pier-7";
  // Any of the colours given; only reads at the local times of day given.
  auto both = As("detective", detective,
                 "search --limit 1000 --color white --color silver --format json" + RecentWindow() + kContext);
  BOOST_TEST_REQUIRE(both.exitCode == 0, both.err);
  std::set<std::string> colours;
  for (const auto& row : nlohmann::json::parse(both.out)) colours.insert(row["color"].get<std::string>());
  BOOST_TEST((colours == std::set<std::string>{"silver", "white"}));
  auto night = As("detective", detective, "search --hours 22:00-04:00 --format json" + RecentWindow() + kContext);
  BOOST_TEST_REQUIRE(night.exitCode == 0, night.err);
  for (const auto& row : nlohmann::json::parse(night.out)) {
    const UtcMs at = ParseIso8601(row["time"].get<std::string>()).Value();
    const std::time_t secs = static_cast<std::time_t>(at / 1000);
    const std::tm local = *std::localtime(&secs);  // this process's zone, as the CLI's
    BOOST_TEST((local.tm_hour >= 22 || local.tm_hour < 4), row["time"]);
  }
  BOOST_TEST(As("detective", detective, "search --hours late" + kContext).exitCode == 2);
  BOOST_TEST(As("detective", detective, "search --hours 08:00-08:00" + kContext).exitCode == 2);

  // --output: the rows as CSV, recorded as results.saved; never over a file.
  const std::string file = (t.Path() / "rows.csv").string();
  auto saved = As("detective", detective,
                  "search --limit 5 --format json --output " + ShellQuote(file) + RecentWindow() + kContext);
  BOOST_TEST_REQUIRE(saved.exitCode == 0, saved.err);
  BOOST_TEST(saved.err.find("saved 5 reads to") != std::string::npos, saved.err);
  std::ifstream in(file);
  std::string header;
  std::getline(in, header);
  BOOST_TEST(header.rfind("read_id,time_utc,camera,plate", 0) == 0u, header);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  BOOST_TEST(lines == 5u);
  auto again = As("detective", detective, "search --limit 5 --output " + ShellQuote(file) + RecentWindow() + kContext);
  BOOST_TEST(again.exitCode == 2);
  BOOST_TEST(again.err.find("exists") != std::string::npos, again.err);
  // A name ending in .PDF: the same rows as a PDF to print, recorded the same way.
  const std::string pdf = (t.Path() / "rows.PDF").string();
  auto printed = As("detective", detective, "search --limit 5 --output " + ShellQuote(pdf) + RecentWindow() + kContext);
  BOOST_TEST_REQUIRE(printed.exitCode == 0, printed.err);
  std::ifstream pdfIn(pdf, std::ios::binary);
  std::string magic(5, '\0');
  pdfIn.read(magic.data(), 5);
  BOOST_TEST(magic == "%PDF-");
  auto trail = As("supervisor", "Cedar-Lantern-Ridge-3", "audit list --event results.saved --format json");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  BOOST_TEST(nlohmann::json::parse(trail.out).size() == 2u, trail.out);  // each save (the format: SessionResultsTest)
}

BOOST_AUTO_TEST_SUITE_END()
