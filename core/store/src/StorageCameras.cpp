// SPDX-License-Identifier: GPL-3.0-or-later
// Cameras and their location history.
#include "StorageImpl.h"

namespace platedesk::store {
namespace {

Status ValidateLocation(const CameraLocation& loc) {
  if (!detail::InRange(loc.latitude, -90, 90))
    return Fail(ErrorCode::InvalidArgument, "latitude outside -90..90", "latitude");
  if (!detail::InRange(loc.longitude, -180, 180)) {
    return Fail(ErrorCode::InvalidArgument, "longitude outside -180..180", "longitude");
  }
  if (loc.to && *loc.to < loc.from) return Fail(ErrorCode::InvalidArgument, "location ends before it starts", "to");
  return {};
}

Status InsertLocation(detail::State& impl, CameraId camera, const CameraLocation& loc) {
  auto stmt = impl.Prepare(
      "INSERT INTO camera_locations(camera_id, latitude, longitude, address, from_ms, to_ms)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt) return stmt.Err();
  stmt->Int(1, camera);
  stmt->Double(2, loc.latitude);
  stmt->Double(3, loc.longitude);
  stmt->Text(4, loc.address);
  stmt->Int(5, loc.from);
  stmt->OptInt(6, loc.to);
  return stmt->Run();
}

Result<std::vector<CameraLocation>> Locations(detail::State& impl, CameraId camera) {
  auto stmt = impl.Prepare(
      "SELECT latitude, longitude, address, from_ms, to_ms FROM camera_locations WHERE camera_id = ?1"
      " ORDER BY from_ms, id");
  if (!stmt) return stmt.Err();
  stmt->Int(1, camera);
  std::vector<CameraLocation> list;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) break;
    CameraLocation loc;
    loc.latitude = stmt->ColDouble(0);
    loc.longitude = stmt->ColDouble(1);
    loc.address = stmt->ColText(2);
    loc.from = stmt->ColInt(3);
    loc.to = stmt->ColOptInt(4);
    list.push_back(std::move(loc));
  }
  return list;
}

Result<Camera> CameraFromRow(sqlite::Stmt& stmt) {
  Camera cam;
  cam.id = stmt.ColInt(0);
  cam.externalId = stmt.ColText(1);
  cam.name = stmt.ColText(2);
  const auto kind = CameraKindFromName(stmt.ColText(3));
  if (!kind) return Fail(ErrorCode::Corrupt, "unknown camera kind in the storage", cam.externalId);
  cam.kind = *kind;
  cam.createdAt = stmt.ColInt(4);
  cam.retiredAt = stmt.ColOptInt(5);
  return cam;
}

// Inserts a camera row unless the external id is taken; its id, or nullopt when it was taken.
Result<std::optional<CameraId>> InsertCamera(detail::State& impl, std::string_view externalId, std::string_view name,
                                             CameraKind kind) {
  auto insert = impl.Prepare(
      "INSERT INTO cameras(external_id, name, kind, created_ms) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT(external_id) DO NOTHING");
  if (!insert) return insert.Err();
  insert->Text(1, externalId);
  insert->Text(2, name);
  insert->Text(3, CameraKindName(kind));
  insert->Int(4, impl.clock->Now());
  PLATEDESK_TRY(insert->Run());
  if (sqlite3_changes(impl.Db()) != 1) return std::optional<CameraId>();
  return std::optional<CameraId>(sqlite3_last_insert_rowid(impl.Db()));
}

constexpr const char* kCameraColumns = "SELECT id, external_id, name, kind, created_ms, retired_ms FROM cameras ";

// The camera's retired time, or NotFound.
Result<std::optional<UtcMs>> Retired(detail::State& impl, CameraId camera) {
  auto stmt = impl.Prepare("SELECT retired_ms FROM cameras WHERE id = ?1");
  if (!stmt) return stmt.Err();
  stmt->Int(1, camera);
  auto row = stmt->Step();
  if (!row) return row.Err();
  if (!*row) return Fail(ErrorCode::NotFound, "no such camera", std::to_string(camera));
  return stmt->ColOptInt(0);
}

// NotFound for no such camera, InvalidArgument (`retired`) for a retired one: its record stays.
Status RequireInService(detail::State& impl, CameraId camera,
                        const char* retired = "the camera is retired: its record stays as it was") {
  auto at = Retired(impl, camera);
  if (!at) return at.Err();
  if (*at) return Fail(ErrorCode::InvalidArgument, retired, "camera");
  return {};
}

// Closes the camera's current place at `at` (a move or a retirement); `tooEarly` when `at` is
// before that place started.
Status ClosePlaceAt(detail::State& impl, CameraId camera, UtcMs at, const char* tooEarly, const char* field) {
  auto current = impl.Prepare("SELECT from_ms FROM camera_locations WHERE camera_id = ?1 AND to_ms IS NULL");
  if (!current) return current.Err();
  current->Int(1, camera);
  auto row = current->Step();
  if (!row) return row.Err();
  if (*row && current->ColInt(0) > at) return Fail(ErrorCode::InvalidArgument, tooEarly, field);
  auto close = impl.Prepare("UPDATE camera_locations SET to_ms = ?2 WHERE camera_id = ?1 AND to_ms IS NULL");
  if (!close) return close.Err();
  close->Int(1, camera);
  close->Int(2, at);
  return close->Run();
}

// Sets one column of a camera in service (its name or kind).
Status UpdateInService(detail::State& impl, CameraId camera, const char* sql, std::string_view value) {
  auto scope = detail::WriteScope::Start(impl);
  if (!scope) return scope.Err();
  PLATEDESK_TRY(RequireInService(impl, camera));
  auto update = impl.Prepare(sql);
  if (!update) return update.Err();
  update->Int(1, camera);
  update->Text(2, value);
  PLATEDESK_TRY(update->Run());
  return scope->Commit();
}

}  // namespace

Result<CameraId> Storage::EnsureCamera(std::string_view externalId, std::string_view name, CameraKind kind,
                                       const std::optional<CameraLocation>& location) {
  return detail::Guarded("ensure camera", [&]() -> Result<CameraId> {
    if (externalId.empty()) return Fail(ErrorCode::InvalidArgument, "camera id is empty", "externalId");
    if (location) PLATEDESK_TRY(ValidateLocation(*location));
    {
      auto find = mImpl->Prepare("SELECT id FROM cameras WHERE external_id = ?1");
      if (!find) return find.Err();
      find->Text(1, externalId);
      auto row = find->Step();
      if (!row) return row.Err();
      if (*row) {
        const CameraId id = find->ColInt(0);
        mImpl->knownCameras.insert(id);
        return id;
      }
    }
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto inserted = InsertCamera(*mImpl, externalId, name, kind);
    if (!inserted) return inserted.Err();
    CameraId id = 0;
    if (*inserted) {
      id = **inserted;
      if (location) PLATEDESK_TRY(InsertLocation(*mImpl, id, *location));
    } else {
      // Another connection created it between our lookup and the write lock.
      auto find = mImpl->Prepare("SELECT id FROM cameras WHERE external_id = ?1");
      if (!find) return find.Err();
      find->Text(1, externalId);
      auto row = find->Step();
      if (!row) return row.Err();
      if (!*row) return Fail(ErrorCode::Internal, "camera vanished during creation", std::string(externalId));
      id = find->ColInt(0);
    }
    PLATEDESK_TRY(scope->Commit());
    mImpl->knownCameras.insert(id);
    return id;
  });
}

Status Storage::MoveCamera(CameraId camera, const CameraLocation& loc) {
  return detail::Guarded("move camera", [&]() -> Status {
    PLATEDESK_TRY(ValidateLocation(loc));
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    PLATEDESK_TRY(RequireInService(*mImpl, camera, "the camera is retired: it does not move"));
    PLATEDESK_TRY(ClosePlaceAt(*mImpl, camera, loc.from, "the new location starts before the current one", "from"));
    PLATEDESK_TRY(InsertLocation(*mImpl, camera, loc));
    return scope->Commit();
  });
}

Result<std::vector<Camera>> Storage::Cameras() {
  return detail::Guarded("list cameras", [&]() -> Result<std::vector<Camera>> {
    std::vector<Camera> list;
    {
      auto stmt = mImpl->Prepare(std::string(kCameraColumns) + "ORDER BY id");
      if (!stmt) return stmt.Err();
      for (;;) {
        auto row = stmt->Step();
        if (!row) return row.Err();
        if (!*row) break;
        auto cam = CameraFromRow(*stmt);
        if (!cam) return cam.Err();
        list.push_back(std::move(*cam));
      }
    }
    for (Camera& cam : list) {
      auto locs = Locations(*mImpl, cam.id);
      if (!locs) return locs.Err();
      cam.locations = std::move(*locs);
      mImpl->knownCameras.insert(cam.id);
    }
    return list;
  });
}

Result<std::optional<Camera>> Storage::FindCamera(CameraId id) {
  return detail::Guarded("find camera", [&]() -> Result<std::optional<Camera>> {
    Camera cam;
    {
      auto stmt = mImpl->Prepare(std::string(kCameraColumns) + "WHERE id = ?1");
      if (!stmt) return stmt.Err();
      stmt->Int(1, id);
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return std::optional<Camera>();
      auto found = CameraFromRow(*stmt);
      if (!found) return found.Err();
      cam = std::move(*found);
    }
    auto locs = Locations(*mImpl, id);
    if (!locs) return locs.Err();
    cam.locations = std::move(*locs);
    mImpl->knownCameras.insert(id);
    return std::optional<Camera>(std::move(cam));
  });
}

Result<std::optional<Camera>> Storage::FindCameraByExternalId(std::string_view externalId) {
  CameraId id = 0;
  {
    auto found = detail::Guarded("find camera", [&]() -> Result<bool> {
      auto stmt = mImpl->Prepare("SELECT id FROM cameras WHERE external_id = ?1");
      if (!stmt) return stmt.Err();
      stmt->Text(1, externalId);
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (*row) id = stmt->ColInt(0);
      return *row;
    });
    if (!found) return found.Err();
    if (!*found) return std::optional<Camera>();
  }
  return FindCamera(id);
}

Result<CameraId> Storage::AddCamera(std::string_view externalId, std::string_view name, CameraKind kind,
                                    const std::optional<CameraLocation>& location) {
  return detail::Guarded("add camera", [&]() -> Result<CameraId> {
    if (externalId.empty()) return Fail(ErrorCode::InvalidArgument, "camera id is empty", "externalId");
    if (name.empty()) return Fail(ErrorCode::InvalidArgument, "a camera needs a name", "name");
    if (location) PLATEDESK_TRY(ValidateLocation(*location));
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto inserted = InsertCamera(*mImpl, externalId, name, kind);
    if (!inserted) return inserted.Err();
    if (!*inserted) return Fail(ErrorCode::AlreadyExists, "a camera with this id exists", std::string(externalId));
    const CameraId id = **inserted;
    if (location) PLATEDESK_TRY(InsertLocation(*mImpl, id, *location));
    PLATEDESK_TRY(scope->Commit());
    mImpl->knownCameras.insert(id);
    return id;
  });
}

Status Storage::RenameCamera(CameraId camera, std::string_view name) {
  return detail::Guarded("rename camera", [&]() -> Status {
    if (name.empty()) return Fail(ErrorCode::InvalidArgument, "a camera needs a name", "name");
    return UpdateInService(*mImpl, camera, "UPDATE cameras SET name = ?2 WHERE id = ?1", name);
  });
}

Status Storage::SetCameraKind(CameraId camera, CameraKind kind) {
  return detail::Guarded("set camera kind", [&]() -> Status {
    return UpdateInService(*mImpl, camera, "UPDATE cameras SET kind = ?2 WHERE id = ?1", CameraKindName(kind));
  });
}

Status Storage::RetireCamera(CameraId camera, UtcMs at) {
  return detail::Guarded("retire camera", [&]() -> Status {
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto retired = Retired(*mImpl, camera);
    if (!retired) return retired.Err();
    if (*retired) return Fail(ErrorCode::AlreadyExists, "the camera was retired before", std::to_string(camera));
    PLATEDESK_TRY(
        ClosePlaceAt(*mImpl, camera, at, "the camera cannot retire before its current location started", "at"));
    auto update = mImpl->Prepare("UPDATE cameras SET retired_ms = ?2 WHERE id = ?1");
    if (!update) return update.Err();
    update->Int(1, camera);
    update->Int(2, at);
    PLATEDESK_TRY(update->Run());
    return scope->Commit();
  });
}

}  // namespace platedesk::store
