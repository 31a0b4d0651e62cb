// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

namespace platedesk::views {

/// The export wizard's review step: what "Export" will do, field by field (case, purpose,
/// justification, reads, destination, protection, custody). Windows are named exportReview,
/// exportReviewCase, exportReviewReads, exportReviewDestination and exportReviewProtection.
/// GUI thread only.
class ExportReviewPage : public wxPanel {
 public:
  explicit ExportReviewPage(wxWindow* parent);

  /// Shows the export about to run; `destination` as people read it.
  void Fill(const workstation::AccessContext& context, const workstation::EvidenceRequest& request,
            const wxString& destination);

 private:
  wxWindow* mReview = nullptr;
};

}  // namespace platedesk::views
