// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/report/Chart.h"

#include <memory>
#include <string>

namespace platedesk::report {

/// A PDF of wrapped lines, page after page (A4, portrait or landscape), for reports people print.
class TextPdf {
 public:
  explicit TextPdf(bool landscape = false);
  ~TextPdf();
  TextPdf(const TextPdf&) = delete;
  TextPdf& operator=(const TextPdf&) = delete;

  /// One paragraph, wrapped to the page at `indent` points from the margin; a new page when full.
  /// `mono`: a fixed-width face (hashes, signed notes), broken at newlines only.
  void Line(const std::string& text, double size = 9, bool bold = false, double indent = 0, bool mono = false);
  void Gap(double points);
  /// A chart across the page's width, `height` points tall (a new page first when it does not fit).
  void AddChart(const Chart& chart, double height);
  /// The finished document. Errors: Io (cairo failed).
  [[nodiscard]] Result<std::string> Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::report
