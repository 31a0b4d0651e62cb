// SPDX-License-Identifier: GPL-3.0-or-later
#include "Json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace platedesk::ingest::json {

// A hand-written parser rather than nlohmann::json: importing 20,000+ records a second needs a
// parser that does not allocate a node per value (nlohmann's DOM managed ~21,000 3.4 KB records
// a second on its own on the target machine). Its acceptance is checked against nlohmann's by
// the fuzz target (tests/fuzz/ImportFuzz.cpp).
class Document::Parser {
 public:
  Parser(Document& doc, std::string_view text, const Limits& limits, ParseError& error)
      : mDoc(doc), mText(text), mLimits(limits), mError(error) {}

  bool Run() {
    SkipSpace();
    if (!ParseValue(0)) return false;
    SkipSpace();
    if (mPos != mText.size()) return Fail("unexpected content after the JSON value");
    return true;
  }

 private:
  bool Fail(std::string message, std::size_t at) {
    mError.offset = at;
    mError.message = std::move(message);
    return false;
  }
  bool Fail(std::string message) { return Fail(std::move(message), mPos); }

  static std::string Describe(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", u);
    return buf;
  }

  void SkipSpace() {
    while (mPos < mText.size()) {
      const char c = mText[mPos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++mPos;
    }
  }

  std::uint32_t NewNode(Type type) {
    mDoc.mNodes.emplace_back();
    mDoc.mNodes.back().type = type;
    return static_cast<std::uint32_t>(mDoc.mNodes.size() - 1);
  }

  bool CheckBudget() {
    if (mDoc.mNodes.size() >= mLimits.maxValues) return Fail("too many values in one record");
    return true;
  }

  bool ParseValue(std::size_t depth) {
    if (mPos >= mText.size()) return Fail("unexpected end of input; expected a value");
    if (!CheckBudget()) return false;
    const char c = mText[mPos];
    switch (c) {
      case '{':
        return ParseObject(depth);
      case '[':
        return ParseArray(depth);
      case '"': {
        const std::uint32_t n = NewNode(Type::String);
        std::string_view s;
        if (!ParseString(s)) return false;
        mDoc.mNodes[n].text = s;
        mDoc.mNodes[n].end = n + 1;
        return true;
      }
      case 't':
        return ParseLiteral("true", Type::Bool, true);
      case 'f':
        return ParseLiteral("false", Type::Bool, false);
      case 'n':
        return ParseLiteral("null", Type::Null, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
        return Fail("unexpected character " + Describe(c) + "; expected a value");
    }
  }

  bool ParseLiteral(std::string_view word, Type type, bool flag) {
    if (mText.substr(mPos, word.size()) != word) return Fail("invalid literal; expected " + std::string(word));
    mPos += word.size();
    const std::uint32_t n = NewNode(type);
    mDoc.mNodes[n].flag = flag;
    mDoc.mNodes[n].end = n + 1;
    return true;
  }

  bool ParseNumber() {
    const std::size_t start = mPos;
    auto digit = [&](std::size_t p) { return p < mText.size() && mText[p] >= '0' && mText[p] <= '9'; };
    std::size_t p = mPos;
    bool integer = true;
    if (mText[p] == '-') ++p;
    if (!digit(p)) return Fail("invalid number: expected a digit", p);
    if (mText[p] == '0') {
      ++p;
      if (digit(p)) return Fail("invalid number: leading zero", p);
    } else {
      while (digit(p)) ++p;
    }
    if (p < mText.size() && mText[p] == '.') {
      integer = false;
      ++p;
      if (!digit(p)) return Fail("invalid number: expected a digit after '.'", p);
      while (digit(p)) ++p;
    }
    if (p < mText.size() && (mText[p] == 'e' || mText[p] == 'E')) {
      integer = false;
      ++p;
      if (p < mText.size() && (mText[p] == '+' || mText[p] == '-')) ++p;
      if (!digit(p)) return Fail("invalid number: expected a digit in the exponent", p);
      while (digit(p)) ++p;
    }
    double value = 0;
    const char* first = mText.data() + start;
    const char* last = mText.data() + p;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (ec == std::errc::result_out_of_range) {
      // Underflow (1e-400) reads as zero, like strtod; overflow is refused.
      if (!IsUnderflow(std::string_view(first, static_cast<std::size_t>(last - first))))
        return Fail("number out of range", start);
      value = 0;
    } else if (ec != std::errc() || ptr != last || !std::isfinite(value)) {
      return Fail("invalid number", start);
    }
    const std::uint32_t n = NewNode(Type::Number);
    Node& node = mDoc.mNodes[n];
    node.number = value;
    node.flag = integer;
    node.text = std::string_view(first, static_cast<std::size_t>(last - first));
    node.end = n + 1;
    mPos = p;
    return true;
  }

  // Decides whether an out-of-range decimal is too small (not too large): estimates the decimal
  // exponent of its first significant digit.
  static bool IsUnderflow(std::string_view t) {
    std::size_t i = 0;
    if (i < t.size() && t[i] == '-') ++i;
    long long intDigits = 0;
    long long leadingFractionZeros = 0;
    bool significant = false;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
      if (t[i] != '0') significant = true;
      if (significant) ++intDigits;
    }
    if (i < t.size() && t[i] == '.') {
      ++i;
      for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
        if (!significant && t[i] == '0')
          ++leadingFractionZeros;
        else
          significant = true;
      }
    }
    if (!significant) return true;
    long long exponent = 0;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      ++i;
      bool negative = false;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
      for (; i < t.size(); ++i) {
        exponent = std::min<long long>(exponent * 10 + (t[i] - '0'), 1000000000LL);
      }
      if (negative) exponent = -exponent;
    }
    const long long magnitude = (intDigits > 0 ? intDigits - 1 : -(leadingFractionZeros + 1)) + exponent;
    return magnitude < 0;
  }

  // Validates one UTF-8 sequence starting at p (a byte >= 0x80); returns its length or 0.
  std::size_t Utf8Length(std::size_t p) const {
    const auto c = static_cast<unsigned char>(mText[p]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else
      return 0;
    if (p + n >= mText.size()) return 0;
    for (std::size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(mText[p + k]);
      if ((cc & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    return n + 1;
  }

  bool ReadHex4(std::size_t p, std::uint32_t& out) {
    if (p + 4 > mText.size()) return Fail("unterminated \\u escape", p);
    out = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char h = mText[p + k];
      out <<= 4;
      if (h >= '0' && h <= '9')
        out |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        out |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        out |= static_cast<std::uint32_t>(h - 'A' + 10);
      else
        return Fail("invalid \\u escape: expected 4 hex digits", p + k);
    }
    return true;
  }

  static void AppendUtf8(std::string& s, std::uint32_t cp) {
    if (cp < 0x80) {
      s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  // mPos is at the opening quote. On success out views the decoded value.
  bool ParseString(std::string_view& out) {
    const std::size_t open = mPos;
    std::size_t p = mPos + 1;
    const std::size_t start = p;
    // Fast path: no escapes.
    while (p < mText.size()) {
      const auto c = static_cast<unsigned char>(mText[p]);
      if (c == '"') {
        out = mText.substr(start, p - start);
        mPos = p + 1;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return Fail("control character " + Describe(static_cast<char>(c)) + " in string", p);
      if (c < 0x80) {
        ++p;
        continue;
      }
      const std::size_t n = Utf8Length(p);
      if (n == 0) return Fail("invalid UTF-8 in string", p);
      p += n;
    }
    if (p >= mText.size()) return Fail("unterminated string", open);
    // Slow path: decode escapes into an owned string.
    std::string& s = mDoc.mOwned.emplace_back(mText.substr(start, p - start));
    while (p < mText.size()) {
      const auto c = static_cast<unsigned char>(mText[p]);
      if (c == '"') {
        out = s;
        mPos = p + 1;
        return true;
      }
      if (c < 0x20) return Fail("control character " + Describe(static_cast<char>(c)) + " in string", p);
      if (c >= 0x80) {
        const std::size_t n = Utf8Length(p);
        if (n == 0) return Fail("invalid UTF-8 in string", p);
        s.append(mText.substr(p, n));
        p += n;
        continue;
      }
      if (c != '\\') {
        s.push_back(static_cast<char>(c));
        ++p;
        continue;
      }
      if (p + 1 >= mText.size()) break;
      const char e = mText[p + 1];
      switch (e) {
        case '"':
          s.push_back('"');
          break;
        case '\\':
          s.push_back('\\');
          break;
        case '/':
          s.push_back('/');
          break;
        case 'b':
          s.push_back('\b');
          break;
        case 'f':
          s.push_back('\f');
          break;
        case 'n':
          s.push_back('\n');
          break;
        case 'r':
          s.push_back('\r');
          break;
        case 't':
          s.push_back('\t');
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!ReadHex4(p + 2, cp)) return false;
          p += 6;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return Fail("invalid \\u escape: lone low surrogate", p - 6);
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (p + 1 >= mText.size() || mText[p] != '\\' || mText[p + 1] != 'u')
              return Fail("invalid \\u escape: high surrogate without a low surrogate", p - 6);
            std::uint32_t lo = 0;
            if (!ReadHex4(p + 2, lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF)
              return Fail("invalid \\u escape: high surrogate without a low surrogate", p);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            p += 6;
          }
          AppendUtf8(s, cp);
          continue;
        }
        default:
          return Fail("invalid escape '\\" + std::string(1, e) + "' in string", p);
      }
      p += 2;
    }
    return Fail("unterminated string", open);
  }

  bool ParseArray(std::size_t depth) {
    if (depth >= mLimits.maxDepth) return Fail("nesting deeper than " + std::to_string(mLimits.maxDepth) + " levels");
    const std::uint32_t n = NewNode(Type::Array);
    ++mPos;
    SkipSpace();
    std::uint32_t count = 0;
    if (mPos < mText.size() && mText[mPos] == ']') {
      ++mPos;
    } else {
      while (true) {
        if (!ParseValue(depth + 1)) return false;
        ++count;
        SkipSpace();
        if (mPos >= mText.size()) return Fail("unexpected end of input; expected ',' or ']'");
        if (mText[mPos] == ',') {
          ++mPos;
          SkipSpace();
          continue;
        }
        if (mText[mPos] == ']') {
          ++mPos;
          break;
        }
        return Fail("unexpected character " + Describe(mText[mPos]) + "; expected ',' or ']'");
      }
    }
    mDoc.mNodes[n].count = count;
    mDoc.mNodes[n].end = static_cast<std::uint32_t>(mDoc.mNodes.size());
    return true;
  }

  bool ParseObject(std::size_t depth) {
    if (depth >= mLimits.maxDepth) return Fail("nesting deeper than " + std::to_string(mLimits.maxDepth) + " levels");
    const std::uint32_t n = NewNode(Type::Object);
    const std::size_t open = mPos;
    ++mPos;
    SkipSpace();
    std::uint32_t count = 0;
    if (mPos < mText.size() && mText[mPos] == '}') {
      ++mPos;
    } else {
      while (true) {
        if (mPos >= mText.size()) return Fail("unexpected end of input; expected a key");
        if (mText[mPos] != '"') return Fail("unexpected character " + Describe(mText[mPos]) + "; expected a key");
        if (!CheckBudget()) return false;
        const std::uint32_t k = NewNode(Type::String);
        std::string_view key;
        if (!ParseString(key)) return false;
        mDoc.mNodes[k].text = key;
        mDoc.mNodes[k].end = k + 1;
        SkipSpace();
        if (mPos >= mText.size() || mText[mPos] != ':')
          return Fail(mPos >= mText.size() ? "unexpected end of input; expected ':'" : "expected ':' after a key");
        ++mPos;
        SkipSpace();
        if (!ParseValue(depth + 1)) return false;
        ++count;
        SkipSpace();
        if (mPos >= mText.size()) return Fail("unexpected end of input; expected ',' or '}'");
        if (mText[mPos] == ',') {
          ++mPos;
          SkipSpace();
          continue;
        }
        if (mText[mPos] == '}') {
          ++mPos;
          break;
        }
        return Fail("unexpected character " + Describe(mText[mPos]) + "; expected ',' or '}'");
      }
    }
    mDoc.mNodes[n].count = count;
    mDoc.mNodes[n].end = static_cast<std::uint32_t>(mDoc.mNodes.size());
    return CheckDuplicateKeys(n, open);
  }

  // Two members with one key are ambiguous (parsers disagree on which wins): refuse them.
  bool CheckDuplicateKeys(std::uint32_t object, std::size_t open) {
    const auto& nodes = mDoc.mNodes;
    const std::uint32_t count = nodes[object].count;
    if (count < 2) return true;
    if (count <= 8) {
      for (std::uint32_t a = object + 1; a < nodes[object].end; a = nodes[a + 1].end)
        for (std::uint32_t b = nodes[a + 1].end; b < nodes[object].end; b = nodes[b + 1].end)
          if (nodes[a].text == nodes[b].text)
            return Fail("duplicate key \"" + Printable(nodes[a].text) + "\" in object", open);
      return true;
    }
    // Larger objects: sort (hash, key index) pairs and compare keys only where hashes collide.
    mKeyHashes.clear();
    for (std::uint32_t i = object + 1; i < nodes[object].end; i = nodes[i + 1].end) {
      std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
      for (char c : nodes[i].text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
      mKeyHashes.emplace_back(h, i);
    }
    std::sort(mKeyHashes.begin(), mKeyHashes.end());
    for (std::size_t k = 1; k < mKeyHashes.size(); ++k) {
      for (std::size_t j = k; j > 0 && mKeyHashes[j - 1].first == mKeyHashes[k].first; --j) {
        const std::string_view key = nodes[mKeyHashes[k].second].text;
        if (nodes[mKeyHashes[j - 1].second].text == key)
          return Fail("duplicate key \"" + Printable(key) + "\" in object", open);
      }
    }
    return true;
  }

  static std::string Printable(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 40)) out.push_back(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f ? c : '?');
    if (s.size() > 40) out += "...";
    return out;
  }

  Document& mDoc;
  std::string_view mText;
  const Limits& mLimits;
  ParseError& mError;
  std::size_t mPos = 0;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> mKeyHashes;
};

bool Document::Parse(std::string_view text, ParseError& error, const Limits& limits) {
  mNodes.clear();
  mOwned.clear();
  // Typical records hold one value per ~12 bytes; reserving avoids regrowth in the hot path.
  mNodes.reserve(std::min<std::size_t>(text.size() / 12 + 16, 4096));
  Parser parser(*this, text, limits, error);
  if (parser.Run()) return true;
  mNodes.clear();
  mOwned.clear();
  return false;
}

Type Value::GetType() const { return mDoc ? mDoc->mNodes[mIndex].type : Type::Null; }
bool Value::IsInteger() const { return IsNumber() && mDoc->mNodes[mIndex].flag; }
bool Value::AsBool() const { return IsBool() && mDoc->mNodes[mIndex].flag; }
double Value::AsNumber() const { return IsNumber() ? mDoc->mNodes[mIndex].number : 0.0; }
std::string_view Value::NumberText() const { return IsNumber() ? mDoc->mNodes[mIndex].text : std::string_view(); }
std::string_view Value::AsString() const { return IsString() ? mDoc->mNodes[mIndex].text : std::string_view(); }
std::size_t Value::Size() const { return (IsArray() || IsObject()) ? mDoc->mNodes[mIndex].count : 0; }

std::optional<Value> Value::Find(std::string_view key) const {
  if (!IsObject()) return std::nullopt;
  const auto& nodes = mDoc->mNodes;
  const std::uint32_t end = nodes[mIndex].end;
  for (std::uint32_t i = mIndex + 1; i < end; i = nodes[i + 1].end) {
    const std::string_view k = nodes[i].text;
    if (k.size() == key.size() && (key.empty() || (k[0] == key[0] && std::memcmp(k.data(), key.data(), k.size()) == 0)))
      return Value(mDoc, i + 1);
  }
  return std::nullopt;
}

std::optional<Value> Value::At(std::size_t i) const {
  if (!IsArray()) return std::nullopt;
  std::size_t k = 0;
  for (Value v : *this) {
    if (k++ == i) return v;
  }
  return std::nullopt;
}

Value::Iterator Value::begin() const {
  if (!IsArray() && !IsObject()) return end();
  return Iterator(mDoc, mIndex + 1, IsObject());
}
Value::Iterator Value::end() const {
  if (!IsArray() && !IsObject()) return Iterator(mDoc, 0, false);
  return Iterator(mDoc, mDoc->mNodes[mIndex].end, IsObject());
}

Value Value::Iterator::operator*() const { return Value(mDoc, mObject ? mIndex + 1 : mIndex); }
std::string_view Value::Iterator::Key() const { return mObject ? mDoc->mNodes[mIndex].text : std::string_view(); }
Value::Iterator& Value::Iterator::operator++() {
  mIndex = mObject ? mDoc->mNodes[mIndex + 1].end : mDoc->mNodes[mIndex].end;
  return *this;
}

TextPosition PositionOf(std::string_view text, std::size_t offset) {
  TextPosition pos;
  offset = std::min(offset, text.size());
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      lineStart = i + 1;
    }
  }
  pos.column = static_cast<std::int64_t>(offset - lineStart) + 1;
  return pos;
}

}  // namespace platedesk::ingest::json
