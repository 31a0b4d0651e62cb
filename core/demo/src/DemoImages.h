// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Catalog.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace platedesk::demo {

/// An encoded image and its pixel size.
struct EncodedImage {
  std::string bytes;  ///< JPEG; empty when encoding failed
  int width = 0;
  int height = 0;
};

/// How a plate looks: what is printed and the state's colours.
struct PlateLook {
  std::string printed;    ///< "ABC 1234"
  std::string stateName;  ///< "Washington"
  Rgb background, nameColour, characters;
};

/// A 240x120 JPEG plate crop: the plate (state name at the top, the characters large) on the
/// bumper, slightly tilted and soft like a camera crop. `variation` picks tilt and lighting;
/// the same inputs give the same bytes. Thread-safe.
[[nodiscard]] EncodedImage RenderPlateCrop(const PlateLook& look, Rgb bumper, std::uint64_t variation);

/// A 480x320 JPEG overview: the rear of a car of the given colour and body type on the road,
/// with the plate readable on it. Deterministic like RenderPlateCrop. Thread-safe.
[[nodiscard]] EncodedImage RenderVehicleOverview(const PlateLook& look, Rgb body, std::string_view bodyType,
                                                 std::uint64_t variation);

}  // namespace platedesk::demo
