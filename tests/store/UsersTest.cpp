// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: persisted user records; role names.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

UserRecord FullUser() {
  UserRecord u;
  u.name = "jdoe";
  u.displayName = "Det. Jane Doe";
  u.role = Role::Supervisor;
  u.passwordHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.disabled = true;
  u.locked = true;
  u.failedLogins = 3;
  u.firstFailedLoginAt = kStart - kMsPerMinute;
  u.totpSecret = "JBSWY3DPEHPK3PXP";
  u.totpLastStep = 59840116;
  u.trainingCompleted = kStart - 30 * kMsPerDay;
  u.trainingExpires = kStart + 335 * kMsPerDay;
  u.createdAt = kStart - 400 * kMsPerDay;
  return u;
}

void CheckSame(const UserRecord& a, const UserRecord& b) {
  BOOST_TEST(a.name == b.name);
  BOOST_TEST(a.displayName == b.displayName);
  BOOST_TEST((a.role == b.role));
  BOOST_TEST(a.passwordHash == b.passwordHash);
  BOOST_TEST(a.disabled == b.disabled);
  BOOST_TEST(a.locked == b.locked);
  BOOST_TEST(a.failedLogins == b.failedLogins);
  BOOST_TEST((a.firstFailedLoginAt == b.firstFailedLoginAt));
  BOOST_TEST(a.totpSecret == b.totpSecret);
  BOOST_TEST(a.totpLastStep == b.totpLastStep);
  BOOST_TEST((a.trainingCompleted == b.trainingCompleted));
  BOOST_TEST((a.trainingExpires == b.trainingExpires));
  BOOST_TEST(a.createdAt == b.createdAt);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(UsersTest)

BOOST_AUTO_TEST_CASE(EveryUserFieldRoundTrips) {
  StorageFixture f;
  const UserRecord u = FullUser();
  auto id = f.storage->AddUser(u);
  BOOST_REQUIRE(id.Ok());
  auto got = f.storage->FindUser("jdoe");
  BOOST_REQUIRE(got.Ok() && got->has_value());
  BOOST_TEST((*got)->id == *id);
  CheckSame(**got, u);
  BOOST_TEST(!f.storage->FindUser("JDOE")->has_value());  // names are case-sensitive
}

BOOST_AUTO_TEST_CASE(AMinimalUserGetsTheClocksCreationTime) {
  StorageFixture f;
  UserRecord u;
  u.name = "new";
  BOOST_REQUIRE(f.storage->AddUser(u).Ok());
  auto got = f.storage->FindUser("new");
  BOOST_TEST((*got)->createdAt == kStart);
  BOOST_TEST(!(*got)->trainingExpires.has_value());
  BOOST_TEST(((*got)->role == Role::Detective));
}

BOOST_AUTO_TEST_CASE(ADuplicateNameIsAlreadyExists) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->AddUser(FullUser()).Ok());
  auto again = f.storage->AddUser(FullUser());
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
  UserRecord empty;
  BOOST_TEST((f.storage->AddUser(empty).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(UpdateReplacesEverythingButNameAndCreationTime) {
  StorageFixture f;
  UserRecord u;
  u.name = "jdoe";
  u.createdAt = 1000;
  const UserId id = f.storage->AddUser(u).Value();
  UserRecord changed = FullUser();
  changed.id = id;
  changed.name = "renamed";
  changed.createdAt = 5;
  BOOST_REQUIRE(f.storage->UpdateUser(changed).Ok());
  auto got = f.storage->FindUser("jdoe");
  BOOST_REQUIRE(got.Ok() && got->has_value());
  changed.name = "jdoe";
  changed.createdAt = 1000;
  CheckSame(**got, changed);
  BOOST_TEST(!f.storage->FindUser("renamed")->has_value());

  changed.firstFailedLoginAt.reset();
  changed.trainingCompleted.reset();
  BOOST_REQUIRE(f.storage->UpdateUser(changed).Ok());
  BOOST_TEST(!(*f.storage->FindUser("jdoe"))->firstFailedLoginAt.has_value());
  BOOST_TEST(!(*f.storage->FindUser("jdoe"))->trainingCompleted.has_value());
}

BOOST_AUTO_TEST_CASE(UpdatingAnUnknownUserIsNotFound) {
  StorageFixture f;
  UserRecord u = FullUser();
  u.id = 77;
  BOOST_TEST((f.storage->UpdateUser(u).Err().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(UsersAreListedByName) {
  StorageFixture f;
  for (const char* n : {"carol", "alice", "bob"}) {
    UserRecord u;
    u.name = n;
    BOOST_REQUIRE(f.storage->AddUser(u).Ok());
  }
  auto list = f.storage->Users();
  BOOST_REQUIRE(list.Ok());
  BOOST_REQUIRE(list->size() == 3u);
  BOOST_TEST((*list)[0].name == "alice");
  BOOST_TEST((*list)[2].name == "carol");
}

BOOST_AUTO_TEST_CASE(RoleNamesRoundTrip) {
  for (Role r : {Role::Detective, Role::Supervisor, Role::Administrator, Role::Auditor}) {
    BOOST_TEST((RoleFromName(RoleName(r)) == r));
  }
  BOOST_TEST(std::string(RoleName(Role::Auditor)) == "auditor");
  BOOST_TEST(!RoleFromName("admin").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
