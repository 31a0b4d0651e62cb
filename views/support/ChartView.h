// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/report/Chart.h"

#include <wx/bitmap.h>
#include <wx/window.h>

namespace platedesk::views {

/// One chart (report::Chart) drawn by core's one drawing (report::RenderChart) at the window's
/// size, redrawn when the size or the chart changes; the same drawing the PDF report prints.
/// Its tooltip carries the chart's title and total. GUI thread only.
class ChartView : public wxWindow {
 public:
  ChartView(wxWindow* parent, const wxString& name);
  /// Shows `chart` (repaints).
  void SetChart(report::Chart chart);
  [[nodiscard]] const report::Chart& GetChart() const { return mChart; }
  /// The pixels drawn last (empty before the first paint): tests read them.
  [[nodiscard]] const wxBitmap& Drawn() const { return mBitmap; }

 private:
  void OnPaint();

  report::Chart mChart;
  wxBitmap mBitmap;
  bool mStale = true;
};

}  // namespace platedesk::views
