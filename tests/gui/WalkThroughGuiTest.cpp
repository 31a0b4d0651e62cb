// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16's walk-through, as each role: the main window at 1366x768 (the most common police
// laptop), every page of the navigation in turn. On every page each control shown lies inside the
// window (none cut off at its edge, unless it sits in a scrolled area), has a size, and a label
// shows its whole height. Leaves gui-walk-ROLE-PAGE.png in <build>/screenshots for people to look
// at (ScreenshotPath).
#include "AccountsFixture.h"
#include "GuiTestSupport.h"
#include "views/MainFrame.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/listctrl.h>
#include <wx/scrolwin.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <string>
#include <vector>

namespace platedesk::views {
namespace {

using namespace platedesk::tests;
using namespace std::chrono_literals;

bool InScrolledArea(wxWindow* window, wxWindow* top) {
  for (wxWindow* w = window->GetParent(); w != nullptr && w != top; w = w->GetParent()) {
    if (dynamic_cast<wxScrollHelperBase*>(w) != nullptr) return true;
  }
  return false;
}

bool IsControl(wxWindow* w) {
  return dynamic_cast<wxButton*>(w) != nullptr || dynamic_cast<wxStaticText*>(w) != nullptr ||
         dynamic_cast<wxTextCtrl*>(w) != nullptr || dynamic_cast<wxChoice*>(w) != nullptr ||
         dynamic_cast<wxCheckBox*>(w) != nullptr || dynamic_cast<wxComboBox*>(w) != nullptr ||
         dynamic_cast<wxSpinCtrl*>(w) != nullptr || dynamic_cast<wxListCtrl*>(w) != nullptr;
}

// What is wrong with the controls shown under `window` in `frame` (one line each).
void FindProblems(wxWindow* window, wxWindow* frame, const wxRect& inside, std::vector<std::string>& problems) {
  for (wxWindow* child : window->GetChildren()) {
    if (!child->IsShownOnScreen() || child->IsTopLevel()) continue;
    if (IsControl(child) && !InScrolledArea(child, frame)) {
      const wxRect at = child->GetScreenRect();
      const wxString what =
          wxString(child->GetClassInfo()->GetClassName()) + wxS(" '") + child->GetName() + wxS("' ") +
          (dynamic_cast<wxControl*>(child) ? dynamic_cast<wxControl*>(child)->GetLabel().Left(40) : wxString());
      if (at.width <= 0 || at.height <= 0) {
        problems.push_back(FromWx(what) + ": no size");
      } else if (!inside.Contains(at)) {
        problems.push_back(FromWx(what) + wxString::Format(": at %d,%d %dx%d, outside the window's %d,%d %dx%d", at.x,
                                                           at.y, at.width, at.height, inside.x, inside.y, inside.width,
                                                           inside.height)
                                              .utf8_string());
      }
      if (auto* label = dynamic_cast<wxStaticText*>(child);
          label != nullptr && !label->GetLabel().empty() && at.height < label->GetBestSize().y) {
        problems.push_back(
            FromWx(what) +
            wxString::Format(": %d px tall, its text needs %d", at.height, label->GetBestSize().y).utf8_string());
      }
    }
    if (dynamic_cast<wxListCtrl*>(child) == nullptr) FindProblems(child, frame, inside, problems);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(WalkThroughGuiTest)

BOOST_AUTO_TEST_CASE(EveryPageOfEveryRoleFitsALaptopScreen) {
  AccountsStorage storage;
  for (const DemoAccount& account : kDemoAccounts) {
    MainFrame* frame = storage.OpenFrame(account);
    frame->SetSize(frame->FromDIP(wxSize(1366, 768)));
    PumpFor(200ms);
    auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
    BOOST_REQUIRE(navigation != nullptr);
    BOOST_TEST(navigation->SectionCount() >= 3U);
    for (std::size_t i = 0; i < navigation->SectionCount(); ++i) {
      const wxString page = navigation->SectionLabel(i);
      BOOST_REQUIRE(ShowSection(frame, page));
      PumpFor(300ms);  // lists load, layouts settle
      const wxRect inside(frame->ClientToScreen(wxPoint(0, 0)), frame->GetClientSize());
      std::vector<std::string> problems;
      FindProblems(frame, frame, inside, problems);
      BOOST_TEST_CONTEXT(account.name << " / " << FromWx(page)) {
        for (const auto& p : problems) BOOST_TEST(p.empty(), p);
        const wxBitmap shot = CaptureWindow(frame);
        BOOST_TEST(DistinctColours(shot) >= 16);
        wxString file = wxString::Format(wxS("gui-walk-%s-%s.png"), ToWx(account.name), page.Lower());
        file.Replace(wxS(" "), wxS("-"));
        BOOST_TEST(shot.SaveFile(ScreenshotPath(file), wxBITMAP_TYPE_PNG));
      }
    }
    frame->Close(true);
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
