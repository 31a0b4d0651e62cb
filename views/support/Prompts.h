// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/string.h>

class wxWindow;

namespace platedesk::views {

/// Asks a yes/no question in a modal dialog (wxGenericMessageDialog, so that the lock screen can
/// close it like any other dialog). `yes` labels the affirmative button. True for yes.
bool Confirm(wxWindow* parent, const wxString& title, const wxString& question, const wxString& detail,
             const wxString& yes);

/// Shows a problem (an ErrorText sentence) in a modal dialog with one OK button.
void ShowProblem(wxWindow* parent, const wxString& title, const wxString& text);

}  // namespace platedesk::views
