// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/PlatePattern.h"

namespace platedesk::search {
namespace {

Error BadPattern(std::string message, std::size_t index) {
  return Fail(ErrorCode::InvalidArgument, std::move(message), "position " + std::to_string(index + 1));
}

bool IsDigit(int code) { return code >= 1 && code <= 10; }

}  // namespace

Result<PlatePattern> PlatePattern::Parse(std::string_view text) {
  PlatePattern pattern;
  pattern.mText = std::string(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '-' || c == '.') continue;
    if (c == '*') {
      if (pattern.mTokens.empty() || !pattern.mTokens.back().star) pattern.mTokens.push_back({true, 0});
      continue;
    }
    if (c == '?') {
      pattern.mTokens.push_back({false, kAnyChar});
      continue;
    }
    if (c == '[') {
      std::size_t open = i;
      CharMask set = 0;
      int previous = 0;  // the last single character, for a following range
      bool closed = false;
      for (++i; i < text.size(); ++i) {
        char s = text[i];
        if (s == ']') {
          closed = true;
          break;
        }
        if (s == ' ') continue;
        if (s == '-') {
          std::size_t dash = i;
          std::size_t j = i + 1;
          while (j < text.size() && text[j] == ' ') ++j;
          int hi = j < text.size() ? CharCode(text[j]) : 0;
          if (previous == 0 || hi == 0) return BadPattern("bad range in set", dash);
          if (IsDigit(previous) != IsDigit(hi) || hi < previous) return BadPattern("bad range in set", dash);
          for (int code = previous; code <= hi; ++code) set |= CharMask{1} << code;
          previous = 0;
          i = j;
          continue;
        }
        int code = CharCode(s);
        if (code == 0) return BadPattern(std::string("invalid character '") + s + "' in set", i);
        set |= CharMask{1} << code;
        previous = code;
      }
      if (!closed) return BadPattern("unclosed '['", open);
      if (set == 0) return BadPattern("empty set", open);
      pattern.mTokens.push_back({false, set});
      continue;
    }
    int code = CharCode(c);
    if (code == 0) return BadPattern(std::string("invalid character '") + c + "'", i);
    pattern.mTokens.push_back({false, CharMask{1} << code});
  }
  if (pattern.mTokens.empty()) return Fail(ErrorCode::InvalidArgument, "empty plate pattern", "position 1");
  return pattern;
}

std::string PlatePattern::ToString() const {
  std::string out;
  for (const auto& token : mTokens) {
    if (token.star) {
      out += '*';
    } else if (token.chars == kAnyChar) {
      out += '?';
    } else if ((token.chars & (token.chars - 1)) == 0) {
      for (int c = 1; c <= 36; ++c) {
        if ((token.chars >> c) & 1U) out += CodeChar(c);
      }
    } else {
      out += '[';
      for (int c = 1; c <= 36; ++c) {
        if ((token.chars >> c) & 1U) out += CodeChar(c);
      }
      out += ']';
    }
  }
  return out;
}

bool PlatePattern::MatchesEverything() const noexcept { return mTokens.size() == 1 && mTokens[0].star; }

}  // namespace platedesk::search
