// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportDonePage.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace platedesk::views {
namespace {

const wxColour kGood(0x1e, 0x6b, 0x35);

wxTextCtrl* ReadOnly(wxWindow* parent, const wxString& name, bool mono) {
  auto* field = new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxTE_READONLY | wxBORDER_NONE, wxDefaultValidator, name);
  field->SetBackgroundColour(parent->GetBackgroundColour());
  if (mono) {
    field->SetFont(wxFont(wxFontInfo(parent->GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE)));
  }
  return field;
}

wxString CheckName(const std::string& name) {
  if (name == "archive") return _("Archive opens with the passphrase");
  if (name == "bagit") return _("BagIt bag complete and valid");
  if (name == "signature") return _("Signature over every file");
  if (name == "images") return _("Images match their import hashes");
  if (name == "checkpoint") return _("Audit checkpoint signature");
  if (name == "inclusion proof") return _("Export record is in the audit log");
  if (name == "export record") return _("Export record names this package");
  return ToWx(name);
}

}  // namespace

ExportDonePage::ExportDonePage(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportDonePage")) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(new wxStaticBitmap(this, wxID_ANY, Icon("verified", 24)), 0, wxALIGN_CENTER_VERTICAL);
  auto* title = new wxStaticText(this, wxID_ANY, _("Written, read back from the medium and checked."));
  title->SetFont(GetFont().Bold());
  head->Add(title, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  s->Add(head, 0, wxEXPAND | wxBOTTOM, FromDIP(10));

  auto* grid = new wxFlexGridSizer(2, FromDIP(4), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Package")), 0, wxALIGN_CENTER_VERTICAL);
  mPath = ReadOnly(this, wxS("exportPath"), false);
  grid->Add(mPath, 1, wxEXPAND);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Size")), 0, wxALIGN_CENTER_VERTICAL);
  mSize = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("exportSize"));
  grid->Add(mSize, 1, wxEXPAND);
  mShaLabel = new wxStaticText(this, wxID_ANY, _("SHA-256"));
  grid->Add(mShaLabel, 0, wxALIGN_CENTER_VERTICAL);
  mSha = ReadOnly(this, wxS("exportSha256"), true);
  grid->Add(mSha, 1, wxEXPAND);
  s->Add(grid, 0, wxEXPAND);

  // The passphrase, once. Only for encrypted packages.
  auto* box =
      new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_SIMPLE, wxS("exportPassphraseBox"));
  box->SetBackgroundColour(wxColour(0xff, 0xf6, 0xdc));
  auto* b = new wxBoxSizer(wxVERTICAL);
  auto* warnRow = new wxBoxSizer(wxHORIZONTAL);
  warnRow->Add(new wxStaticBitmap(box, wxID_ANY, Icon("warning", 16)), 0, wxALIGN_CENTER_VERTICAL);
  auto* warnTitle = new wxStaticText(box, wxID_ANY, _("Passphrase: shown only now"));
  warnTitle->SetFont(GetFont().Bold());
  warnRow->Add(warnTitle, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  b->Add(warnRow, 0, wxALL, FromDIP(8));
  auto* passRow = new wxBoxSizer(wxHORIZONTAL);
  mPassphrase = new wxTextCtrl(box, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_READONLY,
                               wxDefaultValidator, wxS("exportPassphrase"));
  mPassphrase->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize() + 3).Family(wxFONTFAMILY_TELETYPE).Bold()));
  auto* copy = new wxButton(box, wxID_ANY, _("Copy"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                            wxS("exportCopy"));
  passRow->Add(mPassphrase, 1, wxALIGN_CENTER_VERTICAL);
  passRow->Add(copy, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(6));
  b->Add(passRow, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
  auto* warning = new wxStaticText(box, wxID_ANY,
                                   _("Deliver it to the recipient out of band (by phone or in person), never with the "
                                     "medium and never by the same way. PlateDesk does not keep it: when this window "
                                     "closes it cannot be shown again, and without it the package cannot be opened."));
  warning->Wrap(FromDIP(580));
  b->Add(warning, 0, wxALL, FromDIP(8));
  box->SetSizer(b);
  mPassphraseBox = box;
  s->Add(box, 0, wxEXPAND | wxTOP, FromDIP(12));

  auto* verifyRow = new wxBoxSizer(wxHORIZONTAL);
  mVerify = new wxButton(this, wxID_ANY, _("&Verify now"), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                         wxS("exportVerify"));
  mVerify->SetBitmap(Icon("verified", 16));
  mVerdict = new wxStaticText(
      this, wxID_ANY, _("Runs the offline verifier on the medium, as a prosecutor or defence expert would."),
      wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END, wxS("exportVerdict"));
  verifyRow->Add(mVerify, 0, wxALIGN_CENTER_VERTICAL);
  verifyRow->Add(mVerdict, 1, wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(10));
  s->Add(verifyRow, 0, wxEXPAND | wxTOP, FromDIP(12));
  mChecks = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_HRULES | wxLC_NO_HEADER,
                           wxDefaultValidator, wxS("exportChecks"));
  mChecks->AppendColumn(_("Check"), wxLIST_FORMAT_LEFT, FromDIP(250));
  mChecks->AppendColumn(_("Result"), wxLIST_FORMAT_LEFT, FromDIP(60));
  mChecks->AppendColumn(_("Detail"), wxLIST_FORMAT_LEFT, FromDIP(340));
  s->Add(mChecks, 1, wxEXPAND | wxTOP, FromDIP(8));
  auto* detail = Muted(this, wxString(), -1, wxS("exportCheckDetail"));
  s->Add(detail, 0, wxEXPAND | wxTOP, FromDIP(6));
  SetSizer(s);
  // A check's detail is often longer than its column: the selected one is shown in full below.
  mChecks->Bind(wxEVT_LIST_ITEM_SELECTED, [this, detail](wxListEvent& event) {
    detail->SetLabel(mChecks->GetItemText(event.GetIndex(), 0) + wxS(": ") + mChecks->GetItemText(event.GetIndex(), 2));
    detail->Wrap(mChecks->GetClientSize().x);
    Layout();
  });
  mChecks->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    // The detail takes the width left over, so the verifier's explanation is not cut short.
    const int rest = mChecks->GetClientSize().x - mChecks->GetColumnWidth(0) - mChecks->GetColumnWidth(1);
    mChecks->SetColumnWidth(2, std::max(FromDIP(120), rest));
    event.Skip();
  });
  copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (mOnCopy) {
      mOnCopy();
    }
  });
  mVerify->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (mOnVerify) {
      mOnVerify();
    }
  });
}

void ExportDonePage::ShowExport(const workstation::EvidenceExport& e) {
  mPath->SetValue(PathToWx(e.path));
  mSize->SetLabel(
      wxString::Format(wxPLURAL("%s in %s file", "%s in %s files", e.files), FormatSize(e.bytes),
                       FormatCount(static_cast<std::int64_t>(e.files))) +
      wxS(" \u00b7 ") +
      wxString::Format(wxPLURAL("%s read", "%s reads", e.reads), FormatCount(static_cast<std::int64_t>(e.reads))) +
      wxS(", ") +
      wxString::Format(wxPLURAL("%s image", "%s images", e.images), FormatCount(static_cast<std::int64_t>(e.images))));
  mShaLabel->SetLabel(e.encrypted ? _("SHA-256 of the zip") : _("SHA-256 (tag manifest)"));
  mShaLabel->SetToolTip(e.encrypted ? _("The hash of the one file on the medium: check it with sha256sum.")
                                    : _("The hash of tagmanifest-sha256.txt, which lists the hash of every file."));
  mSha->SetValue(ToWx(e.sha256));
  mPassphraseBox->Show(e.encrypted);
  if (e.encrypted) {
    mPassphrase->SetValue(ToWx(e.passphrase));
  }
}

void ExportDonePage::EnableVerify(bool enable) { mVerify->Enable(enable); }

void ExportDonePage::StartVerifying() {
  mChecks->DeleteAllItems();
  mVerdict->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mVerdict->SetLabel(_("Verifying the package on the medium") + wxS("\u2026"));
}

void ExportDonePage::ShowVerification(const evidence::PackageVerification& verification) {
  for (const auto& check : verification.checks) {
    const long row = mChecks->InsertItem(mChecks->GetItemCount(), CheckName(check.name));
    mChecks->SetItem(row, 1, check.ok ? _("pass") : _("FAIL"));
    mChecks->SetItem(row, 2, ToWx(check.detail));
    mChecks->SetItemTextColour(row, check.ok ? kGood : ErrorColour());
  }
  for (const auto& warning : verification.warnings) {
    const long row = mChecks->InsertItem(mChecks->GetItemCount(), _("Note"));
    mChecks->SetItem(row, 2, ToWx(warning));
  }
  // Only a check against this storage's own keys names the signer (the session always gives
  // them; a package checked with its own key would be intact, signer not verified).
  mVerdict->SetForegroundColour(verification.SignerVerified() ? kGood : ErrorColour());
  mVerdict->SetLabel(
      verification.SignerVerified()
          ? wxString::Format(_("VALID: every check passed against this storage's signing key (%s reads, %s images)."),
                             FormatCount(static_cast<std::int64_t>(verification.reads)),
                             FormatCount(static_cast<std::int64_t>(verification.images)))
      : verification.valid ? _("INTACT, SIGNER NOT VERIFIED: checked only with the key inside the package.")
                           : wxString::Format(_("INVALID: %s"), ToWx(verification.firstProblem)));
  mVerdict->SetToolTip(mVerdict->GetLabel());
}

void ExportDonePage::ShowVerificationError(const Error& error) {
  LogError(error, Activity::General);
  mVerdict->SetForegroundColour(ErrorColour());
  mVerdict->SetLabel(error.code == ErrorCode::Cancelled ? _("Verification stopped.") : ErrorText(error));
}

void ExportDonePage::ShowNote(const wxString& text) { mVerdict->SetLabel(text); }

}  // namespace platedesk::views
