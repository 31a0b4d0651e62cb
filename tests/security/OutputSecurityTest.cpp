// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10, "Verification and output" (items 11-15), end to end through the real platedesk-cli on
// a real demo storage with its real users: who a verdict trusts, hostile camera text in every CSV,
// which searches an evidence package carries, the audit key rotation, and purposes by role.
#include "CliSupport.h"

#include "platedesk/common/Text.h"
#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

const std::map<std::string, std::string> kPasswords = {{"detective", "Blue-Heron-Pier-7"},
                                                       {"supervisor", "Cedar-Lantern-Ridge-3"},
                                                       {"administrator", "Orca-Tide-Station-9"},
                                                       {"auditor", "Maple-Ledger-Quill-5"}};

const std::string kCase = "26-004512";
const std::string kContext = " --case " + kCase + " --purpose INV-PROPERTY --justification " +
                             ShellQuote("Burglary 5th Ave, grey sedan seen leaving");

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// The text after `prefix` up to the end of its line.
std::string LineAfter(const std::string& text, const std::string& prefix) {
  const auto p = text.find(prefix);
  if (p == std::string::npos) return {};
  const auto start = p + prefix.size();
  return text.substr(start, text.find('\n', start) - start);
}

struct Demo {
  TempFolder t;
  std::string dir = (t.Path() / "demo").string();
  fs::path media = t.Path() / "media";

  Demo() {
    auto r = RunCli("demo --storage " + ShellQuote(dir) + " --reads 300 --cameras 3 --days 2 --seed 11");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    fs::create_directories(media);
  }
  ProcessResult As(const std::string& user, const std::string& args, std::map<std::string, std::string> env = {}) {
    env.emplace("PLATEDESK_PASSWORD", kPasswords.at(user));
    return RunCli(args + " --storage " + ShellQuote(dir) + " --user " + user, env);
  }
  // Imports camera records (CSV, the header of tests/fixtures/ingest/reads.csv) as the administrator.
  void Import(const std::string& name, const std::string& rows) {
    const auto file = t.Path() / name;
    Write(file,
          "uuid,captured_at,camera_id,plate,state,confidence,candidates,color,make,model,body,year,direction,latitude,"
          "longitude\n" +
              rows);
    auto r = As("administrator", "import " + ShellQuote(file.string()));
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
  }
  std::string CapturedIso() const { return FormatIso8601(SystemClock().Now() - kMsPerHour); }
  // The id of the one read of an exact plate, found by the detective's search (audited).
  long long FindRead(const std::string& plate) {
    auto r = As("detective", "search --plate " + plate + " --format json" + kContext);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    long long id = 0;
    for (const auto& row : nlohmann::json::parse(r.out))
      if (row["plate"] == plate) id = row["read_id"].get<long long>();
    BOOST_TEST_REQUIRE(id > 0, r.out);
    return id;
  }
  // Exports reads as the detective; returns (package folder, signing key).
  std::pair<fs::path, std::string> Export(const std::string& reads) {
    auto r = As("detective", "export --to " + ShellQuote(media.string()) +
                                 " --no-encrypt --media-label USB-7 --reads " + reads + kContext);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    return {fs::path(LineAfter(r.out, "package: ")), LineAfter(r.out, "signing key: ")};
  }
  std::string KeyFile(const std::string& name, const std::vector<std::string>& keys) {
    std::string text = "# the agency's published PlateDesk verifier keys\n";
    for (const auto& k : keys) text += k + "\n";
    Write(t.Path() / name, text);
    return (t.Path() / name).string();
  }
};

// Every cell of a CSV without quoted commas (what these tests write), row by row.
std::vector<std::vector<std::string>> Cells(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : Split(csv, '\n')) {
    std::string l = line;
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (!l.empty()) rows.push_back(Split(l, ','));
  }
  return rows;
}

// No cell a spreadsheet would run as a formula.
bool NoFormulaCell(const std::string& csv, std::string& bad) {
  for (const auto& row : Cells(csv))
    for (const auto& cell : row) {
      if (cell.empty()) continue;
      const char c = cell.front();
      const bool number = cell.find_first_not_of("+-.0123456789eE") == std::string::npos;
      if ((c == '=' || c == '+' || c == '-' || c == '@' || c == '\t') && !number) {
        bad = cell;
        return false;
      }
    }
  return true;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(OutputSecurityTest, Demo)

// Item 11: a package (or audit log) checked only with the key it carries proves nothing about who
// made it. Without a trusted key the verdict is "intact, signer not verified", exit 3.
BOOST_AUTO_TEST_CASE(WithoutATrustedKeyVerifySaysIntactSignerNotVerifiedWithExitThree) {
  auto [package, key] = Export("1");
  BOOST_TEST_REQUIRE(!key.empty());
  const std::string path = ShellQuote(package.string());

  auto bare = RunCli("verify " + path);
  BOOST_TEST(bare.exitCode == 3, bare.out + bare.err);
  BOOST_TEST(bare.out.find("INTACT, SIGNER NOT VERIFIED") != std::string::npos, bare.out);
  BOOST_TEST(bare.out.find("\nVERIFIED:") == std::string::npos, bare.out);

  const std::string keys = KeyFile("agency-keys.txt", {key});
  auto given = RunCli("verify " + path + " --key " + ShellQuote(keys));
  BOOST_TEST(given.exitCode == 0, given.out + given.err);
  BOOST_TEST(given.out.find("\nVERIFIED:") != std::string::npos, given.out);

  auto fromEnv = RunCli("verify " + path, {{"PLATEDESK_TRUSTED_KEYS", keys}});
  BOOST_TEST(fromEnv.exitCode == 0, fromEnv.out + fromEnv.err);

  // The agency key configured for the user: the package's own platedesk-key.txt, published as is.
  const fs::path config = t.Path() / "config";
  Write(config / "platedesk" / "trusted-keys.txt", ReadFile(package / "platedesk-key.txt").Value());
  auto configured = RunCli("verify " + path, {{"XDG_CONFIG_HOME", config.string()}});
  BOOST_TEST(configured.exitCode == 0, configured.out + configured.err);
  BOOST_TEST(configured.out.find("trusted-keys file") != std::string::npos, configured.out);

  // The same for the audit log: consistent with its own keys is not "PASS". Its key is the audit
  // key (the package's evidence key is not the log's), and PASS also needs a checkpoint held
  // outside the machine.
  auto logBare = RunCli("audit verify --storage " + ShellQuote(dir));
  BOOST_TEST(logBare.exitCode == 3, logBare.out + logBare.err);
  BOOST_TEST(logBare.out.find("INTACT, SIGNER NOT VERIFIED") != std::string::npos, logBare.out);
  auto byPackageKey = RunCli("audit verify --storage " + ShellQuote(dir) + " --key " + ShellQuote(keys));
  BOOST_TEST(byPackageKey.exitCode == 1, byPackageKey.out + byPackageKey.err);
  const fs::path checkpoint = t.Path() / "anchor.checkpoint";
  auto exported = As("supervisor", "audit checkpoint --out " + ShellQuote(checkpoint.string()));
  BOOST_TEST_REQUIRE(exported.exitCode == 0, exported.out + exported.err);
  const std::string auditKeys = KeyFile("audit-keys.txt", {LineAfter(exported.out, "Verifier key: ")});
  auto logKeyed = RunCli("audit verify --storage " + ShellQuote(dir) + " --key " + ShellQuote(auditKeys));
  BOOST_TEST(logKeyed.exitCode == 3, logKeyed.out + logKeyed.err);
  BOOST_TEST(logKeyed.out.find("INTACT, NOT ANCHORED") != std::string::npos, logKeyed.out);
  auto logAnchored = RunCli("audit verify --storage " + ShellQuote(dir) + " --key " + ShellQuote(auditKeys) +
                            " --checkpoint " + ShellQuote(checkpoint.string()));
  BOOST_TEST(logAnchored.exitCode == 0, logAnchored.out + logAnchored.err);
  BOOST_TEST(logAnchored.out.find("PASS") != std::string::npos, logAnchored.out);
}

// Item 12: camera-supplied text that a spreadsheet would run as a formula, imported through the
// real importer, comes out of every CSV with a leading apostrophe; JSON keeps it as stored.
BOOST_AUTO_TEST_CASE(HostileCameraTextIsNeutralisedInEveryCsv) {
  Import("hostile.csv",
         "@hostile-1," + CapturedIso() + ",hostile-cam,=2+5-QZ7,TX,91,,=1+2,@sum(a1),+cmd,-2+3,,,30.2672,-97.7431\n");
  const long long id = FindRead("25QZ7");

  auto search = As("detective", "search --plate 25QZ7 --format csv" + kContext);
  BOOST_TEST_REQUIRE(search.exitCode == 0, search.err);
  std::string bad;
  BOOST_TEST(NoFormulaCell(search.out, bad), "search CSV cell " + bad + " in " + search.out);
  for (const char* cell : {",'@hostile-1,", ",'=1+2,", ",'@sum(a1),", ",'+cmd,", ",'-2+3,"})
    BOOST_TEST(search.out.find(cell) != std::string::npos, cell + std::string(" in ") + search.out);

  auto read = As("detective", "read " + std::to_string(id) + " --format csv" + kContext);
  BOOST_TEST_REQUIRE(read.exitCode == 0, read.err);
  BOOST_TEST(NoFormulaCell(read.out, bad), "read CSV cell " + bad + " in " + read.out);
  auto json = As("detective", "read " + std::to_string(id) + " --format json" + kContext);
  BOOST_TEST_REQUIRE(json.exitCode == 0, json.err);
  BOOST_TEST(nlohmann::json::parse(json.out)[0]["color"].get<std::string>() == "=1+2");

  auto [package, key] = Export(std::to_string(id));
  const std::string csv = ReadFile(package / "data" / "reads.csv").Value();
  BOOST_TEST(NoFormulaCell(csv, bad), "reads.csv cell " + bad);
  BOOST_TEST(csv.find(",'=2+5-QZ7,") != std::string::npos, csv);
  BOOST_TEST(csv.find(",'=1+2,") != std::string::npos, csv);
  BOOST_TEST(csv.find(",-97.7431,") != std::string::npos, csv);  // a number stays a number
  const auto reads = nlohmann::json::parse(ReadFile(package / "data" / "reads.json").Value());
  BOOST_TEST(reads["reads"][0]["original"]["plate_reported"].get<std::string>() == "=2+5-QZ7");
  auto verified = RunCli("verify " + ShellQuote(package.string()) + " --key " + ShellQuote(KeyFile("k.txt", {key})));
  BOOST_TEST(verified.exitCode == 0, verified.out + verified.err);
}

// Item 13: a package carries the searches that selected its reads, not every search of the case
// (another plate, another user's search).
BOOST_AUTO_TEST_CASE(APackageCarriesOnlyTheSearchesThatSelectedItsReads) {
  const std::string when = CapturedIso();
  Import("two.csv", "sel-1," + when + ",cam-a,SEL1234,TX,93,,white,,,,,,,\noth-1," + when +
                        ",cam-a,OTH5678,TX,94,,black,,,,,,,\n");
  const long long id = FindRead("SEL1234");
  BOOST_TEST_REQUIRE(As("supervisor", "search --plate OTH5678" + kContext).exitCode == 0);
  BOOST_TEST_REQUIRE(As("detective", "search --plate OTH5678" + kContext).exitCode == 0);

  auto [package, key] = Export(std::to_string(id));
  const std::string text = ReadFile(package / "data" / "selection.json").Value();
  BOOST_TEST(text.find("OTH5678") == std::string::npos, text);
  const auto selection = nlohmann::json::parse(text);
  const auto& searches = selection["searches"];
  BOOST_TEST_REQUIRE(searches.size() == 2u, text);
  BOOST_TEST(searches[0]["event"].get<std::string>() == "search.start");
  BOOST_TEST(searches[0]["query"]["plate"].get<std::string>() == "SEL1234");
  BOOST_TEST(searches[1]["event"].get<std::string>() == "search.result");
  BOOST_TEST(selection["searches_included"].get<std::string>().find("only the searches that selected") == 0u);
  const std::string readme = ReadFile(package / "README.txt").Value();
  BOOST_TEST(readme.find("searches that selected these reads") != std::string::npos, readme);
}

// Item 14: the key rotations are reachable (administrators only), audited, and verifiers follow
// them: a package signed after the evidence key's rotation needs the new key published beside the
// old; the audit log's root key still anchors the log after the audit key's rotation.
BOOST_AUTO_TEST_CASE(AnAdministratorRotatesTheKeysAndVerifiersFollow) {
  auto [before, oldKey] = Export("1");
  const fs::path checkpoint = t.Path() / "before-rotation.checkpoint";
  auto exported = As("supervisor", "audit checkpoint --out " + ShellQuote(checkpoint.string()));
  BOOST_TEST_REQUIRE(exported.exitCode == 0, exported.out + exported.err);
  const std::string auditRoot = KeyFile("audit-root.txt", {LineAfter(exported.out, "Verifier key: ")});
  auto refused = As("detective", "audit rotate-key");
  BOOST_TEST(refused.exitCode == 1, refused.out + refused.err);
  BOOST_TEST(As("detective", "keys rotate --which evidence").exitCode == 1);
  auto rotated = As("administrator", "keys rotate --which evidence");
  BOOST_TEST_REQUIRE(rotated.exitCode == 0, rotated.out + rotated.err);
  const std::string newKey = LineAfter(rotated.out, "New verifier key: ");
  BOOST_TEST_REQUIRE(!newKey.empty());
  BOOST_TEST(newKey != oldKey);
  BOOST_TEST(LineAfter(rotated.out, "Previous key: ") == oldKey);

  auto [after, signedWith] = Export("2");
  BOOST_TEST(signedWith == newKey);
  const std::string oldOnly = KeyFile("old.txt", {oldKey});
  const std::string both = KeyFile("both.txt", {oldKey, newKey});
  BOOST_TEST(RunCli("verify " + ShellQuote(after.string()) + " --key " + ShellQuote(oldOnly)).exitCode == 1);
  auto afterBoth = RunCli("verify " + ShellQuote(after.string()) + " --key " + ShellQuote(both));
  BOOST_TEST(afterBoth.exitCode == 0, afterBoth.out + afterBoth.err);
  BOOST_TEST(RunCli("verify " + ShellQuote(before.string()) + " --key " + ShellQuote(both)).exitCode == 0);
  // The audit key: the log's root key still anchors the chain, the new key is endorsed by the old.
  auto auditRotated = As("administrator", "audit rotate-key");
  BOOST_TEST_REQUIRE(auditRotated.exitCode == 0, auditRotated.out + auditRotated.err);
  auto log = RunCli("audit verify --storage " + ShellQuote(dir) + " --key " + ShellQuote(auditRoot) + " --checkpoint " +
                    ShellQuote(checkpoint.string()));
  BOOST_TEST(log.exitCode == 0, log.out + log.err);
  BOOST_TEST(log.out.find("signing keys: 2") != std::string::npos, log.out);
  auto trail = As("supervisor", "audit list --event audit.key_rotated --format json");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  const auto records = nlohmann::json::parse(trail.out);
  BOOST_TEST_REQUIRE(records.size() == 3u, trail.out);  // the evidence key's creation, then the two rotations
  BOOST_TEST(records[0]["user"].get<std::string>() == "system");
  BOOST_TEST(records[1]["user"].get<std::string>() == "administrator");
  BOOST_TEST(records[2]["user"].get<std::string>() == "administrator");

  // Pruning keeps the agency's period for the log (audit_retention_days, 3 years by default; never
  // less than CJIS's year): a younger cut is refused, an older one finds nothing in a new storage.
  auto young = As("administrator", "audit prune --before " + FormatDate(SystemClock().Now() - 400 * kMsPerDay));
  BOOST_TEST(young.exitCode == 1, young.out + young.err);
  BOOST_TEST(young.err.find("3 years") != std::string::npos, young.err);
  auto old = As("administrator", "audit prune --before " + FormatDate(SystemClock().Now() - 1100 * kMsPerDay));
  BOOST_TEST(old.exitCode == 0, old.out + old.err);
  BOOST_TEST(old.out.find("Nothing to prune") != std::string::npos, old.out);
  BOOST_TEST(As("detective", "audit prune --before 2020-01-01").exitCode == 1);
}

// Item 15: a purpose names the roles that may use it; AUDIT-REVIEW is for supervisors and auditors.
// A detective's search under it is refused, and the refusal is audited like every refusal.
BOOST_AUTO_TEST_CASE(AuditReviewIsRefusedToADetectiveAndTheRefusalIsAudited) {
  const std::string review = " --case " + kCase + " --purpose AUDIT-REVIEW --justification " +
                             ShellQuote("Quarterly review of system use by unit 4");
  auto detective = As("detective", "search --limit 1" + RecentWindow() + review);
  BOOST_TEST(detective.exitCode == 1, detective.out + detective.err);
  BOOST_TEST(detective.err.find("supervisors and auditors") != std::string::npos, detective.err);
  auto supervisor = As("supervisor", "search --limit 1" + RecentWindow() + review);
  BOOST_TEST(supervisor.exitCode == 0, supervisor.out + supervisor.err);

  auto refusals = As("supervisor", "audit list --event search.refused --format json");
  BOOST_TEST_REQUIRE(refusals.exitCode == 0, refusals.err);
  bool audited = false;
  for (const auto& r : nlohmann::json::parse(refusals.out))
    audited = audited || (r["user"] == "detective" && r["purpose"] == "AUDIT-REVIEW");
  BOOST_TEST(audited, refusals.out);

  auto list = As("administrator", "purpose list --format json");
  BOOST_TEST_REQUIRE(list.exitCode == 0, list.err);
  for (const auto& p : nlohmann::json::parse(list.out)) {
    if (p["code"] == "AUDIT-REVIEW") BOOST_TEST(p["roles"].get<std::string>() == "supervisor,auditor");
    if (p["code"] == "INV-PROPERTY") BOOST_TEST(p["roles"].get<std::string>().empty());
  }

  // An agency purpose with its own roles.
  auto added = As("administrator", "purpose add INV-INTERNAL --label " + ShellQuote("Internal investigation of staff") +
                                       " --roles supervisor");
  BOOST_TEST_REQUIRE(added.exitCode == 0, added.out + added.err);
  const std::string internal = " --case " + kCase + " --purpose INV-INTERNAL --justification " +
                               ShellQuote("Complaint 2026-114 about a patrol car");
  BOOST_TEST(As("detective", "search --limit 1" + RecentWindow() + internal).exitCode == 1);
  BOOST_TEST(As("supervisor", "search --limit 1" + RecentWindow() + internal).exitCode == 0);
  BOOST_TEST(
      As("administrator", "purpose add INV-X --label " + ShellQuote("Another purpose") + " --roles chief").exitCode ==
      2);
}

BOOST_AUTO_TEST_SUITE_END()
