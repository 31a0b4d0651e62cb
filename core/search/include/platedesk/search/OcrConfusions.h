// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace platedesk::search {

/// Plate characters as small codes: 0 = end of plate, '0'-'9' = 1..10, 'A'-'Z' = 11..36 (so code
/// order is ASCII order). A set of characters is a 64-bit mask with bit `code` set.
using CharMask = std::uint64_t;
/// Every plate character (A-Z, 0-9).
inline constexpr CharMask kAnyChar = ((CharMask{1} << 37) - 1) & ~CharMask{1};
/// Code of a plate character (A-Z, a-z, 0-9), 0 for anything else.
[[nodiscard]] int CharCode(char c) noexcept;
/// The character for a code 1..36 ('?' otherwise).
[[nodiscard]] char CodeChar(int code) noexcept;

/// The OCR-confusion relation: which plate characters a camera commonly mistakes for each other.
/// Symmetric and deliberately NOT transitive (Z~2 and Z~7 do not make 2~7). Immutable value;
/// thread-safe to share.
class OcrConfusions {
 public:
  /// No confusions at all (OCR tolerance off).
  OcrConfusions();
  /// The shipped table (resources/search/ocr-confusions.txt).
  [[nodiscard]] static const OcrConfusions& Default();
  /// Parses a table: one pair per line ("0 O", "0-O"), '#' comments, blank lines ignored.
  /// Errors: InvalidArgument naming the line.
  [[nodiscard]] static Result<OcrConfusions> Parse(std::string_view text);
  /// Reads and parses a table file (an agency's own). Errors: NotFound, Io, InvalidArgument.
  [[nodiscard]] static Result<OcrConfusions> Load(const std::filesystem::path& file);

  /// True if a and b are the same character or listed as a pair (case-insensitive).
  [[nodiscard]] bool Equivalent(char a, char b) const noexcept;
  /// The characters a literal with this code accepts: itself plus its partners.
  [[nodiscard]] CharMask Expand(int code) const noexcept { return mMasks[static_cast<std::size_t>(code) & 63U]; }
  /// The union of Expand over every character in mask.
  [[nodiscard]] CharMask ExpandMask(CharMask mask) const noexcept;
  /// The pairs as text, one "A B" line each (for display and audit records).
  [[nodiscard]] std::string ToText() const;

 private:
  std::array<CharMask, 64> mMasks{};
};

}  // namespace platedesk::search
