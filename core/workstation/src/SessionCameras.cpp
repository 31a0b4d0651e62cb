// SPDX-License-Identifier: GPL-3.0-or-later
// Session's camera register (issue 15): administrators add, rename, move, re-kind and retire
// cameras; each change is a camera.changed record written before it is stored.
#include "SessionInternal.h"

#include "platedesk/common/Text.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

namespace platedesk::workstation {
namespace {

using Action = CameraChange::Action;
using Json = nlohmann::json;

constexpr std::array<std::pair<Action, std::string_view>, 5> kActions{{
    {Action::Add, "add"},
    {Action::Rename, "rename"},
    {Action::Move, "move"},
    {Action::SetKind, "set-kind"},
    {Action::Retire, "retire"},
}};

// Strings, as every audit record's details: the log refuses floating-point numbers.
Json LocationJson(const store::CameraLocation& l) {
  char lat[32], lon[32];
  std::snprintf(lat, sizeof lat, "%.6f", l.latitude);
  std::snprintf(lon, sizeof lon, "%.6f", l.longitude);
  return Json{{"latitude", lat}, {"longitude", lon}, {"address", l.address}, {"from", FormatIso8601(l.from)}};
}

}  // namespace

std::string_view CameraActionName(CameraChange::Action action) {
  for (const auto& [a, name] : kActions)
    if (a == action) return name;
  return "add";
}

std::optional<CameraChange::Action> ParseCameraAction(std::string_view name) {
  for (const auto& [a, n] : kActions)
    if (n == name) return a;
  return std::nullopt;
}

Result<store::Camera> EmbeddedSession::ChangeCamera(const CameraChange& change) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "the camera register is for administrators"));
  auto& storage = detail::StorageOf(ws);
  const std::string id = Trim(change.externalId);
  if (id.empty() || id.size() > 200)
    return Fail(ErrorCode::InvalidArgument, "a camera id is 1 to 200 characters", "id");
  const std::string name = Trim(change.name);
  if (change.location) {
    const auto& l = *change.location;
    if (!std::isfinite(l.latitude) || l.latitude < -90 || l.latitude > 90)
      return Fail(ErrorCode::InvalidArgument, "latitude outside -90..90", "latitude");
    if (!std::isfinite(l.longitude) || l.longitude < -180 || l.longitude > 180)
      return Fail(ErrorCode::InvalidArgument, "longitude outside -180..180", "longitude");
  }
  auto found = storage.FindCameraByExternalId(id);
  if (!found) return found.Err();
  if (change.action == Action::Add) {
    if (*found) return Fail(ErrorCode::AlreadyExists, "a camera with this id exists", id);
  } else {
    if (!*found) return Fail(ErrorCode::NotFound, "no such camera", id);
    if ((*found)->retiredAt)
      return Fail(ErrorCode::InvalidArgument, "camera " + id + " is retired: its record stays as it was", id);
  }
  const UtcMs now = detail::ClockOf(ws).Now();
  Json details{{"action", std::string(CameraActionName(change.action))}, {"camera", id}};
  switch (change.action) {
    case Action::Add:
    case Action::Rename:
      if (name.empty()) return Fail(ErrorCode::InvalidArgument, "a camera needs a name", "name");
      details["name"] = name;
      if (change.action == Action::Rename) details["was"] = (*found)->name;
      break;
    case Action::Move:
      if (!change.location) return Fail(ErrorCode::InvalidArgument, "a move needs the new place", "location");
      break;
    case Action::SetKind:
      details["was"] = store::CameraKindName((*found)->kind);
      break;
    case Action::Retire:
      details["at"] = FormatIso8601(change.at != 0 ? change.at : now);
      break;
  }
  if (change.action == Action::Add || change.action == Action::SetKind)
    details["kind"] = store::CameraKindName(change.kind);
  std::optional<store::CameraLocation> location = change.location;
  if (location) {
    if (location->from == 0) location->from = now;
    location->to.reset();
    location->address = Trim(location->address);
    details["location"] = LocationJson(*location);
  }
  // What the store would refuse is refused before anything is recorded.
  if (*found && (change.action == Action::Move || change.action == Action::Retire)) {
    const UtcMs starts = change.action == Action::Move ? location->from : (change.at != 0 ? change.at : now);
    for (const auto& l : (*found)->locations)
      if (!l.to && l.from > starts)
        return Fail(ErrorCode::InvalidArgument,
                    std::string(change.action == Action::Move ? "the new place" : "the retirement") +
                        " starts before the camera's current place (" + FormatIso8601(l.from) + ")",
                    "from");
  }
  PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "camera.changed", {"camera:" + id}, details.dump())));
  switch (change.action) {
    case Action::Add: {
      auto added = storage.AddCamera(id, name, change.kind, location);
      if (!added) return added.Err();
      break;
    }
    case Action::Rename:
      PLATEDESK_TRY(storage.RenameCamera((*found)->id, name));
      break;
    case Action::Move:
      PLATEDESK_TRY(storage.MoveCamera((*found)->id, *location));
      break;
    case Action::SetKind:
      PLATEDESK_TRY(storage.SetCameraKind((*found)->id, change.kind));
      break;
    case Action::Retire:
      PLATEDESK_TRY(storage.RetireCamera((*found)->id, change.at != 0 ? change.at : now));
      break;
  }
  auto changed = storage.FindCameraByExternalId(id);
  if (!changed) return changed.Err();
  if (!*changed) return Fail(ErrorCode::Internal, "the camera vanished", id);
  return std::move(**changed);
}

}  // namespace platedesk::workstation
