// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace platedesk {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// SHA-256 of bytes (libsodium). Thread-safe.
[[nodiscard]] Sha256Digest Sha256(std::string_view bytes);

/// Lower-case hex SHA-256 of bytes.
[[nodiscard]] std::string Sha256Hex(std::string_view bytes);

/// Lower-case hex of arbitrary bytes.
[[nodiscard]] std::string ToHex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
[[nodiscard]] std::string ToHex(const std::array<std::uint8_t, N>& a) {
  return ToHex(a.data(), N);
}

/// True if text is exactly 64 lower-case hex characters.
[[nodiscard]] bool IsSha256Hex(std::string_view text);

/// Incremental SHA-256 for large files.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view bytes);
  [[nodiscard]] Sha256Digest Finish();

 private:
  alignas(16) unsigned char mState[128];  // crypto_hash_sha256_state fits in 104 bytes
};

/// Cryptographically secure random bytes (libsodium).
void RandomBytes(void* out, std::size_t size);

/// Random hex string of `bytes` bytes of entropy.
[[nodiscard]] std::string RandomHex(std::size_t bytes);

/// Standard base64 (RFC 4648 alphabet, with padding) of bytes.
[[nodiscard]] std::string Base64Encode(std::string_view bytes);

/// Decodes standard base64 (RFC 4648 alphabet, padding required, no white space, unused bits
/// zero): the exact inverse of Base64Encode, so every byte string has one encoding. Thread-safe.
/// Errors: InvalidArgument (any other character, wrong padding, a length that is not a multiple of 4).
[[nodiscard]] Result<std::string> Base64Decode(std::string_view text);

}  // namespace platedesk
