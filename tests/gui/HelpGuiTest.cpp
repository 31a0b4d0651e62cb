// SPDX-License-Identifier: GPL-3.0-or-later
// Help > User guide (issue 16): the guide the build made from docs/user-guide.md opens in a window
// of its own, with its headings, tables and screenshots; a second F1 brings the same window
// forward. Leaves gui-user-guide.png in <build>/screenshots (ScreenshotPath).
#include "AccountsFixture.h"
#include "GuiTestSupport.h"
#include "views/MainFrame.h"
#include "views/UserGuideFrame.h"
#include "views/support/Strings.h"

#include <boost/test/unit_test.hpp>
#include <wx/html/htmlwin.h>

namespace platedesk::views {

using namespace platedesk::tests;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(HelpGuiTest)

BOOST_AUTO_TEST_CASE(HelpOpensTheShippedUserGuideOnce) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  BOOST_REQUIRE_MESSAGE(UserGuideFile().has_value(), "the build makes the guide (docs/CMakeLists.txt)");
  ClickMenu(frame, wxS("Help"), wxS("User Guide"));
  PumpFor(300ms);
  auto* guide = dynamic_cast<UserGuideFrame*>(wxWindow::FindWindowByName(wxS("userGuide")));
  BOOST_REQUIRE(guide != nullptr);
  BOOST_TEST(guide->IsShown());
  BOOST_REQUIRE(guide->Page() != nullptr);
  BOOST_TEST(FromWx(guide->Page()->GetOpenedPageTitle()) == "PlateDesk user guide");
  const wxString text = guide->Page()->ToText();
  BOOST_TEST(text.Contains(wxS("Storages")));
  BOOST_TEST(text.Contains(wxS("platedesk.db")));  // the first table's first cell
  BOOST_TEST(CaptureWindow(guide).SaveFile(ScreenshotPath(wxS("gui-user-guide.png")), wxBITMAP_TYPE_PNG));

  ClickMenu(frame, wxS("Help"), wxS("User Guide"));
  PumpFor(100ms);
  int guides = 0;
  for (wxWindow* window : wxTopLevelWindows) {
    if (dynamic_cast<UserGuideFrame*>(window) != nullptr) ++guides;
  }
  BOOST_TEST(guides == 1);
  frame->Close(true);
  PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
