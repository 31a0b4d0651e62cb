// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <initializer_list>

namespace platedesk::demo {

/// SplitMix64 step: advances state and returns the next 64-bit output.
inline std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Hashes a list of integers into one seed, so every part of the demo (fleet, a day, a commuter's
/// trip) gets its own independent stream regardless of the order in which parts are generated.
inline std::uint64_t MixSeed(std::initializer_list<std::uint64_t> parts) {
  std::uint64_t h = 0x6A09E667F3BCC908ull;
  for (std::uint64_t p : parts) {
    std::uint64_t s = h ^ (p * 0xD1B54A32D192ED03ull);
    h = SplitMix64(s);
  }
  return h;
}

/// xoshiro256** seeded through SplitMix64. Only integer arithmetic decides the bit stream, so the
/// same seed gives the same numbers with every compiler and standard library (std:: distributions
/// are deliberately not used: their output differs between implementations).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : mS) s = SplitMix64(seed);
  }

  /// Next 64 random bits.
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(mS[1] * 5, 7) * 9;
    const std::uint64_t t = mS[1] << 17;
    mS[2] ^= mS[0];
    mS[3] ^= mS[1];
    mS[1] ^= mS[2];
    mS[0] ^= mS[3];
    mS[2] ^= t;
    mS[3] = Rotl(mS[3], 45);
    return result;
  }

  /// Uniform integer in [0, n); 0 when n == 0 (multiply-shift, bias below 2^-40 for our sizes).
  std::uint64_t Below(std::uint64_t n) { return MulHi(Next(), n); }

  /// Uniform integer in [lo, hi].
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<std::uint64_t>(hi - lo + 1))); }

  /// Uniform double in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  /// Uniform double in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

  /// True with probability p.
  bool Chance(double p) { return Uniform() < p; }

  /// Roughly bell-shaped value in [-1, 1] (mean of three uniforms, rescaled).
  double Bell() { return (Uniform() + Uniform() + Uniform()) * (2.0 / 3.0) - 1.0; }

 private:
  // High 64 bits of a 64x64 product, portably (no __int128 on MSVC).
  static std::uint64_t MulHi(std::uint64_t a, std::uint64_t b) {
    const std::uint64_t aLo = a & 0xFFFFFFFFull, aHi = a >> 32, bLo = b & 0xFFFFFFFFull, bHi = b >> 32;
    const std::uint64_t lolo = aLo * bLo, lohi = aLo * bHi, hilo = aHi * bLo, hihi = aHi * bHi;
    const std::uint64_t mid = (lolo >> 32) + (lohi & 0xFFFFFFFFull) + (hilo & 0xFFFFFFFFull);
    return hihi + (lohi >> 32) + (hilo >> 32) + (mid >> 32);
  }
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t mS[4];
};

}  // namespace platedesk::demo
