// SPDX-License-Identifier: GPL-3.0-or-later
// The evidence signing key of a storage folder on real files: owner-only secret, a public list
// that keeps rotated-out keys, fail-closed recording, and what a crash between the steps leaves.
#include "BagTestSupport.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/SignedNote.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/evidence/SigningKeys.h"

#include <boost/test/unit_test.hpp>

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::evidence;

namespace {

constexpr const char* kName = "platedesk.local/test-storage/evidence";
constexpr UtcMs kNow = 1'790'000'000'000;

struct KeysFixture {
  TempFolder temp{"evidence-keys-test"};
  fs::path dir = temp.Path();
  std::vector<std::pair<std::string, std::string>> recorded;  // (old, new)

  KeyChangeRecorder Recorder() {
    return [this](const std::string& oldKey, const std::string& newKey) -> Status {
      recorded.emplace_back(oldKey, newKey);
      return {};
    };
  }
  static KeyChangeRecorder Refusing() {
    return [](const std::string&, const std::string&) -> Status { return Fail(ErrorCode::Io, "disk gone"); };
  }
  std::unique_ptr<SigningKeys> Create(const std::vector<std::string>& retired = {}) {
    auto keys = SigningKeys::Create(dir, kName, retired, kNow, Recorder());
    BOOST_REQUIRE_MESSAGE(keys.Ok(), (keys.Ok() ? "" : keys.Err().ToString()));
    return std::move(*keys);
  }
  fs::path KeyFile() const { return dir / kEvidenceKeyFileName; }
  fs::path NewKeyFile() const { return dir / (std::string(kEvidenceKeyFileName) + ".new"); }
  fs::path ListFile() const { return dir / kEvidenceKeysFileName; }
};

bool Signs(const SigningKeys& keys, const std::string& verifierKey) {
  auto note = keys.Sign("platedesk statement test\nhello\n");
  if (!note) return false;
  return audit::HasValidSignature(audit::ParseSignedNote(*note).Value(), audit::ParseVerifierKey(verifierKey).Value());
}

// POSIX permission bits (Windows: the folder's ACL is the installer's business; reported as 0600).
unsigned Mode(const fs::path& p) {
#ifndef _WIN32
  struct stat st {};
  BOOST_REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
#else
  (void)p;
  return 0600;
#endif
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SigningKeysTest, KeysFixture)

BOOST_AUTO_TEST_CASE(CreateWritesAnOwnerOnlySecretAndAListAnAgencyCanPublish) {
  BOOST_TEST(!SigningKeys::Exists(dir));
  auto keys = Create();
  BOOST_TEST(SigningKeys::Exists(dir));
  const std::string key = keys->VerifierKey();
  BOOST_TEST(audit::ParseVerifierKey(key)->name == kName);
  BOOST_TEST(Mode(KeyFile()) == 0600u);
  BOOST_TEST(Mode(ListFile()) == 0600u);
  BOOST_TEST(!fs::exists(NewKeyFile()));
  BOOST_REQUIRE_EQUAL(recorded.size(), 1u);
  BOOST_TEST(recorded[0].first.empty());  // the first key replaces none
  BOOST_TEST(recorded[0].second == key);
  // The list is a trusted-keys file as it is, and holds no secret.
  BOOST_TEST((ParseTrustedKeys(ReadFile(ListFile()).Value()).Value() == std::vector<std::string>{key}));
  BOOST_TEST(ReadFile(ListFile()).Value().find("PRIVATE") == std::string::npos);
  BOOST_TEST(Signs(*keys, key));
  // Only statements: nothing this key signs can pass for a checkpoint.
  auto checkpointShaped = keys->Sign("platedesk.local/test-storage\n1\nAAAA\n");
  BOOST_REQUIRE(!checkpointShaped.Ok());
  BOOST_TEST((checkpointShaped.Err().code == ErrorCode::InvalidArgument));
  auto again = SigningKeys::Create(dir, kName, {}, kNow, Recorder());
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
}

BOOST_AUTO_TEST_CASE(RetiredKeysComeFirstAndTheLastOfThemIsRecordedAsTheOldKey) {
  const std::string shared = audit::NoteSigner::Generate("platedesk.local/test-storage")->Verifier().Encode();
  auto keys = Create({shared});
  const auto all = keys->PublicKeys();
  BOOST_REQUIRE_EQUAL(all.size(), 2u);
  BOOST_TEST(all[0] == shared);
  BOOST_TEST(all[1] == keys->VerifierKey());
  BOOST_TEST(recorded[0].first == shared);
  BOOST_TEST((SigningKeys::ReadPublicKeys(dir).Value() == all));
  BOOST_TEST(ReadFile(ListFile()).Value().find("retired") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ARecordThatFailsChangesNothing) {
  auto refused = SigningKeys::Create(dir, kName, {}, kNow, Refusing());
  BOOST_REQUIRE(!refused.Ok());
  BOOST_TEST((refused.Err().code == ErrorCode::Io));
  BOOST_TEST(!SigningKeys::Exists(dir));
  BOOST_TEST(!fs::exists(NewKeyFile()));

  auto keys = Create();
  const std::string before = keys->VerifierKey();
  const std::string list = ReadFile(ListFile()).Value();
  const std::string secret = ReadFile(KeyFile()).Value();
  auto rotated = keys->Rotate(kNow + 1000, Refusing());
  BOOST_REQUIRE(!rotated.Ok());
  BOOST_TEST(keys->VerifierKey() == before);
  BOOST_TEST(ReadFile(ListFile()).Value() == list);
  BOOST_TEST(ReadFile(KeyFile()).Value() == secret);
  BOOST_TEST(!fs::exists(NewKeyFile()));
  BOOST_TEST(Signs(*keys, before));
}

BOOST_AUTO_TEST_CASE(RotationKeepsTheOldPublicKeyAndTheFolderReopensWithTheNewKey) {
  std::string first, second;
  {
    auto keys = Create();
    first = keys->VerifierKey();
    second = keys->Rotate(kNow + 1000, Recorder()).Value();
    BOOST_TEST(second != first);
    BOOST_TEST(keys->VerifierKey() == second);
    BOOST_TEST((keys->PublicKeys() == std::vector<std::string>{first, second}));
    BOOST_REQUIRE_EQUAL(recorded.size(), 2u);
    BOOST_TEST(recorded[1].first == first);
    BOOST_TEST(recorded[1].second == second);
    BOOST_TEST(Signs(*keys, second));
    BOOST_TEST(!Signs(*keys, first));
    BOOST_TEST(Mode(KeyFile()) == 0600u);
  }
  auto reopened = SigningKeys::Open(dir);
  BOOST_REQUIRE(reopened.Ok());
  BOOST_TEST((*reopened)->VerifierKey() == second);
  BOOST_TEST(((*reopened)->PublicKeys() == std::vector<std::string>{first, second}));
  BOOST_TEST(Signs(**reopened, second));
}

BOOST_AUTO_TEST_CASE(OpenFinishesARotationWhoseListWasWrittenAndDropsOneWhoseListWasNot) {
  std::string first, second;
  std::string firstSecret;
  {
    auto keys = Create();
    first = keys->VerifierKey();
    firstSecret = ReadFile(KeyFile()).Value();
    second = keys->Rotate(kNow + 1000, Recorder()).Value();
  }
  // A crash after the list was written, before the rename: the new secret still under .new.
  fs::rename(KeyFile(), NewKeyFile());
  BOOST_REQUIRE(WriteFileAtomic(KeyFile(), firstSecret).Ok());
  {
    auto keys = SigningKeys::Open(dir);
    BOOST_REQUIRE_MESSAGE(keys.Ok(), (keys.Ok() ? "" : keys.Err().ToString()));
    BOOST_TEST((*keys)->VerifierKey() == second);
    BOOST_TEST(Signs(**keys, second));
    BOOST_TEST(!fs::exists(NewKeyFile()));
  }
  // A crash before the list was written: a secret under .new that the list does not name.
  auto stray = audit::NoteSigner::Generate(kName).Value();
  BOOST_REQUIRE(WriteFileAtomic(NewKeyFile(), stray.Encode() + "\n").Ok());
  auto keys = SigningKeys::Open(dir);
  BOOST_REQUIRE(keys.Ok());
  BOOST_TEST((*keys)->VerifierKey() == second);
  BOOST_TEST(!fs::exists(NewKeyFile()));
}

BOOST_AUTO_TEST_CASE(OpenRefusesAMissingOrForeignSecretAndAMissingList) {
  BOOST_TEST((SigningKeys::Open(dir).Err().code == ErrorCode::NotFound));
  { (void)Create(); }
  auto foreign = audit::NoteSigner::Generate(kName).Value();
  BOOST_REQUIRE(WriteFileAtomic(KeyFile(), foreign.Encode() + "\n").Ok());
  BOOST_TEST((SigningKeys::Open(dir).Err().code == ErrorCode::Corrupt));
  fs::remove(KeyFile());
  BOOST_TEST((SigningKeys::Open(dir).Err().code == ErrorCode::Corrupt));
  BOOST_REQUIRE(WriteFileAtomic(KeyFile(), foreign.Encode() + "\n").Ok());
  fs::remove(ListFile());
  BOOST_TEST(SigningKeys::Exists(dir));  // never made anew over a key that is there
  BOOST_TEST((SigningKeys::Open(dir).Err().code == ErrorCode::Corrupt));
  BOOST_REQUIRE(WriteFileAtomic(ListFile(), "# no key\n").Ok());
  BOOST_TEST((SigningKeys::Open(dir).Err().code == ErrorCode::Corrupt));
  BOOST_TEST((SigningKeys::ReadPublicKeys(dir).Err().code == ErrorCode::Corrupt));
}

BOOST_AUTO_TEST_SUITE_END()
