// SPDX-License-Identifier: GPL-3.0-or-later
// Evidence export benchmark: 1,000 reads with one ~100 KB image each (~100 MB) exported through
// the facade (audit, holds, package files, fsync, rename, read-back with the page cache dropped,
// full verification) against a plain copy of the same image bytes (read, write, fsync each file).
// Not a test: prints a Markdown table for docs/PERFORMANCE.md.
//
//   evidence_bench [--dir DIR] [--reads N] [--image-kb K] [--runs R]
//
// DIR must be on the disk you want to measure (fsync on tmpfs costs nothing).

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#ifndef _WIN32
#include <fcntl.h>
#include <unistd.h>
#endif

namespace fs = std::filesystem;
using namespace platedesk;
using SteadyClock = std::chrono::steady_clock;

namespace {

double Seconds(SteadyClock::duration d) { return std::chrono::duration<double>(d).count(); }

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "evidence_bench: %s\n", what.c_str());
  std::exit(1);
}

template <class T>
T Must(Result<T> r, const char* what) {
  if (!r) Die(std::string(what) + ": " + r.Err().ToString());
  return std::move(r.Value());
}
void Must(const Status& s, const char* what) {
  if (!s) Die(std::string(what) + ": " + s.Err().ToString());
}

// The baseline: what `cp` + `sync` of the same image files costs.
void PlainCopy(const std::vector<fs::path>& files, const fs::path& to) {
  fs::create_directories(to);
  std::string buf(1 << 20, '\0');
  for (const auto& f : files) {
    const int in = ::open(f.c_str(), O_RDONLY);
    const int out = ::open((to / f.filename()).c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (in < 0 || out < 0) Die("plain copy open");
    for (;;) {
      const ssize_t n = ::read(in, buf.data(), buf.size());
      if (n <= 0) break;
      if (::write(out, buf.data(), static_cast<std::size_t>(n)) != n) Die("plain copy write");
    }
    ::fsync(out);
    ::close(in);
    ::close(out);
  }
  const int d = ::open(to.c_str(), O_RDONLY | O_DIRECTORY);
  ::fsync(d);
  ::close(d);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir;
  int reads = 1000, imageKb = 100, runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--dir")
      dir = argv[i + 1];
    else if (a == "--reads")
      reads = std::atoi(argv[i + 1]);
    else if (a == "--image-kb")
      imageKb = std::atoi(argv[i + 1]);
    else if (a == "--runs")
      runs = std::atoi(argv[i + 1]);
  }
  TempFolder temp("evidence-bench");
  if (dir.empty()) dir = temp.Path();
  const fs::path storage = dir / "storage";
  fs::remove_all(storage);
  SystemClock clock;

  // A storage with N reads, each with its own image of K KB (random bytes: incompressible, like JPEG).
  std::vector<store::ReadId> ids;
  std::vector<fs::path> imageFiles;
  std::uint64_t imageBytes = 0;
  {
    auto s = Must(store::Storage::Create(storage, clock), "create storage");
    Must(s->SetSetting("mfa_required", "0"), "setting");
    const auto cam = Must(s->EnsureCamera("cam-1", "Bench camera", store::CameraKind::Fixed, std::nullopt), "camera");
    std::mt19937_64 rng(42);
    std::string image(static_cast<std::size_t>(imageKb) * 1024, '\0');
    auto tx = Must(s->Begin(), "begin");
    for (int i = 0; i < reads; ++i) {
      for (std::size_t k = 0; k + 8 <= image.size(); k += 8) {
        const std::uint64_t v = rng();
        std::memcpy(image.data() + k, &v, 8);
      }
      image[0] = '\xFF';
      image[1] = '\xD8';
      const auto info = Must(s->PutImage(image, "image/jpeg", 640, 480), "image");
      imageFiles.push_back(s->ImagePath(info.sha256, info.mime));
      imageBytes += info.bytes;
      store::NewRead r;
      r.sourceFormat = "bench";
      r.sourceUuid = "bench-" + std::to_string(i);
      r.capturedAt = clock.Now() - (i + 1) * kMsPerMinute;
      r.camera = cam;
      r.plateReported = r.plate = "BEN" + std::to_string(1000 + i);
      r.state = "WA";
      r.confidence = 90;
      r.plateImage = info.sha256;
      r.payloadSha256 = Sha256Hex(r.sourceUuid);
      ids.push_back(Must(s->InsertRead(r), "read").id);
    }
    Must(tx.Commit(), "commit");
  }
  auto ws = Must(workstation::Workstation::Open(storage, clock), "open");
  Must(ws->BootstrapUser("bench", store::Role::Detective, "river stone lantern harbor", "Bench Detective", true),
       "user");
  auto session = Must(ws->Login({"bench", "river stone lantern harbor", "", true, "cli"}), "login");
  const workstation::AccessContext ctx{"26-000123", "INV-PROPERTY", "benchmark of the evidence export"};

  std::vector<double> exportS, copyS, encryptedS;
  std::uint64_t packageBytes = 0;
  for (int run = 0; run < runs; ++run) {
    const fs::path media = dir / ("media-" + std::to_string(run));
    fs::create_directories(media);
    workstation::EvidenceRequest req;
    req.mediaLabel = "BENCH-01";
    req.reads = ids;
    req.destination = media;
    auto t0 = SteadyClock::now();
    auto out = Must(session->ExportEvidence(ctx, req), "export");
    exportS.push_back(Seconds(SteadyClock::now() - t0));
    packageBytes = FolderSize(out.path);
    t0 = SteadyClock::now();
    PlainCopy(imageFiles, dir / ("copy-" + std::to_string(run)));
    copyS.push_back(Seconds(SteadyClock::now() - t0));
    req.encrypt = true;
    t0 = SteadyClock::now();
    (void)Must(session->ExportEvidence(ctx, req), "encrypted export");
    encryptedS.push_back(Seconds(SteadyClock::now() - t0));
    fs::remove_all(media);
    fs::remove_all(dir / ("copy-" + std::to_string(run)));
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  const double e = median(exportS), c = median(copyS), z = median(encryptedS);
  std::printf("| %d reads, %d KB image each (%.1f MB of images; package %.1f MB) | median of %d |\n", reads, imageKb,
              static_cast<double>(imageBytes) / 1e6, static_cast<double>(packageBytes) / 1e6, runs);
  std::printf("|---|---|\n");
  std::printf("| plain copy of the image bytes (read, write, fsync each file) | %.2f s |\n", c);
  std::printf("| export to a folder incl. read-back verification | %.2f s (%.2fx the copy) |\n", e, e / c);
  std::printf("| encrypted export (AES-256 zip) incl. read-back and decryption | %.2f s (%.2fx the copy) |\n", z,
              z / c);
  return 0;
}
