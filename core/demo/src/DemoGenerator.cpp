// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/demo/DemoGenerator.h"

#include "CameraPlan.h"
#include "Catalog.h"
#include "DemoImages.h"
#include "Fleet.h"
#include "ImageStager.h"
#include "PacificTime.h"
#include "ReadFactory.h"
#include "Traffic.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Log.h"
#include "platedesk/store/Storage.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace platedesk::demo {
namespace {

constexpr std::uint64_t kReadStream = 0x52656164ull;     // "Read"
constexpr std::uint64_t kImageStream = 0x496D616765ull;  // "Image"
constexpr std::int64_t kMaxReads = 100'000'000;
constexpr int kMaxCameras = 10'000;
constexpr int kMaxDays = 3660;
constexpr std::int64_t kMaxBatch = 1'000'000;
// Reads between stop-token checks and progress reports (cheap either way).
constexpr std::int64_t kCheckEvery = 256;
// Latest end accepted: 9999-12-31.
constexpr UtcMs kMaxEnd = 253402300799999;

// Image workers: rendering is CPU-bound, the durable writes wait for the disk; three threads keep
// both cores busy on a two-core machine. Lookahead bounds the memory held by rendered images.
constexpr int kImageThreads = 3;
constexpr std::size_t kImageLookahead = 256;

struct VehicleImages {
  std::string plate;
  std::string overview;
};

// Where the store keeps image files (images/ab/cd/<sha256>.jpg), derived from Storage::ImagePath
// once, on the calling thread; empty if the layout is not the one documented (then the store
// writes every file itself, just more slowly).
std::filesystem::path ImageRoot(const store::Storage& storage) {
  const std::string probe(64, 'a');
  const auto path = storage.ImagePath(probe, "image/jpeg");
  auto root = path.parent_path().parent_path().parent_path();
  if (root / "aa" / "aa" / (probe + ".jpg") != path) return {};
  return root;
}

// Renders one image and, when a root is known, writes it durably where the store will look, so
// that PutImage finds the file (the store accepts an existing file holding the same bytes) and
// only records it. Runs on a worker thread: touches no Storage object.
StagedImage Stage(EncodedImage image, const std::filesystem::path& root) {
  StagedImage out;
  out.image = std::move(image);
  if (out.image.bytes.empty()) return out;
  out.sha256 = Sha256Hex(out.image.bytes);
  if (root.empty()) return out;
  const auto path = root / out.sha256.substr(0, 2) / out.sha256.substr(2, 2) / (out.sha256 + ".jpg");
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (!ec && WriteFileExclusive(path, out.image.bytes).Ok()) out.stagedPath = path;
  return out;
}

StagedVehicle MakeVehicleImages(const Catalog& catalog, const Fleet& fleet, std::uint32_t vehicle, std::uint64_t seed,
                                const std::filesystem::path& root) {
  const Vehicle& v = fleet[vehicle];
  const StateStyle& style = fleet.Style(v.state);
  const PlateLook look{std::string(v.Printed()), fleet.PlateName(v.state), style.background, style.nameColour,
                       style.characters};
  const Rgb colour = catalog.colours[v.colour].rgb;
  const std::uint64_t variation = MixSeed({seed, kImageStream, vehicle});
  StagedVehicle out;
  out.vehicle = vehicle;
  out.crop = Stage(RenderPlateCrop(look, colour, variation), root);
  out.overview = Stage(RenderVehicleOverview(look, colour, catalog.models[v.model].body, variation + 1), root);
  return out;
}

// Records a vehicle's two images in the storage. Errors: Internal (encoding failed), Io.
Result<VehicleImages> PutVehicleImages(store::Storage& storage, const StagedVehicle& staged, DemoSummary& summary) {
  VehicleImages out;
  for (const StagedImage* image : {&staged.crop, &staged.overview}) {
    if (image->image.bytes.empty()) return Fail(ErrorCode::Internal, "demo image encoding failed");
    auto info = storage.PutImage(image->image.bytes, "image/jpeg", image->image.width, image->image.height);
    if (!info) return info.Err();
    ++summary.images;
    summary.imageBytes += info->bytes;
    (image == &staged.crop ? out.plate : out.overview) = info->sha256;
  }
  return out;
}

Status CreateCameras(store::Storage& storage, CameraPlan& plan) {
  auto tx = storage.Begin();
  if (!tx) return tx.Err();
  for (auto& cam : plan.Cameras()) {
    store::CameraLocation first = cam.locations.front();
    first.to.reset();
    auto id = storage.EnsureCamera(cam.externalId, cam.name, cam.kind, first);
    if (!id) return id.Err();
    cam.id = *id;
    for (std::size_t i = 1; i < cam.locations.size(); ++i) {
      store::CameraLocation next = cam.locations[i];
      next.to.reset();
      PLATEDESK_TRY(storage.MoveCamera(cam.id, next));
    }
  }
  return tx->Commit();
}

}  // namespace

Status ValidateDemoOptions(const DemoOptions& o) {
  if (o.reads < 0 || o.reads > kMaxReads)
    return Fail(ErrorCode::InvalidArgument, "the number of reads must be between 0 and 100,000,000", "reads");
  if (o.cameras < 1 || o.cameras > kMaxCameras)
    return Fail(ErrorCode::InvalidArgument, "the number of cameras must be between 1 and 10,000", "cameras");
  if (o.days < 1 || o.days > kMaxDays)
    return Fail(ErrorCode::InvalidArgument, "the number of days must be between 1 and 3660", "days");
  if (o.batchSize < 1 || o.batchSize > kMaxBatch)
    return Fail(ErrorCode::InvalidArgument, "the batch size must be between 1 and 1,000,000", "batchSize");
  if (o.end && (*o.end - o.days * kMsPerDay < 0 || *o.end > kMaxEnd))
    return Fail(ErrorCode::InvalidArgument, "the period must lie between 1970 and 9999", "end");
  return {};
}

namespace {

Result<DemoSummary> Generate(store::Storage& storage, const DemoOptions& options, const std::stop_token& stop,
                             const ProgressFn& progress) {
  const auto started = std::chrono::steady_clock::now();
  PLATEDESK_TRY(ValidateDemoOptions(options));
  DemoOptions o = options;
  if (!o.end) o.end = storage.GetClock().Now() / kMsPerHour * kMsPerHour;
  PLATEDESK_TRY(ValidateDemoOptions(o));
  if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "demo generation cancelled");

  auto status = storage.GetStatus();
  if (!status) return status.Err();
  if (status->reads > 0 || status->cameras > 0)
    return Fail(ErrorCode::AlreadyExists, "demo data only goes into an empty storage", storage.Folder().string());

  auto catalog = Catalog::Load();
  if (!catalog) return catalog.Err();
  // Marked first, so even a cancelled demo storage is recognisable as one.
  PLATEDESK_TRY(storage.SetSetting("demo", "1"));

  const UtcMs end = *o.end;
  const UtcMs start = end - o.days * kMsPerDay;
  const PacificTime pacific(start, end);
  CameraPlan plan(*catalog, o.seed, o.cameras, start, end);
  PLATEDESK_TRY(CreateCameras(storage, plan));

  DemoSummary summary;
  summary.cameras = o.cameras;
  const Fleet fleet(*catalog, o.seed,
                    o.reads > 0 ? static_cast<std::size_t>(std::max<std::int64_t>(1, o.reads / 6)) : 0);
  const Traffic traffic(*catalog, plan, fleet, pacific, o.seed, end, o.days, o.reads);
  const ReadFactory factory(*catalog, fleet, plan, pacific, o.seed);

  std::vector<bool> seen(fleet.Size(), false);
  std::vector<VehicleImages> images(o.images ? fleet.Size() : 0);
  ProgressThrottle throttle(progress);
  const auto total = static_cast<std::uint64_t>(o.reads);
  throttle.Report(0, total, true);

  std::optional<store::Storage::Transaction> tx;
  std::int64_t index = 0;
  std::int64_t inBatch = 0;
  auto commit = [&]() -> Status {
    if (!tx) return {};
    auto committed = tx->Commit();
    tx.reset();
    inBatch = 0;
    return committed;
  };

  const std::filesystem::path imageRoot = o.images ? ImageRoot(storage) : std::filesystem::path();
  std::vector<bool> imagesRequested(o.images ? fleet.Size() : 0, false);

  for (int day = 0; day < traffic.Days(); ++day) {
    const std::vector<Pass> passes = traffic.Window(day);
    Rng rng(MixSeed({o.seed, kReadStream, static_cast<std::uint64_t>(day)}));
    // Vehicles first seen in this window get their images made ahead, in order of appearance.
    std::vector<std::uint32_t> newVehicles;
    if (o.images)
      for (const Pass& pass : passes)
        if (!imagesRequested[pass.vehicle]) {
          imagesRequested[pass.vehicle] = true;
          newVehicles.push_back(pass.vehicle);
        }
    const Catalog& cat = *catalog;
    ImageStager stager(
        std::move(newVehicles),
        [&cat, &fleet, &imageRoot, seed = o.seed](std::uint32_t v) {
          return MakeVehicleImages(cat, fleet, v, seed, imageRoot);
        },
        kImageThreads, kImageLookahead);
    for (const Pass& pass : passes) {
      if (index % kCheckEvery == 0 && stop.stop_requested()) {
        // Keep what is done: a prefix of the reads in capture order, images included.
        PLATEDESK_TRY(commit());
        Log(LogLevel::Info, "demo generation cancelled after " + std::to_string(index) + " reads");
        return Fail(ErrorCode::Cancelled, "demo generation cancelled");
      }
      if (!tx) {
        auto begun = storage.Begin();
        if (!begun) return begun.Err();
        tx.emplace(std::move(*begun));
      }
      store::NewRead read = factory.Make(pass, index, rng);
      if (o.images) {
        VehicleImages& vi = images[pass.vehicle];
        if (vi.plate.empty()) {
          const StagedVehicle staged = stager.Take();
          if (staged.vehicle != pass.vehicle) return Fail(ErrorCode::Internal, "demo images out of order");
          auto stored = PutVehicleImages(storage, staged, summary);
          if (!stored) return stored.Err();
          vi = std::move(*stored);
        }
        read.plateImage = vi.plate;
        read.vehicleImage = vi.overview;
      }
      read.payloadSha256 = Sha256Hex(factory.CanonicalJson(read, plan.Cameras()[pass.camera].externalId));
      auto inserted = storage.InsertRead(read);
      if (!inserted) return inserted.Err();
      if (!seen[pass.vehicle]) {
        seen[pass.vehicle] = true;
        ++summary.vehicles;
      }
      ++index;
      if (++inBatch >= o.batchSize) {
        PLATEDESK_TRY(commit());
        throttle.Report(static_cast<std::uint64_t>(index), total);
      } else if (index % kCheckEvery == 0) {
        throttle.Report(static_cast<std::uint64_t>(index), total);
      }
    }
  }
  PLATEDESK_TRY(commit());
  throttle.Report(total, total, true);

  summary.reads = index;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace

Result<DemoSummary> GenerateDemo(store::Storage& storage, const DemoOptions& options, std::stop_token stop,
                                 const ProgressFn& progress) {
  try {
    return Generate(storage, options, stop, progress);
  } catch (const std::bad_alloc&) {
    return Fail(ErrorCode::Io, "not enough memory for a demo of this size");
  } catch (const std::exception& e) {
    return Fail(ErrorCode::Internal, std::string("demo generation failed: ") + e.what());
  }
}

}  // namespace platedesk::demo
