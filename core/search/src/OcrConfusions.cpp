// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/OcrConfusions.h"

#include "platedesk/common/Files.h"

#include <optional>
#include <string_view>

namespace platedesk::resources::search {
std::optional<std::string_view> Find(std::string_view fileName);
}

namespace platedesk::search {

int CharCode(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0' + 1;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 11;
  if (c >= 'a' && c <= 'z') return c - 'a' + 11;
  return 0;
}

char CodeChar(int code) noexcept {
  if (code >= 1 && code <= 10) return static_cast<char>('0' + code - 1);
  if (code >= 11 && code <= 36) return static_cast<char>('A' + code - 11);
  return '?';
}

OcrConfusions::OcrConfusions() {
  for (int c = 1; c <= 36; ++c) mMasks[static_cast<std::size_t>(c)] = CharMask{1} << c;
}

const OcrConfusions& OcrConfusions::Default() {
  static const OcrConfusions table = [] {
    auto text = resources::search::Find("ocr-confusions.txt");
    if (!text) return OcrConfusions();
    auto parsed = Parse(*text);
    return parsed ? *parsed : OcrConfusions();
  }();
  return table;
}

Result<OcrConfusions> OcrConfusions::Parse(std::string_view text) {
  OcrConfusions table;
  int lineNo = 0;
  while (!text.empty()) {
    ++lineNo;
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    int codes[2] = {0, 0};
    int count = 0;
    for (char c : line) {
      if (c == ' ' || c == '\t' || c == '\r' || c == '-' || c == ',') continue;
      int code = CharCode(c);
      if (code == 0 || count == 2) {
        return Fail(ErrorCode::InvalidArgument, "OCR-confusion table: expected two plate characters per line",
                    "line " + std::to_string(lineNo));
      }
      codes[count++] = code;
    }
    if (count == 0) continue;
    if (count != 2 || codes[0] == codes[1]) {
      return Fail(ErrorCode::InvalidArgument, "OCR-confusion table: expected two different plate characters",
                  "line " + std::to_string(lineNo));
    }
    table.mMasks[static_cast<std::size_t>(codes[0])] |= CharMask{1} << codes[1];
    table.mMasks[static_cast<std::size_t>(codes[1])] |= CharMask{1} << codes[0];
  }
  return table;
}

Result<OcrConfusions> OcrConfusions::Load(const std::filesystem::path& file) {
  auto bytes = ReadFile(file);
  if (!bytes) return bytes.Err();
  return Parse(*bytes);
}

bool OcrConfusions::Equivalent(char a, char b) const noexcept {
  int ca = CharCode(a);
  int cb = CharCode(b);
  if (ca == 0 || cb == 0) return false;
  return ((Expand(ca) >> cb) & 1U) != 0;
}

CharMask OcrConfusions::ExpandMask(CharMask mask) const noexcept {
  CharMask out = 0;
  for (int c = 1; c <= 36; ++c) {
    if ((mask >> c) & 1U) out |= mMasks[static_cast<std::size_t>(c)];
  }
  return out;
}

std::string OcrConfusions::ToText() const {
  std::string out;
  for (int a = 1; a <= 36; ++a) {
    for (int b = a + 1; b <= 36; ++b) {
      if ((mMasks[static_cast<std::size_t>(a)] >> b) & 1U) {
        out += CodeChar(a);
        out += ' ';
        out += CodeChar(b);
        out += '\n';
      }
    }
  }
  return out;
}

}  // namespace platedesk::search
