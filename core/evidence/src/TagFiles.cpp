// SPDX-License-Identifier: GPL-3.0-or-later
// The parsers of bag text files. They see hostile input (a package from anywhere): bounded work,
// no recursion, every malformed line an InvalidArgument naming it. tests/fuzz/BagFuzz covers them.
#include "TagLines.h"

#include "platedesk/common/Text.h"
#include "platedesk/evidence/Bag.h"

#include <array>
#include <cctype>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

namespace platedesk::evidence {
namespace detail {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

}  // namespace detail

namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string Line(std::size_t n) { return "line " + std::to_string(n); }

std::size_t DigestLength(DigestAlgorithm a) {
  switch (a) {
    case DigestAlgorithm::Md5:
      return 32;
    case DigestAlgorithm::Sha1:
      return 40;
    case DigestAlgorithm::Sha224:
      return 56;
    case DigestAlgorithm::Sha256:
      return 64;
    case DigestAlgorithm::Sha384:
      return 96;
    case DigestAlgorithm::Sha512:
      return 128;
  }
  return 0;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

Result<std::string> DecodeUtf16(std::string_view bytes) {
  bool bigEndian = true;  // RFC 2781: no BOM means big-endian
  std::size_t i = 0;
  if (bytes.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(bytes[0]);
    const auto b1 = static_cast<unsigned char>(bytes[1]);
    if (b0 == 0xFE && b1 == 0xFF) i = 2;
    if (b0 == 0xFF && b1 == 0xFE) {
      bigEndian = false;
      i = 2;
    }
  }
  if ((bytes.size() - i) % 2 != 0) return Fail(ErrorCode::InvalidArgument, "UTF-16 text with an odd number of bytes");
  std::string out;
  auto unit = [&](std::size_t k) {
    const auto a = static_cast<unsigned char>(bytes[k]);
    const auto b = static_cast<unsigned char>(bytes[k + 1]);
    return static_cast<std::uint32_t>(bigEndian ? (a << 8 | b) : (b << 8 | a));
  };
  for (; i < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return Fail(ErrorCode::InvalidArgument, "UTF-16 text ends inside a surrogate pair");
      const std::uint32_t lo = unit(i + 2);
      if (lo < 0xDC00 || lo > 0xDFFF) return Fail(ErrorCode::InvalidArgument, "UTF-16 text with a lone surrogate");
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return Fail(ErrorCode::InvalidArgument, "UTF-16 text with a lone surrogate");
    }
    AppendUtf8(out, u);
  }
  return out;
}

}  // namespace

Result<std::string> DecodeTagText(std::string_view bytes, std::string_view encoding) {
  const std::string enc = ToUpperAscii(Trim(encoding));
  if (enc == "UTF-8" || enc == "UTF8" || enc == "US-ASCII" || enc == "ASCII") {
    std::string_view body = bytes;
    if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // tolerated in tag files
    if (!IsValidUtf8(body)) return Fail(ErrorCode::InvalidArgument, "the text is not valid " + enc);
    if (enc != "UTF-8" && enc != "UTF8")
      for (char c : body)
        if (static_cast<unsigned char>(c) >= 0x80) return Fail(ErrorCode::InvalidArgument, "the text is not ASCII");
    return std::string(body);
  }
  if (enc == "ISO-8859-1" || enc == "LATIN-1" || enc == "LATIN1" || enc == "ISO8859-1") {
    std::string out;
    for (char c : bytes) AppendUtf8(out, static_cast<unsigned char>(c));
    return out;
  }
  if (enc == "UTF-16" || enc == "UTF-16BE" || enc == "UTF-16LE") {
    std::string with = std::string(bytes);
    if (enc == "UTF-16LE" && !(with.size() >= 2 && static_cast<unsigned char>(with[0]) == 0xFF))
      with.insert(0, "\xFF\xFE");
    return DecodeUtf16(with);
  }
  return Fail(ErrorCode::Unsupported, "tag-file character encoding not supported", std::string(encoding));
}

Result<std::vector<TagField>> ParseTagFile(std::string_view text) {
  std::vector<TagField> fields;
  const auto lines = detail::SplitLines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (Trim(line).empty()) continue;
    if (IsBlank(line.front())) {
      if (fields.empty()) return Fail(ErrorCode::InvalidArgument, "a continuation line before any label", Line(i + 1));
      fields.back().value.append(" ").append(Trim(line));
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
      return Fail(ErrorCode::InvalidArgument, "a tag line without 'Label: value'", Line(i + 1));
    std::string label = Trim(line.substr(0, colon));
    if (label.empty()) return Fail(ErrorCode::InvalidArgument, "a tag line with an empty label", Line(i + 1));
    for (char c : label)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
        return Fail(ErrorCode::InvalidArgument, "a control character in a label", Line(i + 1));
    fields.push_back({std::move(label), Trim(line.substr(colon + 1)), i + 1});
  }
  return fields;
}

std::string EncodeManifestPath(std::string_view path) {
  std::string out;
  for (char c : path) {
    if (c == '%')
      out += "%25";
    else if (c == '\n')
      out += "%0A";
    else if (c == '\r')
      out += "%0D";
    else
      out += c;
  }
  return out;
}

Result<std::vector<ManifestEntry>> ParseManifest(std::string_view text, DigestAlgorithm algorithm, bool decodePercent,
                                                 std::vector<std::string>* warnings) {
  std::vector<ManifestEntry> entries;
  const auto lines = detail::SplitLines(text);
  const std::size_t want = DigestLength(algorithm);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (Trim(line).empty()) continue;
    std::size_t end = 0;
    while (end < line.size() && !IsBlank(line[end])) ++end;
    std::string digest = ToLowerAscii(line.substr(0, end));
    if (digest.size() != want)
      return Fail(ErrorCode::InvalidArgument,
                  std::string("a checksum that is not ") + DigestAlgorithmName(algorithm) + " (" +
                      std::to_string(want) + " hex digits)",
                  Line(i + 1));
    for (char c : digest)
      if (HexValue(c) < 0) return Fail(ErrorCode::InvalidArgument, "a checksum that is not hex", Line(i + 1));
    std::size_t p = end;
    while (p < line.size() && IsBlank(line[p])) ++p;
    if (p == end || p >= line.size())
      return Fail(ErrorCode::InvalidArgument, "a manifest line without a path", Line(i + 1));
    std::string_view raw = line.substr(p);
    if (raw.front() == '*' && end + 1 == p) {
      // md5sum's binary-mode marker ("<sum> *<path>"): not BagIt, but the path is clear.
      raw.remove_prefix(1);
      if (warnings) warnings->push_back(Line(i + 1) + ": '*' before the path (written by md5sum-style tools)");
      if (raw.empty() || IsBlank(raw.front()))
        return Fail(ErrorCode::InvalidArgument, "a manifest path that begins with white space", Line(i + 1));
    }
    std::string path;
    if (decodePercent) {
      for (std::size_t k = 0; k < raw.size(); ++k) {
        if (raw[k] == '%' && k + 2 < raw.size()) {
          const std::string hex = ToUpperAscii(raw.substr(k + 1, 2));
          if (hex == "0A") {
            path += '\n';
            k += 2;
            continue;
          }
          if (hex == "0D") {
            path += '\r';
            k += 2;
            continue;
          }
          if (hex == "25") {
            path += '%';
            k += 2;
            continue;
          }
        }
        path += raw[k];
      }
    } else {
      path = std::string(raw);
    }
    if (path.size() > 2 && path.compare(0, 2, "./") == 0) {
      path.erase(0, 2);
      if (warnings) warnings->push_back(Line(i + 1) + ": path written with a leading './'");
    }
    if (path.empty()) return Fail(ErrorCode::InvalidArgument, "a manifest line without a path", Line(i + 1));
    entries.push_back({std::move(digest), std::move(path), i + 1});
  }
  return entries;
}

Status CheckBagPath(std::string_view path, bool portable) {
  const std::string shown(path);
  if (path.empty()) return Fail(ErrorCode::InvalidArgument, "an empty path", shown);
  if (path.front() == '/') return Fail(ErrorCode::InvalidArgument, "an absolute path", shown);
  if (path.find('\\') != std::string_view::npos)
    return Fail(ErrorCode::InvalidArgument, "a backslash in a path (Windows separators are not allowed)", shown);
  if (path.size() >= 2 && path[1] == ':' && std::isalpha(static_cast<unsigned char>(path[0])))
    return Fail(ErrorCode::InvalidArgument, "a drive letter in a path", shown);
  if (path.front() == '~') return Fail(ErrorCode::InvalidArgument, "a home-folder shortcut in a path", shown);
  if (path.find('\0') != std::string_view::npos) return Fail(ErrorCode::InvalidArgument, "a NUL in a path", shown);
  static const std::array<std::string_view, 4> kDevices = {"CON", "PRN", "AUX", "NUL"};
  for (const auto& part : Split(path, '/')) {
    if (part.empty()) return Fail(ErrorCode::InvalidArgument, "an empty component ('//') in a path", shown);
    if (part == "." || part == "..")
      return Fail(ErrorCode::InvalidArgument, "a '.' or '..' component in a path", shown);
    for (char c : part) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F) return Fail(ErrorCode::InvalidArgument, "a control character in a path", shown);
      if (portable && std::string_view("<>:\"|?*").find(c) != std::string_view::npos)
        return Fail(ErrorCode::InvalidArgument, std::string("a character portable media cannot hold ('") + c + "')",
                    shown);
    }
    // Windows reserves device names with any extension ("NUL.txt", "com1.jpg").
    const std::string stem = ToUpperAscii(part.substr(0, part.find('.')));
    const std::string bare = Trim(stem);
    bool reserved = false;
    for (auto d : kDevices) reserved = reserved || bare == d;
    if (bare.size() == 4 && (bare.compare(0, 3, "COM") == 0 || bare.compare(0, 3, "LPT") == 0) && bare[3] >= '1' &&
        bare[3] <= '9')
      reserved = true;
    if (reserved) return Fail(ErrorCode::InvalidArgument, "a Windows reserved device name in a path", shown);
    if (portable && (part.back() == '.' || part.back() == ' '))
      return Fail(ErrorCode::InvalidArgument, "a path component ending in a dot or a space", shown);
  }
  return {};
}

std::string PathCollisionKey(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return ToLowerAscii(utf8);
  std::vector<UChar> wide(utf8.size() + 1);
  int32_t wideLen = 0;
  u_strFromUTF8(wide.data(), static_cast<int32_t>(wide.size()), &wideLen, utf8.data(),
                static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) return ToLowerAscii(utf8);
  std::vector<UChar> folded(static_cast<std::size_t>(wideLen) * 3 + 8);
  const int32_t foldedLen = u_strFoldCase(folded.data(), static_cast<int32_t>(folded.size()), wide.data(), wideLen,
                                          U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) return ToLowerAscii(utf8);
  std::vector<UChar> normal(static_cast<std::size_t>(foldedLen) * 3 + 8);
  const int32_t normalLen =
      unorm2_normalize(nfc, folded.data(), foldedLen, normal.data(), static_cast<int32_t>(normal.size()), &status);
  if (U_FAILURE(status)) return ToLowerAscii(utf8);
  std::string out(static_cast<std::size_t>(normalLen) * 4 + 8, '\0');
  int32_t outLen = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &outLen, normal.data(), normalLen, &status);
  if (U_FAILURE(status)) return ToLowerAscii(utf8);
  out.resize(static_cast<std::size_t>(outLen));
  return out;
}

}  // namespace platedesk::evidence
