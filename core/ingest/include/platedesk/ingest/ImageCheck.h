// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <string>
#include <string_view>

namespace platedesk::ingest {

/// Smallest and largest accepted image side, in pixels.
inline constexpr int kMinImageSide = 4;
inline constexpr int kMaxImageSide = 16384;
/// Largest accepted image area, in pixels (a 12K x 8K frame).
inline constexpr long long kMaxImagePixels = 100'000'000;

/// What an accepted image is.
struct ImageFacts {
  std::string mime;  ///< "image/jpeg" or "image/png"
  int width = 0;
  int height = 0;
};

/// Checks that bytes are one complete JPEG or PNG of sane size that OpenCV decodes: the header
/// names a size within [kMinImageSide, kMaxImageSide] and kMaxImagePixels (checked before any
/// pixel is decoded), the data is not cut (a JPEG has its end-of-image marker after the scan,
/// a PNG ends with IEND), and cv::imdecode succeeds. Thread-safe; never throws.
/// Errors: Corrupt, with a message saying what is wrong.
[[nodiscard]] Result<ImageFacts> CheckImage(std::string_view bytes);

}  // namespace platedesk::ingest
