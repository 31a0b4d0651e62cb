// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Widgets.h"

#include "views/support/Icons.h"

#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace platedesk::views {

wxColour MutedColour() { return wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT); }

wxStaticText* Muted(wxWindow* parent, const wxString& text, int wrap, const wxString& name) {
  auto* label = new wxStaticText(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, 0, name);
  if (wrap > 0) {
    label->Wrap(wrap);
  }
  label->SetForegroundColour(MutedColour());
  return label;
}

wxTextCtrl* HintedField(wxWindow* parent, const wxString& name, const wxString& hint, long style) {
  auto* field =
      new wxTextCtrl(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, style, wxDefaultValidator, name);
  field->SetHint(hint);
  return field;
}

NoteRow MakeNoteRow(wxWindow* parent, std::string_view icon, const wxString& text, int wrap, const wxString& name) {
  auto* panel = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxHORIZONTAL);
  sizer->Add(new wxStaticBitmap(panel, wxID_ANY, Icon(icon, 16)), 0, wxALIGN_TOP | wxTOP, panel->FromDIP(1));
  auto* label = new wxStaticText(panel, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, 0, name);
  label->Wrap(wrap);
  sizer->Add(label, 1, wxLEFT, panel->FromDIP(6));
  panel->SetSizer(sizer);
  return NoteRow{panel, label};
}

void ShowNote(const NoteRow& note, const wxString& text, int wrap) {
  note.label->SetLabel(text);
  note.label->Wrap(wrap);
  note.row->Show();
}

wxListCtrl* ReportList(wxWindow* parent, const wxString& name,
                       std::initializer_list<std::pair<wxString, int>> columns) {
  auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                              wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES, wxDefaultValidator, name);
  for (const auto& [title, width] : columns) list->AppendColumn(title, wxLIST_FORMAT_LEFT, parent->FromDIP(width));
  return list;
}

void AppendRow(wxListCtrl* list, const std::vector<wxString>& cells) {
  const long row = list->InsertItem(list->GetItemCount(), cells.empty() ? wxString() : cells[0]);
  for (std::size_t c = 1; c < cells.size(); ++c) list->SetItem(row, static_cast<long>(c), cells[c]);
}

}  // namespace platedesk::views
