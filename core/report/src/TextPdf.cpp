// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/report/TextPdf.h"

#include "ChartDraw.h"

#include "platedesk/common/Text.h"

#include <algorithm>
#include <cairo-pdf.h>
#include <cairo.h>

namespace platedesk::report {
namespace {

constexpr double kMargin = 40.0;

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

struct TextPdf::Impl {
  std::string out;
  double width = 595.0;  // A4 in points
  double height = 842.0;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  double y = kMargin;

  void Show(const std::string& line, double size) {
    if (y + size * 1.4 > height - kMargin) {
      cairo_show_page(cr);
      y = kMargin;
    }
    cairo_move_to(cr, kMargin, y + size);
    cairo_show_text(cr, line.c_str());
    y += size * 1.4;
  }
};

TextPdf::TextPdf(bool landscape) : mImpl(std::make_unique<Impl>()) {
  if (landscape) std::swap(mImpl->width, mImpl->height);
  mImpl->surface = cairo_pdf_surface_create_for_stream(AppendBytes, &mImpl->out, mImpl->width, mImpl->height);
  mImpl->cr = cairo_create(mImpl->surface);
}

TextPdf::~TextPdf() {
  if (mImpl->cr) cairo_destroy(mImpl->cr);
  if (mImpl->surface) cairo_surface_destroy(mImpl->surface);
}

void TextPdf::Line(const std::string& text, double size, bool bold, double indent, bool mono) {
  Impl& d = *mImpl;
  cairo_select_font_face(d.cr, mono ? "monospace" : "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(d.cr, size);
  cairo_save(d.cr);
  cairo_translate(d.cr, indent, 0);
  const double width = d.width - 2 * kMargin - indent;
  for (const auto& paragraph : Split(text, '\n')) {
    if (mono) {
      d.Show(paragraph, size);
      continue;
    }
    std::string line;
    for (const auto& word : Split(paragraph, ' ')) {
      std::string candidate = line.empty() ? word : line + " " + word;
      cairo_text_extents_t ext;
      cairo_text_extents(d.cr, candidate.c_str(), &ext);
      if (ext.x_advance > width && !line.empty()) {
        d.Show(line, size);
        candidate = word;
      }
      line = candidate;
    }
    d.Show(line, size);
  }
  cairo_restore(d.cr);
}

void TextPdf::Gap(double points) { mImpl->y += points; }

void TextPdf::AddChart(const Chart& chart, double height) {
  Impl& d = *mImpl;
  height = std::min(height, d.height - 2 * kMargin);
  if (d.y + height > d.height - kMargin) {
    cairo_show_page(d.cr);
    d.y = kMargin;
  }
  cairo_save(d.cr);
  cairo_translate(d.cr, kMargin, d.y);
  detail::DrawChart(d.cr, chart, d.width - 2 * kMargin, height);
  cairo_restore(d.cr);
  d.y += height + 8;
}

Result<std::string> TextPdf::Finish() {
  Impl& d = *mImpl;
  cairo_show_page(d.cr);
  cairo_destroy(d.cr);
  d.cr = nullptr;
  cairo_surface_finish(d.surface);
  const auto st = cairo_surface_status(d.surface);
  cairo_surface_destroy(d.surface);
  d.surface = nullptr;
  if (st != CAIRO_STATUS_SUCCESS)
    return Fail(ErrorCode::Io, std::string("the PDF failed: ") + cairo_status_to_string(st));
  return std::move(d.out);
}

}  // namespace platedesk::report
