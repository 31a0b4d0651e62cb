// SPDX-License-Identifier: GPL-3.0-or-later
// Matching distinct plates against a pattern: a trie walk over the sorted key array with one
// edit-distance DP row per trie depth (exact, prefix, wildcards, sets, OCR and edits all prune
// early), trigram postings for '*'-led patterns without edits, and a two-thread scan otherwise.
#include "IndexImpl.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace platedesk::search {
namespace {

constexpr int kMaxTokens = 64;

// One row of the edit-distance DP: the row after one more plate character (code), capped at
// cap; returns the row minimum (no completion can do better). Shared by the trie walk and the scan.
inline int DpStep(const CompiledPattern& pattern, int m, int cap, const std::uint8_t* row, std::uint8_t* next,
                  int code) {
  next[0] = static_cast<std::uint8_t>(std::min(row[0] + 1, cap));
  int best = next[0];
  for (int j = 1; j <= m; ++j) {
    const auto& tok = pattern.toks[static_cast<std::size_t>(j - 1)];
    int v;
    if (tok.star) {
      v = std::min<int>(next[j - 1], row[j]);
    } else {
      int sub = row[j - 1] + (((tok.tolerant >> code) & 1U) ? 0 : 1);
      v = std::min({sub, row[j] + 1, next[j - 1] + 1});
    }
    v = std::min(v, cap);
    next[j] = static_cast<std::uint8_t>(v);
    best = std::min(best, v);
  }
  return best;
}

struct Walker {
  const std::vector<std::uint64_t>& keys;
  const CompiledPattern& pattern;
  std::vector<StringMatch>& out;
  std::stop_token stop;
  int m = 0;
  int k = 0;
  int fixedPrefix = 0;  ///< tokens before the first star
  std::uint64_t nodes = 0;
  bool cancelled = false;

  void Walk(std::size_t lo, std::size_t hi, int depth, const std::uint8_t* row) {
    if (cancelled) return;
    if ((++nodes & 4095U) == 0 && stop.stop_requested()) {
      cancelled = true;
      return;
    }
    if (depth == kMaxKeyChars || KeyDigit(keys[lo], depth) == 0) {
      if (row[m] <= k) out.push_back({static_cast<std::uint32_t>(lo), row[m]});
      ++lo;
      if (depth == kMaxKeyChars) return;
    }
    std::uint8_t next[kMaxTokens + 1];
    const std::uint64_t span = kPow37[kMaxKeyChars - 1 - depth];
    if (k == 0 && depth < fixedPrefix && lo < hi) {
      // No edits and only literals/sets so far: just the accepted codes can continue (any other
      // child's DP row has no zero), so look those children up instead of visiting all 36.
      const std::uint64_t node = keys[lo] - keys[lo] % (span * 37);
      auto begin = keys.begin() + static_cast<std::ptrdiff_t>(lo);
      const auto end = keys.begin() + static_cast<std::ptrdiff_t>(hi);
      CharMask mask = pattern.toks[static_cast<std::size_t>(depth)].tolerant;
      while (mask != 0 && begin != end) {
        const int code = __builtin_ctzll(mask);
        mask &= mask - 1;
        auto a = std::lower_bound(begin, end, node + static_cast<std::uint64_t>(code) * span);
        auto b = std::lower_bound(a, end, node + static_cast<std::uint64_t>(code + 1) * span);
        if (a != b && DpStep(pattern, m, k + 1, row, next, code) <= k) {
          Walk(static_cast<std::size_t>(a - keys.begin()), static_cast<std::size_t>(b - keys.begin()), depth + 1, next);
        }
        begin = b;
      }
      return;
    }
    std::size_t i = lo;
    while (i < hi) {
      std::uint64_t key = keys[i];
      int code = KeyDigit(key, depth);
      std::uint64_t bound = key - key % span + span;
      std::size_t j = static_cast<std::size_t>(std::lower_bound(keys.begin() + static_cast<std::ptrdiff_t>(i),
                                                                keys.begin() + static_cast<std::ptrdiff_t>(hi), bound) -
                                               keys.begin());
      if (DpStep(pattern, m, k + 1, row, next, code) <= k) Walk(i, j, depth + 1, next);
      i = j;
    }
  }
};

void InitialRow(const CompiledPattern& pattern, std::uint8_t* row) {
  int cap = pattern.maxEdits + 1;
  row[0] = 0;
  for (std::size_t j = 1; j <= pattern.toks.size(); ++j) {
    row[j] = static_cast<std::uint8_t>(std::min(row[j - 1] + (pattern.toks[j - 1].star ? 0 : 1), cap));
  }
}

// Edit distance of one decoded plate against the pattern (capped at maxEdits + 1).
int Distance(const CompiledPattern& pattern, const std::uint8_t* codes, int len) {
  const int m = static_cast<int>(pattern.toks.size());
  const int cap = pattern.maxEdits + 1;
  std::uint8_t rowA[kMaxTokens + 1];
  std::uint8_t rowB[kMaxTokens + 1];
  InitialRow(pattern, rowA);
  std::uint8_t* row = rowA;
  std::uint8_t* next = rowB;
  for (int i = 0; i < len; ++i) {
    if (DpStep(pattern, m, cap, row, next, codes[i]) >= cap) return cap;
    std::swap(row, next);
  }
  return row[m];
}

// Scans keys[begin, end) with the DP.
bool ScanRange(const std::vector<std::uint64_t>& keys, std::size_t begin, std::size_t end,
               const CompiledPattern& pattern, std::vector<StringMatch>& out, std::stop_token stop) {
  std::uint8_t codes[kMaxKeyChars];
  for (std::size_t i = begin; i < end; ++i) {
    if ((i & 16383U) == 0 && stop.stop_requested()) return false;
    int len = DecodeKey(keys[i], codes);
    int d = Distance(pattern, codes, len);
    if (d <= pattern.maxEdits) out.push_back({static_cast<std::uint32_t>(i), d});
  }
  return true;
}

// For a '*'-led pattern without edits: the best run of 3 adjacent non-star tokens whose OCR
// expansion gives few trigrams. Returns the trigram codes (empty if none is usable).
std::vector<std::uint32_t> TrigramsFor(const CompiledPattern& pattern) {
  std::vector<std::uint32_t> best;
  std::size_t bestCount = SIZE_MAX;
  const auto& toks = pattern.toks;
  for (std::size_t i = 0; i + 3 <= toks.size(); ++i) {
    if (toks[i].star || toks[i + 1].star || toks[i + 2].star) continue;
    std::size_t count = 1;
    for (std::size_t t = i; t < i + 3; ++t) count *= static_cast<std::size_t>(__builtin_popcountll(toks[t].tolerant));
    if (count > 64 || count >= bestCount) continue;
    bestCount = count;
    best.clear();
    for (int a = 1; a <= 36; ++a) {
      if (!((toks[i].tolerant >> a) & 1U)) continue;
      for (int b = 1; b <= 36; ++b) {
        if (!((toks[i + 1].tolerant >> b) & 1U)) continue;
        for (int c = 1; c <= 36; ++c) {
          if (!((toks[i + 2].tolerant >> c) & 1U)) continue;
          best.push_back(static_cast<std::uint32_t>(((a - 1) * 36 + (b - 1)) * 36 + (c - 1)));
        }
      }
    }
  }
  return best;
}

}  // namespace

bool MatchPlates(const SearchIndex::Impl& index, const CompiledPattern& pattern, std::vector<StringMatch>& out,
                 std::stop_token stop, const ProgressFn& progress) {
  const auto& keys = index.keys;
  if (keys.empty()) return true;
  const bool leadingStar = pattern.toks.front().star;
  if (!leadingStar) {
    Walker walker{keys, pattern, out, stop};
    walker.m = static_cast<int>(pattern.toks.size());
    walker.k = pattern.maxEdits;
    while (walker.fixedPrefix < walker.m && !pattern.toks[static_cast<std::size_t>(walker.fixedPrefix)].star)
      ++walker.fixedPrefix;
    std::uint8_t row[kMaxTokens + 1];
    InitialRow(pattern, row);
    walker.Walk(0, keys.size(), 0, row);
    if (progress) progress(keys.size(), keys.size());
    return !walker.cancelled;
  }
  if (pattern.maxEdits == 0 && !index.triStart.empty()) {
    auto trigrams = TrigramsFor(pattern);
    if (!trigrams.empty()) {
      std::vector<std::uint32_t> candidates;
      for (auto t : trigrams) {
        (void)ForEachPosting(index.triStart, index.triKeys, t, [&](std::uint32_t k) { candidates.push_back(k); });
      }
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      std::uint8_t codes[kMaxKeyChars];
      for (std::size_t n = 0; n < candidates.size(); ++n) {
        if ((n & 16383U) == 0 && stop.stop_requested()) return false;
        auto i = candidates[n];
        int len = DecodeKey(keys[i], codes);
        if (Distance(pattern, codes, len) == 0) out.push_back({i, 0});
      }
      if (progress) progress(keys.size(), keys.size());
      return true;
    }
  }
  // Two-thread scan.
  const std::size_t half = keys.size() / 2;
  std::vector<StringMatch> second;
  bool okSecond = true;
  {
    std::jthread worker([&] { okSecond = ScanRange(keys, half, keys.size(), pattern, second, stop); });
    if (!ScanRange(keys, 0, half, pattern, out, stop)) return false;
  }
  if (!okSecond) return false;
  out.insert(out.end(), second.begin(), second.end());
  if (progress) progress(keys.size(), keys.size());
  return true;
}

Explanation Explain(const CompiledPattern& pattern, const std::uint8_t* codes, int len) {
  // Cost = edits * 64 + OCR substitutions: integer order is the lexicographic order we rank by.
  const int m = static_cast<int>(pattern.toks.size());
  const int w = m + 1;
  constexpr int kEdit = 64;
  // On the stack: at most 13 x 65 cells (12 plate characters, kMaxTokens tokens); called for
  // every matching plate, so no allocation here.
  int d[(kMaxKeyChars + 1) * (kMaxTokens + 1)];
  auto at = [&](int i, int j) -> int& { return d[i * w + j]; };
  at(0, 0) = 0;
  for (int j = 1; j <= m; ++j)
    at(0, j) = at(0, j - 1) + (pattern.toks[static_cast<std::size_t>(j - 1)].star ? 0 : kEdit);
  for (int i = 1; i <= len; ++i) {
    at(i, 0) = at(i - 1, 0) + kEdit;
    int c = codes[i - 1];
    for (int j = 1; j <= m; ++j) {
      const auto& tok = pattern.toks[static_cast<std::size_t>(j - 1)];
      if (tok.star) {
        at(i, j) = std::min(at(i, j - 1), at(i - 1, j));
      } else {
        int subCost = ((tok.exact >> c) & 1U) ? 0 : ((tok.tolerant >> c) & 1U) ? 1 : kEdit;
        at(i, j) = std::min({at(i - 1, j - 1) + subCost, at(i - 1, j) + kEdit, at(i, j - 1) + kEdit});
      }
    }
  }
  Explanation e;
  int total = at(len, m);
  e.edits = total / kEdit;
  e.ocr = total % kEdit;
  // Trace back one optimal alignment to name the OCR positions.
  int i = len;
  int j = m;
  while (i > 0 || j > 0) {
    if (j > 0) {
      const auto& tok = pattern.toks[static_cast<std::size_t>(j - 1)];
      if (tok.star) {
        if (at(i, j) == at(i, j - 1)) {
          --j;
          continue;
        }
        if (i > 0 && at(i, j) == at(i - 1, j)) {
          --i;
          continue;
        }
      } else {
        if (i > 0) {
          int c = codes[i - 1];
          int subCost = ((tok.exact >> c) & 1U) ? 0 : ((tok.tolerant >> c) & 1U) ? 1 : kEdit;
          if (at(i, j) == at(i - 1, j - 1) + subCost) {
            if (subCost == 1) e.ocrPositions.push_back(i - 1);
            --i;
            --j;
            continue;
          }
          if (at(i, j) == at(i - 1, j) + kEdit) {
            --i;
            continue;
          }
        }
        if (at(i, j) == at(i, j - 1) + kEdit) {
          --j;
          continue;
        }
      }
    }
    if (i > 0 && at(i, j) == at(i - 1, j) + kEdit) {
      --i;
      continue;
    }
    break;  // unreachable for a consistent table
  }
  std::reverse(e.ocrPositions.begin(), e.ocrPositions.end());
  return e;
}

}  // namespace platedesk::search
