// SPDX-License-Identifier: GPL-3.0-or-later
// The saved index file (search.index in the storage folder): the index's columns written raw, in
// sections, with a header that ties them to one database state and a checksum over everything.
// The database stays the truth: a file that does not match it, or fails any check, is not used.
//
// Layout (native byte order; a byte-order mark rejects a file from another kind of machine):
//   header  "PDSIDX\r\n", u32 format, u32 byte-order mark, u64 reads-deleted stamp,
//           i64 max read id, i64 capture time of that read, u64 reads, storage id (u32 length + bytes)
//   sections (u64 element count, then the elements) in a fixed order
//   trailer u64 checksum of every byte before it
#include "IndexImpl.h"

#include "platedesk/common/Log.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <system_error>
#include <type_traits>

namespace platedesk::search {
namespace {

constexpr char kMagic[8] = {'P', 'D', 'S', 'I', 'D', 'X', '\r', '\n'};
constexpr std::uint32_t kFormat = 3;
constexpr std::uint32_t kByteOrderMark = 0x01020304U;

// A 64-bit streaming hash in the manner of XXH64 (four multiply-rotate lanes over 32-byte
// stripes): cheap enough that checking the 656 MB file of 10 M reads fits in the 0.5-1 s open
// (docs/PERFORMANCE.md). It detects
// damage (truncation, flipped bits); it is not a defence against a deliberate forger, who could
// as well edit the database.
class Checksum {
 public:
  void Update(const void* data, std::size_t n) {
    if (n == 0) return;  // an empty column's data() may be null, which memcpy must never get
    const auto* p = static_cast<const unsigned char*>(data);
    mTotal += n;
    if (mBuffered > 0) {
      std::size_t take = std::min(n, sizeof(mBuffer) - mBuffered);
      std::memcpy(mBuffer + mBuffered, p, take);
      mBuffered += take;
      p += take;
      n -= take;
      if (mBuffered < sizeof(mBuffer)) return;
      Stripe(mBuffer);
      mBuffered = 0;
    }
    while (n >= 32) {
      Stripe(p);
      p += 32;
      n -= 32;
    }
    std::memcpy(mBuffer, p, n);
    mBuffered = n;
  }

  [[nodiscard]] std::uint64_t Final() const {
    std::uint64_t h = Rotl(mLane[0], 1) + Rotl(mLane[1], 7) + Rotl(mLane[2], 12) + Rotl(mLane[3], 18);
    for (auto lane : mLane) h = (h ^ Round(0, lane)) * kP1 + kP4;
    h += mTotal;
    for (std::size_t i = 0; i < mBuffered; ++i) h = Rotl(h ^ (mBuffer[i] * kP5), 11) * kP1;
    h ^= h >> 33;
    h *= kP2;
    h ^= h >> 29;
    h *= kP3;
    h ^= h >> 32;
    return h;
  }

 private:
  static constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ULL, kP2 = 0xC2B2AE3D27D4EB4FULL, kP3 = 0x165667B19E3779F9ULL,
                                 kP4 = 0x85EBCA77C2B2AE63ULL, kP5 = 0x27D4EB2F165667C5ULL;
  static std::uint64_t Rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
  static std::uint64_t Round(std::uint64_t acc, std::uint64_t lane) { return Rotl(acc + lane * kP2, 31) * kP1; }
  void Stripe(const unsigned char* p) {
    for (int i = 0; i < 4; ++i) {
      std::uint64_t lane;
      std::memcpy(&lane, p + i * 8, 8);
      mLane[i] = Round(mLane[i], lane);
    }
  }
  std::uint64_t mLane[4] = {kP1 + kP2, kP2, 0, 0 - kP1};
  std::uint64_t mTotal = 0;
  unsigned char mBuffer[32] = {};
  std::size_t mBuffered = 0;
};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

class Writer {
 public:
  explicit Writer(std::FILE* f) : mFile(f) {}
  void Raw(const void* data, std::size_t n) {
    if (n == 0 || !mOk) return;
    mSum.Update(data, n);
    if (std::fwrite(data, 1, n, mFile) != n) mOk = false;
  }
  template <class T>
  void Value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Raw(&v, sizeof v);
  }
  template <class T>
  void Column(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    Value(static_cast<std::uint64_t>(v.size()));
    Raw(v.data(), v.size() * sizeof(T));
  }
  void Text(const std::string& s) {
    Value(static_cast<std::uint32_t>(s.size()));
    Raw(s.data(), s.size());
  }
  void Names(const std::vector<std::string>& names) {
    Value(static_cast<std::uint64_t>(names.size()));
    for (const auto& n : names) Text(n);
  }
  [[nodiscard]] bool Finish() {
    std::uint64_t sum = mSum.Final();
    if (mOk && std::fwrite(&sum, 1, sizeof sum, mFile) != sizeof sum) mOk = false;
    return mOk;
  }

 private:
  std::FILE* mFile;
  Checksum mSum;
  bool mOk = true;
};

class Reader {
 public:
  Reader(std::FILE* f, std::uint64_t size) : mFile(f), mLeft(size >= 8 ? size - 8 : 0), mOk(size >= 8) {}
  bool Raw(void* data, std::size_t n) {
    if (!mOk) return false;
    if (n > mLeft || (n > 0 && std::fread(data, 1, n, mFile) != n)) return mOk = false;
    mLeft -= n;
    mSum.Update(data, n);
    return true;
  }
  template <class T>
  bool Value(T& v) {
    return Raw(&v, sizeof v);
  }
  template <class T>
  bool Column(std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!Value(n) || n > mLeft / sizeof(T)) return mOk = false;  // a damaged count never allocates wildly
    v.resize(static_cast<std::size_t>(n));
    v.shrink_to_fit();
    return Raw(v.data(), v.size() * sizeof(T));
  }
  bool Text(std::string& s) {
    std::uint32_t n = 0;
    if (!Value(n) || n > mLeft) return mOk = false;
    s.resize(n);
    return Raw(s.data(), n);
  }
  bool Names(std::vector<std::string>& names) {
    std::uint64_t n = 0;
    if (!Value(n) || n > mLeft / 4) return mOk = false;
    names.resize(static_cast<std::size_t>(n));
    for (auto& s : names) {
      if (!Text(s)) return false;
    }
    return true;
  }
  /// True if everything read fine, nothing is left over and the trailer matches.
  bool Verify() {
    std::uint64_t stored = 0;
    if (!mOk || mLeft != 0 || std::fread(&stored, 1, sizeof stored, mFile) != sizeof stored) return false;
    return stored == mSum.Final();
  }
  [[nodiscard]] bool Ok() const { return mOk; }

 private:
  std::FILE* mFile;
  std::uint64_t mLeft;  // bytes before the trailer
  bool mOk;
  Checksum mSum;
};

// The columns in file order; Fn is called with each (the same order for writing and reading).
template <class Index, class Fn>
void ForEachColumn(Index& ix, Fn&& fn) {
  fn(ix.ids);
  fn(ix.times);
  fn(ix.camera);
  fn(ix.state);
  fn(ix.conf100);
  fn(ix.dir100);
  fn(ix.bestString);
  for (auto& a : ix.attr) fn(a);
  for (auto& a : ix.attrConf) fn(a);
  fn(ix.gpsRead);
  fn(ix.gpsPoint);
  fn(ix.blockMin);
  fn(ix.blockMax);
  fn(ix.cameraIds);
  fn(ix.keys);
  fn(ix.occStart);
  fn(ix.occ);
  fn(ix.triStart);
  fn(ix.triKeys);
}

Error Stale(const std::string& why) { return Fail(ErrorCode::Unsupported, "search index file is stale: " + why); }
Error Damaged(const std::string& why) { return Fail(ErrorCode::Corrupt, "search index file is damaged: " + why); }

// Temporary files of saves that never finished (the process was killed while writing; each can
// be hundreds of MB). An hour old: no save takes that long, so another process's save in progress
// is left alone.
void RemoveAbandonedSaves(const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  const std::string prefix = file.filename().string() + ".tmp-";
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(1);
  std::error_code ec;
  for (fs::directory_iterator it(file.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entryEc;
    if (it->path().filename().string().rfind(prefix, 0) != 0 || !fs::is_regular_file(it->symlink_status(entryEc)))
      continue;
    const auto written = it->last_write_time(entryEc);
    if (entryEc || written > cutoff) continue;
    if (fs::remove(it->path(), entryEc))
      Log(LogLevel::Info, "removed an unfinished search index save: " + it->path().string());
  }
}

}  // namespace

Status SaveIndexFile(const SearchIndex::Impl& ix, const IndexStamp& stamp, const std::filesystem::path& file) {
  RemoveAbandonedSaves(file);
  // A unique temporary name beside the target, then rename: readers see the old file or the new.
  std::random_device rd;
  const auto tmp = file.parent_path() / (file.filename().string() + ".tmp-" + std::to_string(rd()));
  {
    File f(std::fopen(tmp.string().c_str(), "wb"));
    if (!f) return Fail(ErrorCode::Io, "cannot write the search index file", tmp.string());
    Writer w(f.get());
    w.Raw(kMagic, sizeof kMagic);
    w.Value(kFormat);
    w.Value(kByteOrderMark);
    w.Value(stamp.readsDeleted);
    w.Value(ix.maxId);
    w.Value(ix.times.empty() ? UtcMs{0} : ix.times.back());
    w.Value(static_cast<std::uint64_t>(ix.ids.size()));
    w.Text(stamp.storageId);
    ForEachColumn(ix, [&](const auto& column) { w.Column(column); });
    w.Names(ix.states.names);
    for (const auto& d : ix.attrs) w.Names(d.names);
    bool ok = w.Finish();
    if (std::fflush(f.get()) != 0) ok = false;
    if (!ok) {
      f.reset();
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      return Fail(ErrorCode::Io, "cannot write the search index file (disk full?)", tmp.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    return Fail(ErrorCode::Io, "cannot replace the search index file: " + why, file.string());
  }
  return {};
}

Status LoadIndexFile(SearchIndex::Impl& ix, const IndexStamp& stamp, const std::filesystem::path& file,
                     const std::function<std::optional<UtcMs>(store::ReadId)>& captureTimeOf) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return Fail(ErrorCode::NotFound, "no search index file", file.string());
  File f(std::fopen(file.string().c_str(), "rb"));
  if (!f) return Fail(ErrorCode::NotFound, "cannot open the search index file", file.string());
  Reader r(f.get(), size);
  char magic[sizeof kMagic];
  std::uint32_t format = 0, bom = 0;
  if (!r.Raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
    return Damaged("not a search index");
  if (!r.Value(format) || !r.Value(bom)) return Damaged("header cut short");
  if (format != kFormat || bom != kByteOrderMark) return Stale("another format version or byte order");
  std::uint64_t deleted = 0, reads = 0;
  store::ReadId maxId = 0;
  UtcMs lastTime = 0;
  std::string storageId;
  if (!r.Value(deleted) || !r.Value(maxId) || !r.Value(lastTime) || !r.Value(reads) || !r.Text(storageId))
    return Damaged("header cut short");
  if (storageId != stamp.storageId) return Stale("it belongs to another storage");
  if (deleted != stamp.readsDeleted) return Stale("reads were deleted since it was saved");
  // The newest indexed read must still be there, unchanged (catches a database restored from an
  // older copy with the same counters).
  if (reads > 0) {
    auto t = captureTimeOf(maxId);
    if (!t || *t != lastTime) return Stale("its newest read is not in the database");
  }

  SearchIndex::Impl loaded;
  bool ok = true;
  ForEachColumn(loaded, [&](auto& column) { ok = ok && r.Column(column); });
  ok = ok && r.Names(loaded.states.names);
  for (auto& d : loaded.attrs) ok = ok && r.Names(d.names);
  if (!ok || !r.Verify()) return Damaged("checksum or size mismatch");

  // Structural checks, so a file that passed the checksum by accident still cannot send an index
  // out of bounds.
  const std::size_t n = loaded.ids.size();
  auto sized = [n](const auto& v) { return v.size() == n; };
  bool shape = n == reads && sized(loaded.times) && sized(loaded.camera) && sized(loaded.state) &&
               sized(loaded.conf100) && sized(loaded.dir100) && sized(loaded.bestString) &&
               loaded.gpsRead.size() == loaded.gpsPoint.size() &&
               loaded.blockMin.size() == (n + kBlockReads - 1) / kBlockReads &&
               loaded.blockMax.size() == loaded.blockMin.size() && loaded.occStart.size() == loaded.keys.size() + 1 &&
               loaded.occStart.back() == loaded.occ.size() && loaded.triStart.size() == 36 * 36 * 36 + 1 &&
               loaded.triStart.back() == loaded.triKeys.size() && !loaded.states.names.empty() &&
               loaded.states.names.size() <= 256;
  for (std::size_t a = 0; shape && a < 4; ++a)
    shape = sized(loaded.attr[a]) && sized(loaded.attrConf[a]) && !loaded.attrs[a].names.empty();
  if (shape && n > 0) shape = loaded.ids.back() == maxId && loaded.times.back() == lastTime;
  if (!shape) return Damaged("inconsistent columns");
  for (auto s : loaded.camera) {
    if (s >= loaded.cameraIds.size()) return Damaged("camera out of range");
  }
  for (auto s : loaded.state) {
    if (s >= loaded.states.names.size()) return Damaged("state out of range");
  }
  for (auto b : loaded.bestString) {
    if (b >= loaded.keys.size()) return Damaged("plate out of range");
  }
  for (std::size_t a = 0; a < 4; ++a) {
    for (auto c : loaded.attr[a]) {
      if (c >= loaded.attrs[a].names.size()) return Damaged("attribute out of range");
    }
  }
  for (std::size_t k = 0; k + 1 < loaded.occStart.size(); ++k) {
    if (loaded.occStart[k] > loaded.occStart[k + 1]) return Damaged("occurrence lists out of order");
  }
  for (auto o : loaded.occ) {
    if ((o >> 4) >= n) return Damaged("occurrence out of range");
  }
  for (std::size_t t = 0; t + 1 < loaded.triStart.size(); ++t) {
    if (loaded.triStart[t] > loaded.triStart[t + 1]) return Damaged("trigram lists out of order");
  }
  for (std::size_t t = 0; t + 1 < loaded.triStart.size(); ++t) {
    bool inRange = true;
    bool whole = ForEachPosting(loaded.triStart, loaded.triKeys, t,
                                [&](std::uint32_t k) { inRange = inRange && k < loaded.keys.size(); });
    if (!whole || !inRange) return Damaged("trigram posting out of range");
  }
  for (auto g : loaded.gpsRead) {
    if (g >= n) return Damaged("GPS read out of range");
  }

  // Rebuild the lookup maps the file does not carry.
  auto codes = [](Dictionary& d) {
    d.codes.clear();
    for (std::size_t i = 1; i < d.names.size(); ++i) d.codes.emplace(d.names[i], static_cast<std::uint16_t>(i));
  };
  codes(loaded.states);
  for (auto& d : loaded.attrs) codes(d);
  loaded.cameraLocations.assign(loaded.cameraIds.size(), {});
  for (std::size_t s = 0; s < loaded.cameraIds.size(); ++s)
    loaded.cameraIndex.emplace(loaded.cameraIds[s], static_cast<std::uint16_t>(s));
  loaded.maxId = maxId;
  loaded.readsDeleted = deleted;
  loaded.loadedFromFile = true;
  loaded.confusions = ix.confusions;
  ix = std::move(loaded);
  return {};
}

}  // namespace platedesk::search
