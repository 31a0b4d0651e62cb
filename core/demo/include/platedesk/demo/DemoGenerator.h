// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Progress.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <optional>
#include <stop_token>

namespace platedesk::store {
class Storage;
}

namespace platedesk::demo {

/// What GenerateDemo makes. The same options (including `end`) always give the same database
/// content (reads, candidates, attributes, cameras, location history, image bytes).
struct DemoOptions {
  std::int64_t reads = 100000;  ///< exact number of reads, >= 0
  int cameras = 40;             ///< exact number of cameras, 1..10000
  int days = 30;                ///< length of the period ending at `end`, 1..3660
  std::uint64_t seed = 1;       ///< any value; different seeds give different data
  bool images = true;           ///< make a plate crop and an overview JPEG per vehicle
  /// Newest possible capture time; all reads lie in [end - days, end). Default: the storage
  /// clock's now, rounded down to the hour.
  std::optional<UtcMs> end;
  /// Reads per write transaction (a cancel keeps every committed batch); 1..1000000.
  std::int64_t batchSize = 20000;
};

/// What was made.
struct DemoSummary {
  std::int64_t reads = 0;        ///< reads inserted
  std::int64_t vehicles = 0;     ///< distinct simulated vehicles seen by at least one read
  int cameras = 0;               ///< cameras created
  std::int64_t images = 0;       ///< images stored (two per vehicle seen, when images are on)
  std::uint64_t imageBytes = 0;  ///< total bytes of those images
  double seconds = 0;            ///< wall time of the call
};

/// Fills an empty storage with realistic, deterministic demo data: cameras around Seattle (fixed,
/// mobile, portable; some moved during the period), a recurring fleet with commuters, reads along
/// a daily traffic curve with misread candidates, ranked vehicle attributes and, optionally,
/// rendered plate/vehicle images. Sets the storage setting "demo" to "1" first. Creates no users.
/// Inserts in transactions of `batchSize` reads and reports progress (reads done, reads total).
/// When `stop` is triggered, the reads inserted so far are committed (a consistent prefix in
/// capture-time order) and Cancelled is returned.
/// Errors: InvalidArgument (options out of range), AlreadyExists (the storage already holds reads
/// or cameras: demo data is never mixed into other data), Cancelled, Io, Internal.
/// Uses the storage from the calling thread only.
[[nodiscard]] Result<DemoSummary> GenerateDemo(store::Storage& storage, const DemoOptions& options,
                                               std::stop_token stop = {}, const ProgressFn& progress = {});

/// Checks options without touching a storage (the CLI validates before creating a folder).
/// Errors: InvalidArgument naming the option.
[[nodiscard]] Status ValidateDemoOptions(const DemoOptions& options);

}  // namespace platedesk::demo
