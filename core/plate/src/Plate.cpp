// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/plate/Plate.h"

#include "platedesk/common/Text.h"

#include <algorithm>
#include <array>

namespace platedesk::plate {
namespace {

constexpr std::array<StateInfo, 56> kStates{{
    {"AK", "Alaska"},
    {"AL", "Alabama"},
    {"AR", "Arkansas"},
    {"AS", "American Samoa"},
    {"AZ", "Arizona"},
    {"CA", "California"},
    {"CO", "Colorado"},
    {"CT", "Connecticut"},
    {"DC", "District of Columbia"},
    {"DE", "Delaware"},
    {"FL", "Florida"},
    {"GA", "Georgia"},
    {"GU", "Guam"},
    {"HI", "Hawaii"},
    {"IA", "Iowa"},
    {"ID", "Idaho"},
    {"IL", "Illinois"},
    {"IN", "Indiana"},
    {"KS", "Kansas"},
    {"KY", "Kentucky"},
    {"LA", "Louisiana"},
    {"MA", "Massachusetts"},
    {"MD", "Maryland"},
    {"ME", "Maine"},
    {"MI", "Michigan"},
    {"MN", "Minnesota"},
    {"MO", "Missouri"},
    {"MP", "Northern Mariana Islands"},
    {"MS", "Mississippi"},
    {"MT", "Montana"},
    {"NC", "North Carolina"},
    {"ND", "North Dakota"},
    {"NE", "Nebraska"},
    {"NH", "New Hampshire"},
    {"NJ", "New Jersey"},
    {"NM", "New Mexico"},
    {"NV", "Nevada"},
    {"NY", "New York"},
    {"OH", "Ohio"},
    {"OK", "Oklahoma"},
    {"OR", "Oregon"},
    {"PA", "Pennsylvania"},
    {"PR", "Puerto Rico"},
    {"RI", "Rhode Island"},
    {"SC", "South Carolina"},
    {"SD", "South Dakota"},
    {"TN", "Tennessee"},
    {"TX", "Texas"},
    {"UT", "Utah"},
    {"VA", "Virginia"},
    {"VI", "U.S. Virgin Islands"},
    {"VT", "Vermont"},
    {"WA", "Washington"},
    {"WI", "Wisconsin"},
    {"WV", "West Virginia"},
    {"WY", "Wyoming"},
}};

}  // namespace

std::string NormalisePlate(std::string_view reported) {
  std::string out;
  out.reserve(reported.size());
  for (char c : reported) {
    if (c >= 'a' && c <= 'z')
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      out.push_back(c);
  }
  return out;
}

bool IsNormalisedPlate(std::string_view text) {
  if (text.empty() || text.size() > kMaxPlateLength) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

std::span<const StateInfo> UsStates() { return kStates; }

std::optional<std::string> StateFromRegion(std::string_view region) {
  std::string r = ToUpperAscii(Trim(region));
  if (r.size() == 5 && r.compare(0, 3, "US-") == 0) r = r.substr(3);
  if (r.size() != 2) return std::nullopt;
  const auto it = std::lower_bound(kStates.begin(), kStates.end(), r,
                                   [](const StateInfo& s, const std::string& code) { return s.code < code; });
  if (it == kStates.end() || it->code != r) return std::nullopt;
  return r;
}

}  // namespace platedesk::plate
