// SPDX-License-Identifier: GPL-3.0-or-later
// The bulk scans the search index is built from: reads and candidates streamed as plain columns,
// each on a read-only connection of its own so the index can load both on two threads while the
// Storage goes on serving its own thread.
#include "StorageImpl.h"

#include "platedesk/store/Storage.h"

#include <charconv>

namespace platedesk::store {
namespace {

// Checking the stop token costs little, but not nothing: before the first row, then once per
// this many rows.
constexpr std::uint64_t kStopCheckMask = 16383;

Result<std::unique_ptr<sqlite::Connection>> OpenReadOnly(const std::filesystem::path& folder) {
  return sqlite::Connection::Open((folder / detail::kDbName).string(), SQLITE_OPEN_READONLY, detail::kDbWords);
}

}  // namespace

Result<ReadsStamp> Storage::GetReadsStamp() {
  ReadsStamp stamp;
  auto id = GetSetting("storage_id");
  if (!id) return id.Err();
  stamp.storageId = id->value_or("");
  auto deleted = GetSetting("reads_deleted");
  if (!deleted) return deleted.Err();
  if (!*deleted) return Fail(ErrorCode::Unsupported, "storage has no reads_deleted stamp (schema before v4)");
  const std::string& text = **deleted;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), stamp.readsDeleted);
  if (ec != std::errc() || end == text.data()) {
    return Fail(ErrorCode::Corrupt, "reads_deleted stamp is not a number", text);
  }
  auto newest = detail::Guarded("read the newest read and camera places", [&]() -> Status {
    auto stmt = mImpl->Prepare(
        "SELECT (SELECT coalesce(max(id), 0) FROM reads), count(*), coalesce(max(id), 0), "
        "count(to_ms) FROM camera_locations");
    if (!stmt) return stmt.Err();
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (*row) {
      stamp.newestRead = stmt->ColInt(0);
      stamp.places = {stmt->ColInt(1), stmt->ColInt(2), stmt->ColInt(3)};
    }
    return {};
  });
  if (!newest) return newest.Err();
  return stamp;
}

Result<std::uint64_t> Storage::CountReadsAfter(ReadId after) {
  return detail::Guarded("count reads", [&]() -> Result<std::uint64_t> {
    // On a short-lived connection like the scans: counting walks the whole reads table, which on
    // the Storage's own connection would fill its 128 MiB page cache (RSS and time for nothing).
    auto conn = OpenReadOnly(mImpl->folder);
    if (!conn) return conn.Err();
    auto stmt = (*conn)->Prepare("SELECT count(*) FROM reads WHERE id > ?1");
    if (!stmt) return stmt.Err();
    stmt->Int(1, after);
    auto row = stmt->Step();
    if (!row) return row.Err();
    return *row ? static_cast<std::uint64_t>(stmt->ColInt(0)) : 0;
  });
}

Result<std::vector<CameraHourCount>> Storage::ReadCountsByCameraHour(UtcMs from, UtcMs to) {
  return detail::Guarded("count reads by camera and hour", [&]() -> Result<std::vector<CameraHourCount>> {
    auto conn = OpenReadOnly(mImpl->folder);  // a month of reads: not through the main page cache
    if (!conn) return conn.Err();
    auto stmt = (*conn)->Prepare(
        "SELECT camera_id, captured_ms / 3600000, count(*), min(captured_ms), max(captured_ms) FROM reads "
        "WHERE captured_ms >= ?1 AND captured_ms < ?2 GROUP BY camera_id, captured_ms / 3600000 ORDER BY 1, 2");
    if (!stmt) return stmt.Err();
    stmt->Int(1, from);
    stmt->Int(2, to);
    std::vector<CameraHourCount> out;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return out;
      out.push_back({stmt->ColInt(0), stmt->ColInt(1) * 3600000, static_cast<std::uint64_t>(stmt->ColInt(2)),
                     stmt->ColInt(3), stmt->ColInt(4)});
    }
  });
}

Status Storage::ScanReads(ReadId after, const std::function<bool(const ScannedRead&)>& fn, std::stop_token stop) const {
  return detail::Guarded("scan reads", [&]() -> Status {
    auto conn = OpenReadOnly(mImpl->folder);
    if (!conn) return conn.Err();
    auto stmt = (*conn)->Prepare(
        "SELECT id, captured_ms, camera_id, plate, state, confidence, direction_deg, latitude, longitude, "
        "color, color_conf, make, make_conf, model, model_conf, body, body_conf "
        "FROM reads WHERE id > ?1 ORDER BY id");
    if (!stmt) return stmt.Err();
    stmt->Int(1, after);
    ScannedRead r;
    for (std::uint64_t n = 0;; ++n) {
      if ((n & kStopCheckMask) == 0 && stop.stop_requested()) return Fail(ErrorCode::Cancelled, "scan cancelled");
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return {};
      const sqlite::Stmt& s = *stmt;
      r.id = s.ColInt(0);
      r.capturedAt = s.ColInt(1);
      r.camera = s.ColInt(2);
      r.plate = s.ColView(3);
      r.state = s.ColView(4);
      r.confidence = s.ColDouble(5);
      r.direction = s.ColOptDouble(6);
      r.hasPosition = !s.IsNull(7) && !s.IsNull(8);
      r.latitude = r.hasPosition ? s.ColDouble(7) : 0;
      r.longitude = r.hasPosition ? s.ColDouble(8) : 0;
      for (std::size_t a = 0; a < r.attributes.size(); ++a) {
        const int col = 9 + static_cast<int>(a) * 2;
        ScannedAttribute& attr = r.attributes[a];
        attr.present = !s.IsNull(col);
        attr.value = attr.present ? s.ColView(col) : std::string_view();
        attr.confidence = attr.present ? s.ColDouble(col + 1) : 0;
      }
      if (!fn(r)) return {};
    }
  });
}

Status Storage::ScanCandidates(ReadId after, const std::function<bool(const ScannedCandidate&)>& fn,
                               std::stop_token stop) const {
  return detail::Guarded("scan candidates", [&]() -> Status {
    auto conn = OpenReadOnly(mImpl->folder);
    if (!conn) return conn.Err();
    auto stmt =
        (*conn)->Prepare("SELECT read_id, rank, plate FROM read_candidates WHERE read_id > ?1 ORDER BY read_id, rank");
    if (!stmt) return stmt.Err();
    stmt->Int(1, after);
    ScannedCandidate c;
    for (std::uint64_t n = 0;; ++n) {
      if ((n & kStopCheckMask) == 0 && stop.stop_requested()) return Fail(ErrorCode::Cancelled, "scan cancelled");
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return {};
      c.read = stmt->ColInt(0);
      c.rank = stmt->ColInt(1);
      c.plate = stmt->ColView(2);
      if (!fn(c)) return {};
    }
  });
}

}  // namespace platedesk::store
