// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Charts drawn once (cairo) for the screen, the PDF reports and the HTML pages: stacked bars and a
// heat map, readable in black and white (each series has a grey level and a hatching of its own,
// each heat-map cell prints its number).

#include "platedesk/common/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace platedesk::report {

enum class ChartKind {
  Bars,     ///< one bar per category; the series stacked in it
  HeatMap,  ///< rows x categories; series[r].values[c] is cell (r, c)
};

/// One stacked series of a bar chart, or one row of a heat map.
struct ChartSeries {
  std::string name;
  std::vector<double> values;  ///< one per category (missing values count as 0)
  bool operator==(const ChartSeries&) const = default;
};

/// What a chart shows. Plain values, so the one drawing serves every surface.
struct Chart {
  ChartKind kind = ChartKind::Bars;
  std::string title;
  std::string valueLabel;               ///< what a value counts ("searches")
  std::vector<std::string> categories;  ///< bars: one per bar; heat map: the columns
  std::vector<ChartSeries> series;      ///< bars: stacked, first at the bottom; heat map: the rows
  bool horizontal = false;              ///< bars: drawn across, one row per category (long names)
  bool operator==(const Chart&) const = default;
};

/// A chart as pixels for the screen: 8-bit RGB rows, top first, no padding.
struct ChartImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;
};

/// Draws `chart` into a width x height image (pixels). Errors: InvalidArgument (a size under
/// 80 x 60 or over 8000 x 8000), Io (cairo failed). Thread-safe.
[[nodiscard]] Result<ChartImage> RenderChart(const Chart& chart, int width, int height);
/// The chart as a standalone SVG document of width x height points, for HTML pages. Text is
/// escaped by cairo (drawn as glyphs). Errors: as RenderChart. Thread-safe.
[[nodiscard]] Result<std::string> ChartSvg(const Chart& chart, int width, int height);
/// The total of every value of a chart (0 for an empty one).
[[nodiscard]] double ChartTotal(const Chart& chart);

}  // namespace platedesk::report
