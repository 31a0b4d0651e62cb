// SPDX-License-Identifier: GPL-3.0-or-later
// Options and wording shared by the search commands (search, scenes).
#include "SearchArgs.h"

#include "platedesk/common/Text.h"
#include "platedesk/search/QueryText.h"

#include <charconv>
#include <cmath>

namespace platedesk::cli {
namespace {

// "cameras=3,7;from=T;to=T" or "near=LAT,LON,KM;from=T;to=T".
Result<search::Scene> ParseScene(const std::string& text) {
  search::Scene scene;
  bool from = false, to = false;
  for (const auto& part : Split(text, ';')) {
    const auto trimmed = Trim(part);
    if (trimmed.empty()) continue;
    const auto eq = trimmed.find('=');
    if (eq == std::string::npos) return Fail(ErrorCode::InvalidArgument, "'" + trimmed + "' is not KEY=VALUE");
    const std::string key = Trim(trimmed.substr(0, eq));
    const std::string value = Trim(trimmed.substr(eq + 1));
    if (key == "cameras" || key == "camera") {
      auto ids = ParseCameraIds({value});
      if (!ids) return ids.Err();
      scene.cameras.insert(scene.cameras.end(), ids->begin(), ids->end());
    } else if (key == "near") {
      auto near = ParseNear(value);
      if (!near) return near.Err();
      scene.near = *near;
    } else if (key == "from" || key == "to") {
      auto t = ParseIso8601(value);
      if (!t) return Fail(ErrorCode::InvalidArgument, key + ": " + t.Err().message);
      (key == "from" ? scene.from : scene.to) = *t;
      (key == "from" ? from : to) = true;
    } else {
      return Fail(ErrorCode::InvalidArgument, "unknown scene key '" + key + "' (cameras, near, from, to)");
    }
  }
  if (scene.cameras.empty() == !scene.near.has_value())
    return Fail(ErrorCode::InvalidArgument, "a scene is either cameras=ID,... or near=LAT,LON,KM");
  if (!from || !to) return Fail(ErrorCode::InvalidArgument, "a scene needs from= and to= (ISO-8601)");
  if (scene.to <= scene.from) return Fail(ErrorCode::InvalidArgument, "a scene's to= must be after its from=");
  return scene;
}

}  // namespace

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

Result<SearchArgs> ParseSearchArgs(const ParsedArgs& args) {
  SearchArgs out;
  search::Query& q = out.query;
  auto tolerance = ParseTolerance(args);
  if (!tolerance) return tolerance.Err();
  ApplyTolerance(*tolerance, q);
  for (const auto& s : args.GetAll("state")) q.states.push_back(ToUpperAscii(s));
  q.includeUnknownState = args.Has("include-unknown-state");
  for (const char* key : {"from", "to"}) {
    if (!args.Has(key)) continue;
    auto t = ParseIso8601(args.Get(key));
    if (!t) return Fail(ErrorCode::InvalidArgument, "--" + std::string(key) + ": " + t.Err().message);
    (std::string(key) == "from" ? q.from : q.to) = *t;
  }
  auto cameras = ParseCameraIds(args.GetAll("camera"));
  if (!cameras) return Fail(ErrorCode::InvalidArgument, "--camera: " + cameras.Err().message);
  q.cameras = std::move(*cameras);
  if (args.Has("near")) {
    auto near = ParseNear(args.Get("near"));
    if (!near) return Fail(ErrorCode::InvalidArgument, "--near: " + near.Err().message);
    q.near = *near;
  }
  auto attribute = [&](const char* key, std::optional<search::AttributeFilter>& slot) {
    if (args.Has(key)) slot = search::AttributeFilter{args.GetAll(key), std::nullopt};
  };
  attribute("color", q.color);
  attribute("make", q.make);
  attribute("model", q.model);
  attribute("body", q.body);
  for (const auto* filter : {&q.color, &q.make, &q.model, &q.body}) {
    if (!*filter) continue;
    if (auto st = search::CheckAttributeFilter(**filter); !st.Ok())
      return Fail(ErrorCode::InvalidArgument, "--color, --make, --model, --body: " + st.Err().message);
  }
  if (args.Has("hours")) {
    auto hours = search::ParseHoursOfDay(args.Get("hours"));
    if (!hours) return Fail(ErrorCode::InvalidArgument, "--hours: " + hours.Err().message);
    q.hours = *hours;
  }
  if (args.Has("min-confidence")) {
    double c = 0;
    if (!ParseDouble(args.Get("min-confidence"), c) || c < 0 || c > 100)
      return Fail(ErrorCode::InvalidArgument, "--min-confidence takes a number 0-100");
    q.minConfidence = c;
  }
  auto limit = args.GetInt("limit", 100);
  if (!limit || *limit < 1 || *limit > 10'000'000)
    return Fail(ErrorCode::InvalidArgument,
                "--limit takes a whole number from 1 (there is no unlimited search; above the agency's cap a "
                "search needs a supervisor's approval)");
  out.limit = static_cast<std::size_t>(*limit);
  return out;
}

std::vector<OptionSpec> SearchQueryOptions() {
  return {{"state", "ST", "two-letter state", false, true},
          {"include-unknown-state", "", "with --state, also reads whose state is unknown"},
          {"from", "TIME", "reads at or after (ISO-8601)"},
          {"to", "TIME", "reads before (ISO-8601)"},
          {"hours", "HH:MM-HH:MM", "only at these local times of day, every day (22:00-04:00 crosses midnight)"},
          {"camera", "ID", "camera id", false, true},
          {"near", "LAT,LON,KM", "within KM of a point (where the camera stood at the time)"},
          {"color", "C", "top-ranked colour (repeatable: any of them)", false, true},
          {"make", "M", "top-ranked make (repeatable)", false, true},
          {"model", "M", "top-ranked model (repeatable)", false, true},
          {"body", "B", "top-ranked body type (repeatable)", false, true},
          {"min-confidence", "X", "minimum plate confidence 0-100"},
          {"limit", "N", "show the best N (default 100; above the agency's cap it needs approval)"}};
}

Result<search::MultiSceneQuery> ParseScenesArgs(const ParsedArgs& args) {
  auto tolerance = ParseTolerance(args);
  if (!tolerance) return tolerance.Err();
  search::MultiSceneQuery q;
  ApplyTolerance(*tolerance, q);
  const auto specs = args.GetAll("scene");
  if (specs.size() < 2 || specs.size() > 5) return Fail(ErrorCode::InvalidArgument, "give 2 to 5 --scene options");
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto scene = ParseScene(specs[i]);
    if (!scene)
      return Fail(ErrorCode::InvalidArgument, "--scene " + std::to_string(i + 1) + ": " + scene.Err().message);
    q.scenes.push_back(std::move(*scene));
  }
  auto minScenes = args.GetInt("min-scenes", static_cast<long long>(q.scenes.size()));
  if (!minScenes || *minScenes < 1 || *minScenes > static_cast<long long>(q.scenes.size()))
    return Fail(ErrorCode::InvalidArgument, "--min-scenes is a number from 1 to the number of scenes");
  q.minScenes = static_cast<int>(*minScenes);
  return q;
}

std::vector<OptionSpec> SceneOptions(bool required) {
  return {{"scene", "SPEC", "a place and time: 'cameras=ID,...;from=T;to=T' or 'near=LAT,LON,KM;from=T;to=T' (2-5)",
           required, true},
          {"min-scenes", "M", "vehicles seen in at least M scenes (default: all of them)"}};
}

}  // namespace platedesk::cli
