// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ApprovalsPanel.h"

#include "views/FormDialog.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <map>

namespace platedesk::views {
namespace {

wxString StateText(store::ApprovalState state) {
  switch (state) {
    case store::ApprovalState::Pending:
      return _("waiting");
    case store::ApprovalState::Approved:
      return _("approved");
    case store::ApprovalState::Denied:
      return _("denied");
    case store::ApprovalState::Expired:
      return _("expired");
  }
  return {};
}

// The state filter's entries, in the drop-down's order (nullopt: every state).
const std::vector<std::optional<store::ApprovalState>>& StateChoices() {
  static const std::vector<std::optional<store::ApprovalState>> kChoices = {
      store::ApprovalState::Pending, store::ApprovalState::Approved, store::ApprovalState::Denied,
      store::ApprovalState::Expired, std::nullopt};
  return kChoices;
}

wxString Lines(const std::vector<std::string>& lines) {
  wxString out;
  for (const auto& l : lines) out += (out.empty() ? wxString() : wxString(wxS("; "))) + ToWx(l);
  return out;
}

}  // namespace

wxString ApprovalQueryText(const store::SearchApproval& a) {
  // The plate first, then what differs from a plain search (the tolerance at its defaults is left
  // out here; the detail below lists every element).
  wxString out;
  if (auto plate = a.query.find("plate"); plate != a.query.end())
    out = wxS("plate=") + (plate->second.empty() ? _("none (vehicle-only)") : ToWx(plate->second));
  const std::map<std::string, std::string> defaults{
      {"plate", ""}, {"ocr_tolerant", "yes"}, {"alternative_reads", "yes"}, {"edits", "0"}};
  for (const auto& [k, v] : a.query) {
    auto d = defaults.find(k);
    if (v.empty() || (d != defaults.end() && (k == "plate" || d->second == v))) continue;
    out += (out.empty() ? wxString() : wxString(wxS("; "))) + ToWx(k) + wxS("=") + ToWx(v);
  }
  return out;
}

ApprovalsPanel::ApprovalsPanel(wxWindow* parent, std::shared_ptr<workstation::Session> session, AsyncJobs& jobs,
                               std::function<void(const store::SearchApproval&)> runApproved)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("approvalsPanel")),
      mSession(std::move(session)),
      mJobs(jobs),
      mRunApproved(std::move(runApproved)),
      mSupervisor(mSession->User().role == store::Role::Supervisor) {
  if (auto rules = mSession->ApprovalPolicy()) mDefaultHours = rules->approvalHours;
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Approvals"));
  title->SetFont(GetFont().Scaled(1.3f).Bold());
  s->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  const wxString intro =
      mSupervisor
          ? _("Searches that need a supervisor's approval: a purpose marked so, a broad pattern, a wide vehicle-only "
              "search, a large result. Approve one for a number of hours, for that exact query, or deny it with a "
              "reason. Nobody decides their own request.")
          : _("Your requests for a supervisor's approval. When one is approved, run it from here: it runs as the "
              "exact query approved, until its approval ends.");
  s->Add(Muted(this, intro, FromDIP(900)), 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));

  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(this, wxID_ANY, _("Show")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  mState = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                        wxS("approvalsState"));
  mState->Append(_("waiting for a decision"));
  mState->Append(_("approved"));
  mState->Append(_("denied"));
  mState->Append(_("expired"));
  mState->Append(_("every request"));
  mState->SetSelection(mSupervisor ? 0 : 4);
  mState->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Load(); });
  bar->Add(mState, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  auto* refresh = new wxButton(this, wxID_ANY, _("Refresh"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               wxS("approvalsRefresh"));
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Load(); });
  bar->Add(refresh, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  bar->AddStretchSpacer();
  mApprove = new wxButton(this, wxID_ANY, _("Approve..."), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                          wxS("approvalsApprove"));
  mDeny = new wxButton(this, wxID_ANY, _("Deny..."), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                       wxS("approvalsDeny"));
  mRun = new wxButton(this, wxID_ANY, _("Run approved search"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                      wxS("approvalsRun"));
  mApprove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnApprove(); });
  mDeny->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDeny(); });
  mRun->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { RunSelected(); });
  if (mSupervisor) {
    bar->Add(mApprove, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    bar->Add(mDeny, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  } else {
    mApprove->Hide();
    mDeny->Hide();
  }
  bar->Add(mRun, 0, wxALIGN_CENTER_VERTICAL);
  if (mSession->User().role == store::Role::Auditor) mRun->Hide();
  s->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("approvalsStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));

  mList = ReportList(this, wxS("approvalsList"),
                     {{_("No."), 50},
                      {_("State"), 80},
                      {_("Asked by"), 100},
                      {_("Asked"), 175},
                      {_("Case"), 90},
                      {_("Purpose"), 110},
                      {_("Search"), 260},
                      {_("Why it needs approval"), 380}});
  mList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) {
    mSelected = e.GetIndex();
    ShowDetail();
  });
  mList->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) {
    mSelected = -1;
    ShowDetail();
  });
  s->Add(mList, 2, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  mDetail = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(-1, 150)),
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP, wxDefaultValidator, wxS("approvalsDetail"));
  s->Add(mDetail, 2, wxEXPAND | wxALL, FromDIP(16));
  SetSizer(s);
  UpdateButtons();
}

void ApprovalsPanel::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetLabel(text);
  mStatus->SetForegroundColour(problem ? ErrorColour() : MutedColour());
  mStatus->Wrap(std::max(FromDIP(400), GetClientSize().GetWidth() - FromDIP(32)));
  Layout();
}

wxString ApprovalsPanel::StatusText() const { return mStatus->GetLabel(); }
wxString ApprovalsPanel::DetailText() const { return mDetail->GetValue(); }

void ApprovalsPanel::Activated() { Load(); }

bool ApprovalsPanel::Load() {
  if (mBusy) return false;
  mBusy = true;
  UpdateButtons();
  ShowStatus(_("Reading the requests") + wxS("\u2026"));
  store::ApprovalFilter filter;
  const int choice = mState->GetSelection();
  if (choice >= 0 && static_cast<std::size_t>(choice) < StateChoices().size())
    filter.state = StateChoices()[static_cast<std::size_t>(choice)];
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, filter](std::stop_token) -> Result<std::vector<store::SearchApproval>> {
        auto list = session->Approvals(filter);
        return list;
      },
      [this](const Result<std::vector<store::SearchApproval>>& list) {
        mBusy = false;
        if (!list) {
          ShowStatus(ErrorText(list.Err()), true);
          UpdateButtons();
          return;
        }
        mShown = *list;
        Show();
      });
  return true;
}

void ApprovalsPanel::Show() {
  mList->Freeze();
  mList->DeleteAllItems();
  for (const auto& a : mShown)
    AppendRow(mList, {wxString::Format(wxS("%lld"), static_cast<long long>(a.id)), StateText(a.state),
                      ToWx(a.requestedBy), FormatLocalMinute(a.requestedAt), ToWx(a.caseNumber), ToWx(a.purposeCode),
                      a.kind == "multi-scene" ? _("multi-scene: ") + ApprovalQueryText(a) : ApprovalQueryText(a),
                      Lines(a.reasons)});
  mList->Thaw();
  mSelected = -1;
  if (!mShown.empty()) Select(0);
  ShowDetail();
  const wxString count = mShown.empty()
                             ? _("No requests to show.")
                             : wxString::Format(wxPLURAL("%zu request", "%zu requests", mShown.size()), mShown.size());
  ShowStatus(mDecided.empty() ? count : mDecided + wxS(" ") + count);
  mDecided.clear();
}

void ApprovalsPanel::Select(long row) {
  if (row < 0 || row >= mList->GetItemCount()) return;
  mList->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  mSelected = row;
  ShowDetail();
}

const store::SearchApproval* ApprovalsPanel::Selected() const {
  if (mSelected < 0 || static_cast<std::size_t>(mSelected) >= mShown.size()) return nullptr;
  return &mShown[static_cast<std::size_t>(mSelected)];
}

void ApprovalsPanel::ShowDetail() {
  const store::SearchApproval* a = Selected();
  if (a == nullptr) {
    mDetail->SetValue(wxString());
    UpdateButtons();
    return;
  }
  wxString text;
  text << wxString::Format(_("Request %lld, %s"), static_cast<long long>(a->id), StateText(a->state)) << wxS("\n");
  text << _("Asked by") << wxS(": ") << ToWx(a->requestedBy) << wxS(", ") << FormatLocalMinute(a->requestedAt)
       << wxS("\n");
  text << _("Case") << wxS(": ") << ToWx(a->caseNumber) << wxS("   ") << _("Purpose") << wxS(": ")
       << ToWx(a->purposeCode) << wxS("\n");
  text << _("Justification") << wxS(": ") << ToWx(a->justification) << wxS("\n");
  text << (a->kind == "multi-scene" ? _("Multi-scene search") : _("Search")) << wxS(":\n");
  for (const auto& [k, v] : a->query)
    if (!v.empty() || k == "plate")
      text << wxS("    ") << ToWx(k) << wxS(" = ") << (v.empty() ? _("none (vehicle-only)") : ToWx(v)) << wxS("\n");
  text << _("Why it needs approval") << wxS(":\n");
  for (const auto& r : a->reasons) text << wxS("    ") << ToWx(r) << wxS("\n");
  if (!a->decidedBy.empty()) {
    text << (a->approved ? _("Approved by") : _("Denied by")) << wxS(" ") << ToWx(a->decidedBy) << wxS(", ")
         << FormatLocalMinute(a->decidedAt);
    if (a->approved) text << wxS(", ") << _("until") << wxS(" ") << FormatLocalMinute(a->validUntil);
    if (!a->decisionReason.empty()) text << wxS(": ") << ToWx(a->decisionReason);
    text << wxS("\n");
  }
  mDetail->SetValue(text);
  UpdateButtons();
}

void ApprovalsPanel::UpdateButtons() {
  const store::SearchApproval* a = Selected();
  const bool decidable =
      !mBusy && a != nullptr && a->state == store::ApprovalState::Pending && a->requestedBy != mSession->User().name;
  mApprove->Enable(mSupervisor && decidable);
  mDeny->Enable(mSupervisor && decidable);
  mRun->Enable(!mBusy && a != nullptr && a->state == store::ApprovalState::Approved && a->kind == "search" &&
               a->requestedBy == mSession->User().name && static_cast<bool>(mRunApproved));
  if (a != nullptr && mSupervisor && a->state == store::ApprovalState::Pending &&
      a->requestedBy == mSession->User().name)
    mApprove->SetToolTip(_("Another supervisor decides your own request."));
  else
    mApprove->UnsetToolTip();
}

bool ApprovalsPanel::DecideSelected(bool approve, int hours, const std::string& reason) {
  const store::SearchApproval* a = Selected();
  if (a == nullptr || mBusy) {
    ShowStatus(_("Select a request first."), true);
    return false;
  }
  mBusy = true;
  UpdateButtons();
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, id = a->id, approve, hours, reason](std::stop_token) {
        return session->DecideApproval(id, approve, reason, hours);
      },
      [this](Result<store::SearchApproval> decided) {
        mBusy = false;
        if (!decided) {
          ShowStatus(ErrorText(decided.Err()), true);
          UpdateButtons();
          return;
        }
        const wxString text =
            decided->approved
                ? wxString::Format(_("Request %lld approved until %s."), static_cast<long long>(decided->id),
                                   FormatLocalMinute(decided->validUntil))
                : wxString::Format(_("Request %lld denied."), static_cast<long long>(decided->id));
        mDecided = text;
        Load();
      });
  return true;
}

bool ApprovalsPanel::RunSelected() {
  const store::SearchApproval* a = Selected();
  if (a == nullptr || a->state != store::ApprovalState::Approved || a->kind != "search" || !mRunApproved) {
    ShowStatus(_("Select an approved search of your own first."), true);
    return false;
  }
  mRunApproved(*a);
  return true;
}

void ApprovalsPanel::OnApprove() {
  const store::SearchApproval* a = Selected();
  if (a == nullptr) return;
  FormDialog dialog(
      this, _("Approve the search"),
      wxString::Format(_("Request %lld by %s, case %s. The approval is for this exact query, for the hours given. "
                         "Your decision is recorded in the audit log."),
                       static_cast<long long>(a->id), ToWx(a->requestedBy), ToWx(a->caseNumber)),
      {{wxS("approveHours"),
        _("Hours (1-168)"),
        wxString(),
        true,
        false,
        {},
        false,
        wxString::Format(wxS("%d"), mDefaultHours)},
       {wxS("approveNote"), _("Note"), _("optional: what you checked"), false, true}},
      [](const std::vector<std::string>& v) -> Status {
        int hours = 0;
        for (char c : v[0]) {
          if (c < '0' || c > '9' || hours > 1000) return Fail(ErrorCode::InvalidArgument, "hours are a whole number");
          hours = hours * 10 + (c - '0');
        }
        if (hours < 1 || hours > 168) return Fail(ErrorCode::InvalidArgument, "an approval lasts 1 to 168 hours");
        return {};
      },
      _("Approve"));
  if (dialog.ShowModal() != wxID_OK) return;
  DecideSelected(true, std::stoi(dialog.Values()[0]), dialog.Values()[1]);
}

void ApprovalsPanel::OnDeny() {
  const store::SearchApproval* a = Selected();
  if (a == nullptr) return;
  FormDialog dialog(
      this, _("Deny the search"),
      wxString::Format(_("Request %lld by %s. Say why, so the requester can narrow the search or ask "
                         "again."),
                       static_cast<long long>(a->id), ToWx(a->requestedBy)),
      {{wxS("denyReason"), _("Reason"), _("why the search is not approved"), true, true}},
      [](const std::vector<std::string>&) { return Status{}; }, _("Deny"));
  if (dialog.ShowModal() != wxID_OK) return;
  DecideSelected(false, 0, dialog.Values()[0]);
}

}  // namespace platedesk::views
