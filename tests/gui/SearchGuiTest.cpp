// SPDX-License-Identifier: GPL-3.0-or-later
// The search workflow in the real main window over a real demo storage, signed in as the demo
// detective: the access-context bar gates the search, the rows are the session's own results, the
// read detail opens and records a visual verification. Leaves gui-search.png and
// gui-read-detail.png in <build>/screenshots (ScreenshotPath) for people to look at.
#include "AccountsFixture.h"
#include "DemoStorageFixture.h"
#include "GuiTestSupport.h"
#include "views/MainFrame.h"
#include "views/ReadDetailDialog.h"
#include "views/ScenesDialog.h"
#include "views/SearchPanel.h"
#include "views/SearchResultsList.h"
#include "views/VehicleGroups.h"
#include "views/support/AccessContextBar.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/listctrl.h>
#include <wx/rearrangectrl.h>
#include <wx/scrolwin.h>
#include <wx/spinctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>

namespace platedesk::views {
namespace {

using platedesk::tests::CaptureWindow;
using platedesk::tests::Click;
using platedesk::tests::DistinctColours;
using platedesk::tests::FindNamed;
using platedesk::tests::MemoryPreferences;
using platedesk::tests::Pick;
using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using platedesk::tests::ScreenshotPath;
using platedesk::tests::Type;
using platedesk::tests::WhenModal;
using namespace std::chrono_literals;

using tests::kDemoDetective;
constexpr char kAuditor[] = "auditor";
constexpr char kAuditorPassword[] = "Maple-Ledger-Quill-5";
constexpr char kSupervisor[] = "supervisor";
constexpr char kSupervisorPassword[] = "Cedar-Lantern-Ridge-3";
constexpr char kCase[] = "26-004512";
constexpr char kPurpose[] = "INV-PROPERTY";
constexpr char kJustification[] = "Burglary at 5th Ave, grey sedan seen leaving";

// A demo storage like `platedesk-cli demo` makes: 3,000 reads with images at 12 cameras over 14
// days, and the demo detective.
struct SearchDemo : tests::DemoStorageFixture {
  SearchDemo() : DemoStorageFixture("platedesk-gui-search", 3000, 12, 14, 42) {
    BOOST_REQUIRE(
        Open()
            ->BootstrapUser(kAuditor, store::Role::Auditor, kAuditorPassword, "Jo Lindqvist (demo auditor)", true)
            .Ok());
    BOOST_REQUIRE(Open()
                      ->BootstrapUser(kSupervisor, store::Role::Supervisor, kSupervisorPassword,
                                      "Sam Okafor (demo supervisor)", true)
                      .Ok());
  }
};

// Not const: a test moves its clock on (a few seconds; the others do not notice).
SearchDemo& Demo() {
  static SearchDemo demo;
  return demo;
}

struct Window {
  std::shared_ptr<workstation::Workstation> workstation = Demo().Open();
  AsyncJobs jobs;
  MainFrame* frame = nullptr;
  SearchPanel* panel = nullptr;

  explicit Window(MainFrameActions actions = {}) {
    frame = new MainFrame(workstation, Demo().Login(*workstation), Demo().clock, jobs, std::move(actions));
    frame->SetSize(frame->FromDIP(wxSize(1400, 860)));
    frame->Show();
    // Open the Search section as a click in the navigation would.
    auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
    BOOST_REQUIRE(navigation != nullptr);
    BOOST_REQUIRE(navigation->SectionCount() >= 2u);
    BOOST_TEST(FromWx(navigation->SectionLabel(1)) == "Search");
    navigation->SetSelection(1);
    wxCommandEvent event(wxEVT_LISTBOX, navigation->GetId());
    event.SetEventObject(navigation);
    event.SetInt(1);
    navigation->ProcessWindowEvent(event);
    panel = FindNamed<SearchPanel>(frame, wxS("searchPanel"));
    BOOST_REQUIRE(panel != nullptr);
    BOOST_TEST(panel->IsShownOnScreen());
    PumpFor(200ms);
  }

  ~Window() {
    if (frame != nullptr) {
      frame->Close(true);
    }
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
    jobs.JoinAll();
  }

  void FillContext() const {
    Type(frame, wxS("accessCase"), wxString::FromUTF8(kCase));
    Pick(frame, wxS("accessPurpose"), [](const wxString& s) { return s.Contains(wxString::FromUTF8(kPurpose)); });
    Type(frame, wxS("accessJustification"), wxString::FromUTF8(kJustification));
  }
};

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void Save(wxWindow* window, const wxString& file) {
  const wxBitmap shot = CaptureWindow(window);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(file), wxBITMAP_TYPE_PNG));
  BOOST_TEST(DistinctColours(shot) >= 16);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(SearchGuiTest)

BOOST_AUTO_TEST_CASE(ASearchWithAnIncompleteAccessContextDoesNotRun) {
  Window w;
  const std::size_t before = Demo().Audit().size();
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
  auto* run = FindNamed<wxButton>(w.frame, wxS("searchRun"));
  BOOST_REQUIRE(run != nullptr);
  BOOST_TEST(!run->IsEnabled());
  BOOST_TEST(!w.panel->StartSearch());
  // Case and purpose, but a justification that is too short: still nothing runs.
  Type(w.frame, wxS("accessCase"), wxString::FromUTF8(kCase));
  Pick(w.frame, wxS("accessPurpose"), [](const wxString& s) { return s.Contains(wxString::FromUTF8(kPurpose)); });
  Type(w.frame, wxS("accessJustification"), wxS("because"));
  BOOST_TEST(!run->IsEnabled());
  BOOST_TEST(!w.panel->StartSearch());
  BOOST_TEST(!w.panel->IsSearching());
  auto* status = FindNamed<wxStaticText>(w.frame, wxS("accessStatus"));
  BOOST_REQUIRE(status != nullptr);
  BOOST_TEST(status->GetLabel().Contains(wxS("at least 10 characters")));
  BOOST_TEST(FindNamed<wxStaticText>(w.frame, wxS("searchStatus"))->GetLabel().Contains(wxS("did not run")));
  PumpFor(200ms);
  BOOST_TEST(Demo().Audit().size() == before);  // the session was never asked
  BOOST_TEST(w.panel->Results()->HitCount() == 0u);
  // Prohibited purposes are not even offered.
  auto* purpose = FindNamed<wxChoice>(w.frame, wxS("accessPurpose"));
  for (unsigned i = 0; i < purpose->GetCount(); ++i) BOOST_TEST(!purpose->GetString(i).Contains(wxS("PROHIB")));
}

BOOST_AUTO_TEST_CASE(TheDetectiveSearchesSeesTheSessionsRowsAndVerifiesARead) {
  Window w;
  w.FillContext();
  auto* run = FindNamed<wxButton>(w.frame, wxS("searchRun"));
  BOOST_TEST(run->IsEnabled());
  // A plate in the storage with OCR look-alikes and one edit: exact rows, look-alikes, edits and
  // alternative reads.
  const std::string pattern = Demo().plate;
  Pick(w.frame, wxS("searchEdits"), [](const wxString& s) { return s == wxS("1"); });
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(pattern));
  Pick(w.frame, wxS("searchTime"), [](const wxString& s) { return s == wxS("Any time"); });
  auto* preview = FindNamed<wxStaticText>(w.frame, wxS("searchPreview"));
  BOOST_REQUIRE(preview != nullptr);
  Type(w.frame, wxS("searchPlate"), wxS("ABC1234"));
  wxString previewText = preview->GetLabel();
  previewText.Replace(wxS("\n"), wxS(" "));  // the label is wrapped to the form's width
  BOOST_TEST(previewText.StartsWith(wxS("ABC1234 also finds ")), previewText);
  BOOST_TEST(previewText.Contains(wxS("A8C1234")));
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(pattern));

  const std::size_t auditBefore = Demo().Audit().size();
  Click(w.frame, wxS("searchRun"));
  BOOST_TEST(w.panel->IsSearching());
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 60s));
  SearchResultsList* list = w.panel->Results();
  BOOST_REQUIRE(list->HitCount() > 0u);

  // The same search through the session directly gives the same rows, in the same order.
  auto query = w.panel->BuildQuery();
  BOOST_REQUIRE(query.Ok());
  auto reference = Demo().Login(*w.workstation);
  auto expected = reference->Search({kCase, kPurpose, kJustification}, *query, {}, true);
  BOOST_REQUIRE(expected.Ok());
  std::map<store::ReadId, const store::Read*> readOf;
  for (const auto& r : expected->reads) readOf[r.id] = &r;
  BOOST_REQUIRE_EQUAL(list->HitCount(), expected->result.hits.size());
  BOOST_REQUIRE_EQUAL(static_cast<std::size_t>(list->GetItemCount()), expected->result.hits.size());
  BOOST_TEST(w.panel->TotalMatches() == expected->result.totalMatches);
  for (std::size_t i = 0; i < expected->result.hits.size(); ++i) {
    const auto& want = expected->result.hits[i];
    const long row = static_cast<long>(i);
    BOOST_TEST(list->HitAt(row).read == want.read);
    BOOST_TEST(FromWx(list->GetItemText(row, SearchResultsList::kPlate)) == want.plate);
    BOOST_TEST(list->GetItemText(row, SearchResultsList::kMatch) == MatchText(want.match));
    // The Vehicle column shows the camera's best guesses (colour first, then make), as the CLI's
    // columns do.
    const store::Read& read = *readOf.at(want.read);
    const std::string vehicle = FromWx(list->GetItemText(row, SearchResultsList::kVehicle));
    if (read.vehicle.color.empty() && read.vehicle.make.empty() && read.vehicle.model.empty() &&
        read.vehicle.body.empty()) {
      BOOST_TEST(vehicle == "\u2014");
    } else {
      if (!read.vehicle.color.empty()) BOOST_TEST(vehicle.rfind(read.vehicle.color.front().value, 0) == 0u, vehicle);
      if (!read.vehicle.make.empty())
        BOOST_TEST(vehicle.find(read.vehicle.make.front().value) != std::string::npos, vehicle);
    }
  }
  // The audit trail has the search (start and result) and, as rows came on screen, plate crops
  // opened through the session.
  BOOST_TEST(PumpUntil(
      [&] {
        const auto records = Demo().Audit();
        return std::any_of(records.begin() + static_cast<long>(auditBefore), records.end(),
                           [](const audit::StoredRecord& r) { return r.event == "image.opened"; });
      },
      20s));
  const auto records = Demo().Audit();
  BOOST_TEST(records[auditBefore].event == "search.start");
  PumpFor(500ms);  // let the thumbnails paint
  Save(w.frame, wxS("gui-search.png"));

  // Sorting by plate keeps every row and orders them.
  list->SortBy(SearchResultsList::kPlate, true);
  for (long row = 1; row < list->GetItemCount(); ++row)
    BOOST_TEST((list->HitAt(row - 1).plate <= list->HitAt(row).plate));
  // Least exact first: the look-alikes, edits and alternative reads with their explanations.
  list->SortBy(SearchResultsList::kMatch, false);
  BOOST_TEST(FromWx(list->GetItemText(0, SearchResultsList::kMatch)) != "exact");
  list->EnsureVisible(0);
  PumpFor(800ms);  // thumbnails of the rows now on screen
  Save(w.frame, wxS("gui-search-by-match.png"));
  list->SortBy(SearchResultsList::kTime, false);
  for (long row = 1; row < list->GetItemCount(); ++row)
    BOOST_TEST(list->HitAt(row - 1).capturedAt >= list->HitAt(row).capturedAt);

  // The read detail: opened from the first row, loaded through the session, verified.
  const store::ReadId first = list->HitAt(0).read;
  w.panel->OpenDetail(0);
  auto* dialog = dynamic_cast<ReadDetailDialog*>(wxWindow::FindWindowByName(wxS("readDetail")));
  BOOST_REQUIRE(dialog != nullptr);
  BOOST_REQUIRE(PumpUntil([&] { return dialog->IsLoaded(); }, 20s));
  BOOST_TEST(dialog->ShownRead()->id == first);
  auto* verify = FindNamed<wxButton>(dialog, wxS("verifyRead"));
  BOOST_REQUIRE(verify != nullptr);
  BOOST_TEST(verify->IsEnabled());
  PumpFor(300ms);
  Click(dialog, wxS("verifyRead"));
  auto* review = FindNamed<wxStaticText>(dialog, wxS("readReview"));
  BOOST_REQUIRE(review != nullptr);
  BOOST_TEST(review->GetLabel().Contains(wxS("Verified by detective for case 26-004512")));
  const auto after = Demo().Audit();
  BOOST_TEST(
      std::any_of(after.begin(), after.end(), [](const audit::StoredRecord& r) { return r.event == "read.verified"; }));
  auto checks = reference->GetReadChecks({kCase, kPurpose, kJustification}, first);
  BOOST_REQUIRE(checks.Ok());
  BOOST_REQUIRE(checks->verifications.size() == 1u);
  BOOST_TEST(checks->verifications[0].user == kDemoDetective);
  BOOST_TEST(checks->verifications[0].createdAt == Demo().clock.Now());
  PumpFor(300ms);
  Save(dialog, wxS("gui-read-detail.png"));
  dialog->Destroy();
  BOOST_REQUIRE(reference->Logout().Ok());
}

BOOST_AUTO_TEST_CASE(OnALaptopScreenTheSearchButtonIsAlwaysInViewAndEnterRunsTheSearch) {
  Window w;
  w.frame->SetSize(w.frame->FromDIP(wxSize(1366, 768)));
  PumpFor(300ms);
  auto* run = FindNamed<wxButton>(w.frame, wxS("searchRun"));
  BOOST_REQUIRE(run != nullptr);
  // The button bar is outside the scrolled fields: on screen, inside the window, whatever the scroll.
  // Above the status bar, inside the window.
  const wxRect frameRect = w.frame->GetScreenRect();
  const int statusTop = w.frame->GetStatusBar()->GetScreenRect().GetTop();
  auto inView = [&] {
    const wxRect r = run->GetScreenRect();
    return frameRect.Contains(r) && r.GetBottom() < statusTop;
  };
  BOOST_TEST(w.frame->GetSize().GetHeight() <= w.frame->FromDIP(768));
  BOOST_TEST(run->IsShownOnScreen());
  BOOST_TEST(inView(), "button to " << run->GetScreenRect().GetBottom() << ", status bar from " << statusTop);
  auto* form = FindNamed<wxScrolledWindow>(w.frame, wxS("searchForm"));
  BOOST_REQUIRE(form != nullptr);
  form->Scroll(0, 1000);
  PumpFor(100ms);
  BOOST_TEST(inView());
  Save(w.frame, wxS("gui-search-1366x768.png"));
  // Enter in the justification runs the search once the context is complete.
  w.FillContext();
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
  auto* justification = FindNamed<wxTextCtrl>(w.frame, wxS("accessJustification"));
  wxCommandEvent enter(wxEVT_TEXT_ENTER, justification->GetId());
  enter.SetEventObject(justification);
  justification->ProcessWindowEvent(enter);
  BOOST_TEST(w.panel->IsSearching());
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 60s));
  BOOST_TEST(w.panel->Results()->HitCount() >= 1u);
  const wxString results = w.panel->StatusText();
  // Change the plate: the rows shown are an earlier search's, and the page says so; put it back,
  // and they are this search's again.
  Type(w.frame, wxS("searchPlate"), wxS("ZZZ999"));
  BOOST_TEST(PumpUntil([&] { return w.panel->StatusText().Contains(wxS("earlier search")); }, 5s),
             w.panel->StatusText());
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
  BOOST_TEST(PumpUntil([&] { return w.panel->StatusText() == results; }, 5s), w.panel->StatusText());
  // A case that is not the one searched under marks them too.
  Type(w.panel, wxS("accessCase"), wxS("26-003977"));
  BOOST_TEST(PumpUntil([&] { return w.panel->StatusText().Contains(wxS("earlier search")); }, 5s),
             w.panel->StatusText());
}

BOOST_AUTO_TEST_CASE(ByVehicleTheRowsGroupAndTheTimelineOpensASighting) {
  Window w;
  w.FillContext();
  // The sample plate's first three characters, any time: several vehicles, some seen often.
  Pick(w.frame, wxS("searchTime"), [](const wxString& s) { return s == wxS("Any time"); });
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate.substr(0, 3)) + wxS("*"));
  BOOST_REQUIRE(w.panel->StartSearch());
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 60s));
  const auto& hits = w.panel->Results()->Hits();
  BOOST_REQUIRE(!hits.empty());

  auto* byVehicle = FindNamed<wxCheckBox>(w.panel, wxS("searchByVehicle"));
  BOOST_REQUIRE(byVehicle != nullptr);
  byVehicle->SetValue(true);
  wxCommandEvent toggle(wxEVT_CHECKBOX, byVehicle->GetId());
  toggle.SetEventObject(byVehicle);
  toggle.SetInt(1);
  byVehicle->ProcessWindowEvent(toggle);
  PumpFor(100ms);
  VehicleGroupsList* vehicles = w.panel->Vehicles();
  BOOST_TEST(vehicles->IsShownOnScreen());
  BOOST_TEST(!w.panel->Results()->IsShown());
  // One row per best plate and state; the counts add up to the rows; most sightings first.
  std::map<std::pair<std::string, std::string>, std::size_t> expected;
  for (const auto& h : hits) ++expected[{h.plate, h.state}];
  BOOST_REQUIRE(static_cast<std::size_t>(vehicles->GetItemCount()) == expected.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < vehicles->Groups().size(); ++i) {
    const VehicleGroup& g = vehicles->Groups()[i];
    BOOST_TEST(g.sightings.size() == (expected[{g.plate, g.state}]));
    total += g.sightings.size();
    if (i > 0) BOOST_TEST(vehicles->Groups()[i - 1].sightings.size() >= g.sightings.size());
    BOOST_TEST(vehicles->GetItemText(static_cast<long>(i), 4) == FormatLocalMinute(g.LastSeen()));
  }
  BOOST_TEST(total == hits.size());

  // The first vehicle is chosen: its sightings on the time line, oldest at the left.
  SightingsTimeline* timeline = w.panel->Timeline();
  BOOST_TEST(timeline->IsShownOnScreen());
  const VehicleGroup& first = vehicles->Groups().front();
  BOOST_REQUIRE(timeline->MarkCount() == first.sightings.size());
  if (first.sightings.size() > 1 && first.LastSeen() > first.FirstSeen()) {
    BOOST_TEST(timeline->MarkAt(0).x < timeline->MarkAt(first.sightings.size() - 1).x);
  }
  Save(w.frame, wxS("gui-search-by-vehicle.png"));
  // A click on a mark opens that read, with its own audit record.
  const wxPoint mark = timeline->MarkAt(0);
  wxMouseEvent click(wxEVT_LEFT_UP);
  click.SetPosition(mark);
  timeline->ProcessWindowEvent(click);
  auto* detail = dynamic_cast<ReadDetailDialog*>(wxWindow::FindWindowByName(wxS("readDetail")));
  BOOST_REQUIRE(detail != nullptr);
  BOOST_REQUIRE(PumpUntil([&] { return detail->IsLoaded(); }, 20s));
  BOOST_TEST(detail->ShownRead()->id == first.sightings.front().read);
  detail->Close(true);
  PumpFor(100ms);
  // And back: one row per read.
  w.panel->ShowByVehicle(false);
  BOOST_TEST(w.panel->Results()->IsShown());
}

BOOST_AUTO_TEST_CASE(ALastDaysWindowThatSlidWithTheClockIsStillTheSameSearch) {
  // Found on a walk-through with the real clock: every key typed after a "Last 7 days" search
  // called its rows an earlier search's, because the window's start had moved on with the clock.
  const UtcMs start = Demo().clock.Now();
  Window w;
  w.FillContext();
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
  BOOST_REQUIRE(w.panel->StartSearch());
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 60s));
  BOOST_TEST(!w.panel->StatusText().Contains(wxS("earlier search")), w.panel->StatusText());
  Demo().clock.Advance(90 * 1000);
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));  // typed again: the same search
  PumpFor(100ms);
  BOOST_TEST(!w.panel->StatusText().Contains(wxS("earlier search")), w.panel->StatusText());
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate.substr(0, 4)) + wxS("*"));
  PumpFor(100ms);
  BOOST_TEST(w.panel->StatusText().Contains(wxS("earlier search")), w.panel->StatusText());
  // Back to the same plate: the same search again; then, 24 days on, a wider window is not.
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
  PumpFor(100ms);
  BOOST_TEST(!w.panel->StatusText().Contains(wxS("earlier search")), w.panel->StatusText());
  Demo().clock.Advance(24 * kMsPerDay);
  Pick(w.frame, wxS("searchTime"), [](const wxString& s) { return s == wxS("Last 30 days"); });
  PumpFor(100ms);
  BOOST_TEST(w.panel->StatusText().Contains(wxS("earlier search")), w.panel->StatusText());
  Demo().clock.Set(start);  // the other tests' clock as it was
}

BOOST_AUTO_TEST_CASE(SavingTheRowsIsRecordedAndNeverReplacesAFile) {
  Window w;
  w.FillContext();
  Pick(w.frame, wxS("searchTime"), [](const wxString& s) { return s == wxS("Any time"); });
  Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
  auto* save = FindNamed<wxButton>(w.panel, wxS("searchSave"));
  BOOST_REQUIRE(save != nullptr);
  BOOST_TEST(!save->IsEnabled());  // nothing to save yet
  BOOST_REQUIRE(w.panel->StartSearch());
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 60s));
  BOOST_REQUIRE(w.panel->Results()->HitCount() > 0u);
  BOOST_TEST(save->IsEnabled());

  TempFolder out("platedesk-gui-saved");
  const wxString file = wxString(out.Path().wstring()) + wxS("/results.csv");
  BOOST_REQUIRE(w.panel->SaveResultsTo(file));
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSaving(); }, 20s));
  BOOST_TEST(w.panel->StatusText().Contains(wxS("recorded in the audit log")), w.panel->StatusText());
  // Thumbnails may be recorded meanwhile: the newest results.saved is this save.
  const auto trail = Demo().Audit();
  const auto saved = std::find_if(trail.rbegin(), trail.rend(),
                                  [](const audit::StoredRecord& r) { return r.event == "results.saved"; });
  BOOST_REQUIRE(saved != trail.rend());
  const auto& record = *saved;
  BOOST_TEST(std::filesystem::exists(out.Path() / "results.csv"));
  BOOST_TEST(record.canonical.find(Sha256Hex(ReadWholeFile(out.Path() / "results.csv"))) != std::string::npos);
  // Again to the same name: said before anything is handed over or recorded.
  const std::size_t savesBefore = std::count_if(
      trail.begin(), trail.end(), [](const audit::StoredRecord& r) { return r.event == "results.saved"; });
  BOOST_TEST(!w.panel->SaveResultsTo(file));
  BOOST_TEST(w.panel->StatusText().Contains(wxS("never replaces a file")), w.panel->StatusText());
  const auto after = Demo().Audit();
  BOOST_TEST(std::count_if(after.begin(), after.end(), [](const audit::StoredRecord& r) {
               return r.event == "results.saved";
             }) == static_cast<std::ptrdiff_t>(savesBefore));
  // A name ending in .pdf: the rows as a PDF to print, recorded with that file's digest.
  BOOST_REQUIRE(w.panel->SaveResultsTo(wxString(out.Path().wstring()) + wxS("/results.pdf")));
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSaving(); }, 20s));
  const std::string pdf = ReadWholeFile(out.Path() / "results.pdf");
  BOOST_TEST(pdf.rfind("%PDF-", 0) == 0u);
  const auto printed = Demo().Audit();
  const auto pdfSaved = std::find_if(printed.rbegin(), printed.rend(),
                                     [](const audit::StoredRecord& r) { return r.event == "results.saved"; });
  BOOST_REQUIRE(pdfSaved != printed.rend());
  BOOST_TEST(pdfSaved->canonical.find(Sha256Hex(pdf)) != std::string::npos);
  BOOST_TEST(pdfSaved->canonical.find("\"pdf\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(TheUserChoosesAndOrdersTheResultColumnsAndTheyAreKeptForThem) {
  // The application keeps them in its settings file; here, in memory.
  std::map<std::string, std::string> kept;
  MainFrameActions actions;
  actions.preferences = MemoryPreferences(kept);
  using Column = SearchResultsList::Column;
  {
    Window w(actions);
    SearchResultsList* list = w.panel->Results();
    BOOST_TEST(list->Columns().size() == static_cast<std::size_t>(SearchResultsList::kColumnCount));
    // Right-click on a heading > Columns...: untick State and Vehicle, move Match up to second.
    bool ran = false;
    WhenModal<wxRearrangeDialog>(
        wxS("resultColumns"),
        [](wxRearrangeDialog& dialog) {
          wxRearrangeList* columns = dialog.GetList();
          auto at = [&](const wxString& title) {
            for (unsigned i = 0; i < columns->GetCount(); ++i)
              if (columns->GetString(i) == title) return static_cast<int>(i);
            return -1;
          };
          columns->Check(static_cast<unsigned>(at(wxS("State"))), false);
          columns->Check(static_cast<unsigned>(at(wxS("Vehicle"))), false);
          columns->SetSelection(at(wxS("Match")));
          while (columns->CanMoveCurrentUp()) columns->MoveCurrentUp();
          dialog.EndModal(wxID_OK);
        },
        &ran);
    w.panel->ChooseColumns();
    BOOST_REQUIRE(ran);
    const std::vector<Column> chosen{SearchResultsList::kPlate, SearchResultsList::kMatch, SearchResultsList::kTime,
                                     SearchResultsList::kCamera, SearchResultsList::kConfidence};
    BOOST_TEST((list->Columns() == chosen));
    BOOST_REQUIRE(list->GetColumnCount() == 5);
    wxListItem heading;
    heading.SetMask(wxLIST_MASK_TEXT);
    BOOST_REQUIRE(list->GetColumn(1, heading));
    BOOST_TEST(FromWx(heading.GetText()) == "Match");
    BOOST_TEST(kept["users/detective/result_columns"] == "plate,match,time,camera,confidence");
    // The rows show what the headings say.
    w.FillContext();
    Type(w.frame, wxS("searchPlate"), wxString::FromUTF8(Demo().plate));
    Pick(w.frame, wxS("searchTime"), [](const wxString& t) { return t == wxS("Any time"); });
    BOOST_REQUIRE(w.panel->StartSearch());
    BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 60s));
    BOOST_REQUIRE(list->HitCount() > 0u);
    BOOST_TEST(list->GetItemText(0, 1) == list->CellText(0, SearchResultsList::kMatch));
    BOOST_TEST(list->GetItemText(0, 2) == list->CellText(0, SearchResultsList::kTime));
  }
  // Signed in again: the same columns, in the same order.
  Window again(actions);
  BOOST_TEST(again.panel->Results()->Columns().size() == 5u);
  BOOST_TEST(again.panel->Results()->Columns()[1] == SearchResultsList::kMatch);
  // A broken or foreign value keeps what it can read, the plate first.
  BOOST_TEST((SearchResultsList::ParseColumns("match,nonsense,plate,,time") ==
              std::vector<Column>{SearchResultsList::kPlate, SearchResultsList::kMatch, SearchResultsList::kTime}));
}

BOOST_AUTO_TEST_CASE(AMultiSceneSearchAsksForApprovalAndRunsUnderIt) {
  Window w;
  w.FillContext();
  // Two sightings of the sample plate at different times: a scene around each.
  auto reference = Demo().Login(*w.workstation);
  search::Query exact;
  exact.plate = Demo().plate;
  exact.ocrTolerant = false;
  exact.alternatives = false;
  auto found = reference->Search({kCase, kPurpose, kJustification}, exact);
  BOOST_REQUIRE(found.Ok());
  BOOST_REQUIRE(found->result.hits.size() >= 2u);
  const auto cameras = reference->Cameras().Value();
  auto nameOf = [&](store::CameraId id) {
    for (const auto& c : cameras)
      if (c.id == id) return ToWx(c.name.empty() ? c.externalId : c.name);
    return wxString();
  };
  ScenesDialog* scenes = w.panel->OpenScenes();
  BOOST_REQUIRE(scenes != nullptr);
  BOOST_TEST(w.panel->OpenScenes() == scenes);  // one at a time
  auto* cameraList = FindNamed<wxCheckListBox>(scenes, wxS("scenesCameras"));
  BOOST_REQUIRE(cameraList != nullptr);
  BOOST_TEST(!scenes->AddScene());  // no camera ticked
  for (std::size_t i = 0; i < 2; ++i) {
    const search::Hit& h = found->result.hits[i];
    const int index = cameraList->FindString(nameOf(h.camera), true);
    BOOST_REQUIRE(index != wxNOT_FOUND);
    cameraList->Check(static_cast<unsigned>(index), true);
    Type(scenes, wxS("scenesFrom"), wxDateTime(wxLongLong(h.capturedAt - kMsPerHour)).Format(wxS("%Y-%m-%d %H:%M")));
    Type(scenes, wxS("scenesTo"), wxDateTime(wxLongLong(h.capturedAt + kMsPerHour)).Format(wxS("%Y-%m-%d %H:%M")));
    BOOST_REQUIRE(scenes->AddScene());
  }
  // A broad search: refused until a supervisor approves this exact query.
  BOOST_REQUIRE(scenes->Run());
  BOOST_REQUIRE(PumpUntil([&] { return !scenes->IsBusy(); }, 30s));
  BOOST_TEST(scenes->StatusText().Contains(wxS("approval")), scenes->StatusText());
  BOOST_TEST(Demo().Audit().back().event == "search.refused");
  BOOST_REQUIRE(scenes->RequestApproval());
  BOOST_REQUIRE(PumpUntil([&] { return !scenes->IsBusy(); }, 30s));
  BOOST_TEST(Demo().Audit().back().event == "approval.request");
  const wxString number = FindNamed<wxTextCtrl>(scenes, wxS("scenesApproval"))->GetValue();
  long long approval = 0;
  BOOST_REQUIRE(number.ToLongLong(&approval));
  auto supervisor = Demo().Login(*w.workstation, kSupervisor, kSupervisorPassword);
  BOOST_REQUIRE(supervisor->DecideApproval(approval, true, "two scenes of the burglary series", 0).Ok());
  // Under the approval: the plate seen at both scenes is among the vehicles.
  BOOST_REQUIRE(scenes->Run());
  BOOST_REQUIRE(PumpUntil([&] { return !scenes->IsBusy(); }, 30s));
  const auto& vehicles = scenes->Vehicles();
  BOOST_TEST(std::any_of(vehicles.begin(), vehicles.end(),
                         [&](const search::SceneVehicle& v) { return v.plate == Demo().plate; }),
             scenes->StatusText());
  BOOST_TEST(Demo().Audit().back().event == "search.result");
  BOOST_TEST(FindNamed<wxListCtrl>(scenes, wxS("scenesResults"))->GetItemCount() == static_cast<int>(vehicles.size()));
  Save(scenes, wxS("gui-scenes.png"));
  scenes->Destroy();
}

BOOST_AUTO_TEST_CASE(TheBarShowsTheRefusalOfTheCoreForAMalformedCaseNumber) {
  Window w;
  w.FillContext();
  // Core stays the authority: a malformed case number passes the bar's local checks and is
  // refused by the session, which the bar then shows.
  Type(w.frame, wxS("accessCase"), wxS("not-a-case"));
  Type(w.frame, wxS("searchPlate"), wxS("A*"));
  BOOST_REQUIRE(w.panel->StartSearch());
  BOOST_REQUIRE(PumpUntil([&] { return !w.panel->IsSearching(); }, 30s));
  BOOST_TEST(w.panel->Results()->HitCount() == 0u);
  auto* status = FindNamed<wxStaticText>(w.frame, wxS("accessStatus"));
  // The core's own reason, as the CLI prints it.
  BOOST_TEST(status->GetLabel().Contains(wxS("does not match the agency format")), status->GetLabel());
  BOOST_TEST(Demo().Audit().back().event == "search.refused");
}

BOOST_AUTO_TEST_CASE(TheFormBuildsTheQueryTheUserDescribesAndNamesABadField) {
  Window w;
  Type(w.frame, wxS("searchPlate"), wxS("ab-c 12?"));
  Pick(w.frame, wxS("searchEdits"), [](const wxString& s) { return s == wxS("2"); });
  FindNamed<wxCheckBox>(w.frame, wxS("searchOcr"))->SetValue(false);
  Type(w.frame, wxS("searchStates"), wxS("wa, or"));
  FindNamed<wxCheckBox>(w.frame, wxS("searchUnknownState"))->SetValue(true);
  Pick(w.frame, wxS("searchTime"), [](const wxString& s) { return s == wxS("Custom range"); });
  auto* from = FindNamed<wxTextCtrl>(w.frame, wxS("searchFrom"));
  auto* to = FindNamed<wxTextCtrl>(w.frame, wxS("searchTo"));
  BOOST_REQUIRE(from != nullptr && to != nullptr);
  BOOST_TEST(from->IsEnabled());
  // ISO dates as everywhere in the application; a time when one is given, the whole day if not.
  Type(w.frame, wxS("searchFrom"), wxS("2025-11-10 08:30"));
  Type(w.frame, wxS("searchTo"), wxS("2025-11-12"));
  Type(w.frame, wxS("searchHours"), wxS("22:00-04:00"));
  auto* cameras = FindNamed<wxCheckListBox>(w.frame, wxS("searchCameras"));
  BOOST_REQUIRE(cameras != nullptr);
  BOOST_REQUIRE(cameras->GetCount() == 12u);
  cameras->Check(2);
  Type(w.frame, wxS("searchNearLat"), wxS("47.61"));
  Type(w.frame, wxS("searchNearLon"), wxS("-122,33"));  // a decimal comma is accepted
  Type(w.frame, wxS("searchNearKm"), wxS("2.5"));
  auto* red = FindNamed<wxWindow>(w.frame, wxS("colour_red"));
  auto* blue = FindNamed<wxWindow>(w.frame, wxS("colour_blue"));
  BOOST_REQUIRE(red != nullptr && blue != nullptr);
  wxMouseEvent click(wxEVT_LEFT_UP);
  blue->ProcessWindowEvent(click);
  red->ProcessWindowEvent(click);  // several colours at once: blue or red
  FindNamed<wxComboBox>(w.frame, wxS("searchMake"))->SetValue(wxS("Toyota"));
  Pick(w.frame, wxS("searchBody"), [](const wxString& s) { return s == wxS("sedan"); });
  FindNamed<wxSpinCtrl>(w.frame, wxS("searchMinConfidence"))->SetValue(60);

  auto q = w.panel->BuildQuery();
  BOOST_REQUIRE_MESSAGE(q.Ok(), (q.Ok() ? "" : q.Err().ToString()));
  BOOST_TEST(q->plate.value_or("") == "ab-c 12?");
  BOOST_TEST(q->maxEdits == 2);
  BOOST_TEST(!q->ocrTolerant);
  BOOST_TEST(q->alternatives);
  BOOST_TEST((q->states == std::vector<std::string>{"WA", "OR"}));
  BOOST_TEST(q->includeUnknownState);
  const UtcMs start = wxDateTime(10, wxDateTime::Nov, 2025, 8, 30).GetValue().GetValue();
  const UtcMs dayAfterEnd = wxDateTime(13, wxDateTime::Nov, 2025).GetValue().GetValue();
  BOOST_TEST(q->from.value_or(0) == start);
  BOOST_TEST(q->to.value_or(0) == dayAfterEnd);  // the whole last day is in the range
  BOOST_TEST((q->hours.value_or(search::HoursOfDay{}) == search::HoursOfDay{22 * 60, 4 * 60}));
  BOOST_REQUIRE(q->cameras.size() == 1u);
  BOOST_REQUIRE(q->near.has_value());
  BOOST_TEST(q->near->centre.latitude == 47.61);
  BOOST_TEST(q->near->centre.longitude == -122.33);
  BOOST_TEST(q->near->radiusKm == 2.5);
  BOOST_REQUIRE(q->color.has_value());
  BOOST_TEST((std::set<std::string>(q->color->values.begin(), q->color->values.end()) ==
              std::set<std::string>{"blue", "red"}));
  BOOST_TEST((q->make.value_or(search::AttributeFilter{}).values == std::vector<std::string>{"Toyota"}));
  BOOST_TEST((q->body.value_or(search::AttributeFilter{}).values == std::vector<std::string>{"sedan"}));
  BOOST_TEST(q->minConfidence.value_or(0) == 60);

  Type(w.frame, wxS("searchNearLat"), wxS("100"));
  BOOST_TEST(w.panel->BuildQuery().Err().context == "near");
  // Words a number parser takes but a distance is not (the map's arithmetic would overflow).
  Type(w.frame, wxS("searchNearLat"), wxS("47.61"));
  for (const wxString notANumber : {wxS("inf"), wxS("nan"), wxS("-inf")}) {
    Type(w.frame, wxS("searchNearKm"), notANumber);
    BOOST_TEST(w.panel->BuildQuery().Err().context == "near", FromWx(notANumber));
  }
  Type(w.frame, wxS("searchNearLat"), wxString());
  Type(w.frame, wxS("searchNearLon"), wxString());
  Type(w.frame, wxS("searchNearKm"), wxString());
  Type(w.frame, wxS("searchStates"), wxS("Washington"));
  BOOST_TEST(w.panel->BuildQuery().Err().context == "states");
  Type(w.frame, wxS("searchStates"), wxString());
  Type(w.frame, wxS("searchHours"), wxS("late at night"));
  BOOST_TEST(w.panel->BuildQuery().Err().context == "hours");
  Type(w.frame, wxS("searchHours"), wxString());
  Type(w.frame, wxS("searchTo"), wxS("11/12/2025"));  // not ISO: said, not guessed
  BOOST_TEST(w.panel->BuildQuery().Err().context == "time");
  Type(w.frame, wxS("searchTo"), wxS("2025-11-01"));
  BOOST_TEST(w.panel->BuildQuery().Err().context == "time");
  // A bad field stops the search before the session is asked.
  w.FillContext();
  const std::size_t before = Demo().Audit().size();
  BOOST_TEST(!w.panel->StartSearch());
  BOOST_TEST(Demo().Audit().size() == before);
  // Clear puts the defaults back.
  Click(w.frame, wxS("searchClear"));
  auto cleared = w.panel->BuildQuery();
  BOOST_REQUIRE(cleared.Ok());
  BOOST_TEST(!cleared->plate.has_value());
  BOOST_TEST(cleared->ocrTolerant);
  BOOST_TEST(!cleared->color.has_value());
  BOOST_TEST(cleared->from.value_or(0) == Demo().clock.Now() - 7 * kMsPerDay);
}

BOOST_AUTO_TEST_CASE(AnAuditorHasNoSearchSection) {
  auto workstation = Demo().Open();
  AsyncJobs jobs;
  auto* frame = new MainFrame(workstation, Demo().Login(*workstation, kAuditor, kAuditorPassword), Demo().clock, jobs,
                              MainFrameActions{});
  frame->Show();
  auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
  BOOST_REQUIRE(navigation != nullptr);
  // Overview, Releases (the dissemination log, read-only), Approvals (read-only) and Review: no
  // plate search.
  BOOST_TEST(navigation->SectionCount() == 4u);
  BOOST_TEST(FindNamed<SearchPanel>(frame, wxS("searchPanel")) == nullptr);
  frame->Close(true);
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s));
  jobs.JoinAll();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
