// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the connect dialog against a real platedesk-server on loopback (TLS, a certificate made
// for the test, its pinned key): the right pin connects, a wrong one is refused inline, a
// malformed address never reaches the network, Cancel abandons a running attempt. Leaves
// gui-connect.png in <build>/screenshots (ScreenshotPath) for people to look at.
#include "AccountsFixture.h"
#include "DemoStorageFixture.h"
#include "GuiTestSupport.h"
#include "TestServer.h"
#include "views/ConnectDialog.h"
#include "views/MainFrame.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"

#include "platedesk/common/Files.h"

#include <boost/test/unit_test.hpp>
#include <wx/accel.h>
#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/filepicker.h>
#include <wx/menu.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>

#include <arpa/inet.h>
#include <chrono>
#include <memory>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace platedesk::views {
namespace {

using platedesk::tests::CaptureWindow;
using platedesk::tests::DistinctColours;
using platedesk::tests::FindNamed;
using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using platedesk::tests::ScreenshotPath;
using namespace std::chrono_literals;

// A syntactically valid pin of other bytes: SHA-256 of nothing the server holds.
constexpr char kOtherPin[] = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

// One small demo storage served by one platedesk-server for the whole suite: starting them is the
// slow part, and every test only connects (nothing is changed on the server).
struct ServedDemo {
  tests::DemoStorageFixture demo{"platedesk-gui-connect", 40, 2, 1, 1};
  tests::TestServer server{demo.folder.Path()};
};

const ServedDemo& SharedServer() {
  static const ServedDemo served;
  return served;
}

// The dialog's controls, found by the names the dialog gives them.
struct ConnectControls {
  wxTextCtrl* url = nullptr;
  wxRadioButton* trustPin = nullptr;
  wxRadioButton* trustCaFile = nullptr;
  wxTextCtrl* pin = nullptr;
  wxFilePickerCtrl* caFile = nullptr;
  wxButton* connect = nullptr;
  wxButton* cancel = nullptr;
  wxButton* openFolder = nullptr;
  wxStaticText* error = nullptr;
  wxWindow* busy = nullptr;
  wxActivityIndicator* activity = nullptr;

  explicit ConnectControls(wxWindow* dialog)
      : url(FindNamed<wxTextCtrl>(dialog, wxS("serverUrl"))),
        trustPin(FindNamed<wxRadioButton>(dialog, wxS("trustPin"))),
        trustCaFile(FindNamed<wxRadioButton>(dialog, wxS("trustCaFile"))),
        pin(FindNamed<wxTextCtrl>(dialog, wxS("serverPin"))),
        caFile(FindNamed<wxFilePickerCtrl>(dialog, wxS("caFile"))),
        connect(FindNamed<wxButton>(dialog, wxS("connect"))),
        cancel(FindNamed<wxButton>(dialog, wxS("cancel"))),
        openFolder(FindNamed<wxButton>(dialog, wxS("openFolderInstead"))),
        error(FindNamed<wxStaticText>(dialog, wxS("connectError"))),
        busy(wxWindow::FindWindowByName(wxS("connectBusy"), dialog)),
        activity(FindNamed<wxActivityIndicator>(dialog, wxS("connectActivity"))) {
    BOOST_REQUIRE(url != nullptr);
    BOOST_REQUIRE(trustPin != nullptr);
    BOOST_REQUIRE(trustCaFile != nullptr);
    BOOST_REQUIRE(pin != nullptr);
    BOOST_REQUIRE(caFile != nullptr);
    BOOST_REQUIRE(connect != nullptr);
    BOOST_REQUIRE(cancel != nullptr);
    BOOST_REQUIRE(openFolder != nullptr);
    BOOST_REQUIRE(error != nullptr);
    BOOST_REQUIRE(busy != nullptr);
    BOOST_REQUIRE(activity != nullptr);
  }

  // What a click on a radio button does: it is set (its group's other is cleared), then tells the dialog.
  static void Choose(wxRadioButton* radio) {
    radio->SetValue(true);
    wxCommandEvent event(wxEVT_RADIOBUTTON, radio->GetId());
    event.SetEventObject(radio);
    event.SetInt(1);
    radio->ProcessWindowEvent(event);
  }

  void Fill(const std::string& address, const std::string& pinText) const {
    Choose(trustPin);
    url->SetValue(wxString::FromUTF8(address));
    pin->SetValue(wxString::FromUTF8(pinText));
  }

  [[nodiscard]] bool ErrorShown() const { return error->IsShownOnScreen() && !error->GetLabel().empty(); }
  /// The error as one line (the label is wrapped to the dialog's width).
  [[nodiscard]] std::string ErrorLine() const {
    wxString shown = error->GetLabel();
    shown.Replace(wxS("\n"), wxS(" "));
    return FromWx(shown);
  }
};

// A loopback port nothing listens on (bound once by the system's choice, then closed).
int FreeLoopbackPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  BOOST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

/// A loopback port that takes connections (the kernel completes the handshake) and never answers:
/// a server hung mid-start. Closed with the object.
class SilentListener {
 public:
  SilentListener() {
    mFd = ::socket(AF_INET, SOCK_STREAM, 0);
    BOOST_REQUIRE(mFd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::bind(mFd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(::listen(mFd, 16) == 0);
    socklen_t length = sizeof address;
    BOOST_REQUIRE(::getsockname(mFd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    mPort = ntohs(address.sin_port);
  }
  ~SilentListener() { ::close(mFd); }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  [[nodiscard]] int Port() const { return mPort; }

 private:
  int mFd = -1;
  int mPort = 0;
};

std::string Expected(const Error& error) { return FromWx(ErrorText(error, Activity::Connect)); }

bool NoTopLevelWindowsLeft() {
  return PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ConnectDialogTest)

BOOST_AUTO_TEST_CASE(TheRightPinConnectsAndTheConnectionServesTheServersBanner) {
  const ServedDemo& served = SharedServer();
  const remote::Endpoint& endpoint = served.server.endpoint;
  AsyncJobs jobs;
  auto* dialog = new ConnectDialog(nullptr, jobs);
  dialog->Show();
  const ConnectControls controls(dialog);
  BOOST_TEST(controls.trustPin->GetValue());  // a new dialog asks for the pin first
  BOOST_TEST(!controls.busy->IsShown());

  controls.Fill(endpoint.url, endpoint.trust.pin);
  tests::Click(controls.connect);
  // Off the GUI thread: the click returns at once, with the form locked and the indicator turning.
  BOOST_TEST(dialog->IsConnecting());
  BOOST_TEST(controls.busy->IsShown());
  BOOST_TEST(!controls.connect->IsEnabled());
  BOOST_TEST(!controls.url->IsEnabled());
  BOOST_TEST(!controls.pin->IsEnabled());
  BOOST_TEST(!controls.openFolder->IsEnabled());
  BOOST_TEST(controls.cancel->IsEnabled());
  BOOST_TEST(PumpUntil([&] { return !dialog->IsConnecting(); }, 30s));

  BOOST_TEST(!controls.ErrorShown(), controls.ErrorLine());
  BOOST_TEST(dialog->GetReturnCode() == wxID_OK);
  BOOST_TEST(!dialog->IsShown());
  std::shared_ptr<workstation::Connection> connection = dialog->TakeConnection();
  BOOST_REQUIRE(connection);
  BOOST_TEST(!dialog->TakeConnection());  // taken once
  BOOST_TEST(dialog->ConnectedEndpoint().url == endpoint.url);
  BOOST_TEST(dialog->ConnectedEndpoint().trust.pin == endpoint.trust.pin);
  BOOST_TEST(dialog->ConnectedEndpoint().trust.caFile.empty());
  BOOST_TEST(connection->Describe() == endpoint.url);
  BOOST_TEST(connection->Banner().find("law-enforcement information system") != std::string::npos);
  BOOST_TEST(connection->Link().has_value());
  // A real round trip over the pinned connection: the server's counts of the demo storage.
  Result<workstation::Overview> overview = connection->GetOverview();
  BOOST_REQUIRE_MESSAGE(overview.Ok(), (overview.Ok() ? "" : overview.Err().ToString()));
  BOOST_TEST(overview->cameras == 2);
  BOOST_TEST(overview->demo);

  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(AWrongPinIsRefusedInlineAndTheDialogStaysOpenWithTheFieldsIntact) {
  const ServedDemo& served = SharedServer();
  const remote::Endpoint& endpoint = served.server.endpoint;
  BOOST_REQUIRE(endpoint.trust.pin != kOtherPin);
  BOOST_REQUIRE(remote::CheckEndpoint(remote::Endpoint{endpoint.url, {{}, kOtherPin}}).Ok());
  AsyncJobs jobs;
  auto* dialog = new ConnectDialog(nullptr, jobs);
  dialog->Show();
  PumpFor(200ms);
  const ConnectControls controls(dialog);

  controls.Fill(endpoint.url, kOtherPin);
  tests::Click(controls.connect);
  BOOST_TEST(dialog->IsConnecting());
  BOOST_TEST(PumpUntil([&] { return !dialog->IsConnecting(); }, 30s));

  BOOST_TEST(controls.ErrorShown());
  BOOST_TEST(controls.ErrorLine() ==
             Expected(Fail(ErrorCode::Io, ErrorDetail::ServerNotTrusted, "certificate does not match")));
  BOOST_TEST(dialog->IsShown());
  BOOST_TEST(dialog->GetReturnCode() != wxID_OK);
  BOOST_TEST(!dialog->TakeConnection());
  BOOST_TEST(FromWx(controls.url->GetValue()) == endpoint.url);
  BOOST_TEST(FromWx(controls.pin->GetValue()) == kOtherPin);
  BOOST_TEST(controls.trustPin->GetValue());
  BOOST_TEST(controls.connect->IsEnabled());  // the user may correct the pin and try again
  BOOST_TEST(controls.pin->IsEnabled());
  BOOST_TEST(!controls.busy->IsShown());

  const wxBitmap shot = CaptureWindow(dialog);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-connect.png")), wxBITMAP_TYPE_PNG));
  BOOST_TEST(DistinctColours(shot) >= 16);  // a real rendering, not one flat colour

  // Corrected in place, the same dialog connects.
  controls.pin->SetValue(wxString::FromUTF8(endpoint.trust.pin));
  tests::Click(controls.connect);
  BOOST_TEST(!controls.ErrorShown());  // the old error goes when a new attempt starts
  BOOST_TEST(PumpUntil([&] { return !dialog->IsConnecting(); }, 30s));
  BOOST_TEST(dialog->GetReturnCode() == wxID_OK);
  BOOST_TEST(dialog->TakeConnection() != nullptr);

  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(AServerThatDoesNotAnswerIsReportedInlineAfterTheRetries) {
  const ServedDemo& served = SharedServer();
  AsyncJobs jobs;
  auto* dialog = new ConnectDialog(nullptr, jobs);
  dialog->Show();
  PumpFor(200ms);
  const ConnectControls controls(dialog);
  const std::string address = "https://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  controls.Fill(address, served.server.endpoint.trust.pin);
  tests::Click(controls.connect);
  BOOST_REQUIRE(dialog->IsConnecting());
  // The client retries twice (200 ms, then 800 ms apart): time to show the dialog at work.
  BOOST_TEST(!controls.openFolder->IsShown());  // the indicator takes its place
  const wxBitmap busy = CaptureWindow(dialog);
  BOOST_TEST(busy.SaveFile(ScreenshotPath(wxS("gui-connect-busy.png")), wxBITMAP_TYPE_PNG));
  BOOST_TEST(PumpUntil([&] { return !dialog->IsConnecting(); }, 60s));

  BOOST_TEST(controls.ErrorShown());
  BOOST_TEST(controls.ErrorLine() ==
             Expected(Fail(ErrorCode::Io, ErrorDetail::ServerUnreachable, "the PlateDesk server did not answer")));
  BOOST_TEST(dialog->IsShown());
  BOOST_TEST(!dialog->TakeConnection());
  BOOST_TEST(FromWx(controls.url->GetValue()) == address);
  BOOST_TEST(controls.openFolder->IsShown());
  BOOST_TEST(controls.openFolder->IsEnabled());

  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(AMalformedAddressOrPinIsRefusedInlineBeforeAnyNetworkCall) {
  const ServedDemo& served = SharedServer();
  AsyncJobs jobs;
  auto* dialog = new ConnectDialog(nullptr, jobs);
  dialog->Show();
  const ConnectControls controls(dialog);
  const std::string formError = Expected(Fail(ErrorCode::InvalidArgument, "the server must be given as https://"));

  for (const char* address : {"ftp://x", "not a url", "https://", "http://lpr.example.org:8443"}) {
    BOOST_TEST_CONTEXT("address " << address) {
      controls.Fill(address, served.server.endpoint.trust.pin);
      tests::Click(controls.connect);
      // Refused in the click itself: no attempt started, nothing sent.
      BOOST_TEST(!dialog->IsConnecting());
      BOOST_TEST(jobs.Running() == 0u);
      BOOST_TEST(!controls.busy->IsShown());
      BOOST_TEST(controls.ErrorShown());
      BOOST_TEST(controls.ErrorLine() == formError);
      BOOST_TEST(FromWx(controls.url->GetValue()) == address);  // kept for the user to correct
      BOOST_TEST(dialog->IsShown());
    }
  }

  // A pin of the wrong form, and no pin at all, are refused the same way.
  controls.Fill(served.server.endpoint.url, "sha256//tooShort=");
  tests::Click(controls.connect);
  BOOST_TEST(!dialog->IsConnecting());
  BOOST_TEST(controls.ErrorLine() == formError);
  controls.Fill(served.server.endpoint.url, "");
  tests::Click(controls.connect);
  BOOST_TEST(!dialog->IsConnecting());
  BOOST_TEST(controls.ErrorShown());
  BOOST_TEST(controls.ErrorLine().find("pin") != std::string::npos);
  // A CA file that is not there.
  ConnectControls::Choose(controls.trustCaFile);
  controls.caFile->SetPath(wxS("/nonexistent/agency-ca.pem"));
  tests::Click(controls.connect);
  BOOST_TEST(!dialog->IsConnecting());
  BOOST_TEST(controls.ErrorLine() == Expected(Fail(ErrorCode::NotFound, "the CA file does not exist")));
  BOOST_TEST(jobs.Running() == 0u);
  BOOST_TEST(!dialog->TakeConnection());

  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(ThePrefilledEndpointIsShownAndTheTrustRadioEnablesItsOwnField) {
  AsyncJobs jobs;
  remote::Endpoint pinned;
  pinned.url = "https://lpr.example.org:8443";
  pinned.trust.pin = "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
  auto* dialog = new ConnectDialog(nullptr, jobs, pinned);
  dialog->Show();
  {
    const ConnectControls controls(dialog);
    BOOST_TEST(FromWx(controls.url->GetValue()) == pinned.url);
    BOOST_TEST(FromWx(controls.pin->GetValue()) == pinned.trust.pin);
    BOOST_TEST(controls.trustPin->GetValue());
    BOOST_TEST(!controls.trustCaFile->GetValue());
    BOOST_TEST(controls.pin->IsEnabled());
    BOOST_TEST(!controls.caFile->IsEnabled());
    BOOST_TEST(!controls.ErrorShown());

    ConnectControls::Choose(controls.trustCaFile);
    BOOST_TEST(!controls.trustPin->GetValue());
    BOOST_TEST(!controls.pin->IsEnabled());
    BOOST_TEST(controls.caFile->IsEnabled());
    BOOST_TEST(FromWx(controls.pin->GetValue()) == pinned.trust.pin);  // kept, should the user switch back

    ConnectControls::Choose(controls.trustPin);
    BOOST_TEST(controls.pin->IsEnabled());
    BOOST_TEST(!controls.caFile->IsEnabled());
  }
  dialog->Destroy();

  // A server trusted through a CA file opens with that choice made.
  TempFolder folder("platedesk-gui-connect-ca");
  const std::filesystem::path ca = folder.Path() / "agency-ca.pem";
  BOOST_REQUIRE(WriteFileAtomic(ca, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n").Ok());
  remote::Endpoint withCa;
  withCa.url = "https://lpr.example.org:8443";
  withCa.trust.caFile = ca;
  dialog = new ConnectDialog(nullptr, jobs, withCa);
  dialog->Show();
  {
    const ConnectControls controls(dialog);
    BOOST_TEST(controls.trustCaFile->GetValue());
    BOOST_TEST(!controls.trustPin->GetValue());
    BOOST_TEST(controls.caFile->IsEnabled());
    BOOST_TEST(!controls.pin->IsEnabled());
    BOOST_TEST(FromWx(controls.caFile->GetPath()) == FromWx(PathToWx(ca)));
    BOOST_TEST(controls.pin->GetValue().empty());
  }
  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(CancelStopsAnAttemptOnAServerThatNeverAnswers) {
  // Without the stop reaching the request, the worker would wait for libcurl's timeouts and
  // retries (tens of seconds) and the application could not exit meanwhile.
  const SilentListener silent;
  AsyncJobs jobs;
  auto* dialog = new ConnectDialog(nullptr, jobs);
  dialog->Show();
  const ConnectControls controls(dialog);
  controls.Fill("https://127.0.0.1:" + std::to_string(silent.Port()), kOtherPin);
  tests::Click(controls.connect);
  BOOST_REQUIRE(dialog->IsConnecting());
  PumpFor(500ms);  // the TCP connection is made and the TLS greeting waits for an answer
  BOOST_REQUIRE(jobs.Running() == 1u);
  const auto cancelled = std::chrono::steady_clock::now();
  tests::Click(controls.cancel);
  BOOST_TEST(PumpUntil([&] { return jobs.Running() == 0u; }, 30s));
  const bool stoppedAtOnce = std::chrono::steady_clock::now() - cancelled < 3s;
  BOOST_TEST(stoppedAtOnce, "the attempt ran on after Cancel");
  BOOST_TEST(dialog->IsShown());
  BOOST_TEST(!controls.ErrorShown());  // a cancelled attempt is not an error to show
  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(CancelWhileConnectingAbandonsTheAttemptAndKeepsTheForm) {
  const ServedDemo& served = SharedServer();
  const remote::Endpoint& endpoint = served.server.endpoint;
  AsyncJobs jobs;
  auto* dialog = new ConnectDialog(nullptr, jobs);
  dialog->Show();
  const ConnectControls controls(dialog);

  controls.Fill(endpoint.url, endpoint.trust.pin);
  tests::Click(controls.connect);
  BOOST_REQUIRE(dialog->IsConnecting());
  // Before any event is handled, so the attempt's answer (a success) can only come after.
  tests::Click(controls.cancel);
  BOOST_TEST(!dialog->IsConnecting());
  BOOST_TEST(dialog->IsShown());
  BOOST_TEST(controls.connect->IsEnabled());
  BOOST_TEST(controls.url->IsEnabled());
  BOOST_TEST(!controls.busy->IsShown());

  // The abandoned attempt finishes on its worker; its connection is dropped, the dialog untouched.
  BOOST_TEST(PumpUntil([&] { return jobs.Running() == 0u; }, 30s));
  PumpFor(300ms);
  BOOST_TEST(dialog->IsShown());
  BOOST_TEST(dialog->GetReturnCode() != wxID_OK);
  BOOST_TEST(!dialog->TakeConnection());
  BOOST_TEST(!controls.ErrorShown());
  BOOST_TEST(FromWx(controls.url->GetValue()) == endpoint.url);
  BOOST_TEST(FromWx(controls.pin->GetValue()) == endpoint.trust.pin);

  // Cancel when nothing runs closes the dialog.
  tests::Click(controls.cancel);
  BOOST_TEST(!dialog->IsShown());
  BOOST_TEST(dialog->GetReturnCode() == wxID_CANCEL);
  dialog->Destroy();
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(StartedBeforeShowModalItConnectsToTheRememberedServerOrExplainsInside) {
  const ServedDemo& served = SharedServer();
  AsyncJobs jobs;
  // What the application does at start with a remembered server: the dialog connects at once and
  // closes itself when that works.
  {
    ConnectDialog dialog(nullptr, jobs, served.server.endpoint);
    dialog.StartConnecting();
    wxTimer watchdog;
    watchdog.Bind(wxEVT_TIMER, [&](wxTimerEvent&) { dialog.EndModal(wxID_ABORT); });
    watchdog.StartOnce(30000);
    BOOST_TEST(dialog.ShowModal() == wxID_OK);
    watchdog.Stop();
    std::shared_ptr<workstation::Connection> connection = dialog.TakeConnection();
    BOOST_REQUIRE(connection);
    BOOST_TEST(connection->Describe() == served.server.endpoint.url);
  }
  // A remembered server that now fails (its key changed): the dialog stays, explains and keeps
  // the remembered address and pin for the user to correct.
  remote::Endpoint stale = served.server.endpoint;
  stale.trust.pin = kOtherPin;
  {
    ConnectDialog dialog(nullptr, jobs, stale);
    dialog.StartConnecting();
    std::string shown;
    wxString pinShown;
    wxTimer poll;
    poll.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
      if (!dialog.IsModal() || dialog.IsConnecting()) {
        return;
      }
      const ConnectControls controls(&dialog);
      shown = controls.ErrorShown() ? controls.ErrorLine() : std::string();
      pinShown = controls.pin->GetValue();
      poll.Stop();
      tests::Click(controls.openFolder);  // the way out to a folder ends the dialog with its own answer
    });
    poll.Start(50);
    wxTimer watchdog;
    watchdog.Bind(wxEVT_TIMER, [&](wxTimerEvent&) { dialog.EndModal(wxID_ABORT); });
    watchdog.StartOnce(30000);
    BOOST_TEST(dialog.ShowModal() == ConnectDialog::kOpenFolderInstead);
    watchdog.Stop();
    poll.Stop();
    BOOST_TEST(shown == Expected(Fail(ErrorCode::Io, ErrorDetail::ServerNotTrusted, "certificate does not match")));
    BOOST_TEST(FromWx(pinShown) == kOtherPin);
    BOOST_TEST(!dialog.TakeConnection());
  }
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_CASE(TheFileMenuOffersConnectToServerAndLocksItWithOpenStorage) {
  tests::AccountsStorage storage;
  int asked = 0;
  MainFrameActions actions;
  actions.connectServer = [&](MainFrame&) { ++asked; };
  MainFrame* frame = storage.OpenFrame(tests::kDetective, std::move(actions));
  wxMenuBar* bar = frame->GetMenuBar();
  const int connect = bar->FindMenuItem(wxS("File"), wxS("Connect to Server..."));
  const int open = bar->FindMenuItem(wxS("File"), wxS("Open Storage..."));
  BOOST_REQUIRE(connect != wxNOT_FOUND);
  BOOST_REQUIRE(open != wxNOT_FOUND);
  const std::unique_ptr<wxAcceleratorEntry> accel(bar->FindItem(connect)->GetAccel());
  BOOST_REQUIRE(accel);
  BOOST_TEST(accel->GetFlags() == (wxACCEL_CTRL | wxACCEL_SHIFT));
  BOOST_TEST(accel->GetKeyCode() == int{'O'});
  BOOST_TEST(bar->IsEnabled(connect));

  tests::ClickMenu(frame, wxS("File"), wxS("Connect to Server..."));
  BOOST_TEST(asked == 1);
  BOOST_TEST(frame->HasSession());  // the application ends it only once the user signed in elsewhere

  frame->LockSession();
  BOOST_TEST(!bar->IsEnabled(connect));
  BOOST_TEST(!bar->IsEnabled(open));

  frame->Close(true);
  BOOST_TEST(NoTopLevelWindowsLeft());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
