// SPDX-License-Identifier: GPL-3.0-or-later
// The storage server's records: ingest tokens, when each camera was last heard, offline periods.
#include "StorageImpl.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

namespace platedesk::store {
namespace {

Result<IngestToken> TokenFromRow(sqlite::Stmt& stmt) {
  IngestToken t;
  t.id = stmt.ColInt(0);
  t.name = stmt.ColText(1);
  t.tokenHash = stmt.ColText(2);
  const nlohmann::json cameras = nlohmann::json::parse(stmt.ColView(3), nullptr, false);
  if (!cameras.is_array()) return Fail(ErrorCode::Corrupt, "an ingest token's camera list is not a JSON array", t.name);
  for (const auto& c : cameras) {
    if (!c.is_string()) return Fail(ErrorCode::Corrupt, "an ingest token's camera list holds a non-string", t.name);
    t.cameras.push_back(c.get<std::string>());
  }
  t.readsPerSecond = stmt.ColDouble(4);
  t.createdAt = stmt.ColInt(5);
  t.createdBy = stmt.ColText(6);
  t.revokedAt = stmt.ColOptInt(7);
  t.revokedBy = stmt.ColText(8);
  t.revokeReason = stmt.ColText(9);
  return t;
}

Status CheckThreshold(UtcMs offlineAfterMs) {
  if (offlineAfterMs <= 0)
    return Fail(ErrorCode::InvalidArgument, "the offline threshold must be positive", "offlineAfterMs");
  return {};
}

// True if [from, to) (to nullopt = open) overlaps the window [windowFrom, windowTo].
bool Overlaps(UtcMs from, const std::optional<UtcMs>& to, UtcMs windowFrom, UtcMs windowTo) {
  return from <= windowTo && (!to || *to > windowFrom);
}

// One camera as the health queries read it.
struct CameraRow {
  CameraId id = 0;
  std::string externalId;
  std::string name;
  std::optional<UtcMs> heard;
};

Result<std::vector<CameraRow>> CameraRows(detail::State& impl) {
  auto stmt = impl.Prepare(
      "SELECT c.id, c.external_id, c.name, h.heard_ms FROM cameras c LEFT JOIN camera_heard h ON h.camera_id = c.id"
      " ORDER BY c.name, c.external_id");
  if (!stmt) return stmt.Err();
  std::vector<CameraRow> rows;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return rows;
    rows.push_back({stmt->ColInt(0), stmt->ColText(1), stmt->ColText(2), stmt->ColOptInt(3)});
  }
}

// Stored periods overlapping [from, to], with each camera's id, oldest first.
Result<std::vector<OfflinePeriod>> StoredPeriods(detail::State& impl, UtcMs from, UtcMs to) {
  auto stmt = impl.Prepare(
      "SELECT o.camera_id, c.external_id, c.name, o.from_ms, o.to_ms FROM camera_offline o"
      " JOIN cameras c ON c.id = o.camera_id"
      " WHERE o.from_ms <= ?2 AND (o.to_ms IS NULL OR o.to_ms > ?1) ORDER BY o.from_ms, o.camera_id");
  if (!stmt) return stmt.Err();
  stmt->Int(1, from);
  stmt->Int(2, to);
  std::vector<OfflinePeriod> list;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return list;
    list.push_back({stmt->ColInt(0), stmt->ColText(1), stmt->ColText(2), stmt->ColInt(3), stmt->ColOptInt(4)});
  }
}

// Cameras with an open stored period (whatever its start).
Result<std::vector<CameraId>> CamerasWithOpenPeriod(detail::State& impl) {
  auto stmt = impl.Prepare("SELECT camera_id FROM camera_offline WHERE to_ms IS NULL");
  if (!stmt) return stmt.Err();
  std::vector<CameraId> list;
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return list;
    list.push_back(stmt->ColInt(0));
  }
}

// Stored periods plus, for each camera heard before and silent longer than the threshold at now
// without an open period (nobody swept: the server was stopped), the one a sweep would open.
Result<std::vector<OfflinePeriod>> PeriodsWithUnswept(detail::State& impl, const std::vector<CameraRow>& cameras,
                                                      UtcMs from, UtcMs to, UtcMs now, UtcMs offlineAfterMs) {
  auto list = StoredPeriods(impl, from, to);
  if (!list) return list.Err();
  auto open = CamerasWithOpenPeriod(impl);
  if (!open) return open.Err();
  for (const CameraRow& c : cameras) {
    if (!c.heard || now - *c.heard <= offlineAfterMs) continue;
    if (std::find(open->begin(), open->end(), c.id) != open->end()) continue;
    const UtcMs start = *c.heard + offlineAfterMs;
    if (Overlaps(start, std::nullopt, from, to)) list->push_back({c.id, c.externalId, c.name, start, std::nullopt});
  }
  std::stable_sort(list->begin(), list->end(), [](const OfflinePeriod& a, const OfflinePeriod& b) {
    return a.from != b.from ? a.from < b.from : a.camera < b.camera;
  });
  return list;
}

}  // namespace

// --- ingest tokens ------------------------------------------------------------------------------

Result<std::int64_t> Storage::AddIngestToken(const IngestToken& token) {
  return detail::Guarded("add ingest token", [&]() -> Result<std::int64_t> {
    if (token.name.empty()) return Fail(ErrorCode::InvalidArgument, "the token name is empty", "name");
    if (token.tokenHash.empty()) return Fail(ErrorCode::InvalidArgument, "the token hash is empty", "tokenHash");
    if (token.cameras.empty()) {
      return Fail(ErrorCode::InvalidArgument, "the token names no camera it may post for", "cameras");
    }
    nlohmann::json cameras = nlohmann::json::array();
    for (const std::string& c : token.cameras) {
      if (c.empty()) return Fail(ErrorCode::InvalidArgument, "a camera id of the token is empty", "cameras");
      cameras.push_back(c);
    }
    if (!std::isfinite(token.readsPerSecond) || token.readsPerSecond < 0) {
      return Fail(ErrorCode::InvalidArgument, "the token's rate must be a number of reads per second >= 0",
                  "readsPerSecond");
    }
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    {
      auto taken = mImpl->Prepare("SELECT name = ?1 FROM ingest_tokens WHERE name = ?1 OR token_hash = ?2");
      if (!taken) return taken.Err();
      taken->Text(1, token.name);
      taken->Text(2, token.tokenHash);
      auto row = taken->Step();
      if (!row) return row.Err();
      if (*row) {
        if (taken->ColInt(0) != 0)
          return Fail(ErrorCode::AlreadyExists, "an ingest token with this name exists", token.name);
        return Fail(ErrorCode::AlreadyExists, "an ingest token with this hash exists", token.name);
      }
    }
    auto insert = mImpl->Prepare(
        "INSERT INTO ingest_tokens(name, token_hash, cameras, reads_per_second, created_ms, created_by, revoked_ms,"
        " revoked_by, revoke_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) return insert.Err();
    insert->Text(1, token.name);
    insert->Text(2, token.tokenHash);
    insert->Text(3, cameras.dump());
    insert->Double(4, token.readsPerSecond);
    insert->Int(5, token.createdAt);
    insert->Text(6, token.createdBy);
    insert->OptInt(7, token.revokedAt);
    insert->Text(8, token.revokedBy);
    insert->Text(9, token.revokeReason);
    PLATEDESK_TRY(insert->Run());
    const std::int64_t id = sqlite3_last_insert_rowid(mImpl->Db());
    PLATEDESK_TRY(scope->Commit());
    return id;
  });
}

Result<std::vector<IngestToken>> Storage::IngestTokens() {
  return detail::Guarded("list ingest tokens", [&]() -> Result<std::vector<IngestToken>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, name, token_hash, cameras, reads_per_second, created_ms, created_by, revoked_ms, revoked_by,"
        " revoke_reason FROM ingest_tokens ORDER BY name");
    if (!stmt) return stmt.Err();
    std::vector<IngestToken> list;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return list;
      auto token = TokenFromRow(*stmt);
      if (!token) return token.Err();
      list.push_back(std::move(*token));
    }
  });
}

Status Storage::RevokeIngestToken(std::string_view name, std::string_view by, std::string_view reason, UtcMs at) {
  return detail::Guarded("revoke ingest token", [&]() -> Status {
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    {
      auto find = mImpl->Prepare("SELECT revoked_ms FROM ingest_tokens WHERE name = ?1");
      if (!find) return find.Err();
      find->Text(1, name);
      auto row = find->Step();
      if (!row) return row.Err();
      if (!*row) return Fail(ErrorCode::NotFound, "no ingest token with this name", std::string(name));
      if (!find->IsNull(0))
        return Fail(ErrorCode::AlreadyExists, "the ingest token is already revoked", std::string(name));
    }
    auto update =
        mImpl->Prepare("UPDATE ingest_tokens SET revoked_ms = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE name = ?1");
    if (!update) return update.Err();
    update->Text(1, name);
    update->Int(2, at);
    update->Text(3, by);
    update->Text(4, reason);
    PLATEDESK_TRY(update->Run());
    return scope->Commit();
  });
}

// --- camera health ------------------------------------------------------------------------------

Status Storage::NoteCamerasHeard(std::span<const CameraHeard> heard, UtcMs offlineAfterMs) {
  return detail::Guarded("note cameras heard", [&]() -> Status {
    PLATEDESK_TRY(CheckThreshold(offlineAfterMs));
    // The times per camera, oldest first, so a silence inside the batch is seen too.
    std::map<std::string, std::vector<UtcMs>, std::less<>> byCamera;
    for (const CameraHeard& h : heard) {
      if (h.externalId.empty()) return Fail(ErrorCode::InvalidArgument, "camera id is empty", "externalId");
      byCamera[h.externalId].push_back(h.at);
    }
    if (byCamera.empty()) return {};
    // Cameras first: EnsureCamera opens its own write scope (a savepoint inside a Transaction).
    std::vector<std::pair<CameraId, std::vector<UtcMs>*>> work;
    for (auto& [externalId, times] : byCamera) {
      auto id = EnsureCamera(externalId, externalId, CameraKind::Fixed, std::nullopt);
      if (!id) return id.Err();
      std::sort(times.begin(), times.end());
      work.emplace_back(*id, &times);
    }
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto getHeard = mImpl->Prepare("SELECT heard_ms FROM camera_heard WHERE camera_id = ?1");
    if (!getHeard) return getHeard.Err();
    auto getOpen = mImpl->Prepare("SELECT id FROM camera_offline WHERE camera_id = ?1 AND to_ms IS NULL");
    if (!getOpen) return getOpen.Err();
    auto closeOpen = mImpl->Prepare("UPDATE camera_offline SET to_ms = ?2 WHERE id = ?1");
    if (!closeOpen) return closeOpen.Err();
    auto moveOpen = mImpl->Prepare("UPDATE camera_offline SET from_ms = ?2 WHERE id = ?1");
    if (!moveOpen) return moveOpen.Err();
    auto addClosed = mImpl->Prepare("INSERT INTO camera_offline(camera_id, from_ms, to_ms) VALUES (?1, ?2, ?3)");
    if (!addClosed) return addClosed.Err();
    auto setHeard = mImpl->Prepare(
        "INSERT INTO camera_heard(camera_id, heard_ms) VALUES (?1, ?2)"
        " ON CONFLICT(camera_id) DO UPDATE SET heard_ms = excluded.heard_ms");
    if (!setHeard) return setHeard.Err();

    for (const auto& [camera, times] : work) {
      getHeard->Int(1, camera);
      auto row = getHeard->Step();
      if (!row) return row.Err();
      std::optional<UtcMs> last;
      if (*row) last = getHeard->ColInt(0);
      getHeard->Reset();

      getOpen->Int(1, camera);
      row = getOpen->Step();
      if (!row) return row.Err();
      std::optional<std::int64_t> open;
      if (*row) open = getOpen->ColInt(0);
      getOpen->Reset();

      bool changed = false;
      for (UtcMs at : *times) {
        if (last && at <= *last) continue;  // an older record arriving late says nothing new
        if (open) {
          if (last && at - *last <= offlineAfterMs) {
            // Heard within the threshold after all (a late delivery): the silence starts later.
            moveOpen->Int(1, *open);
            moveOpen->Int(2, at + offlineAfterMs);
            PLATEDESK_TRY(moveOpen->Run());
            moveOpen->Reset();
          } else {
            closeOpen->Int(1, *open);
            closeOpen->Int(2, at);
            PLATEDESK_TRY(closeOpen->Run());
            closeOpen->Reset();
            open.reset();
          }
        } else if (last && at - *last > offlineAfterMs) {
          addClosed->Int(1, camera);
          addClosed->Int(2, *last + offlineAfterMs);
          addClosed->Int(3, at);
          PLATEDESK_TRY(addClosed->Run());
          addClosed->Reset();
        }
        last = at;
        changed = true;
      }
      if (changed) {
        setHeard->Int(1, camera);
        setHeard->Int(2, *last);
        PLATEDESK_TRY(setHeard->Run());
        setHeard->Reset();
      }
    }
    return scope->Commit();
  });
}

Status Storage::SweepCameraHealth(UtcMs now, UtcMs offlineAfterMs) {
  return detail::Guarded("sweep camera health", [&]() -> Status {
    PLATEDESK_TRY(CheckThreshold(offlineAfterMs));
    auto stmt = mImpl->Prepare(
        "INSERT INTO camera_offline(camera_id, from_ms, to_ms)"
        " SELECT h.camera_id, h.heard_ms + ?2, NULL FROM camera_heard h"
        " WHERE ?1 - h.heard_ms > ?2"
        " AND NOT EXISTS (SELECT 1 FROM camera_offline o WHERE o.camera_id = h.camera_id AND o.to_ms IS NULL)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, now);
    stmt->Int(2, offlineAfterMs);
    return stmt->Run();
  });
}

Result<std::vector<CameraHealth>> Storage::CameraHealthList(UtcMs since, UtcMs now, UtcMs offlineAfterMs) {
  return detail::Guarded("camera health", [&]() -> Result<std::vector<CameraHealth>> {
    PLATEDESK_TRY(CheckThreshold(offlineAfterMs));
    auto cameras = CameraRows(*mImpl);
    if (!cameras) return cameras.Err();
    auto periods = PeriodsWithUnswept(*mImpl, *cameras, since, now, now, offlineAfterMs);
    if (!periods) return periods.Err();
    std::unordered_map<CameraId, std::size_t> index;
    std::vector<CameraHealth> list;
    list.reserve(cameras->size());
    for (const CameraRow& c : *cameras) {
      CameraHealth h;
      h.camera = c.id;
      h.externalId = c.externalId;
      h.name = c.name;
      h.lastHeard = c.heard;
      h.online = c.heard && now - *c.heard <= offlineAfterMs;
      index[c.id] = list.size();
      list.push_back(std::move(h));
    }
    for (OfflinePeriod& p : *periods) {
      auto it = index.find(p.camera);
      if (it != index.end()) list[it->second].periods.push_back(std::move(p));
    }
    return list;
  });
}

Result<std::vector<OfflinePeriod>> Storage::OfflinePeriods(std::span<const CameraId> cameras, UtcMs from, UtcMs to) {
  return detail::Guarded("offline periods", [&]() -> Result<std::vector<OfflinePeriod>> {
    if (to < from) return Fail(ErrorCode::InvalidArgument, "the window ends before it starts", "to");
    auto threshold = CameraOfflineAfter();
    if (!threshold) return threshold.Err();
    auto rows = CameraRows(*mImpl);
    if (!rows) return rows.Err();
    auto periods = PeriodsWithUnswept(*mImpl, *rows, from, to, mImpl->clock->Now(), *threshold);
    if (!periods) return periods.Err();
    if (cameras.empty()) return periods;
    std::vector<OfflinePeriod> chosen;
    for (OfflinePeriod& p : *periods) {
      if (std::find(cameras.begin(), cameras.end(), p.camera) != cameras.end()) chosen.push_back(std::move(p));
    }
    return chosen;
  });
}

Result<UtcMs> Storage::CameraOfflineAfter() {
  auto value = GetSetting(kCameraOfflineAfterSetting);
  if (!value) return value.Err();
  if (!*value) return kDefaultCameraOfflineAfterMs;
  const std::string& text = **value;
  std::int64_t seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds <= 0 || seconds > 365LL * 24 * 3600) {
    return Fail(ErrorCode::Corrupt, "the camera offline threshold setting is not a positive number of seconds",
                std::string(kCameraOfflineAfterSetting) + " = " + text);
  }
  return seconds * 1000;
}

}  // namespace platedesk::store
