// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/workstation/MisreadPreview.h"

#include "platedesk/plate/Plate.h"
#include "platedesk/search/OcrConfusions.h"
#include "platedesk/search/PlatePattern.h"

#include <algorithm>
#include <bit>
#include <set>

namespace platedesk::workstation {
namespace {

using search::CharMask;
using search::PatternToken;

CharMask Bit(char c) { return CharMask{1} << search::CharCode(c); }

// Fewest edits that turn plate into a string the tokens accept (the engine's semantics: '*' takes
// any run for free, every other token one character from its mask).
int Distance(const std::vector<PatternToken>& tokens, std::string_view plate) {
  const std::size_t m = tokens.size();
  std::vector<int> row(m + 1), next(m + 1);
  row[0] = 0;
  for (std::size_t j = 1; j <= m; ++j) row[j] = row[j - 1] + (tokens[j - 1].star ? 0 : 1);
  for (char c : plate) {
    next[0] = row[0] + 1;
    for (std::size_t j = 1; j <= m; ++j) {
      const PatternToken& t = tokens[j - 1];
      if (t.star) {
        next[j] = std::min(next[j - 1], row[j]);
      } else {
        const int match = row[j - 1] + ((t.chars & Bit(c)) != 0 ? 0 : 1);
        next[j] = std::min({match, row[j] + 1, next[j - 1] + 1});
      }
    }
    std::swap(row, next);
  }
  return row[m];
}

// The characters of a mask in code order (0-9, then A-Z).
std::string Chars(CharMask mask) {
  std::string out;
  for (int code = 1; code <= 36; ++code)
    if ((mask >> code) & 1U) out += search::CodeChar(code);
  return out;
}

}  // namespace

Result<MisreadPreview> PreviewMisreads(std::string_view pattern, bool ocrTolerant, int maxEdits, std::size_t max) {
  if (maxEdits < 0 || maxEdits > 2) return Fail(ErrorCode::InvalidArgument, "edits must be 0, 1 or 2");
  MisreadPreview preview;
  if (pattern.find_first_not_of(" -.") == std::string_view::npos) return preview;
  auto parsed = search::PlatePattern::Parse(pattern);
  if (!parsed) return parsed.Err();
  if (parsed->MatchesEverything()) return preview;
  const std::vector<PatternToken>& exact = parsed->Tokens();
  const search::OcrConfusions& ocr = search::OcrConfusions::Default();
  std::vector<PatternToken> tolerant = exact;
  if (ocrTolerant)
    for (PatternToken& t : tolerant)
      if (!t.star) t.chars = ocr.ExpandMask(t.chars);

  // A sample the pattern accepts as typed: literals as typed, the first character of a set,
  // 'X' for '?' (it has no OCR partners), nothing for '*'.
  std::vector<int> literalAt;  // sample position -> is a single literal (1) or not (0)
  for (const PatternToken& t : exact) {
    if (t.star) continue;
    const bool any = t.chars == search::kAnyChar;
    preview.sample += any ? 'X' : Chars(t.chars).front();
    literalAt.push_back(std::popcount(t.chars) == 1 ? 1 : 0);
  }
  const std::string& s = preview.sample;
  if (s.empty()) return preview;

  std::set<std::string> seen{s};
  std::vector<MisreadExample> ocrExamples, editExamples;
  auto consider = [&](std::string plate, int ocrPosition, std::vector<MisreadExample>& into) {
    if (plate.empty() || plate.size() > plate::kMaxPlateLength || !seen.insert(plate).second) return;
    if (Distance(exact, plate) == 0) return;  // found as typed: not a misread
    const int edits = Distance(tolerant, plate);
    if (edits > maxEdits) return;
    into.push_back({std::move(plate), edits == 0 ? ocrPosition : -1, edits});
  };

  // OCR: one confusable character at a time, the first partner of each position before the
  // second partner of any, so the examples spread over the plate.
  if (ocrTolerant) {
    for (std::size_t round = 0; round < 3; ++round)
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (!literalAt[i]) continue;
        const std::string partners = Chars(ocr.Expand(search::CharCode(s[i])) & ~Bit(s[i]));
        if (round >= partners.size()) continue;
        std::string v = s;
        v[i] = partners[round];
        consider(std::move(v), static_cast<int>(i), ocrExamples);
      }
  }
  if (maxEdits >= 1) {
    // A character dropped (from the end: cameras miss the last characters most), a character
    // that looks nothing alike, one added.
    for (std::size_t k = s.size() + 1; k-- > 1 && editExamples.empty();) {
      // positions size-2, size-3, ..., 0, then the last one
      const std::size_t at = k >= 2 ? k - 2 : s.size() - 1;
      std::string v = s;
      v.erase(at, 1);
      consider(std::move(v), -1, editExamples);
    }
    for (std::size_t i = s.size(); i-- > 0;) {
      std::string v = s;
      v[i] = s[i] == 'W' ? 'K' : 'W';
      consider(std::move(v), -1, editExamples);
      if (editExamples.size() >= 2) break;
    }
    consider(s + "7", -1, editExamples);
    consider(s.substr(1), -1, editExamples);
  }
  if (maxEdits >= 2 && s.size() >= 3) {
    std::string swapped = s;
    std::swap(swapped[1], swapped[2]);
    consider(std::move(swapped), -1, editExamples);
    consider(s.substr(0, s.size() - 2), -1, editExamples);
  }

  // Up to half OCR examples (when there are edits to show too), then the edits.
  const std::size_t ocrShare = editExamples.empty() ? max : std::max<std::size_t>(1, max / 2);
  for (std::size_t i = 0; i < ocrExamples.size() && preview.examples.size() < ocrShare; ++i)
    preview.examples.push_back(ocrExamples[i]);
  for (std::size_t i = 0; i < editExamples.size() && preview.examples.size() < max; ++i)
    preview.examples.push_back(editExamples[i]);
  for (std::size_t i = ocrShare; i < ocrExamples.size() && preview.examples.size() < max; ++i)
    preview.examples.push_back(ocrExamples[i]);
  return preview;
}

}  // namespace platedesk::workstation
