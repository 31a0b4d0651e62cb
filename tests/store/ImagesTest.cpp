// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: content-addressed image files.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(ImagesTest)

BOOST_AUTO_TEST_CASE(AnImageLivesAtItsContentAddress) {
  StorageFixture f;
  const std::string bytes = std::string("\xFF\xD8\xFF\xE0") + " not really a jpeg";
  auto info = f.storage->PutImage(bytes, "image/jpeg", 64, 32);
  BOOST_REQUIRE(info.Ok());
  const std::string sha = Sha256Hex(bytes);
  BOOST_TEST(info->sha256 == sha);
  BOOST_TEST(info->bytes == bytes.size());
  BOOST_TEST(info->mime == "image/jpeg");
  BOOST_TEST(info->width == 64);
  BOOST_TEST(info->height == 32);
  const fs::path expected = f.folder / "images" / sha.substr(0, 2) / sha.substr(2, 2) / (sha + ".jpg");
  BOOST_TEST(f.storage->ImagePath(sha, "image/jpeg") == expected);
  BOOST_TEST(ReadFile(expected).Value() == bytes);
  BOOST_TEST(f.storage->GetImage(sha).Value() == bytes);
  auto found = f.storage->FindImage(sha);
  BOOST_REQUIRE(found.Ok() && found->has_value());
  BOOST_TEST((*found)->width == 64);
  BOOST_TEST(f.storage->ImagePath(sha, "image/png").extension() == ".png");
  BOOST_TEST(f.storage->ImagePath(sha, "application/octet-stream").extension() == ".bin");
}

BOOST_AUTO_TEST_CASE(TheSameBytesTwiceMakeOneFileAndOneRow) {
  StorageFixture f;
  auto a = f.storage->PutImage("same bytes", "image/png", 1, 1);
  f.clock.Advance(1000);
  auto b = f.storage->PutImage("same bytes", "image/png", 1, 1);
  BOOST_REQUIRE(a.Ok() && b.Ok());
  BOOST_TEST(a->sha256 == b->sha256);
  BOOST_TEST(CountFiles(f.folder / "images") == 1);
  BOOST_TEST(f.storage->GetStatus()->images == 1);
  BOOST_REQUIRE(f.storage->PutImage("other bytes", "image/png", 1, 1).Ok());
  BOOST_TEST(CountFiles(f.folder / "images") == 2);
}

BOOST_AUTO_TEST_CASE(GetImageDetectsAFlippedByteOnDisk) {
  StorageFixture f;
  const std::string bytes(5000, 'q');
  auto info = f.storage->PutImage(bytes, "image/jpeg", 10, 10);
  BOOST_REQUIRE(info.Ok());
  const fs::path path = f.storage->ImagePath(info->sha256, "image/jpeg");
  std::string tampered = bytes;
  tampered[2500] ^= 0x01;
  fs::remove(path);
  BOOST_REQUIRE(WriteFileAtomic(path, tampered).Ok());
  auto got = f.storage->GetImage(info->sha256);
  BOOST_REQUIRE(!got.Ok());
  BOOST_TEST((got.Err().code == ErrorCode::Corrupt));
}

BOOST_AUTO_TEST_CASE(AMissingImageFileIsCorruptAndAnUnknownImageIsNotFound) {
  StorageFixture f;
  auto info = f.storage->PutImage("gone", "image/jpeg", 1, 1);
  BOOST_REQUIRE(info.Ok());
  fs::remove(f.storage->ImagePath(info->sha256, "image/jpeg"));
  BOOST_TEST((f.storage->GetImage(info->sha256).Err().code == ErrorCode::Corrupt));
  BOOST_TEST((f.storage->GetImage(Sha256Hex("never")).Err().code == ErrorCode::NotFound));
  BOOST_TEST((f.storage->GetImage("../../etc/passwd").Err().code == ErrorCode::NotFound));
  BOOST_TEST(!f.storage->FindImage(Sha256Hex("never"))->has_value());
}

BOOST_AUTO_TEST_CASE(AnEmptyImageIsRefused) {
  StorageFixture f;
  auto r = f.storage->PutImage("", "image/jpeg", 1, 1);
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(CountFiles(f.folder / "images") == 0);
}

BOOST_AUTO_TEST_CASE(AFileLeftByARolledBackPutIsReused) {
  StorageFixture f;
  std::string sha;
  {
    auto tx = f.storage->Begin();
    BOOST_REQUIRE(tx.Ok());
    auto info = f.storage->PutImage("kept file", "image/jpeg", 2, 2);
    BOOST_REQUIRE(info.Ok());
    sha = info->sha256;
  }
  BOOST_TEST(!f.storage->FindImage(sha)->has_value());
  BOOST_TEST(fs::exists(f.storage->ImagePath(sha, "image/jpeg")));
  auto again = f.storage->PutImage("kept file", "image/jpeg", 2, 2);
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(f.storage->GetImage(sha).Value() == "kept file");
  BOOST_TEST(CountFiles(f.folder / "images") == 1);
}

BOOST_AUTO_TEST_CASE(AGarbageFileAtTheAddressIsReplaced) {
  StorageFixture f;
  const std::string sha = Sha256Hex("real content");
  const fs::path path = f.storage->ImagePath(sha, "image/png");
  fs::create_directories(path.parent_path());
  BOOST_REQUIRE(WriteFileAtomic(path, "half-written junk").Ok());
  auto info = f.storage->PutImage("real content", "image/png", 3, 3);
  BOOST_REQUIRE(info.Ok());
  BOOST_TEST(f.storage->GetImage(sha).Value() == "real content");
}

BOOST_AUTO_TEST_SUITE_END()
