// SPDX-License-Identifier: GPL-3.0-or-later
// The administrator's Cameras page in the real main window over a demo storage (issue 15): the
// register with kinds, places and health; adding, moving, re-kinding and retiring a camera through
// the page's forms, each recorded as camera.changed; the location history; a bad place kept in the
// form with its reason. Leaves gui-cameras.png in <build>/screenshots (ScreenshotPath).
#include "AccountsFixture.h"
#include "GuiTestSupport.h"
#include "views/CamerasPanel.h"
#include "views/CasesPanel.h"
#include "views/FormDialog.h"
#include "views/MainFrame.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include <boost/test/unit_test.hpp>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

namespace platedesk::views {
namespace {

using namespace platedesk::tests;
using namespace std::chrono_literals;

CamerasPanel* ShowCameras(MainFrame* frame) {
  auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
  BOOST_REQUIRE(navigation != nullptr);
  int cameras = -1;
  for (std::size_t i = 0; i < navigation->SectionCount(); ++i)
    if (FromWx(navigation->SectionLabel(i)) == "Cameras") cameras = static_cast<int>(i);
  BOOST_REQUIRE(cameras >= 0);
  navigation->SetSelection(cameras);
  wxCommandEvent select(wxEVT_LISTBOX, navigation->GetId());
  select.SetEventObject(navigation);
  select.SetInt(cameras);
  navigation->ProcessWindowEvent(select);
  PumpFor(100ms);
  auto* panel = FindNamed<CamerasPanel>(frame, wxS("camerasPanel"));
  BOOST_REQUIRE(panel != nullptr);
  BOOST_TEST(panel->IsShownOnScreen());
  return panel;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(CamerasPanelTest)

BOOST_AUTO_TEST_CASE(AnAdministratorAddsMovesReKindsAndRetiresACamera) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  frame->SetSize(frame->FromDIP(wxSize(1366, 768)));
  CamerasPanel* panel = ShowCameras(frame);
  auto* list = FindNamed<wxListCtrl>(panel, wxS("camerasList"));
  auto* history = FindNamed<wxListCtrl>(panel, wxS("camerasHistory"));
  BOOST_REQUIRE(list != nullptr);
  BOOST_REQUIRE(history != nullptr);
  BOOST_TEST(list->GetItemCount() == 3);                         // the demo's cameras
  BOOST_TEST(FromWx(list->GetItemText(0, 4)) == "never heard");  // no server has held this folder
  // Nothing selected: the actions on a camera wait.
  BOOST_TEST(!FindNamed<wxButton>(panel, wxS("camerasMove"))->IsEnabled());
  BOOST_TEST(panel->MakeDialog(workstation::CameraChange::Action::Move) == nullptr);

  FormDialog* add = panel->MakeDialog(workstation::CameraChange::Action::Add);
  BOOST_REQUIRE(add != nullptr);
  add->SetValue(0, wxS("cam-aurora-85"));
  add->SetValue(1, wxS("Aurora Ave N & N 85th St"));
  add->SetValue(2, wxS("fixed"));
  add->SetValue(3, wxS("north"));  // not a number: the form says why and keeps what was typed
  add->SetValue(4, wxS("-122.3447"));
  BOOST_TEST(!add->Submit());
  BOOST_TEST(FindNamed<wxStaticText>(add, wxS("formError"))->GetLabel().Contains(wxS("decimal degrees")));
  add->SetValue(3, wxS("47.6905"));
  add->SetValue(5, wxS("Aurora Ave N & N 85th St, Seattle"));
  add->SetValue(6, wxS("2026-11-01T08:00Z"));
  BOOST_TEST(add->Submit());
  add->Destroy();
  BOOST_TEST(list->GetItemCount() == 4);
  BOOST_TEST(storage.LastEvent() == "camera.changed");
  BOOST_REQUIRE(panel->SelectCamera("cam-aurora-85"));
  BOOST_TEST(history->GetItemCount() == 1);
  BOOST_TEST(FindNamed<wxButton>(panel, wxS("camerasMove"))->IsEnabled());

  FormDialog* move = panel->MakeDialog(workstation::CameraChange::Action::Move);
  BOOST_REQUIRE(move != nullptr);
  move->SetValue(0, wxS("47.6990"));
  move->SetValue(1, wxS("-122.3446"));
  move->SetValue(2, wxS("Aurora Ave N & N 90th St"));
  move->SetValue(3, wxS("2026-11-20T08:00Z"));
  BOOST_TEST(move->Submit());
  move->Destroy();
  BOOST_TEST(history->GetItemCount() == 2);
  BOOST_TEST(FromWx(history->GetItemText(0, 2)) == "Aurora Ave N & N 90th St");  // newest first
  BOOST_TEST(FromWx(history->GetItemText(0, 1)) == "now");

  FormDialog* kind = panel->MakeDialog(workstation::CameraChange::Action::SetKind);
  BOOST_REQUIRE(kind != nullptr);
  kind->SetValue(0, wxS("portable"));
  BOOST_TEST(kind->Submit());
  kind->Destroy();
  const auto it = std::find_if(panel->Listed().begin(), panel->Listed().end(),
                               [](const store::Camera& c) { return c.externalId == "cam-aurora-85"; });
  BOOST_REQUIRE(it != panel->Listed().end());
  BOOST_TEST((it->kind == store::CameraKind::Portable));
  BOOST_REQUIRE(panel->SelectCamera("cam-aurora-85"));
  PumpFor(200ms);
  const wxBitmap shot = CaptureWindow(frame);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-cameras.png")), wxBITMAP_TYPE_PNG));

  FormDialog* retire = panel->MakeDialog(workstation::CameraChange::Action::Retire);
  BOOST_REQUIRE(retire != nullptr);
  BOOST_TEST(retire->Submit());
  retire->Destroy();
  BOOST_TEST(list->GetItemCount() == 3);  // retired cameras only with "Show retired"
  std::size_t changes = 0;
  for (const auto& r : storage.AuditRecords()) changes += r.event == "camera.changed" ? 1 : 0;
  BOOST_TEST(changes == 4u);
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(TheSupervisorsOverviewNamesHoldsDueForReview) {
  AccountsStorage storage;
  {
    auto supervisor = storage.SignIn(kDemoAccounts[1]);
    BOOST_REQUIRE(supervisor->RegisterCase("26-004512", "Burglary, 5th Ave", "detective").Ok());
    workstation::HoldRequest hold;
    hold.kind = store::HoldKind::Discovery;
    hold.reason = "defence discovery request of 1 Dec";
    hold.reads = {1};
    auto placed =
        supervisor->PlaceHold({"26-004512", "INV-PROPERTY", "Burglary at 5th Ave: the defence's request"}, hold);
    BOOST_REQUIRE_MESSAGE(placed.Ok(), (placed.Ok() ? "" : placed.Err().ToString()));
    BOOST_REQUIRE(supervisor->Logout().Ok());
  }
  storage.clock.Advance(181 * kMsPerDay);
  MainFrame* frame = storage.OpenFrame(kDemoAccounts[1]);
  auto* followUp = FindNamed<wxStaticText>(frame, wxS("overviewFollowUp"));
  BOOST_REQUIRE(followUp != nullptr);
  BOOST_TEST(PumpUntil([&] { return followUp->GetLabel().Contains(wxS("1 hold is due for review")); }, 20s),
             FromWx(followUp->GetLabel()));
  BOOST_TEST(followUp->GetLabel().Contains(wxS("case 26-004512 hold 1")));
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(ASupervisorRegistersClosesAndReopensACaseOnTheCasesPage) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDemoAccounts[1]);
  auto* cases = FindNamed<CasesPanel>(frame, wxS("casesPanel"));
  BOOST_REQUIRE(cases != nullptr);
  auto* list = FindNamed<wxListCtrl>(cases, wxS("casesList"));
  BOOST_REQUIRE(list != nullptr);
  BOOST_TEST(FromWx(list->GetItemText(0, 1)) == "None registered yet");
  FormDialog* form = cases->MakeRegisterCaseDialog();
  BOOST_REQUIRE(form != nullptr);
  form->SetValue(0, wxS("2026/7001"));  // not the agency's format: the form says why
  form->SetValue(1, wxS("Robbery, Pike St"));
  form->SetValue(2, wxS("detective"));
  BOOST_TEST(!form->Submit());
  BOOST_TEST(!FindNamed<wxStaticText>(form, wxS("formError"))->GetLabel().empty());
  form->SetValue(0, wxS("26-007001"));
  BOOST_TEST(form->Submit());
  form->Destroy();
  BOOST_TEST(list->GetItemCount() == 1);
  BOOST_TEST(FromWx(list->GetItemText(0, 0)) == "26-007001");
  BOOST_TEST(storage.LastEvent() == "case.registered");
  BOOST_REQUIRE(cases->SelectCase("26-007001"));
  BOOST_REQUIRE(cases->SetSelectedCaseOpen(false).Ok());
  auto listed = storage.workstation->Login({"supervisor", kDemoAccounts[1].password, {}, true, "gui", {}, {}});
  BOOST_REQUIRE(listed.Ok());
  auto registered = (*listed)->Cases();
  BOOST_REQUIRE(registered.Ok());
  const auto it = std::find_if(registered->begin(), registered->end(),
                               [](const store::CaseRecord& c) { return c.number == "26-007001"; });
  BOOST_REQUIRE(it != registered->end());
  BOOST_TEST(!it->open);
  BOOST_TEST(it->lead == "detective");
  BOOST_TEST(FromWx(FindNamed<wxButton>(cases, wxS("casesOpenClose"))->GetLabel()) == "Reopen case");
  BOOST_REQUIRE(cases->SetSelectedCaseOpen(true).Ok());
  BOOST_TEST(FromWx(FindNamed<wxButton>(cases, wxS("casesOpenClose"))->GetLabel()) == "Close case");
  BOOST_REQUIRE((*listed)->Logout().Ok());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(TheOverviewShowsTheUsersOwnTraining) {
  AccountsStorage storage;
  {
    auto admin = storage.SignIn(kAdministrator);
    BOOST_REQUIRE(admin->SetTraining("detective", storage.clock.Now() - 400 * kMsPerDay, std::nullopt).Ok());
    BOOST_REQUIRE(admin->Logout().Ok());
  }
  MainFrame* frame = storage.OpenFrame(kDemoAccounts[1]);  // the supervisor: trained today
  auto* training = FindNamed<wxStaticText>(frame, wxS("overviewTraining"));
  BOOST_REQUIRE(training != nullptr);
  BOOST_TEST(PumpUntil([&] { return training->GetLabel().StartsWith(wxS("current until")); }, 20s),
             FromWx(training->GetLabel()));
  frame->Close(true);
  PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
  frame = storage.OpenFrame(kDetective);  // expired 35 days ago
  training = FindNamed<wxStaticText>(frame, wxS("overviewTraining"));
  BOOST_TEST(PumpUntil([&] { return training->GetLabel().StartsWith(wxS("expired")); }, 20s),
             FromWx(training->GetLabel()));
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(AUserChangesTheirOwnPasswordFromTheAccountMenu) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  FormDialog* dialog = frame->MakeChangePasswordDialog();
  BOOST_REQUIRE(dialog != nullptr);
  // The new one typed twice differently: the form says so and keeps what was typed.
  dialog->SetValue(0, ToWx(kDetective.password));
  dialog->SetValue(2, wxS("Slate-Harbour-Lantern-42"));
  dialog->SetValue(3, wxS("Slate-Harbour-Lantern-43"));
  BOOST_TEST(!dialog->Submit());
  BOOST_TEST(FindNamed<wxStaticText>(dialog, wxS("formError"))->GetLabel().Contains(wxS("differ")));
  // A wrong current password is refused by the session.
  dialog->SetValue(0, wxS("not-my-password"));
  dialog->SetValue(3, wxS("Slate-Harbour-Lantern-42"));
  BOOST_TEST(!dialog->Submit());
  dialog->SetValue(0, ToWx(kDetective.password));
  BOOST_TEST(dialog->Submit());
  dialog->Destroy();
  BOOST_TEST(storage.LastEvent() == "password.changed");
  frame->Close(true);
  PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
  BOOST_TEST(!storage.TrySignIn(kDetective.name, kDetective.password).Ok());
  BOOST_TEST(storage.TrySignIn(kDetective.name, "Slate-Harbour-Lantern-42").Ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
