// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: the storage server's records (schema v11): ingest tokens, cameras last heard and their
// offline periods.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

#include <vector>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

namespace {

constexpr UtcMs kOff = 10 * kMsPerMinute;

IngestToken Token(const std::string& name, std::vector<std::string> cameras, double rate = 0) {
  IngestToken t;
  t.name = name;
  t.tokenHash = Sha256Hex("pdt_secret_of_" + name);
  t.cameras = std::move(cameras);
  t.readsPerSecond = rate;
  t.createdAt = kStart;
  t.createdBy = "admin.okafor";
  return t;
}

Status Heard(Storage& s, const std::string& camera, UtcMs at) {
  const CameraHeard h{camera, at};
  return s.NoteCamerasHeard(std::span<const CameraHeard>(&h, 1), kOff);
}

const CameraHealth& HealthOf(const std::vector<CameraHealth>& list, const std::string& externalId) {
  for (const CameraHealth& h : list)
    if (h.externalId == externalId) return h;
  throw std::runtime_error("no health for " + externalId);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ServerRecordsTest)

// --- ingest tokens ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(TokensAreListedByNameWithEverythingButTheTokenItself) {
  StorageFixture f;
  auto first = f.storage->AddIngestToken(Token("rekor-agent-north", {"agent-7f3a/*"}, 25));
  BOOST_REQUIRE(first.Ok());
  auto second = f.storage->AddIngestToken(Token("i64-eb", {"1414799424", "1414799425"}));
  BOOST_REQUIRE(second.Ok());
  BOOST_TEST(*first != *second);
  auto list = f.storage->IngestTokens();
  BOOST_REQUIRE(list.Ok());
  BOOST_REQUIRE(list->size() == 2u);
  BOOST_TEST((*list)[0].name == "i64-eb");
  BOOST_TEST(((*list)[0].cameras == std::vector<std::string>{"1414799424", "1414799425"}));
  BOOST_TEST((*list)[0].readsPerSecond == 0.0);
  BOOST_TEST((*list)[1].name == "rekor-agent-north");
  BOOST_TEST((*list)[1].id == *first);
  BOOST_TEST((*list)[1].tokenHash == Sha256Hex("pdt_secret_of_rekor-agent-north"));
  BOOST_TEST(((*list)[1].cameras == std::vector<std::string>{"agent-7f3a/*"}));
  BOOST_TEST((*list)[1].readsPerSecond == 25.0);
  BOOST_TEST((*list)[1].createdAt == kStart);
  BOOST_TEST((*list)[1].createdBy == "admin.okafor");
  BOOST_TEST(!(*list)[1].revokedAt.has_value());
}

BOOST_AUTO_TEST_CASE(ATakenNameIsRefusedAndTheFirstTokenStays) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->AddIngestToken(Token("i64-eb", {"1414799424"})).Ok());
  IngestToken again = Token("i64-eb", {"*"});
  again.tokenHash = Sha256Hex("another token");
  auto dup = f.storage->AddIngestToken(again);
  BOOST_REQUIRE(!dup.Ok());
  BOOST_TEST((dup.Err().code == ErrorCode::AlreadyExists));
  auto list = f.storage->IngestTokens();
  BOOST_REQUIRE(list->size() == 1u);
  BOOST_TEST(((*list)[0].cameras == std::vector<std::string>{"1414799424"}));
}

BOOST_AUTO_TEST_CASE(ATokenNeedsANameAHashAndCameras) {
  StorageFixture f;
  IngestToken t = Token("", {"1414799424"});
  BOOST_TEST((f.storage->AddIngestToken(t).Err().code == ErrorCode::InvalidArgument));
  t = Token("i64-eb", {"1414799424"});
  t.tokenHash.clear();
  BOOST_TEST((f.storage->AddIngestToken(t).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((f.storage->AddIngestToken(Token("i64-eb", {})).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((f.storage->AddIngestToken(Token("i64-eb", {""})).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((f.storage->AddIngestToken(Token("i64-eb", {"1"}, -1)).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(f.storage->IngestTokens()->empty());
}

BOOST_AUTO_TEST_CASE(RevokingKeepsTheTokenListedWithWhoWhyAndWhen) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->AddIngestToken(Token("i64-eb", {"1414799424"})).Ok());
  BOOST_REQUIRE(f.storage->RevokeIngestToken("i64-eb", "admin.okafor", "camera stolen", kStart + kMsPerHour).Ok());
  auto list = f.storage->IngestTokens();
  BOOST_REQUIRE(list->size() == 1u);
  BOOST_TEST((*list)[0].revokedAt.value() == kStart + kMsPerHour);
  BOOST_TEST((*list)[0].revokedBy == "admin.okafor");
  BOOST_TEST((*list)[0].revokeReason == "camera stolen");

  auto twice = f.storage->RevokeIngestToken("i64-eb", "admin.okafor", "again", kStart + 2 * kMsPerHour);
  BOOST_TEST((twice.Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(f.storage->IngestTokens()->at(0).revokeReason == "camera stolen");
  auto missing = f.storage->RevokeIngestToken("no-such-token", "admin.okafor", "gone", kStart);
  BOOST_TEST((missing.Err().code == ErrorCode::NotFound));
  // The schema keeps revoked tokens for the record.
  BOOST_TEST(RawExec(f.Raw(), "DELETE FROM ingest_tokens") != SQLITE_OK);
}

// --- camera health ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(AFirstHeardCameraIsCreatedAndOnline) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "agent-7f3a/2", kStart).Ok());
  auto cameras = f.storage->Cameras();
  BOOST_REQUIRE(cameras->size() == 1u);
  BOOST_TEST((*cameras)[0].externalId == "agent-7f3a/2");
  BOOST_TEST((*cameras)[0].name == "agent-7f3a/2");
  BOOST_TEST(((*cameras)[0].kind == CameraKind::Fixed));
  BOOST_TEST((*cameras)[0].locations.empty());
  auto health = f.storage->CameraHealthList(kStart - kMsPerDay, kStart + kMsPerMinute, kOff);
  BOOST_REQUIRE(health.Ok());
  BOOST_REQUIRE(health->size() == 1u);
  BOOST_TEST((*health)[0].lastHeard.value() == kStart);
  BOOST_TEST((*health)[0].online);
  BOOST_TEST((*health)[0].periods.empty());
}

BOOST_AUTO_TEST_CASE(ACameraNeverHeardIsNeitherOnlineNorOffline) {
  StorageFixture f;
  f.Camera("1414799424");  // imported from files, never posted to a server
  BOOST_REQUIRE(f.storage->SweepCameraHealth(kStart + kMsPerDay, kOff).Ok());
  auto health = f.storage->CameraHealthList(kStart, kStart + kMsPerDay, kOff);
  BOOST_REQUIRE(health->size() == 1u);
  BOOST_TEST(!(*health)[0].lastHeard.has_value());
  BOOST_TEST(!(*health)[0].online);
  BOOST_TEST((*health)[0].periods.empty());
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_offline") == 0);
}

BOOST_AUTO_TEST_CASE(ASilenceLongerThanTheThresholdBecomesAClosedPeriod) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart).Ok());
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart + 9 * kMsPerMinute).Ok());  // within: nothing
  const UtcMs back = kStart + 2 * kMsPerHour;
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", back).Ok());
  auto periods = f.storage->OfflinePeriods({}, kStart, back);
  BOOST_REQUIRE(periods.Ok());
  BOOST_REQUIRE(periods->size() == 1u);
  BOOST_TEST((*periods)[0].externalId == "1414799424");
  BOOST_TEST((*periods)[0].from == kStart + 9 * kMsPerMinute + kOff);
  BOOST_TEST((*periods)[0].to.value() == back);
  auto health = f.storage->CameraHealthList(kStart, back + kMsPerMinute, kOff);
  BOOST_TEST((*health)[0].online);
  BOOST_TEST((*health)[0].lastHeard.value() == back);
  BOOST_TEST((*health)[0].periods.size() == 1u);
}

BOOST_AUTO_TEST_CASE(ABatchSetsTheNewestTimeAndSeesSilencesInsideIt) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "cam-a", kStart).Ok());
  // Out of order, two cameras, one gap of an hour inside the batch for cam-a.
  const std::vector<CameraHeard> batch{{"cam-a", kStart + 70 * kMsPerMinute},
                                       {"cam-b", kStart + 5 * kMsPerMinute},
                                       {"cam-a", kStart + 5 * kMsPerMinute},
                                       {"cam-a", kStart - kMsPerHour}};  // late and old: changes nothing
  BOOST_REQUIRE(f.storage->NoteCamerasHeard(batch, kOff).Ok());
  auto periods = f.storage->OfflinePeriods({}, kStart, kStart + kMsPerDay);
  BOOST_REQUIRE(periods->size() == 1u);
  BOOST_TEST((*periods)[0].from == kStart + 15 * kMsPerMinute);
  BOOST_TEST((*periods)[0].to.value() == kStart + 70 * kMsPerMinute);
  BOOST_TEST(RawInt(f.Raw(),
                    "SELECT heard_ms FROM camera_heard h JOIN cameras c ON c.id = h.camera_id WHERE "
                    "c.external_id = 'cam-a'") == kStart + 70 * kMsPerMinute);
  BOOST_TEST(RawInt(f.Raw(),
                    "SELECT heard_ms FROM camera_heard h JOIN cameras c ON c.id = h.camera_id WHERE "
                    "c.external_id = 'cam-b'") == kStart + 5 * kMsPerMinute);
}

BOOST_AUTO_TEST_CASE(TheSweepOpensAPeriodOnceAndHearingTheCameraClosesIt) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart).Ok());
  BOOST_REQUIRE(Heard(*f.storage, "1414799425", kStart + 25 * kMsPerMinute).Ok());
  const UtcMs now = kStart + 30 * kMsPerMinute;
  BOOST_REQUIRE(f.storage->SweepCameraHealth(now, kOff).Ok());
  BOOST_REQUIRE(f.storage->SweepCameraHealth(now + kMsPerMinute, kOff).Ok());  // idempotent
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_offline") == 1);
  auto health = f.storage->CameraHealthList(kStart, now, kOff);
  const CameraHealth& silent = HealthOf(*health, "1414799424");
  BOOST_TEST(!silent.online);
  BOOST_REQUIRE(silent.periods.size() == 1u);
  BOOST_TEST(silent.periods[0].from == kStart + kOff);
  BOOST_TEST(!silent.periods[0].to.has_value());
  BOOST_TEST(HealthOf(*health, "1414799425").online);

  const UtcMs back = kStart + 3 * kMsPerHour;
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", back).Ok());
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_offline") == 1);  // closed, not a second one
  auto periods = f.storage->OfflinePeriods({}, kStart, back);
  BOOST_REQUIRE(periods->size() == 1u);
  BOOST_TEST((*periods)[0].from == kStart + kOff);
  BOOST_TEST((*periods)[0].to.value() == back);
}

BOOST_AUTO_TEST_CASE(ALateReadWithinTheThresholdMovesTheOpenPeriodsStart) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart).Ok());
  BOOST_REQUIRE(f.storage->SweepCameraHealth(kStart + kMsPerHour, kOff).Ok());
  // A read captured 5 minutes after the last one arrives late: the camera went silent later.
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart + 5 * kMsPerMinute).Ok());
  auto periods = f.storage->OfflinePeriods({}, kStart, kStart + kMsPerHour);
  BOOST_REQUIRE(periods->size() == 1u);
  BOOST_TEST((*periods)[0].from == kStart + 15 * kMsPerMinute);
  BOOST_TEST(!(*periods)[0].to.has_value());
}

BOOST_AUTO_TEST_CASE(OnlyPeriodsOverlappingTheWindowAreListed) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "cam-a", kStart).Ok());
  BOOST_REQUIRE(Heard(*f.storage, "cam-a", kStart + kMsPerHour).Ok());      // offline kStart+10m .. +1h
  BOOST_REQUIRE(Heard(*f.storage, "cam-a", kStart + 5 * kMsPerHour).Ok());  // offline +1h10m .. +5h
  BOOST_REQUIRE(Heard(*f.storage, "cam-b", kStart).Ok());
  BOOST_REQUIRE(Heard(*f.storage, "cam-b", kStart + 2 * kMsPerHour).Ok());  // offline +10m .. +2h
  auto all = f.storage->OfflinePeriods({}, kStart, kStart + 5 * kMsPerHour);
  BOOST_TEST(all->size() == 3u);
  auto late = f.storage->OfflinePeriods({}, kStart + 3 * kMsPerHour, kStart + 4 * kMsPerHour);
  BOOST_REQUIRE(late->size() == 1u);
  BOOST_TEST((*late)[0].externalId == "cam-a");
  BOOST_TEST((*late)[0].from == kStart + 70 * kMsPerMinute);
  // A period ending exactly where the window starts does not overlap it.
  BOOST_TEST(f.storage->OfflinePeriods({}, kStart + 5 * kMsPerHour, kStart + 6 * kMsPerHour)->empty());
  const CameraId camB = (*late)[0].camera == 1 ? 2 : 1;
  auto onlyB = f.storage->OfflinePeriods(std::vector<CameraId>{camB}, kStart, kStart + 5 * kMsPerHour);
  BOOST_REQUIRE(onlyB->size() == 1u);
  BOOST_TEST((*onlyB)[0].externalId == "cam-b");
  BOOST_TEST((f.storage->OfflinePeriods({}, kStart, kStart - 1).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(ACameraSilentWhileNobodySweptShowsTheOpenPeriodASweepWouldRecord) {
  StorageFixture f;
  BOOST_REQUIRE(f.storage->SetSetting(kCameraOfflineAfterSetting, "300").Ok());
  BOOST_TEST(f.storage->CameraOfflineAfter().Value() == 5 * kMsPerMinute);
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart).Ok());
  f.clock.Set(kStart + kMsPerHour);
  auto periods = f.storage->OfflinePeriods({}, kStart, kStart + kMsPerHour);
  BOOST_REQUIRE(periods->size() == 1u);
  BOOST_TEST((*periods)[0].from == kStart + 5 * kMsPerMinute);
  BOOST_TEST(!(*periods)[0].to.has_value());
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_offline") == 0);  // nothing written
  auto health = f.storage->CameraHealthList(kStart, kStart + kMsPerHour, kOff);
  BOOST_TEST(!(*health)[0].online);
  BOOST_REQUIRE((*health)[0].periods.size() == 1u);
  BOOST_TEST((*health)[0].periods[0].from == kStart + kOff);

  BOOST_REQUIRE(f.storage->SetSetting(kCameraOfflineAfterSetting, "soon").Ok());
  BOOST_TEST((f.storage->CameraOfflineAfter().Err().code == ErrorCode::Corrupt));
}

BOOST_AUTO_TEST_CASE(NotingCamerasJoinsTheOpenTransaction) {
  StorageFixture f;
  BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart).Ok());
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart + kMsPerHour).Ok());
    BOOST_REQUIRE(Heard(*f.storage, "agent-7f3a/2", kStart + kMsPerHour).Ok());
    // not committed: rolled back here
  }
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_offline") == 0);
  BOOST_TEST(f.storage->Cameras()->size() == 1u);
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    BOOST_REQUIRE(Heard(*f.storage, "1414799424", kStart + kMsPerHour).Ok());
    BOOST_REQUIRE(tx->Commit().Ok());
  }
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_offline") == 1);
  BOOST_TEST((Heard(*f.storage, "", kStart).Err().code == ErrorCode::InvalidArgument));
  const CameraHeard h{"1414799424", kStart};
  BOOST_TEST(
      (f.storage->NoteCamerasHeard(std::span<const CameraHeard>(&h, 1), 0).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()
