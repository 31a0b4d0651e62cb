// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/demo/SampleImages.h"

#include "DemoImages.h"

namespace platedesk::demo {

namespace {

PlateLook Look(std::string_view plate) {
  PlateLook look;
  look.printed = std::string(plate);
  look.stateName = "Washington";
  look.background = {238, 238, 242};
  look.nameColour = {30, 60, 140};
  look.characters = {20, 40, 110};
  return look;
}

}  // namespace

std::string SampleOverviewJpeg(std::string_view plate, std::uint64_t variation) {
  static constexpr Rgb kBodies[] = {{180, 180, 186}, {30, 30, 34}, {150, 20, 24}, {230, 230, 232}, {40, 70, 130}};
  const Rgb body = kBodies[variation % (sizeof kBodies / sizeof kBodies[0])];
  return RenderVehicleOverview(Look(plate), body, variation % 2 ? "suv" : "sedan", variation).bytes;
}

std::string SamplePlateCropJpeg(std::string_view plate, std::uint64_t variation) {
  return RenderPlateCrop(Look(plate), {60, 60, 64}, variation).bytes;
}

}  // namespace platedesk::demo
