// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/colour.h>
#include <wx/string.h>

class wxStaticText;
class wxTextCtrl;
class wxWindow;

namespace platedesk::views {

/// The colour of secondary text (hints, notes, captions): the theme's grey text.
[[nodiscard]] wxColour MutedColour();

/// A note in MutedColour, wrapped to `wrap` pixels (-1: not wrapped); `name` names it for tests.
wxStaticText* Muted(wxWindow* parent, const wxString& text, int wrap = -1, const wxString& name = wxS("staticText"));

/// A single-line (or `style`) text field named `name`, showing `hint` while empty.
wxTextCtrl* HintedField(wxWindow* parent, const wxString& name, const wxString& hint, long style = 0);

}  // namespace platedesk::views
