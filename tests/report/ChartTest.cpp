// SPDX-License-Identifier: GPL-3.0-or-later
// The one chart drawing, looked at as pixels: bars stand where their values are, stacked series
// stay apart in grey alone (a black-and-white print), hostile values and sizes neither hang nor
// crash, and the SVG and PDF forms are whole documents.
#include "platedesk/report/Chart.h"
#include "platedesk/report/TextPdf.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cmath>
#include <limits>

using namespace platedesk;
using namespace platedesk::report;

namespace {

// The grey level (0 black .. 255 white) of a pixel, as a black-and-white printer would print it.
int Grey(const ChartImage& image, int x, int y) {
  const std::size_t i =
      (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 3;
  return (image.rgb[i] * 299 + image.rgb[i + 1] * 587 + image.rgb[i + 2] * 114) / 1000;
}

// Pixels darker than paper in the columns [x0, x1).
std::size_t InkIn(const ChartImage& image, int x0, int x1) {
  std::size_t n = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = x0; x < x1; ++x) n += Grey(image, x, y) < 200 ? 1 : 0;
  return n;
}

Chart Days(std::vector<double> values) {
  Chart c;
  c.title = "Searches per day";
  c.valueLabel = "searches";
  for (std::size_t i = 0; i < values.size(); ++i) c.categories.push_back("11-" + std::to_string(10 + i));
  c.series.push_back({"d.reyes", std::move(values)});
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ChartDrawing)

BOOST_AUTO_TEST_CASE(ABarStandsWhereItsValueIs) {
  // Ten days, searches on the first two only: the left of the plot carries ink, the right none
  // beyond its gridlines.
  auto image = RenderChart(Days({9, 7, 0, 0, 0, 0, 0, 0, 0, 0}), 600, 300);
  BOOST_TEST_REQUIRE(image.Ok());
  BOOST_TEST(image->width == 600);
  BOOST_TEST(image->height == 300);
  BOOST_TEST(image->rgb.size() == 600u * 300u * 3u);
  const std::size_t left = InkIn(*image, 60, 160);
  const std::size_t right = InkIn(*image, 480, 580);
  BOOST_TEST(left > right * 5, "left " << left << ", right " << right);
  // The same days with the searches moved to the end: the ink moves with them.
  auto moved = RenderChart(Days({0, 0, 0, 0, 0, 0, 0, 0, 7, 9}), 600, 300);
  BOOST_TEST_REQUIRE(moved.Ok());
  BOOST_TEST(InkIn(*moved, 480, 580) > InkIn(*moved, 60, 160) * 5);
}

BOOST_AUTO_TEST_CASE(StackedSeriesStayApartInGrey) {
  // One day, two users with the same count: the bar's lower half is the first series, its upper
  // half the second; their grey levels (fill and hatching together) must differ clearly.
  Chart c = Days({5});
  c.series.push_back({"s.okafor", {5}});
  auto image = RenderChart(c, 400, 400);
  BOOST_TEST_REQUIRE(image.Ok());
  const int x = image->width / 2;
  std::vector<int> bar;  // rows of the bar in the middle column
  for (int y = 0; y < image->height; ++y)
    if (Grey(*image, x, y) < 245) bar.push_back(y);
  BOOST_TEST_REQUIRE(bar.size() > 100u);
  const int top = bar.front(), bottom = bar.back(), h = bottom - top;
  auto mean = [&](int y0, int y1) {
    long sum = 0;
    for (int y = y0; y < y1; ++y)
      for (int dx = -20; dx <= 20; ++dx) sum += Grey(*image, x + dx, y);
    return static_cast<double>(sum) / ((y1 - y0) * 41);
  };
  const double upper = mean(top + h / 8, top + h * 3 / 8);
  const double lower = mean(bottom - h * 3 / 8, bottom - h / 8);
  BOOST_TEST(std::abs(upper - lower) > 40.0, "upper " << upper << ", lower " << lower);
}

BOOST_AUTO_TEST_CASE(AHeatMapIsDarkerWhereThereIsMore) {
  Chart c;
  c.kind = ChartKind::HeatMap;
  c.title = "By hour";
  c.categories = {"00", "01", "02", "03"};
  c.series = {{"Mon", {0, 0, 0, 40}}, {"Tue", {0, 0, 0, 0}}};
  auto image = RenderChart(c, 400, 200);
  BOOST_TEST_REQUIRE(image.Ok());
  // The busiest cell (Mon, 03) is the right quarter of the grid's upper half: darker than the
  // empty cell to its left.
  long busy = 0, empty = 0;
  for (int y = 70; y < 90; ++y)
    for (int dx = 0; dx < 20; ++dx) {
      busy += Grey(*image, 340 + dx, y);
      empty += Grey(*image, 250 + dx, y);
    }
  BOOST_TEST(busy < empty / 2, "busy " << busy << ", empty " << empty);
}

BOOST_AUTO_TEST_CASE(HostileValuesAndSizesNeitherHangNorCrash) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Chart c = Days({inf, nan, -5, 1e300, 3});
  c.series.push_back({std::string(500, 'x') + "\xC3\xA9\xC3\xA9", {1e300, 1e300}});
  BOOST_TEST(std::isfinite(ChartTotal(c)));
  BOOST_TEST(ChartTotal(c) > 0);
  const auto start = std::chrono::steady_clock::now();
  BOOST_TEST(RenderChart(c, 300, 200).Ok());
  // Many categories and series, drawn in a small box.
  Chart many;
  for (int i = 0; i < 5000; ++i) many.categories.push_back(std::to_string(i));
  for (int s = 0; s < 50; ++s) many.series.push_back({"u" + std::to_string(s), std::vector<double>(5000, 1.0)});
  BOOST_TEST(RenderChart(many, 200, 120).Ok());
  many.kind = ChartKind::HeatMap;
  BOOST_TEST(RenderChart(many, 200, 120).Ok());
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(20)));
  // Nothing to draw: a chart saying so, not an error.
  BOOST_TEST(RenderChart(Chart{}, 300, 200).Ok());
  BOOST_TEST(ChartTotal(Chart{}) == 0.0);
  for (auto [w, h] : {std::pair{0, 100}, {79, 100}, {100, 59}, {9000, 100}, {-1, -1}}) {
    BOOST_TEST((RenderChart(c, w, h).Err().code == ErrorCode::InvalidArgument));
    BOOST_TEST((ChartSvg(c, w, h).Err().code == ErrorCode::InvalidArgument));
  }
}

BOOST_AUTO_TEST_CASE(SvgAndPdfAreWholeDocuments) {
  auto svg = ChartSvg(Days({1, 2, 3}), 600, 240);
  BOOST_TEST_REQUIRE(svg.Ok());
  BOOST_TEST(svg->rfind("<?xml", 0) == 0u);
  BOOST_TEST(svg->find("<svg") != std::string::npos);
  BOOST_TEST(svg->find("width=\"600pt\"") != std::string::npos);
  BOOST_TEST(svg->find("</svg>") != std::string::npos);

  TextPdf plain;
  plain.Line("Audit review");
  auto without = plain.Finish();
  TextPdf charted;
  charted.Line("Audit review");
  charted.AddChart(Days({1, 2, 3}), 220);
  charted.AddChart(Days({4, 5, 6}), 5000);  // taller than a page: one page high
  auto with = charted.Finish();
  BOOST_TEST_REQUIRE(without.Ok());
  BOOST_TEST_REQUIRE(with.Ok());
  BOOST_TEST(with->rfind("%PDF", 0) == 0u);
  BOOST_TEST(with->size() > without->size());
  // Two charts that do not share a page make two more pages.
  auto pages = [](const std::string& pdf) {
    std::size_t n = 0;
    for (std::size_t at = pdf.find("/Type /Page %"); at != std::string::npos; at = pdf.find("/Type /Page %", at + 1))
      ++n;
    return n;
  };
  BOOST_TEST(pages(*with) >= 2u);
}

BOOST_AUTO_TEST_SUITE_END()
