// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <wx/panel.h>

class wxGauge;
class wxStaticText;

namespace platedesk::views {

/// The export wizard's step while the package is written: what is happening, a gauge, and why an
/// export did not finish (cancelled, refused, failed). Windows are named exportProgressText and
/// exportProgress. GUI thread only.
class ExportProgressPage : public wxPanel {
 public:
  explicit ExportProgressPage(wxWindow* parent);

  /// An export starts: the gauge at 0, the audit record first.
  void Start();
  /// Progress in permille of the writer's steps; after the first half it reads the package back.
  void SetProgress(int permille, bool readingBack);
  /// The export did not finish: says why (Cancelled, or ErrorText) and that nothing was left.
  void ShowFailure(const Error& error);

 private:
  wxStaticText* mText = nullptr;
  wxGauge* mGauge = nullptr;
};

}  // namespace platedesk::views
