// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli export` and `platedesk-cli verify` end to end: a demo storage, a real export to a
// folder, verification offline, and the tampering an attacker would try.
#include "CliSupport.h"

#include "platedesk/evidence/Bag.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <functional>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// A bag another tool made: one payload file, SHA-256 manifest, no tag manifest.
fs::path ForeignBag(const fs::path& dir) {
  Write(dir / "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  Write(dir / "data/a.txt", "hello");
  Write(dir / "manifest-sha256.txt",
        evidence::HexDigest(evidence::DigestAlgorithm::Sha256, "hello") + "  data/a.txt\n");
  return dir;
}

const std::string kContext = " --case 26-004512 --purpose INV-PROPERTY --justification " +
                             ShellQuote("Burglary 5th Ave, grey sedan seen leaving");

struct ExportFixture {
  TempFolder t;
  std::string dir = (t.Path() / "demo").string();
  fs::path media = t.Path() / "media";
  ExportFixture() {
    auto r = RunCli("demo --storage " + ShellQuote(dir) + " --reads 400 --cameras 4 --days 2 --seed 5");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    fs::create_directories(media);
  }
  ProcessResult Detective(const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(dir) + " --user detective",
                  {{"PLATEDESK_PASSWORD", "Blue-Heron-Pier-7"}});
  }
  // Exports and returns (package path, signing key line).
  std::pair<fs::path, std::string> Export(const std::string& selection) {
    auto r = Detective("export --to " + ShellQuote(media.string()) + " --no-encrypt --media-label USB-7 " + selection +
                       kContext);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    auto line = [&](const std::string& prefix) {
      const auto p = r.out.find(prefix);
      BOOST_TEST_REQUIRE(p != std::string::npos, r.out);
      return r.out.substr(p + prefix.size(), r.out.find('\n', p) - p - prefix.size());
    };
    return {fs::path(line("package: ")), line("signing key: ")};
  }
  std::string Key(const std::string& key) {
    const auto file = t.Path() / "agency-key.txt";
    Write(file, key + "\n");
    return " --key " + ShellQuote(file.string());
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(EvidenceCliTest)

BOOST_AUTO_TEST_CASE(VerifyBagitOnlyAcceptsAForeignBagAndNamesTheFirstProblem) {
  TempFolder t;
  const auto bag = ForeignBag(t.Path() / "bag");
  auto ok = RunCli("verify --bagit-only " + ShellQuote(bag.string()));
  BOOST_TEST(ok.exitCode == 0, ok.out + ok.err);
  BOOST_TEST(ok.out.find("VALID") != std::string::npos);
  Write(bag / "data/a.txt", "jello");
  auto bad = RunCli("verify --bagit-only " + ShellQuote(bag.string()));
  BOOST_TEST(bad.exitCode == 1);
  BOOST_TEST(bad.out.find("INVALID: data/a.txt does not match its sha256 checksum") != std::string::npos, bad.out);
  auto missing = RunCli("verify --bagit-only " + ShellQuote((t.Path() / "nothing").string()));
  BOOST_TEST(missing.exitCode == 1);
}

BOOST_FIXTURE_TEST_CASE(ExportFromASavedSearchVerifiesOfflineAndTamperingFails, ExportFixture) {
  auto search = Detective("search --limit 4 --format csv" + RecentWindow() + kContext);
  BOOST_TEST_REQUIRE(search.exitCode == 0, search.err);
  const auto csv = t.Path() / "hits.csv";
  Write(csv, search.out);
  auto [package, key] = Export("--from-search " + ShellQuote(csv.string()));
  BOOST_TEST(fs::is_directory(package));
  // Offline: no storage, no sign-in, the agency's key from a file.
  auto ok = RunCli("verify " + ShellQuote(package.string()) + Key(key));
  BOOST_TEST(ok.exitCode == 0, ok.out + ok.err);
  BOOST_TEST(ok.out.find("VERIFIED") != std::string::npos);
  BOOST_TEST(ok.out.find("warning: no --key") == std::string::npos);
  const std::string selection = ReadFile(package / "data/selection.json").Value();
  BOOST_TEST(selection.find("\"search_file_sha256\"") != std::string::npos);
  BOOST_TEST(selection.find("\"search.start\"") != std::string::npos);  // the search that found them, from the log

  // A copy, tampered in each way the issue names; verify fails and names the first problem.
  struct Tamper {
    const char* name;
    std::function<void(const fs::path&)> apply;
    const char* expect;
  };
  const std::vector<Tamper> tampers = {
      {"changed image byte",
       [](const fs::path& p) {
         fs::path image;
         for (const auto& e : fs::directory_iterator(p / "data/images")) image = e.path();
         std::string s = ReadFile(image).Value();
         s[s.size() / 2] ^= 0x20;
         Write(image, s);
       },
       "NOT VERIFIED: bagit: data/images/"},
      {"removed file", [](const fs::path& p) { fs::remove(p / "data/reads.csv"); },
       "NOT VERIFIED: bagit: data/reads.csv"},
      {"edited bag-info",
       [](const fs::path& p) {
         std::string s = ReadFile(p / "bag-info.txt").Value();
         s.replace(s.find("26-004512"), 9, "26-004999");
         Write(p / "bag-info.txt", s);
       },
       "NOT VERIFIED: bagit: bag-info.txt"},
      {"replaced signature", [](const fs::path& p) { Write(p / "platedesk-signature.txt", "not a signature\n"); },
       "NOT VERIFIED: signature"},
      {"forged proof",
       [](const fs::path& p) {
         std::string s = ReadFile(p / "data/audit/export-event.json").Value();
         const auto at = s.find("\"seq\": ") + 7;
         s[at] = s[at] == '1' ? '2' : '1';
         Write(p / "data/audit/export-event.json", s);
       },
       "NOT VERIFIED: bagit: data/audit/export-event.json"},
  };
  int n = 0;
  for (const auto& tamper : tampers) {
    const auto copy = t.Path() / ("copy" + std::to_string(n++));
    fs::copy(package, copy, fs::copy_options::recursive);
    tamper.apply(copy);
    auto bad = RunCli("verify " + ShellQuote(copy.string()) + Key(key));
    BOOST_TEST(bad.exitCode == 1, tamper.name);
    BOOST_TEST(bad.out.find(tamper.expect) != std::string::npos, tamper.name << ":\n" << bad.out);
  }
  // Signed by someone else's key: the package's own key is not the agency's.
  auto otherKey = RunCli("verify " + ShellQuote(package.string()) +
                         Key("platedesk.local/other+4a5e6c7b+AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijk"));
  BOOST_TEST(otherKey.exitCode != 0);
}

BOOST_FIXTURE_TEST_CASE(ExportNeedsOneSelectionAndTheAccessContext, ExportFixture) {
  BOOST_TEST(Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) + kContext).exitCode == 2);
  BOOST_TEST(Detective("export --to " + ShellQuote(media.string()) + " --reads 1" + kContext).exitCode ==
             2);  // no label
  BOOST_TEST(Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) + " --reads 1 --case-reads" +
                       kContext)
                 .exitCode == 2);
  auto refused = Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) +
                           " --reads 1 --case 26-004512 --purpose PROHIB-PERSONAL --justification " +
                           ShellQuote("checking on my neighbour's car"));
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(fs::is_empty(media));
  // A folder given as the saved search is a clear error, not an internal one.
  auto folder = Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) +
                          " --no-encrypt --from-search " + ShellQuote(t.Path().string()) + kContext);
  BOOST_TEST(folder.exitCode == 1);
  BOOST_TEST(folder.err.find("folder") != std::string::npos, folder.err);
  BOOST_TEST(folder.err.find("internal") == std::string::npos, folder.err);
  // A saved search re-saved by a spreadsheet as "CSV UTF-8" (byte-order mark first) is read.
  Write(t.Path() / "excel.csv", "\xEF\xBB\xBFread_id,plate\r\n7,ABC123\r\n");
  auto [excel, excelKey] = Export("--from-search " + ShellQuote((t.Path() / "excel.csv").string()));
  BOOST_TEST(ReadFile(excel / "data/reads.json").Value().find("\"read_id\": 7") != std::string::npos);
  fs::remove_all(excel);
  // --case-reads exports what earlier exports held for the case.
  auto [first, key] = Export("--reads 3,4,5");
  auto [again, key2] = Export("--case-reads");
  auto v = RunCli("verify " + ShellQuote(again.string()) + Key(key2));
  BOOST_TEST(v.exitCode == 0, v.out);
  BOOST_TEST(ReadFile(again / "data/reads.json").Value().find("\"read_id\": 5") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(AnEncryptedExportShowsThePassphraseOnceAndVerifyOpensTheZip, ExportFixture) {
  // The passphrase file may not sit on the medium (same file system as --to).
  auto refused =
      Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) +
                " --encrypt --reads 1,2 --passphrase-file " + ShellQuote((media / "pass.txt").string()) + kContext);
  BOOST_TEST(refused.exitCode == 2, refused.err);
  BOOST_TEST(fs::is_empty(media));

  auto r = Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) +
                     " --encrypt --reads 1,2 --received-by " + ShellQuote("Property room, officer 4411") +
                     " --passphrase-delivery " + ShellQuote("by phone") + kContext);
  BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
  auto field = [&](const std::string& prefix) {
    const auto p = r.out.find(prefix);
    BOOST_TEST_REQUIRE(p != std::string::npos, r.out);
    const auto end = r.out.find_first_of(" \n", p + prefix.size());
    return r.out.substr(p + prefix.size(), end - p - prefix.size());
  };
  const fs::path zip = field("package: ");
  const std::string pass = field("passphrase: ");
  const std::string key = r.out.substr(r.out.find("signing key: ") + 13, r.out.find('\n', r.out.find("signing key: ")) -
                                                                             r.out.find("signing key: ") - 13);
  BOOST_TEST(zip.extension() == ".zip");
  BOOST_TEST(pass.size() == 35u);
  BOOST_TEST(ReadFile(zip).Value().find(pass) == std::string::npos);
  auto ok = RunCli("verify " + ShellQuote(zip.string()) + Key(key), {{"PLATEDESK_PASSPHRASE", pass}});
  BOOST_TEST(ok.exitCode == 0, ok.out + ok.err);
  BOOST_TEST(ok.out.find("ok    archive") != std::string::npos, ok.out);
  BOOST_TEST(ok.out.find("VERIFIED") != std::string::npos);
  auto wrong = RunCli("verify " + ShellQuote(zip.string()) + Key(key), {{"PLATEDESK_PASSPHRASE", "not-it"}});
  BOOST_TEST(wrong.exitCode == 1);
  BOOST_TEST(wrong.err.find("wrong passphrase") != std::string::npos, wrong.err);
  // 7-Zip, which recipients have on Windows and Linux, opens it.
  BOOST_TEST(Run("7zz t -p" + ShellQuote(pass) + " " + ShellQuote(zip.string())).exitCode == 0);
  // The passphrase never reaches the audit log.
  auto audit = RunCli("audit export --storage " + ShellQuote(dir) + " --user supervisor",
                      {{"PLATEDESK_PASSWORD", "Cedar-Lantern-Ridge-3"}});
  BOOST_TEST_REQUIRE(audit.exitCode == 0, audit.err);
  BOOST_TEST(audit.out.find("aes-256-zip") != std::string::npos);
  BOOST_TEST(audit.out.find(pass) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
