// SPDX-License-Identifier: GPL-3.0-or-later
// The storage's two signing keys through the facade: evidence packages signed with the evidence
// key and checkpoints with the audit key (neither verifies for the other), the migration of a
// storage from before the keys were separated, each key's rotation, the checkpoints a witness
// fetches (Workstation::LatestCheckpoint), and the owner-only storage folder.
#include "WorkstationTestSupport.h"

#include "platedesk/audit/Checkpoint.h"
#include "platedesk/audit/Merkle.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"

#include <nlohmann/json.hpp>

#include <charconv>

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct KeysFixture : AgencyFixture {
  fs::path media = folder.Path() / "media";
  KeysFixture() { fs::create_directories(media); }

  EvidenceExport Export(const fs::path& to) {
    fs::create_directories(to);
    EvidenceRequest r;
    r.mediaLabel = "USB-0042";
    r.reads = reads;
    r.destination = to;
    auto out = Detective()->ExportEvidence(Context(), r);
    BOOST_REQUIRE_MESSAGE(out.Ok(), (out.Ok() ? "" : out.Err().ToString()));
    return *out;
  }
  std::vector<nlohmann::json> Rotations() {
    std::vector<nlohmann::json> out;
    for (const auto& r : AllRecords())
      if (r.event == "audit.key_rotated") out.push_back(nlohmann::json::parse(r.canonical));
    return out;
  }
};

#ifndef _WIN32
unsigned Mode(const fs::path& p) {
  struct stat st {};
  BOOST_REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}
#endif

// What platedesk-key.txt names under `label`.
std::string KeyFileField(const fs::path& package, const std::string& label) {
  const std::string text = ReadFile(package / std::string(evidence::kKeyFile)).Value();
  const auto at = text.find(label + ": ");
  if (at == std::string::npos) return {};
  const auto start = at + label.size() + 2;
  return text.substr(start, text.find('\n', start) - start);
}

Sha256Digest Digest(const std::string& hex) {
  Sha256Digest d{};
  BOOST_REQUIRE_EQUAL(hex.size(), 64u);
  for (std::size_t i = 0; i < d.size(); ++i) {
    unsigned v = 0;
    std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, v, 16);
    d[i] = static_cast<std::uint8_t>(v);
  }
  return d;
}

// A storage as PlateDesk left it before the keys were separated: one audit key, which also signed
// the evidence package exported from it (written here as that version wrote it).
struct SingleKeyStorage {
  TempFolder folder;
  ManualClock clock{UtcFromCivil(2026, 11, 2, 8)};
  fs::path dir = folder.Path() / "storage";
  std::string sharedKey;
  std::string sharedSecret;
  fs::path package;

  SingleKeyStorage() {
    auto s = store::Storage::Create(dir, clock).Value();
    auto cam = s->EnsureCamera("cam-1", "Aurora Ave N & N 85th St", store::CameraKind::Fixed, std::nullopt).Value();
    const std::string sha = s->PutImage("\xFF\xD8 an old storage's plate crop \xFF\xD9", "image/jpeg", 10, 5)->sha256;
    std::vector<store::ReadId> ids;
    for (int i = 0; i < 2; ++i) {
      store::NewRead r;
      r.sourceFormat = "csv";
      r.sourceUuid = "old-" + std::to_string(i);
      r.capturedAt = clock.Now() - (i + 1) * kMsPerHour;
      r.camera = cam;
      r.plateReported = r.plate = "OLD10" + std::to_string(i);
      r.state = "WA";
      r.confidence = 90;
      r.plateImage = sha;
      r.payloadSha256 = Sha256Hex(r.sourceUuid);
      ids.push_back(s->InsertRead(r)->id);
    }
    const std::string storageId = s->GetSetting("storage_id").Value().value_or("");
    auto log = audit::AuditLog::Open(dir / audit::kAuditDbFileName, {storageId, "ws-old", "0.9.0"}, clock).Value();
    sharedKey = log->VerifierKey().Value();
    sharedSecret = ReadFile(dir / audit::kSigningKeyFileName).Value();

    evidence::PackageContent c;
    c.packageId = RandomHex(16);
    c.agency = "Test County Sheriff";
    c.caseNumber = "26-004512";
    c.purposeCode = "INV-PROPERTY";
    c.exportedBy = "d.reyes";
    c.exportedAt = clock.Now();
    c.reads = s->GetReads(ids).Value();
    c.images = {*s->FindImage(sha).Value()};
    c.cameras = s->Cameras().Value();
    c.imageBytes = [&s](const std::string& image) { return s->GetImage(image); };
    audit::AuditEvent e{.event = "export.start",
                        .user = "d.reyes",
                        .session = "s-old",
                        .caseNumber = c.caseNumber,
                        .purposeCode = c.purposeCode};
    e.objects = {"package:" + c.packageId, "image:" + sha};
    for (auto id : ids) e.objects.push_back("read:" + std::to_string(id));
    auto record = log->Append(e).Value();
    auto cp = log->SignCheckpoint().Value();
    c.anchor = {record.canonical, record.seq, cp.size, log->InclusionProof(record.seq, cp.size).Value(), cp.note};
    c.verifierKey = sharedKey;  // one key for everything, as then
    c.sign = [&log](std::string_view text) { return log->SignStatement(text); };
    fs::create_directories(folder.Path() / "media");
    package = evidence::WritePackage(c, folder.Path() / "media").Value().path;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionKeysTest, KeysFixture)

BOOST_AUTO_TEST_CASE(APackageIsSignedWithTheEvidenceKeyAndNeitherKeyVerifiesForTheOther) {
  const auto out = Export(media);
  auto admin = Admin();
  const std::string auditKey = admin->AuditPublicKey().Value();
  BOOST_TEST(!out.signingKey.empty());
  BOOST_TEST(out.signingKey != auditKey);
  BOOST_TEST(KeyFileField(out.path, "Verifier-Key") == out.signingKey);
  BOOST_TEST(KeyFileField(out.path, "Audit-Verifier-Key") == auditKey);
  BOOST_TEST((evidence::SigningKeys::ReadPublicKeys(dir).Value() == std::vector<std::string>{out.signingKey}));

  auto byEvidenceKey = evidence::VerifyPackage(out.path, std::vector<std::string>{out.signingKey}).Value();
  BOOST_TEST(byEvidenceKey.SignerVerified(), byEvidenceKey.firstProblem);
  auto byAuditKey = evidence::VerifyPackage(out.path, std::vector<std::string>{auditKey}).Value();
  BOOST_TEST(!byAuditKey.valid);
  BOOST_TEST(byAuditKey.firstProblem.find("not a trusted key") != std::string::npos, byAuditKey.firstProblem);
  auto session = admin->VerifyEvidence(out.path, std::nullopt).Value();
  BOOST_TEST(session.SignerVerified(), session.firstProblem);

  // And the other way: a checkpoint does not open with the evidence key, nor does the log verify
  // with it as its root of trust.
  const std::string note = admin->ExportCheckpoint().Value();
  BOOST_TEST(audit::OpenCheckpoint(note, *audit::ParseVerifierKey(auditKey)).Ok());
  BOOST_TEST(!audit::OpenCheckpoint(note, *audit::ParseVerifierKey(out.signingKey)).Ok());
  auto log = audit::VerifyLog(dir / audit::kAuditDbFileName, std::vector<std::string>{}, out.signingKey).Value();
  BOOST_TEST(!log.ok);
  BOOST_TEST(audit::VerifyProblemName(log.problem) == audit::VerifyProblemName(audit::VerifyProblem::KeyChain));
  BOOST_TEST(audit::VerifyLog(dir / audit::kAuditDbFileName, std::vector<std::string>{}, auditKey)->ok);

  // The evidence key's creation is in the log, as an evidence key change.
  const auto rotations = Rotations();
  BOOST_REQUIRE_EQUAL(rotations.size(), 1u);
  BOOST_TEST(rotations[0]["details"]["which"].get<std::string>() == "evidence");
  BOOST_TEST(rotations[0]["details"]["new_key"].get<std::string>() == out.signingKey);
  BOOST_TEST(!rotations[0]["details"].contains("old_key"));
}

BOOST_AUTO_TEST_CASE(EachKeyRotatesOnItsOwnTheOldPackagesStillVerifyAndTheLogSaysWhich) {
  const auto before = Export(media / "before");
  auto detective = Detective();
  BOOST_TEST((detective->RotateEvidenceKey().Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((detective->RotateAuditKey().Err().code == ErrorCode::PermissionDenied));
  auto admin = Admin();
  const std::string auditKey = admin->AuditPublicKey().Value();

  auto evidenceRotation = admin->RotateEvidenceKey();
  BOOST_REQUIRE_MESSAGE(evidenceRotation.Ok(), (evidenceRotation.Ok() ? "" : evidenceRotation.Err().ToString()));
  BOOST_TEST(evidenceRotation->oldKey == before.signingKey);
  BOOST_TEST(evidenceRotation->newKey != before.signingKey);
  BOOST_TEST(!evidenceRotation->newFingerprint.empty());
  BOOST_TEST(admin->AuditPublicKey().Value() == auditKey);  // the audit key is untouched
  BOOST_TEST((evidence::SigningKeys::ReadPublicKeys(dir).Value() ==
              std::vector<std::string>{before.signingKey, evidenceRotation->newKey}));
  auto last = nlohmann::json::parse(LastRecord());
  BOOST_TEST(last["event"].get<std::string>() == "audit.key_rotated");
  BOOST_TEST(last["user"].get<std::string>() == "a.rivera");
  BOOST_TEST(last["details"]["which"].get<std::string>() == "evidence");
  BOOST_TEST(last["details"]["old_key"].get<std::string>() == before.signingKey);
  BOOST_TEST(last["details"]["new_key"].get<std::string>() == evidenceRotation->newKey);

  const auto afterEvidence = Export(media / "after-evidence");
  BOOST_TEST(afterEvidence.signingKey == evidenceRotation->newKey);
  BOOST_TEST(admin->VerifyEvidence(before.path, std::nullopt)->SignerVerified());
  BOOST_TEST(admin->VerifyEvidence(afterEvidence.path, std::nullopt)->SignerVerified());

  auto auditRotation = admin->RotateAuditKey();
  BOOST_REQUIRE(auditRotation.Ok());
  BOOST_TEST(auditRotation->oldKey == auditKey);
  last = nlohmann::json::parse(LastRecord());
  BOOST_TEST(last["details"]["which"].get<std::string>() == "audit");
  const auto afterAudit = Export(media / "after-audit");
  BOOST_TEST(afterAudit.signingKey == evidenceRotation->newKey);  // the evidence key is untouched
  BOOST_TEST(KeyFileField(afterAudit.path, "Audit-Verifier-Key") == auditRotation->newKey);
  for (const auto* out : {&before, &afterEvidence, &afterAudit}) {
    auto v = admin->VerifyEvidence(out->path, std::nullopt).Value();
    BOOST_TEST(v.SignerVerified(), v.firstProblem);
  }
  // The log still verifies from its first key, and counts the audit keys only.
  auto log = audit::VerifyLog(dir / audit::kAuditDbFileName, std::vector<std::string>{}, auditKey).Value();
  BOOST_TEST(log.ok, log.reason);
  BOOST_TEST(log.keys == 2u);
}

BOOST_AUTO_TEST_CASE(LatestCheckpointSignsWhatWasAppendedAndProvesItExtendsTheLast) {
  auto first = ws->LatestCheckpoint(0);
  BOOST_REQUIRE_MESSAGE(first.Ok(), (first.Ok() ? "" : first.Err().ToString()));
  BOOST_REQUIRE_EQUAL(first->verifierKeys.size(), 1u);
  BOOST_REQUIRE_EQUAL(first->endorsements.size(), 1u);
  BOOST_TEST(first->endorsements[0].empty());
  auto head1 = audit::OpenCheckpoint(first->checkpoint, *audit::ParseVerifierKey(first->verifierKeys[0]));
  BOOST_REQUIRE(head1.Ok());
  BOOST_TEST(head1->size == AuditSize());  // everything so far, signed now
  BOOST_TEST(first->consistency.empty());

  // Nothing appended: the same head, and nothing to prove.
  auto same = ws->LatestCheckpoint(head1->size).Value();
  BOOST_TEST(same.checkpoint == first->checkpoint);
  BOOST_TEST(same.consistency.empty());

  // More activity and a rotation: a new head, signed by the new key, that extends the first.
  auto admin = Admin();
  BOOST_REQUIRE(admin->RotateAuditKey().Ok());
  BOOST_REQUIRE(admin->AddPurpose("INV-FRAUD", "Fraud investigation", false).Ok());
  auto later = ws->LatestCheckpoint(head1->size).Value();
  BOOST_TEST(later.fromSize == head1->size);
  BOOST_REQUIRE_EQUAL(later.verifierKeys.size(), 2u);
  auto endorsed = audit::OpenEndorsement(later.endorsements[1], *audit::ParseVerifierKey(later.verifierKeys[0]));
  BOOST_REQUIRE(endorsed.Ok());
  BOOST_TEST(endorsed->newKey == later.verifierKeys[1]);
  auto head2 = audit::OpenCheckpoint(later.checkpoint, *audit::ParseVerifierKey(later.verifierKeys[1]));
  BOOST_REQUIRE(head2.Ok());
  BOOST_TEST(head2->size == AuditSize());
  std::vector<Sha256Digest> proof;
  for (const auto& hex : later.consistency) proof.push_back(Digest(hex));
  BOOST_TEST(!proof.empty());
  BOOST_TEST(audit::VerifyConsistency(head1->size, head2->size, head1->root, head2->root, proof));
  // A proof for another old root fails: what a witness checks.
  Sha256Digest otherRoot = head1->root;
  otherRoot[0] ^= 1;
  BOOST_TEST(!audit::VerifyConsistency(head1->size, head2->size, otherRoot, head2->root, proof));

  // A witness that holds more than the log has: the log was cut back.
  auto beyond = ws->LatestCheckpoint(head2->size + 5);
  BOOST_REQUIRE(!beyond.Ok());
  BOOST_TEST((beyond.Err().code == ErrorCode::InvalidArgument));
}

#ifndef _WIN32  // POSIX modes; on Windows the profile folder's ACL protects the storage
BOOST_AUTO_TEST_CASE(TheStorageFolderIsOwnerOnlyAndOpenMakesAnOlderOneSo) {
  auto check = [&](const std::string& when) {
    BOOST_TEST(Mode(dir) == 0700u, when);
    for (const auto& e : fs::directory_iterator(dir)) {
      const unsigned want = fs::is_directory(e.path()) ? 0700u : 0600u;
      BOOST_TEST(Mode(e.path()) == want, when << ": " << e.path().filename() << " " << std::oct << Mode(e.path()));
    }
  };
  check("created");
  BOOST_TEST(fs::exists(dir / evidence::kEvidenceKeyFileName));
  BOOST_TEST(fs::exists(dir / evidence::kEvidenceKeysFileName));
  // As an older PlateDesk left it: readable by everyone.
  ws.reset();
  for (const auto& e : fs::directory_iterator(dir))
    fs::permissions(e.path(), fs::is_directory(e.path()) ? fs::perms(0755) : fs::perms(0644),
                    fs::perm_options::replace);
  fs::permissions(dir, fs::perms(0755), fs::perm_options::replace);
  BOOST_REQUIRE(Mode(dir / audit::kSigningKeyFileName) == 0644u);
  ws = Workstation::Open(dir, clock).Value();
  check("reopened");

  // A new storage folder is owner-only before anything is in it.
  const fs::path fresh = folder.Path() / "fresh";
  BOOST_REQUIRE(store::Storage::Create(fresh, clock).Ok());
  BOOST_TEST(Mode(fresh) == 0700u);
}
#endif

BOOST_AUTO_TEST_CASE(MissingEvidenceKeysAreAnErrorNeverANewKey) {
  ws.reset();
  fs::remove(dir / evidence::kEvidenceKeyFileName);
  fs::remove(dir / evidence::kEvidenceKeysFileName);
  auto reopened = Workstation::Open(dir, clock);
  BOOST_REQUIRE(!reopened.Ok());
  BOOST_TEST((reopened.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(!fs::exists(dir / evidence::kEvidenceKeysFileName));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(SingleKeyStorageTest, SingleKeyStorage)

BOOST_AUTO_TEST_CASE(AnOldSingleKeyStorageKeepsVerifyingItsPackagesAfterMigration) {
  auto ws = Workstation::Open(dir, clock);
  BOOST_REQUIRE_MESSAGE(ws.Ok(), (ws.Ok() ? "" : ws.Err().ToString()));
  // The shared key is now a rotated-out evidence key, followed by the new evidence key...
  const auto evidenceKeys = evidence::SigningKeys::ReadPublicKeys(dir).Value();
  BOOST_REQUIRE_EQUAL(evidenceKeys.size(), 2u);
  BOOST_TEST(evidenceKeys[0] == sharedKey);
  // ...and the audit key was rotated: the secret that signed both is no longer on disk.
  auto log = audit::AuditLog::OpenReadOnly(dir / audit::kAuditDbFileName).Value();
  const auto chain = log->KeyChain().Value();
  BOOST_REQUIRE_EQUAL(chain.size(), 2u);
  BOOST_TEST(chain[0] == sharedKey);
  BOOST_TEST(chain[1] != evidenceKeys[1]);
  for (const auto& e : fs::directory_iterator(dir))
    if (fs::is_regular_file(e.path()))
      BOOST_TEST(ReadFile(e.path()).Value().find(sharedSecret) == std::string::npos, e.path());
  // Both changes are in the log, and it verifies from its first (the shared) key.
  std::vector<nlohmann::json> rotations;
  audit::RecordFilter filter;
  filter.eventType = "audit.key_rotated";
  const auto records = log->List(filter).Value();
  for (const auto& r : records) rotations.push_back(nlohmann::json::parse(r.canonical));
  BOOST_REQUIRE_EQUAL(rotations.size(), 2u);
  BOOST_TEST(rotations[0]["details"]["which"].get<std::string>() == "evidence");
  BOOST_TEST(rotations[0]["details"]["old_key"].get<std::string>() == sharedKey);
  BOOST_TEST(rotations[0]["details"]["new_key"].get<std::string>() == evidenceKeys[1]);
  BOOST_TEST(rotations[1]["details"]["which"].get<std::string>() == "audit");
  auto verified = audit::VerifyLog(dir / audit::kAuditDbFileName, std::vector<std::string>{}, sharedKey).Value();
  BOOST_TEST(verified.ok, verified.reason);

  // The old package verifies against the storage's evidence keys, through the session too.
  auto offline = evidence::VerifyPackage(package, evidenceKeys).Value();
  BOOST_TEST(offline.SignerVerified(), offline.firstProblem);
  BOOST_REQUIRE((*ws)->BootstrapUser("a.rivera", store::Role::Administrator, kAdminPassword, "Ana Rivera", true).Ok());
  LoginRequest request{"a.rivera", kAdminPassword, "", true, "gui", {}, "uid 1000 on ws-test"};
  auto session = (*ws)->Login(request);
  BOOST_REQUIRE_MESSAGE(session.Ok(), (session.Ok() ? "" : session.Err().ToString()));
  auto viaSession = (*session)->VerifyEvidence(package, std::nullopt).Value();
  BOOST_TEST(viaSession.SignerVerified(), viaSession.firstProblem);
  BOOST_REQUIRE((*session)->Logout().Ok());

  // Opening again changes nothing more.
  ws->reset();
  const auto size = log->Size().Value();
  auto again = Workstation::Open(dir, clock);
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST((evidence::SigningKeys::ReadPublicKeys(dir).Value() == evidenceKeys));
  BOOST_TEST(log->KeyChain()->size() == 2u);
  BOOST_TEST(log->Size().Value() == size);
}

BOOST_AUTO_TEST_SUITE_END()
