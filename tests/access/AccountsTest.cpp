// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Accounts.h"
#include "platedesk/common/Files.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::access;

namespace {

struct StorageFixture {
  TempFolder folder;
  ManualClock clock{UtcFromCivil(2026, 11, 1, 9)};
  std::unique_ptr<store::Storage> storage = store::Storage::Create(folder.Path() / "s", clock).Value();
  Accounts accounts{*storage};
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(AccountsTest, StorageFixture)

BOOST_AUTO_TEST_CASE(AddedUserCanSignInWithTheRightPasswordOnly) {
  auto added = accounts.AddUser("m.garcia", store::Role::Detective, "tide pool lantern", "Maria Garcia");
  BOOST_REQUIRE(added.Ok());
  BOOST_TEST(added->passwordHash.find("tide") == std::string::npos);
  auto ok = accounts.Authenticate({"m.garcia", "tide pool lantern"});
  BOOST_REQUIRE(ok.Ok());
  BOOST_TEST(ok->displayName == "Maria Garcia");
  BOOST_TEST((ok->role == store::Role::Detective));
  auto bad = accounts.Authenticate({"m.garcia", "tide pool lanterns"});
  BOOST_REQUIRE(!bad.Ok());
  BOOST_TEST((bad.Err().code == ErrorCode::Unauthenticated));
}

BOOST_AUTO_TEST_CASE(UnknownUserAndWrongPasswordGiveTheSameAnswer) {
  BOOST_REQUIRE(accounts.AddUser("a.chen", store::Role::Supervisor, "granite harbor evening").Ok());
  auto unknown = accounts.Authenticate({"nobody", "granite harbor evening"});
  auto wrong = accounts.Authenticate({"a.chen", "granite harbor morning"});
  BOOST_REQUIRE(!unknown.Ok());
  BOOST_REQUIRE(!wrong.Ok());
  BOOST_TEST(unknown.Err().message == wrong.Err().message);
  BOOST_TEST((unknown.Err().code == wrong.Err().code));
}

BOOST_AUTO_TEST_CASE(DuplicateAndInvalidNamesAreRefused) {
  BOOST_REQUIRE(accounts.AddUser("j.doe", store::Role::Auditor, "quiet river stones").Ok());
  auto dup = accounts.AddUser("j.doe", store::Role::Auditor, "quiet river stones");
  BOOST_REQUIRE(!dup.Ok());
  BOOST_TEST((dup.Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(!accounts.AddUser("", store::Role::Auditor, "quiet river stones").Ok());
  BOOST_TEST(!accounts.AddUser("bad name", store::Role::Auditor, "quiet river stones").Ok());
  BOOST_TEST(!accounts.AddUser("weak", store::Role::Auditor, "password").Ok());
}

BOOST_AUTO_TEST_CASE(FiveFailuresWithinFifteenMinutesLockUntilAdminUnlocks) {
  BOOST_REQUIRE(accounts.AddUser("k.lee", store::Role::Detective, "amber field crossing").Ok());
  for (int i = 0; i < 4; ++i) {
    auto r = accounts.Authenticate({"k.lee", "wrong guess number"});
    BOOST_TEST((r.Err().code == ErrorCode::Unauthenticated));
    clock.Advance(2 * kMsPerMinute);
  }
  auto fifth = accounts.Authenticate({"k.lee", "wrong guess number"});
  BOOST_REQUIRE(!fifth.Ok());
  // The same answer as any wrong password (no hint that the name exists), marked for the audit.
  BOOST_TEST((fifth.Err().code == ErrorCode::Unauthenticated));
  BOOST_TEST((fifth.Err().detail == ErrorDetail::AccountNowLocked));
  // Even the right password is refused now, and waiting does not help.
  clock.Advance(kMsPerDay);
  auto right = accounts.Authenticate({"k.lee", "amber field crossing"});
  BOOST_REQUIRE(!right.Ok());
  BOOST_TEST((right.Err().code == ErrorCode::Locked));
}

BOOST_AUTO_TEST_CASE(FailuresSpreadBeyondTheWindowDoNotLock) {
  BOOST_REQUIRE(accounts.AddUser("p.ortiz", store::Role::Detective, "silver canyon morning").Ok());
  for (int i = 0; i < 8; ++i) {
    auto r = accounts.Authenticate({"p.ortiz", "wrong guess number"});
    BOOST_TEST((r.Err().code == ErrorCode::Unauthenticated));
    clock.Advance(16 * kMsPerMinute);
  }
  BOOST_TEST(accounts.Authenticate({"p.ortiz", "silver canyon morning"}).Ok());
}

BOOST_AUTO_TEST_CASE(SuccessResetsTheFailureCount) {
  BOOST_REQUIRE(accounts.AddUser("r.kim", store::Role::Detective, "copper kettle winter").Ok());
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 4; ++i) (void)accounts.Authenticate({"r.kim", "nope nope nope"});
    BOOST_REQUIRE(accounts.Authenticate({"r.kim", "copper kettle winter"}).Ok());
  }
  BOOST_TEST(storage->FindUser("r.kim").Value()->failedLogins == 0);
}

BOOST_AUTO_TEST_CASE(DisabledAccountsCannotSignIn) {
  auto u = accounts.AddUser("t.nguyen", store::Role::Detective, "harbor seal sunrise");
  BOOST_REQUIRE(u.Ok());
  u->disabled = true;
  BOOST_REQUIRE(storage->UpdateUser(*u).Ok());
  auto r = accounts.Authenticate({"t.nguyen", "harbor seal sunrise"});
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(NamesAreFoundWhateverTheirCaseOrUnicodeForm) {
  BOOST_REQUIRE(accounts.AddUser("Jos\u00e9.Ruiz", store::Role::Detective, "harbor seal sunrise").Ok());
  BOOST_TEST(accounts.Authenticate({"jos\u00e9.ruiz", "harbor seal sunrise"}).Ok());
  BOOST_TEST(accounts.Authenticate({"JOSE\u0301.RUIZ", "harbor seal sunrise"}).Ok());  // decomposed accent
  auto dup = accounts.AddUser("jose\u0301.ruiz", store::Role::Auditor, "quiet river stones");
  BOOST_REQUIRE(!dup.Ok());
  BOOST_TEST((dup.Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(UserNameKey("Jos\u00e9.Ruiz").Value() == UserNameKey("JOSE\u0301.ruiz").Value());
  BOOST_TEST(NormaliseUserName("Jose\u0301").Value() == "Jos\u00e9");
}

BOOST_AUTO_TEST_SUITE_END()
