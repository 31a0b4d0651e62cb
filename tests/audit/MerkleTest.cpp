// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/Merkle.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace platedesk;
using namespace platedesk::audit;

namespace {

std::string FromHex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

Sha256Digest Digest(const std::string& hex) {
  const std::string raw = FromHex(hex);
  Sha256Digest d{};
  std::copy(raw.begin(), raw.end(), d.begin());
  return d;
}

// The RFC 6962 reference test leaves and the roots of the trees of size 1..8 over them.
const std::vector<std::string> kLeaves = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
const std::vector<std::string> kRoots = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

MerkleTree RfcTree() {
  MerkleTree t;
  for (const auto& leaf : kLeaves) t.Append(LeafHash(FromHex(leaf)));
  return t;
}

// A naive reference written straight from the RFC 9162 definitions, recursing over leaf hashes.
std::uint64_t Split(std::uint64_t n) {
  std::uint64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Sha256Digest NaiveMth(const std::vector<Sha256Digest>& d) {
  if (d.empty()) return Sha256("");
  if (d.size() == 1) return d[0];
  const auto k = static_cast<std::ptrdiff_t>(Split(d.size()));
  return NodeHash(NaiveMth({d.begin(), d.begin() + k}), NaiveMth({d.begin() + k, d.end()}));
}

std::vector<Sha256Digest> NaivePath(std::uint64_t m, const std::vector<Sha256Digest>& d) {
  if (d.size() <= 1) return {};
  const auto k = Split(d.size());
  const std::vector<Sha256Digest> left(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(k));
  const std::vector<Sha256Digest> right(d.begin() + static_cast<std::ptrdiff_t>(k), d.end());
  std::vector<Sha256Digest> p;
  if (m < k) {
    p = NaivePath(m, left);
    p.push_back(NaiveMth(right));
  } else {
    p = NaivePath(m - k, right);
    p.push_back(NaiveMth(left));
  }
  return p;
}

std::vector<Sha256Digest> NaiveSubproof(std::uint64_t m, const std::vector<Sha256Digest>& d, bool b) {
  const std::uint64_t n = d.size();
  if (m == n) return b ? std::vector<Sha256Digest>{} : std::vector<Sha256Digest>{NaiveMth(d)};
  const auto k = Split(n);
  const std::vector<Sha256Digest> left(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(k));
  const std::vector<Sha256Digest> right(d.begin() + static_cast<std::ptrdiff_t>(k), d.end());
  std::vector<Sha256Digest> p;
  if (m <= k) {
    p = NaiveSubproof(m, left, b);
    p.push_back(NaiveMth(right));
  } else {
    p = NaiveSubproof(m - k, right, false);
    p.push_back(NaiveMth(left));
  }
  return p;
}

std::vector<Sha256Digest> Leaves(std::size_t n) {
  std::vector<Sha256Digest> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(LeafHash("leaf " + std::to_string(i)));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(MerkleTest)

BOOST_AUTO_TEST_CASE(LeafAndNodeHashesUseRfcDomainSeparation) {
  // SHA-256 of the single byte 0x00 is the leaf hash of empty data.
  BOOST_TEST(ToHex(LeafHash("")) == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  BOOST_TEST(ToHex(EmptyRoot()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const auto a = LeafHash("a"), b = LeafHash("b");
  std::string raw = "\x01";
  raw.append(reinterpret_cast<const char*>(a.data()), 32);
  raw.append(reinterpret_cast<const char*>(b.data()), 32);
  BOOST_TEST(ToHex(NodeHash(a, b)) == Sha256Hex(raw));
}

BOOST_AUTO_TEST_CASE(RootsMatchRfc6962TestVectorsForSizesOneToEight) {
  const MerkleTree t = RfcTree();
  for (std::uint64_t size = 1; size <= 8; ++size) {
    auto root = t.RootAt(size);
    BOOST_REQUIRE(root.Ok());
    BOOST_TEST(ToHex(*root) == kRoots[size - 1], "size " << size);
  }
  BOOST_TEST(ToHex(*t.RootAt(0)) == ToHex(EmptyRoot()));
}

BOOST_AUTO_TEST_CASE(ProofsMatchRfc6962TestVectors) {
  const MerkleTree t = RfcTree();
  const std::vector<Sha256Digest> inclusion5of8 = {
      Digest("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
      Digest("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
      Digest("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")};
  BOOST_TEST((*t.InclusionProof(5, 8) == inclusion5of8));
  BOOST_TEST(VerifyInclusion(5, 8, LeafHash(FromHex(kLeaves[5])), inclusion5of8, Digest(kRoots[7])));
  BOOST_TEST(!VerifyInclusion(4, 8, LeafHash(FromHex(kLeaves[5])), inclusion5of8, Digest(kRoots[7])));
  BOOST_TEST((*t.InclusionProof(2, 3) == std::vector<Sha256Digest>{Digest(kRoots[1])}));

  const std::vector<Sha256Digest> consistency6to8 = {
      Digest("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a"),
      Digest("ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
      Digest("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")};
  BOOST_TEST((*t.ConsistencyProof(6, 8) == consistency6to8));
  BOOST_TEST(VerifyConsistency(6, 8, Digest(kRoots[5]), Digest(kRoots[7]), consistency6to8));
  BOOST_TEST(!VerifyConsistency(6, 8, Digest(kRoots[4]), Digest(kRoots[7]), consistency6to8));
  const std::vector<Sha256Digest> consistency2to5 = {
      Digest("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
      Digest("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")};
  BOOST_TEST((*t.ConsistencyProof(2, 5) == consistency2to5));
  BOOST_TEST(VerifyConsistency(2, 5, Digest(kRoots[1]), Digest(kRoots[4]), consistency2to5));
}

BOOST_AUTO_TEST_CASE(RootsAndProofsAgreeWithNaiveReferenceUpToSize20) {
  const auto all = Leaves(20);
  MerkleTree t;
  for (const auto& l : all) t.Append(l);
  for (std::uint64_t n = 0; n <= 20; ++n) {
    const std::vector<Sha256Digest> d(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
    const Sha256Digest root = NaiveMth(d);
    BOOST_REQUIRE(t.RootAt(n).Ok());
    BOOST_TEST((*t.RootAt(n) == root), "root " << n);
    for (std::uint64_t m = 0; m < n; ++m) {
      auto proof = t.InclusionProof(m, n);
      BOOST_REQUIRE(proof.Ok());
      BOOST_TEST((*proof == NaivePath(m, d)), "inclusion " << m << "/" << n);
      BOOST_TEST(VerifyInclusion(m, n, d[m], *proof, root), "verify inclusion " << m << "/" << n);
    }
    for (std::uint64_t m = 1; m <= n; ++m) {
      const std::vector<Sha256Digest> first(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(m));
      auto proof = t.ConsistencyProof(m, n);
      BOOST_REQUIRE(proof.Ok());
      const auto expected = m == n ? std::vector<Sha256Digest>{} : NaiveSubproof(m, d, true);
      BOOST_TEST((*proof == expected), "consistency " << m << "/" << n);
      BOOST_TEST(VerifyConsistency(m, n, NaiveMth(first), root, *proof), "verify consistency " << m << "/" << n);
    }
  }
}

BOOST_AUTO_TEST_CASE(VerificationRejectsAlteredProofsRootsAndIndexes) {
  const auto all = Leaves(20);
  MerkleTree t;
  for (const auto& l : all) t.Append(l);
  for (std::uint64_t n = 2; n <= 20; ++n) {
    const Sha256Digest root = *t.RootAt(n);
    for (std::uint64_t m = 0; m < n; ++m) {
      const auto proof = *t.InclusionProof(m, n);
      for (std::size_t i = 0; i < proof.size(); ++i) {
        auto bad = proof;
        bad[i][0] ^= 1;
        BOOST_TEST(!VerifyInclusion(m, n, all[m], bad, root));
      }
      auto longer = proof;
      longer.push_back(root);
      BOOST_TEST(!VerifyInclusion(m, n, all[m], longer, root));
      BOOST_TEST(!VerifyInclusion(m, n, all[(m + 1) % n], proof, root));
      BOOST_TEST(!VerifyInclusion(n, n, all[m], proof, root));
    }
    for (std::uint64_t m = 1; m < n; ++m) {
      const auto proof = *t.ConsistencyProof(m, n);
      const Sha256Digest first = *t.RootAt(m);
      for (std::size_t i = 0; i < proof.size(); ++i) {
        auto bad = proof;
        bad[i][31] ^= 0x80;
        BOOST_TEST(!VerifyConsistency(m, n, first, root, bad));
      }
      BOOST_TEST(!VerifyConsistency(m, n, *t.RootAt(m - 1), root, proof));
      BOOST_TEST(!VerifyConsistency(m, n, first, root, {}));
    }
  }
}

BOOST_AUTO_TEST_CASE(TrivialConsistencyCasesFollowTheirDefinition) {
  const auto a = LeafHash("a"), b = LeafHash("b");
  BOOST_TEST(VerifyConsistency(0, 5, EmptyRoot(), a, {}));
  BOOST_TEST(!VerifyConsistency(0, 5, EmptyRoot(), a, {b}));
  BOOST_TEST(VerifyConsistency(3, 3, a, a, {}));
  BOOST_TEST(!VerifyConsistency(3, 3, a, b, {}));
  BOOST_TEST(!VerifyConsistency(4, 3, a, a, {}));
  BOOST_TEST(ConsistencyProofFromSubtrees(0, 7, [](unsigned, std::uint64_t) { return Sha256Digest{}; }).empty());
}

BOOST_AUTO_TEST_CASE(CompactRangeRootAndCompletedNodesMatchTheFullTree) {
  const auto all = Leaves(70);
  MerkleTree t;
  CompactRange r;
  BOOST_TEST((r.Root() == EmptyRoot()));
  for (const auto& l : all) {
    std::vector<SubtreeNode> completed;
    r.Append(l, &completed);
    t.Append(l);
    BOOST_TEST(r.Size() == t.Size());
    BOOST_TEST((r.Root() == *t.RootAt(t.Size())), "size " << r.Size());
    // The nodes an append completes are exactly the new perfect subtrees ending at this leaf.
    const std::uint64_t size = r.Size();
    std::size_t expected = 0;
    for (unsigned level = 1; (size % (std::uint64_t{1} << level)) == 0; ++level) ++expected;
    BOOST_REQUIRE_EQUAL(completed.size(), expected);
    for (const auto& node : completed) {
      BOOST_TEST(((node.index + 1) << node.level) == size);
      BOOST_TEST((node.hash == t.Subtree(node.level, node.index)));
    }
  }
}

BOOST_AUTO_TEST_CASE(CompactRangeRebuiltFromPeaksContinuesIdentically) {
  const auto all = Leaves(45);
  CompactRange a;
  for (std::size_t i = 0; i < 29; ++i) a.Append(all[i]);
  auto b = CompactRange::FromPeaks(a.Size(), a.Peaks());
  BOOST_REQUIRE(b.Ok());
  for (std::size_t i = 29; i < all.size(); ++i) {
    a.Append(all[i]);
    b->Append(all[i]);
  }
  BOOST_TEST((a.Root() == b->Root()));
  BOOST_TEST(!CompactRange::FromPeaks(29, {all[0]}).Ok());
}

BOOST_AUTO_TEST_CASE(ProofsForAMillionLeavesNeedOnlyLogarithmicSubtreeLookups) {
  // RootFromSubtrees must not walk the leaves: count the lookups for a large tree.
  const std::uint64_t n = 1'000'003;
  std::size_t calls = 0;
  auto source = [&](unsigned level, std::uint64_t index) {
    ++calls;
    Sha256Digest d{};
    d[0] = static_cast<std::uint8_t>(level);
    d[1] = static_cast<std::uint8_t>(index);
    return d;
  };
  (void)RootFromSubtrees(n, source);
  BOOST_TEST(calls <= 64u);
  calls = 0;
  BOOST_TEST(InclusionProofFromSubtrees(123'456, n, source).size() <= 64u);
  BOOST_TEST(calls <= 64u * 2);
  calls = 0;
  BOOST_TEST(!ConsistencyProofFromSubtrees(500'000, n, source).empty());
  BOOST_TEST(calls <= 64u * 2);
}

BOOST_AUTO_TEST_SUITE_END()
