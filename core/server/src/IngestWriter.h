// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/store/Storage.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace platedesk::server::detail {

/// What became of one submitted body.
struct WriteOutcome {
  int status = 200;     ///< 200 written; 503 queue full or storage failure; 507 disk full
  std::string message;  ///< when not 200
  ingest::ImportSummary summary;
};

/// The one writer of the server's storage: bodies parsed on the connection threads wait here and
/// are written in groups, one transaction (fsync'd) per group, so a post is acknowledged only
/// once its reads are on disk, and many posts share one fsync. Also keeps camera health: every
/// body's cameras are heard in its group's transaction, and silent cameras are swept offline.
class IngestWriter {
 public:
  struct Settings {
    std::size_t maxQueued = 4096;
    std::size_t maxGroup = 512;
    std::uint64_t minFreeBytes = 0;
    UtcMs offlineAfterMs = 10 * 60 * 1000;
  };
  /// storage: the writer's own connection (made durable here).
  IngestWriter(std::unique_ptr<store::Storage> storage, const Clock& clock, Settings settings);
  ~IngestWriter();  ///< Stop()
  IngestWriter(const IngestWriter&) = delete;
  IngestWriter& operator=(const IngestWriter&) = delete;

  /// Queues a body and waits until its group is committed (or failed). Thread-safe.
  [[nodiscard]] WriteOutcome Submit(ingest::PreparedBody body);
  /// False while free disk space is below the reserve (checked at most once a second).
  [[nodiscard]] bool DiskOk() const { return mDiskOk.load(); }
  /// Writes what is queued, then stops. Later Submit calls answer 503.
  void Stop();

 private:
  struct Job {
    ingest::PreparedBody body;
    std::promise<WriteOutcome> done;
  };
  void Run(std::stop_token stop);
  void WriteGroup(std::deque<std::unique_ptr<Job>>& group);
  void CheckDisk();

  std::unique_ptr<store::Storage> mStorage;
  const Clock& mClock;
  Settings mSettings;
  ingest::BodyWriter mWriter;
  std::mutex mMutex;
  std::condition_variable_any mWake;
  std::deque<std::unique_ptr<Job>> mQueue;
  bool mStopping = false;
  std::atomic<bool> mDiskOk{true};
  std::chrono::steady_clock::time_point mDiskCheckedAt{};
  std::chrono::steady_clock::time_point mSweptAt{};
  std::jthread mThread;
};

}  // namespace platedesk::server::detail
