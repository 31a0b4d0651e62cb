// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/ChartView.h"

#include "views/support/Strings.h"

#include <wx/dcbuffer.h>
#include <wx/image.h>

#include <cstdlib>
#include <cstring>

namespace platedesk::views {

ChartView::ChartView(wxWindow* parent, const wxString& name)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE, name) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(320, 220)));
  Bind(wxEVT_PAINT, [this](wxPaintEvent&) { OnPaint(); });
  Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
    mStale = true;
    Refresh();
    e.Skip();
  });
}

void ChartView::SetChart(report::Chart chart) {
  mChart = std::move(chart);
  SetToolTip(wxString::Format(_("%s: %.0f in all"), ToWx(mChart.title), report::ChartTotal(mChart)));
  mStale = true;
  Refresh();
}

void ChartView::OnPaint() {
  wxAutoBufferedPaintDC dc(this);
  const wxSize size = GetClientSize();
  if (mStale || mBitmap.GetSize() != size) {
    mStale = false;
    mBitmap = wxBitmap();
    // The chart is drawn in pixels at the window's size: text stays sharp at every scale.
    if (auto image = report::RenderChart(mChart, size.x, size.y)) {
      // wxImage takes ownership of a malloc'd buffer.
      auto* data = static_cast<unsigned char*>(std::malloc(image->rgb.size()));
      if (data != nullptr) {
        std::memcpy(data, image->rgb.data(), image->rgb.size());
        mBitmap = wxBitmap(wxImage(image->width, image->height, data));
      }
    }
  }
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  if (mBitmap.IsOk()) dc.DrawBitmap(mBitmap, 0, 0);
}

}  // namespace platedesk::views
