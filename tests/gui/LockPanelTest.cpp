// SPDX-License-Identifier: GPL-3.0-or-later
// The lock screen in the real main window: Account > Lock (Ctrl+L) and the idle limit hide the
// content; the password unlocks through Session::Unlock (audited); wrong passwords are reported
// and count toward the account lockout; keyboard and mouse input keep the session open.
// Leaves gui-lock.png in <build>/screenshots (ScreenshotPath).
#include "AccountsFixture.h"
#include "GuiTestSupport.h"
#include "views/LockPanel.h"
#include "views/MainFrame.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"

#include <boost/test/unit_test.hpp>
#include <wx/bookctrl.h>
#include <wx/button.h>
#include <wx/frame.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace platedesk::views {
namespace {

using namespace platedesk::tests;
using namespace std::chrono_literals;

struct LockControls {
  wxWindow* panel = nullptr;
  wxTextCtrl* password = nullptr;
  wxTextCtrl* oneTimeCode = nullptr;
  wxButton* unlock = nullptr;
  wxButton* signOut = nullptr;
  wxStaticText* error = nullptr;
  wxStaticText* reason = nullptr;

  explicit LockControls(wxWindow* frame)
      : panel(FindNamed<LockPanel>(frame, wxS("lockPanel"))),
        password(FindNamed<wxTextCtrl>(frame, wxS("lockPassword"))),
        oneTimeCode(FindNamed<wxTextCtrl>(frame, wxS("lockOneTimeCode"))),
        unlock(FindNamed<wxButton>(frame, wxS("unlockButton"))),
        signOut(FindNamed<wxButton>(frame, wxS("lockSignOut"))),
        error(FindNamed<wxStaticText>(frame, wxS("lockError"))),
        reason(FindNamed<wxStaticText>(frame, wxS("lockReason"))) {
    BOOST_REQUIRE(panel != nullptr);
    BOOST_REQUIRE(password != nullptr);
    BOOST_REQUIRE(oneTimeCode != nullptr);
    BOOST_REQUIRE(unlock != nullptr);
    BOOST_REQUIRE(signOut != nullptr);
    BOOST_REQUIRE(error != nullptr);
    BOOST_REQUIRE(reason != nullptr);
  }

  void TryUnlock(const std::string& typed) const {
    password->SetValue(wxString::FromUTF8(typed));
    Click(unlock);
  }

  [[nodiscard]] wxString ErrorShown() const {
    if (!error->IsShownOnScreen()) {
      return wxString();
    }
    wxString text = error->GetLabel();
    text.Replace(wxS("\n"), wxS(" "));  // wrapped to the card's width
    return text;
  }
};

// Nothing of the sections (the pages with data) is on screen: hidden, not just covered.
bool ContentHidden(wxWindow* frame) {
  auto* sections = FindNamed<wxBookCtrlBase>(frame, wxS("sections"));
  auto* navigation = FindNamed<wxWindow>(frame, wxS("navigation"));
  BOOST_REQUIRE(sections != nullptr);
  BOOST_REQUIRE(navigation != nullptr);
  return !sections->IsShownOnScreen() && !navigation->IsShownOnScreen();
}

void MoveMouseOver(wxWindow* window) {
  wxMouseEvent motion(wxEVT_MOTION);
  motion.SetEventObject(window);
  motion.SetPosition(wxPoint(5, 5));
  window->GetEventHandler()->ProcessEvent(motion);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(LockPanelTest)

BOOST_AUTO_TEST_CASE(LockFromTheMenuHidesTheContentAndOnlyTheRightPasswordUnlocks) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  const LockControls lock(frame);
  BOOST_TEST(!frame->IsLockShown());
  BOOST_TEST(!lock.panel->IsShown());
  BOOST_TEST(!ContentHidden(frame));

  // Account > Lock, with Ctrl+L.
  const int lockId = frame->GetMenuBar()->FindMenuItem(wxS("Account"), wxS("Lock"));
  BOOST_REQUIRE(lockId != wxNOT_FOUND);
  std::unique_ptr<wxAcceleratorEntry> accel(frame->GetMenuBar()->FindItem(lockId)->GetAccel());
  BOOST_REQUIRE(accel);
  BOOST_TEST(accel->GetFlags() == wxACCEL_CTRL);
  BOOST_TEST(accel->GetKeyCode() == 'L');
  ClickMenu(frame, wxS("Account"), wxS("Lock"));

  BOOST_TEST(frame->IsLockShown());
  BOOST_TEST(lock.panel->IsShownOnScreen());
  BOOST_TEST(ContentHidden(frame));
  BOOST_TEST(storage.LastEvent() == "session.locked");
  BOOST_TEST(lock.reason->GetLabel().StartsWith(wxS("Locked at")));
  BOOST_TEST(!frame->GetMenuBar()->IsEnabled(lockId));
  BOOST_TEST(!lock.unlock->IsEnabled());  // nothing typed yet
  BOOST_TEST(lock.ErrorShown().empty());

  // A wrong password: a clear message, still locked, and a failed sign-in on record (it counts
  // toward the lockout like any other).
  lock.TryUnlock("Blue-Heron-Pier-8");
  BOOST_TEST(FromWx(lock.ErrorShown()) == FromWx(ErrorText(Fail(ErrorCode::Unauthenticated, ""), Activity::Unlock)));
  BOOST_TEST(frame->IsLockShown());
  BOOST_TEST(ContentHidden(frame));
  BOOST_TEST(lock.password->GetValue().empty());
  BOOST_TEST(storage.LastEvent() == "login.failure");

  const wxBitmap shot = CaptureWindow(frame);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-lock.png")), wxBITMAP_TYPE_PNG));
  BOOST_TEST(DistinctColours(shot) >= 16);

  lock.TryUnlock(kDetective.password);
  BOOST_TEST(!frame->IsLockShown());
  BOOST_TEST(!lock.panel->IsShown());
  BOOST_TEST(!ContentHidden(frame));
  BOOST_TEST(storage.LastEvent() == "session.unlocked");
  BOOST_TEST(frame->GetMenuBar()->IsEnabled(lockId));

  // Locking again starts with an empty form and no old error; a window of the frame's own (an
  // image viewer, say) hides with the content and comes back with it.
  auto* viewer = new wxFrame(frame, wxID_ANY, wxS("viewer"), wxDefaultPosition, wxSize(300, 200),
                             wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT);
  viewer->Show();
  frame->LockSession();
  BOOST_TEST(!viewer->IsShown());
  BOOST_TEST(frame->IsLockShown());
  BOOST_TEST(lock.ErrorShown().empty());
  BOOST_TEST(lock.password->GetValue().empty());
  lock.TryUnlock(kDetective.password);
  BOOST_TEST(viewer->IsShown());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(TheIdleLimitLocksTheWindowAndInputCountsAsActivity) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  const LockControls lock(frame);
  auto* navigation = FindNamed<wxWindow>(frame, wxS("navigation"));
  BOOST_REQUIRE(navigation != nullptr);

  // 20 minutes, then the mouse moves: the core hears of it and starts its idle clock again.
  storage.clock.Advance(20 * kMsPerMinute);
  MoveMouseOver(navigation);
  PumpFor(300ms);
  storage.clock.Advance(20 * kMsPerMinute);  // 40 minutes since sign-in, 20 since the input
  PumpFor(1500ms);                           // the frame polls every second
  BOOST_TEST(!frame->IsLockShown());
  BOOST_TEST(!ContentHidden(frame));

  // 31 minutes without input: locked within a poll, without anyone touching anything.
  storage.clock.Advance(11 * kMsPerMinute);
  BOOST_TEST(PumpUntil([&] { return frame->IsLockShown(); }, 5s));
  BOOST_TEST(ContentHidden(frame));
  BOOST_TEST(lock.reason->GetLabel().Contains(wxS("30 minutes without activity")));
  BOOST_TEST(storage.LastEvent() == "session.locked");

  // Input on the lock screen does not unlock anything.
  MoveMouseOver(lock.panel);
  PumpFor(300ms);
  BOOST_TEST(frame->IsLockShown());
  lock.TryUnlock(kDetective.password);
  BOOST_TEST(!frame->IsLockShown());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(InputAfterTheIdleLimitLocksInsteadOfKeepingTheSessionOpen) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  storage.clock.Advance(31 * kMsPerMinute);
  // The mouse moves before the next poll: the core has the last word, and it says locked.
  MoveMouseOver(FindNamed<wxWindow>(frame, wxS("navigation")));
  BOOST_TEST(PumpUntil([&] { return frame->IsLockShown(); }, 5s));
  BOOST_TEST(storage.LastEvent() == "session.locked");
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(AfterTwelveHoursTheLockScreenOffersOnlySignOut) {
  AccountsStorage storage;
  MainFrame* frame = storage.OpenFrame(kDetective);
  const LockControls lock(frame);
  auto* navigation = FindNamed<wxWindow>(frame, wxS("navigation"));
  for (int i = 0; i < 24; ++i) {  // busy all day: input every 29 minutes, 11.6 hours
    storage.clock.Advance(29 * kMsPerMinute);
    MoveMouseOver(navigation);
    PumpFor(50ms);
  }
  BOOST_TEST(!frame->IsLockShown());
  storage.clock.Advance(29 * kMsPerMinute);  // past 12 hours
  BOOST_TEST(PumpUntil([&] { return frame->IsLockShown(); }, 5s));
  BOOST_TEST(ContentHidden(frame));
  BOOST_TEST(lock.reason->GetLabel().Contains(wxS("ended")));
  lock.password->SetValue(wxString::FromUTF8(kDetective.password));
  BOOST_TEST(!lock.unlock->IsEnabled());
  BOOST_TEST(lock.signOut->IsEnabled());
  frame->Close(true);
}

BOOST_AUTO_TEST_CASE(FiveWrongPasswordsLockTheAccountAndLeaveOnlySignOut) {
  AccountsStorage storage;
  bool signedOut = false;
  bool sessionOpenAtSignOut = true;
  MainFrameActions actions;
  actions.signOut = [&](MainFrame& frame) {
    signedOut = true;
    sessionOpenAtSignOut = frame.HasSession();
    frame.Destroy();
  };
  MainFrame* frame = storage.OpenFrame(kDetective, std::move(actions));
  const LockControls lock(frame);
  frame->LockSession();
  for (int i = 0; i < 4; ++i) {
    lock.TryUnlock("not the password " + std::to_string(i));
    BOOST_TEST(lock.ErrorShown().Contains(wxS("not correct")));
  }
  lock.TryUnlock("not the password 5");
  BOOST_TEST(lock.ErrorShown().Contains(wxS("now locked")));
  BOOST_TEST(storage.LastEvent() == "account.locked");
  lock.password->SetValue(wxString::FromUTF8(kDetective.password));
  BOOST_TEST(!lock.unlock->IsEnabled());  // even the right password cannot help now
  BOOST_TEST(frame->IsLockShown());

  Click(lock.signOut);
  BOOST_TEST(PumpUntil([&] { return signedOut; }, 5s));
  BOOST_TEST(!sessionOpenAtSignOut);
  BOOST_TEST(storage.LastEvent() == "logout");
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }, 5s));
  // The account stays locked for the next sign-in, as the core's lockout says.
  auto again = storage.TrySignIn(kDetective.name, kDetective.password);
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::Locked));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
