// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/SearchIndex.h"

#include "IndexImpl.h"

#include "platedesk/common/LocalTime.h"
#include "platedesk/common/Log.h"
#include "platedesk/search/QueryText.h"
#include "platedesk/store/Storage.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace platedesk::search {

Status LoadInto(SearchIndex::Impl& index, store::Storage& storage, std::stop_token stop, const ProgressFn& progress);

namespace {
constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;
}  // namespace

double DistanceKm(GeoPoint a, GeoPoint b) {
  auto rad = [](double d) { return d * kPi / 180.0; };
  double dLat = rad(b.latitude - a.latitude);
  double dLon = rad(b.longitude - a.longitude);
  double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
             std::cos(rad(a.latitude)) * std::cos(rad(b.latitude)) * std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

namespace {

// A compiled read filter (everything but the plate).
struct Filter {
  const SearchIndex::Impl* index = nullptr;
  UtcMs from = std::numeric_limits<UtcMs>::min();
  UtcMs to = std::numeric_limits<UtcMs>::max();
  bool anyCamera = true;
  std::vector<char> cameraOk;
  bool anyState = true;
  std::array<char, 256> stateOk{};
  std::array<std::vector<char>, 4> attrOk;  // per dictionary code; empty = no filter
  std::array<int, 4> attrMin{};
  std::optional<LocalOffsets> offsets;  // with an hours filter
  int hoursFrom = 0, hoursTo = 1440;
  int minConf100 = -1;
  bool direction = false;
  int dirFrom = 0, dirTo = 0;
  std::optional<GeoCircle> near;
  std::vector<std::vector<char>> locationInside;  // per camera slot, per location
  bool impossible = false;

  /// True when nothing narrows the reads (a plate-only search): no read needs to be looked at.
  bool AcceptsAll() const {
    return from == std::numeric_limits<UtcMs>::min() && to == std::numeric_limits<UtcMs>::max() && anyCamera &&
           anyState && std::all_of(attrOk.begin(), attrOk.end(), [](const auto& ok) { return ok.empty(); }) &&
           !offsets && minConf100 < 0 && !direction && !near && !impossible;
  }

  bool Place(std::size_t r) const {
    const auto& ix = *index;
    auto g = std::lower_bound(ix.gpsRead.begin(), ix.gpsRead.end(), static_cast<std::uint32_t>(r));
    if (g != ix.gpsRead.end() && *g == r) {
      return DistanceKm(ix.gpsPoint[static_cast<std::size_t>(g - ix.gpsRead.begin())], near->centre) <= near->radiusKm;
    }
    auto slot = ix.camera[r];
    const auto& locs = ix.cameraLocations[slot];
    UtcMs t = ix.times[r];
    for (std::size_t l = 0; l < locs.size(); ++l) {
      if (locs[l].from <= t && t < locs[l].to) return locationInside[slot][l] != 0;
    }
    return false;
  }

  bool operator()(std::size_t r) const {
    const auto& ix = *index;
    UtcMs t = ix.times[r];
    if (t < from || t >= to) return false;
    if (!anyCamera && !cameraOk[ix.camera[r]]) return false;
    if (!anyState && !stateOk[ix.state[r]]) return false;
    for (std::size_t a = 0; a < 4; ++a) {
      if (attrOk[a].empty()) continue;
      if (!attrOk[a][ix.attr[a][r]] || ix.attrConf[a][r] < attrMin[a]) return false;
    }
    if (offsets) {
      const int minute = offsets->MinuteOfDay(t);
      const bool inside =
          hoursFrom < hoursTo ? (minute >= hoursFrom && minute < hoursTo) : (minute >= hoursFrom || minute < hoursTo);
      if (!inside) return false;
    }
    if (ix.conf100[r] < minConf100) return false;
    if (direction) {
      int d = ix.dir100[r];
      if (d == kNoDirection) return false;
      bool ok = dirFrom <= dirTo ? (d >= dirFrom && d <= dirTo) : (d >= dirFrom || d <= dirTo);
      if (!ok) return false;
    }
    if (near && !Place(r)) return false;
    return true;
  }
};

Status CompileFilter(const SearchIndex::Impl& ix, const Query& q, Filter& f) {
  f.index = &ix;
  if (q.from) f.from = *q.from;
  if (q.to) f.to = *q.to;
  if (!q.cameras.empty()) {
    f.anyCamera = false;
    f.cameraOk.assign(ix.cameraIds.size(), 0);
    for (auto id : q.cameras) {
      if (auto it = ix.cameraIndex.find(id); it != ix.cameraIndex.end()) f.cameraOk[it->second] = 1;
    }
  }
  if (!q.states.empty()) {
    f.anyState = false;
    for (const auto& s : q.states) {
      int code = ix.states.Find(s);
      if (code > 0 && code < 256) f.stateOk[static_cast<std::size_t>(code)] = 1;
    }
    if (q.includeUnknownState) f.stateOk[0] = 1;
  }
  const std::optional<AttributeFilter>* filters[4] = {&q.color, &q.make, &q.model, &q.body};
  for (std::size_t a = 0; a < 4; ++a) {
    if (!*filters[a]) continue;
    const auto& af = **filters[a];
    PLATEDESK_TRY(CheckAttributeFilter(af));
    f.attrOk[a].assign(ix.attrs[a].names.size(), 0);
    bool known = false;
    for (const auto& value : af.values) {
      const int code = ix.attrs[a].Find(value);
      if (code <= 0) continue;
      f.attrOk[a][static_cast<std::size_t>(code)] = 1;
      known = true;
    }
    if (!known) f.impossible = true;
    f.attrMin[a] = af.minConfidence ? static_cast<int>(std::ceil(*af.minConfidence - 1e-9)) : 0;
  }
  if (q.minConfidence) {
    if (!(*q.minConfidence >= 0 && *q.minConfidence <= 100))
      return Fail(ErrorCode::InvalidArgument, "minimum confidence outside 0-100");
    f.minConf100 = static_cast<int>(std::ceil(*q.minConfidence * 100 - 1e-6));
  }
  if (q.direction) {
    if (!std::isfinite(q.direction->fromDeg) || !std::isfinite(q.direction->toDeg))
      return Fail(ErrorCode::InvalidArgument, "direction is not a number of degrees");
    auto norm = [](double d) {
      d = std::fmod(d, 360.0);
      return d < 0 ? d + 360.0 : d;
    };
    f.direction = true;
    bool full = q.direction->toDeg - q.direction->fromDeg >= 360.0;
    f.dirFrom = full ? 0 : static_cast<int>(std::lround(norm(q.direction->fromDeg) * 100));
    f.dirTo = full ? 35999 : static_cast<int>(std::lround(norm(q.direction->toDeg) * 100));
  }
  if (q.near) {
    if (!(q.near->radiusKm >= 0)) return Fail(ErrorCode::InvalidArgument, "negative radius");
    // A NaN place would silently match nothing, an infinite radius quietly everything.
    if (!std::isfinite(q.near->radiusKm))
      return Fail(ErrorCode::InvalidArgument, "the radius is not a finite distance");
    const GeoPoint& c = q.near->centre;
    if (!(c.latitude >= -90 && c.latitude <= 90 && c.longitude >= -180 && c.longitude <= 180))
      return Fail(ErrorCode::InvalidArgument, "the place is not a latitude and longitude");
    f.near = q.near;
    f.locationInside.resize(ix.cameraIds.size());
    for (std::size_t s = 0; s < ix.cameraIds.size(); ++s) {
      for (const auto& loc : ix.cameraLocations[s]) {
        f.locationInside[s].push_back(
            DistanceKm({loc.latitude, loc.longitude}, q.near->centre) <= q.near->radiusKm ? 1 : 0);
      }
    }
  }
  if (q.hours) {
    PLATEDESK_TRY(CheckHoursOfDay(*q.hours));
    f.hoursFrom = q.hours->fromMinute;
    f.hoursTo = q.hours->toMinute;
    if (!ix.times.empty()) {
      // The offsets over the reads the window can reach (the index is in id order, so its bounds
      // come from the zone map).
      const UtcMs first = std::max(f.from, *std::min_element(ix.blockMin.begin(), ix.blockMin.end()));
      UtcMs last = std::min(f.to, *std::max_element(ix.blockMax.begin(), ix.blockMax.end()) + 1);
      // At most a century of offsets (a read with a wild date must not cost millions of clock
      // look-ups per search); reads beyond it take the last offset found.
      constexpr UtcMs kCentury = 100LL * 366 * kMsPerDay;
      if (last - first > kCentury) last = first + kCentury;
      f.offsets.emplace(first, std::max(first, last));
    }
  }
  if (f.from >= f.to) f.impossible = true;
  return {};
}

// Calls fn(r) for every read whose block may overlap the time window; checks the stop token per
// block. Returns false when cancelled.
template <class Fn>
bool ForEachCandidateRead(const SearchIndex::Impl& ix, UtcMs from, UtcMs to, std::stop_token stop, Fn&& fn) {
  const std::size_t blocks = ix.blockMin.size();
  for (std::size_t b = 0; b < blocks; ++b) {
    if (ix.blockMax[b] < from || ix.blockMin[b] >= to) continue;
    if (stop.stop_requested()) return false;
    std::size_t end = std::min(ix.ids.size(), (b + 1) * kBlockReads);
    for (std::size_t r = b * kBlockReads; r < end; ++r) fn(r);
  }
  return true;
}

struct Row {
  std::uint32_t read;  // in its part
  std::uint32_t key;   // index into its part's keys of the matched plate
  std::uint16_t cost;  // edits * 64 + ocr
  std::uint8_t rank;
  std::uint8_t part = 0;  // 0: the main part, 1: the reads appended since
};

Hit MakeHit(const SearchIndex::Impl& ix, std::size_t r, double lowBelow) {
  Hit h;
  h.read = ix.ids[r];
  h.capturedAt = ix.times[r];
  h.camera = ix.cameraIds[ix.camera[r]];
  h.plate = KeyText(ix.keys[ix.bestString[r]]);
  h.state = ix.states.names[ix.state[r]];
  for (auto& c : h.state) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  h.confidence = ix.conf100[r] / 100.0;
  h.lowConfidence = h.confidence < lowBelow;
  return h;
}

// The plate pattern compiled for matching; nullopt when there is none or it accepts every plate
// ("*" is a vehicle-only search: every read, matched by its best plate).
Result<std::optional<CompiledPattern>> CompilePlate(const SearchIndex::Impl& ix,
                                                    const std::optional<std::string>& plate, bool ocrTolerant,
                                                    int maxEdits) {
  if (maxEdits < 0 || maxEdits > 2) return Fail(ErrorCode::InvalidArgument, "edits must be 0, 1 or 2");
  if (!plate) return std::optional<CompiledPattern>();
  auto parsed = PlatePattern::Parse(*plate);
  if (!parsed) return parsed.Err();
  if (parsed->Tokens().size() > 32) return Fail(ErrorCode::InvalidArgument, "plate pattern too long");
  if (parsed->MatchesEverything()) return std::optional<CompiledPattern>();
  CompiledPattern cp;
  cp.maxEdits = maxEdits;
  cp.plain = maxEdits == 0;
  for (const auto& t : parsed->Tokens()) {
    cp.toks.push_back({t.star, t.chars, t.star ? 0 : (ocrTolerant ? ix.confusions.ExpandMask(t.chars) : t.chars)});
    cp.plain = cp.plain && cp.toks.back().tolerant == cp.toks.back().exact;
  }
  return std::optional<CompiledPattern>(std::move(cp));
}

// Sorts rows by read. Many rows (a broad pattern's 100,000) take a least-significant-digit radix
// sort in 11-bit digits (two passes up to 4 M reads, three up to 8 G): linear, where a comparison
// sort was a quarter of the search. A few rows (an exact plate's) are sorted as they are, which
// costs less than the radix sort's bucket table.
void SortByRead(std::vector<Row>& rows, std::size_t reads) {
  constexpr unsigned kDigitBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  if (rows.size() < 2 * kBuckets) {
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.read < b.read; });
    return;
  }
  unsigned bits = 0;
  while (bits < 32 && (std::uint64_t{1} << bits) < reads) ++bits;
  std::vector<Row> other(rows.size());
  std::vector<std::size_t> start(kBuckets);
  for (unsigned shift = 0; shift < bits; shift += kDigitBits) {
    std::fill(start.begin(), start.end(), 0);
    for (const Row& row : rows) ++start[(row.read >> shift) & (kBuckets - 1)];
    std::size_t at = 0;
    for (auto& s : start) at += std::exchange(s, at);
    for (const Row& row : rows) other[start[(row.read >> shift) & (kBuckets - 1)]++] = row;
    rows.swap(other);
  }
}

// One row per read whose best plate (or, with alternatives, a candidate) matches and that keep(r)
// accepts: its best way of matching, sorted by read. Returns false when cancelled.
template <class Keep>
bool PatternRows(const SearchIndex::Impl& ix, const CompiledPattern& pattern, bool alternatives, Keep&& keep,
                 std::vector<Row>& rows, std::stop_token stop, const ProgressFn& progress) {
  std::vector<StringMatch> matches;
  if (!MatchPlates(ix, pattern, matches, stop, progress)) return false;
  std::size_t occurrences = 0;
  for (const auto& m : matches) occurrences += ix.occStart[m.key + 1] - ix.occStart[m.key];
  std::vector<Row> all;
  all.reserve(occurrences);
  std::uint8_t codes[kMaxKeyChars];
  std::size_t n = 0;
  for (const auto& m : matches) {
    if ((++n & 1023U) == 0 && stop.stop_requested()) return false;
    std::uint16_t cost = 0;
    if (!pattern.plain) {
      int len = DecodeKey(ix.keys[m.key], codes);
      auto e = Explain(pattern, codes, len);
      cost = static_cast<std::uint16_t>(e.edits * 64 + e.ocr);
    }
    for (auto o = ix.occStart[m.key]; o < ix.occStart[m.key + 1]; ++o) {
      std::uint32_t v = ix.occ[o];
      auto rank = static_cast<std::uint8_t>(v & 15U);
      if (rank != 0 && !alternatives) continue;
      all.push_back({v >> 4, m.key, cost, rank});
    }
  }
  if (stop.stop_requested()) return false;
  SortByRead(all, ix.ids.size());
  // Each read once, by its best way of matching; the filter then walks the reads in order.
  for (std::size_t i = 0; i < all.size();) {
    std::size_t best = i, j = i + 1;
    for (; j < all.size() && all[j].read == all[i].read; ++j) {
      if (all[j].cost < all[best].cost || (all[j].cost == all[best].cost && all[j].rank < all[best].rank)) best = j;
    }
    if (keep(all[best].read)) rows.push_back(all[best]);
    i = j;
  }
  return true;
}

// How a row matched (kind, candidate, plate, edits, OCR positions).
void FillMatch(const SearchIndex::Impl& ix, const std::optional<CompiledPattern>& pattern, const Row& row,
               MatchInfo& mi) {
  mi.candidateRank = row.rank;
  mi.matchedPlate = KeyText(ix.keys[row.key]);
  if (!pattern) {
    mi.kind = MatchKind::NoPattern;
    return;
  }
  if (pattern->plain) {
    mi.kind = MatchKind::Exact;
    return;
  }
  std::uint8_t codes[kMaxKeyChars];
  int len = DecodeKey(ix.keys[row.key], codes);
  auto e = Explain(*pattern, codes, len);
  mi.edits = e.edits;
  mi.ocrSubstitutions = e.ocr;
  mi.ocrPositions = std::move(e.ocrPositions);
  mi.kind = e.edits > 0 ? MatchKind::Edited : e.ocr > 0 ? MatchKind::OcrEquivalent : MatchKind::Exact;
}

}  // namespace

SearchIndex::SearchIndex() : mImpl(std::make_shared<Impl>()), mDelta(std::make_unique<Impl>()) {}
SearchIndex::~SearchIndex() = default;

namespace {

// The reads a delta holds before it is merged into a new main part (MergeDue): a refresh's append
// costs the delta's size (a few milliseconds at the most), a merge the whole index's.
constexpr std::size_t kDeltaMinReads = 4096;
constexpr std::size_t kDeltaMaxReads = 131072;
// A refresh told not to merge (a merge is running elsewhere, or failed) still merges past this
// many, so the delta's cost stays bounded.
constexpr std::size_t kDeltaHardLimitFactor = 4;

std::size_t MergeAt(const SearchIndex::Impl& main) {
  return std::clamp(main.ids.size() / 16, kDeltaMinReads, kDeltaMaxReads);
}

// The storage's stamp (read before the reads, so a deletion racing with a load makes the index
// look stale rather than fresh).
Result<IndexStamp> ReadStamp(store::Storage& storage) { return storage.GetReadsStamp(); }

// After a load that began after `stamp` was read: every read up to its newest, and its camera
// places, are in the index (kept in the delta, which only this index owns).
void Loaded(SearchIndex::Impl& delta, const IndexStamp& stamp) {
  delta.scannedTo = std::max(delta.scannedTo, stamp.newestRead);
  delta.places = stamp.places;
}

void SaveOrLog(const SearchIndex& index, store::Storage& storage) {
  if (auto saved = index.Save(storage); !saved)
    Log(LogLevel::Warning, "search index file not saved (searches still work): " + saved.Err().ToString());
}

}  // namespace

void SearchIndex::ResetDelta() {
  auto delta = std::make_unique<Impl>();
  delta->maxId = mImpl->maxId;
  delta->scannedTo = mDelta->scannedTo;
  delta->places = mDelta->places;
  mDelta = std::move(delta);
}

bool SearchIndex::MergeDue() const { return mDelta->ids.size() >= MergeAt(*mImpl); }

Status SearchIndex::Merge(store::Storage& storage, std::stop_token stop, const ProgressFn& progress) {
  auto stamp = ReadStamp(storage);
  if (!stamp) return stamp.Err();
  if (stamp->readsDeleted != mImpl->readsDeleted) return Refresh(storage, stop, progress);  // rebuilt whole
  PLATEDESK_TRY(MergeParts(storage, stop, progress));
  Loaded(*mDelta, *stamp);
  SaveOrLog(*this, storage);  // merges are thousands of reads apart: each one is saved
  return {};
}

Status SearchIndex::MergeParts(store::Storage& storage, std::stop_token stop, const ProgressFn& progress) {
  // The main part is appended to in place when this index alone holds it, else to a copy.
  std::shared_ptr<Impl> main = mImpl.use_count() == 1 ? mImpl : std::make_shared<Impl>(*mImpl);
  PLATEDESK_TRY(LoadInto(*main, storage, stop, progress));  // every read above the main part's
  mImpl = std::move(main);
  ResetDelta();
  return {};
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::Build(store::Storage& storage, std::stop_token stop,
                                                        const ProgressFn& progress) {
  auto index = std::make_unique<SearchIndex>();
  auto stamp = ReadStamp(storage);
  PLATEDESK_TRY(LoadInto(*index->mImpl, storage, stop, progress));
  index->mImpl->readsDeleted = stamp ? stamp->readsDeleted : ~0ULL;  // no stamp: never taken for current
  index->ResetDelta();
  if (stamp) Loaded(*index->mDelta, *stamp);
  return index;
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(store::Storage& storage, std::stop_token stop,
                                                       const ProgressFn& progress) {
  auto stamp = ReadStamp(storage);
  if (!stamp) {
    Log(LogLevel::Warning, "search index built from the database: " + stamp.Err().ToString());
    return Build(storage, stop, progress);
  }
  auto index = std::make_unique<SearchIndex>();
  auto captureTime = [&](store::ReadId id) -> std::optional<UtcMs> {
    auto read = storage.GetRead(id);
    if (!read || !*read) return std::nullopt;
    return (*read)->capturedAt;
  };
  bool fromFile = false;
  if (auto loaded = LoadIndexFile(*index->mImpl, *stamp, FilePath(storage), captureTime); loaded) {
    fromFile = true;
  } else if (loaded.Err().code != ErrorCode::NotFound) {
    Log(LogLevel::Info, "search index rebuilt from the database: " + loaded.Err().ToString());
  }
  const auto before = index->mImpl->ids.size();
  PLATEDESK_TRY(LoadInto(*index->mImpl, storage, stop, progress));
  index->mImpl->readsDeleted = stamp->readsDeleted;
  index->ResetDelta();
  Loaded(*index->mDelta, *stamp);
  if (!fromFile || index->mImpl->ids.size() != before) SaveOrLog(*index, storage);
  return index;
}

Status SearchIndex::Refresh(store::Storage& storage, std::stop_token stop, const ProgressFn& progress,
                            bool mergeWhenDue) {
  auto stamp = ReadStamp(storage);
  if (!stamp && stamp.Err().code == ErrorCode::Io) return stamp.Err();  // say, busy: not a reason to rebuild
  if (stamp && stamp->readsDeleted == mImpl->readsDeleted) {
    const bool placesChanged = mDelta->places != stamp->places;
    // Nothing new (the usual case between two searches): no scan. A scan opens two read-only
    // connections, each parsing the schema, which cost more than a broad search's ranking.
    // (The delta starts at the main part's newest read, so its maxId is the index's.)
    if (!placesChanged && stamp->newestRead <= std::max(mDelta->maxId, mDelta->scannedTo)) return {};
    // Counted with the reads about to be loaded (ids only grow by one), so an import of millions
    // goes to the main part rather than into a delta as large.
    const auto coming = static_cast<std::size_t>(std::max<store::ReadId>(0, stamp->newestRead - mDelta->maxId));
    const bool full = mDelta->ids.size() + coming >= (mergeWhenDue ? 1 : kDeltaHardLimitFactor) * MergeAt(*mImpl);
    if (!placesChanged && !full) {
      // New reads go to the delta (its dictionary only is rebuilt). The file is not saved: it
      // holds the main part, and Open appends what it lacks.
      PLATEDESK_TRY(LoadInto(*mDelta, storage, stop, progress));
      Loaded(*mDelta, *stamp);
      return {};
    }
    // A camera moved (the main part's reads take their places from it), or the delta is full.
    return Merge(storage, stop, progress);
  }
  // Reads were deleted (or the stamp cannot be read): the index may hold reads that are gone.
  auto fresh = std::make_shared<Impl>();
  fresh->confusions = mImpl->confusions;
  PLATEDESK_TRY(LoadInto(*fresh, storage, stop, progress));
  fresh->readsDeleted = stamp ? stamp->readsDeleted : ~0ULL;
  mImpl = std::move(fresh);
  ResetDelta();
  if (stamp) Loaded(*mDelta, *stamp);
  if (stamp) SaveOrLog(*this, storage);
  return {};
}

Status SearchIndex::Save(store::Storage& storage) const {
  auto stamp = ReadStamp(storage);
  if (!stamp) return stamp.Err();
  if (stamp->readsDeleted != mImpl->readsDeleted)
    return Fail(ErrorCode::Unsupported, "reads were deleted since this index was loaded; not saved");
  return SaveIndexFile(*mImpl, *stamp, FilePath(storage));  // the main part: Open appends the rest
}

std::filesystem::path SearchIndex::FilePath(const store::Storage& storage) { return storage.Folder() / "search.index"; }

std::unique_ptr<SearchIndex> SearchIndex::Clone() const {
  auto copy = std::make_unique<SearchIndex>();
  copy->mImpl = mImpl;
  *copy->mDelta = *mDelta;
  return copy;
}

Status SearchIndex::Append(store::Storage& storage, std::stop_token stop, const ProgressFn& progress) {
  return MergeParts(storage, stop, progress);
}

void SearchIndex::SetConfusions(const OcrConfusions& confusions) {
  auto main = mImpl.use_count() == 1 ? mImpl : std::make_shared<Impl>(*mImpl);  // never change a shared part
  main->confusions = confusions;
  mImpl = std::move(main);
}
const OcrConfusions& SearchIndex::Confusions() const { return mImpl->confusions; }

IndexStats SearchIndex::Stats() const {
  const Impl& main = *mImpl;
  const Impl& delta = *mDelta;
  IndexStats s;
  s.reads = main.ids.size() + delta.ids.size();
  s.plateOccurrences = main.occ.size() + delta.occ.size();
  s.distinctPlates = main.keys.size();
  for (auto key : delta.keys) s.distinctPlates += std::binary_search(main.keys.begin(), main.keys.end(), key) ? 0 : 1;
  s.bytes = main.Bytes() + delta.Bytes();
  s.maxReadId = delta.maxId;  // the delta starts at the main part's newest read
  s.loadedFromFile = main.loadedFromFile;
  s.appendedReads = delta.ids.size();
  return s;
}

namespace {

std::uint64_t PartCandidateBytes(const SearchIndex::Impl& ix) {
  std::vector<char> bestOf(ix.keys.size(), 0);  // 1 = some read has this plate as its best plate
  std::uint64_t bytes = 0;
  for (std::size_t k = 0; k < ix.keys.size(); ++k) {
    for (auto o = ix.occStart[k]; o < ix.occStart[k + 1]; ++o) {
      if ((ix.occ[o] & 15U) == 0) {
        bestOf[k] = 1;
      } else {
        bytes += sizeof(ix.occ[0]);
      }
    }
    if (!bestOf[k]) bytes += sizeof(ix.keys[0]) + sizeof(ix.occStart[0]);
  }
  for (std::size_t t = 0; t + 1 < ix.triStart.size(); ++t) {
    std::uint32_t previous = 0;
    (void)ForEachPosting(ix.triStart, ix.triKeys, t, [&](std::uint32_t k) {
      if (!bestOf[k]) bytes += (k - previous < kTriEscape ? 1 : 3) * sizeof(ix.triKeys[0]);
      previous = k;
    });
  }
  return bytes;
}

}  // namespace

std::uint64_t SearchIndex::CandidateBytes() const {
  std::uint64_t bytes = 0;
  for (const Impl* part : {mImpl.get(), mDelta.get()}) bytes += PartCandidateBytes(*part);
  return bytes;
}

Result<SearchResult> SearchIndex::Search(const Query& query, const SearchOptions& options, std::stop_token stop,
                                         const ProgressFn& progress) const {
  auto compiled = CompilePlate(*mImpl, query.plate, query.ocrTolerant, query.maxEdits);
  if (!compiled) return compiled.Err();
  const std::optional<CompiledPattern>& pattern = *compiled;
  // The main part, then the reads appended since: each with its own dictionaries and filter.
  const std::array<const Impl*, 2> parts{mImpl.get(), mDelta.get()};
  std::vector<Row> rows;
  for (std::uint8_t p = 0; p < parts.size(); ++p) {
    const Impl& ix = *parts[p];
    if (p > 0 && ix.ids.empty()) continue;  // the main part's filter checks the query even when empty
    Filter filter;
    PLATEDESK_TRY(CompileFilter(ix, query, filter));
    if (filter.impossible) continue;
    const std::size_t first = rows.size();
    // Progress is the main part's: the reads appended since are few, and a second count from
    // zero would send a progress bar back.
    const ProgressFn none;
    const ProgressFn& report = p == 0 ? progress : none;
    if (pattern) {
      const bool done = filter.AcceptsAll() ? PatternRows(
                                                  ix, *pattern, query.alternatives, [](std::size_t) { return true; },
                                                  rows, stop, report)
                                            : PatternRows(ix, *pattern, query.alternatives, filter, rows, stop, report);
      if (!done) return Fail(ErrorCode::Cancelled, "search cancelled");
    } else {
      ProgressThrottle throttle(report);
      std::size_t done = 0;
      bool ok = ForEachCandidateRead(ix, filter.from, filter.to, stop, [&](std::size_t r) {
        if ((++done & 65535U) == 0) throttle.Report(done, ix.ids.size());
        if (filter(r)) rows.push_back({static_cast<std::uint32_t>(r), ix.bestString[r], 0, 0});
      });
      if (!ok) return Fail(ErrorCode::Cancelled, "search cancelled");
    }
    for (std::size_t i = first; i < rows.size(); ++i) rows[i].part = p;
  }
  auto partOf = [&](const Row& row) -> const Impl& { return *parts[row.part]; };

  SearchResult result;
  result.totalMatches = rows.size();
  if (options.maxMatches != 0 && rows.size() > options.maxMatches) {
    result.truncated = true;  // withheld: the caller decides what to tell
    return result;
  }
  auto better = [&](const Row& a, const Row& b) {
    if (a.cost != b.cost) return a.cost < b.cost;
    if ((a.rank != 0) != (b.rank != 0)) return a.rank == 0;
    const Impl& ia = partOf(a);
    const Impl& ib = partOf(b);
    if (ia.conf100[a.read] != ib.conf100[b.read]) return ia.conf100[a.read] > ib.conf100[b.read];
    if (ia.times[a.read] != ib.times[b.read]) return ia.times[a.read] > ib.times[b.read];
    return ia.ids[a.read] > ib.ids[b.read];
  };
  std::size_t wanted = options.limit == 0 ? rows.size() : std::min(options.limit, rows.size());
  result.truncated = wanted < rows.size();
  // Sort the first page at once so a GUI can show it; the rest follows in order.
  std::size_t batch = std::max<std::size_t>(1, options.batchSize);
  std::size_t sortedUpTo = std::min(wanted, batch);
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(sortedUpTo), rows.end(), better);
  if (sortedUpTo < wanted) {
    std::partial_sort(rows.begin() + static_cast<std::ptrdiff_t>(sortedUpTo),
                      rows.begin() + static_cast<std::ptrdiff_t>(wanted), rows.end(), better);
  }
  std::vector<Hit> pageHits;
  // Many hits share a plate (a vehicle's reads): explain each (plate, candidate rank) once.
  std::vector<std::pair<std::uint64_t, MatchInfo>> explained;
  auto explain = [&](const Row& row, MatchInfo& mi) {
    const std::uint64_t id =
        (static_cast<std::uint64_t>(row.key) << 9) | (static_cast<std::uint64_t>(row.part) << 8) | row.rank;
    for (const auto& [seen, info] : explained) {
      if (seen == id) {
        mi = info;
        return;
      }
    }
    FillMatch(partOf(row), pattern, row, mi);
    if (explained.size() < 64) explained.emplace_back(id, mi);
  };
  for (std::size_t i = 0; i < wanted; i += batch) {
    if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "search cancelled");
    std::size_t end = std::min(wanted, i + batch);
    pageHits.clear();
    for (std::size_t k = i; k < end; ++k) {
      const Row& row = rows[k];
      Hit h = MakeHit(partOf(row), row.read, options.lowConfidenceBelow);
      explain(row, h.match);
      pageHits.push_back(std::move(h));
    }
    bool more = true;
    if (options.onBatch) more = options.onBatch(pageHits);
    if (options.keepHits) {
      for (auto& h : pageHits) result.hits.push_back(std::move(h));
    }
    if (!more) {
      result.truncated = end < rows.size();
      break;
    }
  }
  return result;
}

Result<std::vector<SceneVehicle>> SearchIndex::MultiScene(const MultiSceneQuery& query, double lowConfidenceBelow,
                                                          std::stop_token stop) const {
  const int n = static_cast<int>(query.scenes.size());
  if (n < 2 || n > 5) return Fail(ErrorCode::InvalidArgument, "a multi-scene search needs 2 to 5 scenes");
  if (query.minScenes < 1 || query.minScenes > n)
    return Fail(ErrorCode::InvalidArgument, "minimum scenes outside 1..scenes");
  auto compiled = CompilePlate(*mImpl, query.plate, query.ocrTolerant, query.maxEdits);
  if (!compiled) return compiled.Err();
  const std::optional<CompiledPattern>& pattern = *compiled;
  std::vector<Query> sceneQueries;
  for (int s = 0; s < n; ++s) {
    const Scene& scene = query.scenes[static_cast<std::size_t>(s)];
    if (scene.to <= scene.from)
      return Fail(ErrorCode::InvalidArgument, "scene " + std::to_string(s + 1) + ": empty time window");
    if (scene.cameras.empty() && !scene.near) {
      return Fail(ErrorCode::InvalidArgument, "scene " + std::to_string(s + 1) + ": needs cameras or a place");
    }
    Query q;
    q.from = scene.from;
    q.to = scene.to;
    q.cameras = scene.cameras;
    if (scene.cameras.empty()) q.near = scene.near;
    sceneQueries.push_back(std::move(q));
  }
  struct Sighting {
    std::uint64_t plate;  // the plate's code (the same in both parts)
    std::uint32_t read;   // in its part
    int scene;
    std::uint32_t row;  // index into its part's rows (with a pattern)
    std::uint8_t part;
  };
  std::vector<Sighting> sightings;
  // The main part, then the reads appended since, each with its own filters.
  const std::array<const Impl*, 2> parts{mImpl.get(), mDelta.get()};
  std::array<std::vector<Row>, 2> rowsOf;  // with a pattern: each part's matching reads, by read
  for (std::uint8_t p = 0; p < parts.size(); ++p) {
    const Impl& ix = *parts[p];
    if (p > 0 && ix.ids.empty()) continue;
    std::vector<Filter> filters(static_cast<std::size_t>(n));
    for (std::size_t s = 0; s < filters.size(); ++s) PLATEDESK_TRY(CompileFilter(ix, sceneQueries[s], filters[s]));
    std::vector<Row>& rows = rowsOf[p];
    if (pattern) {
      // Match the plates once, then place each matching read in the scenes it belongs to.
      auto inAnyScene = [&](std::uint32_t r) {
        return std::any_of(filters.begin(), filters.end(), [r](const Filter& f) { return !f.impossible && f(r); });
      };
      if (!PatternRows(ix, *pattern, query.alternatives, inAnyScene, rows, stop, {}))
        return Fail(ErrorCode::Cancelled, "search cancelled");
      for (std::size_t i = 0; i < rows.size(); ++i) {
        for (int s = 0; s < n; ++s) {
          const Filter& f = filters[static_cast<std::size_t>(s)];
          if (!f.impossible && f(rows[i].read))
            sightings.push_back(
                {ix.keys[ix.bestString[rows[i].read]], rows[i].read, s, static_cast<std::uint32_t>(i), p});
        }
      }
    } else {
      for (int s = 0; s < n; ++s) {
        const Filter& f = filters[static_cast<std::size_t>(s)];
        if (f.impossible) continue;
        bool ok = ForEachCandidateRead(ix, f.from, f.to, stop, [&](std::size_t r) {
          if (f(r)) sightings.push_back({ix.keys[ix.bestString[r]], static_cast<std::uint32_t>(r), s, 0, p});
        });
        if (!ok) return Fail(ErrorCode::Cancelled, "search cancelled");
      }
    }
  }
  auto partOf = [&](const Sighting& x) -> const Impl& { return *parts[x.part]; };
  std::sort(sightings.begin(), sightings.end(), [&](const Sighting& a, const Sighting& b) {
    if (a.plate != b.plate) return a.plate < b.plate;
    if (a.scene != b.scene) return a.scene < b.scene;
    const Impl& ia = partOf(a);
    const Impl& ib = partOf(b);
    if (ia.times[a.read] != ib.times[b.read]) return ia.times[a.read] < ib.times[b.read];
    return ia.ids[a.read] < ib.ids[b.read];
  });
  std::vector<SceneVehicle> out;
  for (std::size_t i = 0; i < sightings.size();) {
    std::size_t j = i;
    unsigned mask = 0;
    while (j < sightings.size() && sightings[j].plate == sightings[i].plate) mask |= 1U << sightings[j++].scene;
    if (__builtin_popcount(mask) >= query.minScenes) {
      SceneVehicle v;
      v.plate = KeyText(sightings[i].plate);
      for (int s = 0; s < n; ++s) {
        if (mask & (1U << s)) v.scenes.push_back(s);
      }
      for (std::size_t k = i; k < j; ++k) {
        const Sighting& x = sightings[k];
        Hit h = MakeHit(partOf(x), x.read, lowConfidenceBelow);
        if (pattern) {
          FillMatch(partOf(x), pattern, rowsOf[x.part][x.row], h.match);
        } else {
          h.match.matchedPlate = h.plate;
        }
        v.sightings.emplace_back(x.scene, std::move(h));
      }
      out.push_back(std::move(v));
    }
    i = j;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SceneVehicle& a, const SceneVehicle& b) { return a.scenes.size() > b.scenes.size(); });
  return out;
}

}  // namespace platedesk::search
