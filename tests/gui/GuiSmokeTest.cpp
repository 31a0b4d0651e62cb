// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the real sign-in dialog and main window over a real demo storage with a real user, the
// way the application composes them (app/platedesk), and leaves gui-smoke.png and gui-login.png
// in <build>/screenshots (ScreenshotPath) for people to look at.
#include "GuiTestSupport.h"
#include "TestServer.h"
#include "views/LoginDialog.h"
#include "views/MainFrame.h"
#include "views/support/ErrorText.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/common/Files.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/filename.h>
#include <wx/frame.h>
#include <wx/image.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>

#include <memory>
#include <string>

namespace platedesk::views {
namespace {

using platedesk::tests::CaptureWindow;
using platedesk::tests::DigitsOf;
using platedesk::tests::DistinctColours;
using platedesk::tests::FindNamed;
using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using platedesk::tests::ScreenshotPath;
using namespace std::chrono_literals;

constexpr char kUser[] = "dana";
constexpr char kDisplayName[] = "Dana Whitfield";
constexpr char kPassword[] = "amber lantern harbour 42";
constexpr std::int64_t kDemoReads = 2000;

// One demo storage for the whole suite (2,000 reads with images and one detective): building it
// is the slow part, and every test only reads it (failed sign-ins stay below the lockout).
struct DemoStorage {
  TempFolder folder{"platedesk-gui"};
  // A platedesk-server runs on the real clock and purges reads past retention when it starts:
  // the server pass's demo ends now, as `platedesk-cli demo` makes it.
  ManualClock clock{ServerMode() ? SystemClock().Now() : UtcFromCivil(2025, 11, 24, 9, 30)};
  std::int64_t reads = -1;

  DemoStorage() {
    Result<std::unique_ptr<store::Storage>> storage = store::Storage::Create(folder.Path(), clock);
    BOOST_REQUIRE_MESSAGE(storage.Ok(), (storage.Ok() ? "" : storage.Err().ToString()));
    demo::DemoOptions options;
    options.reads = kDemoReads;
    options.cameras = 12;
    options.days = 14;
    options.images = true;
    Result<demo::DemoSummary> summary = demo::GenerateDemo(**storage, options);
    BOOST_REQUIRE_MESSAGE(summary.Ok(), (summary.Ok() ? "" : summary.Err().ToString()));
    reads = summary->reads;
    access::Accounts accounts(**storage);
    Result<store::UserRecord> user = accounts.AddUser(kUser, store::Role::Detective, kPassword, kDisplayName);
    BOOST_REQUIRE_MESSAGE(user.Ok(), (user.Ok() ? "" : user.Err().ToString()));
  }

  /// The storage as the app opens it: the folder (embedded), or, in the `gui_test_server` pass
  /// (PLATEDESK_GUI_SERVER=1), a platedesk-server started here on it with TLS, connected to with
  /// its pinned key, so the same assertions run over the network.
  std::shared_ptr<workstation::Connection> Open() const {
    if (ServerMode()) {
      if (!server) server = std::make_unique<tests::TestServer>(folder.Path());
      Result<std::unique_ptr<workstation::Connection>> connected = remote::Connect(server->endpoint);
      BOOST_REQUIRE_MESSAGE(connected.Ok(), (connected.Ok() ? "" : connected.Err().ToString()));
      return std::shared_ptr<workstation::Connection>(std::move(connected).Value());
    }
    Result<std::unique_ptr<workstation::Workstation>> opened = workstation::Workstation::Open(folder.Path(), clock);
    BOOST_REQUIRE_MESSAGE(opened.Ok(), (opened.Ok() ? "" : opened.Err().ToString()));
    return std::shared_ptr<workstation::Workstation>(std::move(opened).Value());
  }
  static bool ServerMode() {
    const char* mode = std::getenv("PLATEDESK_GUI_SERVER");
    return mode != nullptr && std::string(mode) == "1";
  }
  /// What the status bar's storage field says: the folder, or the server's address.
  [[nodiscard]] std::string Where() const { return server ? server->endpoint.url : FromWx(PathToWx(folder.Path())); }
  mutable std::unique_ptr<tests::TestServer> server;  // declared last: stopped before the folder goes
};

const DemoStorage& SharedDemo() {
  static const DemoStorage demo;
  return demo;
}

// The login dialog's controls, found by the names the dialog gives them.
struct LoginControls {
  wxCheckBox* accept = nullptr;
  wxTextCtrl* user = nullptr;
  wxTextCtrl* password = nullptr;
  wxTextCtrl* oneTimeCode = nullptr;
  wxButton* signIn = nullptr;
  wxStaticText* error = nullptr;

  explicit LoginControls(wxWindow* dialog)
      : accept(FindNamed<wxCheckBox>(dialog, wxS("acceptNotice"))),
        user(FindNamed<wxTextCtrl>(dialog, wxS("userName"))),
        password(FindNamed<wxTextCtrl>(dialog, wxS("password"))),
        oneTimeCode(FindNamed<wxTextCtrl>(dialog, wxS("oneTimeCode"))),
        signIn(FindNamed<wxButton>(dialog, wxS("signIn"))),
        error(FindNamed<wxStaticText>(dialog, wxS("loginError"))) {
    BOOST_REQUIRE(accept != nullptr);
    BOOST_REQUIRE(user != nullptr);
    BOOST_REQUIRE(password != nullptr);
    BOOST_REQUIRE(oneTimeCode != nullptr);
    BOOST_REQUIRE(signIn != nullptr);
    BOOST_REQUIRE(error != nullptr);
  }

  // What a click on the checkbox does: change the value, then tell the dialog.
  void SetAccepted(bool accepted) const {
    accept->SetValue(accepted);
    wxCommandEvent event(wxEVT_CHECKBOX, accept->GetId());
    event.SetEventObject(accept);
    event.SetInt(accepted ? 1 : 0);
    accept->ProcessWindowEvent(event);
  }

  void ClickSignIn() const {
    wxCommandEvent event(wxEVT_BUTTON, signIn->GetId());
    event.SetEventObject(signIn);
    signIn->ProcessWindowEvent(event);
  }

  [[nodiscard]] bool ErrorShown() const { return error->IsShownOnScreen() && !error->GetLabel().empty(); }
};

bool NoTopLevelWindowsLeft() {
  return PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(GuiSmokeTest)

BOOST_AUTO_TEST_CASE(SignInStaysDisabledUntilTheNoticeIsAccepted) {
  const DemoStorage& demo = SharedDemo();
  std::shared_ptr<workstation::Connection> workstation = demo.Open();
  auto* dialog = new LoginDialog(nullptr, *workstation);
  dialog->Show();
  const LoginControls controls(dialog);

  controls.user->SetValue(wxString::FromUTF8(kUser));
  controls.password->SetValue(wxString::FromUTF8(kPassword));
  BOOST_TEST(!controls.accept->GetValue());
  BOOST_TEST(!controls.signIn->IsEnabled());
  // Nothing silent: the dialog says why Sign in is grey until the notice is ticked.
  auto* hint = FindNamed<wxStaticText>(dialog, wxS("acceptHint"));
  BOOST_REQUIRE(hint != nullptr);
  BOOST_TEST(hint->IsShownOnScreen());
  BOOST_TEST(hint->GetLabel().Contains(wxS("accepted the notice")));
  controls.SetAccepted(true);
  BOOST_TEST(controls.signIn->IsEnabled());
  BOOST_TEST(!hint->IsShown());
  controls.SetAccepted(false);
  BOOST_TEST(!controls.signIn->IsEnabled());
  BOOST_TEST(hint->IsShown());

  // The notice is the workstation's banner, read-only.
  auto* banner = FindNamed<wxTextCtrl>(dialog, wxS("banner"));
  BOOST_REQUIRE(banner != nullptr);
  BOOST_TEST(!workstation->Banner().empty());
  BOOST_TEST(FromWx(banner->GetValue()) == FromWx(ReflowParagraphs(workstation->Banner())));
  BOOST_TEST(banner->GetValue().Contains(wxS("law-enforcement information system")));
  BOOST_TEST(!banner->IsEditable());
  BOOST_TEST(controls.oneTimeCode->IsEnabled());  // optional on a demo storage, needed once enrolled
  BOOST_TEST(workstation->IsDemo());
  auto* demoNote = FindNamed<wxStaticText>(dialog, wxS("demoNote"));
  BOOST_REQUIRE(demoNote != nullptr);
  wxString demoText = demoNote->GetLabel();
  demoText.Replace(wxS("\n"), wxS(" "));  // the label is wrapped to the dialog's width
  BOOST_TEST(demoText.Contains(wxS("demo accounts are listed in the README")));
  BOOST_TEST(!controls.ErrorShown());

  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(WrongPasswordIsReportedInlineAndClearsThePasswordField) {
  const DemoStorage& demo = SharedDemo();
  std::shared_ptr<workstation::Connection> workstation = demo.Open();
  auto* dialog = new LoginDialog(nullptr, *workstation);
  dialog->Show();
  PumpFor(200ms);
  const LoginControls controls(dialog);

  controls.SetAccepted(true);
  controls.user->SetValue(wxString::FromUTF8(kUser));
  controls.password->SetValue(wxS("not the password"));
  controls.oneTimeCode->SetValue(wxS("123 456"));
  controls.ClickSignIn();

  BOOST_TEST(controls.ErrorShown());
  wxString shown = controls.error->GetLabel();
  shown.Replace(wxS("\n"), wxS(" "));  // wrapped to the dialog's width
  BOOST_TEST(FromWx(shown) == FromWx(ErrorText(Fail(ErrorCode::Unauthenticated, ""), Activity::SignIn)));
  BOOST_TEST(controls.password->GetValue().empty());
  BOOST_TEST(controls.oneTimeCode->GetValue().empty());  // a code is never offered twice
  BOOST_TEST(FromWx(controls.user->GetValue()) == kUser);
  BOOST_TEST(dialog->IsShown());
  BOOST_TEST(!dialog->TakeSession());
  BOOST_TEST(!controls.signIn->IsEnabled());  // the password has to be typed again

  const wxBitmap shot = CaptureWindow(dialog);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-login.png")), wxBITMAP_TYPE_PNG));
  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(SignedInDetectiveSeesOverviewAndStatusBarWithTheReadCount) {
  const DemoStorage& demo = SharedDemo();
  BOOST_REQUIRE(demo.reads == kDemoReads);
  std::shared_ptr<workstation::Connection> workstation = demo.Open();

  // Sign in through the real modal loop, as the application does: a wrong password first.
  std::unique_ptr<workstation::Session> session;
  {
    LoginDialog dialog(nullptr, *workstation);
    bool scripted = false;
    wxTheApp->CallAfter([&] {
      scripted = true;
      const LoginControls controls(&dialog);
      controls.SetAccepted(true);
      controls.user->SetValue(wxString::FromUTF8(kUser));
      controls.password->SetValue(wxS("wrong horse battery staple"));
      controls.ClickSignIn();
      BOOST_TEST(controls.ErrorShown());
      BOOST_TEST(dialog.IsModal());
      BOOST_TEST(controls.password->GetValue().empty());
      controls.password->SetValue(wxString::FromUTF8(kPassword));
      controls.ClickSignIn();  // ends the modal loop
    });
    wxTimer watchdog;
    watchdog.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
      if (dialog.IsModal()) {
        dialog.EndModal(wxID_ABORT);
      }
    });
    watchdog.StartOnce(30000);
    const int result = dialog.ShowModal();
    watchdog.Stop();
    BOOST_TEST(scripted);
    BOOST_TEST(result == wxID_OK);
    session = dialog.TakeSession();
  }
  BOOST_REQUIRE(session);
  BOOST_TEST(session->User().name == kUser);
  BOOST_TEST((session->User().role == store::Role::Detective));

  AsyncJobs jobs;  // outlives the frame, as the application's does
  auto* frame = new MainFrame(workstation, std::move(session), demo.clock, jobs, MainFrameActions{});
  frame->Show();
  auto* reads = FindNamed<wxStaticText>(frame, wxS("overviewReads"));
  BOOST_REQUIRE(reads != nullptr);
  const std::string expected = std::to_string(demo.reads);
  BOOST_TEST(PumpUntil([&] { return DigitsOf(reads->GetLabel()) == expected; }, 30s));

  // Only the sections that exist are listed, each with its page.
  auto* navigation = FindNamed<NavigationList>(frame, wxS("navigation"));
  auto* sections = FindNamed<wxBookCtrlBase>(frame, wxS("sections"));
  BOOST_REQUIRE(navigation != nullptr);
  BOOST_REQUIRE(sections != nullptr);
  BOOST_TEST(navigation->SectionCount() == 5u);
  BOOST_TEST(FromWx(navigation->SectionLabel(0)) == "Overview");
  BOOST_TEST(FromWx(navigation->SectionLabel(1)) == "Search");
  BOOST_TEST(FromWx(navigation->SectionLabel(2)) == "Cases");
  BOOST_TEST(FromWx(navigation->SectionLabel(3)) == "Releases");
  BOOST_TEST(FromWx(navigation->SectionLabel(4)) == "Approvals");
  BOOST_TEST(navigation->GetSelection() == 0);
  BOOST_TEST(sections->GetPageCount() == 5u);

  auto* cameras = FindNamed<wxStaticText>(frame, wxS("overviewCameras"));
  auto* images = FindNamed<wxStaticText>(frame, wxS("overviewImages"));
  auto* user = FindNamed<wxStaticText>(frame, wxS("overviewUser"));
  auto* demoFlag = FindNamed<wxStaticText>(frame, wxS("overviewDemo"));
  BOOST_REQUIRE(cameras != nullptr);
  BOOST_REQUIRE(images != nullptr);
  BOOST_REQUIRE(user != nullptr);
  BOOST_REQUIRE(demoFlag != nullptr);
  BOOST_TEST(DigitsOf(cameras->GetLabel()) == "12");
  BOOST_TEST(std::stoll("0" + DigitsOf(images->GetLabel())) > 0);
  BOOST_TEST(user->GetLabel().Contains(wxString::FromUTF8(kDisplayName)));
  BOOST_TEST(demoFlag->GetLabel().StartsWith(wxS("Yes")));

  // Status bar: user and role, storage folder, read count, time span.
  wxStatusBar* status = frame->GetStatusBar();
  BOOST_REQUIRE(status != nullptr);
  BOOST_REQUIRE(status->GetFieldsCount() == 4);
  BOOST_TEST(status->GetStatusText(0).Contains(wxString::FromUTF8(kDisplayName)));
  BOOST_TEST(status->GetStatusText(0).Contains(wxS("Detective")));
  if (DemoStorage::ServerMode()) {
    // The server's address, then (after the first poll) the link: "Connected to 127.0.0.1:PORT ...".
    const std::string link = FromWx(status->GetStatusText(1));
    BOOST_TEST((link == demo.Where() || link.starts_with("Connected to 127.0.0.1:")), link);
  } else {
    BOOST_TEST(FromWx(status->GetStatusText(1)) == demo.Where());
  }
  BOOST_TEST(DigitsOf(status->GetStatusText(2)) == expected);
  BOOST_TEST(status->GetStatusText(2).Contains(wxS("reads")));
  BOOST_TEST(status->GetStatusText(3).StartsWith(wxS("Reads from")));

  const wxBitmap shot = CaptureWindow(frame);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-smoke.png")), wxBITMAP_TYPE_PNG));
  BOOST_TEST(wxFileName::FileExists(ScreenshotPath(wxS("gui-smoke.png"))));
  wxImage saved(ScreenshotPath(wxS("gui-smoke.png")), wxBITMAP_TYPE_PNG);
  BOOST_REQUIRE(saved.IsOk());
  BOOST_TEST(saved.GetWidth() == frame->GetSize().x);
  BOOST_TEST(DistinctColours(wxBitmap(saved)) >= 16);  // a real rendering, not one flat colour

  frame->Close(true);
  BOOST_TEST(NoTopLevelWindowsLeft());
  BOOST_TEST(workstation.use_count() == 1);  // the frame released the storage with its session
}

BOOST_AUTO_TEST_CASE(SignOutFromTheFileMenuEndsTheSessionBeforeHandingBack) {
  const DemoStorage& demo = SharedDemo();
  std::shared_ptr<workstation::Connection> workstation = demo.Open();
  workstation::LoginRequest request;
  request.user = kUser;
  request.password = kPassword;
  request.bannerAccepted = true;
  Result<std::unique_ptr<workstation::Session>> session = workstation->Login(request);
  BOOST_REQUIRE(session.Ok());

  bool handedBack = false;
  bool sessionOpenWhenHandedBack = true;
  MainFrameActions actions;
  actions.signOut = [&](MainFrame& frame) {
    handedBack = true;
    sessionOpenWhenHandedBack = frame.HasSession();
    frame.Destroy();  // what the application does once the next sign-in has been dealt with
  };
  AsyncJobs jobs;
  auto* frame = new MainFrame(workstation, std::move(session).Value(), demo.clock, jobs, std::move(actions));
  frame->Show();
  BOOST_TEST(frame->HasSession());

  const int signOut = frame->GetMenuBar()->FindMenuItem(wxS("File"), wxS("Sign Out"));
  BOOST_REQUIRE(signOut != wxNOT_FOUND);
  wxCommandEvent click(wxEVT_MENU, signOut);
  click.SetEventObject(frame);
  frame->ProcessWindowEvent(click);

  BOOST_TEST(handedBack);
  BOOST_TEST(!sessionOpenWhenHandedBack);
  BOOST_TEST(NoTopLevelWindowsLeft());
  BOOST_TEST(workstation.use_count() == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
