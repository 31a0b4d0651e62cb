// SPDX-License-Identifier: GPL-3.0-or-later
// camera: the camera register (issue 15). `camera list` shows every camera with its kind, place,
// location history and retirement; administrators `add`, `rename`, `move`, `set-kind` and
// `retire` (each audited by the session as camera.changed); `camera health` is the storage
// server's view (ServerCommands.cpp).
#include "Cli.h"
#include "Output.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Session.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <iostream>

namespace platedesk::cli {
namespace {

using Action = workstation::CameraChange::Action;

std::string Number(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

const store::CameraLocation* Current(const store::Camera& c) {
  for (const auto& l : c.locations)
    if (!l.to) return &l;
  return nullptr;
}

Table CameraTable(const std::vector<store::Camera>& cameras) {
  Table t{{"camera", "name", "kind", "state", "address", "latitude", "longitude", "since", "moves", "retired", "added"},
          {false, false, false, false, false, true, true, false, true},
          {}};
  for (const auto& c : cameras) {
    const auto* here = Current(c);
    const std::size_t moves = c.locations.empty() ? 0 : c.locations.size() - 1;
    t.rows.push_back({c.externalId, c.name, store::CameraKindName(c.kind), c.retiredAt ? "retired" : "in service",
                      here ? here->address : "", here ? Number(here->latitude) : "",
                      here ? Number(here->longitude) : "", here ? FormatIso8601(here->from) : "", std::to_string(moves),
                      c.retiredAt ? FormatIso8601(*c.retiredAt) : "", c.createdAt ? FormatIso8601(c.createdAt) : ""});
  }
  return t;
}

nlohmann::json CameraJson(const store::Camera& c) {
  auto history = nlohmann::json::array();
  for (const auto& l : c.locations)
    history.push_back({{"latitude", l.latitude},
                       {"longitude", l.longitude},
                       {"address", l.address},
                       {"from", FormatIso8601(l.from)},
                       {"to", l.to ? nlohmann::json(FormatIso8601(*l.to)) : nlohmann::json()}});
  return {{"camera", c.externalId},
          {"name", c.name},
          {"kind", store::CameraKindName(c.kind)},
          {"retired", c.retiredAt ? nlohmann::json(FormatIso8601(*c.retiredAt)) : nlohmann::json()},
          {"added", c.createdAt ? nlohmann::json(FormatIso8601(c.createdAt)) : nlohmann::json()},
          {"locations", std::move(history)}};
}

void Print(const std::vector<store::Camera>& cameras, OutputFormat format, bool one) {
  if (format == OutputFormat::Json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : cameras) out.push_back(CameraJson(c));
    std::cout << (one && out.size() == 1 ? out[0] : out).dump(2) << "\n";
    return;
  }
  if (one)
    PrintRecord(std::cout, CameraTable(cameras), format);
  else
    PrintTable(std::cout, CameraTable(cameras), format);
}

// --lat, --lon, --address and --from as a place; nullopt when none of them is given.
Result<std::optional<store::CameraLocation>> Place(const ParsedArgs& args) {
  if (!args.Has("lat") && !args.Has("lon") && !args.Has("address") && !args.Has("from"))
    return std::optional<store::CameraLocation>();
  if (!args.Has("lat") || !args.Has("lon"))
    return Fail(ErrorCode::InvalidArgument, "a place needs --lat and --lon (decimal degrees)");
  store::CameraLocation l;
  for (auto [name, target] : {std::pair{"lat", &l.latitude}, std::pair{"lon", &l.longitude}}) {
    const std::string text = Trim(args.Get(name));
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *target);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
      return Fail(ErrorCode::InvalidArgument, "--" + std::string(name) + " takes decimal degrees, e.g. 47.6905");
  }
  l.address = args.Get("address");
  if (args.Has("from")) {
    auto from = ParseIso8601(args.Get("from"));
    if (!from) return Fail(ErrorCode::InvalidArgument, "--from takes an ISO 8601 time");
    l.from = *from;
  }
  return std::optional<store::CameraLocation>(l);
}

int Run(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.empty()) return Usage("camera needs an action: list, add, rename, move, set-kind, retire, health");
  const std::string& action = p[0];
  if (action == "health") return RunCameraHealth(args, ctx);
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  if (action == "list") {
    if (p.size() != 1) return Usage("camera list takes no camera id");
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto cameras = signedIn->session->Cameras();
    if (!cameras) return Report(cameras.Err());
    if (!args.Has("all")) std::erase_if(*cameras, [](const store::Camera& c) { return c.retiredAt.has_value(); });
    Print(*cameras, *format, false);
    return kExitOk;
  }
  const auto parsed = workstation::ParseCameraAction(action);
  if (!parsed)
    return Usage("unknown camera action '" + action + "' (list, add, rename, move, set-kind, retire, health)");
  if (p.size() != 2) return Usage("camera " + action + " takes one camera id (its external id)");
  workstation::CameraChange change;
  change.action = *parsed;
  change.externalId = p[1];
  change.name = args.Get("name");
  if ((change.action == Action::Add || change.action == Action::Rename) && Trim(change.name).empty())
    return Usage("camera " + action + " needs --name TEXT");
  if (change.action == Action::Add || change.action == Action::SetKind) {
    if (change.action == Action::SetKind && !args.Has("kind")) return Usage("camera set-kind needs --kind");
    const auto kind = store::CameraKindFromName(args.Get("kind", "fixed"));
    if (!kind) return Usage("--kind is fixed, mobile or portable");
    change.kind = *kind;
  }
  auto place = Place(args);
  if (!place) return Usage(place.Err().message);
  change.location = *place;
  if (change.action == Action::Move && !change.location) return Usage("camera move needs --lat and --lon");
  if (change.location && change.action != Action::Add && change.action != Action::Move)
    return Usage("--lat, --lon, --address and --from belong to add and move");
  if (change.action == Action::Retire && args.Has("at")) {
    auto at = ParseIso8601(args.Get("at"));
    if (!at) return Usage("--at takes an ISO 8601 time");
    change.at = *at;
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto changed = signedIn->session->ChangeCamera(change);
  if (!changed) return Report(changed.Err());
  Print({*changed}, *format, true);
  return kExitOk;
}

}  // namespace

Command CameraCommand() {
  CommandSpec spec{
      "camera",
      "The camera register: list, add ID, rename ID, move ID, set-kind ID, retire ID (administrators), and "
      "health (the storage server's view).",
      {StorageOption(),
       UserOption(),
       FormatOption(),
       {"name", "TEXT", "add, rename: the camera's name"},
       {"kind", "KIND", "add, set-kind: fixed (default), mobile or portable"},
       {"lat", "DEG", "add, move: latitude in decimal degrees"},
       {"lon", "DEG", "add, move: longitude in decimal degrees"},
       {"address", "TEXT", "add, move: where it stands, in words"},
       {"from", "TIME", "add, move: since when it stands there (ISO 8601; default now)"},
       {"at", "TIME", "retire: when it left service (ISO 8601; default now)"},
       {"all", "", "list: retired cameras too"},
       {"hours", "N", "health: the window, the last N hours (default 24)"}},
      "list | add ID | rename ID | move ID | set-kind ID | retire ID | health",
      true,
      "ID is the camera's external id: what its reads carry (an OpenALPR camera id, an agent's uid/N).\n"
      "A move closes the camera's current place where the new one starts, so a read's place is where\n"
      "its camera stood when the read was taken; the history is in `camera list --format json`.\n"
      "A camera's kind sets its reads' retention (retention_period_fixed, _mobile, _portable).\n"
      "A retired camera stays listed (--all) with its history; its reads stay until retention.\n"
      "Every change is recorded as camera.changed. `camera health`: with --storage (on the server host)\n"
      "it needs no sign-in and shows no plate data; with --server it signs in. A camera is offline\n"
      "after camera_offline_after_s seconds without a read or heartbeat (default 600); \"never\": no\n"
      "server has heard from it (its reads came from files)."};
  return {spec, Run};
}

}  // namespace platedesk::cli
