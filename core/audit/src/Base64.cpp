// SPDX-License-Identifier: GPL-3.0-or-later
#include "Base64.h"

#include "platedesk/common/Hash.h"

#include <sodium.h>

namespace platedesk::audit::detail {

bool SodiumReady() {
  static const bool kReady = sodium_init() >= 0;
  return kReady;
}

std::string Base64Encode(std::string_view bytes) { return platedesk::Base64Encode(bytes); }

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  std::size_t binLen = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &binLen, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  if (end != text.data() + text.size()) return std::nullopt;
  out.resize(binLen);
  // Reject non-canonical encodings (stray bits in the last symbol) so one key or signature has
  // exactly one text form.
  if (Base64Encode(out) != text) return std::nullopt;
  return out;
}

}  // namespace platedesk::audit::detail
