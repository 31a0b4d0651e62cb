// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/search/OcrConfusions.h"

#include <string>
#include <string_view>
#include <vector>

namespace platedesk::search {

/// One element of a parsed plate pattern.
struct PatternToken {
  bool star = false;   ///< '*': any run of characters, including none
  CharMask chars = 0;  ///< accepted characters (one literal, a '[..]' set, or kAnyChar for '?')
  bool operator==(const PatternToken&) const = default;
};

/// A parsed plate pattern, anchored to the whole plate. Syntax (case-insensitive; ' ', '-' and
/// '.' are ignored outside sets): A-Z 0-9 literals, '?' exactly one character, '*' any run
/// (consecutive stars collapse), '[..]' one of a set with ranges ("[8B]", "[A-F0-3]"; inside a set
/// '-' makes a range and spaces are ignored). Immutable value.
class PlatePattern {
 public:
  /// Parses text. Errors: InvalidArgument with context "position N" (1-based, in text) for an
  /// unclosed '[', an empty set, a bad range (reversed or mixing digits and letters), any other
  /// character, or a pattern with no element at all.
  [[nodiscard]] static Result<PlatePattern> Parse(std::string_view text);

  [[nodiscard]] const std::vector<PatternToken>& Tokens() const noexcept { return mTokens; }
  /// The pattern as the user typed it.
  [[nodiscard]] const std::string& Text() const noexcept { return mText; }
  /// Canonical form ("ABC*", "A[8B]?"), for audit records and tests.
  [[nodiscard]] std::string ToString() const;
  /// True if the pattern accepts every plate ("*").
  [[nodiscard]] bool MatchesEverything() const noexcept;

 private:
  std::string mText;
  std::vector<PatternToken> mTokens;
};

}  // namespace platedesk::search
