// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli transparency` and `verify-report` on a seeded month of use: the report in each
// format with its signature, checked offline against the storage's published key; a changed copy
// refused; no plate, user name or case number of the storage anywhere in it; and its totals
// recomputed here from the storage itself. In the server pass the report comes through the server.
#include "CliSupport.h"

#include "platedesk/common/Time.h"
#include "platedesk/store/Storage.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::testsupport;
using Json = nlohmann::json;

namespace {

// The alphanumeric runs of a text ("26-004512" stays one token: '-' joins digits).
std::set<std::string> Tokens(const std::string& text) {
  std::set<std::string> out;
  std::string token;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_') {
      token += c;
    } else if (!token.empty()) {
      while (!token.empty() && (token.back() == '.' || token.back() == '-')) token.pop_back();
      out.insert(token);
      token.clear();
    }
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(TransparencyCli)

BOOST_AUTO_TEST_CASE(TheMonthsReportIsSignedNamesNobodyAndAddsUp) {
  TempFolder t;
  const std::string demo = (t.Path() / "demo").string();
  auto made = RunCli("demo --storage " + ShellQuote(demo) + " --reads 2000 --cameras 6 --days 30 --seed 5 --activity");
  BOOST_TEST_REQUIRE(made.exitCode == 0, made.err);
  auto as = [&](const std::string& user, const std::string& password, const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(demo) + " --user " + user, {{"PLATEDESK_PASSWORD", password}});
  };
  const UtcMs now = SystemClock().Now();
  const UtcMs from = now - 31 * kMsPerDay, to = now + kMsPerDay;
  const std::string period = " --from " + FormatIso8601(from) + " --to " + FormatIso8601(to);

  std::map<std::string, std::string> files;
  for (const char* format : {"html", "csv", "pdf"}) {
    const fs::path out = t.Path() / (std::string("report.") + format);
    auto r = as("auditor", "Maple-Ledger-Quill-5",
                "transparency" + period + " --format " + format + " --out " + ShellQuote(out.string()));
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    BOOST_TEST(r.out.find(out.string() + ".sig") != std::string::npos, r.out);
    files[format] = *ReadFile(out);
    // Checked offline against the storage's published evidence keys.
    auto v = RunCli("verify-report " + ShellQuote(out.string()) + " --storage " + ShellQuote(demo));
    BOOST_TEST(v.exitCode == 0, v.out + v.err);
    BOOST_TEST(v.out.find("VERIFIED") != std::string::npos);
  }
  BOOST_TEST(files["pdf"].rfind("%PDF", 0) == 0u);
  BOOST_TEST(files["html"].find("<svg") != std::string::npos);
  // A copy changed after signing, or a signature from elsewhere, is refused.
  {
    const fs::path changed = t.Path() / "changed.csv";
    std::ofstream(changed, std::ios::binary) << files["csv"] << "reads,total,,1\r\n";
    auto v = RunCli("verify-report " + ShellQuote(changed.string()) + " --sig " +
                    ShellQuote((t.Path() / "report.csv.sig").string()) + " --storage " + ShellQuote(demo));
    BOOST_TEST(v.exitCode == 1, v.out);
    BOOST_TEST(v.out.find("NOT VERIFIED") != std::string::npos);
    auto other = RunCli("verify-report " + ShellQuote((t.Path() / "report.csv").string()) + " --sig " +
                        ShellQuote((t.Path() / "report.html.sig").string()) + " --storage " + ShellQuote(demo));
    BOOST_TEST(other.exitCode == 1, other.out);
    BOOST_TEST(RunCli("verify-report " + ShellQuote((t.Path() / "report.csv").string())).exitCode == 2);  // no key
  }
  // Never over a published file; detectives do not publish.
  BOOST_TEST(as("auditor", "Maple-Ledger-Quill-5",
                "transparency" + period + " --out " + ShellQuote((t.Path() / "report.html").string()))
                 .exitCode == 2);
  BOOST_TEST(as("detective", "Blue-Heron-Pier-7",
                "transparency" + period + " --out " + ShellQuote((t.Path() / "d.html").string()))
                 .exitCode == 1);

  // Nothing that identifies: no plate of the storage, no user name, no case number.
  std::set<std::string> plates, cases;
  SystemClock clock;
  std::uint64_t inPeriod = 0;
  std::map<std::string, std::uint64_t> holdsByKind;
  {
    auto storage = store::Storage::Open(demo, clock);
    BOOST_TEST_REQUIRE(storage.Ok());
    BOOST_TEST_REQUIRE((*storage)
                           ->ScanReads(0,
                                       [&](const store::ScannedRead& r) {
                                         plates.insert(std::string(r.plate));
                                         if (r.capturedAt >= from && r.capturedAt < to) ++inPeriod;
                                         return true;
                                       })
                           .Ok());
    // Holds in force by kind, counted here from the holds themselves.
    store::HoldFilter inForce;
    inForce.inForceOnly = true;
    const auto holds = (*storage)->Holds(inForce);
    BOOST_TEST_REQUIRE(holds.Ok());
    for (const auto& h : holds.Value())
      ++holdsByKind[h.kind == store::HoldKind::Preservation ? "preservation order"
                                                            : std::string(store::HoldKindName(h.kind))];
    const auto registered = (*storage)->Cases();
    BOOST_TEST_REQUIRE(registered.Ok());
    for (const auto& c : registered.Value()) cases.insert(c.number);
  }
  auto audit = Json::parse(as("auditor", "Maple-Ledger-Quill-5", "audit list --format json").out);
  for (const auto& record : audit)
    if (record.contains("case") && record["case"].is_string() && !record["case"].get<std::string>().empty())
      cases.insert(record["case"].get<std::string>());
  BOOST_TEST_REQUIRE(plates.size() > 100u);
  BOOST_TEST_REQUIRE(!cases.empty());
  // User names: those that are not plain words of the published purpose catalogue (the demo's
  // "supervisor" and "auditor" are also words of "Supervisor or auditor review of system use").
  std::set<std::string> users;
  for (const auto& u : Json::parse(as("administrator", "Orca-Tide-Station-9", "user list --format json").out))
    users.insert(u["name"].get<std::string>());
  BOOST_TEST_REQUIRE(users.size() >= 4u);
  for (const char* format : {"html", "csv"}) {
    const std::set<std::string> tokens = Tokens(files[format]);
    for (const auto& p : plates) BOOST_TEST(!tokens.contains(p), "plate " << p << " in the " << format);
    for (const auto& c : cases)
      BOOST_TEST(files[format].find(c) == std::string::npos, "case " << c << " in " << format);
    for (const auto& u : users) {
      if (u == "supervisor" || u == "auditor") continue;
      BOOST_TEST(!tokens.contains(u), "user " << u << " in the " << format);
    }
  }

  // The numbers, recomputed from the storage: total reads, and the cameras' reads add up to it.
  std::uint64_t total = 0, perCamera = 0, perDay = 0;
  std::map<std::string, std::uint64_t> reportedHolds;
  std::istringstream csv(files["csv"]);
  for (std::string line; std::getline(csv, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto last = line.rfind(',');
    if (last == std::string::npos || last + 1 >= line.size()) continue;
    const std::string value = line.substr(last + 1);
    if (value.find_first_not_of("0123456789") != std::string::npos) continue;
    if (line.rfind("reads,total,", 0) == 0) total = std::stoull(value);
    if (line.rfind("camera reads,", 0) == 0) perCamera += std::stoull(value);
    if (line.rfind("camera reads per day,", 0) == 0) perDay += std::stoull(value);
    if (line.rfind("holds in force,", 0) == 0) {
      const std::string kind = line.substr(15, line.find(',', 15) - 15);
      if (std::stoull(value) > 0) reportedHolds[kind] = std::stoull(value);
    }
  }
  BOOST_TEST(total == inPeriod);
  BOOST_TEST(perCamera == inPeriod);
  BOOST_TEST(perDay == inPeriod);
  // The demo's month holds reads of each kind: investigation (collected, exported), discovery and a
  // preservation order; the report says as many as the storage holds.
  BOOST_TEST(holdsByKind.size() == 3u);
  BOOST_TEST((reportedHolds == holdsByKind));
}

BOOST_AUTO_TEST_SUITE_END()
