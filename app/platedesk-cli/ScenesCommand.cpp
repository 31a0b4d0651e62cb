// SPDX-License-Identifier: GPL-3.0-or-later
// scenes: multi-scene search ("which vehicles were at at least m of these places and times?")
// through the facade; a broad search, so the facade lets only supervisors run it (audited first).
#include "Cli.h"
#include "Output.h"
#include "SearchArgs.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <iostream>

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

std::string Scenes(const std::vector<int>& scenes) {
  std::string out;
  for (int s : scenes) out.append(out.empty() ? "" : ",").append(std::to_string(s + 1));
  return out;
}

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  auto tolerance = ParseTolerance(args);
  if (!tolerance) return Usage(tolerance.Err().message);
  search::MultiSceneQuery q;
  ApplyTolerance(*tolerance, q);
  const auto specs = args.GetAll("scene");
  if (specs.size() < 2 || specs.size() > 5) return Usage("give 2 to 5 --scene options");
  for (std::size_t i = 0; i < specs.size(); ++i) {
    auto scene = ParseScene(specs[i]);
    if (!scene) return Usage("--scene " + std::to_string(i + 1) + ": " + scene.Err().message);
    q.scenes.push_back(std::move(*scene));
  }
  auto minScenes = args.GetInt("min-scenes", static_cast<long long>(q.scenes.size()));
  if (!minScenes || *minScenes < 1 || *minScenes > static_cast<long long>(q.scenes.size()))
    return Usage("--min-scenes is a number from 1 to the number of scenes");
  q.minScenes = static_cast<int>(*minScenes);

  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  const workstation::AccessContext context{args.Get("case"), args.Get("purpose"), args.Get("justification")};
  InterruptScope interrupt;
  auto vehicles = signedIn->session->MultiScene(context, q, interrupt.Token());
  if (!vehicles) return Report(vehicles.Err());

  if (*format == OutputFormat::Json) {
    auto out = nlohmann::json::array();
    for (const auto& v : *vehicles) {
      auto sightings = nlohmann::json::array();
      for (const auto& [scene, h] : v.sightings) {
        sightings.push_back({{"scene", scene + 1},
                             {"read_id", h.read},
                             {"time", FormatIso8601(h.capturedAt)},
                             {"camera", h.camera},
                             {"plate", h.plate},
                             {"state", h.state},
                             {"confidence", std::stod(FormatOneDecimal(h.confidence))},
                             {"low_confidence", h.lowConfidence},
                             {"matched", HowMatched(h)}});
      }
      auto scenes = nlohmann::json::array();
      for (int s : v.scenes) scenes.push_back(s + 1);
      out.push_back({{"plate", v.plate}, {"scenes", scenes}, {"sightings", sightings}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  Table t{{"vehicle", "plate", "scenes", "scene", "read_id", "time", "camera", "read_plate", "state", "confidence",
           "low_confidence", "matched"},
          {true, false, false, true, true, false, true, false, false, true},
          {},
          {false, false, false, false, false, false, false, false, false, false, true}};
  for (std::size_t i = 0; i < vehicles->size(); ++i) {
    const auto& v = (*vehicles)[i];
    for (const auto& [scene, h] : v.sightings) {
      t.rows.push_back({std::to_string(i + 1), v.plate, Scenes(v.scenes), std::to_string(scene + 1),
                        std::to_string(h.read), FormatIso8601(h.capturedAt), std::to_string(h.camera), h.plate, h.state,
                        FormatOneDecimal(h.confidence), Flag(h.lowConfidence), HowMatched(h)});
    }
  }
  PrintTable(std::cout, t, *format);
  if (*format == OutputFormat::Table)
    std::cerr << vehicles->size() << (vehicles->size() == 1 ? " vehicle" : " vehicles") << " seen in at least "
              << q.minScenes << " of " << q.scenes.size() << " scenes.\n";
  return kExitOk;
}

}  // namespace

Command ScenesCommand() {
  std::vector<OptionSpec> o{StorageOption(), UserOption()};
  for (auto& a : AccessContextOptions()) o.push_back(a);
  o.push_back({"scene", "SPEC", "a place and time: 'cameras=ID,...;from=T;to=T' or 'near=LAT,LON,KM;from=T;to=T' (2-5)",
               true, true});
  o.push_back({"min-scenes", "M", "vehicles seen in at least M scenes (default: all of them)"});
  for (auto& t : ToleranceOptions()) o.push_back(t);
  o.push_back(FormatOption());
  CommandSpec spec{
      "scenes",
      "Multi-scene search: vehicles seen at at least M of 2-5 places and times (supervisors; audited first).",
      o,
      "",
      false,
      "Each --scene is a place (cameras, or a point and radius: where the camera stood at the time of the\n"
      "read) and a time window [from, to). Vehicles are grouped by their best plate and listed with every\n"
      "sighting, most scenes first. --plate with --edits/--no-ocr/--no-candidates keeps only sightings\n"
      "whose read matches the pattern, with the same rules as `search`. A broad search: only the\n"
      "supervisor role may run it until an approval queue exists."};
  return {spec, Run};
}

}  // namespace platedesk::cli
