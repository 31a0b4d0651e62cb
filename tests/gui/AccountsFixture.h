// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small demo storage with the four demo accounts (as `platedesk-cli demo` makes them), a manual
// clock, the frame as the application builds it, and helpers to drive modal dialogs and read the
// audit log. Each test gets its own storage: lock and lockout tests change account state.
#include "GuiTestSupport.h"
#include "views/MainFrame.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Files.h"
#include "platedesk/demo/DemoGenerator.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/menu.h>
#include <wx/textctrl.h>
#include <wx/timer.h>
#include <wx/toplevel.h>

#include <functional>
#include <memory>
#include <string>

namespace platedesk::tests {

struct DemoAccount {
  const char* name;
  store::Role role;
  const char* displayName;
  const char* password;
};

// The demo storage's accounts (app/platedesk-cli/DemoCommand.cpp, README.md).
inline constexpr DemoAccount kDemoAccounts[] = {
    {"detective", store::Role::Detective, "Dana Reyes (demo detective)", "Blue-Heron-Pier-7"},
    {"supervisor", store::Role::Supervisor, "Sam Okafor (demo supervisor)", "Cedar-Lantern-Ridge-3"},
    {"administrator", store::Role::Administrator, "Alex Moreau (demo administrator)", "Orca-Tide-Station-9"},
    {"auditor", store::Role::Auditor, "Jo Lindqvist (demo auditor)", "Maple-Ledger-Quill-5"},
};
inline const DemoAccount& kDetective = kDemoAccounts[0];
inline const DemoAccount& kAdministrator = kDemoAccounts[2];

struct AccountsStorage {
  TempFolder folder{"platedesk-gui-accounts"};
  ManualClock clock{UtcFromCivil(2026, 11, 24, 9, 30)};
  std::shared_ptr<workstation::Workstation> workstation;
  views::AsyncJobs jobs;  // outlives the frames, as the application's does

  AccountsStorage() {
    {
      Result<std::unique_ptr<store::Storage>> storage = store::Storage::Create(folder.Path(), clock);
      BOOST_REQUIRE_MESSAGE(storage.Ok(), (storage.Ok() ? "" : storage.Err().ToString()));
      demo::DemoOptions options;
      options.reads = 60;
      options.cameras = 3;
      options.days = 2;
      options.images = false;
      BOOST_REQUIRE(demo::GenerateDemo(**storage, options).Ok());
    }
    Result<std::unique_ptr<workstation::Workstation>> opened = workstation::Workstation::Open(folder.Path(), clock);
    BOOST_REQUIRE_MESSAGE(opened.Ok(), (opened.Ok() ? "" : opened.Err().ToString()));
    workstation = std::shared_ptr<workstation::Workstation>(std::move(opened).Value());
    for (const DemoAccount& a : kDemoAccounts) {
      BOOST_REQUIRE(workstation->BootstrapUser(a.name, a.role, a.password, a.displayName, true).Ok());
    }
  }

  ~AccountsStorage() {
    // Frames left open by a failed check go first (they hold the workstation).
    for (wxWindow* window : wxTopLevelWindows) {
      window->Destroy();
    }
    PumpUntil([] { return wxTopLevelWindows.empty(); }, std::chrono::seconds(10));
    jobs.JoinAll();
  }

  Result<std::unique_ptr<workstation::Session>> TrySignIn(const std::string& user, const std::string& password,
                                                          const std::string& totp = {}) {
    workstation::LoginRequest request;
    request.user = user;
    request.password = password;
    request.totp = totp;
    request.bannerAccepted = true;
    return workstation->Login(request);
  }

  std::unique_ptr<workstation::Session> SignIn(const DemoAccount& account) {
    Result<std::unique_ptr<workstation::Session>> session = TrySignIn(account.name, account.password);
    BOOST_REQUIRE_MESSAGE(session.Ok(), (session.Ok() ? "" : session.Err().ToString()));
    return std::move(session).Value();
  }

  views::MainFrame* OpenFrame(const DemoAccount& account, views::MainFrameActions actions = {}) {
    auto* frame = new views::MainFrame(workstation, SignIn(account), clock, jobs, std::move(actions));
    frame->Show();
    PumpFor(std::chrono::milliseconds(200));
    return frame;
  }

  std::vector<audit::StoredRecord> AuditRecords() const {
    auto log = audit::AuditLog::OpenReadOnly(folder.Path() / audit::kAuditDbFileName);
    BOOST_REQUIRE(log.Ok());
    auto records = (*log)->List({});
    BOOST_REQUIRE(records.Ok());
    return std::move(records).Value();
  }
  std::string LastEvent() const { return AuditRecords().back().event; }
};

/// Sends a menu command to a frame as a click on the item "menu > item" would.
inline void ClickMenu(wxFrame* frame, const wxString& menu, const wxString& item) {
  const int id = frame->GetMenuBar()->FindMenuItem(menu, item);
  BOOST_REQUIRE_MESSAGE(id != wxNOT_FOUND, "no menu item " << menu << " > " << item);
  wxCommandEvent click(wxEVT_MENU, id);
  click.SetEventObject(frame);
  frame->ProcessWindowEvent(click);
}

/// What a click on a button does.
inline void Click(wxButton* button) {
  BOOST_REQUIRE(button != nullptr);
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
}

/// The shown modal dialog of type T named `name` (any name when empty), or null.
template <class T = wxDialog>
T* ModalDialog(const wxString& name = wxString()) {
  for (wxWindow* window : wxTopLevelWindows) {
    auto* dialog = dynamic_cast<T*>(window);
    if (dialog != nullptr && dialog->IsModal() && (name.empty() || dialog->GetName() == name)) {
      return dialog;
    }
  }
  return nullptr;
}

/// Runs script(dialog) once a modal dialog of type T named `name` (any name when empty) is up,
/// from inside its modal loop as a user would act: a timer looks for it every 20 ms, up to 10 s
/// (a timer, not CallAfter: a handler queued from the pending-event queue runs before a modal
/// loop that was just ended can return). `ran` is set when the script has run.
template <class T = wxDialog>
void WhenModal(const wxString& name, std::function<void(T&)> script, bool* ran) {
  auto* timer = new wxTimer();
  auto tries = std::make_shared<int>(0);
  timer->Bind(wxEVT_TIMER, [timer, tries, name, script = std::move(script), ran](wxTimerEvent&) {
    T* dialog = ModalDialog<T>(name);
    if (dialog == nullptr && ++*tries < 500) {
      return;
    }
    timer->Stop();
    // The timer (and this handler) goes once the event loop runs again, which the script may
    // make it do: it runs from copies.
    std::function<void(T&)> run = script;
    bool* done = ran;
    wxTheApp->CallAfter([timer] { delete timer; });
    if (dialog != nullptr) {
      *done = true;
      run(*dialog);
    }
  });
  timer->Start(20);
}

}  // namespace platedesk::tests
