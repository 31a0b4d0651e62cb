// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/colour.h>
#include <wx/string.h>

#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

class wxListCtrl;
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

/// A single-selection report list named `name` with these columns (title, width in DIPs).
[[nodiscard]] wxListCtrl* ReportList(wxWindow* parent, const wxString& name,
                                     std::initializer_list<std::pair<wxString, int>> columns);
/// Appends a row of cells (the first is the item's text) to a report list.
void AppendRow(wxListCtrl* list, const std::vector<wxString>& cells);

/// A dialog's inline note or error: an icon (16 DIPs) and a sentence side by side on a panel of
/// their own, so that the row can be hidden as a whole. The caller adds `row` to its sizer.
struct NoteRow {
  wxWindow* row = nullptr;
  wxStaticText* label = nullptr;
};

/// Makes a NoteRow under `parent` with the icon `icon` ("info", "error"; views/support/Icons.h),
/// `text` wrapped to `wrap` pixels (the label's own width, without the icon) and the label named
/// `name` for tests.
[[nodiscard]] NoteRow MakeNoteRow(wxWindow* parent, std::string_view icon, const wxString& text, int wrap,
                                  const wxString& name = wxS("staticText"));

/// Puts `text` into the row, wrapped to `wrap` pixels, and shows the row; the caller lays out.
void ShowNote(const NoteRow& note, const wxString& text, int wrap);

/// The horizontal room a NoteRow's icon and gap take (with a little to spare), in DIPs: a row as
/// wide as a field wraps its sentence to the field's width minus this.
inline constexpr int kNoteIndent = 24;

}  // namespace platedesk::views
