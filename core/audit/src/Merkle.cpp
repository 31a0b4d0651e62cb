// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/Merkle.h"

#include <bit>

namespace platedesk::audit {
namespace {

// Largest power of two strictly less than n (n >= 2): the split point k of RFC 9162's MTH.
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

// MTH(D[start:end]) for a node of the RFC's recursion: start is a multiple of a power of two that
// is at least end - start, so the left part of every split is an aligned perfect subtree.
Sha256Digest RangeHash(std::uint64_t start, std::uint64_t end, const PerfectSubtreeFn& subtree) {
  const std::uint64_t n = end - start;
  if (std::has_single_bit(n)) {
    const auto level = static_cast<unsigned>(std::countr_zero(n));
    return subtree(level, start >> level);
  }
  const std::uint64_t k = SplitPoint(n);
  return NodeHash(RangeHash(start, start + k, subtree), RangeHash(start + k, end, subtree));
}

void Path(std::uint64_t m, std::uint64_t start, std::uint64_t end, const PerfectSubtreeFn& subtree,
          std::vector<Sha256Digest>& out) {
  if (end - start <= 1) return;
  const std::uint64_t k = SplitPoint(end - start);
  if (m < start + k) {
    Path(m, start, start + k, subtree, out);
    out.push_back(RangeHash(start + k, end, subtree));
  } else {
    Path(m, start + k, end, subtree, out);
    out.push_back(RangeHash(start, start + k, subtree));
  }
}

// SUBPROOF(m, D[start:end], b) with m counted from leaf 0 of the whole tree.
void SubProof(std::uint64_t m, std::uint64_t start, std::uint64_t end, bool b, const PerfectSubtreeFn& subtree,
              std::vector<Sha256Digest>& out) {
  if (m == end) {
    if (!b) out.push_back(RangeHash(start, end, subtree));
    return;
  }
  const std::uint64_t k = SplitPoint(end - start);
  if (m <= start + k) {
    SubProof(m, start, start + k, b, subtree, out);
    out.push_back(RangeHash(start + k, end, subtree));
  } else {
    SubProof(m, start + k, end, false, subtree, out);
    out.push_back(RangeHash(start, start + k, subtree));
  }
}

bool Lsb(std::uint64_t v) { return (v & 1U) != 0; }

}  // namespace

Sha256Digest LeafHash(std::string_view data) {
  Sha256Stream s;
  const char prefix = '\0';
  s.Update(std::string_view(&prefix, 1));
  s.Update(data);
  return s.Finish();
}

Sha256Digest NodeHash(const Sha256Digest& left, const Sha256Digest& right) {
  std::array<char, 65> buf{};
  buf[0] = '\x01';
  std::copy(left.begin(), left.end(), buf.begin() + 1);
  std::copy(right.begin(), right.end(), buf.begin() + 33);
  return Sha256(std::string_view(buf.data(), buf.size()));
}

Sha256Digest EmptyRoot() { return Sha256(std::string_view()); }

Sha256Digest RootFromSubtrees(std::uint64_t size, const PerfectSubtreeFn& subtree) {
  if (size == 0) return EmptyRoot();
  return RangeHash(0, size, subtree);
}

std::vector<Sha256Digest> InclusionProofFromSubtrees(std::uint64_t index, std::uint64_t size,
                                                     const PerfectSubtreeFn& subtree) {
  std::vector<Sha256Digest> out;
  if (index < size) Path(index, 0, size, subtree, out);
  return out;
}

std::vector<Sha256Digest> ConsistencyProofFromSubtrees(std::uint64_t first, std::uint64_t second,
                                                       const PerfectSubtreeFn& subtree) {
  std::vector<Sha256Digest> out;
  if (first == 0 || first >= second) return out;
  SubProof(first, 0, second, true, subtree, out);
  return out;
}

bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const Sha256Digest& leafHash,
                     const std::vector<Sha256Digest>& proof, const Sha256Digest& root) {
  if (index >= size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  Sha256Digest r = leafHash;
  for (const auto& p : proof) {
    if (sn == 0) return false;
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(p, r);
      if (!Lsb(fn)) {
        while (!Lsb(fn) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Sha256Digest& firstRoot,
                       const Sha256Digest& secondRoot, const std::vector<Sha256Digest>& proof) {
  if (first > second) return false;
  if (first == second) return proof.empty() && firstRoot == secondRoot;
  if (first == 0) return proof.empty();
  if (proof.empty()) return false;
  std::vector<Sha256Digest> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(first)) path.push_back(firstRoot);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = first - 1;
  std::uint64_t sn = second - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Sha256Digest fr = path[0];
  Sha256Digest sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const auto& c = path[i];
    if (sn == 0) return false;
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!Lsb(fn)) {
        while (!Lsb(fn) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == firstRoot && sr == secondRoot && sn == 0;
}

Result<CompactRange> CompactRange::FromPeaks(std::uint64_t size, std::vector<Sha256Digest> peaks) {
  if (static_cast<std::size_t>(std::popcount(size)) != peaks.size())
    return Fail(ErrorCode::InvalidArgument, "compact range: peak count does not match the tree size",
                std::to_string(size));
  CompactRange r;
  r.mSize = size;
  r.mPeaks = std::move(peaks);
  return r;
}

void CompactRange::Append(const Sha256Digest& leafHash, std::vector<SubtreeNode>* completed) {
  Sha256Digest h = leafHash;
  unsigned level = 0;
  // Each one bit at the bottom of the old size is a peak of equal height that now merges.
  while (((mSize >> level) & 1U) != 0) {
    h = NodeHash(mPeaks.back(), h);
    mPeaks.pop_back();
    ++level;
    if (completed != nullptr) completed->push_back({level, ((mSize + 1) >> level) - 1, h});
  }
  mPeaks.push_back(h);
  ++mSize;
}

Sha256Digest CompactRange::Root() const {
  if (mPeaks.empty()) return EmptyRoot();
  Sha256Digest r = mPeaks.back();
  for (std::size_t i = mPeaks.size() - 1; i-- > 0;) r = NodeHash(mPeaks[i], r);
  return r;
}

void MerkleTree::Append(const Sha256Digest& leafHash) {
  if (mLevels.empty()) mLevels.emplace_back();
  mLevels[0].push_back(leafHash);
  for (std::size_t level = 0; mLevels[level].size() % 2 == 0; ++level) {
    if (mLevels.size() == level + 1) mLevels.emplace_back();
    const auto& row = mLevels[level];
    const Sha256Digest parent = NodeHash(row[row.size() - 2], row[row.size() - 1]);
    mLevels[level + 1].push_back(parent);
  }
}

const Sha256Digest& MerkleTree::Subtree(unsigned level, std::uint64_t index) const {
  return mLevels.at(level).at(index);
}

PerfectSubtreeFn MerkleTree::Source() const {
  return [this](unsigned level, std::uint64_t index) { return Subtree(level, index); };
}

Result<Sha256Digest> MerkleTree::RootAt(std::uint64_t size) const {
  if (size > Size()) return Fail(ErrorCode::InvalidArgument, "tree size beyond the tree", std::to_string(size));
  return RootFromSubtrees(size, Source());
}

Result<std::vector<Sha256Digest>> MerkleTree::InclusionProof(std::uint64_t index, std::uint64_t size) const {
  if (size > Size() || index >= size)
    return Fail(ErrorCode::InvalidArgument, "inclusion proof: index or size out of range",
                std::to_string(index) + "/" + std::to_string(size));
  return InclusionProofFromSubtrees(index, size, Source());
}

Result<std::vector<Sha256Digest>> MerkleTree::ConsistencyProof(std::uint64_t first, std::uint64_t second) const {
  if (first > second || second > Size())
    return Fail(ErrorCode::InvalidArgument, "consistency proof: sizes out of range",
                std::to_string(first) + "/" + std::to_string(second));
  return ConsistencyProofFromSubtrees(first, second, Source());
}

}  // namespace platedesk::audit
