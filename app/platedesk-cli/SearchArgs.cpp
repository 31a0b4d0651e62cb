// SPDX-License-Identifier: GPL-3.0-or-later
// Options and wording shared by the search commands (search, scenes).
#include "SearchArgs.h"

#include "platedesk/common/Text.h"

#include <charconv>
#include <cmath>

namespace platedesk::cli {

bool ParseDouble(const std::string& text, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(text, &used);
    return used == text.size() && std::isfinite(out);  // "nan" and "inf" are not numbers a user means
  } catch (...) {
    return false;
  }
}

Result<std::vector<store::CameraId>> ParseCameraIds(const std::vector<std::string>& values) {
  std::vector<store::CameraId> ids;
  for (const auto& value : values) {
    for (const auto& c : Split(value, ',')) {
      store::CameraId id = 0;
      const auto [p, ec] = std::from_chars(c.data(), c.data() + c.size(), id);
      if (c.empty() || ec != std::errc() || p != c.data() + c.size())
        return Fail(ErrorCode::InvalidArgument, "a camera is given by its id number, not '" + c + "'");
      ids.push_back(id);
    }
  }
  return ids;
}

Result<search::GeoCircle> ParseNear(const std::string& text) {
  const auto parts = Split(text, ',');
  double lat = 0, lon = 0, km = 0;
  if (parts.size() != 3 || !ParseDouble(parts[0], lat) || !ParseDouble(parts[1], lon) || !ParseDouble(parts[2], km) ||
      !(km > 0) || lat < -90 || lat > 90 || lon < -180 || lon > 180)
    return Fail(ErrorCode::InvalidArgument,
                "a place is LAT,LON,KM (degrees, and a radius in km above 0), not '" + text + "'");
  return search::GeoCircle{{lat, lon}, km};
}

Result<PlateTolerance> ParseTolerance(const ParsedArgs& args) {
  PlateTolerance t;
  if (args.Has("plate")) t.plate = args.Get("plate");
  t.ocrTolerant = !args.Has("no-ocr");
  t.alternatives = !args.Has("no-candidates");
  auto edits = args.GetInt("edits", 0);
  if (!edits || *edits < 0 || *edits > 2) return Fail(ErrorCode::InvalidArgument, "--edits is 0, 1 or 2");
  t.maxEdits = static_cast<int>(*edits);
  return t;
}

std::vector<OptionSpec> ToleranceOptions() {
  return {{"plate", "PATTERN", "plate pattern: A-Z 0-9, ? one character, * any run, [..] a set ([8B], [A-F])"},
          {"no-ocr", "", "literals match only themselves (no 0/O/D/Q, 8/B, 2/Z ... tolerance)"},
          {"no-candidates", "", "match the best plate only, not the camera's alternative reads"},
          {"edits", "N", "allow 0, 1 or 2 inserted, deleted or changed characters (default 0)"}};
}

std::string HowMatched(const search::Hit& h) {
  const auto& m = h.match;
  std::string how;
  switch (m.kind) {
    case search::MatchKind::Exact:
      how = "exact";
      break;
    case search::MatchKind::OcrEquivalent: {
      how = "OCR-equivalent at position";
      how += m.ocrPositions.size() > 1 ? "s " : " ";
      for (std::size_t i = 0; i < m.ocrPositions.size(); ++i)
        how.append(i ? "," : "").append(std::to_string(m.ocrPositions[i] + 1));
      break;
    }
    case search::MatchKind::Edited:
      how = std::to_string(m.edits) + (m.edits == 1 ? " edit" : " edits");
      break;
    case search::MatchKind::NoPattern:
      how = "vehicle/place/time filters";
      break;
  }
  if (m.kind == search::MatchKind::Edited && m.ocrSubstitutions > 0)
    how += " + " + std::to_string(m.ocrSubstitutions) + " OCR";
  if (m.candidateRank > 0) how += " via alternative read #" + std::to_string(m.candidateRank) + " " + m.matchedPlate;
  return how;
}

}  // namespace platedesk::cli
