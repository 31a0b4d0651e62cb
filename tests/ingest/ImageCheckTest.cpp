// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestTestSupport.h"

#include "platedesk/ingest/ImageCheck.h"

#include <boost/test/unit_test.hpp>

#include <chrono>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

// Offset of the first SOF0 marker's height field in a baseline JPEG.
std::size_t SofSizeOffset(const std::string& jpeg) {
  for (std::size_t i = 2; i + 1 < jpeg.size(); ++i)
    if (static_cast<unsigned char>(jpeg[i]) == 0xFF && static_cast<unsigned char>(jpeg[i + 1]) == 0xC0) return i + 5;
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ImageCheckTest)

BOOST_AUTO_TEST_CASE(AcceptsJpegAndPngWithTheirSizes) {
  const auto jpeg = CheckImage(MakeJpeg(160, 48));
  BOOST_REQUIRE(jpeg.Ok());
  BOOST_TEST(jpeg->mime == "image/jpeg");
  BOOST_TEST(jpeg->width == 160);
  BOOST_TEST(jpeg->height == 48);
  const auto png = CheckImage(MakePng(33, 21));
  BOOST_REQUIRE(png.Ok());
  BOOST_TEST(png->mime == "image/png");
  BOOST_TEST(png->width == 33);
  BOOST_TEST(png->height == 21);
}

BOOST_AUTO_TEST_CASE(RefusesACutJpeg) {
  const std::string jpeg = MakeJpeg(120, 80);
  const auto cut = CheckImage(std::string_view(jpeg).substr(0, jpeg.size() - 40));
  BOOST_REQUIRE(!cut.Ok());
  BOOST_TEST((cut.Err().code == ErrorCode::Corrupt));
  BOOST_TEST(cut.Err().message.find("no end-of-image") != std::string::npos);
  BOOST_TEST(!CheckImage(std::string_view(jpeg).substr(0, 100)).Ok());
  BOOST_TEST(!CheckImage(std::string_view(jpeg).substr(0, 3)).Ok());
}

BOOST_AUTO_TEST_CASE(RefusesACutPng) {
  const std::string png = MakePng(40, 40);
  BOOST_TEST(!CheckImage(std::string_view(png).substr(0, png.size() - 12)).Ok());
}

BOOST_AUTO_TEST_CASE(RefusesHugeDimensionsBeforeDecoding) {
  std::string jpeg = MakeJpeg(64, 64);
  const std::size_t at = SofSizeOffset(jpeg);
  BOOST_REQUIRE(at != 0);
  jpeg[at] = static_cast<char>(0xFF);  // height 65535
  jpeg[at + 1] = static_cast<char>(0xFF);
  jpeg[at + 2] = static_cast<char>(0xFF);  // width 65535
  jpeg[at + 3] = static_cast<char>(0xFF);
  const auto start = std::chrono::steady_clock::now();
  const auto r = CheckImage(jpeg);
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST(r.Err().message.find("out of range") != std::string::npos);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(1)));
}

BOOST_AUTO_TEST_CASE(RefusesTinyImagesAndOtherFormats) {
  BOOST_TEST(!CheckImage(MakeJpeg(2, 2)).Ok());
  BOOST_TEST(!CheckImage("").Ok());
  BOOST_TEST(!CheckImage("GIF89a\x01\x00\x01\x00").Ok());
  BOOST_TEST(!CheckImage("not an image at all").Ok());
}

BOOST_AUTO_TEST_CASE(RefusesAJpegWhoseScanDataIsGarbage) {
  std::string jpeg = MakeJpeg(64, 64);
  const std::size_t at = SofSizeOffset(jpeg);
  // Keep the headers, replace the frame size by nonsense the decoder must refuse (0 height).
  jpeg[at] = 0;
  jpeg[at + 1] = 0;
  BOOST_TEST(!CheckImage(jpeg).Ok());
}

BOOST_AUTO_TEST_SUITE_END()
