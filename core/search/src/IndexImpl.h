// SPDX-License-Identifier: GPL-3.0-or-later
// The index's columns and the plate matcher shared by SearchIndex.cpp, IndexLoader.cpp and
// PlateMatcher.cpp. Private to the search module.
#pragma once

#include "platedesk/search/OcrConfusions.h"
#include "platedesk/search/PlatePattern.h"
#include "platedesk/search/Query.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/Types.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace platedesk::search {

inline constexpr int kMaxKeyChars = 12;
inline constexpr std::uint64_t kPow37[13] = {1ULL,
                                             37ULL,
                                             1369ULL,
                                             50653ULL,
                                             1874161ULL,
                                             69343957ULL,
                                             2565726409ULL,
                                             94931877133ULL,
                                             3512479453921ULL,
                                             129961739795077ULL,
                                             4808584372417849ULL,
                                             177917621779460413ULL,
                                             6582952005840035281ULL};

/// A plate of up to 12 characters as a base-37 number, most significant character first, padded
/// with code 0: numeric order equals string order, so a sorted key array is a sorted dictionary.
/// Returns false for an empty, too long or non-normalised plate.
inline bool EncodePlate(std::string_view plate, std::uint64_t& key) {
  if (plate.empty() || plate.size() > kMaxKeyChars) return false;
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < kMaxKeyChars; ++i) {
    int code = 0;
    if (i < plate.size()) {
      char c = plate[i];
      if (c >= 'a' && c <= 'z') return false;
      code = CharCode(c);
      if (code == 0) return false;
    }
    k = k * 37 + static_cast<std::uint64_t>(code);
  }
  key = k;
  return true;
}

/// Character code at position depth (0-based) of a key; 0 past the end.
inline int KeyDigit(std::uint64_t key, int depth) {
  return static_cast<int>((key / kPow37[kMaxKeyChars - 1 - depth]) % 37);
}

/// Decodes a key into codes; returns the length.
inline int DecodeKey(std::uint64_t key, std::uint8_t* codes) {
  int len = kMaxKeyChars;
  for (int i = kMaxKeyChars - 1; i >= 0; --i) {
    codes[i] = static_cast<std::uint8_t>(key % 37);
    key /= 37;
  }
  while (len > 0 && codes[len - 1] == 0) --len;
  return len;
}

inline std::string KeyText(std::uint64_t key) {
  std::uint8_t codes[kMaxKeyChars];
  int len = DecodeKey(key, codes);
  std::string out;
  for (int i = 0; i < len; ++i) out += CodeChar(codes[i]);
  return out;
}

/// Where a camera stood during [from, to) (to = INT64_MAX while still there).
struct IndexedLocation {
  double latitude = 0;
  double longitude = 0;
  UtcMs from = 0;
  UtcMs to = 0;
};

inline constexpr std::size_t kAttrColor = 0, kAttrMake = 1, kAttrModel = 2, kAttrBody = 3;
inline constexpr std::size_t kBlockReads = 1024;
inline constexpr std::uint16_t kNoDirection = 0xFFFF;
inline constexpr int kMaxRank = 15;
inline constexpr std::uint16_t kTriEscape = 0xFFFF;

/// Calls fn(keyIndex) for each posting of trigram bucket t, in ascending order. Returns false if
/// the encoding runs past the bucket (a damaged list).
template <class Fn>
bool ForEachPosting(const std::vector<std::uint32_t>& start, const std::vector<std::uint16_t>& postings, std::size_t t,
                    Fn&& fn) {
  std::uint32_t key = 0;
  const std::uint32_t end = start[t + 1];
  for (std::uint32_t p = start[t]; p < end; ++p) {
    std::uint16_t gap = postings[p];
    if (gap == kTriEscape) {
      if (p + 2 >= end) return false;
      key = (static_cast<std::uint32_t>(postings[p + 1]) << 16) | postings[p + 2];
      p += 2;
    } else {
      key += gap;
    }
    fn(key);
  }
  return true;
}

/// A string dictionary for low-cardinality text columns (states, attribute values); code 0 = none.
struct Dictionary {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names{""};
  std::unordered_map<std::string, std::uint16_t, Hash, std::equal_to<>> codes;
  std::uint16_t Code(std::string_view value);
  [[nodiscard]] int Find(std::string_view value) const;  ///< -1 if unknown
};

/// Reads loaded from the store's scans but not yet merged into the plate dictionary.
struct PendingPlates {
  std::vector<std::uint64_t> keys;  ///< one per occurrence
  std::vector<std::uint32_t> occ;   ///< (readIndex << 4) | rank
};

struct SearchIndex::Impl {
  // Per read, in id order.
  std::vector<std::uint32_t> ids;  ///< read ids (store's ids; the loader refuses ids >= 2^32)
  std::vector<UtcMs> times;
  std::vector<std::uint16_t> camera;      ///< index into cameraIds
  std::vector<std::uint8_t> state;        ///< code in states
  std::vector<std::uint16_t> conf100;     ///< confidence * 100
  std::vector<std::uint16_t> dir100;      ///< direction * 100, kNoDirection
  std::vector<std::uint32_t> bestString;  ///< index into keys
  std::array<std::vector<std::uint16_t>, 4> attr;
  std::array<std::vector<std::uint8_t>, 4> attrConf;  ///< whole percent
  std::vector<std::uint32_t> gpsRead;                 ///< reads with their own GPS, ascending
  std::vector<GeoPoint> gpsPoint;
  std::vector<UtcMs> blockMin, blockMax;  ///< capture-time zone map per kBlockReads reads

  Dictionary states;
  std::array<Dictionary, 4> attrs;
  std::vector<store::CameraId> cameraIds;
  std::unordered_map<store::CameraId, std::uint16_t> cameraIndex;
  std::vector<std::vector<IndexedLocation>> cameraLocations;

  // Plate dictionary: sorted distinct keys; CSR occurrences per key.
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> occStart;
  std::vector<std::uint32_t> occ;
  // Trigram postings over distinct keys (36^3 buckets): per bucket the ascending key indexes as
  // 16-bit gaps from the previous one; a gap >= kTriEscape is kTriEscape then the index itself
  // as two 16-bit halves (high first). About 2 bytes a posting instead of 4.
  std::vector<std::uint32_t> triStart;  ///< offsets into triKeys
  std::vector<std::uint16_t> triKeys;

  OcrConfusions confusions = OcrConfusions::Default();
  store::ReadId maxId = 0;
  std::uint64_t readsDeleted = 0;  ///< the storage's reads_deleted stamp when the reads were loaded
  /// The stamp's newest read and camera places when the index last loaded from the storage (not
  /// in the file): a refresh that finds both unchanged has nothing to load.
  store::ReadId scannedTo = 0;
  std::optional<std::array<std::int64_t, 3>> places;
  bool loadedFromFile = false;

  std::uint16_t CameraSlot(store::CameraId id);
  /// Merges pending plates (whose reads are already in the columns) into the dictionary.
  void MergePlates(PendingPlates&& pending, std::size_t firstNewRead, std::vector<std::uint64_t>&& bestKeys);
  void BuildTrigrams();
  void BuildZoneMap(std::size_t firstNewRead);
  [[nodiscard]] std::uint64_t Bytes() const;
};

/// What ties a saved index to one state of the stored reads (store's stamp: the storage's id and
/// its reads-deleted counter). Reads are immutable and new ones get larger ids, so while these are
/// unchanged an index of the reads up to id N is exact for them.
using IndexStamp = store::ReadsStamp;

/// Writes the index file atomically (temporary name, rename). Errors: Io.
Status SaveIndexFile(const SearchIndex::Impl& index, const IndexStamp& stamp, const std::filesystem::path& file);
/// Replaces index with the file's content if the file matches stamp and captureTimeOf(newest id)
/// and passes every check. Errors: NotFound, Unsupported (stale: another storage, reads deleted,
/// another format), Corrupt (damaged); index is unchanged then.
Status LoadIndexFile(SearchIndex::Impl& index, const IndexStamp& stamp, const std::filesystem::path& file,
                     const std::function<std::optional<UtcMs>(store::ReadId)>& captureTimeOf);

/// A pattern compiled for matching: per token the accepted characters as typed and with OCR.
struct CompiledPattern {
  struct Tok {
    bool star = false;
    CharMask exact = 0;
    CharMask tolerant = 0;
  };
  std::vector<Tok> toks;
  int maxEdits = 0;
  bool plain = false;  ///< no edits and OCR adds nothing: every match is exact (no need to explain)
};

/// A distinct plate that matched, with its minimum edit count.
struct StringMatch {
  std::uint32_t key = 0;  ///< index into keys
  int edits = 0;
};

/// The explanation of one plate against the pattern: minimum (edits, OCR substitutions) and the
/// positions of the OCR substitutions.
struct Explanation {
  int edits = 0;
  int ocr = 0;
  std::vector<int> ocrPositions;
};

/// Finds every distinct plate within maxEdits of the pattern (OCR tolerance in tolerant masks).
/// Returns false when cancelled.
bool MatchPlates(const SearchIndex::Impl& index, const CompiledPattern& pattern, std::vector<StringMatch>& out,
                 std::stop_token stop, const ProgressFn& progress);
/// Minimum (edits, ocr) alignment of codes[0..len) against the pattern; edits > maxEdits if none.
Explanation Explain(const CompiledPattern& pattern, const std::uint8_t* codes, int len);

}  // namespace platedesk::search
