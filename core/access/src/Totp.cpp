// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Totp.h"

#include "platedesk/common/Hash.h"

#include <array>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace platedesk::access {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string UriEscape(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=' || ch == ' ' || ch == '-') continue;
    int v = -1;
    if (ch >= 'A' && ch <= 'Z')
      v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      v = ch - 'a';
    else if (ch >= '2' && ch <= '7')
      v = ch - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

std::string Totp::NewSecret() {
  std::string raw(20, '\0');
  RandomBytes(raw.data(), raw.size());
  return Base32Encode(raw);
}

Result<std::string> Totp::CodeAt(std::string_view base32Secret, std::int64_t step, int digits) {
  const auto key = Base32Decode(base32Secret);
  if (!key || key->empty()) return Fail(ErrorCode::InvalidArgument, "the TOTP secret is not valid base32");
  std::array<unsigned char, 8> counter{};
  auto s = static_cast<std::uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(s & 0xFF);
    s >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int macLen = 0;
  if (HMAC(EVP_sha1(), key->data(), static_cast<int>(key->size()), counter.data(), counter.size(), mac, &macLen) ==
          nullptr ||
      macLen < 20)
    return Fail(ErrorCode::Internal, "HMAC-SHA1 failed");
  const unsigned offset = mac[macLen - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(binary % mod);
  if (static_cast<int>(code.size()) < digits) code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

Result<std::int64_t> Totp::Verify(std::string_view base32Secret, std::string_view code, UtcMs now,
                                  std::int64_t lastAcceptedStep) {
  const std::int64_t current = StepAt(now);
  bool replay = false;
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    auto expected = CodeAt(base32Secret, step);
    if (!expected) return expected.Err();
    if (ConstantTimeEqual(*expected, code)) {
      if (step <= lastAcceptedStep) {
        replay = true;
        continue;
      }
      return step;
    }
  }
  if (replay) return Fail(ErrorCode::Unauthenticated, "this one-time code was already used; wait for the next one");
  return Fail(ErrorCode::Unauthenticated, "wrong or expired one-time code");
}

std::string Totp::Uri(std::string_view issuer, std::string_view account, std::string_view base32Secret) {
  return "otpauth://totp/" + UriEscape(issuer) + ":" + UriEscape(account) + "?secret=" + std::string(base32Secret) +
         "&issuer=" + UriEscape(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace platedesk::access
