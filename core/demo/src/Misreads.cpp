// SPDX-License-Identifier: GPL-3.0-or-later
#include "Misreads.h"

#include <algorithm>
#include <cmath>

namespace platedesk::demo {

std::string_view ConfusableWith(char c) {
  switch (c) {
    case '0':
      return "ODQ";
    case 'O':
      return "0DQ";
    case 'D':
      return "0OQ";
    case 'Q':
      return "O0D";
    case '1':
      return "I";
    case 'I':
      return "1";
    case '2':
      return "Z";
    case 'Z':
      return "27";
    case '7':
      return "Z";
    case '5':
      return "S";
    case 'S':
      return "5";
    case '8':
      return "B";
    case 'B':
      return "8";
    case '6':
      return "G";
    case 'G':
      return "6";
    case 'E':
      return "F";
    case 'F':
      return "E";
    default:
      return {};
  }
}

double RoundConfidence(double c) { return std::clamp(std::round(c * 10.0) / 10.0, 0.0, 100.0); }

namespace {

bool Substitute(std::string& plate, Rng& rng) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < plate.size(); ++i)
    if (!ConfusableWith(plate[i]).empty()) positions.push_back(i);
  if (positions.empty()) return false;
  const std::size_t at = positions[rng.Below(positions.size())];
  const auto options = ConfusableWith(plate[at]);
  plate[at] = options[rng.Below(options.size())];
  return true;
}

}  // namespace

std::string Misread(std::string_view plate, Rng& rng) {
  std::string out(plate);
  const double u = rng.Uniform();
  if (u < 0.70) {
    if (Substitute(out, rng)) {
      if (u >= 0.62) Substitute(out, rng);  // now and then a second confusion
      if (out != plate) return out;
    }
  }
  // Lost characters: a dropped one inside (dirt, a bolt), or the plate cut off at the frame edge.
  if (out.size() < 3) return out;
  const double v = rng.Uniform();
  if (v < 0.45 && out.size() >= 4)
    out.erase(1 + rng.Below(out.size() - 2), 1);
  else if (v < 0.75)
    out.erase(0, 1);
  else
    out.pop_back();
  return out;
}

std::vector<store::Candidate> MakeCandidates(const std::string& best, const std::string& truth, bool bestIsMisread,
                                             double bestConfidence, Rng& rng) {
  const double u = rng.Uniform();
  int count = u < 0.22 ? 0 : u < 0.48 ? 1 : u < 0.70 ? 2 : u < 0.86 ? 3 : 4;
  if (bestIsMisread) count = std::max(count, 1);
  std::vector<store::Candidate> out;
  double confidence = bestConfidence;
  auto taken = [&](const std::string& p) {
    return p == best || std::any_of(out.begin(), out.end(), [&](const store::Candidate& c) { return c.plate == p; });
  };
  for (int i = 0; i < count; ++i) {
    std::string plate;
    if (bestIsMisread && !taken(truth) && (i == 0 ? rng.Chance(0.85) : rng.Chance(0.5))) {
      plate = truth;
    } else {
      for (int attempt = 0; attempt < 8; ++attempt) {
        plate = Misread(rng.Chance(0.8) ? best : truth, rng);
        if (!plate.empty() && !taken(plate)) break;
        plate.clear();
      }
    }
    if (plate.empty()) break;
    confidence = RoundConfidence(confidence - rng.Uniform(1.5, 12.0));
    if (confidence < 1.0) break;
    out.push_back({plate, plate, confidence});
  }
  return out;
}

}  // namespace platedesk::demo
