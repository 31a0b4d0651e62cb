// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/AccessContextBar.h"

#include "views/support/ErrorText.h"
#include "views/support/Icons.h"
#include "views/support/Strings.h"

#include <wx/arrstr.h>
#include <wx/choice.h>
#include <wx/gbsizer.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace platedesk::views {
namespace {

wxString PurposeLabel(const store::PurposeRecord& p) {
  wxString label = ToWx(p.label) + wxS(" (") + ToWx(p.code) + wxS(")");
  if (p.needsApproval) {
    label += wxS(" \u2014 ") + _("needs supervisor approval");
  }
  return label;
}

}  // namespace

AccessContextBar::AccessContextBar(wxWindow* parent, const std::vector<store::PurposeRecord>& purposes,
                                   const std::vector<store::CaseRecord>& cases, const wxString& name)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, name) {
  const int gap = FromDIP(8);
  wxArrayString purposeItems;
  purposeItems.Add((_("Choose a purpose") + wxS("\u2026")));
  wxString prohibited;
  for (const auto& p : purposes) {
    if (p.prohibited) {
      prohibited += (prohibited.empty() ? wxString() : wxString(wxS(", "))) + ToWx(p.label);
      continue;
    }
    if (p.disabled) {
      continue;
    }
    mChoosable.push_back(p);
    purposeItems.Add(PurposeLabel(p));
  }

  // Two rows: case and purpose, then the justification across the whole width (purpose labels
  // are long, and a justification is a sentence).
  auto* fields = new wxGridBagSizer(gap / 2, gap);
  auto label = [&](const wxString& text) {
    auto* l = new wxStaticText(this, wxID_ANY, text);
    l->SetFont(GetFont().Bold());
    return l;
  };
  fields->Add(label(_("Case number")), wxGBPosition(0, 0), wxDefaultSpan, wxALIGN_CENTER_VERTICAL);
  mCase = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(140, -1)), wxTE_PROCESS_ENTER,
                         wxDefaultValidator, wxS("accessCase"));
  mCase->SetHint(_("e.g. 26-004512"));
  SetCases(cases);
  mCase->SetToolTip(
      _("The case or incident number this work is for, in your agency's format. "
        "Every search and every opened read is recorded under it."));
  fields->Add(mCase, wxGBPosition(0, 1), wxDefaultSpan, wxALIGN_CENTER_VERTICAL);

  fields->Add(label(_("Purpose")), wxGBPosition(0, 2), wxDefaultSpan, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
  mPurpose = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, purposeItems, 0, wxDefaultValidator,
                          wxS("accessPurpose"));
  mPurpose->SetSelection(0);
  mPurpose->SetMinSize(wxSize(FromDIP(200), -1));
  wxString purposeTip = _("Why this data is needed, from the agency's purpose catalogue.");
  if (!prohibited.empty()) {
    purposeTip += wxS("\n") + _("Never allowed, so not listed: ") + prohibited + wxS(".");
  }
  mPurpose->SetToolTip(purposeTip);
  fields->Add(mPurpose, wxGBPosition(0, 3), wxDefaultSpan, wxEXPAND);

  fields->Add(label(_("Justification")), wxGBPosition(1, 0), wxDefaultSpan, wxALIGN_CENTER_VERTICAL);
  mJustification = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER,
                                  wxDefaultValidator, wxS("accessJustification"));
  // Enter in the case or the justification does what the page's main button does (run the
  // search, open the case), once the context is complete.
  for (wxTextCtrl* field : {mCase, mJustification})
    field->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
      if (mOnEnter && Context()) mOnEnter();
    });
  mJustification->SetHint(_("Why you need this, e.g. \"grey sedan seen leaving the burglary at 5th Ave\""));
  fields->Add(mJustification, wxGBPosition(1, 1), wxGBSpan(1, 3), wxEXPAND);
  fields->AddGrowableCol(3, 1);

  auto* status = new wxBoxSizer(wxHORIZONTAL);
  mStatusIcon = new wxStaticBitmap(this, wxID_ANY, Icon("info", 16));
  status->Add(mStatusIcon, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, gap / 2);
  mStatus = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE,
                             wxS("accessStatus"));
  status->Add(mStatus, 1, wxALIGN_CENTER_VERTICAL);

  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(fields, 0, wxEXPAND);
  outer->Add(status, 0, wxEXPAND | wxTOP, gap / 2);
  SetSizer(outer);

  auto changed = [this](wxCommandEvent&) { Update(); };
  mCase->Bind(wxEVT_TEXT, changed);
  mJustification->Bind(wxEVT_TEXT, changed);
  mPurpose->Bind(wxEVT_CHOICE, changed);
  Update();
}

std::optional<workstation::AccessContext> AccessContextBar::Context() const {
  if (!Problem().empty()) {
    return std::nullopt;
  }
  const auto& purpose = mChoosable[static_cast<std::size_t>(mPurpose->GetSelection() - 1)];
  return workstation::AccessContext{FromWx(Trimmed(mCase->GetValue())), purpose.code,
                                    FromWx(Trimmed(mJustification->GetValue()))};
}

wxString AccessContextBar::Problem() const {
  wxString missing;
  if (Trimmed(mCase->GetValue()).empty()) {
    missing = _("Enter the case number this work is for.");
  } else if (mPurpose->GetSelection() <= 0) {
    missing = _("Choose the purpose.");
  } else {
    const std::size_t length = Trimmed(mJustification->GetValue()).length();
    if (length < workstation::kMinJustification) {
      missing = wxString::Format(_("Write why you need this (at least %d characters; %d more)."),
                                 static_cast<int>(workstation::kMinJustification),
                                 static_cast<int>(workstation::kMinJustification - length));
    }
  }
  return missing;
}

void AccessContextBar::ShowRefusal(const Error& error) {
  LogError(error, Activity::DataAccess);
  mStatusIcon->SetBitmap(Icon("error", 16));
  mStatus->SetForegroundColour(ErrorColour());
  // The rules' own reason (the session's sentence, as the CLI prints it), wrapped, never clipped.
  wxString text = ErrorText(error, Activity::DataAccess);
  if ((error.code == ErrorCode::PermissionDenied || error.code == ErrorCode::InvalidArgument) &&
      !error.message.empty() && error.detail == ErrorDetail::None) {
    // A refusal outside the access rules (a malformed pattern, a limit): the core's words.
    text = wxString::Format(_("Refused: %s."), ToWx(error.message));
    if (error.code == ErrorCode::PermissionDenied) text += wxS(" ") + RefusalNextStep(error);
  }
  mStatus->SetLabelText(text);  // free text (a denial's reason): an & is not a mnemonic
  mStatus->SetToolTip(text);
  mStatus->Wrap(std::max(FromDIP(200), GetClientSize().GetWidth() - FromDIP(32)));
  mStatus->InvalidateBestSize();  // wxST_NO_AUTORESIZE keeps the one-line size otherwise
  mStatus->SetMinSize(wxSize(-1, mStatus->GetBestSize().GetHeight()));
  // The bar grows by the lines the reason takes: its parent asks it again for its size.
  InvalidateBestSize();
  Layout();
  if (GetParent() != nullptr) GetParent()->Layout();
}

void AccessContextBar::SetContext(const std::string& caseNumber, const std::string& purposeCode,
                                  const std::string& justification) {
  mCase->ChangeValue(ToWx(caseNumber));
  mJustification->ChangeValue(ToWx(justification));
  const auto it = std::find_if(mChoosable.begin(), mChoosable.end(),
                               [&](const store::PurposeRecord& p) { return p.code == purposeCode; });
  mPurpose->SetSelection(it == mChoosable.end() ? 0 : static_cast<int>(it - mChoosable.begin()) + 1);
  Update();
}

void AccessContextBar::SetCaseNumber(const std::string& caseNumber) {
  mCase->ChangeValue(ToWx(caseNumber));
  Update();
}

std::string AccessContextBar::CaseNumber() const { return FromWx(Trimmed(mCase->GetValue())); }

void AccessContextBar::Update() {
  const wxString problem = Problem();
  mStatus->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  if (problem.empty()) {
    const auto& purpose = mChoosable[static_cast<std::size_t>(mPurpose->GetSelection() - 1)];
    wxString text = wxString::Format(_("Ready: what you do here is recorded under case %s for %s."),
                                     Trimmed(mCase->GetValue()), ToWx(purpose.label));
    if (purpose.needsApproval) {
      text += wxS(" ") + _("This purpose needs a supervisor's approval: a search under it asks for one.");
    }
    mStatusIcon->SetBitmap(Icon("verified", 16));
    mStatus->SetLabel(text);
  } else {
    mStatusIcon->SetBitmap(Icon("notice", 16));
    mStatus->SetLabel(problem + wxS(" ") + _("Nothing runs until the case, purpose and justification are filled in."));
  }
  mStatus->SetToolTip(mStatus->GetLabel());
  if (mStatus->GetMinSize().GetHeight() > 0) {  // a wrapped refusal made it taller
    mStatus->SetMinSize(wxDefaultSize);
    InvalidateBestSize();
    Layout();
    if (GetParent() != nullptr) GetParent()->Layout();
  }
  Layout();
  if (mOnChange) {
    mOnChange();
  }
}

void AccessContextBar::SetCases(const std::vector<store::CaseRecord>& cases) {
  wxArrayString caseNumbers;
  for (const auto& c : cases) {
    if (c.open) {
      caseNumbers.Add(ToWx(c.number));
    }
  }
  mCase->AutoComplete(caseNumbers);
}

}  // namespace platedesk::views
