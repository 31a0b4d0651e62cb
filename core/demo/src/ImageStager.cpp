// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageStager.h"

#include <system_error>
#include <utility>

namespace platedesk::demo {

ImageStager::ImageStager(std::vector<std::uint32_t> vehicles, MakeFn make, int threads, std::size_t lookahead)
    : mVehicles(std::move(vehicles)),
      mMake(std::move(make)),
      mLookahead(lookahead == 0 ? 1 : lookahead),
      mSlots(mVehicles.size()),
      mReady(mVehicles.size(), false) {
  if (mVehicles.empty()) return;
  try {
    for (int i = 0; i < threads; ++i) mThreads.emplace_back([this] { Work(); });
  } catch (const std::system_error&) {
    // No threads to be had: Take() renders in the calling thread instead.
  }
}

ImageStager::~ImageStager() {
  {
    std::lock_guard lock(mMutex);
    mStop = true;
  }
  mChanged.notify_all();
  for (auto& t : mThreads) t.join();
  std::error_code ec;
  for (std::size_t i = mNextTake; i < mSlots.size(); ++i) {
    if (!mReady[i]) continue;
    for (const auto* staged : {&mSlots[i].crop, &mSlots[i].overview})
      if (!staged->stagedPath.empty()) std::filesystem::remove(staged->stagedPath, ec);
  }
}

void ImageStager::Work() {
  for (;;) {
    std::size_t i = 0;
    {
      std::unique_lock lock(mMutex);
      mChanged.wait(lock, [&] { return mStop || mNextWork >= mVehicles.size() || mNextWork < mNextTake + mLookahead; });
      if (mStop || mNextWork >= mVehicles.size()) return;
      i = mNextWork++;
    }
    StagedVehicle made = mMake(mVehicles[i]);
    {
      std::lock_guard lock(mMutex);
      mSlots[i] = std::move(made);
      mReady[i] = true;
    }
    mChanged.notify_all();
  }
}

StagedVehicle ImageStager::Take() {
  std::unique_lock lock(mMutex);
  const std::size_t i = mNextTake;
  if (mThreads.empty() && !mReady[i]) {
    // No workers: make it here.
    ++mNextWork;
    lock.unlock();
    StagedVehicle made = mMake(mVehicles[i]);
    lock.lock();
    mSlots[i] = std::move(made);
    mReady[i] = true;
  }
  mChanged.wait(lock, [&] { return static_cast<bool>(mReady[i]); });
  StagedVehicle out = std::move(mSlots[i]);
  mSlots[i] = {};
  ++mNextTake;
  lock.unlock();
  mChanged.notify_all();
  return out;
}

}  // namespace platedesk::demo
