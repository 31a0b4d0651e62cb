// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Catalog.h"
#include "Random.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::demo {

/// One simulated vehicle (compact: the 10-million-read demo has 1.7 million of them).
struct Vehicle {
  std::array<char, 13> printed{};  ///< plate text as printed ("ABC 1234"), NUL-terminated
  std::uint8_t state = 0;          ///< index into Fleet::StateCode
  std::uint8_t colour = 0;         ///< index into Catalog::colours
  std::uint16_t model = 0;         ///< index into Catalog::models
  std::uint16_t year = 0;          ///< model year

  [[nodiscard]] std::string_view Printed() const { return std::string_view(printed.data()); }
};

/// The demo fleet: unique (state, plate) pairs, a Seattle-skewed state mix, and a heavy-tailed
/// visit frequency (a few vehicles pass cameras daily, most once or twice a month).
/// Immutable after construction; the same (catalog, seed, count) gives the same fleet.
class Fleet {
 public:
  Fleet(const Catalog& catalog, std::uint64_t seed, std::size_t count);

  [[nodiscard]] std::size_t Size() const { return mVehicles.size(); }
  [[nodiscard]] const Vehicle& operator[](std::size_t i) const { return mVehicles[i]; }
  /// A vehicle index drawn by visit frequency. Requires Size() > 0.
  [[nodiscard]] std::uint32_t Pick(Rng& rng) const;
  /// Two-letter code of a state index.
  [[nodiscard]] const std::string& StateCode(int state) const { return mStateCodes[static_cast<std::size_t>(state)]; }
  /// The plate style of a state index (the '*' style for unlisted states).
  [[nodiscard]] const StateStyle& Style(int state) const;
  /// What the plate says at the top ("Washington", "Vermont").
  [[nodiscard]] const std::string& PlateName(int state) const { return mPlateNames[static_cast<std::size_t>(state)]; }

 private:
  void MakeVehicle(std::uint64_t seed, std::size_t index, std::uint32_t attempt, Vehicle& out) const;

  const Catalog& mCatalog;
  std::vector<std::string> mStateCodes;
  std::vector<std::string> mPlateNames;
  std::vector<int> mStyleOf;                           // state index -> index into Catalog::states
  std::vector<std::int64_t> mStateSums;                // over Catalog::states
  std::vector<std::vector<std::int64_t>> mFormatSums;  // per Catalog::states entry
  std::vector<std::int64_t> mColourSums;
  std::vector<std::int64_t> mModelSums;
  std::vector<Vehicle> mVehicles;
  std::vector<double> mCumulative;  // running sum of visit weights
};

/// Picks an index from integer weights (running sums) with rng; requires a positive total.
[[nodiscard]] std::size_t PickWeighted(const std::vector<std::int64_t>& cumulative, Rng& rng);
/// Running sums of weights.
[[nodiscard]] std::vector<std::int64_t> RunningSums(const std::vector<std::int64_t>& weights);

}  // namespace platedesk::demo
