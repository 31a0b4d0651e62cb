// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: measures camera import throughput. Generates (or reuses) a JSON Lines file of
// OpenALPR alpr_group records of realistic size without images (modelled on a Rekor Scout agent
// 2.8 webhook: ~3.4 KB each, 5 candidates, 6 ranked vehicle attributes, GPS), imports it into a
// fresh storage and prints records/s. Also times parsing alone (no storage).
// Usage: import_bench <folder> [records]   (default 1000000)
#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/store/Storage.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>

using namespace platedesk;
namespace fs = std::filesystem;

namespace {

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

const char* kColors[] = {"white", "black", "silver-gray", "red", "blue", "green", "gold-beige", "brown"};
const char* kMakes[] = {"ford", "chevrolet", "toyota", "honda", "nissan", "dodge", "jeep", "kia", "bmw", "subaru"};
const char* kModels[] = {"ford_f-150", "chevrolet_silverado", "toyota_camry", "honda_civic", "nissan_altima",
                         "dodge_ram",  "jeep_cherokee",       "kia_soul",     "bmw_x3",      "subaru_outback"};
const char* kBodies[] = {"sedan-standard", "suv-crossover", "pickup-standard", "sedan-compact",
                         "van-mini",       "suv-standard",  "tractor-trailer"};
const char* kYears[] = {"2000-2004", "2005-2009", "2010-2014", "2015-2019", "2020-2024"};
const char* kStates[] = {"us-mo", "us-il", "us-ks", "us-ia", "us-ar", "us-tn", "us-ok", "us-ne"};

class Generator {
 public:
  std::string Plate() {
    std::string p;
    const char* letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    for (int i = 0; i < 3; ++i) p += letters[Pick(23)];
    for (int i = 0; i < 4; ++i) p += static_cast<char>('0' + Pick(10));
    return p;
  }

  std::string Ranked(const char* const* names, std::size_t count) {
    std::string s = "[";
    double conf = 40.0 + Pick(5900) / 100.0;
    for (int i = 0; i < 5; ++i) {
      if (i) s += ",";
      s += "{\"name\":\"" + std::string(names[Pick(count)]) + "\",\"confidence\":" + Num(conf) + "}";
      conf *= 0.45;
    }
    return s + "]";
  }

  std::string Record(long i) {
    const int agent = static_cast<int>(i % 5);
    const int camera = 100000 + static_cast<int>(i % 50);
    const std::int64_t t = UtcFromCivil(2024, 6, 1) + i * 600;  // one pass every 0.6 s
    const std::string agentUid = "AGENT" + std::to_string(agent) + "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    const std::string plate = Plate();
    const std::string state = kStates[Pick(8)];
    const double best = 80.0 + Pick(1999) / 100.0;
    std::string uuids;
    for (int k = 0; k < 5; ++k)
      uuids += std::string(k ? "," : "") + "\"" + agentUid + "-" + std::to_string(camera) + "-" +
               std::to_string(t + k * 61) + "\"";
    std::string cands = "{\"plate\":\"" + plate + "\",\"confidence\":" + Num(best) + ",\"matches_template\":0}";
    for (int k = 0; k < 4; ++k) {
      std::string alt = plate;
      alt[Pick(alt.size())] = "0OD8B5S2Z1I"[Pick(11)];
      cands += ",{\"plate\":\"" + alt + "\",\"confidence\":" + Num(best - 5 - k * 3.25) + ",\"matches_template\":0}";
    }
    std::string s;
    s.reserve(4096);
    s += "{\"data_type\":\"alpr_group\",\"version\":2,\"epoch_start\":" + std::to_string(t) +
         ",\"epoch_end\":" + std::to_string(t + 265) + ",\"frame_start\":" + std::to_string(i * 5) +
         ",\"frame_end\":" + std::to_string(i * 5 + 4) +
         ",\"company_id\":\"86af2d13-4cb3-4cf4-8818-06647dca8571\",\"agent_uid\":\"" + agentUid +
         "\",\"agent_version\":\"2.8.101\",\"agent_type\":\"alprd\",\"camera_id\":" + std::to_string(camera) +
         ",\"gps_latitude\":" + Num(38.6 + (i % 50) * 0.001) + ",\"gps_longitude\":" + Num(-90.2 - (i % 50) * 0.001) +
         ",\"country\":\"us\",\"uuids\":[" + uuids + "],\"plate_indexes\":[0,0,0,0,0],\"candidates\":[" + cands +
         "],\"best_plate\":{\"plate\":\"" + plate + "\",\"confidence\":" + Num(best) +
         ",\"matches_template\":0,\"plate_index\":0,\"region\":\"" + state +
         "\",\"region_confidence\":99,\"processing_time_ms\":20.429550170898438,\"requested_topn\":10,"
         "\"coordinates\":[{\"x\":270,\"y\":131},{\"x\":367,\"y\":125},{\"x\":372,\"y\":175},{\"x\":276,\"y\":181}],"
         "\"vehicle_region\":{\"x\":18,\"y\":8,\"width\":834,\"height\":493},\"vehicle_detected\":true,"
         "\"candidates\":[" +
         cands + "]},\"best_confidence\":" + Num(best) + ",\"best_uuid\":\"" + agentUid + "-" + std::to_string(camera) +
         "-" + std::to_string(t) + "\",\"best_plate_number\":\"" + plate + "\",\"best_region\":\"" + state +
         "\",\"best_region_confidence\":91.4000015258789,\"matches_template\":false,\"best_image_width\":1280,"
         "\"best_image_height\":720,\"travel_direction\":" +
         Num(Pick(36000) / 100.0) +
         ",\"is_parked\":false,\"is_preview\":false,\"vehicle\":{\"color\":" + Ranked(kColors, 8) +
         ",\"make\":" + Ranked(kMakes, 10) + ",\"make_model\":" + Ranked(kModels, 10) +
         ",\"body_type\":" + Ranked(kBodies, 7) + ",\"year\":" + Ranked(kYears, 5) +
         ",\"orientation\":[{\"name\":\"90\",\"confidence\":81.2},{\"name\":\"270\",\"confidence\":10.5},"
         "{\"name\":\"0\",\"confidence\":4.1},{\"name\":\"180\",\"confidence\":2.2},{\"name\":\"45\",\"confidence\":1."
         "0}]}"
         ",\"web_server_config\":{\"camera_label\":\"Camera " +
         std::to_string(camera) + "\",\"agent_label\":\"Agent " + std::to_string(agent) +
         "\"},\"direction_of_travel_id\":1}";
    return s;
  }

 private:
  std::size_t Pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(mRng); }
  static std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
  }
  std::mt19937_64 mRng{20240601};
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <folder> [records]\n", argv[0]);
    return 2;
  }
  const fs::path folder = argv[1];
  const long count = argc > 2 ? std::atol(argv[2]) : 1000000;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  fs::create_directories(folder);
  const fs::path input = folder / ("alpr_group_" + std::to_string(count) + ".jsonl");

  if (!fs::exists(input)) {
    const auto t0 = std::chrono::steady_clock::now();
    const fs::path partial = input.string() + ".part";
    std::FILE* f = std::fopen(partial.c_str(), "wb");
    if (!f) {
      std::perror("cannot create the input file");
      return 1;
    }
    Generator gen;
    for (long i = 0; i < count; ++i) {
      const std::string line = gen.Record(i) + "\n";
      std::fwrite(line.data(), 1, line.size(), f);
    }
    std::fclose(f);
    fs::rename(partial, input);
    std::printf("generated %s (%ld records) in %.1f s\n", input.c_str(), count, Since(t0));
  }
  const auto bytes = fs::file_size(input);
  std::printf("input: %s, %ld records, %.1f MB, %.0f bytes/record\n", input.c_str(), count, bytes / 1e6,
              static_cast<double>(bytes) / count);

  // Parsing alone (one thread): what the importer's worker can deliver.
  if (!std::getenv("PLATEDESK_BENCH_SKIP_PARSE")) {
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = CpuSeconds();
    long records = 0;
    std::FILE* f = std::fopen(input.c_str(), "rb");
    ingest::RecordReader reader(input.string(), {});
    auto r = reader.Run([&](char* buf, std::size_t size) -> Result<std::size_t> { return std::fread(buf, 1, size, f); },
                        [&](ingest::ParsedRecord& rec) {
                          records += rec.status == ingest::RecordStatus::Parsed ? 1 : 0;
                          return true;
                        });
    std::fclose(f);
    const double s = Since(t0);
    const double c = CpuSeconds() - c0;
    std::printf("parse only: %ld records in %.2f s wall, %.2f s CPU = %.0f records/s (%.0f MB/s; %.1f us CPU/record)\n",
                records, s, c, records / s, bytes / s / 1e6, c / records * 1e6);
    if (!r) return 1;
  }

  const fs::path storageFolder = folder / "bench-storage";
  fs::remove_all(storageFolder);
  SystemClock clock;
  auto storage = store::Storage::Create(storageFolder, clock);
  if (!storage) {
    std::fprintf(stderr, "%s\n", storage.Err().ToString().c_str());
    return 1;
  }
  ingest::Importer importer(**storage, clock);
  const std::vector<fs::path> paths{input};
  const double cpu0 = CpuSeconds();
  const auto t0 = std::chrono::steady_clock::now();
  const auto summary = importer.Import(paths);
  const double wall = Since(t0);
  const double cpu = CpuSeconds() - cpu0;
  if (!summary) {
    std::fprintf(stderr, "import failed: %s\n", summary.Err().ToString().c_str());
    return 1;
  }
  std::printf("import: %llu records, %llu inserted, %llu duplicates, %llu rejected in %.2f s wall (%.2f s CPU)\n",
              static_cast<unsigned long long>(summary->records), static_cast<unsigned long long>(summary->inserted),
              static_cast<unsigned long long>(summary->duplicates), static_cast<unsigned long long>(summary->rejected),
              wall, cpu);
  std::printf("import: %.0f records/s (wall), %.1f MB/s, %.1f us CPU/record (both threads); storage %.1f MB\n",
              summary->records / wall, bytes / wall / 1e6, cpu / summary->records * 1e6,
              FolderSize(storageFolder) / 1e6);
  return summary->inserted == static_cast<unsigned long long>(count) ? 0 : 1;
}
