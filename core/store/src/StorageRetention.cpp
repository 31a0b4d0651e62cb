// SPDX-License-Identifier: GPL-3.0-or-later
// The retention purge (DESIGN.md rule 4): hard-deletes reads past retention unless a case hold is
// in force, then the images no remaining read uses, quarantined input and migration backups past
// retention, and truncates the WAL (the connection zeroes deleted content: secure_delete). The schema
// (007_retention.sql) allows the deletes only while this file's marker row exists inside the deleting transaction.
#include "StorageImpl.h"

#include "platedesk/common/Log.h"

#include <chrono>
#include <limits>
#include <optional>
#include <set>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace platedesk::store {
namespace {

// "Not held": no hold in force keeps the read aliased r (or k).
const std::string kUnheld = "NOT " + detail::HeldPredicate("r");
const std::string kUnheldK = "NOT " + detail::HeldPredicate("k");

// Past retention: the read aliased `a` was captured before its camera kind's cutoff. Parameters:
// ?1 the latest cutoff (lets the captured_ms index narrow the scan), ?5 fixed, ?6 mobile, ?7 portable.
std::string PastRetention(std::string_view a) {
  const std::string r(a);
  return "(" + r + ".captured_ms < ?1 AND " + r +
         ".captured_ms < (SELECT CASE c.kind WHEN 'mobile' THEN ?6 WHEN 'portable' THEN ?7 ELSE ?5 END FROM cameras c "
         "WHERE c.id = " +
         r + ".camera_id))";
}

void BindCutoffs(sqlite::Stmt& stmt, const RetentionCutoffs& cutoffs) {
  stmt.Int(1, cutoffs.Latest());
  stmt.Int(5, cutoffs.fixed);
  stmt.Int(6, cutoffs.mobile);
  stmt.Int(7, cutoffs.portable);
}

Result<std::int64_t> CountWithCutoff(detail::State& impl, const std::string& sql, const RetentionCutoffs& cutoffs) {
  auto stmt = impl.Prepare(sql);
  if (!stmt) return stmt.Err();
  BindCutoffs(*stmt, cutoffs);
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

// The time in a migration backup's name (platedesk.db.bak-v<N>-<yyyymmddThhmmssZ>[-n]); nullopt
// for any other file.
std::optional<UtcMs> BackupTime(const std::string& name) {
  const std::string prefix = std::string(detail::kDbName) + ".bak-v";
  if (name.rfind(prefix, 0) != 0) return std::nullopt;
  const std::size_t dash = name.find('-', prefix.size());
  if (dash == std::string::npos || name.size() < dash + 17) return std::nullopt;
  const std::string t = name.substr(dash + 1, 16);  // yyyymmddThhmmssZ
  if (t[8] != 'T' || t[15] != 'Z') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  const auto num = [&](std::size_t at, std::size_t n) { return std::stoi(t.substr(at, n)); };
  const int month = num(4, 2), day = num(6, 2), hour = num(9, 2), minute = num(11, 2), second = num(13, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return UtcFromCivil(num(0, 4), month, day, hour, minute, second);
}

// Migration backups made before the cutoff: whole copies of the database as it was, so they hold
// reads long past retention. Removed (counted only on a dry run).
Status RemoveOldBackups(const fs::path& folder, UtcMs cutoff, PurgeCounts& counts, bool dryRun) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const auto made = BackupTime(it->path().filename().string());
    if (!made || *made >= cutoff) continue;
    if (!dryRun) {
      std::error_code rm;
      fs::remove(it->path(), rm);
      if (rm)
        return Fail(ErrorCode::Io, "cannot remove a migration backup past retention: " + rm.message(),
                    it->path().string());
    }
    ++counts.backupsDeleted;
  }
  if (ec) return Fail(ErrorCode::Io, "cannot list the storage folder: " + ec.message(), folder.string());
  return {};
}

// Quarantined input (raw camera records, plates in them) received before the cutoff: the rows
// go in one transaction, then their files; then any file no row names that nobody wrote to for a
// day (what a purge interrupted between the two steps left behind).
Status RemoveOldQuarantine(detail::State& impl, UtcMs cutoff, PurgeCounts& counts, bool dryRun) {
  if (dryRun) {
    auto n =
        CountWithCutoff(impl, "SELECT count(*) FROM quarantine WHERE received_ms < ?1", RetentionCutoffs::Same(cutoff));
    if (!n) return n.Err();
    counts.quarantineDeleted += static_cast<std::uint64_t>(*n);
    return {};
  }
  const fs::path folder = impl.folder / detail::kQuarantineFolder;
  std::vector<std::string> files;
  {
    auto scope = detail::WriteScope::Start(impl);
    if (!scope) return scope.Err();
    auto list = impl.Prepare("SELECT file FROM quarantine WHERE received_ms < ?1");
    if (!list) return list.Err();
    list->Int(1, cutoff);
    for (;;) {
      auto row = list->Step();
      if (!row) return row.Err();
      if (!*row) break;
      files.push_back(list->ColText(0));
    }
    list->Reset();
    if (files.empty()) return {};
    auto drop = impl.Prepare("DELETE FROM quarantine WHERE received_ms < ?1");
    if (!drop) return drop.Err();
    drop->Int(1, cutoff);
    PLATEDESK_TRY(drop->Run());
    PLATEDESK_TRY(scope->Commit());
  }
  std::set<std::string> named;
  {
    auto all = impl.Prepare("SELECT file FROM quarantine");
    if (!all) return all.Err();
    for (;;) {
      auto row = all->Step();
      if (!row) return row.Err();
      if (!*row) break;
      named.insert(all->ColText(0));
    }
    all->Reset();
  }
  const std::string reasonSuffix = ".reason.json";
  for (const auto& file : files) {
    if (named.contains(file)) continue;  // a file name is unique; never happens, but never remove a named one
    for (const std::string& name : {file, file + reasonSuffix}) {
      std::error_code rm;
      fs::remove(folder / name, rm);
      if (rm)
        return Fail(ErrorCode::Io, "cannot remove a quarantined file past retention: " + rm.message(),
                    (folder / name).string());
    }
    ++counts.quarantineDeleted;
  }
  std::error_code ec;
  const auto dayAgo = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > reasonSuffix.size() && name.ends_with(reasonSuffix))
      name.resize(name.size() - reasonSuffix.size());
    std::error_code when;
    if (named.contains(name) || fs::last_write_time(it->path(), when) > dayAgo || when) continue;
    std::error_code rm;
    fs::remove(it->path(), rm);
  }
  return {};
}

// After a purge the WAL still holds the pages as they were before the deletes (and older frames
// past its write point): a checkpoint copies the zeroed pages into the database and truncates the
// WAL to nothing. Another connection reading at that moment delays it; a few tries, then a warning.
void TruncateWal(detail::State& impl) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    auto stmt = impl.Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!stmt) break;
    auto row = stmt->Step();
    const bool busy = !row || (*row && stmt->ColInt(0) != 0);
    stmt->Reset();
    if (!busy) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Log(LogLevel::Warning,
      "store: the WAL could not be truncated after the retention purge (another connection was reading); the "
      "next checkpoint overwrites it");
}

}  // namespace

Result<PurgeCounts> Storage::CountExpired(const RetentionCutoffs& cutoffs) {
  return detail::Guarded("count reads past retention", [&]() -> Result<PurgeCounts> {
    PurgeCounts counts;
    counts.cutoffs = cutoffs;
    auto deleted = CountWithCutoff(
        *mImpl, "SELECT count(*) FROM reads r WHERE " + PastRetention("r") + " AND " + kUnheld, cutoffs);
    if (!deleted) return deleted.Err();
    auto held = CountWithCutoff(
        *mImpl, "SELECT count(*) FROM reads r WHERE " + PastRetention("r") + " AND NOT " + kUnheld, cutoffs);
    if (!held) return held.Err();
    counts.readsDeleted = static_cast<std::uint64_t>(*deleted);
    counts.readsHeld = static_cast<std::uint64_t>(*held);
    // Images of the reads that go, less those a read that stays (newer, or held) still uses.
    const std::string stays = "(NOT " + PastRetention("k") + " OR NOT " + kUnheldK + ")";
    const std::string sql =
        "WITH gone(img) AS (SELECT plate_image FROM reads r WHERE " + PastRetention("r") +
        " AND plate_image IS NOT NULL AND " + kUnheld + " UNION SELECT vehicle_image FROM reads r WHERE " +
        PastRetention("r") + " AND vehicle_image IS NOT NULL AND " + kUnheld +
        ") SELECT count(*), coalesce(sum(i.bytes), 0) FROM gone g JOIN images i ON i.sha256 = g.img WHERE " +
        "NOT EXISTS (SELECT 1 FROM reads k WHERE k.plate_image = g.img AND " + stays + ") AND " +
        "NOT EXISTS (SELECT 1 FROM reads k WHERE k.vehicle_image = g.img AND " + stays + ")";
    auto images = mImpl->Prepare(sql);
    if (!images) return images.Err();
    BindCutoffs(*images, cutoffs);
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
    PLATEDESK_TRY(RemoveOldQuarantine(*mImpl, cutoffs.Latest(), counts, /*dryRun=*/true));
    PLATEDESK_TRY(RemoveOldBackups(mImpl->folder, cutoffs.Latest(), counts, /*dryRun=*/true));
    counts.finished = true;
    return counts;
  });
}

Status Storage::PurgeExpired(const RetentionCutoffs& cutoffs, PurgeCounts& counts, std::stop_token stop,
                             const ProgressFn& progress, const PurgeOptions& options) {
  counts = PurgeCounts{};
  counts.cutoffs = cutoffs;
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
    auto total = CountWithCutoff(*mImpl, "SELECT count(*) FROM reads r WHERE " + PastRetention("r") + " AND " + kUnheld,
                                 cutoffs);
    if (!total) return total.Err();
    ProgressThrottle throttle(progress);
    throttle.Report(0, static_cast<std::uint64_t>(*total), true);
    PLATEDESK_TRY(finishImageDeletions());

    const std::string selectSql =
        "SELECT r.id, r.captured_ms, coalesce(r.plate_image, ''), coalesce(r.vehicle_image, '') FROM reads r WHERE " +
        PastRetention("r") + " AND (r.captured_ms > ?2 OR (r.captured_ms = ?2 AND r.id > ?3)) AND " + kUnheld +
        " ORDER BY r.captured_ms, r.id LIMIT ?4";
    UtcMs lastCaptured = std::numeric_limits<UtcMs>::min();
    ReadId lastId = std::numeric_limits<ReadId>::min();
    for (;;) {
      if (stop.stop_requested()) break;
      auto scope = detail::WriteScope::Start(*mImpl);
      if (!scope) return scope.Err();
      {
        auto marker = mImpl->Prepare(
            "INSERT INTO retention_purge(id, cutoff_ms, cutoff_mobile_ms, cutoff_portable_ms) VALUES (1, ?1, ?2, ?3)");
        if (!marker) return marker.Err();
        marker->Int(1, cutoffs.fixed);
        marker->Int(2, cutoffs.mobile);
        marker->Int(3, cutoffs.portable);
        PLATEDESK_TRY(marker->Run());
      }
      std::vector<Expired> batch;
      {
        auto select = mImpl->Prepare(selectSql);
        if (!select) return select.Err();
        BindCutoffs(*select, cutoffs);
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
      // The rows of released holds naming the read (holds in force keep theirs: the read is not here).
      auto releasedHolds = mImpl->Prepare("DELETE FROM hold_reads WHERE read_id = ?1");
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
        *mImpl, "SELECT count(*) FROM reads r WHERE " + PastRetention("r") + " AND NOT " + kUnheld, cutoffs);
    if (!held) return held.Err();
    counts.readsHeld = static_cast<std::uint64_t>(*held);
    if (counts.finished) {
      // What else holds plate data past retention: quarantined input and migration backups; then
      // the WAL's copies of the pages the deletes zeroed.
      PLATEDESK_TRY(RemoveOldQuarantine(*mImpl, cutoffs.Latest(), counts, /*dryRun=*/false));
      PLATEDESK_TRY(RemoveOldBackups(mImpl->folder, cutoffs.Latest(), counts, /*dryRun=*/false));
      TruncateWal(*mImpl);
    }
    throttle.Report(counts.readsDeleted, static_cast<std::uint64_t>(*total), true);
    if (counts.readsDeleted > 0 || counts.imagesDeleted > 0)
      Log(LogLevel::Info, "store: retention purge deleted " + std::to_string(counts.readsDeleted) + " reads and " +
                              std::to_string(counts.imagesDeleted) + " images");
    return {};
  });
}

}  // namespace platedesk::store
