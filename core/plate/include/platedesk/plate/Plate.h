// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace platedesk::plate {

/// Longest normalised plate PlateDesk stores (US plates have at most 8; some regions 10).
inline constexpr std::size_t kMaxPlateLength = 12;

/// Normalises plate text as reported by a camera: upper-cases ASCII letters and keeps only A-Z
/// and 0-9 (spaces, '-', '.', '·' and anything else are dropped). "abc-1234" -> "ABC1234".
[[nodiscard]] std::string NormalisePlate(std::string_view reported);

/// True if text is a non-empty normalised plate of at most kMaxPlateLength characters.
[[nodiscard]] bool IsNormalisedPlate(std::string_view text);

/// One US state, district or territory.
struct StateInfo {
  std::string_view code;  ///< two-letter USPS code, upper case ("MO")
  std::string_view name;  ///< "Missouri"
};

/// The 50 states, DC and the territories PlateDesk knows, sorted by code.
[[nodiscard]] std::span<const StateInfo> UsStates();

/// Maps a camera's region to a state code: "us-mo", "mo", "MO", "US-MO" -> "MO". Returns nullopt
/// for anything that is not a known US state/territory (e.g. "fr", "eu-pl", "").
[[nodiscard]] std::optional<std::string> StateFromRegion(std::string_view region);

}  // namespace platedesk::plate
