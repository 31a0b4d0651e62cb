// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ReviewPanel.h"

#include "views/FormDialog.h"
#include "views/support/ChartView.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include "platedesk/oversight/Trail.h"

#include <nlohmann/json.hpp>
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/dirdlg.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <set>

namespace platedesk::views {
namespace {

// What Load reads for a period: its flags and its activity (the charts).
struct PeriodLoad {
  std::vector<oversight::Flag> flags;
  oversight::Activity activity;
};

}  // namespace

ReviewPanel::ReviewPanel(wxWindow* parent, std::shared_ptr<workstation::Session> session, const Clock& clock,
                         AsyncJobs& jobs)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("reviewPanel")),
      mSession(std::move(session)),
      mClock(clock),
      mJobs(jobs) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Review"));
  title->SetFont(GetFont().Scaled(1.3f).Bold());
  s->Add(title, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  s->Add(Muted(this,
               _("The weekly audit review: what the audit log flags for a period, each with its reason. Sign off "
                 "the period with a note when you have looked at them; the report carries a checkpoint of the log."),
               FromDIP(900)),
         0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));

  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  const UtcMs today = mClock.Now() / kMsPerDay * kMsPerDay;
  bar->Add(new wxStaticText(this, wxID_ANY, _("From")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  mFromField = HintedField(this, wxS("reviewFrom"), _("YYYY-MM-DD"));
  mFromField->SetValue(ToWx(FormatIso8601(today - 6 * kMsPerDay).substr(0, 10)));
  bar->Add(mFromField, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  bar->Add(new wxStaticText(this, wxID_ANY, _("to (before)")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  mToField = HintedField(this, wxS("reviewTo"), _("YYYY-MM-DD"));
  mToField->SetValue(ToWx(FormatIso8601(today + kMsPerDay).substr(0, 10)));
  bar->Add(mToField, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  mKind = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                       wxS("reviewKind"));
  mKind->Append(_("every flag"));
  for (auto k : oversight::AllFlagKinds()) mKind->Append(ToWx(std::string(oversight::FlagKindName(k))));
  mKind->SetSelection(0);
  mKind->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ShowFlags(); });
  bar->Add(mKind, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(10));
  auto* refresh = new wxButton(this, wxID_ANY, _("Show flags"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                               wxS("reviewRefresh"));
  refresh->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Load(); });
  bar->Add(refresh, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  auto* mark = new wxButton(this, wxID_ANY, _("Mark reviewed..."), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("reviewMark"));
  mark->SetToolTip(_("Note what you found about the selected flag or record; the note is recorded in the audit log."));
  mark->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const std::uint64_t seq = SelectedSeq();
    if (seq == 0) {
      ShowStatus(_("Select a flag or a record first."), true);
      return;
    }
    FormDialog dialog(
        this, _("Mark the record reviewed"),
        wxString::Format(_("Record %llu. Your note is recorded in the audit log."),
                         static_cast<unsigned long long>(seq)),
        {{wxS("markNote"), _("Note"), _("what you found, e.g. a call-out confirmed with the sergeant"), true, true}},
        [](const std::vector<std::string>&) { return Status{}; }, _("Mark reviewed"));
    if (dialog.ShowModal() != wxID_OK) return;
    auto noted = MarkReviewed(seq, dialog.Values()[0]);
    if (!noted) ShowStatus(ErrorText(noted.Err()), true);
  });
  bar->Add(mark, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  auto* signOff = new wxButton(this, wxID_ANY, _("Sign off..."), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("reviewSignOff"));
  signOff->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnSignOff(); });
  bar->Add(signOff, 0, wxALIGN_CENTER_VERTICAL);
  s->Add(bar, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("reviewStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));

  mTabs = new wxNotebook(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, wxS("reviewTabs"));
  mTabs->AddPage(BuildFlagsTab(mTabs), _("Flags"), true);
  mTabs->AddPage(BuildTrailTab(mTabs), _("Audit trail"), false);
  mTabs->AddPage(BuildChartsTab(mTabs), _("Charts"), false);
  s->Add(mTabs, 1, wxEXPAND | wxALL, FromDIP(16));
  SetSizer(s);
}

wxWindow* ReviewPanel::BuildFlagsTab(wxWindow* parent) {
  auto* page = new wxPanel(parent, wxID_ANY);
  auto* s = new wxBoxSizer(wxVERTICAL);
  mList = ReportList(page, wxS("reviewFlags"),
                     {{_("Record"), 70},
                      {_("Time"), 175},
                      {_("User"), 110},
                      {_("Case"), 90},
                      {_("Flag"), 160},
                      {_("Why"), 480},
                      {_("Reviewed"), 260}});
  s->Add(mList, 3, wxEXPAND | wxALL, FromDIP(8));
  auto* signedTitle = new wxStaticText(page, wxID_ANY, _("Signed off"));
  signedTitle->SetFont(GetFont().Bold());
  s->Add(signedTitle, 0, wxLEFT | wxRIGHT, FromDIP(8));
  mSignOffs = ReportList(page, wxS("reviewSignOffs"),
                         {{_("Period"), 220}, {_("By"), 110}, {_("Signed"), 175}, {_("Flags"), 60}, {_("Note"), 480}});
  s->Add(mSignOffs, 1, wxEXPAND | wxALL, FromDIP(8));
  page->SetSizer(s);
  return page;
}

namespace {

// The event kinds of the trail's filter: a label and the audit filter (a family ends in ".*").
const std::vector<std::pair<wxString, std::string>>& EventKinds() {
  static const std::vector<std::pair<wxString, std::string>> kKinds = {
      {_("every event"), ""},
      {_("searches"), "search.*"},
      {_("reads opened"), "read.viewed"},
      {_("images opened"), "image.opened"},
      {_("refused accesses"), "access.refused"},
      {_("evidence exports"), "export.*"},
      {_("releases outside the agency"), "dissemination.*"},
      {_("approvals"), "approval.*"},
      {_("sign-ins"), "login.*"},
      {_("cases"), "case.*"},
      {_("audit reviews"), "audit.*"},
      {_("configuration"), "config.*"},
  };
  return kKinds;
}

// The most records one listing shows: a reviewer narrows the filters for more.
constexpr std::size_t kTrailLimit = 10000;

}  // namespace

wxWindow* ReviewPanel::BuildTrailTab(wxWindow* parent) {
  auto* page = new wxPanel(parent, wxID_ANY);
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  const int gap = FromDIP(6);
  bar->Add(new wxStaticText(page, wxID_ANY, _("User")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
  mTrailUser = HintedField(page, wxS("trailUser"), _("anyone"));
  bar->Add(mTrailUser, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 2 * gap);
  bar->Add(new wxStaticText(page, wxID_ANY, _("Case")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap);
  mTrailCase = HintedField(page, wxS("trailCase"), _("any case"));
  bar->Add(mTrailCase, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 2 * gap);
  mTrailEvent = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                             wxS("trailEvent"));
  for (const auto& [label, filter] : EventKinds()) mTrailEvent->Append(label);
  mTrailEvent->SetSelection(0);
  bar->Add(mTrailEvent, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 2 * gap);
  mTrailOutcome = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator,
                               wxS("trailOutcome"));
  mTrailOutcome->Append(_("any outcome"));
  mTrailOutcome->Append(_("success"));
  mTrailOutcome->Append(_("refused"));
  mTrailOutcome->Append(_("failure"));
  mTrailOutcome->SetSelection(0);
  mTrailOutcome->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ShowTrail(); });
  bar->Add(mTrailOutcome, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 2 * gap);
  mTrailFlagged = new wxCheckBox(page, wxID_ANY, _("flagged only"), wxDefaultPosition, wxDefaultSize, 0,
                                 wxDefaultValidator, wxS("trailFlagged"));
  mTrailFlagged->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { ShowTrail(); });
  bar->Add(mTrailFlagged, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 2 * gap);
  auto* show = new wxButton(page, wxID_ANY, _("Show records"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("trailShow"));
  show->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { LoadTrail(); });
  bar->Add(show, 0, wxALIGN_CENTER_VERTICAL);
  s->Add(bar, 0, wxEXPAND | wxALL, FromDIP(8));
  mTrailList = ReportList(page, wxS("trailList"),
                          {{_("Record"), 70},
                           {_("Time"), 175},
                           {_("Event"), 150},
                           {_("Outcome"), 80},
                           {_("User"), 110},
                           {_("Case"), 90},
                           {_("Purpose"), 120}});
  mTrailList->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent& e) { SelectTrail(e.GetIndex()); });
  s->Add(mTrailList, 3, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
  mTrailDetail = new wxTextCtrl(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                wxTE_MULTILINE | wxTE_READONLY, wxDefaultValidator, wxS("trailDetail"));
  s->Add(mTrailDetail, 2, wxEXPAND | wxALL, FromDIP(8));
  page->SetSizer(s);
  return page;
}

wxWindow* ReviewPanel::BuildChartsTab(wxWindow* parent) {
  auto* page = new wxPanel(parent, wxID_ANY);
  auto* grid = new wxGridSizer(2, 2, FromDIP(8), FromDIP(8));
  for (int i = 1; i <= 4; ++i) {
    auto* chart = new ChartView(page, wxString::Format(wxS("reviewChart%d"), i));
    mCharts.push_back(chart);
    grid->Add(chart, 1, wxEXPAND);
  }
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(grid, 1, wxEXPAND | wxALL, FromDIP(8));
  page->SetSizer(s);
  return page;
}

void ReviewPanel::ShowTab(int tab) { mTabs->SetSelection(static_cast<std::size_t>(tab)); }

std::uint64_t ReviewPanel::SelectedSeq() const {
  if (mTabs->GetSelection() == 0) {
    const long row = mList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    return row >= 0 && static_cast<std::size_t>(row) < mShown.size() ? mShown[static_cast<std::size_t>(row)].seq : 0;
  }
  const long row = mTrailList->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  return row >= 0 && static_cast<std::size_t>(row) < mTrailShown.size() ? mTrailShown[static_cast<std::size_t>(row)].seq
                                                                        : 0;
}

Result<store::ReviewEntryNote> ReviewPanel::MarkReviewed(std::uint64_t seq, const std::string& note) {
  auto noted = mSession->NoteReviewEntry(seq, note);
  if (!noted) return noted.Err();
  ShowFlags();
  ShowStatus(wxString::Format(_("Record %llu marked reviewed."), static_cast<unsigned long long>(seq)));
  return noted;
}

wxString ReviewPanel::TrailDetail() const { return mTrailDetail->GetValue(); }

bool ReviewPanel::LoadTrail() {
  if (mTrailLoading) return false;
  auto from = ParseIso8601(FromWx(Trimmed(mFromField->GetValue())));
  auto to = ParseIso8601(FromWx(Trimmed(mToField->GetValue())));
  if (!from || !to || *to <= *from) {
    ShowStatus(_("Type the period as two dates, YYYY-MM-DD, the second after the first."), true);
    return false;
  }
  audit::RecordFilter filter;
  filter.from = *from;
  filter.to = *to;
  filter.user = FromWx(Trimmed(mTrailUser->GetValue()));
  filter.caseNumber = FromWx(Trimmed(mTrailCase->GetValue()));
  const int kind = mTrailEvent->GetSelection();
  if (kind > 0) filter.eventType = EventKinds()[static_cast<std::size_t>(kind)].second;
  filter.limit = kTrailLimit;
  mTrailLoading = true;
  ShowStatus(_("Reading the audit log") + wxS("\u2026"));
  // The flags of the period too, for "flagged only" (each listing is itself audited).
  const bool withFlags = !mLoaded || mFrom != *from || mTo != *to;
  auto session = mSession;
  using Loaded = std::pair<std::vector<audit::StoredRecord>, std::optional<std::vector<oversight::Flag>>>;
  RunAsync(
      mJobs, this,
      [session, filter, withFlags](std::stop_token) -> Result<Loaded> {
        auto records = session->AuditRecords(filter);
        if (!records) return records.Err();
        Loaded out{std::move(*records), std::nullopt};
        if (withFlags) {
          auto flags = session->ReviewFlags(*filter.from, *filter.to);
          if (!flags) return flags.Err();
          out.second = std::move(*flags);
        }
        return out;
      },
      [this, f = *from, t = *to](const Result<Loaded>& loaded) {
        mTrailLoading = false;
        if (!loaded) {
          ShowStatus(ErrorText(loaded.Err()), true);
          return;
        }
        mTrail = loaded->first;
        if (loaded->second) {
          mFlags = *loaded->second;
          mFrom = f;
          mTo = t;
          mLoaded = true;
          ShowFlags();
        }
        ShowTrail();
      });
  return true;
}

void ReviewPanel::ShowTrail() {
  std::set<std::uint64_t> flagged;
  for (const auto& f : mFlags) flagged.insert(f.seq);
  const int outcome = mTrailOutcome->GetSelection();
  const char* outcomes[] = {"", "success", "refused", "failure"};
  mTrailShown.clear();
  for (const auto& r : mTrail) {
    if (outcome > 0 && r.outcome != outcomes[outcome]) continue;
    if (mTrailFlagged->GetValue() && !flagged.contains(r.seq)) continue;
    mTrailShown.push_back(r);
  }
  mTrailList->Freeze();
  mTrailList->DeleteAllItems();
  for (const auto& r : mTrailShown)
    AppendRow(mTrailList,
              {wxString::Format(wxS("%llu"), static_cast<unsigned long long>(r.seq)), FormatLocalMinute(r.time),
               ToWx(r.event), ToWx(r.outcome), ToWx(r.user), ToWx(r.caseNumber), ToWx(r.purposeCode)});
  mTrailList->Thaw();
  mTrailDetail->SetValue(wxString());
  wxString text = wxString::Format(wxPLURAL("%zu record", "%zu records", mTrailShown.size()), mTrailShown.size());
  if (mTrail.size() >= kTrailLimit)
    text += wxS(" ") +
            wxString::Format(_("(the first %zu of the period: narrow the filters to see the rest)"), kTrailLimit);
  ShowStatus(text);
}

void ReviewPanel::SelectTrail(long row) {
  if (row < 0 || static_cast<std::size_t>(row) >= mTrailShown.size()) return;
  mTrailList->SetItemState(row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                           wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
  const audit::StoredRecord record = mTrailShown[static_cast<std::size_t>(row)];
  if (record.event != "search.start" || record.caseNumber.empty()) {
    // Any other record: as the log holds it.
    const auto j = nlohmann::json::parse(record.canonical, nullptr, false);
    mTrailDetail->SetValue(record.pruned ? _("This record was pruned; its hash stays in the log.")
                                         : ToWx(j.is_discarded() ? record.canonical : j.dump(2)));
    return;
  }
  // A search: its result and what followed under its case, read from the log from its record on.
  audit::RecordFilter filter;
  filter.caseNumber = record.caseNumber;
  filter.fromSeq = record.seq;
  filter.limit = 2000;
  mDetailLoading = true;
  mTrailDetail->SetValue(_("Reading what followed the search") + wxS("\u2026"));
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, filter](std::stop_token) -> Result<std::vector<audit::StoredRecord>> {
        auto records = session->AuditRecords(filter);
        return records;
      },
      [this, seq = record.seq](const Result<std::vector<audit::StoredRecord>>& records) {
        mDetailLoading = false;
        if (!records) {
          mTrailDetail->SetValue(ErrorText(records.Err()));
          return;
        }
        auto trail = oversight::TraceSearch(*records, seq);
        if (!trail) {
          mTrailDetail->SetValue(_("This search's record cannot be read."));
          return;
        }
        wxString text;
        text << wxString::Format(_("Search %llu by %s, %s"), static_cast<unsigned long long>(trail->seq),
                                 ToWx(trail->user), FormatLocalMinute(trail->time))
             << wxS("\n");
        text << _("Case") << wxS(": ") << ToWx(trail->caseNumber) << wxS("   ") << _("Purpose") << wxS(": ")
             << ToWx(trail->purposeCode) << wxS(" (") << ToWx(trail->purposeText) << wxS(")\n");
        text << _("Justification") << wxS(": ") << ToWx(trail->justification) << wxS("\n");
        if (!trail->approval.empty()) text << _("Run under") << wxS(" ") << ToWx(trail->approval) << wxS("\n");
        text << _("Query") << wxS(":\n");
        for (const auto& [k, v] : trail->query)
          if (!v.empty()) text << wxS("    ") << ToWx(k) << wxS(" = ") << ToWx(v) << wxS("\n");
        text << _("Outcome") << wxS(": ")
             << (trail->outcome.empty() ? _("no result recorded (interrupted)") : ToWx(trail->outcome));
        if (trail->resultCount)
          text << wxS(", ")
               << wxString::Format(_("%llu matching reads"), static_cast<unsigned long long>(*trail->resultCount));
        if (!trail->reason.empty()) text << wxS(": ") << ToWx(trail->reason);
        text << wxS("\n") << _("After it, under this case") << wxS(":\n");
        if (trail->after.empty()) text << wxS("    ") << _("nothing viewed, exported or released") << wxS("\n");
        for (const auto& step : trail->after)
          text << wxS("    ") << FormatLocalMinute(step.time) << wxS("  ") << ToWx(step.user) << wxS(": ")
               << ToWx(step.summary)
               << wxString::Format(wxS(" (record %llu)"), static_cast<unsigned long long>(step.seq)) << wxS("\n");
        mTrailDetail->SetValue(text);
      });
}

void ReviewPanel::ShowStatus(const wxString& text, bool problem) {
  mStatus->SetLabel(text);
  mStatus->SetForegroundColour(problem ? ErrorColour() : MutedColour());
  mStatus->Wrap(std::max(FromDIP(400), GetClientSize().GetWidth() - FromDIP(32)));
  Layout();
}

wxString ReviewPanel::StatusText() const { return mStatus->GetLabel(); }

void ReviewPanel::Activated() {
  if (!mLoaded && !mLoading) Load();
  ShowSignOffs();
}

bool ReviewPanel::Load() {
  if (mLoading) return false;
  auto from = ParseIso8601(FromWx(Trimmed(mFromField->GetValue())));
  auto to = ParseIso8601(FromWx(Trimmed(mToField->GetValue())));
  if (!from || !to || *to <= *from) {
    ShowStatus(_("Type the period as two dates, YYYY-MM-DD, the second after the first."), true);
    return false;
  }
  mLoading = true;
  ShowStatus(_("Reading the audit log") + wxS("\u2026"));
  auto session = mSession;
  RunAsync(
      mJobs, this,
      [session, f = *from, t = *to](std::stop_token) -> Result<PeriodLoad> {
        // The flags and the charts' counts: two audited reads of the same period.
        auto flags = session->ReviewFlags(f, t);
        if (!flags) return flags.Err();
        auto activity = session->ReviewActivity(f, t);
        if (!activity) return activity.Err();
        return PeriodLoad{std::move(*flags), std::move(*activity)};
      },
      [this, f = *from, t = *to](const Result<PeriodLoad>& loaded) {
        mLoading = false;
        if (!loaded) {
          ShowStatus(ErrorText(loaded.Err()), true);
          return;
        }
        mLoaded = true;
        mFrom = f;
        mTo = t;
        mFlags = loaded->flags;
        mActivity = loaded->activity;
        const auto charts = oversight::ActivityCharts(mActivity);
        for (std::size_t i = 0; i < charts.size() && i < mCharts.size(); ++i) mCharts[i]->SetChart(charts[i]);
        ShowFlags();
      });
  return true;
}

void ReviewPanel::ShowFlags() {
  mShown.clear();
  const int kind = mKind->GetSelection();
  for (const auto& f : mFlags)
    if (kind <= 0 || f.kind == oversight::AllFlagKinds()[static_cast<std::size_t>(kind - 1)]) mShown.push_back(f);
  // The notes on these records (a few; no plate data).
  mNotes.clear();
  if (!mFlags.empty()) {
    std::uint64_t lo = mFlags.front().seq, hi = mFlags.front().seq;
    for (const auto& f : mFlags) {
      lo = std::min(lo, f.seq);
      hi = std::max(hi, f.seq);
    }
    if (auto notes = mSession->ReviewEntryNotes(lo, hi + 1))
      for (const auto& n : *notes) mNotes[n.seq].push_back(n);
  }
  mList->Freeze();
  mList->DeleteAllItems();
  for (const auto& f : mShown) {
    wxString reviewed;
    if (auto it = mNotes.find(f.seq); it != mNotes.end())
      for (const auto& n : it->second)
        reviewed += (reviewed.empty() ? wxString() : wxString(wxS("; "))) + ToWx(n.reviewer) + wxS(": ") + ToWx(n.note);
    AppendRow(mList, {wxString::Format(wxS("%llu"), static_cast<unsigned long long>(f.seq)), FormatLocalMinute(f.time),
                      ToWx(f.user), ToWx(f.caseNumber), ToWx(std::string(oversight::FlagKindName(f.kind))),
                      ToWx(f.reason), reviewed});
  }
  mList->Thaw();
  ShowStatus(mShown.empty() ? _("No flags in this period.")
                            : wxString::Format(wxPLURAL("%zu flag", "%zu flags", mShown.size()), mShown.size()));
}

void ReviewPanel::ShowSignOffs() {
  auto list = mSession->ReviewSignOffs();
  if (!list) return;
  mSignOffs->DeleteAllItems();
  for (auto it = list->rbegin(); it != list->rend(); ++it)
    AppendRow(mSignOffs, {ToWx(FormatIso8601(it->from).substr(0, 10)) + wxS(" \u2013 ") +
                              ToWx(FormatIso8601(it->to).substr(0, 10)),
                          ToWx(it->reviewer), FormatLocalMinute(it->signedAt),
                          wxString::Format(wxS("%llu"), static_cast<unsigned long long>(it->flags)), ToWx(it->note)});
}

Result<std::vector<std::filesystem::path>> ReviewPanel::SignOff(const std::string& note,
                                                                const std::filesystem::path& folder) {
  if (!mLoaded) return Fail(ErrorCode::InvalidArgument, "show the period's flags first");
  auto review = mSession->SignOffReview(mFrom, mTo, note);
  if (!review) return review.Err();
  auto written = workstation::WriteReviewReport(*review, folder);
  if (!written) return written.Err();
  ShowSignOffs();
  ShowStatus(wxString::Format(_("Signed off; the report is in %s."), PathToWx(folder)));
  return *written;
}

void ReviewPanel::OnSignOff() {
  if (!mLoaded) {
    ShowStatus(_("Show the period's flags first."), true);
    return;
  }
  FormDialog dialog(
      this, _("Sign off the review"),
      wxString::Format(_("You have looked at the %zu flags of this period. Your note and the sign-off "
                         "are recorded in the audit log."),
                       mFlags.size()),
      {{wxS("signOffNote"), _("Note"), _("what the review found and what was done"), true, true}},
      [](const std::vector<std::string>&) { return Status{}; }, _("Continue"));
  if (dialog.ShowModal() != wxID_OK) return;
  wxDirDialog folder(this, _("Where the review report goes"));
  if (folder.ShowModal() != wxID_OK) return;
  auto written = SignOff(dialog.Values()[0], PathFromWx(folder.GetPath()));
  if (!written) ShowStatus(ErrorText(written.Err()), true);
}

}  // namespace platedesk::views
