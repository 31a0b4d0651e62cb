// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportCustodyPage.h"

#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace platedesk::views {

ExportCustodyPage::ExportCustodyPage(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportCustodyPage")) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  s->Add(mNote = Muted(
             this,
             _("For the case file or booking into evidence, inside the agency. These go into the package's "
               "chain-of-custody record and the export's audit record; the medium's file system and serial number "
               "are added by PlateDesk. LPR data leaves the agency only as a release of an approved request."),
             FromDIP(600)),
         0, wxBOTTOM, FromDIP(12));
  auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(8));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Media label")), 0, wxALIGN_CENTER_VERTICAL);
  mMediaLabel = HintedField(this, wxS("exportMediaLabel"), _("the label written on the drive, e.g. USB-0042"));
  grid->Add(mMediaLabel, 1, wxEXPAND);
  mCustodianLabel = new wxStaticText(this, wxID_ANY, _("Received by"));
  grid->Add(mCustodianLabel, 0, wxALIGN_CENTER_VERTICAL);
  mCustodian = HintedField(this, wxS("exportCustodian"),
                           _("inside the agency, e.g. property room, officer 4411 (releases outside: Releases)"));
  grid->Add(mCustodian, 1, wxEXPAND);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Description")), 0, wxALIGN_TOP | wxTOP, FromDIP(4));
  mDescription = HintedField(this, wxS("exportDescription"), _("optional: what the package is for"), wxTE_MULTILINE);
  mDescription->SetMinSize(wxSize(-1, FromDIP(70)));
  grid->Add(mDescription, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND);
  mProblem =
      new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("exportCustodyProblem"));
  mProblem->SetForegroundColour(ErrorColour());
  s->Add(mProblem, 0, wxTOP, FromDIP(8));
  SetSizer(s);
  mMediaLabel->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
    mProblem->SetLabel(wxString());
    event.Skip();
  });
}

bool ExportCustodyPage::Validate(bool onMedium) {
  if (onMedium && Trimmed(mMediaLabel->GetValue()).empty()) {
    mProblem->SetLabel(
        _("Write the medium's label (as written on the drive, e.g. USB-0042): the custody record "
          "names it."));
    mMediaLabel->SetFocus();
    Layout();
    return false;
  }
  mProblem->SetLabel(wxString());
  return true;
}

void ExportCustodyPage::SetReleaseTo(const wxString& recipient) {
  mNote->SetLabel(wxString::Format(_("A release to %s under an approved request. The label and who takes the medium "
                                     "go into the package's custody record and the release record."),
                                   recipient));
  mNote->Wrap(FromDIP(600));
  mCustodianLabel->SetLabel(_("Taken by"));
  mCustodian->SetHint(_("who takes the medium for the recipient, e.g. Det. Ana Ruiz"));
  Layout();
}

void ExportCustodyPage::AddTo(workstation::EvidenceRequest& request) const {
  request.description = FromWx(Trimmed(mDescription->GetValue()));
  request.mediaLabel = FromWx(Trimmed(mMediaLabel->GetValue()));
  request.custodian = FromWx(Trimmed(mCustodian->GetValue()));
}

}  // namespace platedesk::views
