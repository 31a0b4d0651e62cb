// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DemoImages.h"

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace platedesk::demo {

/// One rendered image, its SHA-256 and, if the stager wrote it to disk ahead of the store, where.
struct StagedImage {
  EncodedImage image;
  std::string sha256;
  std::filesystem::path stagedPath;  ///< empty unless this stager created the file
};

/// Both images of one vehicle.
struct StagedVehicle {
  std::uint32_t vehicle = 0;
  StagedImage crop;
  StagedImage overview;
};

/// Renders (and durably pre-writes) vehicle images on worker threads, a bounded distance ahead of
/// the thread that stores the reads, and hands them over in the order given. Rendering is CPU
/// work and the durable writes mostly wait for the disk, so both overlap with inserting reads.
/// Take() is called from one thread; the destructor stops and joins the workers and deletes
/// files staged for vehicles that were never taken (a cancelled or failed run leaves none).
class ImageStager {
 public:
  using MakeFn = std::function<StagedVehicle(std::uint32_t vehicle)>;

  ImageStager(std::vector<std::uint32_t> vehicles, MakeFn make, int threads, std::size_t lookahead);
  ~ImageStager();
  ImageStager(const ImageStager&) = delete;
  ImageStager& operator=(const ImageStager&) = delete;

  /// The next vehicle's images, blocking until they are ready. Requires fewer calls than vehicles.
  [[nodiscard]] StagedVehicle Take();

 private:
  void Work();

  std::vector<std::uint32_t> mVehicles;
  MakeFn mMake;
  std::size_t mLookahead;
  std::mutex mMutex;
  std::condition_variable mChanged;
  std::vector<StagedVehicle> mSlots;
  std::vector<bool> mReady;
  std::size_t mNextWork = 0;
  std::size_t mNextTake = 0;
  bool mStop = false;
  std::vector<std::thread> mThreads;
};

}  // namespace platedesk::demo
