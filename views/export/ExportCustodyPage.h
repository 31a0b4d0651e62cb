// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

class wxStaticText;
class wxTextCtrl;

namespace platedesk::views {

/// The export wizard's custody step: the media label, the recipient and a description for the
/// chain-of-custody record. Windows are named exportMediaLabel, exportCustodian and
/// exportDescription. GUI thread only.
class ExportCustodyPage : public wxPanel {
 public:
  explicit ExportCustodyPage(wxWindow* parent);

  /// The custody details as typed (trimmed).
  void AddTo(workstation::EvidenceRequest& request) const;
  /// A release (ExportWizard::SetRelease): "Received by" names who takes it for `recipient`.
  void SetReleaseTo(const wxString& recipient);

 private:
  wxTextCtrl* mMediaLabel = nullptr;
  wxTextCtrl* mCustodian = nullptr;
  wxStaticText* mCustodianLabel = nullptr;
  wxStaticText* mNote = nullptr;
  wxTextCtrl* mDescription = nullptr;
};

}  // namespace platedesk::views
