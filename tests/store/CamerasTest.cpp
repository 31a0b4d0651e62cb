// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: cameras and their location history; camera kind names.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;

BOOST_AUTO_TEST_SUITE(CamerasTest)

BOOST_AUTO_TEST_CASE(EnsureCameraCreatesOnceAndThenReturnsTheSameId) {
  StorageFixture f;
  CameraLocation loc{38.6, -90.2, "I-64 at Grand", kStart, std::nullopt};
  auto a = f.storage->EnsureCamera("1414799424", "I-64 EB", CameraKind::Fixed, loc);
  BOOST_REQUIRE(a.Ok());
  auto b = f.storage->EnsureCamera("1414799424", "another name", CameraKind::Mobile, std::nullopt);
  BOOST_REQUIRE(b.Ok());
  BOOST_TEST(*a == *b);
  auto cam = f.storage->FindCamera(*a);
  BOOST_REQUIRE(cam.Ok() && cam->has_value());
  BOOST_TEST((*cam)->externalId == "1414799424");
  BOOST_TEST((*cam)->name == "I-64 EB");
  BOOST_TEST(((*cam)->kind == CameraKind::Fixed));
  BOOST_REQUIRE((*cam)->locations.size() == 1u);
  BOOST_TEST((*cam)->locations[0].address == "I-64 at Grand");
  BOOST_TEST((*cam)->locations[0].latitude == 38.6);
  BOOST_TEST((*cam)->locations[0].from == kStart);
  BOOST_TEST(!(*cam)->locations[0].to.has_value());
  BOOST_TEST(f.storage->Cameras()->size() == 1u);
  BOOST_TEST(!f.storage->FindCamera(*a + 1)->has_value());
}

BOOST_AUTO_TEST_CASE(AMobileCameraNeedsNoLocation) {
  StorageFixture f;
  auto id = f.storage->EnsureCamera("agent-uid/3", "Car 12", CameraKind::Mobile, std::nullopt);
  BOOST_REQUIRE(id.Ok());
  auto cam = f.storage->FindCamera(*id);
  BOOST_TEST(((*cam)->kind == CameraKind::Mobile));
  BOOST_TEST((*cam)->locations.empty());
}

BOOST_AUTO_TEST_CASE(MovingACameraClosesTheOldLocation) {
  StorageFixture f;
  const CameraId id = f.Camera("portable-7");
  const UtcMs moved = kStart + 3 * kMsPerDay;
  BOOST_REQUIRE(f.storage->MoveCamera(id, {38.7, -90.3, "Florissant Rd", moved, std::nullopt}).Ok());
  BOOST_REQUIRE(f.storage->MoveCamera(id, {38.8, -90.4, "Lindbergh Blvd", moved + kMsPerDay, std::nullopt}).Ok());
  auto cam = f.storage->FindCamera(id);
  BOOST_REQUIRE(cam.Ok() && cam->has_value());
  const auto& locs = (*cam)->locations;
  BOOST_REQUIRE(locs.size() == 3u);
  BOOST_TEST(locs[0].to.value() == moved);
  BOOST_TEST(locs[1].address == "Florissant Rd");
  BOOST_TEST(locs[1].from == moved);
  BOOST_TEST(locs[1].to.value() == moved + kMsPerDay);
  BOOST_TEST(locs[2].address == "Lindbergh Blvd");
  BOOST_TEST(!locs[2].to.has_value());
  BOOST_TEST(RawInt(f.Raw(), "SELECT count(*) FROM camera_locations WHERE to_ms IS NULL") == 1);
}

BOOST_AUTO_TEST_CASE(AMoveBeforeTheCurrentLocationStartsIsRefusedAndChangesNothing) {
  StorageFixture f;
  const CameraId id = f.Camera();
  auto st = f.storage->MoveCamera(id, {1, 1, "", kStart - 10 * kMsPerDay, std::nullopt});
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(st.Err().context == "from");
  auto cam = f.storage->FindCamera(id);
  BOOST_TEST((*cam)->locations.size() == 1u);
  BOOST_TEST(!(*cam)->locations[0].to.has_value());
}

BOOST_AUTO_TEST_CASE(MovingAnUnknownCameraIsNotFound) {
  StorageFixture f;
  auto st = f.storage->MoveCamera(42, {1, 1, "", kStart, std::nullopt});
  BOOST_REQUIRE(!st.Ok());
  BOOST_TEST((st.Err().code == ErrorCode::NotFound));
}

BOOST_AUTO_TEST_CASE(BadCameraInputIsRefused) {
  StorageFixture f;
  BOOST_TEST(
      (f.storage->EnsureCamera("", "x", CameraKind::Fixed, std::nullopt).Err().code == ErrorCode::InvalidArgument));
  auto lat = f.storage->EnsureCamera("c", "x", CameraKind::Fixed, CameraLocation{95, 0, "", kStart, std::nullopt});
  BOOST_TEST(lat.Err().context == "latitude");
  auto lon = f.storage->EnsureCamera("c", "x", CameraKind::Fixed, CameraLocation{0, 200, "", kStart, std::nullopt});
  BOOST_TEST(lon.Err().context == "longitude");
  BOOST_TEST(f.storage->Cameras()->empty());
}

BOOST_AUTO_TEST_CASE(ACameraCreatedInARolledBackTransactionIsGoneForReadsToo) {
  StorageFixture f;
  CameraId id = 0;
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    id = f.storage->EnsureCamera("temp", "t", CameraKind::Fixed, std::nullopt).Value();
  }
  auto out = f.storage->InsertRead(MakeRead(id, "after-rollback"));
  BOOST_REQUIRE(!out.Ok());
  BOOST_TEST(out.Err().context == "camera");
}

BOOST_AUTO_TEST_CASE(CameraKindNamesRoundTrip) {
  for (CameraKind k : {CameraKind::Fixed, CameraKind::Mobile, CameraKind::Portable}) {
    BOOST_TEST((CameraKindFromName(CameraKindName(k)) == k));
  }
  BOOST_TEST(std::string(CameraKindName(CameraKind::Portable)) == "portable");
  BOOST_TEST(!CameraKindFromName("Fixed").has_value());
  BOOST_TEST(!CameraKindFromName("").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
