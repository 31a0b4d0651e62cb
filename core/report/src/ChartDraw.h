// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/report/Chart.h"

#include <cairo.h>

namespace platedesk::report::detail {

/// Draws `chart` into the box (0, 0, width, height) of `cr` (user units: pixels or points): the
/// one drawing behind RenderChart, ChartSvg and TextPdf::AddChart. Leaves `cr`'s state as it found it.
void DrawChart(cairo_t* cr, const Chart& chart, double width, double height);

}  // namespace platedesk::report::detail
