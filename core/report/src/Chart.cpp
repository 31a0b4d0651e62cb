// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/report/Chart.h"

#include "ChartDraw.h"

#include <algorithm>
#include <array>
#include <cairo-svg.h>
#include <cmath>
#include <cstdio>

namespace platedesk::report {
namespace {

constexpr double kTitleSize = 12.0;
constexpr double kTextSize = 9.0;
constexpr double kPad = 8.0;

// How a series looks: a fill whose grey level differs from its neighbours' and a hatching of its
// own, so a black-and-white print still tells the series apart.
enum class Hatch { None, Rising, Falling, Cross, Horizontal, Vertical, Dots };
struct Look {
  double r, g, b;
  Hatch hatch;
  bool lightLines;  // white hatching on a dark fill
};
constexpr std::array<Look, 8> kLooks{{
    {0.20, 0.29, 0.45, Hatch::None, true},
    {0.93, 0.68, 0.33, Hatch::Rising, false},
    {0.62, 0.80, 0.60, Hatch::Falling, false},
    {0.42, 0.42, 0.42, Hatch::Cross, true},
    {0.97, 0.97, 0.97, Hatch::Dots, false},
    {0.62, 0.37, 0.47, Hatch::Horizontal, true},
    {0.76, 0.86, 0.96, Hatch::Vertical, false},
    {0.12, 0.12, 0.12, Hatch::Rising, true},
}};

void SetText(cairo_t* cr, double size, bool bold = false) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

double TextWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text.c_str(), &ext);
  return ext.x_advance;
}

// `text` cut (at a character boundary) with "..." so it fits `width`.
std::string Elide(cairo_t* cr, const std::string& text, double width) {
  if (TextWidth(cr, text) <= width) return text;
  std::string cut = text;
  while (!cut.empty()) {
    cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0x80) != 0) cut.pop_back();
    if (TextWidth(cr, cut + "...") <= width) return cut + "...";
  }
  return "";
}

void ShowAt(cairo_t* cr, double x, double y, const std::string& text) {
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, text.c_str());
}

// The part of segment (x0, y0)-(x1, y1) inside the box [x, x + w] x [y, y + h] (Liang-Barsky),
// added to the path. Hatching is cut by arithmetic rather than a clip, which some SVG viewers drop.
void ClippedLine(cairo_t* cr, double x0, double y0, double x1, double y1, double x, double y, double w, double h) {
  const double dx = x1 - x0;
  const double dy = y1 - y0;
  double t0 = 0;
  double t1 = 1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x0 - x, x + w - x0, y0 - y, y + h - y0};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
  }
  if (t0 >= t1) return;
  cairo_move_to(cr, x0 + t0 * dx, y0 + t0 * dy);
  cairo_line_to(cr, x0 + t1 * dx, y0 + t1 * dy);
}

// A fill for series `index` in the rectangle, with its hatching and a thin outline.
void FillBox(cairo_t* cr, std::size_t index, double x, double y, double w, double h) {
  if (w <= 0 || h <= 0) return;
  const Look& look = kLooks[index % kLooks.size()];
  cairo_rectangle(cr, x, y, w, h);
  cairo_set_source_rgb(cr, look.r, look.g, look.b);
  cairo_fill(cr);
  const double shade = look.lightLines ? 1.0 : 0.0;
  cairo_set_source_rgba(cr, shade, shade, shade, 0.75);
  cairo_set_line_width(cr, 0.8);
  constexpr double kStep = 5.0;
  auto line = [&](double x0, double y0, double x1, double y1) { ClippedLine(cr, x0, y0, x1, y1, x, y, w, h); };
  const double span = w + h;
  switch (look.hatch) {
    case Hatch::None:
      break;
    case Hatch::Rising:
      for (double d = 0; d < span; d += kStep) line(x + d, y + h, x + d - h, y);
      break;
    case Hatch::Falling:
      for (double d = 0; d < span; d += kStep) line(x + d - h, y + h, x + d, y);
      break;
    case Hatch::Cross:
      for (double d = 0; d < span; d += kStep) {
        line(x + d, y + h, x + d - h, y);
        line(x + d - h, y + h, x + d, y);
      }
      break;
    case Hatch::Horizontal:
      for (double d = kStep / 2; d < h; d += kStep) line(x, y + d, x + w, y + d);
      break;
    case Hatch::Vertical:
      for (double d = kStep / 2; d < w; d += kStep) line(x + d, y, x + d, y + h);
      break;
    case Hatch::Dots:
      for (double dy = kStep / 2; dy < h; dy += kStep)
        for (double dx = kStep / 2; dx < w; dx += kStep) {
          cairo_new_sub_path(cr);
          cairo_arc(cr, x + dx, y + dy, 0.9, 0, 2 * M_PI);
        }
      cairo_fill(cr);
      break;
  }
  cairo_stroke(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.5);
  cairo_stroke(cr);
}

// 1, 2 or 5 times a power of ten: the step of about `ticks` ticks from 0 to at least `top`.
double NiceStep(double top, int ticks) {
  if (top <= 0) return 1;
  const double raw = top / ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return std::max(1.0, m * power);
  return std::max(1.0, 10 * power);
}

// A light gridline; the pen is black again after it.
void GridLine(cairo_t* cr, double x0, double y0, double x1, double y1) {
  cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_stroke(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
}

std::string Number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", v);
  return text;
}

// The title and (for several series) the legend; returns the y below them.
double Header(cairo_t* cr, const Chart& chart, double width, bool legend) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  SetText(cr, kTitleSize, true);
  ShowAt(cr, kPad, kPad + kTitleSize, Elide(cr, chart.title, width - 2 * kPad));
  double y = kPad + kTitleSize * 1.6;
  if (!legend) return y;
  SetText(cr, kTextSize);
  double x = kPad;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const std::string name = Elide(cr, chart.series[i].name, width / 3);
    const double w = 14 + 4 + TextWidth(cr, name) + 12;
    if (x + w > width - kPad && x > kPad) {
      x = kPad;
      y += kTextSize * 1.6;
    }
    FillBox(cr, i, x, y, 14, kTextSize + 1);
    cairo_set_source_rgb(cr, 0, 0, 0);
    ShowAt(cr, x + 18, y + kTextSize, name);
    x += w;
  }
  return y + kTextSize * 2;
}

void Nothing(cairo_t* cr, double x, double y, double w, double h) {
  SetText(cr, kTextSize + 1);
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  const std::string text = "Nothing in this period";
  ShowAt(cr, x + (w - TextWidth(cr, text)) / 2, y + h / 2, text);
}

// A value as drawn: missing, negative, infinite or NaN values draw as 0, and none above 1e12 (so
// the axis arithmetic stays finite whatever a caller passes).
double SeriesValue(const ChartSeries& s, std::size_t i) {
  const double v = i < s.values.size() ? s.values[i] : 0.0;
  return std::isfinite(v) && v > 0 ? std::min(v, 1e12) : 0.0;
}

void DrawBars(cairo_t* cr, const Chart& chart, double width, double height) {
  // Stacked bars name their series (even one: whose searches); bars across need a key only when
  // they stack several.
  const double top = Header(cr, chart, width, chart.series.size() > 1 || (!chart.horizontal && !chart.series.empty()));
  const std::size_t n = chart.categories.size();
  std::vector<double> totals(n, 0.0);
  for (const auto& s : chart.series)
    for (std::size_t i = 0; i < n; ++i) totals[i] += SeriesValue(s, i);
  const double maxTotal = n == 0 ? 0.0 : *std::max_element(totals.begin(), totals.end());
  const double step = NiceStep(maxTotal, 5);
  const double axisTop = std::max(step, std::ceil(maxTotal / step) * step);
  SetText(cr, kTextSize);

  if (chart.horizontal) {
    double labelWidth = 0;
    for (const auto& c : chart.categories) labelWidth = std::max(labelWidth, TextWidth(cr, c));
    labelWidth = std::min(labelWidth, width * 0.35);
    const double left = kPad + labelWidth + 6;
    const double right = width - kPad - 40;  // room for the number after the longest bar
    const double bottom = height - kPad - kTextSize * 2;
    if (n == 0 || maxTotal <= 0 || right <= left || bottom <= top) return Nothing(cr, 0, top, width, height - top);
    const double band = (bottom - top) / static_cast<double>(n);
    const double scale = (right - left) / axisTop;
    cairo_set_line_width(cr, 0.5);
    for (double v = 0; v <= axisTop + step / 2; v += step) {
      const double x = left + v * scale;
      GridLine(cr, x, top, x, bottom);
      const std::string label = Number(v);
      ShowAt(cr, x - TextWidth(cr, label) / 2, bottom + kTextSize + 3, label);
    }
    // What the axis counts, under the category names (the numbers run along the same line).
    if (!chart.valueLabel.empty()) ShowAt(cr, kPad, bottom + kTextSize + 3, Elide(cr, chart.valueLabel, labelWidth));
    for (std::size_t i = 0; i < n; ++i) {
      const double y = top + band * static_cast<double>(i);
      const double barH = std::min(band * 0.7, 22.0);
      const double barY = y + (band - barH) / 2;
      double x = left;
      for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const double w = SeriesValue(chart.series[s], i) * scale;
        FillBox(cr, s, x, barY, w, barH);
        x += w;
      }
      cairo_set_source_rgb(cr, 0, 0, 0);
      if (band >= kTextSize) {
        ShowAt(cr, left - 6 - TextWidth(cr, Elide(cr, chart.categories[i], labelWidth)),
               barY + barH / 2 + kTextSize / 3, Elide(cr, chart.categories[i], labelWidth));
        ShowAt(cr, x + 4, barY + barH / 2 + kTextSize / 3, Number(totals[i]));
      }
    }
    return;
  }

  const double left = kPad + std::max(TextWidth(cr, Number(axisTop)), TextWidth(cr, "0")) + 18;
  const double right = width - kPad;
  const double slot = n == 0 ? 0 : (right - left) / static_cast<double>(n);
  double labelWidth = 0;
  for (const auto& c : chart.categories) labelWidth = std::max(labelWidth, TextWidth(cr, c));
  const bool turned = labelWidth + 4 > slot;
  labelWidth = std::min(labelWidth, height * 0.3);
  const double bottom = height - kPad - (turned ? labelWidth * 0.72 + kTextSize : kTextSize * 1.8);
  if (n == 0 || maxTotal <= 0 || bottom <= top + 20) return Nothing(cr, 0, top, width, height - top);
  const double scale = (bottom - top) / axisTop;
  cairo_set_line_width(cr, 0.5);
  for (double v = 0; v <= axisTop + step / 2; v += step) {
    const double y = bottom - v * scale;
    GridLine(cr, left, y, right, y);
    const std::string label = Number(v);
    ShowAt(cr, left - 4 - TextWidth(cr, label), y + kTextSize / 3, label);
  }
  if (!chart.valueLabel.empty()) {
    cairo_save(cr);
    cairo_move_to(cr, kPad + kTextSize, (top + bottom) / 2 + TextWidth(cr, chart.valueLabel) / 2);
    cairo_rotate(cr, -M_PI / 2);
    cairo_show_text(cr, chart.valueLabel.c_str());
    cairo_restore(cr);
  }
  // Turned labels every `every` bars, so neighbours never overlap.
  const std::size_t every =
      turned ? std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(kTextSize * 1.5 / slot))) : 1;
  const double barW = std::max(1.0, slot * 0.72);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = left + slot * static_cast<double>(i) + (slot - barW) / 2;
    double y = bottom;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const double h = SeriesValue(chart.series[s], i) * scale;
      FillBox(cr, s, x, y - h, barW, h);
      y -= h;
    }
    if (i % every != 0) continue;
    cairo_set_source_rgb(cr, 0, 0, 0);
    const std::string label = Elide(cr, chart.categories[i], labelWidth);
    const double centre = x + barW / 2;
    if (!turned) {
      ShowAt(cr, centre - TextWidth(cr, label) / 2, bottom + kTextSize + 4, label);
    } else {
      cairo_save(cr);
      cairo_move_to(cr, centre + kTextSize / 3, bottom + 4);
      cairo_rotate(cr, -M_PI / 4);
      cairo_rel_move_to(cr, -TextWidth(cr, label), 0);
      cairo_show_text(cr, label.c_str());
      cairo_restore(cr);
    }
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, left, bottom);
  cairo_line_to(cr, right, bottom);
  cairo_stroke(cr);
}

void DrawHeatMap(cairo_t* cr, const Chart& chart, double width, double height) {
  const double top = Header(cr, chart, width, false);
  SetText(cr, kTextSize);
  double rowLabel = 0;
  for (const auto& s : chart.series) rowLabel = std::max(rowLabel, TextWidth(cr, s.name));
  rowLabel = std::min(rowLabel, width * 0.25);
  const double left = kPad + rowLabel + 6;
  const double right = width - kPad;
  const double gridTop = top + kTextSize + 4;  // column labels above the grid
  const double bottom = height - kPad - kTextSize * 1.8;
  const std::size_t rows = chart.series.size();
  const std::size_t cols = chart.categories.size();
  double maxValue = 0;
  for (const auto& s : chart.series)
    for (std::size_t c = 0; c < cols; ++c) maxValue = std::max(maxValue, SeriesValue(s, c));
  if (rows == 0 || cols == 0 || maxValue <= 0 || right <= left || bottom <= gridTop)
    return Nothing(cr, 0, top, width, height - top);
  const double cellW = (right - left) / static_cast<double>(cols);
  const double cellH = (bottom - gridTop) / static_cast<double>(rows);
  // Every cell prints its number, or none does (a map where only the small counts show would mislead).
  const bool numbers = TextWidth(cr, Number(maxValue)) + 2 <= cellW && kTextSize <= cellH;
  const std::size_t every =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(TextWidth(cr, "00") * 1.6 / cellW)));
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (std::size_t c = 0; c < cols; c += every) {
    const std::string label = Elide(cr, chart.categories[c], cellW * static_cast<double>(every));
    ShowAt(cr, left + cellW * (static_cast<double>(c) + 0.5) - TextWidth(cr, label) / 2, gridTop - 4, label);
  }
  for (std::size_t r = 0; r < rows; ++r) {
    const double y = gridTop + cellH * static_cast<double>(r);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const std::string name = Elide(cr, chart.series[r].name, rowLabel);
    ShowAt(cr, left - 6 - TextWidth(cr, name), y + cellH / 2 + kTextSize / 3, name);
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = SeriesValue(chart.series[r], c);
      const double x = left + cellW * static_cast<double>(c);
      // White for none, darker for more: grey levels read the same in colour and in print.
      const double level = v <= 0 ? 1.0 : 0.88 - 0.78 * (v / maxValue);
      cairo_rectangle(cr, x, y, cellW, cellH);
      cairo_set_source_rgb(cr, level, level, level);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
      cairo_set_line_width(cr, 0.4);
      cairo_stroke(cr);
      const std::string number = Number(v);
      if (v > 0 && numbers) {
        const double ink = level < 0.5 ? 1.0 : 0.0;
        cairo_set_source_rgb(cr, ink, ink, ink);
        ShowAt(cr, x + (cellW - TextWidth(cr, number)) / 2, y + cellH / 2 + kTextSize / 3, number);
      }
    }
  }
  cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
  const std::string note = "Darker cells: more " +
                           (chart.valueLabel.empty() ? std::string("records") : chart.valueLabel) +
                           " (most in one cell: " + Number(maxValue) + ")";
  ShowAt(cr, left, height - kPad, Elide(cr, note, right - left));
}

Status CheckSize(int width, int height) {
  if (width < 80 || height < 60 || width > 8000 || height > 8000)
    return Fail(ErrorCode::InvalidArgument, "a chart is between 80 x 60 and 8000 x 8000",
                std::to_string(width) + "x" + std::to_string(height));
  return {};
}

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void detail::DrawChart(cairo_t* cr, const Chart& chart, double width, double height) {
  cairo_save(cr);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  if (chart.kind == ChartKind::HeatMap)
    DrawHeatMap(cr, chart, width, height);
  else
    DrawBars(cr, chart, width, height);
  cairo_restore(cr);
}

Result<ChartImage> RenderChart(const Chart& chart, int width, int height) {
  PLATEDESK_TRY(CheckSize(width, height));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  detail::DrawChart(cr, chart, width, height);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const auto status = cairo_surface_status(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Fail(ErrorCode::Io, std::string("the chart failed: ") + cairo_status_to_string(status));
  }
  ChartImage out{width, height, {}};
  out.rgb.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  std::size_t k = 0;
  for (int y = 0; y < height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < width; ++x) {
      const std::uint32_t px = row[x];
      out.rgb[k++] = static_cast<std::uint8_t>((px >> 16) & 0xFF);
      out.rgb[k++] = static_cast<std::uint8_t>((px >> 8) & 0xFF);
      out.rgb[k++] = static_cast<std::uint8_t>(px & 0xFF);
    }
  }
  cairo_surface_destroy(surface);
  return out;
}

Result<std::string> ChartSvg(const Chart& chart, int width, int height) {
  PLATEDESK_TRY(CheckSize(width, height));
  std::string out;
  cairo_surface_t* surface = cairo_svg_surface_create_for_stream(AppendBytes, &out, width, height);
  cairo_t* cr = cairo_create(surface);
  detail::DrawChart(cr, chart, width, height);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Fail(ErrorCode::Io, std::string("the chart failed: ") + cairo_status_to_string(status));
  return out;
}

double ChartTotal(const Chart& chart) {
  double total = 0;
  for (const auto& s : chart.series)
    for (std::size_t i = 0; i < s.values.size(); ++i) total += SeriesValue(s, i);
  return total;
}

}  // namespace platedesk::report
