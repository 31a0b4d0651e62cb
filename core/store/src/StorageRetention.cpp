// SPDX-License-Identifier: GPL-3.0-or-later
// The retention purge (DESIGN.md rule 4): hard-deletes reads past retention unless a case hold is
// in force, then the images no remaining read uses. The schema (007_retention.sql) allows the
// deletes only while this file's marker row exists inside the deleting transaction.
#include "StorageImpl.h"

#include "platedesk/common/Log.h"

#include <limits>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace platedesk::store {
namespace {

// "Not held": no hold in force on the read aliased r.
constexpr const char* kUnheld =
    "NOT EXISTS (SELECT 1 FROM case_holds h WHERE h.read_id = r.id AND h.released_ms IS NULL)";
// The same for a read aliased k.
constexpr const char* kUnheldK =
    "NOT EXISTS (SELECT 1 FROM case_holds h WHERE h.read_id = k.id AND h.released_ms IS NULL)";

Result<std::int64_t> CountWithCutoff(detail::State& impl, const std::string& sql, UtcMs cutoff) {
  auto stmt = impl.Prepare(sql);
  if (!stmt) return stmt.Err();
  stmt->Int(1, cutoff);
  auto row = stmt->Step();
  if (!row) return row.Err();
  return *row ? stmt->ColInt(0) : 0;
}

// While a purge runs its connection syncs the WAL at every commit: an image file is removed only
// after the commit that deleted its row, and with synchronous=NORMAL a power cut could undo that
// commit and bring back a row whose file is gone.
class SyncFullScope {
 public:
  explicit SyncFullScope(detail::State& impl) : mImpl(impl) {}
  [[nodiscard]] Status Start() {
    PLATEDESK_TRY(mImpl.conn->Exec("PRAGMA synchronous = FULL", "purge: set synchronous"));
    mActive = true;
    return {};
  }
  ~SyncFullScope() {
    if (mActive) (void)mImpl.conn->Exec("PRAGMA synchronous = NORMAL", "purge: restore synchronous");
  }
  SyncFullScope(const SyncFullScope&) = delete;
  SyncFullScope& operator=(const SyncFullScope&) = delete;

 private:
  detail::State& mImpl;
  bool mActive = false;
};

struct Expired {
  ReadId id = 0;
  UtcMs capturedAt = 0;
  std::string plateImage;
  std::string vehicleImage;
};

}  // namespace

Result<PurgeCounts> Storage::CountExpired(UtcMs cutoff) {
  return detail::Guarded("count reads past retention", [&]() -> Result<PurgeCounts> {
    PurgeCounts counts;
    counts.cutoff = cutoff;
    auto deleted = CountWithCutoff(
        *mImpl, std::string("SELECT count(*) FROM reads r WHERE r.captured_ms < ?1 AND ") + kUnheld, cutoff);
    if (!deleted) return deleted.Err();
    auto held = CountWithCutoff(
        *mImpl, std::string("SELECT count(*) FROM reads r WHERE r.captured_ms < ?1 AND NOT ") + kUnheld, cutoff);
    if (!held) return held.Err();
    counts.readsDeleted = static_cast<std::uint64_t>(*deleted);
    counts.readsHeld = static_cast<std::uint64_t>(*held);
    // Images of the reads that go, less those a read that stays (newer, or held) still uses.
    const std::string stays = std::string("(k.captured_ms >= ?1 OR NOT ") + kUnheldK + ")";
    const std::string sql =
        std::string(
            "WITH gone(img) AS (SELECT plate_image FROM reads r WHERE r.captured_ms < ?1 AND plate_image IS NOT NULL "
            "AND ") +
        kUnheld +
        " UNION SELECT vehicle_image FROM reads r WHERE r.captured_ms < ?1 AND vehicle_image IS NOT NULL AND " +
        kUnheld + ") SELECT count(*), coalesce(sum(i.bytes), 0) FROM gone g JOIN images i ON i.sha256 = g.img WHERE " +
        "NOT EXISTS (SELECT 1 FROM reads k WHERE k.plate_image = g.img AND " + stays + ") AND " +
        "NOT EXISTS (SELECT 1 FROM reads k WHERE k.vehicle_image = g.img AND " + stays + ")";
    auto images = mImpl->Prepare(sql);
    if (!images) return images.Err();
    images->Int(1, cutoff);
    auto row = images->Step();
    if (!row) return row.Err();
    if (*row) {
      counts.imagesDeleted = static_cast<std::uint64_t>(images->ColInt(0));
      counts.bytesFreed = static_cast<std::uint64_t>(images->ColInt(1));
    }
    // Files an interrupted purge left to remove.
    auto pending = mImpl->Prepare("SELECT count(*), coalesce(sum(bytes), 0) FROM image_deletions");
    if (!pending) return pending.Err();
    auto prow = pending->Step();
    if (!prow) return prow.Err();
    if (*prow) {
      counts.imagesDeleted += static_cast<std::uint64_t>(pending->ColInt(0));
      counts.bytesFreed += static_cast<std::uint64_t>(pending->ColInt(1));
    }
    counts.finished = true;
    return counts;
  });
}

Status Storage::PurgeExpired(UtcMs cutoff, PurgeCounts& counts, std::stop_token stop, const ProgressFn& progress,
                             const PurgeOptions& options) {
  counts = PurgeCounts{};
  counts.cutoff = cutoff;
  return detail::Guarded("purge reads past retention", [&]() -> Status {
    if (mImpl->inTransaction)
      return Fail(ErrorCode::InvalidArgument, "the retention purge runs its own transactions", "open Transaction");
    if (options.batchSize == 0) return Fail(ErrorCode::InvalidArgument, "batch size is 0", "batchSize");
    auto fault = [&](std::string_view stage) -> Status { return options.fault ? options.fault(stage) : Status{}; };

    // Removes the files of image rows already deleted, under the write lock (so no other
    // connection can add a row for the same bytes meanwhile), then their entries.
    auto finishImageDeletions = [&]() -> Status {
      auto scope = detail::WriteScope::Start(*mImpl);
      if (!scope) return scope.Err();
      struct Pending {
        std::string sha256, mime;
        std::uint64_t bytes = 0;
      };
      std::vector<Pending> pending;
      {
        auto list = mImpl->Prepare("SELECT sha256, mime, bytes FROM image_deletions ORDER BY sha256");
        if (!list) return list.Err();
        for (;;) {
          auto row = list->Step();
          if (!row) return row.Err();
          if (!*row) break;
          pending.push_back({list->ColText(0), list->ColText(1), static_cast<std::uint64_t>(list->ColInt(2))});
        }
      }
      if (pending.empty()) return {};
      auto again = mImpl->Prepare("SELECT 1 FROM images WHERE sha256 = ?1");
      if (!again) return again.Err();
      auto done = mImpl->Prepare("DELETE FROM image_deletions WHERE sha256 = ?1");
      if (!done) return done.Err();
      Status failure;
      for (const Pending& p : pending) {
        again->Text(1, p.sha256);
        auto stored = again->Step();
        if (!stored) return stored.Err();
        again->Reset();
        if (!*stored) {
          // No row names these bytes any more: the file goes. (A row that came back, stored by
          // an import after the purge's batch, owns the file again: it stays.)
          if (Status f = fault("file"); !f) {
            failure = f;
            break;
          }
          std::error_code ec;
          const bool removed = fs::remove(ImagePath(p.sha256, p.mime), ec);
          if (ec) {
            failure = Fail(ErrorCode::Io, "cannot remove an image file past retention: " + ec.message(),
                           ImagePath(p.sha256, p.mime).string());
            break;
          }
          ++counts.imagesDeleted;
          if (removed) counts.bytesFreed += p.bytes;
        }
        done->Text(1, p.sha256);
        PLATEDESK_TRY(done->Run());
        done->Reset();
      }
      PLATEDESK_TRY(scope->Commit());
      return failure;
    };

    SyncFullScope sync(*mImpl);
    PLATEDESK_TRY(sync.Start());
    auto total = CountWithCutoff(
        *mImpl, std::string("SELECT count(*) FROM reads r WHERE r.captured_ms < ?1 AND ") + kUnheld, cutoff);
    if (!total) return total.Err();
    ProgressThrottle throttle(progress);
    throttle.Report(0, static_cast<std::uint64_t>(*total), true);
    PLATEDESK_TRY(finishImageDeletions());

    const std::string selectSql =
        std::string(
            "SELECT r.id, r.captured_ms, coalesce(r.plate_image, ''), coalesce(r.vehicle_image, '') FROM reads r "
            "WHERE r.captured_ms < ?1 AND (r.captured_ms > ?2 OR (r.captured_ms = ?2 AND r.id > ?3)) AND ") +
        kUnheld + " ORDER BY r.captured_ms, r.id LIMIT ?4";
    UtcMs lastCaptured = std::numeric_limits<UtcMs>::min();
    ReadId lastId = std::numeric_limits<ReadId>::min();
    for (;;) {
      if (stop.stop_requested()) break;
      auto scope = detail::WriteScope::Start(*mImpl);
      if (!scope) return scope.Err();
      {
        auto marker = mImpl->Prepare("INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, ?1)");
        if (!marker) return marker.Err();
        marker->Int(1, cutoff);
        PLATEDESK_TRY(marker->Run());
      }
      std::vector<Expired> batch;
      {
        auto select = mImpl->Prepare(selectSql);
        if (!select) return select.Err();
        select->Int(1, cutoff);
        select->Int(2, lastCaptured);
        select->Int(3, lastId);
        select->Int(4, static_cast<std::int64_t>(options.batchSize));
        for (;;) {
          auto row = select->Step();
          if (!row) return row.Err();
          if (!*row) break;
          batch.push_back({select->ColInt(0), select->ColInt(1), select->ColText(2), select->ColText(3)});
        }
      }
      if (batch.empty()) {
        counts.finished = true;
        break;  // the scope rolls the marker back
      }
      auto releasedHolds = mImpl->Prepare("DELETE FROM case_holds WHERE read_id = ?1 AND released_ms IS NOT NULL");
      if (!releasedHolds) return releasedHolds.Err();
      auto deleteRead = mImpl->Prepare("DELETE FROM reads WHERE id = ?1");
      if (!deleteRead) return deleteRead.Err();
      std::set<std::string> images;
      for (const Expired& r : batch) {
        releasedHolds->Int(1, r.id);
        PLATEDESK_TRY(releasedHolds->Run());
        releasedHolds->Reset();
        deleteRead->Int(1, r.id);
        PLATEDESK_TRY(deleteRead->Run());
        deleteRead->Reset();
        if (!r.plateImage.empty()) images.insert(r.plateImage);
        if (!r.vehicleImage.empty()) images.insert(r.vehicleImage);
      }
      // Content-addressed: an image goes only when no read (kept or not yet purged) still uses it.
      auto used = mImpl->Prepare(
          "SELECT EXISTS (SELECT 1 FROM reads WHERE plate_image = ?1) OR EXISTS (SELECT 1 FROM reads WHERE "
          "vehicle_image = ?1)");
      if (!used) return used.Err();
      auto moveImage = mImpl->Prepare(
          "INSERT OR IGNORE INTO image_deletions(sha256, mime, bytes) SELECT sha256, mime, bytes FROM images WHERE "
          "sha256 = ?1");
      if (!moveImage) return moveImage.Err();
      auto deleteImage = mImpl->Prepare("DELETE FROM images WHERE sha256 = ?1");
      if (!deleteImage) return deleteImage.Err();
      for (const std::string& sha : images) {
        used->Text(1, sha);
        auto row = used->Step();
        if (!row) return row.Err();
        const bool stillUsed = *row && used->ColInt(0) != 0;
        used->Reset();
        if (stillUsed) continue;
        moveImage->Text(1, sha);
        PLATEDESK_TRY(moveImage->Run());
        moveImage->Reset();
        deleteImage->Text(1, sha);
        PLATEDESK_TRY(deleteImage->Run());
        deleteImage->Reset();
      }
      PLATEDESK_TRY(fault("batch"));
      {
        auto unmark = mImpl->Prepare("DELETE FROM retention_purge");
        if (!unmark) return unmark.Err();
        PLATEDESK_TRY(unmark->Run());
      }
      PLATEDESK_TRY(scope->Commit());
      counts.readsDeleted += batch.size();
      lastCaptured = batch.back().capturedAt;
      lastId = batch.back().id;
      PLATEDESK_TRY(finishImageDeletions());
      throttle.Report(counts.readsDeleted, static_cast<std::uint64_t>(*total));
    }
    auto held = CountWithCutoff(
        *mImpl, std::string("SELECT count(*) FROM reads r WHERE r.captured_ms < ?1 AND NOT ") + kUnheld, cutoff);
    if (!held) return held.Err();
    counts.readsHeld = static_cast<std::uint64_t>(*held);
    throttle.Report(counts.readsDeleted, static_cast<std::uint64_t>(*total), true);
    if (counts.readsDeleted > 0 || counts.imagesDeleted > 0)
      Log(LogLevel::Info, "store: retention purge deleted " + std::to_string(counts.readsDeleted) + " reads and " +
                              std::to_string(counts.imagesDeleted) + " images");
    return {};
  });
}

}  // namespace platedesk::store
