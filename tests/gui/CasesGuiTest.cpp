// SPDX-License-Identifier: GPL-3.0-or-later
// The case workflow in the real main window over a real demo storage, signed in as the demo
// detective: "Add to case" from search results, the Cases page, and the export wizard writing a
// demo case to a folder and to an encrypted zip that verify (and that 7-Zip opens); a cancelled
// export leaves nothing behind. Leaves gui-cases.png and gui-export-*.png (one per wizard page)
// in <build>/screenshots (ScreenshotPath) for people to look at.
#include "DemoStorageFixture.h"
#include "GuiTestSupport.h"
#include "views/CasesPanel.h"
#include "views/ExportWizard.h"
#include "views/FormDialog.h"
#include "views/MainFrame.h"
#include "views/SearchPanel.h"
#include "views/SearchResultsList.h"
#include "views/support/AccessContextBar.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Files.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/evidence/Package.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>

namespace platedesk::views {
namespace {

namespace fs = std::filesystem;
using platedesk::tests::CaptureWindow;
using platedesk::tests::Click;
using platedesk::tests::DistinctColours;
using platedesk::tests::FindNamed;
using platedesk::tests::Pick;
using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using platedesk::tests::ScreenshotPath;
using platedesk::tests::Type;
using namespace std::chrono_literals;

using tests::kDemoDetective;
constexpr char kCase[] = "26-004512";
constexpr char kPurpose[] = "INV-PROPERTY";
constexpr char kJustification[] = "Burglary at 5th Ave, grey sedan seen leaving";

workstation::AccessContext Context() { return {kCase, kPurpose, kJustification}; }

// A small demo storage (800 reads with images at 6 cameras over 7 days), the demo detective and
// the case, registered by the detective as a user would.
struct CasesDemo : tests::DemoStorageFixture {
  CasesDemo() : DemoStorageFixture("platedesk-gui-cases", 800, 6, 7, 17) {
    auto ws = Open();
    auto session = Login(*ws);
    BOOST_REQUIRE(session->RegisterCase(kCase, "Burglary, 5th Ave", kDemoDetective).Ok());
    BOOST_REQUIRE(session->RegisterCase("26-003977", "Hit and run, Aurora Ave", "M. Chen").Ok());
    BOOST_REQUIRE(session->Logout().Ok());
  }
};

const CasesDemo& Demo() {
  static const CasesDemo demo;
  return demo;
}

void Navigate(MainFrame* frame, int section) {
  auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
  BOOST_REQUIRE(navigation != nullptr);
  navigation->SetSelection(section);
  wxCommandEvent event(wxEVT_LISTBOX, navigation->GetId());
  event.SetEventObject(navigation);
  event.SetInt(section);
  navigation->ProcessWindowEvent(event);
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
  SearchPanel* search = nullptr;
  CasesPanel* cases = nullptr;

  Window() {
    frame = new MainFrame(workstation, Demo().Login(*workstation), Demo().clock, jobs, MainFrameActions{});
    frame->SetSize(frame->FromDIP(wxSize(1400, 860)));
    frame->Show();
    search = FindNamed<SearchPanel>(frame, wxS("searchPanel"));
    cases = FindNamed<CasesPanel>(frame, wxS("casesPanel"));
    BOOST_REQUIRE(search != nullptr);
    BOOST_REQUIRE(cases != nullptr);
    auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
    BOOST_REQUIRE(navigation->SectionCount() == 5u);
    BOOST_TEST(FromWx(navigation->SectionLabel(2)) == "Cases");
    PumpFor(200ms);
  }

  ~Window() {
    if (frame != nullptr) {
      frame->Close(true);
    }
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
    jobs.JoinAll();
  }

  // The Cases page with the case opened under the demo context (typed into its bar).
  void OpenCase() {
    Navigate(frame, 2);
    BOOST_TEST(cases->IsShownOnScreen());
    auto* bar = cases->ContextBar();
    Type(bar, wxS("accessCase"), wxString::FromUTF8(kCase));
    Pick(bar, wxS("accessPurpose"), [](const wxString& s) { return s.Contains(wxString::FromUTF8(kPurpose)); });
    Type(bar, wxS("accessJustification"), wxString::FromUTF8(kJustification));
    BOOST_REQUIRE(cases->SelectCase(kCase));
    Click(cases, wxS("caseOpen"));
    BOOST_REQUIRE(cases->IsLoading());
    BOOST_REQUIRE(PumpUntil([&] { return !cases->IsLoading(); }, 20s));
    BOOST_REQUIRE(cases->Summary().has_value());
  }

  ExportWizard* OpenWizard() {
    Click(cases, wxS("caseExport"));
    auto* wizard = dynamic_cast<ExportWizard*>(wxWindow::FindWindowByName(wxS("exportWizard")));
    BOOST_REQUIRE(wizard != nullptr);
    BOOST_REQUIRE(wizard->IsShown());
    PumpFor(200ms);
    return wizard;
  }
};

// Reads collected for the case directly through a session (test setup for the wizard tests).
void CollectSome(workstation::Workstation& ws, std::vector<store::ReadId> reads) {
  auto session = Demo().Login(ws);
  BOOST_REQUIRE(session->CollectForCase(Context(), reads).Ok());
  BOOST_REQUIRE(session->Logout().Ok());
}

// Walks the wizard from its first step to the review, writing into `folder`.
void ToReview(ExportWizard* wizard, const fs::path& folder, bool encrypt, bool screenshots) {
  BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kReads);
  if (screenshots) Save(wizard, wxS("gui-export-1-reads.png"));
  Click(wizard, wxS("exportNext"));
  BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kDestination);
  wizard->SetFolder(folder);
  if (screenshots) Save(wizard, wxS("gui-export-2-destination.png"));
  Click(wizard, wxS("exportNext"));
  BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kProtection);
  BOOST_TEST(!wizard->Encrypt());  // a folder: off by default
  wizard->SetEncrypt(encrypt);
  if (encrypt) Type(wizard, wxS("exportDelivery"), wxS("by phone to the deputy prosecutor"));
  if (screenshots)
    Save(wizard, wxString::FromUTF8(encrypt ? "gui-export-3-protection.png" : "gui-export-3-protection-off.png"));
  Click(wizard, wxS("exportNext"));
  BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kCustody);
  BOOST_TEST(!wizard->Next());  // the medium's label is required
  BOOST_TEST(!FindNamed<wxStaticText>(wizard, wxS("exportCustodyProblem"))->GetLabel().empty());
  Type(wizard, wxS("exportMediaLabel"), wxS("USB-0042"));
  Type(wizard, wxS("exportCustodian"), wxS("Property room, officer 4411"));
  if (screenshots) Save(wizard, wxS("gui-export-4-custody.png"));
  Click(wizard, wxS("exportNext"));
  BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kReview);
  auto* reviewedCase = FindNamed<wxStaticText>(wizard, wxS("exportReviewCase"));
  BOOST_REQUIRE(reviewedCase != nullptr);
  BOOST_TEST(FromWx(reviewedCase->GetLabel()) == kCase);
  BOOST_TEST(FindNamed<wxStaticText>(wizard, wxS("exportReviewDestination"))->GetLabel() == PathToWx(folder));
  if (screenshots)
    Save(wizard, wxString::FromUTF8(encrypt ? "gui-export-5-review-encrypted.png" : "gui-export-5-review.png"));
}

std::size_t Entries(const fs::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(folder)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(CasesGuiTest)

BOOST_AUTO_TEST_CASE(ReadsAddedFromASearchAreExportedToAFolderThatVerifies) {
  Window w;
  // Search as the detective, then add three rows to the case.
  Navigate(w.frame, 1);
  Type(w.frame, wxS("accessCase"), wxString::FromUTF8(kCase));
  Pick(w.frame, wxS("accessPurpose"), [](const wxString& s) { return s.Contains(wxString::FromUTF8(kPurpose)); });
  Type(w.frame, wxS("accessJustification"), wxString::FromUTF8(kJustification));
  Type(w.frame, wxS("searchPlate"), wxS("*") + wxString::FromUTF8(Demo().plate.substr(1, 3)) + wxS("*"));
  Pick(w.frame, wxS("searchTime"), [](const wxString& s) { return s == wxS("Any time"); });
  auto* add = FindNamed<wxButton>(w.frame, wxS("searchAddToCase"));
  BOOST_REQUIRE(add != nullptr);
  BOOST_REQUIRE(w.search->StartSearch());
  BOOST_REQUIRE(PumpUntil([&] { return !w.search->IsSearching(); }, 60s));
  SearchResultsList* list = w.search->Results();
  BOOST_REQUIRE(list->HitCount() >= 3u);
  BOOST_TEST(!add->IsEnabled());  // nothing selected yet
  BOOST_TEST(!w.search->AddSelectedToCase());
  std::vector<store::ReadId> chosen;
  for (long row = 0; row < 3; ++row) {
    list->SetItemState(row, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    chosen.push_back(list->HitAt(row).read);
  }
  PumpFor(100ms);
  BOOST_TEST(add->IsEnabled());
  BOOST_TEST(list->SelectedReads() == chosen);
  const std::size_t auditBefore = Demo().Audit().size();
  Click(w.frame, wxS("searchAddToCase"));
  BOOST_REQUIRE(PumpUntil([&] { return !w.search->IsCollecting(); }, 20s));
  BOOST_TEST(FindNamed<wxStaticText>(w.frame, wxS("searchStatus"))->GetLabel().Contains(wxS("3 reads added to case")));
  // Recorded once (the rows' plate crops, loading meanwhile, add read.viewed and image.opened).
  const auto records = Demo().Audit();
  const auto collected = std::count_if(records.begin() + static_cast<long>(auditBefore), records.end(),
                                       [](const audit::StoredRecord& r) { return r.event == "case.collected"; });
  BOOST_TEST(collected == 1);
  const auto record = std::find_if(records.begin() + static_cast<long>(auditBefore), records.end(),
                                   [](const audit::StoredRecord& r) { return r.event == "case.collected"; });
  BOOST_REQUIRE(record != records.end());
  BOOST_TEST(record->caseNumber == kCase);
  BOOST_TEST(record->canonical.find("\"read:" + std::to_string(chosen[0]) + "\"") != std::string::npos);
  // A new sort order gives the rows other reads: the selection does not follow to them.
  list->SortBy(SearchResultsList::kTime, false);
  BOOST_TEST(list->SelectedReads().empty());
  BOOST_TEST(!add->IsEnabled());

  // The Cases page: the search's context is carried over; the case lists the reads and the search.
  Navigate(w.frame, 2);
  auto* caseList = FindNamed<wxListCtrl>(w.cases, wxS("casesList"));
  BOOST_REQUIRE(caseList != nullptr);
  BOOST_TEST(caseList->GetItemCount() == 2);
  BOOST_TEST(w.cases->ContextBar()->Context().has_value());
  BOOST_REQUIRE(w.cases->SelectCase(kCase));
  const std::size_t beforeOpen = Demo().Audit().size();
  Click(w.cases, wxS("caseOpen"));
  BOOST_REQUIRE(PumpUntil([&] { return !w.cases->IsLoading(); }, 20s));
  BOOST_REQUIRE(w.cases->Summary().has_value());
  const auto& summary = *w.cases->Summary();
  BOOST_TEST(summary.holds.size() == 3u);
  const auto opened = Demo().Audit();
  BOOST_TEST(std::any_of(opened.begin() + static_cast<long>(beforeOpen), opened.end(),
                         [](const audit::StoredRecord& r) { return r.event == "case.reviewed"; }));
  auto* reads = FindNamed<wxListCtrl>(w.cases, wxS("caseReads"));
  auto* searches = FindNamed<wxListCtrl>(w.cases, wxS("caseSearches"));
  BOOST_REQUIRE(reads != nullptr);
  BOOST_REQUIRE(searches != nullptr);
  BOOST_TEST(reads->GetItemCount() == 3);
  BOOST_TEST(FromWx(reads->GetItemText(0, 4)) == "collected for the case");
  BOOST_TEST(searches->GetItemCount() >= 1);
  BOOST_TEST(
      searches->GetItemText(0, 2).StartsWith(wxS("*") + wxString::FromUTF8(Demo().plate.substr(1, 3)) + wxS("*")));
  BOOST_TEST(FindNamed<wxStaticText>(w.cases, wxS("caseTitle"))->GetLabel().Contains(wxS("Burglary, 5th Ave")));
  Save(w.frame, wxS("gui-cases.png"));
  auto* tabs = FindNamed<wxNotebook>(w.cases, wxS("caseTabs"));
  tabs->SetSelection(1);
  Save(w.frame, wxS("gui-cases-searches.png"));
  tabs->SetSelection(0);

  // The wizard: every read preselected; a folder; no encryption; custody; review; export.
  ExportWizard* wizard = w.OpenWizard();
  BOOST_TEST(wizard->ChosenReads().size() == 3u);
  Click(wizard, wxS("exportNone"));
  BOOST_TEST(!wizard->Next());  // at least one read
  BOOST_TEST(wizard->CurrentStep() == ExportWizard::kReads);
  Click(wizard, wxS("exportAll"));
  TempFolder media{"platedesk-gui-media"};
  // A folder that does not exist is refused on its step.
  Click(wizard, wxS("exportNext"));
  wizard->SetFolder(media.Path() / "missing");
  BOOST_TEST(!wizard->Next());
  BOOST_TEST(wizard->CurrentStep() == ExportWizard::kDestination);
  BOOST_TEST(wizard->Back());
  ToReview(wizard, media.Path(), false, true);
  Click(wizard, wxS("exportNext"));  // "Export"
  BOOST_TEST(wizard->CurrentStep() == ExportWizard::kExporting);
  BOOST_TEST(wizard->IsBusy());
  BOOST_REQUIRE(PumpUntil([&] { return !wizard->IsBusy(); }, 60s));
  BOOST_REQUIRE_MESSAGE(wizard->Exported().has_value(),
                        (wizard->ExportError() ? wizard->ExportError()->ToString() : std::string("no outcome")));
  BOOST_REQUIRE(wizard->CurrentStep() == ExportWizard::kDone);
  const workstation::EvidenceExport exported = *wizard->Exported();
  BOOST_TEST(exported.reads == 3u);
  BOOST_TEST(!exported.encrypted);
  BOOST_TEST(fs::is_directory(exported.path));
  BOOST_TEST(exported.path.parent_path() == media.Path());
  BOOST_TEST(Entries(media.Path()) == 1u);
  BOOST_TEST(FindNamed<wxTextCtrl>(wizard, wxS("exportPath"))->GetValue() == PathToWx(exported.path));
  BOOST_TEST(FromWx(FindNamed<wxTextCtrl>(wizard, wxS("exportSha256"))->GetValue()) == exported.sha256);
  BOOST_TEST(!FindNamed<wxWindow>(wizard, wxS("exportPassphraseBox"))->IsShown());
  BOOST_TEST(Sha256Hex(ReadFile(exported.path / "tagmanifest-sha256.txt").Value()) == exported.sha256);

  // Verify now: the offline verifier's checks, all passing.
  Click(wizard, wxS("exportVerify"));
  BOOST_REQUIRE(PumpUntil([&] { return !wizard->IsBusy(); }, 60s));
  BOOST_REQUIRE(wizard->Verification().has_value());
  BOOST_TEST(wizard->Verification()->valid, wizard->Verification()->firstProblem);
  auto* checks = FindNamed<wxListCtrl>(wizard, wxS("exportChecks"));
  BOOST_TEST(checks->GetItemCount() >= 5);
  BOOST_TEST(FindNamed<wxStaticText>(wizard, wxS("exportVerdict"))->GetLabel().StartsWith(wxS("VALID")));
  Save(wizard, wxS("gui-export-7-done.png"));
  // The same package checked by the verifier alone, with the storage's published evidence key.
  auto offline = evidence::VerifyPackage(exported.path, std::optional<std::string>(exported.signingKey));
  BOOST_REQUIRE(offline.Ok());
  BOOST_TEST(offline->SignerVerified(), offline->firstProblem);

  // Closing the wizard brings the Cases page up to date: the export is listed.
  Click(wizard, wxS("exportCancel"));  // "Close"
  BOOST_REQUIRE(PumpUntil([&] { return wxWindow::FindWindowByName(wxS("exportWizard")) == nullptr; }, 10s));
  BOOST_REQUIRE(PumpUntil([&] { return !w.cases->IsLoading() && w.cases->Summary().has_value(); }, 20s));
  BOOST_REQUIRE(w.cases->Summary()->exports.size() == 1u);
  BOOST_TEST(w.cases->Summary()->exports[0].outcome == "success");
  auto* exportsList = FindNamed<wxListCtrl>(w.cases, wxS("caseExports"));
  BOOST_TEST(exportsList->GetItemCount() == 1);
  tabs->SetSelection(2);
  Save(w.frame, wxS("gui-cases-exports.png"));

  // The Holds tab: the collection's and the export's investigation holds; the lead places a
  // discovery hold of the case's reads with a reason through the form. The detective neither
  // releases nor reviews (those buttons are a supervisor's).
  auto* holds = FindNamed<wxListCtrl>(w.cases, wxS("caseHolds"));
  BOOST_REQUIRE(holds != nullptr);
  BOOST_TEST(holds->GetItemCount() == 2);
  BOOST_TEST(FromWx(holds->GetItemText(0, 1)) == "investigation");
  BOOST_TEST(!FindNamed<wxButton>(w.cases, wxS("caseHoldRelease"))->IsShown());
  FormDialog* place = w.cases->MakePlaceHoldDialog();
  BOOST_REQUIRE(place != nullptr);
  place->SetValue(0, wxS("Discovery"));
  place->SetValue(1, wxS("defence discovery request of 1 Dec, State v. Doe"));
  BOOST_TEST(place->Submit());
  place->Destroy();
  BOOST_REQUIRE(PumpUntil([&] { return !w.cases->IsLoading() && w.cases->Summary().has_value(); }, 20s));
  BOOST_REQUIRE(w.cases->Summary()->holdList.size() == 3u);
  BOOST_TEST((w.cases->Summary()->holdList[2].kind == store::HoldKind::Discovery));
  BOOST_TEST(w.cases->Summary()->holdList[2].reads == 3u);
  BOOST_TEST(holds->GetItemCount() == 3);
  // An order without its window stays in the form with the reason why.
  place = w.cases->MakePlaceHoldDialog();
  place->SetValue(0, wxS("Preservation"));
  place->SetValue(1, wxS("preservation request PR-2026-118"));
  place->SetValue(3, wxS("ABC777"));
  BOOST_TEST(!place->Submit());
  BOOST_TEST(!FindNamed<wxStaticText>(place, wxS("formError"))->GetLabel().empty());
  place->Destroy();
  tabs->SetSelection(4);
  Save(w.frame, wxS("gui-cases-holds.png"));
}

BOOST_AUTO_TEST_CASE(AnEncryptedExportShowsItsPassphraseOnceVerifiesAndOpensWith7Zip) {
  Window w;
  CollectSome(*w.workstation, {101, 202, 303, 404});
  w.OpenCase();
  ExportWizard* wizard = w.OpenWizard();
  TempFolder media{"platedesk-gui-media-zip"};
  ToReview(wizard, media.Path(), true, true);
  Click(wizard, wxS("exportNext"));
  BOOST_REQUIRE(PumpUntil([&] { return !wizard->IsBusy(); }, 60s));
  BOOST_REQUIRE_MESSAGE(wizard->Exported().has_value(),
                        (wizard->ExportError() ? wizard->ExportError()->ToString() : std::string("no outcome")));
  const workstation::EvidenceExport exported = *wizard->Exported();
  BOOST_TEST(exported.encrypted);
  BOOST_TEST(fs::is_regular_file(exported.path));
  BOOST_TEST(exported.path.extension() == ".zip");
  BOOST_TEST(Entries(media.Path()) == 1u);
  BOOST_TEST(Sha256Hex(ReadFile(exported.path).Value()) == exported.sha256);  // of the outer file
  // The passphrase: shown once on the summary, never in the audit log.
  BOOST_TEST(FindNamed<wxWindow>(wizard, wxS("exportPassphraseBox"))->IsShown());
  const wxString shown = FindNamed<wxTextCtrl>(wizard, wxS("exportPassphrase"))->GetValue();
  BOOST_TEST(FromWx(shown) == exported.passphrase);
  BOOST_TEST(exported.passphrase.size() >= 26u);
  for (const auto& r : Demo().Audit()) BOOST_TEST(r.canonical.find(exported.passphrase) == std::string::npos);

  Click(wizard, wxS("exportVerify"));
  BOOST_REQUIRE(PumpUntil([&] { return !wizard->IsBusy(); }, 60s));
  BOOST_REQUIRE(wizard->Verification().has_value());
  BOOST_TEST(wizard->Verification()->valid, wizard->Verification()->firstProblem);
  BOOST_TEST(wizard->Verification()->checks.front().name == "archive");
  Save(wizard, wxS("gui-export-7-done-encrypted.png"));

  // A recipient opens it with 7-Zip and the passphrase (Debian's 7zip package: 7zz).
  const std::string command = "7zz t -p" + exported.passphrase + " '" + exported.path.string() + "' > /dev/null 2>&1";
  BOOST_TEST(std::system(command.c_str()) == 0, command);
  const std::string wrong = "7zz t -pAAAAA-AAAAA '" + exported.path.string() + "' > /dev/null 2>&1";
  BOOST_TEST(std::system(wrong.c_str()) != 0);
  // Closing asks first whether the passphrase is recorded; the second close closes.
  Click(wizard, wxS("exportCancel"));
  PumpFor(100ms);
  BOOST_REQUIRE(wxWindow::FindWindowByName(wxS("exportWizard")) != nullptr);
  BOOST_TEST(FromWx(FindNamed<wxButton>(wizard, wxS("exportCancel"))->GetLabel()) == "Close: it is recorded");
  Click(wizard, wxS("exportCancel"));
  BOOST_TEST(PumpUntil([&] { return wxWindow::FindWindowByName(wxS("exportWizard")) == nullptr; }, 10s));
}

BOOST_AUTO_TEST_CASE(ACancelledExportLeavesNothingThatLooksCompleteAndIsAudited) {
  Window w;
  CollectSome(*w.workstation, {11, 22, 33, 44, 55, 66, 77, 88});
  w.OpenCase();
  ExportWizard* wizard = w.OpenWizard();
  TempFolder media{"platedesk-gui-media-cancel"};
  ToReview(wizard, media.Path(), false, false);
  Click(wizard, wxS("exportNext"));
  BOOST_REQUIRE(wizard->IsBusy());
  // The user clicks Cancel while the export runs (its worker has started).
  Click(wizard, wxS("exportCancel"));
  BOOST_REQUIRE(PumpUntil([&] { return !wizard->IsBusy(); }, 60s));
  BOOST_TEST(!wizard->Exported().has_value());
  BOOST_REQUIRE(wizard->ExportError().has_value());
  BOOST_TEST((wizard->ExportError()->code == ErrorCode::Cancelled));
  BOOST_TEST(wizard->CurrentStep() == ExportWizard::kExporting);
  BOOST_TEST(FindNamed<wxStaticText>(wizard, wxS("exportProgressText"))->GetLabel().Contains(wxS("cancelled")));
  BOOST_TEST(Entries(media.Path()) == 0u);  // not even a partial folder
  const auto records = Demo().Audit();
  BOOST_REQUIRE(records.size() >= 2u);
  BOOST_TEST(records[records.size() - 2].event == "export.start");
  BOOST_TEST(records.back().event == "export.result");
  BOOST_TEST(records.back().outcome == "failure");
  Save(wizard, wxS("gui-export-6-cancelled.png"));
  // Back to the review, and the export can be run again.
  BOOST_TEST(FindNamed<wxButton>(wizard, wxS("exportBack"))->IsEnabled());
  Click(wizard, wxS("exportBack"));
  BOOST_TEST(wizard->CurrentStep() == ExportWizard::kReview);
  wizard->Close();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
