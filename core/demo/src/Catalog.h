// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace platedesk::demo {

/// An sRGB colour from the resource files.
struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

/// A registration state of the demo fleet and how its plates look.
struct StateStyle {
  std::string code;       ///< "WA"
  std::string plateName;  ///< printed on the plate ("Washington")
  int weight = 0;         ///< per mille of vehicles (for '*': spread over the other states)
  Rgb background, nameColour, characters;
  std::vector<int> formats;  ///< indices into Catalog::formats
};

/// One plate pattern: '@' serial letter, '#' digit, other characters literal.
struct PlateFormat {
  std::string state;  ///< code or "*"
  int weight = 0;
  std::string pattern;
};

struct VehicleModel {
  std::string make, model, body;
  int firstYear = 0, lastYear = 0, weight = 0;
};

struct VehicleColour {
  std::string name;
  int weight = 0;
  Rgb rgb;
  std::vector<int> similar;  ///< indices into Catalog::colours, most confusable first
};

struct Site {
  std::string name;
  double latitude = 0, longitude = 0;
  double axisDeg = 0;  ///< street direction
  int weight = 1;      ///< relative traffic
  bool ramp = false;
};

struct LatLon {
  double latitude = 0, longitude = 0;
};

struct PatrolRoute {
  std::string unitPrefix, precinct;
  std::vector<LatLon> points;
};

/// The demo's tables, parsed from the embedded resources/demo/*.tsv. Immutable after Load.
struct Catalog {
  /// Listed states first; states[wildcard] is the '*' entry; `others` are the codes '*' covers.
  std::vector<StateStyle> states;
  int wildcard = -1;
  std::vector<std::string> others;
  std::vector<PlateFormat> formats;
  std::vector<VehicleModel> models;
  std::vector<VehicleColour> colours;
  std::vector<Site> sites;
  std::vector<Site> portableSites;
  std::vector<PatrolRoute> patrolRoutes;
  std::array<int, 24> weekdayTraffic{};  ///< per mille of a weekday, by local hour
  std::array<int, 24> weekendTraffic{};

  /// Parses the embedded files. Errors: Internal (a resource is missing or malformed: a bug).
  [[nodiscard]] static Result<Catalog> Load();
  /// Plate name of a state code outside the listed ones ("Vermont").
  [[nodiscard]] static std::string StateName(const std::string& code);
};

}  // namespace platedesk::demo
