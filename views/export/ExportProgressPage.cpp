// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/export/ExportProgressPage.h"

#include "views/support/ErrorText.h"
#include "views/support/Widgets.h"

#include <wx/gauge.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace platedesk::views {

ExportProgressPage::ExportProgressPage(wxWindow* parent)
    : wxPanel(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, wxS("exportProgressPage")) {
  auto* s = new wxBoxSizer(wxVERTICAL);
  mText = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, wxS("exportProgressText"));
  s->Add(mText, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
  mGauge = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, wxSize(-1, FromDIP(16)), wxGA_HORIZONTAL,
                       wxDefaultValidator, wxS("exportProgress"));
  s->Add(mGauge, 0, wxEXPAND);
  s->Add(Muted(this,
               _("Cancel stops the export and removes what was written; nothing is left that looks like a "
                 "package, and the audit log records the cancellation."),
               FromDIP(600)),
         0, wxTOP, FromDIP(12));
  SetSizer(s);
}

void ExportProgressPage::Start() {
  mGauge->SetValue(0);
  mText->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  mText->SetLabel(_("Recording the export in the audit log, then writing") + wxS("\u2026"));
}

void ExportProgressPage::SetProgress(int permille, bool readingBack) {
  mGauge->SetValue(permille);
  mText->SetLabel((readingBack ? _("Reading the package back from the medium") : _("Writing the package")) +
                  wxS("\u2026"));
}

void ExportProgressPage::ShowFailure(const Error& error) {
  mGauge->SetValue(0);
  mText->SetForegroundColour(ErrorColour());
  if (error.code == ErrorCode::Cancelled) {
    mText->SetLabel(
        _("The export was cancelled. What had been written was removed, and the audit "
          "log records the cancellation."));
  } else {
    LogError(error, Activity::DataAccess);
    mText->SetLabel(ErrorText(error, Activity::DataAccess) + wxS(" ") +
                    _("Nothing that looks like a package was left on the medium."));
  }
  mText->Wrap(FromDIP(600));
}

}  // namespace platedesk::views
