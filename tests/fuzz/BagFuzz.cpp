// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the BagIt text parsers an evidence package hands the verifier: tag files
// (bag-info.txt), manifests of every algorithm (with and without percent-decoding), the tag-text
// decoders (UTF-8, ISO-8859-1, UTF-16) and the path rules. Checks the invariants the validator
// relies on: parsed manifest digests have the algorithm's length and are lower-case hex, no
// parsed path is empty, a path CheckBagPath accepts never escapes (no "..", not absolute), and
// encoding a decoded path round-trips through the parser.
#include "platedesk/common/Text.h"
#include "platedesk/evidence/Bag.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace platedesk;
using namespace platedesk::evidence;

namespace {

[[noreturn]] void Violation(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz invariant violated: %s %s\n", what, detail.c_str());
  std::abort();
}

void CheckManifest(std::string_view text, DigestAlgorithm alg, bool decode) {
  auto entries = ParseManifest(text, alg, decode);
  if (!entries) {
    if (entries.Err().message.empty()) Violation("manifest error without a message");
    return;
  }
  const std::size_t want = HexDigest(alg, "").size();
  for (const auto& e : *entries) {
    if (e.digest.size() != want) Violation("digest length", e.digest);
    for (char c : e.digest)
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) Violation("digest not lower-case hex", e.digest);
    if (e.path.empty()) Violation("empty path");
    if (CheckBagPath(e.path, false).Ok()) {
      if (e.path.front() == '/') Violation("an absolute path passed CheckBagPath", e.path);
      for (const auto& part : Split(e.path, '/'))
        if (part == ".." || part == "." || part.empty()) Violation("an escaping path passed CheckBagPath", e.path);
      if (decode) {
        // What the writer would emit for this path parses back to the same path.
        auto again = ParseManifest(e.digest + "  " + EncodeManifestPath(e.path) + "\n", alg, true);
        if (!again || again->size() != 1 || (*again)[0].path != e.path) Violation("manifest path round trip", e.path);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto fields = ParseTagFile(text); fields) {
    for (const auto& f : *fields) {
      if (f.label.empty()) Violation("empty label");
      if (f.line == 0) Violation("line 0");
    }
  }
  for (const char* enc : {"UTF-8", "ISO-8859-1", "UTF-16"}) {
    auto decoded = DecodeTagText(text, enc);
    if (decoded && !IsValidUtf8(*decoded)) Violation("decoder produced invalid UTF-8", enc);
    if (decoded) (void)ParseTagFile(*decoded);
  }
  CheckManifest(text, DigestAlgorithm::Sha512, true);
  CheckManifest(text, DigestAlgorithm::Sha256, true);
  CheckManifest(text, DigestAlgorithm::Md5, false);
  (void)CheckBagPath(text, true);
  (void)PathCollisionKey(text);
  return 0;
}
