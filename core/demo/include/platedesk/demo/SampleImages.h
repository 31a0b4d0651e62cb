// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace platedesk::demo {

/// A camera-like 480x320 JPEG overview of a car carrying `plate` (about 20-40 KB), for the camera
/// simulator and tests that need real images. Deterministic for the same inputs. Thread-safe.
[[nodiscard]] std::string SampleOverviewJpeg(std::string_view plate, std::uint64_t variation);

/// A 240x120 JPEG plate crop of `plate`. Deterministic. Thread-safe.
[[nodiscard]] std::string SamplePlateCropJpeg(std::string_view plate, std::uint64_t variation);

}  // namespace platedesk::demo
