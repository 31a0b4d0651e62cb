// SPDX-License-Identifier: GPL-3.0-or-later
#include "Base64.h"

#include <array>
#include <cstdint>

namespace platedesk::ingest {
namespace {

constexpr std::array<std::int8_t, 256> MakeTable() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kTable = MakeTable();

Error Bad(std::size_t index, const std::string& why) {
  return Fail(ErrorCode::InvalidArgument, "invalid base64 at character " + std::to_string(index) + ": " + why);
}

}  // namespace

Result<std::string> DecodeBase64(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int have = 0;         // sextets in acc
  std::size_t pad = 0;  // '=' seen
  std::size_t lastDataIndex = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' || c == '\n') continue;
    if (c == '=') {
      if (have < 2) return Bad(i, "misplaced padding");
      ++pad;
      if (have + static_cast<int>(pad) > 4) return Bad(i, "too much padding");
      continue;
    }
    if (pad > 0) return Bad(i, "data after padding");
    const std::int8_t v = kTable[c];
    if (v < 0) return Bad(i, "character outside the base64 alphabet");
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    lastDataIndex = i;
    if (++have == 4) {
      out.push_back(static_cast<char>((acc >> 16) & 0xFF));
      out.push_back(static_cast<char>((acc >> 8) & 0xFF));
      out.push_back(static_cast<char>(acc & 0xFF));
      acc = 0;
      have = 0;
    }
  }
  if (pad > 0 && have + static_cast<int>(pad) != 4) return Bad(text.size(), "incomplete padding");
  if (have == 1) return Bad(lastDataIndex, "a lone final character (data cut)");
  if (have == 2) {
    if (acc & 0xF) return Bad(lastDataIndex, "the data ends mid-byte (cut or altered)");
    out.push_back(static_cast<char>((acc >> 4) & 0xFF));
  } else if (have == 3) {
    if (acc & 0x3) return Bad(lastDataIndex, "the data ends mid-byte (cut or altered)");
    out.push_back(static_cast<char>((acc >> 10) & 0xFF));
    out.push_back(static_cast<char>((acc >> 2) & 0xFF));
  }
  return out;
}

}  // namespace platedesk::ingest
