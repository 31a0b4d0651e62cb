// SPDX-License-Identifier: GPL-3.0-or-later
// scenes: multi-scene search ("which vehicles were at at least m of these places and times?")
// through the facade; a broad search, so it runs only under a supervisor's approval for the exact
// query (approval request --scene ..., then scenes ... --approval ID; audited first).
#include "Cli.h"
#include "Output.h"
#include "SearchArgs.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace platedesk::cli {
namespace {

std::string Scenes(const std::vector<int>& scenes) {
  std::string out;
  for (int s : scenes) out.append(out.empty() ? "" : ",").append(std::to_string(s + 1));
  return out;
}

int Run(const ParsedArgs& args, Context& ctx) {
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  auto parsed = ParseScenesArgs(args);
  if (!parsed) return Usage(parsed.Err().message);
  const search::MultiSceneQuery& q = *parsed;
  auto context = AccessContextFrom(args);
  if (!context) return Usage(context.Err().message);

  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  InterruptScope interrupt;
  auto vehicles = signedIn->session->MultiScene(*context, q, interrupt.Token());
  if (!vehicles) return Report(vehicles.Err(), ApprovalHint(vehicles.Err()));

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
  for (auto& s : SceneOptions(true)) o.push_back(s);
  for (auto& t : ToleranceOptions()) o.push_back(t);
  o.push_back(FormatOption());
  CommandSpec spec{
      "scenes",
      "Multi-scene search: vehicles seen at at least M of 2-5 places and times (a broad search: it runs under\n"
      "a supervisor's approval, --approval ID; audited first).",
      o,
      "",
      false,
      "Each --scene is a place (cameras, or a point and radius: where the camera stood at the time of the\n"
      "read) and a time window [from, to). Vehicles are grouped by their best plate and listed with every\n"
      "sighting, most scenes first. --plate with --edits/--no-ocr/--no-candidates keeps only sightings\n"
      "whose read matches the pattern, with the same rules as `search`. A broad search: ask first with\n"
      "`approval request` and the same options, and run it with --approval ID once a supervisor (not\n"
      "you) approved it."};
  return {spec, Run};
}

}  // namespace platedesk::cli
