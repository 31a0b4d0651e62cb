// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The export wizard's custody step: the media label, the recipient and a description for the
/// chain-of-custody record. Windows are named exportMediaLabel, exportCustodian,
/// exportDescription and exportCustodyProblem. GUI thread only.
class ExportCustodyPage : public wxPanel {
 public:
  explicit ExportCustodyPage(wxWindow* parent);

  /// The custody details as typed (trimmed).
  void AddTo(workstation::EvidenceRequest& request) const;
  /// Whether the custody record can be made (the media label is required when the package goes
  /// on a medium: `onMedium`); says what is missing.
  [[nodiscard]] bool Validate(bool onMedium);
  /// A release (ExportWizard::SetRelease): "Received by" names who takes it for `recipient`.
  void SetReleaseTo(const wxString& recipient);

 private:
  wxTextCtrl* mMediaLabel = nullptr;
  wxTextCtrl* mCustodian = nullptr;
  wxStaticText* mCustodianLabel = nullptr;
  wxStaticText* mNote = nullptr;
  wxTextCtrl* mDescription = nullptr;
  wxStaticText* mProblem = nullptr;
};

}  // namespace platedesk::views
