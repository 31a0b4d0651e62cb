// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing: leaf and node hashes, tree heads
// for any size, inclusion and consistency proofs (generation and verification).

#include "platedesk/common/Hash.h"
#include "platedesk/common/Result.h"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace platedesk::audit {

/// Leaf hash per RFC 9162 §2.1.1: SHA-256(0x00 || data). Thread-safe.
[[nodiscard]] Sha256Digest LeafHash(std::string_view data);

/// Interior node hash per RFC 9162 §2.1.1: SHA-256(0x01 || left || right). Thread-safe.
[[nodiscard]] Sha256Digest NodeHash(const Sha256Digest& left, const Sha256Digest& right);

/// The root hash of the empty tree: SHA-256 of no bytes.
[[nodiscard]] Sha256Digest EmptyRoot();

/// Supplies the hash of the perfect subtree of 2^level leaves that starts at leaf index * 2^level
/// (level 0 = the leaf hashes). The proof functions below ask only for subtrees that lie wholly
/// inside the tree size they were given. May throw; the functions below let exceptions through.
using PerfectSubtreeFn = std::function<Sha256Digest(unsigned level, std::uint64_t index)>;

/// MTH(D[0:size]) built from perfect subtrees in O(log size) calls; EmptyRoot() for size 0.
[[nodiscard]] Sha256Digest RootFromSubtrees(std::uint64_t size, const PerfectSubtreeFn& subtree);

/// The audit path PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, leaf side first.
/// Requires index < size (else an empty vector).
[[nodiscard]] std::vector<Sha256Digest> InclusionProofFromSubtrees(std::uint64_t index, std::uint64_t size,
                                                                   const PerfectSubtreeFn& subtree);

/// The consistency proof PROOF(first, D[0:second]) of RFC 9162 §2.1.4.1. Empty when first is 0 or
/// first == second (nothing to prove); requires first <= second (else an empty vector).
[[nodiscard]] std::vector<Sha256Digest> ConsistencyProofFromSubtrees(std::uint64_t first, std::uint64_t second,
                                                                     const PerfectSubtreeFn& subtree);

/// Verifies an inclusion proof with the algorithm of RFC 9162 §2.1.3.2.
[[nodiscard]] bool VerifyInclusion(std::uint64_t index, std::uint64_t size, const Sha256Digest& leafHash,
                                   const std::vector<Sha256Digest>& proof, const Sha256Digest& root);

/// Verifies a consistency proof with the algorithm of RFC 9162 §2.1.4.2. Also accepts the trivial
/// cases the RFC leaves out: first == second with an empty proof and equal roots, and first == 0
/// with an empty proof (every tree extends the empty tree). first > second is always false.
[[nodiscard]] bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Sha256Digest& firstRoot,
                                     const Sha256Digest& secondRoot, const std::vector<Sha256Digest>& proof);

/// A perfect subtree that an append completed: level (>= 1), index at that level, hash.
struct SubtreeNode {
  unsigned level = 0;
  std::uint64_t index = 0;
  Sha256Digest hash{};
};

/// The compact range over leaves [0, size): the roots of the perfect subtrees along the binary
/// decomposition of size ("peaks", largest first). Appending and the current root need O(log n)
/// memory and time. Value type; thread-compatible.
class CompactRange {
 public:
  CompactRange() = default;

  /// Rebuilds a range from its peaks (largest first, as Peaks() returns them).
  /// Errors: InvalidArgument when the number of peaks is not the number of one bits of size.
  [[nodiscard]] static Result<CompactRange> FromPeaks(std::uint64_t size, std::vector<Sha256Digest> peaks);

  /// Appends one leaf hash. When completed is set, adds every perfect subtree of level >= 1 that
  /// this append completes (lowest level first), so a caller can store them.
  void Append(const Sha256Digest& leafHash, std::vector<SubtreeNode>* completed = nullptr);

  /// Number of leaves.
  [[nodiscard]] std::uint64_t Size() const { return mSize; }
  /// MTH of all leaves so far (EmptyRoot() when empty).
  [[nodiscard]] Sha256Digest Root() const;
  /// The perfect-subtree roots, largest (leftmost) first.
  [[nodiscard]] const std::vector<Sha256Digest>& Peaks() const { return mPeaks; }

 private:
  std::uint64_t mSize = 0;
  std::vector<Sha256Digest> mPeaks;
};

/// An in-memory Merkle tree over leaf hashes that keeps every perfect subtree (about two hashes
/// per leaf), so the root and proofs for any earlier size cost O(log n). For tests, tools and
/// verifiers; the audit log itself keeps its subtrees in audit.db. Value type; thread-compatible.
class MerkleTree {
 public:
  /// Appends one leaf hash.
  void Append(const Sha256Digest& leafHash);
  /// Number of leaves.
  [[nodiscard]] std::uint64_t Size() const { return mLevels.empty() ? 0 : mLevels[0].size(); }
  /// MTH(D[0:size]). Errors: InvalidArgument when size > Size().
  [[nodiscard]] Result<Sha256Digest> RootAt(std::uint64_t size) const;
  /// Inclusion proof of leaf index in the tree of the given size. Errors: InvalidArgument.
  [[nodiscard]] Result<std::vector<Sha256Digest>> InclusionProof(std::uint64_t index, std::uint64_t size) const;
  /// Consistency proof between two sizes. Errors: InvalidArgument (first > second or second > Size()).
  [[nodiscard]] Result<std::vector<Sha256Digest>> ConsistencyProof(std::uint64_t first, std::uint64_t second) const;
  /// The perfect subtree (level, index); it must exist (a programming error otherwise).
  [[nodiscard]] const Sha256Digest& Subtree(unsigned level, std::uint64_t index) const;

 private:
  [[nodiscard]] PerfectSubtreeFn Source() const;
  std::vector<std::vector<Sha256Digest>> mLevels;
};

}  // namespace platedesk::audit
