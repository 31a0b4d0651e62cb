// SPDX-License-Identifier: GPL-3.0-or-later
#include "Fleet.h"

#include "platedesk/plate/Plate.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace platedesk::demo {
namespace {

constexpr std::uint64_t kFleetStream = 0x466C656574ull;  // "Fleet"
constexpr std::uint64_t kVisitStream = 0x5669736974ull;  // "Visit"
// Serial letters: I, O and Q are not issued by most states.
constexpr std::string_view kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
// Cap on a vehicle's visit weight relative to the smallest (1): the most frequent vehicles pass
// about 150 times as often as a once-a-month visitor, like a delivery van or a taxi.
constexpr double kMaxVisitWeight = 150.0;

std::uint64_t Fnv1a(std::string_view a, std::string_view b) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (char c : a) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  h = (h ^ 0xFFu) * 0x100000001B3ull;
  for (char c : b) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return h;
}

}  // namespace

std::vector<std::int64_t> RunningSums(const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> out(weights.size());
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) out[i] = (sum += weights[i]);
  return out;
}

std::size_t PickWeighted(const std::vector<std::int64_t>& cumulative, Rng& rng) {
  const auto target = static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(cumulative.back())));
  return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin());
}

Fleet::Fleet(const Catalog& catalog, std::uint64_t seed, std::size_t count) : mCatalog(catalog) {
  for (std::size_t i = 0; i < catalog.states.size(); ++i) {
    if (static_cast<int>(i) == catalog.wildcard) continue;
    mStateCodes.push_back(catalog.states[i].code);
    mPlateNames.push_back(catalog.states[i].plateName);
    mStyleOf.push_back(static_cast<int>(i));
  }
  for (const auto& code : catalog.others) {
    mStateCodes.push_back(code);
    mPlateNames.push_back(Catalog::StateName(code));
    mStyleOf.push_back(catalog.wildcard);
  }

  std::vector<std::int64_t> weights;
  for (const auto& st : catalog.states) weights.push_back(st.weight);
  mStateSums = RunningSums(weights);
  for (const auto& st : catalog.states) {
    weights.clear();
    for (int f : st.formats) weights.push_back(catalog.formats[static_cast<std::size_t>(f)].weight);
    mFormatSums.push_back(RunningSums(weights));
  }
  weights.clear();
  for (const auto& c : catalog.colours) weights.push_back(c.weight);
  mColourSums = RunningSums(weights);
  weights.clear();
  for (const auto& m : catalog.models) weights.push_back(m.weight);
  mModelSums = RunningSums(weights);

  mVehicles.resize(count);
  for (std::size_t i = 0; i < count; ++i) MakeVehicle(seed, i, 0, mVehicles[i]);

  // Make (state, plate) unique: regenerate later duplicates until none is left.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys(count);
  for (std::uint32_t attempt = 1;; ++attempt) {
    for (std::size_t i = 0; i < count; ++i)
      keys[i] = {Fnv1a(StateCode(mVehicles[i].state), plate::NormalisePlate(mVehicles[i].Printed())),
                 static_cast<std::uint32_t>(i)};
    std::sort(keys.begin(), keys.end());
    bool changed = false;
    for (std::size_t i = 1; i < count; ++i) {
      if (keys[i].first != keys[i - 1].first) continue;
      MakeVehicle(seed, keys[i].second, attempt, mVehicles[keys[i].second]);
      changed = true;
    }
    if (!changed) break;
  }

  // Visit weights: Pareto-like u^-0.75 (sqrt only, so it is bit-identical everywhere), capped.
  mCumulative.resize(count);
  Rng rng(MixSeed({seed, kVisitStream}));
  double sum = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const double u = 1.0 - rng.Uniform();  // (0, 1]
    const double w = std::min(kMaxVisitWeight, 1.0 / (std::sqrt(u) * std::sqrt(std::sqrt(u))));
    mCumulative[i] = (sum += w);
  }
}

void Fleet::MakeVehicle(std::uint64_t seed, std::size_t index, std::uint32_t attempt, Vehicle& out) const {
  Rng rng(MixSeed({seed, kFleetStream, index, attempt}));
  // State: listed states by weight; '*' spreads its weight over the other states.
  const std::size_t styleIndex = PickWeighted(mStateSums, rng);
  int state = 0;
  if (static_cast<int>(styleIndex) == mCatalog.wildcard) {
    state = static_cast<int>(mStateCodes.size() - mCatalog.others.size() + rng.Below(mCatalog.others.size()));
  } else {
    state =
        static_cast<int>(std::find(mStyleOf.begin(), mStyleOf.end(), static_cast<int>(styleIndex)) - mStyleOf.begin());
  }
  const StateStyle& style = mCatalog.states[styleIndex];
  const auto& pattern =
      mCatalog.formats[static_cast<std::size_t>(style.formats[PickWeighted(mFormatSums[styleIndex], rng)])].pattern;

  out.printed.fill('\0');
  std::size_t n = 0;
  for (char p : pattern) {
    if (n + 1 >= out.printed.size()) break;
    char c = p;
    if (p == '@')
      c = kLetters[rng.Below(kLetters.size())];
    else if (p == '#')
      c = static_cast<char>('0' + rng.Below(10));
    out.printed[n++] = c;
  }
  out.state = static_cast<std::uint8_t>(state);

  out.colour = static_cast<std::uint8_t>(PickWeighted(mColourSums, rng));
  out.model = static_cast<std::uint16_t>(PickWeighted(mModelSums, rng));
  const auto& model = mCatalog.models[out.model];
  // Newer model years are more common: sqrt skews the uniform towards 1.
  const int span = model.lastYear - model.firstYear + 1;
  out.year = static_cast<std::uint16_t>(model.firstYear +
                                        std::min(span - 1, static_cast<int>(span * std::sqrt(rng.Uniform()))));
}

std::uint32_t Fleet::Pick(Rng& rng) const {
  const double target = rng.Uniform() * mCumulative.back();
  const auto it = std::upper_bound(mCumulative.begin(), mCumulative.end(), target);
  return static_cast<std::uint32_t>(
      std::min<std::size_t>(static_cast<std::size_t>(it - mCumulative.begin()), mCumulative.size() - 1));
}

const StateStyle& Fleet::Style(int state) const {
  return mCatalog.states[static_cast<std::size_t>(mStyleOf[static_cast<std::size_t>(state)])];
}

}  // namespace platedesk::demo
