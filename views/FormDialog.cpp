// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/FormDialog.h"

#include "views/support/ErrorText.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/filedlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace platedesk::views {

FormDialog::FormDialog(wxWindow* parent, const wxString& title, const wxString& intro, std::vector<FormField> fields,
                       Apply apply, const wxString& okLabel)
    : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER,
               wxS("formDialog")),
      mFields(std::move(fields)),
      mApply(std::move(apply)) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  if (!intro.empty()) {
    s->Add(Muted(this, intro, FromDIP(520)), 0, wxALL, FromDIP(14));
  }
  auto* grid = new wxFlexGridSizer(2, FromDIP(8), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  for (const auto& f : mFields) {
    grid->Add(new wxStaticText(this, wxID_ANY, f.label + (f.required ? wxString() : _(" (optional)"))), 0,
              f.multiline ? wxALIGN_TOP | wxTOP : wxALIGN_CENTER_VERTICAL, f.multiline ? FromDIP(4) : 0);
    if (!f.choices.empty()) {
      auto* choice =
          new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0, wxDefaultValidator, f.name);
      for (const auto& c : f.choices) choice->Append(c);
      const int initial = f.initial.empty() ? 0 : choice->FindString(f.initial);
      choice->SetSelection(initial == wxNOT_FOUND ? 0 : initial);
      grid->Add(choice, 1, wxEXPAND);
      mControls.push_back(choice);
      continue;
    }
    auto* text = HintedField(this, f.name, f.hint, f.multiline ? wxTE_MULTILINE : (f.secret ? wxTE_PASSWORD : 0));
    text->SetValue(f.initial);
    text->SetMinSize(wxSize(FromDIP(380), f.multiline ? FromDIP(60) : -1));
    text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateOk(); });
    mControls.push_back(text);
    if (!f.file) {
      grid->Add(text, 1, wxEXPAND);
      continue;
    }
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(text, 1, wxALIGN_CENTER_VERTICAL);
    auto* choose = new wxButton(this, wxID_ANY, _("Choose..."), wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                                f.name + wxS("Choose"));
    choose->Bind(wxEVT_BUTTON, [this, text](wxCommandEvent&) {
      wxFileDialog picker(
          this, _("Choose the document"), wxString(), wxString(),
          _("PDF or image (*.pdf;*.png;*.jpg;*.jpeg;*.tif;*.tiff)|*.pdf;*.png;*.jpg;*.jpeg;*.tif;*.tiff"),
          wxFD_OPEN | wxFD_FILE_MUST_EXIST);
      if (picker.ShowModal() == wxID_OK) text->SetValue(picker.GetPath());
    });
    row->Add(choose, 0, wxLEFT | wxALIGN_CENTER_VERTICAL, FromDIP(6));
    grid->Add(row, 1, wxEXPAND);
  }
  s->Add(grid, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(14));
  mError = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("formError"));
  mError->SetForegroundColour(ErrorColour());
  s->Add(mError, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(14));
  auto* buttons = new wxStdDialogButtonSizer();
  mOk = new wxButton(this, wxID_OK, okLabel.empty() ? _("OK") : okLabel, wxDefaultPosition, wxDefaultSize, 0,
                     wxDefaultValidator, wxS("formOk"));
  buttons->AddButton(mOk);
  buttons->AddButton(new wxButton(this, wxID_CANCEL));
  buttons->Realize();
  s->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(14));
  SetSizerAndFit(s);
  mOk->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Submit(); });
  UpdateOk();
  CentreOnParent();
}

std::vector<std::string> FormDialog::Collect() const {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < mControls.size(); ++i) {
    if (auto* choice = dynamic_cast<wxChoice*>(mControls[i])) {
      values.push_back(std::to_string(choice->GetSelection()));
    } else {
      const wxString value = static_cast<wxTextCtrl*>(mControls[i])->GetValue();
      values.push_back(FromWx(mFields[i].secret ? value : Trimmed(value)));
    }
  }
  return values;
}

void FormDialog::UpdateOk() {
  const auto values = Collect();
  bool complete = true;
  for (std::size_t i = 0; i < mFields.size(); ++i) complete = complete && (!mFields[i].required || !values[i].empty());
  mOk->Enable(complete);
}

void FormDialog::SetValue(std::size_t field, const wxString& value) {
  if (auto* choice = dynamic_cast<wxChoice*>(mControls.at(field))) {
    for (unsigned i = 0; i < choice->GetCount(); ++i) {
      if (choice->GetString(i).StartsWith(value)) {
        choice->SetSelection(static_cast<int>(i));
        break;
      }
    }
  } else {
    static_cast<wxTextCtrl*>(mControls.at(field))->SetValue(value);
  }
  UpdateOk();
}

bool FormDialog::Submit() {
  if (!mOk->IsEnabled()) return false;
  mValues = Collect();
  const Status st = mApply(mValues);
  if (!st.Ok()) {
    mError->SetLabel(ToWx(st.Err().message) +
                     (st.Err().context.empty() ? wxString() : wxS(" (") + ToWx(st.Err().context) + wxS(")")));
    mError->Wrap(FromDIP(520));
    Fit();
    return false;
  }
  if (IsModal()) {
    EndModal(wxID_OK);
  } else {
    SetReturnCode(wxID_OK);
    Hide();
  }
  return true;
}

}  // namespace platedesk::views
