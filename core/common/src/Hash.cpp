// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Hash.h"

#include <sodium.h>

#include <stdexcept>

namespace platedesk {
namespace {

void EnsureSodium() {
  static const bool kReady = [] { return sodium_init() >= 0; }();
  if (!kReady) throw std::runtime_error("libsodium failed to initialise");
}

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256Stream state buffer too small");

}  // namespace

Sha256Digest Sha256(std::string_view bytes) {
  EnsureSodium();
  Sha256Digest d{};
  crypto_hash_sha256(d.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return d;
}

std::string Sha256Hex(std::string_view bytes) { return ToHex(Sha256(bytes)); }

std::string ToHex(const std::uint8_t* data, std::size_t size) {
  static const char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

bool IsSha256Hex(std::string_view t) {
  if (t.size() != 64) return false;
  for (char c : t)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Sha256Stream::Sha256Stream() {
  EnsureSodium();
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(mState));
}
Sha256Stream::~Sha256Stream() { sodium_memzero(mState, sizeof mState); }

void Sha256Stream::Update(std::string_view bytes) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(mState),
                            reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

Sha256Digest Sha256Stream::Finish() {
  Sha256Digest d{};
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(mState), d.data());
  return d;
}

void RandomBytes(void* out, std::size_t size) {
  EnsureSodium();
  randombytes_buf(out, size);
}

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  RandomBytes(raw.data(), bytes);
  return ToHex(reinterpret_cast<const std::uint8_t*>(raw.data()), bytes);
}

std::string Base64Encode(std::string_view bytes) {
  const std::size_t len = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), len, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(len - 1);  // drop the terminating NUL
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  EnsureSodium();
  if (text.size() % 4 != 0) return Fail(ErrorCode::InvalidArgument, "base64 text length is not a multiple of 4");
  std::string out(text.size() / 4 * 3, '\0');
  std::size_t size = 0;
  // No characters to ignore and no end pointer: the whole text must be valid base64, and libsodium
  // also refuses non-zero unused bits, so the encoding is canonical.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &size, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return Fail(ErrorCode::InvalidArgument, "not valid base64");
  out.resize(size);
  return out;
}

}  // namespace platedesk
