// SPDX-License-Identifier: GPL-3.0-or-later
// The two signing keys, the audit witness and the anchoring verdict end to end through the real
// platedesk-cli on a demo storage: `keys rotate`, `verify --storage`, `audit witness` (first run,
// a run that proves the log grew, a rewritten log refused with nothing stored) and `audit verify`
// with PASS only for a trusted key and an external checkpoint.
#include "CliSupport.h"

#include "platedesk/common/Text.h"
#include "platedesk/evidence/SigningKeys.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

const std::string kContext = " --case 26-004512 --purpose INV-PROPERTY --justification " +
                             ShellQuote("Burglary 5th Ave, grey sedan seen leaving");
const std::map<std::string, std::string> kPasswords = {{"detective", "Blue-Heron-Pier-7"},
                                                       {"supervisor", "Cedar-Lantern-Ridge-3"},
                                                       {"administrator", "Orca-Tide-Station-9"}};

std::string LineAfter(const std::string& text, const std::string& prefix) {
  const auto p = text.find(prefix);
  if (p == std::string::npos) return {};
  const auto start = p + prefix.size();
  return text.substr(start, text.find('\n', start) - start);
}

// Every file of a folder with its bytes: what a refused witness run must leave as it was.
std::map<std::string, std::string> Snapshot(const fs::path& folder) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(folder)) out[e.path().filename().string()] = ReadFile(e.path()).Value();
  return out;
}

struct KeysFixture {
  TempFolder t;
  std::string dir = (t.Path() / "demo").string();
  fs::path media = t.Path() / "media";
  fs::path witness = t.Path() / "witness";
  KeysFixture() {
    auto r = RunCli("demo --storage " + ShellQuote(dir) + " --reads 300 --cameras 3 --days 2 --seed 7");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    fs::create_directories(media);
  }
  ProcessResult As(const std::string& user, const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(dir) + " --user " + user,
                  {{"PLATEDESK_PASSWORD", kPasswords.at(user)}});
  }
  // Exports reads as the detective; returns (package folder, signing key).
  std::pair<fs::path, std::string> Export(const std::string& reads) {
    auto r = As("detective", "export --media-label USB-0042 --to " + ShellQuote(media.string()) +
                                 " --no-encrypt --reads " + reads + kContext);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    return {fs::path(LineAfter(r.out, "package: ")), LineAfter(r.out, "signing key: ")};
  }
  std::string KeyFile(const std::string& name, const std::vector<std::string>& keys) {
    std::string text;
    for (const auto& k : keys) text += k + "\n";
    BOOST_REQUIRE(WriteFileAtomic(t.Path() / name, text).Ok());
    return " --key " + ShellQuote((t.Path() / name).string());
  }
  ProcessResult Witness() {
    return RunCli("audit witness --storage " + ShellQuote(dir) + " --out " + ShellQuote(witness.string()));
  }
  ProcessResult Verify(const std::string& args) { return RunCli("audit verify --storage " + ShellQuote(dir) + args); }
  // Activity that appends audit records (a sign-in and a search: four or more records).
  void Activity(int times) {
    for (int i = 0; i < times; ++i)
      BOOST_TEST_REQUIRE(As("detective", "search --limit 2 --format csv" + RecentWindow() + kContext).exitCode == 0);
  }
  // The audit key, as the supervisor's `audit checkpoint` prints it.
  std::string AuditKey() {
    auto r = As("supervisor", "audit checkpoint --out " + ShellQuote((t.Path() / "cp.txt").string()));
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    return LineAfter(r.out, "Verifier key: ");
  }
  std::uint64_t StoredSize(const std::string& out) {
    const std::string line = LineAfter(out, "checkpoint-");
    BOOST_TEST_REQUIRE(!line.empty(), out);
    return std::stoull(line.substr(0, line.find('.')));
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(KeysCliTest, KeysFixture)

BOOST_AUTO_TEST_CASE(EachKeyRotatesForAdministratorsAndPackagesFollowTheEvidenceKeyOnly) {
  auto [before, firstKey] = Export("1");
  BOOST_TEST_REQUIRE(!firstKey.empty());
  const std::string auditKey = AuditKey();
  BOOST_TEST(firstKey != auditKey);
  // Packages trust evidence keys: the audit key does not verify one, the storage's keys do.
  BOOST_TEST(RunCli("verify " + ShellQuote(before.string()) + KeyFile("audit.txt", {auditKey})).exitCode == 1);
  auto fromStorage = RunCli("verify " + ShellQuote(before.string()) + " --storage " + ShellQuote(dir));
  BOOST_TEST(fromStorage.exitCode == 0, fromStorage.out + fromStorage.err);
  BOOST_TEST(fromStorage.out.find("the storage's evidence keys") != std::string::npos, fromStorage.out);
  BOOST_TEST(
      RunCli("verify " + ShellQuote(before.string()) + " --storage " + ShellQuote(dir) + KeyFile("k.txt", {firstKey}))
          .exitCode == 2);

  BOOST_TEST(As("administrator", "keys rotate").exitCode == 2);
  BOOST_TEST(As("administrator", "keys rotate --which both").exitCode == 2);
  auto refused = As("detective", "keys rotate --which evidence");
  BOOST_TEST(refused.exitCode == 1, refused.out + refused.err);
  BOOST_TEST(refused.err.find("administrators") != std::string::npos, refused.err);

  auto evidence = As("administrator", "keys rotate --which evidence");
  BOOST_TEST_REQUIRE(evidence.exitCode == 0, evidence.out + evidence.err);
  const std::string secondKey = LineAfter(evidence.out, "New verifier key: ");
  BOOST_TEST(LineAfter(evidence.out, "Previous key: ") == firstKey);
  BOOST_TEST(secondKey != firstKey);
  auto [after, signedWith] = Export("2");
  BOOST_TEST(signedWith == secondKey);
  BOOST_TEST(RunCli("verify " + ShellQuote(after.string()) + KeyFile("first.txt", {firstKey})).exitCode == 1);
  for (const auto& p : {before, after})
    BOOST_TEST(RunCli("verify " + ShellQuote(p.string()) + " --storage " + ShellQuote(dir)).exitCode == 0);
  // The storage's evidence-keys.txt is a trusted-keys file as it is.
  const std::string published = " --key " + ShellQuote((fs::path(dir) / evidence::kEvidenceKeysFileName).string());
  BOOST_TEST(RunCli("verify " + ShellQuote(before.string()) + published).exitCode == 0);

  // The audit key: new checkpoints, the same evidence key; the old command is an alias.
  auto audit = As("administrator", "keys rotate --which audit");
  BOOST_TEST_REQUIRE(audit.exitCode == 0, audit.out + audit.err);
  BOOST_TEST(LineAfter(audit.out, "Previous key: ") == auditKey);
  auto alias = As("administrator", "audit rotate-key");
  BOOST_TEST_REQUIRE(alias.exitCode == 0, alias.out + alias.err);
  BOOST_TEST(alias.out.find("Rotated the audit key") != std::string::npos, alias.out);
  BOOST_TEST(LineAfter(alias.out, "Previous key: ") == LineAfter(audit.out, "New verifier key: "));
  auto [third, stillSignedWith] = Export("3");
  BOOST_TEST(stillSignedWith == secondKey);
  BOOST_TEST(RunCli("verify " + ShellQuote(third.string()) + " --storage " + ShellQuote(dir)).exitCode == 0);

  // Every change is in the log, saying which key.
  auto trail = As("supervisor", "audit export --event audit.key_rotated");
  BOOST_TEST_REQUIRE(trail.exitCode == 0, trail.err);
  std::vector<std::string> which;
  for (const auto& line : Split(trail.out, '\n'))
    if (!line.empty()) which.push_back(nlohmann::json::parse(line)["details"]["which"].get<std::string>());
  BOOST_TEST((which == std::vector<std::string>{"evidence", "evidence", "audit", "audit"}));
}

BOOST_AUTO_TEST_CASE(TheWitnessStoresProvesGrowthAndRefusesARewrittenLog) {
  auto first = Witness();
  BOOST_TEST_REQUIRE(first.exitCode == 0, first.out + first.err);
  BOOST_TEST(first.out.find("First run") != std::string::npos, first.out);
  BOOST_TEST(first.out.find("fingerprint") != std::string::npos, first.out);
  const std::uint64_t size1 = StoredSize(first.out);
  BOOST_TEST(fs::exists(witness / ("checkpoint-" + std::to_string(size1) + ".txt")));
  BOOST_TEST(fs::exists(witness / "keys.txt"));
  BOOST_TEST(ReadFile(witness / "latest").Value() ==
             ReadFile(witness / ("checkpoint-" + std::to_string(size1) + ".txt")).Value());

  auto unchanged = Witness();
  BOOST_TEST(unchanged.exitCode == 0, unchanged.out + unchanged.err);
  BOOST_TEST(unchanged.out.find("Unchanged") != std::string::npos, unchanged.out);

  Activity(2);
  auto second = Witness();
  BOOST_TEST_REQUIRE(second.exitCode == 0, second.out + second.err);
  const std::uint64_t size2 = StoredSize(second.out);
  BOOST_TEST(size2 > size1);
  BOOST_TEST(second.out.find("Consistent with the checkpoint of " + std::to_string(size1)) != std::string::npos,
             second.out);
  BOOST_TEST(ReadFile(witness / "latest").Value() ==
             ReadFile(witness / ("checkpoint-" + std::to_string(size2) + ".txt")).Value());

  // An attacker with the files cuts the log back below what the witness holds and lets it grow
  // again with other records (and re-signed checkpoints): the new head does not extend the old.
  const std::uint64_t cut = size2 - 3;
  auto edit =
      Run("sqlite3 " + ShellQuote((fs::path(dir) / "audit.db").string()) +
          " \"DROP TRIGGER records_no_delete; DROP TRIGGER nodes_no_delete; DROP TRIGGER checkpoints_no_delete; "
          "DELETE FROM records WHERE seq >= " +
          std::to_string(cut) + "; DELETE FROM nodes WHERE ((idx + 1) << level) > " + std::to_string(cut) +
          "; DELETE FROM checkpoints WHERE tree_size > " + std::to_string(cut) + ";\"");
  BOOST_TEST_REQUIRE(edit.exitCode == 0, edit.err);
  Activity(2);
  const auto before = Snapshot(witness);
  auto rewritten = Witness();
  BOOST_TEST(rewritten.exitCode == 1, rewritten.out + rewritten.err);
  BOOST_TEST(rewritten.err.find("the log was rewritten") != std::string::npos, rewritten.err);
  BOOST_TEST(rewritten.err.find("nothing was stored") != std::string::npos, rewritten.err);
  BOOST_TEST((Snapshot(witness) == before));
  // The same refusal when the log was only cut back (shorter than what the witness holds).
  auto cutOnly = Run("sqlite3 " + ShellQuote((fs::path(dir) / "audit.db").string()) +
                     " \"DELETE FROM records WHERE seq >= " + std::to_string(cut) +
                     "; DELETE FROM nodes WHERE ((idx + 1) << level) > " + std::to_string(cut) +
                     "; DELETE FROM checkpoints WHERE tree_size > " + std::to_string(cut) + ";\"");
  BOOST_TEST_REQUIRE(cutOnly.exitCode == 0, cutOnly.err);
  auto shorter = Witness();
  BOOST_TEST(shorter.exitCode == 1, shorter.out + shorter.err);
  BOOST_TEST(shorter.err.find("the log was rewritten") != std::string::npos, shorter.err);
  BOOST_TEST((Snapshot(witness) == before));
}

BOOST_AUTO_TEST_CASE(TheWitnessFollowsAnEndorsedKeyAndRefusesAnotherLog) {
  BOOST_TEST_REQUIRE(Witness().exitCode == 0);
  BOOST_TEST_REQUIRE(As("administrator", "keys rotate --which audit").exitCode == 0);
  auto followed = Witness();
  BOOST_TEST_REQUIRE(followed.exitCode == 0, followed.out + followed.err);
  BOOST_TEST(followed.out.find("endorsed the new one") != std::string::npos, followed.out);
  const std::string keys = ReadFile(witness / "keys.txt").Value();
  BOOST_TEST(keys.find("endorsed by key") != std::string::npos, keys);

  // Another storage's log (its own keys) is not the log this witness follows.
  const std::string other = (t.Path() / "other").string();
  BOOST_TEST_REQUIRE(
      RunCli("demo --storage " + ShellQuote(other) + " --reads 50 --cameras 1 --days 1 --seed 2").exitCode == 0);
  const auto before = Snapshot(witness);
  auto foreign = RunCli("audit witness --storage " + ShellQuote(other) + " --out " + ShellQuote(witness.string()));
  BOOST_TEST(foreign.exitCode == 1, foreign.out + foreign.err);
  BOOST_TEST(foreign.err.find("not the ones this witness trusts") != std::string::npos, foreign.err);
  BOOST_TEST((Snapshot(witness) == before));
}

BOOST_AUTO_TEST_CASE(AuditVerifyPassesOnlyWithATrustedKeyAndAnExternalCheckpoint) {
  const std::string key = KeyFile("audit-key.txt", {AuditKey()});
  auto notAnchored = Verify(key);
  BOOST_TEST(notAnchored.exitCode == 3, notAnchored.out + notAnchored.err);
  BOOST_TEST(notAnchored.out.find("INTACT, NOT ANCHORED") != std::string::npos, notAnchored.out);
  BOOST_TEST(notAnchored.out.find("PASS") == std::string::npos, notAnchored.out);

  auto empty = Verify(key + " --witness " + ShellQuote(witness.string()));
  BOOST_TEST(empty.exitCode == 1, empty.out + empty.err);  // no checkpoint there yet

  BOOST_TEST_REQUIRE(Witness().exitCode == 0);
  const std::string withWitness = " --witness " + ShellQuote(witness.string());
  auto pass = Verify(key + withWitness);
  BOOST_TEST(pass.exitCode == 0, pass.out + pass.err);
  BOOST_TEST(pass.out.find("external checkpoints verified: 1") != std::string::npos, pass.out);
  BOOST_TEST(pass.out.find("PASS") != std::string::npos, pass.out);
  // The witness's keys.txt is a trusted-keys file too.
  BOOST_TEST(Verify(" --key " + ShellQuote((witness / "keys.txt").string()) + withWitness).exitCode == 0);

  auto unsigned_ = Verify(withWitness);
  BOOST_TEST(unsigned_.exitCode == 3, unsigned_.out + unsigned_.err);
  BOOST_TEST(unsigned_.out.find("INTACT, SIGNER NOT VERIFIED") != std::string::npos, unsigned_.out);

  // One edited record: FAIL, exit 1.
  Activity(1);
  auto edit = Run("sqlite3 " + ShellQuote((fs::path(dir) / "audit.db").string()) +
                  " \"DROP TRIGGER records_append_only; UPDATE records SET record = replace(record, 'INV-PROPERTY', "
                  "'INV-PROPERTX') WHERE record LIKE '%INV-PROPERTY%';\"");
  BOOST_TEST_REQUIRE(edit.exitCode == 0, edit.err);
  auto fail = Verify(key + withWitness);
  BOOST_TEST(fail.exitCode == 1, fail.out + fail.err);
  BOOST_TEST(fail.out.find("FAIL") != std::string::npos, fail.out);
}

BOOST_AUTO_TEST_SUITE_END()
