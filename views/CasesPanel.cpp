// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CasesPanel.h"

#include "views/ExportWizard.h"
#include "views/FormDialog.h"
#include "views/support/AccessContextBar.h"
#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/statline.h>
#include <wx/stattext.h>

#include <algorithm>
#include <charconv>

namespace platedesk::views {
namespace {

enum CaseColumn : int { kCaseNumber, kCaseTitle, kCaseLead, kCaseStatus };

wxString OutcomeText(const std::string& outcome) {
  if (outcome == "success") return _("done");
  if (outcome == "failure") return _("failed");
  if (outcome == "refused") return _("refused");
  return _("interrupted");
}

wxString HoldKindText(store::HoldKind kind) {
  switch (kind) {
    case store::HoldKind::Investigation:
      return _("investigation");
    case store::HoldKind::Discovery:
      return _("discovery");
    case store::HoldKind::Preservation:
      return _("preservation order");
  }
  return {};
}

wxString HoldStateText(const store::Hold& h) {
  if (!h.InForce()) return _("released");
  return h.reviewDue ? _("in force, review due") : _("in force");
}

// "from 2026-11-01 08:00 to 2026-11-08 08:00 · cameras cam-3, cam-7 · plates KXR4471"
wxString OrderText(const store::Hold& h) {
  if (h.kind != store::HoldKind::Preservation) return {};
  wxString out;
  if (h.from && h.to) out = wxString::Format(_("from %s to %s"), FormatLocalMinute(*h.from), FormatLocalMinute(*h.to));
  auto list = [](const std::vector<std::string>& items) {
    wxString joined;
    for (const auto& i : items) joined += (joined.empty() ? wxString() : wxString(wxS(", "))) + ToWx(i);
    return joined;
  };
  if (!h.cameras.empty()) out += wxS(" \u00b7 ") + wxString::Format(_("cameras %s"), list(h.cameras));
  if (!h.plates.empty()) out += wxS(" \u00b7 ") + wxString::Format(_("plates %s"), list(h.plates));
  return out;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == ';' || c == '\n') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace

CasesPanel::CasesPanel(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                       std::shared_ptr<workstation::Session> session, AsyncJobs& jobs)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("casesPanel")),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mJobs(jobs) {
  // The catalogue, the cases and the cameras carry no plate data: read them here.
  std::vector<store::PurposeRecord> purposes;
  if (auto p = mSession->Purposes(); p) {
    purposes = std::move(*p);
  } else {
    LogError(p.Err(), Activity::General);
  }
  if (auto c = mSession->Cases(); c) {
    mCases = std::move(*c);
  } else {
    LogError(c.Err(), Activity::General);
  }
  if (auto cams = mSession->Cameras(); cams) {
    for (const auto& c : *cams) {
      mCameraNames[c.id] = CameraLabel(c);
    }
  }
  const int gap = FromDIP(12);

  auto* outer = new wxBoxSizer(wxVERTICAL);
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(new wxStaticBitmap(this, wxID_ANY, Icon("cases", 24)), 0, wxALIGN_CENTER_VERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Cases"));
  title->SetFont(GetFont().Scaled(1.4f).Bold());
  head->Add(title, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  head->AddStretchSpacer();
  auto* refresh = new wxButton(this, wxID_ANY, _("Refresh"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               wxS("casesRefresh"));
  refresh->SetBitmap(Icon("refresh", 16));
  head->Add(refresh, 0, wxALIGN_CENTER_VERTICAL);
  outer->Add(head, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);

  mBar = new AccessContextBar(this, purposes, mCases);
  outer->Add(mBar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, gap);
  outer->Add(new wxStaticLine(this), 0, wxEXPAND | wxTOP, gap);

  auto* body = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  auto* listTitle = new wxStaticText(this, wxID_ANY, _("Registered cases"));
  listTitle->SetFont(GetFont().Bold());
  left->Add(listTitle, 0, wxBOTTOM, FromDIP(6));
  mList = ReportList(this, wxS("casesList"), {{_("Case"), 96}, {_("Title"), 170}, {_("Lead"), 90}, {_("Status"), 60}});
  left->Add(mList, 1, wxEXPAND);
  auto* caseActions = new wxBoxSizer(wxHORIZONTAL);
  auto* registerCase = new wxButton(this, wxID_ANY, _("Re&gister case") + wxS("\u2026"), wxDefaultPosition,
                                    wxDefaultSize, 0, wxDefaultValidator, wxS("casesRegister"));
  caseActions->Add(registerCase, 0);
  mCaseOpenClose = new wxButton(this, wxID_ANY, _("Close case"), wxDefaultPosition, wxDefaultSize, 0,
                                wxDefaultValidator, wxS("casesOpenClose"));
  caseActions->Add(mCaseOpenClose, 0, wxLEFT, FromDIP(6));
  const store::Role role = mSession->User().role;
  registerCase->Show(role != store::Role::Auditor);
  mCaseOpenClose->Show(role == store::Role::Supervisor || role == store::Role::Administrator);
  mCaseOpenClose->Enable(false);  // until a case is selected
  left->Add(caseActions, 0, wxTOP, FromDIP(6));
  registerCase->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (FormDialog* dialog = MakeRegisterCaseDialog()) {
      dialog->ShowModal();
      dialog->Destroy();
    }
  });
  mCaseOpenClose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || static_cast<std::size_t>(row) >= mCases.size()) return;
    if (Status st = SetSelectedCaseOpen(!mCases[static_cast<std::size_t>(row)].open); !st) {
      ShowStatus(ErrorText(st.Err()), true);
    }
  });
  auto* hint = new wxStaticText(this, wxID_ANY,
                                _("Select a case, fill in the purpose and justification, then open it. "
                                  "Opening a case is recorded under it."));
  hint->SetForegroundColour(MutedColour());
  hint->Wrap(FromDIP(420));
  left->Add(hint, 0, wxTOP, FromDIP(6));
  body->Add(left, 0, wxEXPAND | wxALL, gap);
  body->Add(new wxStaticLine(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLI_VERTICAL), 0, wxEXPAND);
  body->Add(BuildDetails(this), 1, wxEXPAND | wxALL, gap);
  outer->Add(body, 1, wxEXPAND);
  SetSizer(outer);

  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    RefreshCases();
    if (mSummary && mBar->Context()) {
      LoadCase();
    }
  });
  mList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
    const long row = event.GetIndex();
    if (row >= 0 && static_cast<std::size_t>(row) < mCases.size()) {
      mBar->SetCaseNumber(mCases[static_cast<std::size_t>(row)].number);
    }
  });
  mList->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { LoadCase(); });
  mList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& event) {
    const long row = event.GetIndex();
    if (row >= 0 && static_cast<std::size_t>(row) < mCases.size())
      mCaseOpenClose->SetLabel(mCases[static_cast<std::size_t>(row)].open ? _("Close case") : _("Reopen case"));
    mCaseOpenClose->Enable(true);
    event.Skip();
  });
  mBar->SetOnEnter([this] { LoadCase(); });
  mBar->SetOnChange([this] {
    // What is shown belongs to the context it was opened under.
    if (mSummaryContext && mBar->CaseNumber() != mSummaryContext->caseNumber) {
      ClearSummary(_("Open the case to see its reads, searches and exports."));
    }
    UpdateButtons();
  });
  ShowCases();
  ClearSummary(_("Select a case and open it to see its reads, searches and exports."));
}

wxWindow* CasesPanel::BuildDetails(wxWindow* parent) {
  auto* pane = new wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("caseDetails"));
  auto* s = new wxBoxSizer(wxVERTICAL);
  mTitle = new wxStaticText(pane, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                            wxS("caseTitle"));
  mTitle->SetFont(GetFont().Scaled(1.2f).Bold());
  s->Add(mTitle, 0, wxEXPAND);
  mMeta = new wxStaticText(pane, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                           wxS("caseMeta"));
  mMeta->SetForegroundColour(MutedColour());
  s->Add(mMeta, 0, wxEXPAND | wxTOP, FromDIP(2));

  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  mOpen = new wxButton(pane, wxID_ANY, _("&Open case"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       wxS("caseOpen"));
  mOpen->SetBitmap(Icon("folder-open", 16));
  mExport = new wxButton(pane, wxID_ANY, _("&Export evidence") + wxS("\u2026"), wxDefaultPosition, wxDefaultSize, 0,
                         wxDefaultValidator, wxS("caseExport"));
  mExport->SetBitmap(Icon("export", 16));
  mHoldPlace = new wxButton(pane, wxID_ANY, _("Place &hold") + wxS("\u2026"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("caseHoldPlace"));
  mHoldPlace->SetToolTip(
      _("Keep reads past retention for this case: the case's reads for a discovery request, or a "
        "preservation order (cameras and plates in a time window). For the case's lead or a "
        "supervisor."));
  mHoldRelease = new wxButton(pane, wxID_ANY, _("&Release hold") + wxS("\u2026"), wxDefaultPosition, wxDefaultSize, 0,
                              wxDefaultValidator, wxS("caseHoldRelease"));
  mHoldReview = new wxButton(pane, wxID_ANY, _("Mark hold re&viewed") + wxS("\u2026"), wxDefaultPosition, wxDefaultSize,
                             0, wxDefaultValidator, wxS("caseHoldReview"));
  actions->Add(mOpen, 0);
  actions->Add(mExport, 0, wxLEFT, FromDIP(6));
  actions->Add(mHoldPlace, 0, wxLEFT, FromDIP(6));
  actions->Add(mHoldRelease, 0, wxLEFT, FromDIP(6));
  actions->Add(mHoldReview, 0, wxLEFT, FromDIP(6));
  const bool supervisor = mSession->User().role == store::Role::Supervisor;
  mHoldRelease->Show(supervisor);
  mHoldReview->Show(supervisor);
  s->Add(actions, 0, wxEXPAND | wxTOP, FromDIP(10));
  mStatus = new wxStaticText(pane, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("caseStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxTOP, FromDIP(8));

  mTabs = new wxNotebook(pane, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("caseTabs"));
  mReads = ReportList(mTabs, wxS("caseReads"),
                      {{_("Plate"), 100},
                       {_("State"), 50},
                       {_("Time"), 175},
                       {_("Camera"), 190},
                       {_("Held because"), 200},
                       {_("By"), 90},
                       {_("Since"), 175}});
  mSearches = ReportList(mTabs, wxS("caseSearches"),
                         {{_("Time"), 175},
                          {_("User"), 90},
                          {_("Query"), 300},
                          {_("Matches"), 70},
                          {_("Purpose"), 110},
                          {_("Outcome"), 80},
                          {_("Justification"), 260}});
  mExports = ReportList(mTabs, wxS("caseExports"),
                        {{_("Time"), 175},
                         {_("User"), 90},
                         {_("Reads"), 60},
                         {_("Protection"), 110},
                         {_("Outcome"), 80},
                         {_("Size"), 80},
                         {_("Medium"), 120},
                         {_("Received by"), 150},
                         {_("Package"), 120},
                         {_("Written to"), 300}});
  mTabs->AddPage(mReads, _("Reads"));
  mTabs->AddPage(mSearches, _("Searches"));
  mReleases = ReportList(mTabs, wxS("caseReleases"),
                         {{_("Request"), 70},
                          {_("State"), 170},
                          {_("Received"), 175},
                          {_("Agency"), 190},
                          {_("Requester"), 150},
                          {_("Released"), 175},
                          {_("Reads"), 60},
                          {_("Package SHA-256"), 200}});
  mHolds = ReportList(mTabs, wxS("caseHolds"),
                      {{_("Hold"), 50},
                       {_("Kind"), 120},
                       {_("State"), 130},
                       {_("Reads"), 60},
                       {_("Reason"), 220},
                       {_("Placed by"), 90},
                       {_("Placed"), 175},
                       {_("Order"), 300},
                       {_("Released or reviewed"), 300}});
  mTabs->AddPage(mExports, _("Exports"));
  mTabs->AddPage(mReleases, _("Releases"));
  mTabs->AddPage(mHolds, _("Holds"));
  s->Add(mTabs, 1, wxEXPAND | wxTOP, FromDIP(10));
  pane->SetSizer(s);

  mOpen->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { LoadCase(); });
  mExport->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OpenExportWizard(); });
  mHoldPlace->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (FormDialog* dialog = MakePlaceHoldDialog()) {
      dialog->ShowModal();
      dialog->Destroy();
    }
  });
  mHoldRelease->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnHoldDecision(true); });
  mHoldReview->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnHoldDecision(false); });
  mHolds->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { UpdateButtons(); });
  mHolds->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { UpdateButtons(); });
  return pane;
}

void CasesPanel::ShowCases() {
  const std::string selected = mBar->CaseNumber();
  mList->DeleteAllItems();
  for (const auto& c : mCases) {
    AppendRow(mList, {ToWx(c.number), ToWx(c.title), ToWx(c.lead), c.open ? _("open") : _("closed")});
    if (!c.open) {
      mList->SetItemTextColour(mList->GetItemCount() - 1, MutedColour());
    }
  }
  for (std::size_t i = 0; i < mCases.size(); ++i) {
    if (mCases[i].number == selected) {
      mList->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
    }
  }
  if (mCases.empty()) {
    AppendRow(mList, {wxString(), _("None registered yet")});  // short enough for the Title column
  }
}

void CasesPanel::RefreshCases() {
  auto cases = mSession->Cases();
  if (!cases) {
    LogError(cases.Err(), Activity::General);
    ShowStatus(ErrorText(cases.Err()), true);
    return;
  }
  mCases = std::move(*cases);
  mBar->SetCases(mCases);
  ShowCases();
}

FormDialog* CasesPanel::MakeRegisterCaseDialog() {
  return new FormDialog(
      this, _("Register a case"),
      _("A registered case can be searched under; its lead (and supervisors) may hold reads for it. The registration "
        "is "
        "recorded."),
      {{wxS("caseNumberNew"), _("Case number"), _("as the agency writes it, e.g. 26-004512")},
       {wxS("caseTitleNew"), _("Title"), _("e.g. Burglary series, 5th Ave")},
       {wxS("caseLeadNew"),
        _("Lead"),
        _("the lead detective's user name"),
        true,
        false,
        {},
        false,
        ToWx(mSession->User().name)}},
      [this](const std::vector<std::string>& v) -> Status {
        PLATEDESK_TRY(mSession->RegisterCase(v[0], v[1], v[2]));
        RefreshCases();
        SelectCase(v[0]);
        ShowStatus(wxString::Format(_("Case %s registered."), ToWx(v[0])));
        return {};
      },
      _("Register"));
}

Status CasesPanel::SetSelectedCaseOpen(bool open) {
  const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= mCases.size())
    return Fail(ErrorCode::InvalidArgument, "select a case first");
  const std::string number = mCases[static_cast<std::size_t>(row)].number;
  PLATEDESK_TRY(mSession->SetCaseOpen(number, open));
  RefreshCases();
  SelectCase(number);
  mCaseOpenClose->SetLabel(open ? _("Close case") : _("Reopen case"));
  ShowStatus(wxString::Format(open ? _("Case %s reopened.") : _("Case %s closed."), ToWx(number)));
  return {};
}

bool CasesPanel::SelectCase(const std::string& number) {
  for (std::size_t i = 0; i < mCases.size(); ++i) {
    if (mCases[i].number == number) {
      mList->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      mList->EnsureVisible(static_cast<long>(i));
      mBar->SetCaseNumber(number);  // also when the selection event does not come (same row)
      return true;
    }
  }
  return false;
}

bool CasesPanel::LoadCase() {
  if (mLoading) {
    return false;
  }
  const std::optional<workstation::AccessContext> context = mBar->Context();
  if (!context) {
    ShowStatus(mBar->Problem(), true);
    return false;
  }
  const unsigned generation = ++mGeneration;
  mLoading = true;
  mStale = false;
  UpdateButtons();
  ShowStatus(_("Opening the case") + wxS("\u2026"));
  auto session = mSession;
  auto workstation = mWorkstation;
  RunAsync(
      mJobs, this,
      [session, workstation, context = *context](std::stop_token) { return session->GetCaseSummary(context); },
      [this, generation, context = *context](Result<workstation::CaseSummary> summary) {
        if (generation != mGeneration) {
          return;
        }
        mLoading = false;
        if (!summary) {
          const Error& e = summary.Err();
          ClearSummary(wxString());
          if (e.code == ErrorCode::PermissionDenied || e.code == ErrorCode::InvalidArgument) {
            mBar->ShowRefusal(e);
            ShowStatus(_("Opening the case was refused; see the message under the access context."), true);
          } else {
            LogError(e, Activity::DataAccess);
            ShowStatus(ErrorText(e, Activity::DataAccess), true);
          }
          UpdateButtons();
          return;
        }
        mSummary = std::move(*summary);
        mSummaryContext = context;
        ShowSummary();
        UpdateButtons();
      });
  return true;
}

void CasesPanel::ClearSummary(const wxString& why) {
  mSummary.reset();
  mSummaryContext.reset();
  const std::string number = mBar->CaseNumber();
  mTitle->SetLabel(number.empty() ? _("No case open") : ToWx(number));
  mMeta->SetLabel(wxString());
  mReads->DeleteAllItems();
  mSearches->DeleteAllItems();
  mExports->DeleteAllItems();
  mReleases->DeleteAllItems();
  mHolds->DeleteAllItems();
  mTabs->SetPageText(4, _("Holds"));
  mTabs->SetPageText(0, _("Reads"));
  mTabs->SetPageText(1, _("Searches"));
  mTabs->SetPageText(2, _("Exports"));
  mTabs->SetPageText(3, _("Releases"));
  mTabs->Enable(false);
  if (!why.empty()) {
    ShowStatus(why);
  }
  UpdateButtons();
}

void CasesPanel::ShowSummary() {
  const workstation::CaseSummary& s = *mSummary;
  wxString title = ToWx(s.record.number);
  if (!s.record.title.empty()) {
    title += wxS(" \u2014 ") + ToWx(s.record.title);
  }
  mTitle->SetLabel(title);
  wxString meta;
  if (s.registered) {
    const wxString dot = wxS(" \u00b7 ");
    meta =
        wxString::Format(_("Lead %s"), s.record.lead.empty() ? _("not named") : ToWx(s.record.lead)) + dot +
        (s.record.open ? _("open") : _("closed")) + dot +
        wxString::Format(_("registered by %s on %s"), ToWx(s.record.createdBy), FormatLocalMinute(s.record.createdAt));
  } else {
    meta = _("This case number is not registered.");
  }
  mMeta->SetLabel(meta);

  mReads->Freeze();
  mReads->DeleteAllItems();
  std::map<store::ReadId, const store::Read*> byId;
  for (const auto& r : s.reads) {
    byId[r.id] = &r;
  }
  std::size_t collected = 0;
  for (const auto& h : s.holds) {
    collected += h.reason == workstation::kCollectedForCase ? 1 : 0;
    const auto it = byId.find(h.read);
    if (it == byId.end()) {
      continue;
    }
    const store::Read& r = *it->second;
    AppendRow(mReads, {ToWx(r.plate), ToWx(r.state), FormatLocalMinute(r.capturedAt), CameraName(r.camera),
                       HoldReasonText(h), ToWx(h.createdBy), FormatLocalMinute(h.createdAt)});
  }
  mReads->Thaw();

  mSearches->Freeze();
  mSearches->DeleteAllItems();
  for (auto it = s.searches.rbegin(); it != s.searches.rend(); ++it) {  // newest first
    AppendRow(mSearches, {FormatLocalMinute(it->time), ToWx(it->user), QueryElementsText(it->query),
                          it->matches ? FormatCount(static_cast<std::int64_t>(*it->matches)) : wxString(wxS("\u2014")),
                          ToWx(it->purposeCode), OutcomeText(it->outcome), ToWx(it->justification)});
    if (it->outcome != "success") {
      mSearches->SetItemTextColour(mSearches->GetItemCount() - 1, ErrorColour());
    }
  }
  mSearches->Thaw();

  mExports->Freeze();
  mExports->DeleteAllItems();
  for (auto it = s.exports.rbegin(); it != s.exports.rend(); ++it) {
    const wxString protection = it->encryption == "none" || it->encryption.empty() ? _("none") : _("AES-256 zip");
    wxString outcome = OutcomeText(it->outcome);
    if (it->outcome == "failure" && !it->reason.empty()) {
      outcome += wxS(": ") + ToWx(it->reason);
    }
    AppendRow(mExports,
              {FormatLocalMinute(it->time), ToWx(it->user), FormatCount(static_cast<std::int64_t>(it->reads)),
               protection, outcome, it->bytes ? FormatSize(it->bytes) : wxString(wxS("\u2014")), ToWx(it->mediaLabel),
               ToWx(it->recipient), ToWx(it->packageId.substr(0, 12)), PathToWx(it->file)});
    if (it->outcome != "success") {
      mExports->SetItemTextColour(mExports->GetItemCount() - 1, ErrorColour());
    }
  }
  mExports->Thaw();

  mReleases->Freeze();
  mReleases->DeleteAllItems();
  for (const auto& r : s.releases) {
    AppendRow(mReleases,
              {wxString::Format(wxS("%lld"), static_cast<long long>(r.request.id)),
               ToWx(std::string(store::DisseminationStateName(r.state))), FormatLocalMinute(r.request.receivedAt),
               ToWx(r.request.agencyName), ToWx(r.request.requesterName),
               r.release ? FormatLocalMinute(r.release->releasedAt) : wxString(wxS("\u2014")),
               r.release ? FormatCount(static_cast<std::int64_t>(r.release->reads.size())) : wxString(),
               r.release ? ToWx(r.release->packageSha256) : wxString()});
  }
  mReleases->Thaw();

  mHolds->Freeze();
  mHolds->DeleteAllItems();
  std::size_t inForce = 0;
  for (const auto& h : s.holdList) {
    inForce += h.InForce() ? 1 : 0;
    wxString after;
    if (!h.InForce()) {
      after = wxString::Format(_("released by %s on %s: %s"), ToWx(h.releasedBy), FormatLocalMinute(h.releasedAt),
                               ToWx(h.releaseReason));
    } else if (!h.reviewedBy.empty()) {
      after = wxString::Format(_("reviewed by %s on %s: %s"), ToWx(h.reviewedBy), FormatLocalMinute(h.reviewedAt),
                               ToWx(h.reviewNote));
    }
    AppendRow(mHolds, {wxString::Format(wxS("%lld"), static_cast<long long>(h.id)), HoldKindText(h.kind),
                       HoldStateText(h), FormatCount(static_cast<std::int64_t>(h.reads)), ToWx(h.reason),
                       ToWx(h.placedBy), FormatLocalMinute(h.placedAt), OrderText(h), after});
    if (!h.InForce()) {
      mHolds->SetItemTextColour(mHolds->GetItemCount() - 1, MutedColour());
    } else if (h.reviewDue) {
      mHolds->SetItemTextColour(mHolds->GetItemCount() - 1, ErrorColour());
    }
  }
  mHolds->Thaw();
  mTabs->SetPageText(4, wxString::Format(_("Holds (%s)"), FormatCount(static_cast<std::int64_t>(inForce))));

  mTabs->Enable(true);
  mTabs->SetPageText(0, wxString::Format(_("Reads (%s)"), FormatCount(static_cast<std::int64_t>(s.holds.size()))));
  mTabs->SetPageText(1,
                     wxString::Format(_("Searches (%s)"), FormatCount(static_cast<std::int64_t>(s.searches.size()))));
  mTabs->SetPageText(2, wxString::Format(_("Exports (%s)"), FormatCount(static_cast<std::int64_t>(s.exports.size()))));
  mTabs->SetPageText(3,
                     wxString::Format(_("Releases (%s)"), FormatCount(static_cast<std::int64_t>(s.releases.size()))));
  wxString status;
  if (s.holds.empty()) {
    status = _("No reads are collected for this case yet: use \"Add to case\" on the Search page.");
  } else {
    status = wxString::Format(_("%s reads kept for the case (%s collected); retention will not delete them."),
                              FormatCount(static_cast<std::int64_t>(s.holds.size())),
                              FormatCount(static_cast<std::int64_t>(collected)));
  }
  ShowStatus(status);
}

ExportWizard* CasesPanel::OpenExportWizard() {
  if (!mSummary || !mSummaryContext) {
    ShowStatus(_("Open the case first."), true);
    return nullptr;
  }
  if (mSummary->holds.empty()) {
    ShowStatus(_("No reads are collected for this case yet: use \"Add to case\" on the Search page."), true);
    return nullptr;
  }
  auto* wizard = new ExportWizard(this, mWorkstation, mSession, mJobs, *mSummaryContext, *mSummary, mCameraNames);
  wizard->SetOnExported([weak = wxWeakRef<CasesPanel>(this)] {
    if (weak) {
      weak->mStale = true;
      if (weak->IsShownOnScreen()) {
        weak->LoadCase();
      }
    }
  });
  wizard->Show();
  return wizard;
}

void CasesPanel::Activated() {
  RefreshCases();
  if (mStale && mSummary && !mLoading) {
    LoadCase();
  }
}

void CasesPanel::CaseChanged(const std::string& caseNumber) {
  if (mSummaryContext && mSummaryContext->caseNumber == caseNumber) {
    mStale = true;
  }
}

void CasesPanel::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetForegroundColour(problem ? ErrorColour() : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mStatus->SetLabel(text);
  mStatus->SetToolTip(text);
}

void CasesPanel::UpdateButtons() {
  const bool ready = mBar->Context().has_value();
  mOpen->Enable(!mLoading && ready);
  mOpen->SetToolTip(ready ? wxString() : mBar->Problem());
  mExport->Enable(!mLoading && mSummary.has_value() && !mSummary->holds.empty());
  mHoldPlace->Enable(!mLoading && mSummary.has_value());
  const store::Hold* hold = SelectedHold();
  const bool decidable = !mLoading && hold != nullptr && hold->InForce();
  mHoldRelease->Enable(decidable);
  mHoldReview->Enable(decidable);
  const wxString why = hold == nullptr ? _("Select a hold on the Holds tab.")
                                       : (hold->InForce() ? wxString() : _("This hold was released."));
  mHoldRelease->SetToolTip(why);
  mHoldReview->SetToolTip(why);
}

const store::Hold* CasesPanel::SelectedHold() const {
  if (!mSummary) return nullptr;
  const long row = mHolds->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= mSummary->holdList.size()) return nullptr;
  return &mSummary->holdList[static_cast<std::size_t>(row)];
}

FormDialog* CasesPanel::MakePlaceHoldDialog() {
  if (!mSummary || !mSummaryContext) {
    ShowStatus(_("Open the case first."), true);
    return nullptr;
  }
  std::vector<store::ReadId> reads;
  for (const auto& h : mSummary->holds) reads.push_back(h.read);
  const std::vector<wxString> kinds{
      wxString::Format(_("Discovery: the case's %s reads"), FormatCount(static_cast<std::int64_t>(reads.size()))),
      _("Preservation order: cameras and/or plates in a time window")};
  std::vector<FormField> fields{
      {wxS("holdKind"), _("Kind"), {}, true, false, kinds},
      {wxS("holdReason"), _("Reason"), _("the request, order or docket, e.g. PR-2026-118 of 2 Dec"), true, true},
      {wxS("holdCameras"), _("Cameras"), _("order: camera ids, comma-separated (empty: every camera)"), false},
      {wxS("holdPlates"), _("Plates"), _("order: plates, comma-separated (empty: every plate)"), false},
      {wxS("holdFrom"), _("From"), _("order: 2026-11-01 or 2026-11-01T08:00Z (UTC)"), false},
      {wxS("holdTo"), _("To"), _("order: up to, not including, this time (UTC)"), false},
  };
  return new FormDialog(
      this, _("Place a hold"),
      wxString::Format(_("A hold keeps reads for case %s past the retention period until a supervisor releases it. "
                         "A preservation order also keeps reads that arrive later inside its window. The hold "
                         "and its reason are recorded."),
                       ToWx(mSummaryContext->caseNumber)),
      std::move(fields),
      [this, reads](const std::vector<std::string>& v) -> Status {
        workstation::HoldRequest request;
        request.reason = v[1];
        if (v[0] == "0") {
          request.kind = store::HoldKind::Discovery;
          request.reads = reads;
          if (!v[2].empty() || !v[3].empty() || !v[4].empty() || !v[5].empty())
            return Fail(ErrorCode::InvalidArgument, "cameras, plates and a window belong to a preservation order");
        } else {
          request.kind = store::HoldKind::Preservation;
          request.cameras = SplitList(v[2]);
          request.plates = SplitList(v[3]);
          auto from = ParseIso8601(v[4]);
          auto to = ParseIso8601(v[5]);
          if (!from || !to) return Fail(ErrorCode::InvalidArgument, "give the order's window: From and To as dates");
          request.from = *from;
          request.to = *to;
        }
        return PlaceHold(request);
      },
      _("Place hold"));
}

Status CasesPanel::PlaceHold(const workstation::HoldRequest& request) {
  if (!mSummaryContext) return Fail(ErrorCode::InvalidArgument, "open the case first");
  auto placed = mSession->PlaceHold(*mSummaryContext, request);
  if (!placed) return placed.Err();
  ShowStatus(wxString::Format(_("Hold %lld placed: it keeps %s reads."), static_cast<long long>(placed->id),
                              FormatCount(static_cast<std::int64_t>(placed->reads))));
  mStale = true;
  LoadCase();
  return {};
}

Status CasesPanel::ReleaseHold(std::int64_t id, const std::string& reason) {
  PLATEDESK_TRY(mSession->ReleaseHold(id, reason));
  mStale = true;
  LoadCase();
  return {};
}

Status CasesPanel::ReviewHold(std::int64_t id, const std::string& note) {
  PLATEDESK_TRY(mSession->ReviewHold(id, note));
  mStale = true;
  LoadCase();
  return {};
}

void CasesPanel::OnHoldDecision(bool release) {
  const store::Hold* hold = SelectedHold();
  if (hold == nullptr) return;
  const std::int64_t id = hold->id;
  FormDialog dialog(
      this, release ? _("Release hold") : _("Review hold"),
      release ? _("Releasing lets retention delete the reads this hold alone kept. Your reason is recorded.")
              : _("The hold stays in force and its review clock starts again. Your note is recorded."),
      {{wxS("holdDecisionReason"), release ? _("Reason") : _("Note"), _("why, in words a later reviewer understands"),
        true, true}},
      [this, id, release](const std::vector<std::string>& v) {
        return release ? ReleaseHold(id, v[0]) : ReviewHold(id, v[0]);
      },
      release ? _("Release") : _("Keep hold"));
  dialog.ShowModal();
}

wxString CasesPanel::CameraName(store::CameraId id) const {
  const auto it = mCameraNames.find(id);
  return it == mCameraNames.end() ? wxString::Format(wxS("#%lld"), static_cast<long long>(id)) : it->second;
}

}  // namespace platedesk::views
