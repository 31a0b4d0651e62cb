// SPDX-License-Identifier: GPL-3.0-or-later
// The approval queue in the real main window over a real demo storage: a detective's broad search
// is refused with "Request approval...", the request goes to the supervisor's Approvals page, the
// supervisor approves it, and the detective runs it from the Approvals page on the Search page;
// its audit record names the approver. Leaves gui-approvals-*.png in <build>/screenshots.
#include "DemoStorageFixture.h"
#include "GuiTestSupport.h"
#include "views/ApprovalsPanel.h"
#include "views/MainFrame.h"
#include "views/SearchPanel.h"
#include "views/SearchResultsList.h"
#include "views/support/AccessContextBar.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include "platedesk/common/Hash.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/toplevel.h>

namespace platedesk::views {
namespace {

using platedesk::tests::CaptureWindow;
using platedesk::tests::DistinctColours;
using platedesk::tests::FindNamed;
using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using platedesk::tests::ScreenshotPath;
using platedesk::tests::Type;
using namespace std::chrono_literals;

constexpr char kCase[] = "26-004512";
constexpr char kJustification[] = "Burglary series: the witness saw only a 1";
constexpr char kSupervisor[] = "supervisor";
constexpr char kSupervisorPassword[] = "Cedar-Lantern-Ridge-3";

struct ApprovalsDemo : tests::DemoStorageFixture {
  ApprovalsDemo() : DemoStorageFixture("platedesk-gui-approvals", 400, 4, 3, 11) {
    auto ws = Open();
    BOOST_REQUIRE(
        ws->BootstrapUser(kSupervisor, store::Role::Supervisor, kSupervisorPassword, "Sam Okafor", true).Ok());
  }
};

const ApprovalsDemo& Demo() {
  static const ApprovalsDemo demo;
  return demo;
}

struct Window {
  std::shared_ptr<workstation::Workstation> workstation = Demo().Open();
  AsyncJobs jobs;
  MainFrame* frame = nullptr;

  explicit Window(const char* user = tests::kDemoDetective, const char* password = tests::kDemoDetectivePassword) {
    frame =
        new MainFrame(workstation, Demo().Login(*workstation, user, password), Demo().clock, jobs, MainFrameActions{});
    frame->SetSize(frame->FromDIP(wxSize(1400, 900)));
    frame->Show();
    PumpFor(200ms);
  }
  void Go(const std::string& section) {
    BOOST_REQUIRE_MESSAGE(tests::ShowSection(frame, wxString::FromUTF8(section)), "no section " + section);
    PumpFor(100ms);
  }
  ~Window() {
    frame->Close(true);
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
    jobs.JoinAll();
  }
};

void Save(wxWindow* window, const wxString& file) {
  PumpFor(300ms);
  const wxBitmap shot = CaptureWindow(window);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(file), wxBITMAP_TYPE_PNG));
  BOOST_TEST(DistinctColours(shot) >= 16);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ApprovalsGui)

BOOST_AUTO_TEST_CASE(ARefusedBroadSearchIsRequestedApprovedAndRunFromTheApprovalsPage) {
  {
    Window w;
    w.Go("Search");
    auto* search = FindNamed<SearchPanel>(w.frame, wxS("searchPanel"));
    BOOST_REQUIRE(search != nullptr);
    search->ContextBar()->SetContext(kCase, "INV-PROPERTY", kJustification);
    Type(w.frame, wxS("searchPlate"), wxS("*1*"));
    BOOST_TEST(!search->RequestApproval());  // nothing was refused yet
    BOOST_REQUIRE(search->StartSearch());
    BOOST_REQUIRE(PumpUntil([&] { return !search->IsSearching(); }, 60s));
    auto* request = FindNamed<wxButton>(w.frame, wxS("searchRequestApproval"));
    BOOST_REQUIRE(request != nullptr);
    BOOST_TEST(request->IsShown());
    BOOST_TEST(search->StatusText().Contains(wxS("needs approval")), search->StatusText());
    const wxString why = FindNamed<wxStaticText>(w.frame, wxS("accessStatus"))->GetLabel();
    BOOST_TEST(why.Contains(wxS("the pattern *1* pins down fewer than 3 characters")), why);
    Save(w.frame, wxS("gui-approvals-refused.png"));
    BOOST_REQUIRE(search->RequestApproval());
    BOOST_REQUIRE(PumpUntil([&] { return !search->IsRequesting(); }, 30s));
    BOOST_TEST(search->StatusText().Contains(wxS("Approval request")), search->StatusText());
    BOOST_TEST(!request->IsShown());
  }
  {
    Window w(kSupervisor, kSupervisorPassword);
    w.Go("Approvals");
    auto* approvals = FindNamed<ApprovalsPanel>(w.frame, wxS("approvalsPanel"));
    BOOST_REQUIRE(approvals != nullptr);
    BOOST_REQUIRE(PumpUntil([&] { return !approvals->IsBusy(); }, 30s));
    BOOST_REQUIRE_EQUAL(approvals->Shown().size(), 1U);
    BOOST_TEST((approvals->Shown()[0].state == store::ApprovalState::Pending));
    BOOST_TEST(approvals->DetailText().Contains(wxS("plate = *1*")), approvals->DetailText());
    BOOST_TEST(approvals->DetailText().Contains(wxS("pins down fewer than 3 characters")));
    BOOST_TEST(FindNamed<wxButton>(w.frame, wxS("approvalsApprove"))->IsEnabled());
    Save(w.frame, wxS("gui-approvals-queue.png"));
    BOOST_REQUIRE(approvals->DecideSelected(true, 4, "the witness saw a 1"));
    BOOST_REQUIRE(PumpUntil([&] { return !approvals->IsBusy(); }, 30s));
    BOOST_REQUIRE(PumpUntil([&] { return approvals->StatusText().Contains(wxS("approved until")); }, 10s));
  }
  {
    Window w;
    w.Go("Approvals");
    auto* approvals = FindNamed<ApprovalsPanel>(w.frame, wxS("approvalsPanel"));
    BOOST_REQUIRE(PumpUntil([&] { return !approvals->IsBusy(); }, 30s));
    BOOST_REQUIRE_EQUAL(approvals->Shown().size(), 1U);
    BOOST_TEST((approvals->Shown()[0].state == store::ApprovalState::Approved));
    BOOST_TEST(!FindNamed<wxButton>(w.frame, wxS("approvalsApprove"))->IsShown());  // detectives decide nothing
    BOOST_TEST(FindNamed<wxButton>(w.frame, wxS("approvalsRun"))->IsEnabled());
    Save(w.frame, wxS("gui-approvals-mine.png"));
    BOOST_REQUIRE(approvals->RunSelected());
    auto* search = FindNamed<SearchPanel>(w.frame, wxS("searchPanel"));
    BOOST_TEST(search->IsShownOnScreen());
    BOOST_REQUIRE(PumpUntil([&] { return !search->IsSearching(); }, 60s));
    BOOST_TEST(search->Results()->HitCount() > 0U, search->StatusText());
    BOOST_TEST(search->ContextBar()->CaseNumber() == kCase);
  }
  const auto audit = Demo().Audit();
  bool approvedSearch = false;
  for (const auto& r : audit) {
    if (r.event != "search.start") continue;
    const auto record = nlohmann::json::parse(r.canonical);
    if (record.contains("details") && record["details"].value("approved_by", "") == kSupervisor) approvedSearch = true;
  }
  BOOST_TEST(approvedSearch);
}

BOOST_AUTO_TEST_CASE(OpeningTheWindowOnAFolderRunsTheRetentionPurge) {
  // A read from before the retention period, put in as an old import would have left it.
  store::ReadId old = 0;
  {
    auto storage = store::Storage::Open(Demo().folder.Path(), Demo().clock).Value();
    auto cam = storage->EnsureCamera("cam-old", "", store::CameraKind::Fixed, std::nullopt).Value();
    store::NewRead r;
    r.sourceFormat = "csv";
    r.sourceUuid = "gui-retention-old";
    r.capturedAt = Demo().clock.Now() - 45 * kMsPerDay;
    r.camera = cam;
    r.plateReported = r.plate = "OLD4511";
    r.state = "WA";
    r.confidence = 90;
    r.payloadSha256 = Sha256Hex(r.sourceUuid);
    old = storage->InsertRead(r)->id;
  }
  Window w;
  // Nobody asked for it: the frame's schedule purges on opening, recorded as the schedule's.
  auto purgedBySchedule = [] {
    for (const auto& r : Demo().Audit())
      if (r.event == "retention.purge" && r.user == workstation::kRetentionScheduleUser) return true;
    return false;
  };
  BOOST_REQUIRE(PumpUntil(purgedBySchedule, 20s));
  auto storage = store::Storage::Open(Demo().folder.Path(), Demo().clock).Value();
  BOOST_TEST(!storage->GetRead(old)->has_value());
  BOOST_TEST(storage->GetRead(11)->has_value());  // the demo's reads are inside the period
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
