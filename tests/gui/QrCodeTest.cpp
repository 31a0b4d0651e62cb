// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiTestSupport.h"
#include "views/support/QrCode.h"

#include <boost/test/unit_test.hpp>
#include <wx/image.h>

#include <string>

namespace platedesk::views {
namespace {

using platedesk::tests::ImageMatches;

constexpr char kUri[] = "otpauth://totp/PlateDesk:detective?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PlateDesk";

// The 7x7 finder pattern at (x0, y0): dark ring, light ring, dark 3x3 centre (ISO/IEC 18004 6.3.3).
bool FinderAt(const QrCode& code, int x0, int y0) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (code.Dark(x0 + x, y0 + y) != (ring || centre)) {
        return false;
      }
    }
  }
  return true;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(QrCodeTest)

BOOST_AUTO_TEST_CASE(AnOtpauthUriEncodesAsAWellFormedCode) {
  Result<QrCode> code = QrCode::Encode(kUri);
  BOOST_REQUIRE(code.Ok());
  BOOST_TEST(code->Version() >= 1);
  BOOST_TEST(code->Version() <= 40);
  BOOST_TEST(code->Size() == 17 + 4 * code->Version());
  // 91 characters at level M: in byte mode alone version 6 (106 bytes; version 5 holds 84), and
  // libqrencode may pack the upper-case secret as alphanumeric, which fits version 5 (86 data
  // codewords); version 4 (64 codewords) is too small either way.
  BOOST_TEST(std::string(kUri).size() == 91u);
  BOOST_TEST(code->Version() >= 5);
  BOOST_TEST(code->Version() <= 6);
  const int last = code->Size() - 7;
  BOOST_TEST(FinderAt(*code, 0, 0));
  BOOST_TEST(FinderAt(*code, last, 0));
  BOOST_TEST(FinderAt(*code, 0, last));
  BOOST_TEST(!FinderAt(*code, last, last));  // only three corners have one
  // Timing pattern between the top finders: alternating, dark on even positions.
  for (int x = 8; x < code->Size() - 8; ++x) {
    BOOST_TEST(code->Dark(x, 6) == (x % 2 == 0));
  }
  // A different text gives a different code of the same size.
  Result<QrCode> other = QrCode::Encode(std::string(kUri).replace(43, 4, "ABCD"));
  BOOST_REQUIRE(other.Ok());
  BOOST_TEST(other->Size() == code->Size());
  bool differs = false;
  for (int y = 0; y < code->Size() && !differs; ++y) {
    for (int x = 0; x < code->Size() && !differs; ++x) {
      differs = code->Dark(x, y) != other->Dark(x, y);
    }
  }
  BOOST_TEST(differs);
}

BOOST_AUTO_TEST_CASE(TheRenderedImageHasEveryModuleAndAQuietZone) {
  Result<QrCode> code = QrCode::Encode(kUri);
  BOOST_REQUIRE(code.Ok());
  for (const int modulePixels : {1, 3, 6}) {
    const wxImage image = code->Render(modulePixels).ConvertToImage();
    BOOST_TEST_CONTEXT("module " << modulePixels << " px") { BOOST_TEST(ImageMatches(image, *code, modulePixels)); }
  }
}

BOOST_AUTO_TEST_CASE(EmptyAndOversizedTextsAreRefused) {
  Result<QrCode> empty = QrCode::Encode("");
  BOOST_REQUIRE(!empty.Ok());
  BOOST_TEST((empty.Err().code == ErrorCode::InvalidArgument));
  Result<QrCode> huge = QrCode::Encode(std::string(4000, 'x'));  // version 40-M holds 2331 bytes
  BOOST_REQUIRE(!huge.Ok());
  BOOST_TEST((huge.Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
