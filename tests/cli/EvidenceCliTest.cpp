// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli export` and `platedesk-cli verify` end to end: a demo storage, a real export to a
// folder, verification offline, and the tampering an attacker would try.
#include "CliSupport.h"
#include "platedesk/evidence/Bag.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

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
  Write(dir / "manifest-sha256.txt", evidence::HexDigest(evidence::DigestAlgorithm::Sha256, "hello") + "  data/a.txt\n");
  return dir;
}

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

BOOST_AUTO_TEST_SUITE_END()
