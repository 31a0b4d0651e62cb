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
#include <wx/menu.h>

#include <map>
#include <optional>
#include <string>

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

BOOST_AUTO_TEST_CASE(TimesInUtcIsAChoiceKeptForTheUser) {
  AccountsStorage storage;
  std::map<std::string, std::string> kept;
  MainFrameActions actions;
  actions.preferences = MemoryPreferences(kept);
  const UtcMs t = UtcFromCivil(2026, 7, 1, 12, 30);
  {
    MainFrame* frame = storage.OpenFrame(kDetective, actions);
    BOOST_TEST(!TimesInUtc());
    const int id = frame->GetMenuBar()->FindMenuItem(wxS("View"), wxS("Times in UTC"));
    BOOST_REQUIRE(id != wxNOT_FOUND);
    frame->GetMenuBar()->Check(id, true);
    wxCommandEvent click(wxEVT_MENU, id);
    click.SetEventObject(frame);
    click.SetInt(1);
    frame->ProcessWindowEvent(click);
    BOOST_TEST(TimesInUtc());
    BOOST_TEST(kept["users/detective/times_utc"] == "yes");
    BOOST_TEST(FromWx(FormatLocalMinute(t)) == "2026-07-01 12:30 UTC");
    BOOST_TEST(FromWx(LocalZoneName(t)) == "UTC");
    // Times typed are read in the zone shown.
    BOOST_TEST(ParseLocalTime(wxS("2026-07-01 12:30"), false).value_or(0) == t);
    frame->Close(true);
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
  }
  // The detective's choice comes back with the detective; another user starts from local time.
  MainFrame* again = storage.OpenFrame(kDetective, actions);
  BOOST_TEST(TimesInUtc());
  BOOST_TEST(again->GetMenuBar()->IsChecked(again->GetMenuBar()->FindMenuItem(wxS("View"), wxS("Times in UTC"))));
  again->Close(true);
  PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
  MainFrame* other = storage.OpenFrame(kAdministrator, actions);
  BOOST_TEST(!TimesInUtc());
  other->Close(true);
  PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
