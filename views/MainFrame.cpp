// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MainFrame.h"

#include "views/AdminPanel.h"
#include "views/ApprovalsPanel.h"
#include "views/CamerasPanel.h"
#include "views/CasesPanel.h"
#include "views/FormDialog.h"
#include "views/LockPanel.h"
#include "views/OverviewPanel.h"
#include "views/ReleasesPanel.h"
#include "views/ReviewPanel.h"
#include "views/SearchPanel.h"
#include "views/TotpDialog.h"
#include "views/TransparencyDialog.h"
#include "views/UserGuideFrame.h"
#include "views/UsersPanel.h"
#include "views/support/AccessContextBar.h"
#include "views/support/ActivityMonitor.h"
#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/NavigationList.h"
#include "views/support/Strings.h"

#include "platedesk/common/Log.h"
#include "platedesk/workstation/Session.h"

#include <wx/aboutdlg.h>
#include <wx/dialog.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

namespace platedesk::views {
namespace {

enum MenuId : int {
  kIdOpenStorage = wxID_HIGHEST + 1,
  kIdConnectServer,
  kIdSignOut,
  kIdLock,
  kIdEnrolOwnTotp,
  kIdChangePassword,
  kIdTransparency,
  kIdUserGuide,
  kIdTimesInUtc,
};

// How often the frame asks the session whether it has locked (idle limit) or ended; asking is
// not activity. Input is passed on at most this often, so the core's idle clock is never more
// than kActivityReportMs behind the user's last key press or mouse move.
constexpr int kLockPollMs = 1000;
constexpr UtcMs kActivityReportMs = 15 * kMsPerSecond;

enum StatusField : int {
  kStatusUser,
  kStatusFolder,
  kStatusReads,
  kStatusSpan,
  kStatusFieldCount,
};

wxString FrameTitle(const workstation::Connection& workstation) {
  // A folder shows its last part; a server its address.
  const std::string where = workstation.Describe();
  const std::filesystem::path folder(where);
  wxString title = wxS("PlateDesk \u2014 ");
  if (where.starts_with("https://") || where.starts_with("http://")) {
    title += wxString::FromUTF8(where);
  } else {
    title += PathToWx(folder.filename().empty() ? folder.parent_path().filename() : folder.filename());
  }
  if (workstation.IsDemo()) {
    title += _(" (demo storage)");
  }
  return title;
}

}  // namespace

MainFrame::MainFrame(std::shared_ptr<workstation::Connection> workstation,
                     std::unique_ptr<workstation::Session> session, const Clock& clock, AsyncJobs& jobs,
                     MainFrameActions actions)
    : wxFrame(nullptr, wxID_ANY, FrameTitle(*workstation), wxDefaultPosition, wxDefaultSize, wxDEFAULT_FRAME_STYLE,
              wxS("mainFrame")),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mClock(clock),
      mActions(std::move(actions)),
      mJobs(jobs) {
  SetIcons(AppIcons());
  BuildMenus();
  BuildStatusBar();

  BuildBody();
  BuildLock();
  SetMinSize(FromDIP(wxSize(860, 600)));
  SetSize(FromDIP(wxSize(1180, 720)));
  Centre();

  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
    EndSession();
    event.Skip();  // default handling destroys the frame
  });
  RefreshOverview();
  mPurgeTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { RunScheduledPurge(); });
  RunScheduledPurge();  // each run sets the timer for the next
}

MainFrame::~MainFrame() {
  mPurgeTimer.Stop();
  mLockTimer.Stop();
  mActivity.reset();
  EndSession();
}

void MainFrame::BuildBody() {
  auto* body = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("body"));
  mBody = body;
  auto* columns = new wxBoxSizer(wxHORIZONTAL);

  // Left: the application's name and the sections. Only sections that exist are listed;
  // Administration joins as it is built.
  auto* side = new wxPanel(body, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("sidebar"));
  side->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  auto* sideSizer = new wxBoxSizer(wxVERTICAL);
  auto* brand = new wxBoxSizer(wxHORIZONTAL);
  brand->Add(new wxStaticBitmap(side, wxID_ANY, Icon("platedesk", 32)), 0, wxALIGN_CENTER_VERTICAL);
  auto* name = new wxStaticText(side, wxID_ANY, wxS("PlateDesk"));
  name->SetFont(side->GetFont().Scaled(1.25f).Bold());
  brand->Add(name, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(10));
  sideSizer->Add(brand, 0, wxALL, FromDIP(16));
  mNavigation = new NavigationList(side);
  sideSizer->Add(mNavigation, 1, wxEXPAND | wxBOTTOM, FromDIP(8));
  side->SetSizer(sideSizer);
  side->SetMinSize(wxSize(FromDIP(210), -1));
  columns->Add(side, 0, wxEXPAND);
  columns->Add(new wxStaticLine(body, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLI_VERTICAL), 0, wxEXPAND);

  // Right: one page per section.
  mBook = new wxSimplebook(body, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("sections"));
  mOverview = new OverviewPanel(mBook, mSession->User(), mSession->StartedAt(), mWorkstation->Describe(),
                                [this] { RefreshOverview(); });
  mBook->AddPage(mOverview, _("Overview"), true);
  mNavigation->AddSection(_("Overview"), Icon("overview", 24));
  if (mSession->User().role != store::Role::Auditor) {  // auditors have no access to plate data
    mSearch = new SearchPanel(mBook, mWorkstation, mSession, mClock, mJobs, mActions.preferences);
    mBook->AddPage(mSearch, _("Search"), false);
    mNavigation->AddSection(_("Search"), Icon("search", 24));
    mCases = new CasesPanel(mBook, mWorkstation, mSession, mJobs);
    mBook->AddPage(mCases, _("Cases"), false);
    mNavigation->AddSection(_("Cases"), Icon("cases", 24));
    mSearch->SetOnCollected([this](const std::string& caseNumber) { mCases->CaseChanged(caseNumber); });
  }
  // Every role: detectives enter requests and release their cases', supervisors review, auditors
  // read the log, administrators keep the agency registry.
  mReleases = new ReleasesPanel(mBook, mWorkstation, mSession, mJobs);
  mBook->AddPage(mReleases, _("Releases"), false);
  mNavigation->AddSection(_("Releases"), Icon("export", 24));
  // Every role: detectives and administrators ask for approvals and run the approved searches,
  // supervisors decide them, auditors read them.
  mApprovals = new ApprovalsPanel(mBook, mSession, mJobs, [this](const store::SearchApproval& approval) {
    if (mSearch == nullptr) return;
    for (std::size_t i = 0; i < mBook->GetPageCount(); ++i)
      if (mBook->GetPage(i) == mSearch) {
        mNavigation->SetSelection(static_cast<int>(i));
        mBook->ChangeSelection(i);
      }
    mSearch->RunApproved(approval);
  });
  mBook->AddPage(mApprovals, _("Approvals"), false);
  mNavigation->AddSection(_("Approvals"), Icon("key", 24));
  // Supervisors and auditors review; administrators where the agency enables it
  // (review_administrators: the session answers them).
  const store::Role role = mSession->User().role;
  if (role == store::Role::Supervisor || role == store::Role::Auditor ||
      (role == store::Role::Administrator && mSession->ReviewSignOffs().Ok())) {
    mReview = new ReviewPanel(mBook, mSession, mClock, mJobs);
    mBook->AddPage(mReview, _("Review"), false);
    mNavigation->AddSection(_("Review"), Icon("verified", 24));
  }
  if (mSession->User().role == store::Role::Administrator) {
    mBook->AddPage(new UsersPanel(mBook, *mSession, mClock), _("Users"));
    mNavigation->AddSection(_("Users"), Icon("users", 24));
    mBook->AddPage(new CamerasPanel(mBook, *mSession, mClock), _("Cameras"));
    mNavigation->AddSection(_("Cameras"), Icon("camera", 24));
    auto* admin = new AdminPanel(mBook, mSession, mJobs);
    admin->SetOnReadsChanged([this] { RefreshOverview(); });  // an import's reads in the counts
    mBook->AddPage(admin, _("Administration"));
    mNavigation->AddSection(_("Administration"), Icon("storage", 24));
  }
  columns->Add(mBook, 1, wxEXPAND);

  mNavigation->Bind(wxEVT_LISTBOX, [this](wxCommandEvent& event) {
    if (event.GetSelection() >= 0 && static_cast<std::size_t>(event.GetSelection()) < mBook->GetPageCount()) {
      const auto page = static_cast<std::size_t>(event.GetSelection());
      if (mBook->GetPage(page) == mCases) {
        // Carry the search's context over when the Cases page has none yet: the same work, the
        // same case. Core still checks it when the case is opened.
        if (mCases->ContextBar()->CaseNumber().empty()) {
          if (auto context = mSearch->ContextBar()->Context()) {
            mCases->ContextBar()->SetContext(context->caseNumber, context->purposeCode, context->justification);
          }
        }
        mCases->Activated();
      }
      if (mBook->GetPage(page) == mReleases) {
        mReleases->Activated();
      }
      if (mReview != nullptr && mBook->GetPage(page) == mReview) {
        mReview->Activated();
      }
      if (mBook->GetPage(page) == mApprovals) {
        mApprovals->Activated();
      }
      mBook->ChangeSelection(page);
    }
  });
  body->SetSizer(columns);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(body, 1, wxEXPAND);
  SetSizer(sizer);
}

void MainFrame::BuildMenus() {
  auto* file = new wxMenu();
  auto* open = new wxMenuItem(file, kIdOpenStorage, _("&Open Storage...\tCtrl+O"),
                              _("Close this storage and sign in to another one"));
  open->SetBitmap(Icon("folder-open", 16));
  file->Append(open);
  auto* connect = new wxMenuItem(file, kIdConnectServer, _("&Connect to Server...\tCtrl+Shift+O"),
                                 _("Close this storage and sign in to a PlateDesk server"));
  connect->SetBitmap(Icon("storage", 16));
  file->Append(connect);
  auto* signOut = new wxMenuItem(file, kIdSignOut, _("Sign &Out"), _("End this session and return to sign-in"));
  signOut->SetBitmap(Icon("sign-out", 16));
  file->Append(signOut);
  file->AppendSeparator();
  file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"), _("End the session and quit PlateDesk"));

  auto* account = new wxMenu();
  auto* lock =
      new wxMenuItem(account, kIdLock, _("&Lock\tCtrl+L"), _("Hide everything until your password is entered"));
  lock->SetBitmap(Icon("lock", 16));
  account->Append(lock);
  auto* enrol = new wxMenuItem(account, kIdEnrolOwnTotp, _("Enrol &Authenticator App..."),
                               _("Set up the one-time codes asked for at sign-in"));
  enrol->SetBitmap(Icon("key", 16));
  account->Append(enrol);
  auto* password = new wxMenuItem(account, kIdChangePassword, _("Change &Password..."),
                                  _("Choose a new password (the current one is asked first)"));
  password->SetBitmap(Icon("key", 16));
  account->Append(password);

  // The public transparency report: for everyone who oversees use (never detectives).
  wxMenu* reports = nullptr;
  if (mSession && mSession->User().role != store::Role::Detective) {
    reports = new wxMenu();
    reports->Append(kIdTransparency, _("&Transparency Report..."),
                    _("The public report of a period's use, signed with the agency's key"));
  }

  // Times in UTC or local time (with the zone either way), kept for the user.
  auto* view = new wxMenu();
  view->AppendCheckItem(kIdTimesInUtc, _("Times in &UTC"),
                        _("Show every time in UTC instead of local time, and read times typed as UTC"));
  bool keptUtc = false;
  if (mSession && mActions.preferences.read) {
    keptUtc = mActions.preferences.read("users/" + mSession->User().name + "/times_utc").value_or("no") == "yes";
  }
  SetTimesInUtc(keptUtc);  // also undoes the previous user's choice
  view->Check(kIdTimesInUtc, keptUtc);

  auto* help = new wxMenu();
  help->Append(kIdUserGuide, _("&User Guide\tF1"), _("The PlateDesk user guide"));
  auto* about = new wxMenuItem(help, wxID_ABOUT, _("&About PlateDesk"), _("Version and licence"));
  about->SetBitmap(Icon("info", 16));
  help->Append(about);

  auto* bar = new wxMenuBar();
  bar->Append(file, _("&File"));
  bar->Append(account, _("&Account"));
  bar->Append(view, _("&View"));
  if (reports != nullptr) bar->Append(reports, _("&Reports"));
  bar->Append(help, _("&Help"));
  SetMenuBar(bar);

  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        if (mActions.openStorage) {
          mActions.openStorage(*this);
        }
      },
      kIdOpenStorage);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        if (mActions.connectServer) {
          mActions.connectServer(*this);
        }
      },
      kIdConnectServer);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { SignOutNow(); }, kIdSignOut);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { LockSession(); }, kIdLock);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        if (mSession) {
          EnrolTotpInteractively(this, *mSession, mSession->User().name, true);
        }
      },
      kIdEnrolOwnTotp);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        if (FormDialog* dialog = MakeChangePasswordDialog()) {
          dialog->ShowModal();
          dialog->Destroy();
        }
      },
      kIdChangePassword);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        if (!mSession) return;
        TransparencyDialog dialog(this, mSession, mClock, mJobs);
        dialog.ShowModal();
      },
      kIdTransparency);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { ShowAbout(); }, wxID_ABOUT);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent& event) {
        const bool utc = event.IsChecked();
        SetTimesInUtc(utc);
        if (mSession && mActions.preferences.write) {
          mActions.preferences.write("users/" + mSession->User().name + "/times_utc", utc ? "yes" : "no");
        }
        // What is drawn from now on (the result list, the status bar) shows it at once; lists filled
        // earlier show it when they are next refreshed.
        RefreshOverview();
        Refresh();
      },
      kIdTimesInUtc);
  Bind(
      wxEVT_MENU,
      [this](wxCommandEvent&) {
        // One guide window: a second F1 brings it forward.
        if (auto* shown = dynamic_cast<UserGuideFrame*>(FindWindowByName(wxS("userGuide"), this))) {
          shown->Raise();
          return;
        }
        (new UserGuideFrame(this))->Show();
      },
      kIdUserGuide);
}

void MainFrame::BuildStatusBar() {
  wxStatusBar* bar = CreateStatusBar(kStatusFieldCount, wxSTB_DEFAULT_STYLE, wxID_ANY, wxS("statusBar"));
  SetStatusBarPane(kStatusSpan);  // menu help must not hide who is signed in
  const workstation::UserInfo& user = mSession->User();
  const std::string& shown = user.displayName.empty() ? user.name : user.displayName;
  const wxString who = ToWx(shown) + wxS(" \u00b7 ") + RoleText(user.role);
  // Who is signed in is never cut short (the storage's folder may be, at its end).
  // (A very long display name is the one cut, past 360 pixels: the counts beside it matter too.)
  const int widths[kStatusFieldCount] = {std::min(bar->GetTextExtent(who).x + FromDIP(20), FromDIP(360)), -4, -2, -5};
  bar->SetStatusWidths(kStatusFieldCount, widths);
  SetStatusText(who, kStatusUser);
  SetStatusText(wxString::FromUTF8(mWorkstation->Describe()), kStatusFolder);
  SetStatusCounts(nullptr);
}

void MainFrame::SetStatusCounts(const workstation::Overview* overview) {
  if (overview == nullptr) {
    SetStatusText(_("Counting reads") + wxS("\u2026"), kStatusReads);
    SetStatusText(wxString(), kStatusSpan);
    return;
  }
  SetStatusText(wxString::Format(wxPLURAL("%s read", "%s reads", static_cast<unsigned long>(overview->reads)),
                                 FormatCount(overview->reads)),
                kStatusReads);
  if (overview->oldestRead && overview->newestRead) {
    // The zone once, at the end, when both times are in the same one (the field is narrow).
    wxString oldest = FormatLocalMinute(*overview->oldestRead);
    const wxString zone = wxS(" ") + LocalZoneName(*overview->oldestRead);
    if (zone == wxS(" ") + LocalZoneName(*overview->newestRead) && oldest.EndsWith(zone)) {
      oldest.RemoveLast(zone.length());
    }
    SetStatusText(wxString::Format(_("Reads from %s to %s"), oldest, FormatLocalMinute(*overview->newestRead)),
                  kStatusSpan);
  } else {
    SetStatusText(_("No reads stored yet"), kStatusSpan);
  }
}

FormDialog* MainFrame::MakeChangePasswordDialog() {
  if (!mSession) return nullptr;
  std::vector<FormField> fields{
      {wxS("passwordCurrent"), _("Current password"), {}, true, false, {}, false, {}, true},
      {wxS("passwordCode"), _("One-time code"), _("from your authenticator app, if you enrolled one"), false},
      {wxS("passwordNew"),
       _("New password"),
       _("at least 12 characters, not a common one"),
       true,
       false,
       {},
       false,
       {},
       true},
      {wxS("passwordRepeat"), _("Repeat it"), {}, true, false, {}, false, {}, true},
  };
  return new FormDialog(
      this, _("Change your password"),
      _("Your other sessions end when the password changes; this one goes on. The change is recorded."),
      std::move(fields),
      [this](const std::vector<std::string>& v) -> Status {
        if (v[2] != v[3]) return Fail(ErrorCode::InvalidArgument, "the two new passwords differ: type it again");
        if (!mSession) return Fail(ErrorCode::Unauthenticated, "the session has ended");
        PLATEDESK_TRY(mSession->ChangePassword(v[0], v[1], v[2]));
        SetStatusText(_("Your password was changed."), 0);
        return {};
      },
      _("Change password"));
}

void MainFrame::RunScheduledPurge() {
  auto connection = mWorkstation;
  RunAsync(
      mJobs, this,
      [connection](std::stop_token stop) -> Result<std::optional<workstation::RetentionReport>> {
        return connection->PurgeOnSchedule(std::move(stop), {});
      },
      [this](const Result<std::optional<workstation::RetentionReport>>& report) {
        // Next run: daily, or sooner when a retention period is shorter than days (a quarter of
        // the shortest period); a server connection's own server runs the purge.
        const UtcMs next = report && *report ? workstation::PurgeInterval((*report)->periods, kMsPerDay) : kMsPerDay;
        mPurgeTimer.StartOnce(static_cast<int>(next));
        if (!report) {
          // Cancelled at close is expected; anything else is for the administrator's log (the
          // audit log holds the failed retention.purge record).
          if (report.Err().code != ErrorCode::Cancelled) LogError(report.Err(), Activity::General);
          return;
        }
        if (*report && (*report)->counts.readsDeleted > 0) RefreshOverview();
      });
}

void MainFrame::RefreshOverview() {
  if (!mSession) {
    return;
  }
  // Counting runs on a worker (COUNT(*) over millions of reads takes a while; a server may be
  // slow to answer). Connection::GetOverview is safe from any thread.
  const unsigned generation = ++mRefreshGeneration;
  mOverview->ShowLoading();
  auto connection = mWorkstation;
  RunAsync(
      mJobs, this, [connection](std::stop_token) -> Result<workstation::Overview> { return connection->GetOverview(); },
      [this, generation](Result<workstation::Overview> overview) {
        if (generation != mRefreshGeneration || !mSession) {
          return;  // a newer refresh is on its way, or the session ended
        }
        if (!overview) {
          LogError(overview.Err(), Activity::General);
          mOverview->ShowError(ErrorText(overview.Err()));
          SetStatusText(_("Counts unavailable"), kStatusReads);
          return;
        }
        mOverview->ShowOverview(*overview, mClock.Now());
        SetStatusCounts(&*overview);
      });
  {
    // The user's own training (every role): a short call, on a worker as a server may be slow.
    auto session = mSession;
    RunAsync(
        mJobs, this, [session](std::stop_token) { return session->OwnAccount(); },
        [this](Result<workstation::UserSummary> account) {
          if (!mSession) return;
          if (!account) {
            LogError(account.Err(), Activity::General);
            return;
          }
          mOverview->ShowAccount(*account, mClock.Now());
        });
  }
  if (mSession->User().role != store::Role::Supervisor) {
    return;
  }
  // A supervisor's follow-ups: correction notices owed to recipients, requests waiting for review,
  // searches waiting for approval, the weekly review, holds due for review.
  auto session = mSession;
  using FollowUps = std::tuple<std::size_t, std::size_t, bool, std::size_t, std::vector<store::Hold>>;
  RunAsync(
      mJobs, this,
      [session, now = mClock.Now()](std::stop_token) -> Result<FollowUps> {
        auto notices = session->DisseminationNotices(true);
        if (!notices) return notices.Err();
        auto records = session->Disseminations({});
        if (!records) return records.Err();
        std::size_t waiting = 0;
        for (const auto& r : *records)
          waiting +=
              r.state == store::DisseminationState::Received || r.state == store::DisseminationState::SecondApproval
                  ? 1
                  : 0;
        // The weekly audit review is due when no sign-off reaches into the last seven days.
        auto signOffs = session->ReviewSignOffs();
        if (!signOffs) return signOffs.Err();
        const bool reviewDue = signOffs->empty() || signOffs->back().to < now - 7 * kMsPerDay;
        // Searches others asked approval for (one's own waits for another supervisor).
        store::ApprovalFilter pending;
        pending.state = store::ApprovalState::Pending;
        auto approvals = session->Approvals(pending);
        if (!approvals) return approvals.Err();
        std::size_t toDecide = 0;
        for (const auto& a : *approvals) toDecide += a.requestedBy == session->User().name ? 0 : 1;
        store::HoldFilter inForce;
        inForce.inForceOnly = true;
        inForce.countReads = false;  // only which are due: no scan of every order's window
        auto holds = session->Holds(inForce);
        if (!holds) return holds.Err();
        std::erase_if(*holds, [](const store::Hold& h) { return !h.reviewDue; });
        return FollowUps{notices->size(), waiting, reviewDue, toDecide, std::move(*holds)};
      },
      [this](Result<FollowUps> counts) {
        if (!mSession) return;
        if (!counts) {
          LogError(counts.Err(), Activity::General);
          return;
        }
        wxString text;
        const auto [notices, waiting, reviewDue, toDecide, holdsDue] = *counts;
        if (notices > 0)
          text = wxString::Format(wxPLURAL("%zu correction notice to send to a recipient",
                                           "%zu correction notices to send to recipients", notices),
                                  notices);
        if (waiting > 0)
          text += (text.empty() ? wxString() : wxString(wxS("; "))) +
                  wxString::Format(
                      wxPLURAL("%zu release request waits for review", "%zu release requests wait for review", waiting),
                      waiting);
        if (!text.empty()) text += _(" (Releases page).");
        if (toDecide > 0)
          text += (text.empty() ? wxString() : wxString(wxS(" "))) +
                  wxString::Format(wxPLURAL("%zu search waits for your approval (Approvals page).",
                                            "%zu searches wait for your approval (Approvals page).", toDecide),
                                   toDecide);
        if (reviewDue)
          text += (text.empty() ? wxString() : wxString(wxS(" "))) +
                  _("The weekly audit review is due (Review page: the flags, then Sign off).");
        if (!holdsDue.empty()) {
          // Which: the first few by case and hold, so the supervisor knows where to go.
          wxString which;
          for (std::size_t i = 0; i < holdsDue.size() && i < 4; ++i)
            which += (i == 0 ? wxString() : wxString(wxS(", "))) +
                     wxString::Format(_("case %s hold %lld"), ToWx(holdsDue[i].caseNumber),
                                      static_cast<long long>(holdsDue[i].id));
          if (holdsDue.size() > 4) which += wxS(", \u2026");
          text += (text.empty() ? wxString() : wxString(wxS(" "))) +
                  wxString::Format(wxPLURAL("%zu hold is due for review (%s): keep or release it on the case's Holds "
                                            "tab.",
                                            "%zu holds are due for review (%s): keep or release them on each case's "
                                            "Holds tab.",
                                            holdsDue.size()),
                                   holdsDue.size(), which);
        }
        mOverview->ShowFollowUp(text);
      });
}

void MainFrame::SignOutNow() {
  EndSession();
  if (mActions.signOut) {
    mActions.signOut(*this);
  } else {
    Close(true);
  }
}

void MainFrame::EndSession() {
  if (!mSession) {
    return;
  }
  if (mSearch != nullptr) {
    mSearch->CancelSearch();  // its worker holds the session until it stops
  }
  mLockTimer.Stop();
  // Logging out is audited and signs a checkpoint; a failure must not keep the window open.
  if (Status ended = mSession->Logout(); !ended) {
    LogError(ended.Err(), Activity::General);
  }
  mSession.reset();
}

bool MainFrame::HasSession() const { return static_cast<bool>(mSession); }

std::shared_ptr<workstation::Connection> MainFrame::SharedWorkstation() const { return mWorkstation; }

// --- the session lock ------------------------------------------------------------------------

void MainFrame::BuildLock() {
  mLockPanel = new LockPanel(
      this, *mSession, [this] { HideLock(); }, [this] { CallAfter([this] { SignOutNow(); }); });
  mLockPanel->Hide();
  GetSizer()->Add(mLockPanel, 1, wxEXPAND);
  mActivityReportedAt = mClock.Now();
  mActivity = std::make_unique<ActivityMonitor>([this] { OnUserInput(); });
  mLockTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { CheckLock(); });
  mLockTimer.Start(kLockPollMs);
}

void MainFrame::OnUserInput() {
  // Called for every input event in the application: only compare times here, and pass the
  // activity on from the event loop (not from inside another window's event handling).
  if (!mSession || IsLockShown() || mActivityReportQueued || mClock.Now() - mActivityReportedAt < kActivityReportMs) {
    return;
  }
  mActivityReportQueued = true;
  CallAfter([this] {
    mActivityReportQueued = false;
    if (!mSession || IsLockShown()) {
      return;
    }
    mActivityReportedAt = mClock.Now();
    if (Status active = mSession->RecordActivity(); !active) {
      CheckLock();  // the idle limit had passed before this input: the core has locked the session
    }
  });
}

void MainFrame::ShowLink() {
  // A server connection shows its state (from the client's last calls: no network here).
  const std::optional<workstation::LinkStatus> link = mWorkstation->Link();
  if (!link) {
    return;
  }
  wxString text;
  if (!link->reachable) {
    text = wxString::Format(_("%s: server unreachable, retrying"), wxString::FromUTF8(link->host));
  } else {
    text = wxString::Format(_("Connected to %s"), wxString::FromUTF8(link->host));
    if (!link->serverVersion.empty()) {
      // "platedesk-server/0.1.0" -> "server 0.1.0": the field is narrow.
      std::string version = link->serverVersion;
      if (const auto slash = version.find('/'); slash != std::string::npos) version = version.substr(slash + 1);
      text += wxS(" \u00b7 ") + wxString::Format(_("server %s"), wxString::FromUTF8(version));
    }
    if (link->lastRoundTripMs > 0) {
      text += wxString::Format(wxS(" \u00b7 %.0f ms"), link->lastRoundTripMs);
    }
  }
  if (GetStatusBar() != nullptr && GetStatusBar()->GetStatusText(kStatusFolder) != text) {
    SetStatusText(text, kStatusFolder);
  }
}

void MainFrame::CheckLock() {
  ShowLink();
  if (!mSession || IsLockShown()) {
    return;
  }
  if (mSession->HasEnded()) {
    ShowLock(_("This session has ended. Sign out and sign in again."));
  } else if (mSession->IsLocked()) {
    const long minutes = static_cast<long>(mSession->IdleLimit() / kMsPerMinute);
    ShowLock(wxString::Format(
        wxPLURAL("Locked after %ld minute without activity", "Locked after %ld minutes without activity", minutes),
        minutes));
  }
}

void MainFrame::LockSession() {
  if (!mSession || IsLockShown()) {
    return;
  }
  if (Status locked = mSession->Lock(); !locked) {
    // Locked already (idle) or the lock could not be recorded: hide the content all the same.
    LogError(locked.Err(), Activity::General);
  }
  ShowLock(wxString::Format(_("Locked at %s"), FormatLocalMinute(mClock.Now())));
}

bool MainFrame::IsLockShown() const { return mLockPanel != nullptr && mLockPanel->IsShown(); }

void MainFrame::ShowLock(const wxString& reason) {
  // Nothing stays on screen: this frame's modal dialogs close (as if cancelled), its other
  // windows (image viewers, non-modal dialogs) hide until the unlock, and the content goes.
  auto ownedHere = [this](const wxWindow* window) {
    for (const wxWindow* parent = window->GetParent(); parent != nullptr; parent = parent->GetParent()) {
      if (parent == this) {
        return true;
      }
    }
    return false;
  };
  mHiddenForLock.clear();
  for (wxWindow* window : wxTopLevelWindows) {
    if (!window->IsShown() || !ownedHere(window)) {
      continue;
    }
    if (auto* dialog = dynamic_cast<wxDialog*>(window); dialog != nullptr && dialog->IsModal()) {
      dialog->EndModal(wxID_CANCEL);
    } else {
      window->Hide();
      mHiddenForLock.emplace_back(window);
    }
  }
  mBody->Hide();
  mLockPanel->Show();
  for (const int id : {kIdOpenStorage, kIdConnectServer, kIdLock, kIdEnrolOwnTotp}) {
    GetMenuBar()->Enable(id, false);
  }
  Layout();
  mLockPanel->Prepare(reason);  // once shown, so that the focus can go to the password
}

void MainFrame::HideLock() {
  mLockPanel->Hide();
  mBody->Show();
  for (const int id : {kIdOpenStorage, kIdConnectServer, kIdLock, kIdEnrolOwnTotp}) {
    GetMenuBar()->Enable(id, true);
  }
  Layout();
  for (const wxWeakRef<wxWindow>& window : mHiddenForLock) {
    if (window) {
      window->Show();
    }
  }
  mHiddenForLock.clear();
  mActivityReportedAt = mClock.Now();  // Unlock counted as activity
  RefreshOverview();
}

void MainFrame::ShowAbout() {
  wxAboutDialogInfo info;
  info.SetName(wxS("PlateDesk"));
  info.SetVersion(wxS(PLATEDESK_VERSION));
  info.SetDescription(
      _("A workstation for detectives who search license-plate-reader data.\n"
        "Every search needs a case number and a purpose; every access is audited."));
  info.SetLicence(_("GNU General Public License, version 3 or later."));
  info.SetIcon(AppIcons().GetIcon(wxSize(64, 64)));
  wxAboutBox(info, this);
}

}  // namespace platedesk::views
