// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Widgets.h"

#include <wx/settings.h>
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

}  // namespace platedesk::views
