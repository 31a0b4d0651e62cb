// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CasesPanel.h"

#include "views/ExportWizard.h"
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

namespace platedesk::views {
namespace {

enum CaseColumn : int { kCaseNumber, kCaseTitle, kCaseLead, kCaseStatus };

wxString OutcomeText(const std::string& outcome) {
  if (outcome == "success") return _("done");
  if (outcome == "failure") return _("failed");
  if (outcome == "refused") return _("refused");
  return _("interrupted");
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
      mCameraNames[c.id] = ToWx(c.name.empty() ? c.externalId : c.name);
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
  actions->Add(mOpen, 0);
  actions->Add(mExport, 0, wxLEFT, FromDIP(6));
  s->Add(actions, 0, wxEXPAND | wxTOP, FromDIP(10));
  mStatus = new wxStaticText(pane, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("caseStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxTOP, FromDIP(8));

  mTabs = new wxNotebook(pane, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("caseTabs"));
  mReads = ReportList(mTabs, wxS("caseReads"),
                      {{_("Plate"), 100},
                       {_("State"), 50},
                       {_("Time"), 140},
                       {_("Camera"), 190},
                       {_("Held because"), 200},
                       {_("By"), 90},
                       {_("Since"), 140}});
  mSearches = ReportList(mTabs, wxS("caseSearches"),
                         {{_("Time"), 140},
                          {_("User"), 90},
                          {_("Query"), 300},
                          {_("Matches"), 70},
                          {_("Purpose"), 110},
                          {_("Outcome"), 80},
                          {_("Justification"), 260}});
  mExports = ReportList(mTabs, wxS("caseExports"),
                        {{_("Time"), 140},
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
                          {_("Received"), 140},
                          {_("Agency"), 190},
                          {_("Requester"), 150},
                          {_("Released"), 140},
                          {_("Reads"), 60},
                          {_("Package SHA-256"), 200}});
  mTabs->AddPage(mExports, _("Exports"));
  mTabs->AddPage(mReleases, _("Releases"));
  s->Add(mTabs, 1, wxEXPAND | wxTOP, FromDIP(10));
  pane->SetSizer(s);

  mOpen->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { LoadCase(); });
  mExport->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OpenExportWizard(); });
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
    AppendRow(mList, {wxString(), _("No cases are registered yet.")});
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
  ShowCases();
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
}

wxString CasesPanel::CameraName(store::CameraId id) const {
  const auto it = mCameraNames.find(id);
  return it == mCameraNames.end() ? wxString::Format(wxS("#%lld"), static_cast<long long>(id)) : it->second;
}

}  // namespace platedesk::views
