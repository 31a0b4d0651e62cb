// SPDX-License-Identifier: GPL-3.0-or-later
// The administrator's Administration page (issue 16), as the CLI's purpose, config, audit
// checkpoint and import commands: a purpose added, withdrawn and restored; a setting changed and a
// bad value kept in its form with the reason; the signed checkpoint saved; camera files imported
// on a worker with the summary naming what went to quarantine. Each change in the audit log.
// Leaves gui-admin.png in <build>/screenshots.
#include "AccountsFixture.h"
#include "GuiTestSupport.h"
#include "views/AdminPanel.h"
#include "views/FormDialog.h"
#include "views/MainFrame.h"
#include "views/support/Strings.h"

#include "platedesk/common/Files.h"

#include <boost/test/unit_test.hpp>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace platedesk::views {

using namespace platedesk::tests;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(AdminPanelTest)

BOOST_AUTO_TEST_CASE(AnAdministratorManagesPurposesSettingsTheCheckpointAndImports) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kAdministrator);
  frame->SetSize(frame->FromDIP(wxSize(1366, 768)));
  BOOST_REQUIRE(ShowSection(frame, wxS("Administration")));
  auto* panel = FindNamed<AdminPanel>(frame, wxS("adminPanel"));
  BOOST_REQUIRE(panel != nullptr);
  BOOST_TEST(panel->IsShownOnScreen());
  const std::size_t catalogue = panel->Purposes().size();
  BOOST_TEST(catalogue > 5u);

  // A purpose: a prohibited use is refused in the form, a good one added, withdrawn, restored.
  FormDialog* add = panel->MakePurposeDialog();
  add->SetValue(0, wxS("INV-FRAUD"));
  add->SetValue(1, wxS("Immigration enforcement checks"));
  add->SetValue(2, wxS("not needed"));
  BOOST_TEST(!add->Submit());
  BOOST_TEST(FindNamed<wxStaticText>(add, wxS("formError"))->GetLabel().Contains(wxS("prohibited")));
  add->SetValue(1, wxS("Fraud investigation"));
  add->SetValue(3, wxS("detective,supervisor"));
  BOOST_TEST(add->Submit());
  add->Destroy();
  BOOST_TEST(panel->Purposes().size() == catalogue + 1);
  BOOST_TEST(storage.LastEvent() == "config.changed");
  BOOST_REQUIRE(panel->SelectPurpose("INV-FRAUD"));
  BOOST_TEST(panel->SetSelectedWithdrawn(true));
  const auto withdrawn = std::find_if(panel->Purposes().begin(), panel->Purposes().end(),
                                      [](const store::PurposeRecord& p) { return p.code == "INV-FRAUD"; });
  BOOST_REQUIRE(withdrawn != panel->Purposes().end());
  BOOST_TEST(withdrawn->disabled);
  BOOST_TEST(panel->SetSelectedWithdrawn(false));

  // A setting: a bad value stays in the form with the rule; a good one is recorded.
  FormDialog* setting = panel->MakeSettingDialog();
  setting->SetValue(0, wxS("idle_minutes"));
  setting->SetValue(1, wxS("forever"));
  BOOST_TEST(!setting->Submit());
  BOOST_TEST(!FindNamed<wxStaticText>(setting, wxS("formError"))->GetLabel().empty());
  setting->SetValue(1, wxS("20"));
  BOOST_TEST(setting->Submit());
  setting->Destroy();
  BOOST_TEST(storage.LastEvent() == "config.changed");
  BOOST_TEST(panel->StatusText().Contains(wxS("idle_minutes is now 20")), panel->StatusText());
  // The settings list: every key config set takes (the approval rules' too), with its value or
  // that its default applies; Change a setting... starts from the selected one and its value.
  const auto& settings = panel->Settings();
  const auto idle = std::find_if(settings.begin(), settings.end(),
                                 [](const workstation::AgencySetting& a) { return a.key == "idle_minutes"; });
  BOOST_REQUIRE(idle != settings.end());
  BOOST_TEST(idle->set);
  BOOST_TEST(idle->value == "20");
  BOOST_TEST(std::any_of(settings.begin(), settings.end(),
                         [](const workstation::AgencySetting& a) { return a.key == "map_tiles" && !a.set; }));
  BOOST_TEST(std::any_of(settings.begin(), settings.end(),
                         [](const workstation::AgencySetting& a) { return a.key == "approval_hours"; }));
  auto* settingsList = FindNamed<wxListCtrl>(panel, wxS("adminSettings"));
  BOOST_REQUIRE(settingsList != nullptr);
  BOOST_TEST(static_cast<std::size_t>(settingsList->GetItemCount()) == settings.size());
  BOOST_REQUIRE(panel->SelectSetting("idle_minutes"));
  FormDialog* again = panel->MakeSettingDialog();
  BOOST_REQUIRE(again != nullptr);
  auto* value = FindNamed<wxTextCtrl>(again, wxS("settingValue"));
  BOOST_REQUIRE(value != nullptr);
  BOOST_TEST(FromWx(value->GetValue()) == "20");
  // Choosing another setting shows its value (map_tiles: never set); empty is a value too (unset).
  auto* key = FindNamed<wxChoice>(again, wxS("settingKey"));
  BOOST_REQUIRE(key != nullptr);
  BOOST_REQUIRE(key->SetStringSelection(wxS("map_tiles")));
  wxCommandEvent picked(wxEVT_CHOICE, key->GetId());
  picked.SetEventObject(key);
  picked.SetInt(key->GetSelection());
  key->ProcessWindowEvent(picked);
  BOOST_TEST(value->GetValue().empty());
  BOOST_TEST(again->Submit());
  again->Destroy();
  BOOST_TEST(panel->StatusText().Contains(wxS("map_tiles is now")), panel->StatusText());

  // The checkpoint, to keep elsewhere; never over a file.
  TempFolder out("platedesk-gui-admin");
  const std::filesystem::path checkpoint = out.Path() / "checkpoint.txt";
  BOOST_REQUIRE(panel->SaveCheckpoint(checkpoint));
  const std::string note = ReadFile(checkpoint).Value();
  BOOST_TEST(note.find("\n\n\u2014 ") != std::string::npos, note);  // a signed note: text, blank line, signature
  BOOST_TEST(!panel->SaveCheckpoint(checkpoint));

  // Camera files: one good CSV row, one broken JSON file (quarantined).
  {
    std::ofstream csv(out.Path() / "reads.csv");
    csv << "uuid,captured_at,camera_id,plate,state,confidence\n"
        << "gui-0001,2026-11-24T08:00:00Z,cam-gui-1,ABC1234,WA,91.5\n";
    std::ofstream json(out.Path() / "broken.json");
    json << "{\"data_type\": \"alpr_group\", ";
  }
  BOOST_REQUIRE(panel->Import({out.Path() / "reads.csv", out.Path() / "broken.json"}));
  BOOST_TEST(panel->IsImporting());
  BOOST_REQUIRE(PumpUntil([&] { return !panel->IsImporting(); }, 60s));
  wxString summary = panel->StatusText();
  summary.Replace(wxS("\n"), wxS(" "));
  BOOST_TEST(summary.Contains(wxS("Files read: 2. Reads stored: 1;")), summary);
  BOOST_TEST(summary.Contains(wxS("put in quarantine: 1")), summary);
  BOOST_TEST(summary.Contains(wxS("broken.json")), summary);
  BOOST_TEST(storage.LastEvent() == "import");
  // The window's counts follow: the status bar counts the imported read.
  auto statusSays = [&](const wxString& text) {
    for (int i = 0; i < frame->GetStatusBar()->GetFieldsCount(); ++i)
      if (frame->GetStatusBar()->GetStatusText(i).Contains(text)) return true;
    return false;
  };
  BOOST_TEST(PumpUntil([&] { return statusSays(wxS("61 reads")); }, 10s));
  BOOST_TEST(CaptureWindow(frame).SaveFile(ScreenshotPath(wxS("gui-admin.png")), wxBITMAP_TYPE_PNG));
  frame->Close(true);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
