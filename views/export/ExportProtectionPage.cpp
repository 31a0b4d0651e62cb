// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportProtectionPage.h"

#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/checkbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace platedesk::views {

ExportProtectionPage::ExportProtectionPage(wxWindow* parent, bool encrypt)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportProtectionPage")) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  mEncrypt = new wxCheckBox(this, wxID_ANY, _("Encrypt the package (AES-256 zip)"), wxDefaultPosition, wxDefaultSize, 0,
                            wxDefaultValidator, wxS("exportEncrypt"));
  s->Add(mEncrypt, 0, wxBOTTOM, FromDIP(6));
  s->Add(Muted(this,
               _("The medium then holds one zip file encrypted with AES-256 (WinZip AE-2), which 7-Zip and other "
                 "standard tools open; inside it, the package as one archive, so not even file names show. "
                 "PlateDesk generates a passphrase of 150 bits and shows it once, after the export: give it to the "
                 "recipient separately from the medium. Recommended for anything that leaves the building."),
               FromDIP(600)),
         0, wxLEFT | wxBOTTOM, FromDIP(4));
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Passphrase delivery")), 0, wxALIGN_CENTER_VERTICAL);
  mDelivery =
      HintedField(this, wxS("exportDelivery"), _("how it reaches the recipient, e.g. by phone to the prosecutor"));
  grid->Add(mDelivery, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND | wxTOP, FromDIP(8));
  s->Add(
      Muted(this, _("The custody record notes how the passphrase is delivered, never the passphrase."), FromDIP(600)),
      0, wxTOP, FromDIP(6));
  SetSizer(s);

  mEncrypt->SetValue(encrypt);
  mDelivery->Enable(encrypt);
  mEncrypt->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    mTouched = true;
    mDelivery->Enable(mEncrypt->GetValue());
  });
}

bool ExportProtectionPage::Encrypt() const { return mEncrypt->GetValue(); }

void ExportProtectionPage::SetEncrypt(bool encrypt) {
  mEncrypt->SetValue(encrypt);
  wxCommandEvent event(wxEVT_CHECKBOX, mEncrypt->GetId());
  event.SetEventObject(mEncrypt);
  event.SetInt(encrypt ? 1 : 0);
  mEncrypt->ProcessWindowEvent(event);
}

void ExportProtectionPage::SuggestEncrypt(bool encrypt) {
  if (!mTouched) {
    mEncrypt->SetValue(encrypt);
    mDelivery->Enable(encrypt);
  }
}

void ExportProtectionPage::AddTo(workstation::EvidenceRequest& request) const {
  request.encrypt = Encrypt();
  if (request.encrypt) {
    request.passphraseDelivery = FromWx(Trimmed(mDelivery->GetValue()));
  }
}

}  // namespace platedesk::views
