// SPDX-License-Identifier: GPL-3.0-or-later
// Private: standard base64 (RFC 4648 §4, with padding) over libsodium, used only inside core/audit.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platedesk::audit::detail {

/// Standard base64 with padding.
[[nodiscard]] std::string Base64Encode(std::string_view bytes);

/// Decodes standard base64 with padding; nullopt unless the whole input is canonical base64.
[[nodiscard]] std::optional<std::string> Base64Decode(std::string_view text);

/// Initialises libsodium once; false if it cannot (then nothing here may be used).
[[nodiscard]] bool SodiumReady();

}  // namespace platedesk::audit::detail
