// SPDX-License-Identifier: GPL-3.0-or-later
// The Releases page in the real main window over a real demo storage: the demo detective enters a
// written request through its form, a supervisor approves it, the detective (the case's lead)
// releases it through the export wizard, records the receipt, and a misread reported on a released
// read shows as a correction notice until it is marked sent; a refused step shows the core's
// reason. Leaves gui-releases-*.png in <build>/screenshots for people to look at.
#include "DemoStorageFixture.h"
#include "GuiTestSupport.h"
#include "views/ExportWizard.h"
#include "views/FormDialog.h"
#include "views/MainFrame.h"
#include "views/ReleasesPanel.h"
#include "views/ReviewPanel.h"
#include "views/TransparencyDialog.h"
#include "views/support/ChartView.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include "platedesk/common/Files.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/toplevel.h>

#include <fstream>

namespace platedesk::views {
namespace {

namespace fs = std::filesystem;
using platedesk::tests::CaptureWindow;
using platedesk::tests::Click;
using platedesk::tests::DistinctColours;
using platedesk::tests::FindNamed;
using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using platedesk::tests::ScreenshotPath;
using platedesk::tests::Type;
using namespace std::chrono_literals;

constexpr char kCase[] = "26-004512";
constexpr char kJustification[] = "Burglary series crossing into King County";
constexpr char kSupervisor[] = "supervisor";
constexpr char kSupervisorPassword[] = "Cedar-Lantern-Ridge-3";
constexpr char kAdministrator[] = "administrator";
constexpr char kAdministratorPassword[] = "Orca-Tide-Station-9";

// A small demo storage with the demo detective (the case's lead), a supervisor, an administrator
// who registered King County Sheriff with an agreement on file, and three reads collected for the case.
struct ReleasesDemo : tests::DemoStorageFixture {
  std::vector<store::ReadId> held{3, 4, 5};
  ReleasesDemo() : DemoStorageFixture("platedesk-gui-releases", 400, 4, 3, 7) {
    auto ws = Open();
    BOOST_REQUIRE(
        ws->BootstrapUser(kSupervisor, store::Role::Supervisor, kSupervisorPassword, "Sam Okafor", true).Ok());
    BOOST_REQUIRE(
        ws->BootstrapUser(kAdministrator, store::Role::Administrator, kAdministratorPassword, "Ana Rivera", true).Ok());
    auto admin = Login(*ws, kAdministrator, kAdministratorPassword);
    store::Agency kcso{0, "King County Sheriff", "WA0170000", store::AgencyKind::Local, "WA", "", "", std::nullopt, "",
                       0};
    auto saved = admin->SaveAgency(kcso, {"mou.pdf", "", "%PDF-1.4\n% sharing agreement\n", ""});
    BOOST_REQUIRE_MESSAGE(saved.Ok(), (saved.Ok() ? std::string() : saved.Err().ToString()));
    auto detective = Login(*ws);
    BOOST_REQUIRE(detective->RegisterCase(kCase, "Burglary series", tests::kDemoDetective).Ok());
    BOOST_REQUIRE(detective->CollectForCase({kCase, "INV-PROPERTY", kJustification}, held).Ok());
  }
};

const ReleasesDemo& Demo() {
  static const ReleasesDemo demo;
  return demo;
}

void Save(wxWindow* window, const wxString& file) {
  PumpFor(300ms);
  const wxBitmap shot = CaptureWindow(window);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(file), wxBITMAP_TYPE_PNG));
  BOOST_TEST(DistinctColours(shot) >= 16);
}

struct Window {
  std::shared_ptr<workstation::Workstation> workstation = Demo().Open();
  AsyncJobs jobs;
  MainFrame* frame = nullptr;
  ReleasesPanel* releases = nullptr;

  explicit Window(const char* user = tests::kDemoDetective, const char* password = tests::kDemoDetectivePassword) {
    frame =
        new MainFrame(workstation, Demo().Login(*workstation, user, password), Demo().clock, jobs, MainFrameActions{});
    frame->SetSize(frame->FromDIP(wxSize(1400, 900)));
    frame->Show();
    releases = FindNamed<ReleasesPanel>(frame, wxS("releasesPanel"));
    BOOST_REQUIRE(releases != nullptr);
    BOOST_REQUIRE(tests::ShowSection(frame, wxS("Releases")));
    BOOST_REQUIRE(releases->IsShownOnScreen());
    PumpFor(200ms);
  }
  ~Window() {
    frame->Close(true);
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
    jobs.JoinAll();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ReleasesGui)

BOOST_AUTO_TEST_CASE(ARequestGoesFromTheFormThroughApprovalReleaseReceiptAndACorrectionNotice) {
  const fs::path document = fs::path(Demo().folder.Path()).parent_path() / "platedesk-gui-release-request.pdf";
  { std::ofstream(document, std::ios::binary) << "%PDF-1.4\n% written request from KCSO\n"; }
  std::int64_t id = 0;
  {
    Window w;
    // The written request, typed into its form as a detective would.
    FormDialog* form = w.releases->MakeRequestDialog();
    BOOST_REQUIRE(form != nullptr);
    form->Show();
    form->SetValue(0, wxS("King County Sheriff"));
    Type(form, wxS("requestRequester"), wxS("Det. Ana Ruiz"));
    Type(form, wxS("requestTitle"), wxS("Detective"));
    Type(form, wxS("requestContact"), wxS("206-555-0101, ruiz@kcso.example"));
    Type(form, wxS("requestTheirCase"), wxS("KC-26-1182"));
    Type(form, wxS("requestCase"), wxString::FromUTF8(kCase));
    form->SetValue(6, wxS("INV-PROPERTY"));
    Type(form, wxS("requestJustification"), wxString::FromUTF8(kJustification));
    Type(form, wxS("requestAuthority"), wxS("RCW 10.97.050; MOU section 4"));
    Type(form, wxS("requestAsks"), wxS("reads of the suspect vehicle, 2025-11-21 to 2025-11-24"));
    Type(form, wxS("requestDocument"), PathToWx(document));
    Save(form, wxS("gui-releases-1-request.png"));
    BOOST_TEST_REQUIRE(form->Submit(), FromWx(w.releases->StatusText()));
    form->Destroy();
    BOOST_REQUIRE(w.releases->Records().size() == 1u);
    id = w.releases->Records().front().request.id;
    BOOST_TEST((w.releases->Records().front().state == store::DisseminationState::Received));
    BOOST_TEST(w.releases->StatusText().Contains(wxS("supervisor reviews it next")));
    // A detective cannot approve; the page says the core's reason.
    BOOST_TEST(!w.releases->Review(id, true, "looks fine").Ok());
    BOOST_TEST(w.releases->StatusText().Contains(wxS("supervisors")), FromWx(w.releases->StatusText()));
    Save(w.frame, wxS("gui-releases-2-detective.png"));
  }
  {
    Window w(kSupervisor, kSupervisorPassword);
    BOOST_REQUIRE(w.releases->Select(id));
    BOOST_TEST(FindNamed<wxWindow>(w.frame, wxS("releasesApprove"))->IsEnabled());
    BOOST_TEST_REQUIRE(w.releases->Review(id, true, "MOU in force; their case is linked to ours").Ok());
    BOOST_TEST((w.releases->Records().front().state == store::DisseminationState::Approved));
    Save(w.frame, wxS("gui-releases-3-approved.png"));
  }
  const fs::path media = fs::path(Demo().folder.Path()).parent_path() / "platedesk-gui-release-media";
  fs::remove_all(media);
  fs::create_directories(media);
  {
    Window w;
    BOOST_REQUIRE(w.releases->Select(id));
    ExportWizard* wizard = nullptr;
    BOOST_REQUIRE(w.releases->OpenRelease(id, store::ReleaseMethod::Media, [&](ExportWizard* opened) {
      wizard = opened;
      wizard->Show();
    }));
    BOOST_REQUIRE(PumpUntil([&] { return wizard != nullptr; }, 20s));
    BOOST_TEST(wizard->ChosenReads().size() == Demo().held.size());
    Click(wizard, wxS("exportNext"));
    wizard->SetFolder(media);
    Click(wizard, wxS("exportNext"));
    wizard->SetEncrypt(true);
    Type(wizard, wxS("exportDelivery"), wxS("by phone to Det. Ruiz"));
    Click(wizard, wxS("exportNext"));
    BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kCustody);
    Type(wizard, wxS("exportMediaLabel"), wxS("USB-0042"));
    Type(wizard, wxS("exportCustodian"), wxS("Det. Ana Ruiz"));
    Click(wizard, wxS("exportNext"));
    BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kReview);
    BOOST_TEST(FindNamed<wxWindow>(wizard, wxS("exportReviewRelease")) != nullptr);
    Save(wizard, wxS("gui-releases-4-release-review.png"));
    Click(wizard, wxS("exportNext"));
    BOOST_REQUIRE(PumpUntil([&] { return wizard->Exported().has_value() || wizard->ExportError().has_value(); }, 60s));
    BOOST_TEST_REQUIRE(wizard->Exported().has_value(),
                       (wizard->ExportError() ? wizard->ExportError()->ToString() : std::string()));
    BOOST_TEST(wizard->Exported()->release > 0);
    wizard->Close(true);
    PumpFor(200ms);
    w.releases->Refresh();
    BOOST_TEST((w.releases->Records().front().state == store::DisseminationState::ReceiptPending));
    BOOST_TEST_REQUIRE(w.releases->RecordReceipt(id, "Det. Ana Ruiz", "").Ok());
    BOOST_TEST((w.releases->Records().front().state == store::DisseminationState::Released));

    // A misread reported on a released read: a notice, open until marked sent.
    auto session = Demo().Login(*w.workstation);
    BOOST_REQUIRE(session
                      ->ReportMisread({kCase, "INV-PROPERTY", kJustification}, Demo().held[1], "ZZZ999", "WA",
                                      "the images show ZZZ999")
                      .Ok());
    w.releases->Refresh();
    BOOST_REQUIRE(w.releases->OpenNotices().size() == 1u);
    BOOST_TEST(w.releases->OpenNotices().front().agencyName == "King County Sheriff");
    BOOST_REQUIRE(w.releases->Select(id));
    Save(w.frame, wxS("gui-releases-5-released.png"));
    auto* tabs = FindNamed<wxNotebook>(w.frame, wxS("releasesTabs"));
    BOOST_REQUIRE(tabs != nullptr);
    BOOST_TEST(FromWx(tabs->GetPageText(1)) == "Correction notices to send (1)");
    tabs->SetSelection(1);
    BOOST_TEST(FindNamed<wxWindow>(w.frame, wxS("releasesNoticeSent"))->IsEnabled());  // the notice is selected
    Save(w.frame, wxS("gui-releases-6-notice.png"));
    {
      // The supervisor's Overview names the notice until it is sent.
      Window supervisor(kSupervisor, kSupervisorPassword);
      auto* followUp = FindNamed<wxStaticText>(supervisor.frame, wxS("overviewFollowUp"));
      BOOST_REQUIRE(followUp != nullptr);
      BOOST_TEST(PumpUntil([&] { return followUp->GetLabel().Contains(wxS("1 correction notice to send")); }, 20s),
                 FromWx(followUp->GetLabel()));
    }
    BOOST_TEST_REQUIRE(w.releases->MarkNoticeSent(w.releases->OpenNotices().front().id, "e-mail to Det. Ruiz").Ok());
    BOOST_TEST(w.releases->OpenNotices().empty());
  }
  fs::remove_all(media);
  fs::remove(document);
}

BOOST_AUTO_TEST_CASE(ASupervisorReviewsTheWeeksFlagsAndSignsOff) {
  {
    // Something to flag: a search under a case number nobody registered.
    auto ws = Demo().Open();
    auto detective = Demo().Login(*ws);
    search::Query q;
    q.plate = "ABC123";
    BOOST_REQUIRE(detective->Search({"26-999999", "INV-PROPERTY", kJustification}, q).Ok());
    const std::vector<store::ReadId> opened{3};
    BOOST_REQUIRE(detective->GetReads({"26-999999", "INV-PROPERTY", kJustification}, opened).Ok());
  }
  Window w(kSupervisor, kSupervisorPassword);
  auto* review = FindNamed<ReviewPanel>(w.frame, wxS("reviewPanel"));
  BOOST_REQUIRE(review != nullptr);
  BOOST_REQUIRE(tests::ShowSection(w.frame, wxS("Review")));
  BOOST_REQUIRE(review->IsShownOnScreen());
  BOOST_REQUIRE(PumpUntil([&] { return !review->IsLoading() && !review->Shown().empty(); }, 20s));
  bool unregistered = false;
  for (const auto& f : review->Shown()) unregistered = unregistered || f.kind == oversight::FlagKind::UnregisteredCase;
  BOOST_TEST(unregistered);
  Save(w.frame, wxS("gui-review-1-flags.png"));
  // Filter to one kind.
  auto* kind = FindNamed<wxChoice>(w.frame, wxS("reviewKind"));
  BOOST_REQUIRE(kind != nullptr);
  kind->SetStringSelection(wxS("unregistered-case"));
  wxCommandEvent picked(wxEVT_CHOICE, kind->GetId());
  picked.SetEventObject(kind);
  kind->ProcessWindowEvent(picked);
  for (const auto& f : review->Shown()) BOOST_TEST((f.kind == oversight::FlagKind::UnregisteredCase));
  // One flag marked reviewed with a note: the list shows who and what.
  auto* flagList = FindNamed<wxListCtrl>(w.frame, wxS("reviewFlags"));
  BOOST_REQUIRE(flagList->GetItemCount() >= 1);
  BOOST_TEST(review->SelectedSeq() == 0u);
  flagList->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  const std::uint64_t flaggedSeq = review->SelectedSeq();
  BOOST_REQUIRE(flaggedSeq == review->Shown().front().seq);
  auto noted = review->MarkReviewed(flaggedSeq, "Typo in the case number; re-run under 26-004512");
  BOOST_TEST_REQUIRE(noted.Ok(), (noted.Ok() ? std::string() : noted.Err().ToString()));
  BOOST_TEST(review->Notes().count(flaggedSeq) == 1u);
  BOOST_TEST(flagList->GetItemText(0, 6).Contains(wxS("supervisor: Typo in the case number")),
             flagList->GetItemText(0, 6));
  // The audit trail, filtered to the case's searches: the search opens into its query and what
  // was opened after it under the case.
  review->ShowTab(1);
  Type(w.frame, wxS("trailCase"), wxS("26-999999"));
  auto* event = FindNamed<wxChoice>(w.frame, wxS("trailEvent"));
  BOOST_REQUIRE(event != nullptr);
  event->SetStringSelection(wxS("searches"));
  BOOST_REQUIRE(review->LoadTrail());
  BOOST_REQUIRE(PumpUntil([&] { return !review->IsTrailLoading(); }, 20s));
  BOOST_REQUIRE(review->TrailShown().size() >= 2u);
  long searchRow = -1;
  for (std::size_t i = 0; i < review->TrailShown().size(); ++i) {
    BOOST_TEST(review->TrailShown()[i].caseNumber == "26-999999");
    BOOST_TEST(review->TrailShown()[i].event.rfind("search.", 0) == 0u);
    if (review->TrailShown()[i].event == "search.start") searchRow = static_cast<long>(i);
  }
  BOOST_REQUIRE(searchRow >= 0);
  review->SelectTrail(searchRow);
  BOOST_REQUIRE(PumpUntil([&] { return !review->IsDetailLoading(); }, 20s));
  const wxString detail = review->TrailDetail();
  BOOST_TEST(detail.Contains(wxS("plate = ABC123")), detail);
  BOOST_TEST(detail.Contains(wxString::FromUTF8(kJustification)), detail);
  BOOST_TEST(detail.Contains(wxS("1 read opened")), detail);
  auto* flagged = FindNamed<wxCheckBox>(w.frame, wxS("trailFlagged"));
  flagged->SetValue(true);
  wxCommandEvent ticked(wxEVT_CHECKBOX, flagged->GetId());
  ticked.SetEventObject(flagged);
  flagged->ProcessWindowEvent(ticked);
  BOOST_TEST(!review->TrailShown().empty());  // the unregistered case flags its search
  Save(w.frame, wxS("gui-review-3-trail.png"));
  // The charts: the period's searches drawn (the detective's search among them), painted on screen.
  review->ShowTab(2);
  auto* perDay = FindNamed<ChartView>(w.frame, wxS("reviewChart1"));
  BOOST_REQUIRE(perDay != nullptr);
  BOOST_TEST(report::ChartTotal(perDay->GetChart()) >= 1.0);
  bool detectiveDrawn = false;
  for (const auto& series : perDay->GetChart().series) detectiveDrawn = detectiveDrawn || series.name == "detective";
  BOOST_TEST(detectiveDrawn);
  for (int i = 1; i <= 4; ++i) {
    auto* chart = FindNamed<ChartView>(w.frame, wxString::Format(wxS("reviewChart%d"), i));
    BOOST_REQUIRE(chart != nullptr);
    chart->Update();
    BOOST_REQUIRE(PumpUntil([&] { return chart->Drawn().IsOk(); }, 10s));
    BOOST_TEST((chart->Drawn().GetSize() == chart->GetClientSize()));
    BOOST_TEST(chart->GetClientSize().x >= 300);
  }
  Save(w.frame, wxS("gui-review-4-charts.png"));
  review->ShowTab(0);
  // Sign off: the report, PDF and CSV, in a folder.
  const fs::path out = fs::path(Demo().folder.Path()).parent_path() / "platedesk-gui-review-reports";
  fs::remove_all(out);
  fs::create_directories(out);
  auto written = review->SignOff("Unregistered case 26-999999: a typo, the detective re-ran it correctly", out);
  BOOST_TEST_REQUIRE(written.Ok(), (written.Ok() ? std::string() : written.Err().ToString()));
  BOOST_TEST_REQUIRE(written->size() == 2u);
  BOOST_TEST(ReadFile(written->at(0))->rfind("%PDF-", 0) == 0u);
  BOOST_TEST(ReadFile(written->at(1))->find("unregistered-case") != std::string::npos);
  BOOST_TEST(FindNamed<wxListCtrl>(w.frame, wxS("reviewSignOffs"))->GetItemCount() >= 1);
  Save(w.frame, wxS("gui-review-2-signed-off.png"));
  fs::remove_all(out);
}

BOOST_AUTO_TEST_CASE(ASupervisorPreviewsAndSavesTheSignedTransparencyReport) {
  Window w(kSupervisor, kSupervisorPassword);
  // The Reports menu is there for a supervisor.
  BOOST_TEST(w.frame->GetMenuBar()->FindMenu(wxS("Reports")) != wxNOT_FOUND);
  std::shared_ptr<workstation::Session> session = Demo().Login(*w.workstation, kSupervisor, kSupervisorPassword);
  auto* dialog = new TransparencyDialog(w.frame, session, Demo().clock, w.jobs);
  dialog->Show();
  // The demo's reads are this week's: the period is set to cover them.
  Type(dialog, wxS("transparencyFrom"), ToWx(FormatIso8601(Demo().clock.Now() - 20 * kMsPerDay).substr(0, 10)));
  Type(dialog, wxS("transparencyTo"), ToWx(FormatIso8601(Demo().clock.Now() + kMsPerDay).substr(0, 10)));
  BOOST_REQUIRE(dialog->Preview());
  BOOST_REQUIRE(PumpUntil([&] { return !dialog->IsBusy(); }, 20s));
  auto* rows = FindNamed<wxListCtrl>(dialog, wxS("transparencyRows"));
  BOOST_REQUIRE(rows != nullptr);
  BOOST_TEST(rows->GetItemCount() > 5);
  bool total = false;
  for (long i = 0; i < rows->GetItemCount(); ++i)
    total = total || (rows->GetItemText(i, 0) == wxS("reads") && rows->GetItemText(i, 1) == wxS("total"));
  BOOST_TEST(total);
  Save(dialog, wxS("gui-transparency-1-preview.png"));
  const fs::path out = fs::path(Demo().folder.Path()).parent_path() / "platedesk-gui-transparency.html";
  fs::remove(out);
  fs::remove(out.string() + ".sig");
  BOOST_REQUIRE(dialog->Save(out));
  BOOST_REQUIRE(PumpUntil([&] { return !dialog->IsBusy(); }, 20s));
  BOOST_REQUIRE_MESSAGE(dialog->Written().size() == 2u, FromWx(dialog->StatusText()));
  // The saved copy verifies against the storage's published evidence keys.
  auto keys = session->EvidenceKeys();
  BOOST_REQUIRE(keys.Ok());
  auto checked = oversight::VerifyPublishedReport(*ReadFile(out), *ReadFile(out.string() + ".sig"), *keys);
  BOOST_REQUIRE(checked.Ok());
  BOOST_TEST(checked->valid, checked->problem);
  // Never over a published file: saving again says so.
  BOOST_REQUIRE(dialog->Save(out));
  BOOST_REQUIRE(PumpUntil([&] { return !dialog->IsBusy(); }, 20s));
  BOOST_TEST(!dialog->StatusText().empty());
  BOOST_TEST(!dialog->StatusText().Contains(wxS("Saved")), dialog->StatusText());
  dialog->Destroy();
  fs::remove(out);
  fs::remove(out.string() + ".sig");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
