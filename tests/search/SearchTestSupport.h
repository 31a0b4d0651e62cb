// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers for the search tests: a real storage in a temporary folder, a deterministic
// read generator, and a brute-force reference implementation of the search semantics.
#pragma once

#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"
#include "platedesk/search/Query.h"
#include "platedesk/store/Storage.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace platedesk::search::test {

inline constexpr UtcMs kStart = 1795503492123;  // 2026-11-24T06:58:12.123Z

/// splitmix64: small deterministic PRNG.
struct Rng {
  std::uint64_t state;
  explicit Rng(std::uint64_t seed) : state(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<std::uint64_t>(n)); }
  bool Chance(int percent) { return Below(100) < percent; }
};

/// A new storage in a temporary folder with a manual clock.
struct StorageFixture {
  TempFolder temp{"platedesk-search-test"};
  ManualClock clock{kStart};
  std::filesystem::path folder = temp.Path() / "storage";
  std::unique_ptr<store::Storage> storage;

  StorageFixture() {
    auto created = store::Storage::Create(folder, clock);
    if (!created) throw std::runtime_error("cannot create storage: " + created.Err().ToString());
    storage = std::move(*created);
  }

  store::CameraId Camera(const std::string& externalId, double lat, double lon, UtcMs from = kStart - 400 * kMsPerDay,
                         store::CameraKind kind = store::CameraKind::Fixed) {
    store::CameraLocation loc{lat, lon, "", from, std::nullopt};
    auto id = storage->EnsureCamera(externalId, externalId, kind, loc);
    if (!id) throw std::runtime_error("cannot create camera: " + id.Err().ToString());
    return *id;
  }

  store::ReadId Insert(const store::NewRead& read) {
    auto out = storage->InsertRead(read);
    if (!out) throw std::runtime_error("cannot insert read: " + out.Err().ToString());
    return out->id;
  }
};

/// A read with sensible defaults; uuid must be unique.
inline store::NewRead MakeRead(store::CameraId camera, const std::string& uuid, const std::string& plate,
                               UtcMs at = kStart - kMsPerHour) {
  store::NewRead r;
  r.sourceFormat = "demo";
  r.sourceUuid = uuid;
  r.capturedAt = at;
  r.camera = camera;
  r.plateReported = plate;
  r.plate = plate;
  r.state = "WA";
  r.confidence = 90;
  r.payloadSha256 = std::string(64, 'a');
  return r;
}

// ---------------------------------------------------------------------------------------------
// Reference semantics (deliberately naive).

/// The OCR pairs of the product issue, written out independently of the resource file.
inline bool RefOcrPair(char a, char b) {
  // A 128 x 128 table rather than a std::set: the reference calls this for every character of
  // every plate of every query (it was a sixth of the property test's time).
  static const std::array<std::array<bool, 128>, 128> pairs = [] {
    std::array<std::array<bool, 128>, 128> t{};
    const char* list[] = {"0O", "0D", "0Q", "OD", "OQ", "DQ", "1I", "2Z", "5S", "8B", "6G", "EF", "7Z"};
    for (const char* p : list) {
      t[static_cast<std::size_t>(p[0])][static_cast<std::size_t>(p[1])] = true;
      t[static_cast<std::size_t>(p[1])][static_cast<std::size_t>(p[0])] = true;
    }
    return t;
  }();
  auto ua = static_cast<unsigned char>(a);
  auto ub = static_cast<unsigned char>(b);
  return ua < 128 && ub < 128 && pairs[ua][ub];
}

/// One pattern element: star, or the set of accepted characters as typed.
struct RefToken {
  bool star = false;
  std::string chars;
};

/// Parses the pattern syntax naively (valid patterns only; the test generates valid ones).
inline std::vector<RefToken> RefParse(const std::string& text) {
  std::vector<RefToken> out;
  const std::string all = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
    if (c == ' ' || c == '-' || c == '.') continue;
    if (c == '*') {
      if (out.empty() || !out.back().star) out.push_back({true, ""});
    } else if (c == '?') {
      out.push_back({false, all});
    } else if (c == '[') {
      std::string set;
      for (++i; text[i] != ']'; ++i) {
        char s = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
        if (s == ' ') continue;
        if (s == '-') {
          char hi = static_cast<char>(std::toupper(static_cast<unsigned char>(text[++i])));
          for (char x = static_cast<char>(set.back() + 1); x <= hi; ++x) set += x;
        } else {
          set += s;
        }
      }
      out.push_back({false, set});
    } else {
      out.push_back({false, std::string(1, c)});
    }
  }
  return out;
}

using RefCost = std::pair<int, int>;  // (edits, OCR substitutions), compared lexicographically
inline constexpr RefCost kRefInf{1000, 0};

inline RefCost Add(RefCost a, int edits, int ocr) { return {a.first + edits, a.second + ocr}; }

/// Minimum (edits, ocr) to turn text into a string the tokens accept: cost(i, j) aligns text[i..]
/// with tokens[j..], filled bottom-up (i and j descending) straight from the recurrence.
inline RefCost RefMatch(const std::string& text, const std::vector<RefToken>& toks, bool ocr) {
  const std::size_t n = text.size();
  const std::size_t m = toks.size();
  std::vector<RefCost> cost((n + 1) * (m + 1));
  auto at = [&](std::size_t i, std::size_t j) -> RefCost& { return cost[i * (m + 1) + j]; };
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      RefCost best = kRefInf;
      if (j == m) {
        best = {static_cast<int>(n - i), 0};  // delete the rest of the plate
      } else if (toks[j].star) {
        best = at(i, j + 1);                             // empty run
        if (i < n) best = std::min(best, at(i + 1, j));  // eat one
      } else {
        best = Add(at(i, j + 1), 1, 0);  // insert the token's char into the plate
        if (i < n) {
          char c = text[i];
          bool exact = toks[j].chars.find(c) != std::string::npos;
          bool viaOcr = false;
          if (ocr) {
            for (char p : toks[j].chars) viaOcr = viaOcr || RefOcrPair(p, c);
          }
          RefCost next = at(i + 1, j + 1);
          best = std::min(best, exact ? next : viaOcr ? Add(next, 0, 1) : Add(next, 1, 0));  // match/OCR/substitute
          best = std::min(best, Add(at(i + 1, j), 1, 0));                                    // delete a plate char
        }
      }
      at(i, j) = best;
    }
  }
  return at(0, 0);
}

inline double RefDistanceKm(double lat1, double lon1, double lat2, double lon2) {
  const double r = 6371.0088;
  const double rad = 3.14159265358979323846 / 180.0;
  double dLat = (lat2 - lat1) * rad;
  double dLon = (lon2 - lon1) * rad;
  double a = std::sin(dLat / 2) * std::sin(dLat / 2) +
             std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * r * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace platedesk::search::test
