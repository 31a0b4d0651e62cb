// SPDX-License-Identifier: GPL-3.0-or-later
// Loading the index: store's two bulk scans (reads and candidates, each on its own read-only
// connection, run on two threads, no Read objects), then merging the plates into the sorted key
// dictionary.
#include "IndexImpl.h"

#include "platedesk/common/Log.h"
#include "platedesk/store/Storage.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <thread>

namespace platedesk::search {
namespace {

struct CandidateRow {
  store::ReadId read;
  std::uint64_t key;
  std::uint8_t rank;
};

// Reads candidates of reads with id > after, in (read_id, rank) order.
Status LoadCandidates(const store::Storage& storage, store::ReadId after, std::vector<CandidateRow>& rows,
                      std::stop_token stop) {
  return storage.ScanCandidates(
      after,
      [&](const store::ScannedCandidate& c) {
        std::uint64_t key;
        if (c.rank < 1 || c.rank > kMaxRank || !EncodePlate(c.plate, key)) return true;
        rows.push_back({c.read, key, static_cast<std::uint8_t>(c.rank)});
        return true;
      },
      stop);
}

std::uint8_t Percent(double v) { return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 100L)); }

}  // namespace

std::uint16_t Dictionary::Code(std::string_view value) {
  if (value.empty()) return 0;
  char lower[64];
  if (value.size() > sizeof(lower)) value = value.substr(0, sizeof(lower));
  for (std::size_t i = 0; i < value.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(value[i])));
  }
  std::string_view key(lower, value.size());
  if (auto it = codes.find(key); it != codes.end()) return it->second;
  if (names.size() >= 0xFFFF) return 0;
  auto code = static_cast<std::uint16_t>(names.size());
  names.emplace_back(key);
  codes.emplace(std::string(key), code);
  return code;
}

int Dictionary::Find(std::string_view value) const {
  std::string lower(value);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = codes.find(std::string_view(lower));
  return it == codes.end() ? -1 : it->second;
}

std::uint16_t SearchIndex::Impl::CameraSlot(store::CameraId id) {
  if (auto it = cameraIndex.find(id); it != cameraIndex.end()) return it->second;
  auto slot = static_cast<std::uint16_t>(cameraIds.size());
  cameraIds.push_back(id);
  cameraLocations.emplace_back();
  cameraIndex.emplace(id, slot);
  return slot;
}

void SearchIndex::Impl::MergePlates(PendingPlates&& pending, std::size_t firstNewRead,
                                    std::vector<std::uint64_t>&& bestKeys) {
  // Assign temporary ids: existing keys keep 0..n-1, new keys follow (open addressing table).
  const std::size_t oldCount = keys.size();
  std::size_t capacity = 1024;
  while (capacity < (oldCount + pending.keys.size() / 4 + 1024) * 2) capacity <<= 1;
  std::vector<std::uint64_t> slotKey(capacity, ~0ULL);
  std::vector<std::uint32_t> slotId(capacity);
  std::vector<std::uint64_t> all;  // existing keys get 0..n-1 below, in order
  all.reserve(oldCount);
  auto mix = [](std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  };
  std::size_t used = 0;
  auto insert = [&](std::uint64_t key) -> std::uint32_t {
    if ((used + 1) * 2 > capacity) {
      std::size_t newCap = capacity * 2;
      std::vector<std::uint64_t> nk(newCap, ~0ULL);
      std::vector<std::uint32_t> ni(newCap);
      for (std::size_t s = 0; s < capacity; ++s) {
        if (slotKey[s] == ~0ULL) continue;
        std::size_t p = mix(slotKey[s]) & (newCap - 1);
        while (nk[p] != ~0ULL) p = (p + 1) & (newCap - 1);
        nk[p] = slotKey[s];
        ni[p] = slotId[s];
      }
      slotKey.swap(nk);
      slotId.swap(ni);
      capacity = newCap;
    }
    std::size_t p = mix(key) & (capacity - 1);
    while (true) {
      if (slotKey[p] == key) return slotId[p];
      if (slotKey[p] == ~0ULL) break;
      p = (p + 1) & (capacity - 1);
    }
    slotKey[p] = key;
    slotId[p] = static_cast<std::uint32_t>(all.size());
    all.push_back(key);
    ++used;
    return slotId[p];
  };
  for (auto key : keys) insert(key);
  std::vector<std::uint32_t> tmpIds(pending.keys.size());
  for (std::size_t i = 0; i < pending.keys.size(); ++i) tmpIds[i] = insert(pending.keys[i]);
  std::vector<std::uint32_t> bestTmp(bestKeys.size());
  for (std::size_t i = 0; i < bestKeys.size(); ++i) bestTmp[i] = insert(bestKeys[i]);
  slotKey = {};
  slotId = {};

  // Sorted order of all keys; remap[tmp] = final index.
  std::vector<std::uint32_t> order(all.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return all[a] < all[b]; });
  std::vector<std::uint32_t> remap(all.size());
  std::vector<std::uint64_t> sortedKeys(all.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    remap[order[i]] = static_cast<std::uint32_t>(i);
    sortedKeys[i] = all[order[i]];
  }

  // Occurrence counts then CSR fill: existing occurrences first (older reads), then new ones.
  std::vector<std::uint32_t> start(all.size() + 1, 0);
  for (std::size_t old = 0; old < oldCount; ++old) start[remap[old] + 1] += occStart[old + 1] - occStart[old];
  for (auto t : tmpIds) ++start[remap[t] + 1];
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
  std::vector<std::uint32_t> newOcc(start.back());
  for (std::size_t old = 0; old < oldCount; ++old) {
    auto& f = fill[remap[old]];
    for (auto o = occStart[old]; o < occStart[old + 1]; ++o) newOcc[f++] = occ[o];
  }
  for (std::size_t i = 0; i < tmpIds.size(); ++i) newOcc[fill[remap[tmpIds[i]]]++] = pending.occ[i];

  for (std::size_t r = 0; r < firstNewRead; ++r) bestString[r] = remap[bestString[r]];
  for (std::size_t i = 0; i < bestTmp.size(); ++i) bestString[firstNewRead + i] = remap[bestTmp[i]];
  keys.swap(sortedKeys);
  occStart.swap(start);
  occ.swap(newOcc);
  BuildTrigrams();
}

void SearchIndex::Impl::BuildTrigrams() {
  constexpr std::size_t kBuckets = 36 * 36 * 36;
  std::vector<std::uint32_t> start(kBuckets + 1, 0);
  std::uint8_t codes[kMaxKeyChars];
  auto forEach = [&](auto&& fn) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      int len = DecodeKey(keys[i], codes);
      std::uint32_t last = ~0U;  // skip a repeated trigram only when adjacent (cheap dedupe)
      for (int p = 0; p + 3 <= len; ++p) {
        auto t = static_cast<std::uint32_t>(((codes[p] - 1) * 36 + (codes[p + 1] - 1)) * 36 + (codes[p + 2] - 1));
        if (t == last) continue;
        last = t;
        fn(t, static_cast<std::uint32_t>(i));
      }
    }
  };
  // Two passes (sizes, then gaps); keys come in ascending order, so each bucket's list ascends.
  std::vector<std::uint32_t> last(kBuckets, 0);
  auto width = [&](std::uint32_t t, std::uint32_t i) -> std::uint32_t {
    std::uint32_t gap = i - last[t];
    last[t] = i;
    return gap < kTriEscape ? 1 : 3;
  };
  forEach([&](std::uint32_t t, std::uint32_t i) { start[t + 1] += width(t, i); });
  for (std::size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  std::fill(last.begin(), last.end(), 0);
  std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
  std::vector<std::uint16_t> postings(start.back());
  forEach([&](std::uint32_t t, std::uint32_t i) {
    std::uint32_t gap = i - last[t];
    last[t] = i;
    if (gap < kTriEscape) {
      postings[fill[t]++] = static_cast<std::uint16_t>(gap);
    } else {
      postings[fill[t]++] = kTriEscape;
      postings[fill[t]++] = static_cast<std::uint16_t>(i >> 16);
      postings[fill[t]++] = static_cast<std::uint16_t>(i & 0xFFFFU);
    }
  });
  triStart.swap(start);
  triKeys.swap(postings);
}

void SearchIndex::Impl::BuildZoneMap(std::size_t firstNewRead) {
  std::size_t firstBlock = firstNewRead / kBlockReads;
  std::size_t blocks = (times.size() + kBlockReads - 1) / kBlockReads;
  blockMin.resize(blocks);
  blockMax.resize(blocks);
  for (std::size_t b = firstBlock; b < blocks; ++b) {
    std::size_t end = std::min(times.size(), (b + 1) * kBlockReads);
    UtcMs lo = std::numeric_limits<UtcMs>::max();
    UtcMs hi = std::numeric_limits<UtcMs>::min();
    for (std::size_t r = b * kBlockReads; r < end; ++r) {
      lo = std::min(lo, times[r]);
      hi = std::max(hi, times[r]);
    }
    blockMin[b] = lo;
    blockMax[b] = hi;
  }
}

std::uint64_t SearchIndex::Impl::Bytes() const {
  auto v = [](const auto& vec) { return static_cast<std::uint64_t>(vec.capacity() * sizeof(vec[0])); };
  std::uint64_t total = v(ids) + v(times) + v(camera) + v(state) + v(conf100) + v(dir100) + v(bestString) + v(gpsRead) +
                        v(gpsPoint) + v(blockMin) + v(blockMax) + v(keys) + v(occStart) + v(occ) + v(triStart) +
                        v(triKeys);
  for (const auto& a : attr) total += v(a);
  for (const auto& a : attrConf) total += v(a);
  return total;
}

Status LoadInto(SearchIndex::Impl& index, store::Storage& storage, std::stop_token stop, const ProgressFn& progress) {
  const store::ReadId after = index.maxId;

  // Cameras and their location history (small; re-read whole).
  auto cameras = storage.Cameras();
  if (!cameras) return cameras.Err();
  for (const auto& cam : *cameras) {
    auto slot = index.CameraSlot(cam.id);
    auto& locs = index.cameraLocations[slot];
    locs.clear();
    for (const auto& l : cam.locations) {
      locs.push_back({l.latitude, l.longitude, l.from, l.to.value_or(std::numeric_limits<UtcMs>::max())});
    }
  }

  // Only for progress and reserving memory: a failure here costs neither.
  std::uint64_t total = 0;
  if (auto count = storage.CountReadsAfter(after); count) total = *count;

  std::vector<CandidateRow> candidates;
  Status candStatus;
  // The candidates are scanned on a thread of their own, started once the read scan has its first
  // row: its snapshot of the database is then taken, so every read it sees has its candidates in
  // the later snapshot of the candidate scan (a read stored in between would otherwise be indexed
  // without them, for good). Candidates of reads stored later are passed over by the merge below.
  std::optional<std::jthread> candThread;

  // Work on copies of the growing columns so a failure leaves the index unchanged.
  const std::size_t first = index.ids.size();
  SearchIndex::Impl& x = index;
  std::vector<std::uint64_t> bestKeys;
  std::vector<std::uint32_t> gpsRead;
  std::vector<GeoPoint> gpsPoint;
  ProgressThrottle throttle(progress);
  auto rollback = [&] {
    auto cut = [&](auto& vec) { vec.resize(first); };
    cut(x.ids), cut(x.times), cut(x.camera), cut(x.state), cut(x.conf100), cut(x.dir100), cut(x.bestString);
    for (auto& a : x.attr) cut(a);
    for (auto& a : x.attrConf) cut(a);
  };
  auto reserve = [&](auto& vec) { vec.reserve(first + total); };
  reserve(x.ids), reserve(x.times), reserve(x.camera), reserve(x.state), reserve(x.conf100), reserve(x.dir100);
  for (auto& a : x.attr) reserve(a);
  for (auto& a : x.attrConf) reserve(a);
  bestKeys.reserve(total);
  std::uint64_t n = 0;
  Status refused;  // why the callback stopped the scan, if it did
  Status scanned = storage.ScanReads(
      after,
      [&](const store::ScannedRead& row) {
        if (!candThread) candThread.emplace([&] { candStatus = LoadCandidates(storage, after, candidates, stop); });
        if ((++n & 16383U) == 0) throttle.Report(n, total);
        std::uint64_t key;
        if (!EncodePlate(row.plate, key)) {
          Log(LogLevel::Warning, "search index: read skipped by the index: plate not indexable");
          return true;
        }
        auto r = static_cast<std::uint32_t>(x.ids.size());
        if (r >= (1U << 28)) {
          refused = Fail(ErrorCode::Internal, "search index: more than 268 million reads");
          return false;
        }
        if (row.id <= 0 || row.id > static_cast<std::int64_t>(UINT32_MAX)) {
          refused = Fail(ErrorCode::Internal, "search index: read id outside 1..2^32-1", std::to_string(row.id));
          return false;
        }
        x.ids.push_back(static_cast<std::uint32_t>(row.id));
        x.times.push_back(row.capturedAt);
        x.camera.push_back(x.CameraSlot(row.camera));
        x.state.push_back(static_cast<std::uint8_t>(std::min<int>(x.states.Code(row.state), 255)));
        x.conf100.push_back(static_cast<std::uint16_t>(std::lround(std::clamp(row.confidence, 0.0, 100.0) * 100)));
        if (!row.direction) {
          x.dir100.push_back(kNoDirection);
        } else {
          double d = std::fmod(*row.direction, 360.0);
          if (d < 0) d += 360.0;
          x.dir100.push_back(static_cast<std::uint16_t>(std::min(35999L, std::lround(d * 100))));
        }
        if (row.hasPosition) {
          gpsRead.push_back(r);
          gpsPoint.push_back({row.latitude, row.longitude});
        }
        static_assert(kAttrColor == store::kScannedColor && kAttrMake == store::kScannedMake &&
                      kAttrModel == store::kScannedModel && kAttrBody == store::kScannedBody);
        for (std::size_t a = 0; a < 4; ++a) {
          const store::ScannedAttribute& attr = row.attributes[a];
          if (!attr.present) {
            x.attr[a].push_back(0);
            x.attrConf[a].push_back(0);
          } else {
            x.attr[a].push_back(x.attrs[a].Code(attr.value));
            x.attrConf[a].push_back(Percent(attr.confidence));
          }
        }
        x.bestString.push_back(0);
        bestKeys.push_back(key);
        return true;
      },
      stop);
  if (scanned && !refused) scanned = refused;
  if (!scanned) {
    rollback();
    return scanned;
  }
  if (candThread) candThread->join();
  if (!candStatus) {
    rollback();
    return candStatus;
  }

  // Nothing new: leave the dictionary alone (merging rebuilds it, seconds on a large index).
  if (x.ids.size() == first) {
    throttle.Report(total, total, true);
    return {};
  }
  // Plate occurrences: best plates and candidates (merge-join on read id).
  PendingPlates pending;
  pending.keys.reserve(bestKeys.size() + candidates.size());
  pending.occ.reserve(bestKeys.size() + candidates.size());
  std::size_t c = 0;
  for (std::size_t r = first; r < x.ids.size(); ++r) {
    pending.keys.push_back(bestKeys[r - first]);
    pending.occ.push_back(static_cast<std::uint32_t>(r) << 4);
    while (c < candidates.size() && candidates[c].read < x.ids[r]) ++c;
    while (c < candidates.size() && candidates[c].read == x.ids[r]) {
      pending.keys.push_back(candidates[c].key);
      pending.occ.push_back((static_cast<std::uint32_t>(r) << 4) | candidates[c].rank);
      ++c;
    }
  }
  candidates = {};
  x.bestString.resize(x.ids.size());
  x.MergePlates(std::move(pending), first, std::move(bestKeys));
  x.gpsRead.insert(x.gpsRead.end(), gpsRead.begin(), gpsRead.end());
  x.gpsPoint.insert(x.gpsPoint.end(), gpsPoint.begin(), gpsPoint.end());
  x.BuildZoneMap(first);
  if (!x.ids.empty()) x.maxId = std::max<store::ReadId>(x.maxId, x.ids.back());
  throttle.Report(total, total, true);
  return {};
}

}  // namespace platedesk::search
