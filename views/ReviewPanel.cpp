// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ReviewPanel.h"

#include "views/FormDialog.h"
#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dirdlg.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace platedesk::views {

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
  auto* signOff = new wxButton(this, wxID_ANY, _("Sign off..."), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, wxS("reviewSignOff"));
  signOff->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnSignOff(); });
  bar->Add(signOff, 0, wxALIGN_CENTER_VERTICAL);
  s->Add(bar, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("reviewStatus"));
  s->Add(mStatus, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));

  mList = ReportList(
      this, wxS("reviewFlags"),
      {{_("Record"), 70}, {_("Time"), 140}, {_("User"), 110}, {_("Case"), 90}, {_("Flag"), 160}, {_("Why"), 520}});
  s->Add(mList, 3, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  auto* signedTitle = new wxStaticText(this, wxID_ANY, _("Signed off"));
  signedTitle->SetFont(GetFont().Bold());
  s->Add(signedTitle, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
  mSignOffs = ReportList(this, wxS("reviewSignOffs"),
                         {{_("Period"), 220}, {_("By"), 110}, {_("Signed"), 140}, {_("Flags"), 60}, {_("Note"), 480}});
  s->Add(mSignOffs, 1, wxEXPAND | wxALL, FromDIP(16));
  SetSizer(s);
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
      mJobs, this, [session, f = *from, t = *to](std::stop_token) { return session->ReviewFlags(f, t); },
      [this, f = *from, t = *to](Result<std::vector<oversight::Flag>> flags) {
        mLoading = false;
        if (!flags) {
          ShowStatus(ErrorText(flags.Err()), true);
          return;
        }
        mLoaded = true;
        mFrom = f;
        mTo = t;
        mFlags = std::move(*flags);
        ShowFlags();
      });
  return true;
}

void ReviewPanel::ShowFlags() {
  mShown.clear();
  const int kind = mKind->GetSelection();
  for (const auto& f : mFlags)
    if (kind <= 0 || f.kind == oversight::AllFlagKinds()[static_cast<std::size_t>(kind - 1)]) mShown.push_back(f);
  mList->Freeze();
  mList->DeleteAllItems();
  for (const auto& f : mShown)
    AppendRow(mList,
              {wxString::Format(wxS("%llu"), static_cast<unsigned long long>(f.seq)), FormatLocalMinute(f.time),
               ToWx(f.user), ToWx(f.caseNumber), ToWx(std::string(oversight::FlagKindName(f.kind))), ToWx(f.reason)});
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
