// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/ingest/ImageCheck.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <exception>

namespace platedesk::ingest {
namespace {

Error Corrupt(std::string message) { return Fail(ErrorCode::Corrupt, std::move(message)); }

unsigned Byte(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }

// Walks the JPEG marker segments up to the first scan to find the frame size, then requires the
// end-of-image marker after the scan (FF D9 cannot occur inside entropy-coded data).
Result<ImageFacts> JpegFacts(std::string_view b) {
  std::size_t i = 2;
  int width = 0;
  int height = 0;
  while (true) {
    if (i >= b.size()) return Corrupt("JPEG ends before its image data");
    if (Byte(b, i) != 0xFF) return Corrupt("JPEG marker expected at byte " + std::to_string(i));
    while (i < b.size() && Byte(b, i) == 0xFF) ++i;  // fill bytes
    if (i >= b.size()) return Corrupt("JPEG ends before its image data");
    const unsigned marker = Byte(b, i);
    ++i;
    if (marker == 0xD8 || marker == 0xD9) return Corrupt("JPEG has a misplaced start/end marker");
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;  // no length
    if (i + 2 > b.size()) return Corrupt("JPEG segment is cut");
    const std::size_t length = (Byte(b, i) << 8) | Byte(b, i + 1);
    if (length < 2 || i + length > b.size()) return Corrupt("JPEG segment is cut");
    const bool sof = (marker >= 0xC0 && marker <= 0xCF) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (length < 8) return Corrupt("JPEG frame header is too short");
      height = static_cast<int>((Byte(b, i + 3) << 8) | Byte(b, i + 4));
      width = static_cast<int>((Byte(b, i + 5) << 8) | Byte(b, i + 6));
    }
    i += length;
    if (marker == 0xDA) break;  // start of scan: entropy-coded data follows
  }
  if (width == 0 || height == 0) return Corrupt("JPEG has no frame size before its image data");
  bool end = false;
  for (std::size_t k = i; k + 1 < b.size(); ++k) {
    if (Byte(b, k) == 0xFF && Byte(b, k + 1) == 0xD9) {
      end = true;
      break;
    }
  }
  if (!end) return Corrupt("JPEG is cut: no end-of-image marker");
  return ImageFacts{"image/jpeg", width, height};
}

Result<ImageFacts> PngFacts(std::string_view b) {
  if (b.size() < 8 + 25 + 12) return Corrupt("PNG is too short");
  if (b.substr(12, 4) != "IHDR") return Corrupt("PNG does not start with IHDR");
  auto be32 = [&](std::size_t i) {
    return (static_cast<std::uint32_t>(Byte(b, i)) << 24) | (Byte(b, i + 1) << 16) | (Byte(b, i + 2) << 8) |
           Byte(b, i + 3);
  };
  const std::uint32_t w = be32(16);
  const std::uint32_t h = be32(20);
  if (b.substr(b.size() - 8, 4) != "IEND") return Corrupt("PNG is cut: no IEND chunk at the end");
  if (w > 0x7FFFFFFF || h > 0x7FFFFFFF) return Corrupt("PNG size is out of range");
  return ImageFacts{"image/png", static_cast<int>(w), static_cast<int>(h)};
}

}  // namespace

Result<ImageFacts> CheckImage(std::string_view bytes) {
  if (bytes.empty()) return Corrupt("image is empty");
  Result<ImageFacts> facts = Corrupt("not a JPEG or PNG image");
  if (bytes.size() >= 3 && Byte(bytes, 0) == 0xFF && Byte(bytes, 1) == 0xD8 && Byte(bytes, 2) == 0xFF) {
    facts = JpegFacts(bytes);
  } else if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    facts = PngFacts(bytes);
  }
  if (!facts) return facts;
  const int w = facts->width;
  const int h = facts->height;
  if (w < kMinImageSide || h < kMinImageSide || w > kMaxImageSide || h > kMaxImageSide ||
      static_cast<long long>(w) * h > kMaxImagePixels)
    return Corrupt("image size " + std::to_string(w) + "x" + std::to_string(h) + " is out of range");
  try {
    // Decoding at half size still runs the whole entropy decoder (catching corrupt data) at a
    // fraction of the cost of a full decode.
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    const cv::Mat img = cv::imdecode(raw, cv::IMREAD_REDUCED_GRAYSCALE_2);
    if (img.empty()) return Corrupt("image does not decode");
  } catch (const std::exception& e) {
    return Corrupt(std::string("image does not decode: ") + e.what());
  }
  return facts;
}

}  // namespace platedesk::ingest
