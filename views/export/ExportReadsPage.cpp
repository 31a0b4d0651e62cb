// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportReadsPage.h"

#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <string>

namespace platedesk::views {

ExportReadsPage::ExportReadsPage(wxWindow* parent, const workstation::CaseSummary& summary,
                                 const std::map<store::CameraId, wxString>& cameraNames)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportReadsPage")) {
  std::map<store::ReadId, const store::Read*> byId;
  for (const auto& r : summary.reads) {
    byId[r.id] = &r;
  }
  std::vector<store::CaseHold> holds;  // those of the reads shown, in the same order
  for (const auto& h : summary.holds) {
    if (const auto it = byId.find(h.read); it != byId.end()) {
      mReads.push_back(*it->second);
      holds.push_back(h);
    }
  }

  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(Muted(this,
               _("The reads collected for the case and those already held by its evidence packages. Untick those "
                 "that do not belong in this package."),
               FromDIP(600)),
         0, wxBOTTOM, FromDIP(8));
  mList = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES,
                         wxDefaultValidator, wxS("exportReads"));
  mList->EnableCheckBoxes(true);
  mList->AppendColumn(_("Plate"), wxLIST_FORMAT_LEFT, FromDIP(110));
  mList->AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(50));
  mList->AppendColumn(_("Time"), wxLIST_FORMAT_LEFT, FromDIP(130));
  mList->AppendColumn(_("Camera"), wxLIST_FORMAT_LEFT, FromDIP(170));
  mList->AppendColumn(_("Held because"), wxLIST_FORMAT_LEFT, FromDIP(190));
  for (std::size_t i = 0; i < mReads.size(); ++i) {
    const store::Read& r = mReads[i];
    const long row = mList->InsertItem(static_cast<long>(i), ToWx(r.plate));
    mList->SetItem(row, 1, ToWx(r.state));
    mList->SetItem(row, 2, FormatLocalMinute(r.capturedAt));
    const auto camera = cameraNames.find(r.camera);
    mList->SetItem(row, 3,
                   camera == cameraNames.end() ? wxString::Format(wxS("#%lld"), static_cast<long long>(r.camera))
                                               : camera->second);
    mList->SetItem(row, 4, HoldReasonText(holds[i]));
    mList->CheckItem(row, true);
  }
  s->Add(mList, 1, wxEXPAND);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  auto* all = new wxButton(this, wxID_ANY, _("Select all"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                           wxS("exportAll"));
  auto* none = new wxButton(this, wxID_ANY, _("Select none"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("exportNone"));
  mCount = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                            wxS("exportReadCount"));
  row->Add(all, 0);
  row->Add(none, 0, wxLEFT, FromDIP(6));
  row->Add(mCount, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(12));
  s->Add(row, 0, wxEXPAND | wxTOP, FromDIP(8));
  SetSizer(s);

  auto tickAll = [this](bool on) {
    for (long i = 0; i < mList->GetItemCount(); ++i) {
      mList->CheckItem(i, on);
    }
    UpdateCount();
  };
  all->Bind(wxEVT_BUTTON, [tickAll](wxCommandEvent&) { tickAll(true); });
  none->Bind(wxEVT_BUTTON, [tickAll](wxCommandEvent&) { tickAll(false); });
  mList->Bind(wxEVT_LIST_ITEM_CHECKED, [this](wxListEvent&) { UpdateCount(); });
  mList->Bind(wxEVT_LIST_ITEM_UNCHECKED, [this](wxListEvent&) { UpdateCount(); });
  UpdateCount();
}

std::vector<store::ReadId> ExportReadsPage::ChosenReads() const {
  std::vector<store::ReadId> out;
  for (long i = 0; i < mList->GetItemCount(); ++i) {
    if (mList->IsItemChecked(i)) {
      out.push_back(mReads[static_cast<std::size_t>(i)].id);
    }
  }
  return out;
}

bool ExportReadsPage::Validate() {
  if (ChosenReads().empty()) {
    mCount->SetForegroundColour(ErrorColour());
    mCount->SetLabel(_("Choose at least one read to export."));
    return false;
  }
  mCount->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  return true;
}

void ExportReadsPage::AddTo(workstation::EvidenceRequest& request) const {
  request.reads = ChosenReads();
  request.selectionMethod = "case-reads";
  std::string ids;
  for (auto id : request.reads) {
    if (!ids.empty()) ids += ',';
    ids += std::to_string(id);
  }
  // How the reads were chosen, for the custody record and the audit record.
  request.selection = {{"chosen_from", "reads held for the case (export wizard)"},
                       {"held", std::to_string(mReads.size())},
                       {"reads", ids}};
}

void ExportReadsPage::UpdateCount() {
  const std::size_t chosen = ChosenReads().size();
  mCount->SetLabel(wxString::Format(_("%s of %s reads chosen"), FormatCount(static_cast<std::int64_t>(chosen)),
                                    FormatCount(static_cast<std::int64_t>(mReads.size()))));
}

}  // namespace platedesk::views
