// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Prompts.h"

// wx/msgdlg.h declares the base class that the generic dialog extends: it comes first.
// clang-format off
#include <wx/msgdlg.h>
#include <wx/generic/msgdlgg.h>
// clang-format on
#include <wx/intl.h>

namespace platedesk::views {

bool Confirm(wxWindow* parent, const wxString& title, const wxString& question, const wxString& detail,
             const wxString& yes) {
  wxGenericMessageDialog dialog(parent, question, title, wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  if (!detail.empty()) {
    dialog.SetExtendedMessage(detail);
  }
  dialog.SetYesNoLabels(yes, _("&Cancel"));
  return dialog.ShowModal() == wxID_YES;
}

void ShowProblem(wxWindow* parent, const wxString& title, const wxString& text) {
  wxGenericMessageDialog dialog(parent, text, title, wxOK | wxICON_WARNING);
  dialog.ShowModal();
}

}  // namespace platedesk::views
