// SPDX-License-Identifier: GPL-3.0-or-later
#include "DemoImages.h"

#include "Random.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <exception>
#include <vector>

namespace platedesk::demo {
namespace {

cv::Scalar Bgr(Rgb c, double scale = 1.0) {
  auto s = [&](std::uint8_t v) { return std::clamp(v * scale, 0.0, 255.0); };
  return cv::Scalar(s(c.b), s(c.g), s(c.r));
}

// Images are rendered into buffers reused per thread: a fresh 460 KB cv::Mat per image costs more
// in page faults than the drawing itself.
// Crops and overviews have their own pair, so neither is reallocated when the size changes.
struct Buffers {
  cv::Mat cropCanvas, cropScratch;
  cv::Mat overviewCanvas, overviewScratch;
  std::vector<uchar> jpeg;
};

Buffers& ThreadBuffers() {
  thread_local Buffers buffers;
  return buffers;
}

EncodedImage Encode(const cv::Mat& image, int quality) {
  EncodedImage out;
  std::vector<uchar>& buf = ThreadBuffers().jpeg;
  // Baseline JPEG without optimisation flags: byte-identical for identical pixels.
  if (!cv::imencode(".jpg", image, buf, {cv::IMWRITE_JPEG_QUALITY, quality})) return out;
  out.bytes.assign(reinterpret_cast<const char*>(buf.data()), buf.size());
  out.width = image.cols;
  out.height = image.rows;
  return out;
}

// Draws text centred horizontally at baseline y, scaled to fit maxWidth.
void CentredText(cv::Mat& img, const std::string& text, int centreX, int baselineY, int maxWidth, double scale,
                 int font, cv::Scalar colour, int thickness) {
  int base = 0;
  cv::Size size = cv::getTextSize(text, font, scale, thickness, &base);
  if (size.width > maxWidth) {
    scale *= static_cast<double>(maxWidth) / size.width;
    size = cv::getTextSize(text, font, scale, thickness, &base);
  }
  cv::putText(img, text, cv::Point(centreX - size.width / 2, baselineY), font, scale, colour, thickness, cv::LINE_AA);
}

// A plate drawn into rect: background, border, state name on top, characters in the middle.
void DrawPlate(cv::Mat& img, const cv::Rect& r, const PlateLook& look) {
  cv::rectangle(img, r, Bgr(look.background), cv::FILLED, cv::LINE_AA);
  cv::rectangle(img, r, Bgr(look.characters, 0.8), std::max(1, r.height / 40), cv::LINE_AA);
  const int cx = r.x + r.width / 2;
  CentredText(img, look.stateName, cx, r.y + r.height * 22 / 100, r.width * 70 / 100, r.height / 95.0,
              cv::FONT_HERSHEY_TRIPLEX, Bgr(look.nameColour), std::max(1, r.height / 60));
  CentredText(img, look.printed, cx, r.y + r.height * 80 / 100, r.width * 88 / 100, r.height / 36.0,
              cv::FONT_HERSHEY_DUPLEX, Bgr(look.characters), std::max(1, r.height / 18));
}

}  // namespace

EncodedImage RenderPlateCrop(const PlateLook& look, Rgb bumper, std::uint64_t variation) {
  try {
    Rng rng(variation);
    Buffers& b = ThreadBuffers();
    b.cropCanvas.create(120, 240, CV_8UC3);
    b.cropCanvas.setTo(Bgr(bumper, 0.55));
    cv::Mat& img = b.cropCanvas;
    cv::Mat& scratch = b.cropScratch;
    DrawPlate(img, cv::Rect(16, 14, 208, 96), look);
    // Four bolts.
    for (int bx : {40, 200})
      for (int by : {22, 102})
        cv::circle(img, cv::Point(bx, by), 3, cv::Scalar(120, 120, 120), cv::FILLED, cv::LINE_AA);
    // A slight tilt and uneven light, then camera softness.
    const double angle = rng.Uniform(-4.0, 4.0);
    const cv::Mat rot = cv::getRotationMatrix2D(cv::Point2f(120, 60), angle, 1.0);
    cv::warpAffine(img, scratch, rot, img.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    scratch.convertTo(img, -1, rng.Uniform(0.8, 1.05), rng.Uniform(-20.0, 10.0));
    cv::GaussianBlur(img, scratch, cv::Size(3, 3), 0.8);
    return Encode(scratch, 85);
  } catch (const std::exception&) {
    return {};
  }
}

EncodedImage RenderVehicleOverview(const PlateLook& look, Rgb body, std::string_view bodyType,
                                   std::uint64_t variation) {
  try {
    Rng rng(variation);
    const int w = 480, h = 320;
    Buffers& b = ThreadBuffers();
    b.overviewCanvas.create(h, w, CV_8UC3);
    cv::Mat& img = b.overviewCanvas;
    // Asphalt, darker towards the top, with a lane line.
    const double light = rng.Uniform(0.75, 1.1);
    for (int y = 0; y < h; ++y) {
      const double v = (70 + 40.0 * y / h) * light;
      img.row(y).setTo(cv::Scalar(v, v, v * 1.02));
    }
    cv::line(img, cv::Point(30, h), cv::Point(90, 0), cv::Scalar(200, 200, 200) * light, 4, cv::LINE_AA);

    // Rear view of the car; taller for SUVs and vans, a bed for pickups.
    const bool tall = bodyType == "suv-crossover" || bodyType == "van" || bodyType == "minivan";
    const bool pickup = bodyType == "pickup";
    const int shift = rng.Range(-30, 30);
    const int left = 100 + shift, right = 380 + shift;
    const int roof = tall ? 50 : 80;
    const int beltline = tall ? 140 : 150;
    const int bottom = 268;
    // Tyres.
    cv::rectangle(img, cv::Rect(left + 10, bottom - 10, 44, 36), cv::Scalar(25, 25, 25), cv::FILLED);
    cv::rectangle(img, cv::Rect(right - 54, bottom - 10, 44, 36), cv::Scalar(25, 25, 25), cv::FILLED);
    // Cabin and window.
    const int inset = pickup ? 40 : 28;
    std::vector<cv::Point> cabin{
        {left + inset, beltline}, {left + inset + 22, roof}, {right - inset - 22, roof}, {right - inset, beltline}};
    cv::fillConvexPoly(img, cabin, Bgr(body), cv::LINE_AA);
    std::vector<cv::Point> window{{left + inset + 14, beltline - 8},
                                  {left + inset + 30, roof + 10},
                                  {right - inset - 30, roof + 10},
                                  {right - inset - 14, beltline - 8}};
    cv::fillConvexPoly(img, window, cv::Scalar(60, 50, 45), cv::LINE_AA);
    // Body, shaded: lighter at the top.
    cv::rectangle(img, cv::Rect(left, beltline, right - left, bottom - beltline), Bgr(body), cv::FILLED, cv::LINE_AA);
    cv::rectangle(img, cv::Rect(left, beltline, right - left, 18), Bgr(body, 1.15), cv::FILLED, cv::LINE_AA);
    // Tail lights and bumper.
    cv::rectangle(img, cv::Rect(left + 8, beltline + 22, 46, 26), cv::Scalar(30, 30, 190), cv::FILLED, cv::LINE_AA);
    cv::rectangle(img, cv::Rect(right - 54, beltline + 22, 46, 26), cv::Scalar(30, 30, 190), cv::FILLED, cv::LINE_AA);
    cv::rectangle(img, cv::Rect(left - 6, bottom - 26, right - left + 12, 22), Bgr(body, 0.45), cv::FILLED,
                  cv::LINE_AA);
    // The plate, readable.
    const int cx = (left + right) / 2;
    DrawPlate(img, cv::Rect(cx - 56, beltline + 56, 112, 56), look);
    cv::GaussianBlur(img, b.overviewScratch, cv::Size(3, 3), 0.7);
    return Encode(b.overviewScratch, 80);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace platedesk::demo
