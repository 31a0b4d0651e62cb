// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Icons.h"

#include <boost/test/unit_test.hpp>
#include <wx/image.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace platedesk::resources::icons {
std::size_t Count();
std::string_view NameAt(std::size_t index);
}  // namespace platedesk::resources::icons

namespace platedesk::views {
namespace {

// Share of pixels that are not fully transparent.
double CoveredShare(const wxImage& image) {
  if (!image.HasAlpha()) {
    return 1.0;
  }
  const long pixels = static_cast<long>(image.GetWidth()) * image.GetHeight();
  long covered = 0;
  for (long i = 0; i < pixels; ++i) {
    covered += image.GetAlpha()[i] > 0 ? 1 : 0;
  }
  return static_cast<double>(covered) / static_cast<double>(pixels);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(IconsTest)

BOOST_AUTO_TEST_CASE(EveryEmbeddedIconRendersSharplyAtAnySize) {
  BOOST_TEST(resources::icons::Count() >= 10u);
  for (std::size_t i = 0; i < resources::icons::Count(); ++i) {
    std::string name(resources::icons::NameAt(i));
    BOOST_TEST_CONTEXT(name) {
      BOOST_REQUIRE(name.size() > 4 && name.ends_with(".svg"));
      name.resize(name.size() - 4);
      const wxBitmapBundle icon = Icon(name, 24);
      BOOST_TEST(icon.IsOk());
      for (const int size : {16, 24, 48}) {
        const wxBitmap bitmap = icon.GetBitmap(wxSize(size, size));
        BOOST_TEST(bitmap.GetWidth() == size);
        const double share = CoveredShare(bitmap.ConvertToImage());
        BOOST_TEST(share > 0.05);   // something is drawn...
        BOOST_TEST(share < 0.999);  // ...and it is not a filled square (a parse failure)
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(UnknownIconNameGivesAnEmptyBundle) { BOOST_TEST(!Icon("no-such-icon").IsOk()); }

BOOST_AUTO_TEST_CASE(AppIconComesInTheSizesWindowManagersAskFor) {
  const wxIconBundle icons = AppIcons();
  for (const int size : {16, 32, 48, 256}) {
    BOOST_TEST_CONTEXT(size) { BOOST_TEST(icons.GetIcon(wxSize(size, size), wxIconBundle::FALLBACK_NONE).IsOk()); }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
