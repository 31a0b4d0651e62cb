// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/store/Types.h"
#include "platedesk/workstation/Session.h"

#include <wx/panel.h>

#include <cstddef>
#include <map>
#include <vector>

class wxListCtrl;
class wxStaticText;

namespace platedesk::views {

/// The export wizard's first step: the reads held for the case (collected, or in earlier
/// packages), all ticked, with Select all / Select none and how many are chosen. Windows are named
/// exportReads, exportAll, exportNone and exportReadCount. GUI thread only.
class ExportReadsPage : public wxPanel {
 public:
  /// Lists the held reads of `summary` that it also carries, in hold order.
  ExportReadsPage(wxWindow* parent, const workstation::CaseSummary& summary,
                  const std::map<store::CameraId, wxString>& cameraNames);

  /// The ticked reads, in list order.
  [[nodiscard]] std::vector<store::ReadId> ChosenReads() const;
  /// True when at least one read is ticked; otherwise says so on the page.
  bool Validate();
  /// The chosen reads and how they were chosen (custody and audit records).
  void AddTo(workstation::EvidenceRequest& request) const;

 private:
  void UpdateCount();

  std::vector<store::Read> mReads;  // in list order
  wxListCtrl* mList = nullptr;
  wxStaticText* mCount = nullptr;
};

}  // namespace platedesk::views
