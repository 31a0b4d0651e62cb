// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestWriter.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Log.h"

#include <algorithm>
#include <vector>

namespace platedesk::server::detail {

namespace {
using Steady = std::chrono::steady_clock;
}  // namespace

IngestWriter::IngestWriter(std::unique_ptr<store::Storage> storage, const Clock& clock, Settings settings)
    : mStorage(std::move(storage)), mClock(clock), mSettings(settings), mWriter(*mStorage, clock) {
  if (Status s = mStorage->SetDurableCommits(); !s.Ok())
    Log(LogLevel::Error, "server: cannot make commits durable: " + s.Err().ToString());
  if (Status s = mStorage->LimitCache(16u * 1024 * 1024); !s.Ok())
    Log(LogLevel::Warning, "server: cannot limit the writer's cache: " + s.Err().ToString());
  CheckDisk();
  mThread = std::jthread([this](std::stop_token stop) { Run(stop); });
}

IngestWriter::~IngestWriter() { Stop(); }

void IngestWriter::Stop() {
  {
    std::lock_guard lock(mMutex);
    if (mStopping && !mThread.joinable()) return;
    mStopping = true;
  }
  mWake.notify_all();
  if (mThread.joinable()) mThread.join();
}

WriteOutcome IngestWriter::Submit(ingest::PreparedBody body) {
  auto job = std::make_unique<Job>();
  job->body = std::move(body);
  std::future<WriteOutcome> done = job->done.get_future();
  {
    std::lock_guard lock(mMutex);
    if (mStopping) return {503, "the server is stopping", {}};
    if (!mDiskOk.load()) return {507, "the storage's disk is full; retry later", {}};
    if (mQueue.size() >= mSettings.maxQueued) return {503, "the server is busy; retry later", {}};
    mQueue.push_back(std::move(job));
  }
  mWake.notify_one();
  return done.get();
}

void IngestWriter::CheckDisk() {
  const auto now = Steady::now();
  if (now - mDiskCheckedAt < std::chrono::seconds(1)) return;
  mDiskCheckedAt = now;
  auto free = FreeSpace(mStorage->Folder());
  const bool ok = free && *free >= mSettings.minFreeBytes;
  if (ok != mDiskOk.load()) {
    mDiskOk = ok;
    Log(ok ? LogLevel::Warning : LogLevel::Error,
        ok ? "server: disk space is back above the reserve; ingest resumed"
           : "server: free disk space is below the reserve (min_free_bytes); ingest answers 507");
  }
}

void IngestWriter::Run(std::stop_token stop) {
  (void)stop;
  for (;;) {
    std::deque<std::unique_ptr<Job>> group;
    bool stopping = false;
    {
      std::unique_lock lock(mMutex);
      mWake.wait_for(lock, std::chrono::seconds(1), [&] { return !mQueue.empty() || mStopping; });
      while (!mQueue.empty() && group.size() < mSettings.maxGroup) {
        group.push_back(std::move(mQueue.front()));
        mQueue.pop_front();
      }
      stopping = mStopping && mQueue.empty();
    }
    CheckDisk();
    if (!group.empty()) WriteGroup(group);
    // Sweep often enough that an outage shows within half the offline limit (at most every 15 s).
    const auto sweepEvery = std::clamp<std::chrono::milliseconds>(
        std::chrono::milliseconds(mSettings.offlineAfterMs / 2), std::chrono::seconds(1), std::chrono::seconds(15));
    if (Steady::now() - mSweptAt >= sweepEvery) {
      mSweptAt = Steady::now();
      if (Status s = mStorage->SweepCameraHealth(mClock.Now(), mSettings.offlineAfterMs); !s.Ok())
        Log(LogLevel::Error, "server: camera health sweep failed: " + s.Err().ToString());
    }
    if (stopping) return;
  }
}

void IngestWriter::WriteGroup(std::deque<std::unique_ptr<Job>>& group) {
  auto failAll = [&](int status, const std::string& message) {
    mWriter.Forget();
    for (auto& job : group) job->done.set_value({status, message, {}});
  };
  // After a failed write or commit: 507 when the disk is (nearly) full, so the camera waits longer.
  auto failStorage = [&](const std::string& what) {
    auto free = FreeSpace(mStorage->Folder());
    const bool full = !free || *free < mSettings.minFreeBytes + 64u * 1024 * 1024;
    failAll(full ? 507 : 503, full ? "the storage's disk is full; retry later" : what);
  };
  if (!mDiskOk.load()) return failAll(507, "the storage's disk is full; retry later");
  auto tx = mStorage->Begin();
  if (!tx) return failAll(503, "the storage is not available: " + tx.Err().message);
  std::vector<WriteOutcome> outcomes(group.size());
  std::vector<store::CameraHeard> heard;
  const UtcMs now = mClock.Now();
  for (std::size_t i = 0; i < group.size(); ++i) {
    auto summary = mWriter.Write(group[i]->body);
    if (!summary) {
      Log(LogLevel::Error, "server: writing a group failed: " + summary.Err().ToString());
      return failStorage("the storage could not write the post; retry later");
    }
    outcomes[i].summary = std::move(*summary);
    if (outcomes[i].summary.rejected == 0 || outcomes[i].summary.reads > 0)
      for (std::string& camera : group[i]->body.Cameras()) heard.push_back({std::move(camera), now});
  }
  if (!heard.empty()) {
    if (Status s = mStorage->NoteCamerasHeard(heard, mSettings.offlineAfterMs); !s.Ok()) {
      Log(LogLevel::Error, "server: camera health update failed: " + s.Err().ToString());
      return failAll(503, "the storage could not write the post; retry later");
    }
  }
  if (Status s = tx->Commit(); !s.Ok()) {
    Log(LogLevel::Error, "server: commit failed: " + s.Err().ToString());
    return failStorage("the storage could not commit the post; retry later");
  }
  for (std::size_t i = 0; i < group.size(); ++i) group[i]->done.set_value(std::move(outcomes[i]));
}

}  // namespace platedesk::server::detail
