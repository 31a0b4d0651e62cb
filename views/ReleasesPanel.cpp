// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ReleasesPanel.h"

#include "views/ExportWizard.h"
#include "views/FormDialog.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iterator>

namespace platedesk::views {
namespace {

using store::DisseminationState;

constexpr DisseminationState kStates[] = {DisseminationState::Received, DisseminationState::SecondApproval,
                                          DisseminationState::Approved, DisseminationState::Denied,
                                          DisseminationState::Referred, DisseminationState::ReceiptPending,
                                          DisseminationState::Released};

wxString StateText(DisseminationState s) {
  switch (s) {
    case DisseminationState::Received:
      return _("waiting for review");
    case DisseminationState::SecondApproval:
      return _("needs a second approval");
    case DisseminationState::Approved:
      return _("approved");
    case DisseminationState::Denied:
      return _("denied");
    case DisseminationState::Referred:
      return _("referred to records/legal");
    case DisseminationState::ReceiptPending:
      return _("released, receipt pending");
    case DisseminationState::Released:
      return _("released, receipted");
  }
  return wxString();
}

wxString KindText(store::AgencyKind kind) { return ToWx(std::string(store::AgencyKindName(kind))); }

const wxString kKinds[] = {wxS("local"),
                           wxS("state"),
                           wxS("federal"),
                           wxS("tribal"),
                           wxS("out-of-state"),
                           wxS("prosecutor"),
                           wxS("non-law-enforcement")};

// The index a FormDialog drop-down gave, if it names one of `count` choices.
std::optional<std::size_t> Chosen(const std::string& value, std::size_t count) {
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
  if (ec != std::errc() || end != value.data() + value.size() || index >= count) return std::nullopt;
  return index;
}

// A chosen file as a document on file ("": none).
Result<store::Document> LoadDocument(const std::string& path) {
  if (path.empty()) return store::Document{};
  return store::LoadDocumentFile(std::filesystem::u8path(path));
}

}  // namespace

ReleasesPanel::ReleasesPanel(wxWindow* parent, std::shared_ptr<workstation::Connection> workstation,
                             std::shared_ptr<workstation::Session> session, AsyncJobs& jobs)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("releasesPanel")),
      mWorkstation(std::move(workstation)),
      mSession(std::move(session)),
      mJobs(jobs) {
  const store::Role role = mSession->User().role;
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Releases"));
  title->SetFont(GetFont().Scaled(1.3f).Bold());
  s->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  s->Add(Muted(this,
               _("Every release of LPR data outside the agency: a written request from a law-enforcement or "
                 "prosecuting agency, a supervisor's approval, the release as an evidence package, and the "
                 "recipient's signed receipt. Every step is recorded in the audit log."),
               FromDIP(900)),
         0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));

  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(this, wxID_ANY, _("Show")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  mState = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                        wxS("releasesState"));
  mState->Append(_("all requests"));
  for (auto st : kStates) mState->Append(StateText(st));
  mState->SetSelection(0);
  mState->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Refresh(); });
  bar->Add(mState, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  auto button = [&](const wxString& label, const wxString& name) {
    auto* b = new wxButton(this, wxID_ANY, label, wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, name);
    bar->Add(b, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    return b;
  };
  button(_("Refresh"), wxS("releasesRefresh"))->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Refresh(); });
  mNew = button(_("New request..."), wxS("releasesNew"));
  mNew->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (auto* dialog = MakeRequestDialog()) {
      dialog->ShowModal();
      dialog->Destroy();
    }
  });
  mNew->Show(role != store::Role::Auditor);
  mApprove = button(_("Approve..."), wxS("releasesApprove"));
  mApprove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnReview(true); });
  mDeny = button(_("Deny..."), wxS("releasesDeny"));
  mDeny->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnReview(false); });
  mApprove->Show(role == store::Role::Supervisor);
  mDeny->Show(role == store::Role::Supervisor);
  mRelease = button(_("Release..."), wxS("releasesRelease"));
  mRelease->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnRelease(); });
  mReceipt = button(_("Receipt..."), wxS("releasesReceipt"));
  mReceipt->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnReceipt(); });
  mRelease->Show(role != store::Role::Auditor);
  mReceipt->Show(role != store::Role::Auditor);
  mAgenciesButton = button(_("Agencies..."), wxS("releasesAgencies"));
  mAgenciesButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAgencies(); });
  mAgenciesButton->Show(role == store::Role::Administrator);
  s->Add(bar, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  // What the last action did, or why it was refused, right under the buttons that did it.
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("releasesStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
  mStatus->Hide();  // shown with something to say

  // Two tabs: the requests with the selected one in full, and the correction notices to send.
  mTabs = new wxNotebook(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("releasesTabs"));
  auto* requests = new wxPanel(mTabs);
  auto* rs = new wxBoxSizer(wxVERTICAL);
  mList = ReportList(requests, wxS("releasesList"),
                     {{_("Request"), 70},
                      {_("State"), 180},
                      {_("Received"), 175},
                      {_("Agency"), 170},
                      {_("Kind"), 90},
                      {_("Requester"), 130},
                      {_("Case"), 90},
                      {_("Purpose"), 110},
                      {_("Reads released"), 100}});
  mList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) {
    ShowDetails();
    UpdateButtons();
  });
  rs->Add(mList, 1, wxEXPAND);
  // Created at a size of its own: at the default one, GTK lays its scroll bars out in less room
  // than they need (and logs criticals) before the sizer gives it its place.
  mDetails = new wxTextCtrl(requests, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(400, 150)),
                            wxTE_MULTILINE | wxTE_READONLY | wxTE_RICH2, wxDefaultValidator, wxS("releasesDetails"));
  mDetails->SetMinSize(wxSize(-1, FromDIP(150)));
  rs->Add(mDetails, 1, wxEXPAND | wxTOP, FromDIP(8));
  requests->SetSizer(rs);
  mTabs->AddPage(requests, _("Requests"));

  auto* notices = new wxPanel(mTabs);
  auto* ns = new wxBoxSizer(wxVERTICAL);
  auto* noticeBar = new wxBoxSizer(wxHORIZONTAL);
  noticeBar->Add(
      Muted(notices, _("A read that was released was later corrected: tell each recipient, then record how."), -1), 1,
      wxALIGN_CENTER_VERTICAL);
  mNoticeSent = new wxButton(notices, wxID_ANY, _("Mark sent..."), wxDefaultPosition, wxDefaultSize, 0,
                             wxDefaultValidator, wxS("releasesNoticeSent"));
  mNoticeSent->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnNoticeSent(); });
  mNoticeSent->Show(role != store::Role::Auditor);
  noticeBar->Add(mNoticeSent, 0, wxALIGN_CENTER_VERTICAL);
  ns->Add(noticeBar, 0, wxEXPAND | wxALL, FromDIP(8));
  mNoticeList = ReportList(notices, wxS("releasesNotices"),
                           {{_("Notice"), 60},
                            {_("Request"), 70},
                            {_("Agency"), 170},
                            {_("Read"), 70},
                            {_("What changed"), 450},
                            {_("Created"), 175}});
  mNoticeList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { UpdateButtons(); });
  ns->Add(mNoticeList, 1, wxEXPAND);
  notices->SetSizer(ns);
  mTabs->AddPage(notices, _("Correction notices"));
  s->Add(mTabs, 1, wxEXPAND | wxALL, FromDIP(16));
  SetSizer(s);
  UpdateButtons();
}

void ReleasesPanel::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetLabel(text);
  mStatus->Show(!text.empty());
  mStatus->SetForegroundColour(problem ? ErrorColour() : MutedColour());
  mStatus->Wrap(std::max(FromDIP(400), GetClientSize().GetWidth() - FromDIP(32)));
  Layout();
}

wxString ReleasesPanel::StatusText() const { return mStatus->GetLabel(); }

void ReleasesPanel::Refresh() {
  store::DisseminationFilter filter;
  if (mState->GetSelection() > 0) filter.state = kStates[mState->GetSelection() - 1];
  const auto selected = Selected();
  ShowStatus(wxString());
  auto records = mSession->Disseminations(filter);
  if (!records) {
    LogError(records.Err(), Activity::General);
    ShowStatus(ErrorText(records.Err()), true);
    return;
  }
  mRecords = std::move(*records);
  auto notices = mSession->DisseminationNotices(true);
  if (notices) mNotices = std::move(*notices);
  ShowRecords();
  if (selected) Select(*selected);
  ShowDetails();
  UpdateButtons();
}

void ReleasesPanel::ShowRecords() {
  mList->DeleteAllItems();
  for (const auto& r : mRecords) {
    AppendRow(mList,
              {wxString::Format(wxS("%lld"), static_cast<long long>(r.request.id)), StateText(r.state),
               FormatLocalMinute(r.request.receivedAt), ToWx(r.request.agencyName), KindText(r.request.agencyKind),
               ToWx(r.request.requesterName), ToWx(r.request.caseNumber), ToWx(r.request.purposeCode),
               r.release ? FormatCount(static_cast<std::int64_t>(r.release->reads.size())) : wxString()});
    if (r.state == DisseminationState::Denied || r.state == DisseminationState::Referred)
      mList->SetItemTextColour(mList->GetItemCount() - 1, MutedColour());
  }
  mNoticeList->DeleteAllItems();
  for (const auto& n : mNotices)
    AppendRow(mNoticeList, {wxString::Format(wxS("%lld"), static_cast<long long>(n.id)),
                            wxString::Format(wxS("%lld"), static_cast<long long>(n.request)), ToWx(n.agencyName),
                            wxString::Format(wxS("%lld"), static_cast<long long>(n.read)), ToWx(n.change),
                            FormatLocalMinute(n.createdAt)});
  // The oldest notice still to send is selected, so "Mark sent..." works on it at once.
  if (!mNotices.empty()) mNoticeList->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  mTabs->SetPageText(1, mNotices.empty() ? wxString(_("Correction notices"))
                                         : wxString::Format(_("Correction notices to send (%zu)"), mNotices.size()));
  if (mRecords.empty()) ShowStatus(_("No requests to show. A written request is entered with \"New request...\"."));
}

bool ReleasesPanel::Select(std::int64_t request) {
  for (std::size_t i = 0; i < mRecords.size(); ++i) {
    if (mRecords[i].request.id == request) {
      mList->SetItemState(static_cast<long>(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                          wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
      mList->EnsureVisible(static_cast<long>(i));
      ShowDetails();
      UpdateButtons();
      return true;
    }
  }
  return false;
}

std::optional<std::int64_t> ReleasesPanel::Selected() const {
  const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= mRecords.size()) return std::nullopt;
  return mRecords[static_cast<std::size_t>(row)].request.id;
}

void ReleasesPanel::ShowDetails() {
  const auto id = Selected();
  auto it = std::find_if(mRecords.begin(), mRecords.end(),
                         [&](const store::DisseminationRecord& r) { return id && r.request.id == *id; });
  if (it == mRecords.end()) {
    mDetails->SetValue(_("Select a request to see it in full."));
    return;
  }
  const auto& q = it->request;
  wxString t;
  t << wxString::Format(_("Request %lld: %s"), static_cast<long long>(q.id), StateText(it->state)) << wxS("\n");
  t << _("Agency: ") << ToWx(q.agencyName) << wxS(" (") << KindText(q.agencyKind) << wxS(", ") << ToWx(q.agencyState)
    << wxS(")\n");
  t << _("Requester: ") << ToWx(q.requesterName)
    << (q.requesterTitle.empty() ? wxString() : wxS(", ") + ToWx(q.requesterTitle)) << wxS(" \u2014 ")
    << ToWx(q.requesterContact) << wxS("\n");
  t << _("Our case: ") << ToWx(q.caseNumber)
    << (q.theirCase.empty() ? wxString() : wxS("; ") + _("their case: ") + ToWx(q.theirCase)) << wxS("; ")
    << _("purpose: ") << ToWx(q.purposeCode) << wxS("\n");
  t << _("Authority: ") << ToWx(q.authority) << wxS("\n") << _("Asks for: ") << ToWx(q.asks) << wxS("\n");
  t << _("Received ") << FormatLocalMinute(q.receivedAt) << _(" by ") << ToWx(q.receivedBy) << _("; entered by ")
    << ToWx(q.enteredBy) << wxS("\n");
  t << _("Written request on file: ") << ToWx(q.documentName) << wxS(" (SHA-256 ") << ToWx(q.documentSha256)
    << wxS(")\n");
  for (const auto& rule : q.rulesApplied) t << _("Rule: ") << ToWx(rule) << wxS("\n");
  for (const auto& v : it->reviews)
    t << (v.approved ? _("Approved by ") : _("Denied by ")) << ToWx(v.reviewer) << wxS(", ") << FormatLocalMinute(v.at)
      << wxS(": ") << ToWx(v.reason) << wxS("\n");
  if (it->release) {
    const auto& r = *it->release;
    t << _("Released ") << FormatLocalMinute(r.releasedAt) << _(" by ") << ToWx(r.releasedBy) << _(", taken by ")
      << ToWx(r.receivedBy) << wxS(" (") << ToWx(std::string(store::ReleaseMethodName(r.method)))
      << (r.mediaLabel.empty() ? wxString() : wxS(", ") + ToWx(r.mediaLabel)) << wxS("); ")
      << wxString::Format(_("%zu reads"), r.reads.size()) << wxS("\n");
    t << _("Package ") << ToWx(r.packageId) << wxS(", SHA-256 ") << ToWx(r.packageSha256) << wxS("\n");
  }
  if (it->receipt)
    t << _("Receipt signed by ") << ToWx(it->receipt->signedBy) << wxS(", ") << FormatLocalMinute(it->receipt->signedAt)
      << wxS("\n");
  for (const auto& n : it->notices)
    t << _("Correction notice: ") << ToWx(n.change)
      << (n.sentAt ? wxS(" \u2014 ") + _("sent ") + FormatLocalMinute(*n.sentAt) + _(" by ") + ToWx(n.sentBy)
                   : wxS(" \u2014 ") + _("not sent yet"))
      << wxS("\n");
  mDetails->SetValue(t);
}

void ReleasesPanel::UpdateButtons() {
  const auto id = Selected();
  auto it = std::find_if(mRecords.begin(), mRecords.end(),
                         [&](const store::DisseminationRecord& r) { return id && r.request.id == *id; });
  const bool any = it != mRecords.end();
  const bool reviewable =
      any && (it->state == DisseminationState::Received || it->state == DisseminationState::SecondApproval);
  mApprove->Enable(reviewable && !mLoading);
  mDeny->Enable(reviewable && !mLoading);
  mRelease->Enable(any && it->state == DisseminationState::Approved && !mLoading);
  mReceipt->Enable(any && it->state == DisseminationState::ReceiptPending && !mLoading);
  mNoticeSent->Enable(mNoticeList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) >= 0);
}

Status ReleasesPanel::Report(const Status& st, const wxString& done) {
  if (!st.Ok()) {
    const Error& e = st.Err();
    // A rule's refusal or a missing field: the core's own words say which rule and what to do.
    const bool rule = e.code == ErrorCode::PermissionDenied || e.code == ErrorCode::InvalidArgument ||
                      e.code == ErrorCode::AlreadyExists || e.code == ErrorCode::NotFound;
    if (!rule) LogError(e, Activity::General);
    wxString text = rule ? ToWx(e.message) + (e.context.empty() ? wxString() : wxS(" (") + ToWx(e.context) + wxS(")"))
                         : ErrorText(e);
    if (!text.empty()) text[0] = wxToupper(text[0]);
    ShowStatus(text, true);
    return st;
  }
  Refresh();
  ShowStatus(done);
  return st;
}

Status ReleasesPanel::SubmitRequest(const store::DisseminationRequest& request, const std::string& documentPath) {
  auto doc = LoadDocument(documentPath);
  if (!doc) return Report(doc.Err(), {});
  auto out = mSession->RequestDissemination(request, *doc);
  if (!out) return Report(out.Err(), {});
  Status st = Report({}, out->state == DisseminationState::Referred
                             ? wxString::Format(_("Request %lld recorded and referred to records/legal: %s is not a "
                                                  "law-enforcement or prosecuting agency."),
                                                static_cast<long long>(out->request.id), ToWx(out->request.agencyName))
                             : wxString::Format(_("Request %lld recorded; a supervisor reviews it next."),
                                                static_cast<long long>(out->request.id)));
  Select(out->request.id);
  return st;
}

Status ReleasesPanel::Review(std::int64_t request, bool approve, const std::string& reason) {
  auto out = mSession->ReviewDissemination(request, approve, reason);
  if (!out) return Report(out.Err(), {});
  Status st =
      Report({}, wxString::Format(_("Request %lld: %s."), static_cast<long long>(request), StateText(out->state)));
  Select(request);
  return st;
}

Status ReleasesPanel::RecordReceipt(std::int64_t request, const std::string& signedBy, const std::string& scanPath) {
  auto doc = LoadDocument(scanPath);
  if (!doc) return Report(doc.Err(), {});
  auto out = mSession->RecordReceipt(request, signedBy, 0, *doc);
  if (!out) return Report(out.Err(), {});
  Status st = Report({}, wxString::Format(_("Receipt for request %lld recorded."), static_cast<long long>(request)));
  Select(request);
  return st;
}

Status ReleasesPanel::MarkNoticeSent(std::int64_t notice, const std::string& method) {
  auto out = mSession->MarkNoticeSent(notice, method);
  if (!out) return Report(out.Err(), {});
  return Report({}, wxString::Format(_("Notice %lld recorded as sent (%s)."), static_cast<long long>(notice),
                                     ToWx(out->sentMethod)));
}

Status ReleasesPanel::SaveAgency(const store::Agency& agency, const std::string& mouPath) {
  auto doc = LoadDocument(mouPath);
  if (!doc) return Report(doc.Err(), {});
  auto out = mSession->SaveAgency(agency, *doc);
  if (!out) return Report(out.Err(), {});
  return Report({}, wxString::Format(_("%s is in the agency registry."), ToWx(out->name)));
}

FormDialog* ReleasesPanel::MakeRequestDialog() {
  // The registry is read when a request is entered, not at every refresh of the page.
  auto registry = mSession->Agencies();
  if (!registry) {
    ShowStatus(ErrorText(registry.Err()), true);
    return nullptr;
  }
  const std::vector<store::Agency> registered = std::move(*registry);
  std::vector<wxString> agencies;
  for (const auto& a : registered) agencies.push_back(ToWx(a.name) + wxS(" (") + KindText(a.kind) + wxS(")"));
  if (agencies.empty()) {
    ShowStatus(_("No recipient agencies are registered: an administrator adds them with \"Agencies...\"."), true);
    return nullptr;
  }
  std::vector<wxString> purposes;
  std::vector<std::string> purposeCodes;
  if (auto list = mSession->Purposes())
    for (const auto& p : *list)
      if (!p.prohibited && !p.disabled) {
        purposes.push_back(ToWx(p.code) + wxS(" \u2014 ") + ToWx(p.label));
        purposeCodes.push_back(p.code);
      }
  std::vector<FormField> fields{
      {wxS("requestAgency"), _("Agency"), {}, true, false, agencies},
      {wxS("requestRequester"), _("Requester"), _("the person who asked, e.g. Det. Ana Ruiz")},
      {wxS("requestTitle"), _("Title"), _("their title"), false},
      {wxS("requestContact"), _("Contact"), _("phone and e-mail")},
      {wxS("requestTheirCase"), _("Their case"), _("the requesting agency's case number"), false},
      {wxS("requestCase"), _("Our case"), _("our case number: the released reads are held for it")},
      {wxS("requestPurpose"), _("Purpose"), {}, true, false, purposes},
      {wxS("requestJustification"), _("Justification"), _("why the release is needed"), true, true},
      {wxS("requestAuthority"), _("Legal authority"), _("the statute, subpoena or agreement they cite")},
      {wxS("requestAsks"), _("Asks for"), _("plates, time window, reads, a case's package"), true, true},
      {wxS("requestDocument"),
       _("Written request"),
       _("the request as received (PDF or image)"),
       true,
       false,
       {},
       true},
  };
  auto* dialog = new FormDialog(
      this, _("New dissemination request"),
      _("Enter the written request as received. Requests from outside law enforcement are recorded and referred to "
        "records/legal. A supervisor reviews it before anything is released."),
      std::move(fields),
      [this, agencyIds = registered, purposeCodes](const std::vector<std::string>& v) -> Status {
        store::DisseminationRequest r;
        const auto agency = Chosen(v[0], agencyIds.size());
        const auto purpose = Chosen(v[6], purposeCodes.size());
        if (!agency || !purpose) return Fail(ErrorCode::InvalidArgument, "choose the agency and the purpose");
        r.agency = agencyIds[*agency].id;
        r.requesterName = v[1];
        r.requesterTitle = v[2];
        r.requesterContact = v[3];
        r.theirCase = v[4];
        r.caseNumber = v[5];
        r.purposeCode = purposeCodes[*purpose];
        r.justification = v[7];
        r.authority = v[8];
        r.asks = v[9];
        return SubmitRequest(r, v[10]);
      },
      _("Record request"));
  return dialog;
}

void ReleasesPanel::OnReview(bool approve) {
  const auto id = Selected();
  if (!id) return;
  FormDialog dialog(
      this, approve ? _("Approve release") : _("Deny release"),
      approve ? _("Approving lets the request be released as an evidence package. Your decision and "
                  "reason are recorded.")
              : _("The request and your reason are kept; nothing is released."),
      {{wxS("reviewReason"), _("Reason"), _("why, in words a later reviewer understands"), true, true}},
      [this, id, approve](const std::vector<std::string>& v) { return Review(*id, approve, v[0]); },
      approve ? _("Approve") : _("Deny"));
  dialog.ShowModal();
}

bool ReleasesPanel::OpenRelease(std::int64_t request, store::ReleaseMethod method,
                                std::function<void(ExportWizard*)> opened) {
  auto it = std::find_if(mRecords.begin(), mRecords.end(),
                         [&](const store::DisseminationRecord& r) { return r.request.id == request; });
  if (it == mRecords.end() || it->state != DisseminationState::Approved) {
    ShowStatus(_("Only an approved request can be released."), true);
    return false;
  }
  if (mLoading) return false;
  mLoading = true;
  UpdateButtons();
  ShowStatus(_("Reading the case's held reads") + wxS("\u2026"));
  const auto& q = it->request;
  const workstation::AccessContext context{q.caseNumber, q.purposeCode, q.justification};
  const wxString recipient = ToWx(q.agencyName) + wxS(", ") + ToWx(q.requesterName);
  using Loaded = std::pair<Result<workstation::CaseSummary>, std::map<store::CameraId, wxString>>;
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, context](std::stop_token) {
        Loaded out{session->GetCaseSummary(context), {}};
        if (auto cameras = session->Cameras())
          for (const auto& c : *cameras) out.second[c.id] = ToWx(c.name);
        return out;
      },
      [this, context, request, method, recipient, opened](Loaded loaded) {
        mLoading = false;
        UpdateButtons();
        if (!loaded.first) {
          ShowStatus(ErrorText(loaded.first.Err(), Activity::DataAccess), true);
          return;
        }
        if (loaded.first->holds.empty()) {
          ShowStatus(_("No reads are held for the case: add the reads to release with \"Add to case\" on the "
                       "Search page."),
                     true);
          return;
        }
        auto* wizard = new ExportWizard(this, mWorkstation, mSession, mJobs, context, *loaded.first, loaded.second);
        wizard->SetRelease(request, method, recipient);
        wizard->SetOnExported([weak = wxWeakRef<ReleasesPanel>(this)] {
          if (weak) weak->Refresh();
        });
        ShowStatus(wxString());
        if (opened) {
          opened(wizard);
        } else {
          wizard->Show();
        }
      });
  return true;
}

void ReleasesPanel::OnRelease() {
  const auto id = Selected();
  if (!id) return;
  FormDialog dialog(
      this, _("Release"),
      _("How the release travels. The next window makes the evidence package of the case's held reads "
        "and records the release."),
      {{wxS("releaseMethod"),
        _("Method"),
        {},
        true,
        false,
        {_("portable media"), _("secure transfer"), _("in person")}}},
      [](const std::vector<std::string>&) { return Status{}; }, _("Continue"));
  if (dialog.ShowModal() != wxID_OK) return;
  constexpr store::ReleaseMethod kMethods[] = {store::ReleaseMethod::Media, store::ReleaseMethod::Transfer,
                                               store::ReleaseMethod::InPerson};
  if (const auto method = Chosen(dialog.Values()[0], std::size(kMethods))) OpenRelease(*id, kMethods[*method]);
}

void ReleasesPanel::OnReceipt() {
  const auto id = Selected();
  if (!id) return;
  FormDialog dialog(
      this, _("Record receipt"), _("The recipient's signed receipt for the release."),
      {{wxS("receiptSignedBy"), _("Signed by"), _("who signed for the recipient")},
       {wxS("receiptScan"), _("Scanned receipt"), _("PDF or image"), false, false, {}, true}},
      [this, id](const std::vector<std::string>& v) { return RecordReceipt(*id, v[0], v[1]); }, _("Record"));
  dialog.ShowModal();
}

void ReleasesPanel::OnNoticeSent() {
  const long row = mNoticeList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || static_cast<std::size_t>(row) >= mNotices.size()) return;
  const auto notice = mNotices[static_cast<std::size_t>(row)];
  FormDialog dialog(
      this, _("Notice sent"), wxString::Format(_("How the correction reached %s."), ToWx(notice.agencyName)),
      {{wxS("noticeMethod"), _("Sent by"), _("e.g. e-mail to Det. Ruiz, letter")}},
      [this, id = notice.id](const std::vector<std::string>& v) { return MarkNoticeSent(id, v[0]); }, _("Record"));
  dialog.ShowModal();
}

void ReleasesPanel::OnAgencies() {
  std::vector<wxString> kinds(std::begin(kKinds), std::end(kKinds));
  FormDialog dialog(
      this, _("Add a recipient agency"),
      _("Agencies LPR data may be released to. The agency's rules (setting dissemination_rules) decide which need "
        "an agreement on file or a second approval."),
      {{wxS("agencyName"), _("Name"), _("e.g. King County Sheriff's Office")},
       {wxS("agencyKind"), _("Kind"), {}, true, false, kinds},
       {wxS("agencyState"), _("State"), _("two letters, e.g. WA")},
       {wxS("agencyOri"), _("ORI"), _("NCIC originating agency identifier"), false},
       {wxS("agencyMou"), _("Agreement (MOU)"), _("PDF or image"), false, false, {}, true},
       {wxS("agencyMouExpires"), _("Agreement ends"), _("YYYY-MM-DD"), false}},
      [this](const std::vector<std::string>& v) -> Status {
        store::Agency a;
        a.name = v[0];
        const auto kind = Chosen(v[1], std::size(kKinds));
        if (!kind) return Fail(ErrorCode::InvalidArgument, "choose the agency's kind");
        a.kind = *store::ParseAgencyKind(FromWx(kKinds[*kind]));
        a.state = v[2];
        a.ori = v[3];
        if (!v[5].empty()) {
          auto t = ParseIso8601(v[5]);
          if (!t) return Fail(ErrorCode::InvalidArgument, "the agreement's end is a date, YYYY-MM-DD", v[5]);
          a.mouExpires = *t;
        }
        return SaveAgency(a, v[4]);
      },
      _("Add"));
  dialog.ShowModal();
}

}  // namespace platedesk::views
