// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the canonical JSON writer over nlohmann::json, used only inside core/audit.
#pragma once

#include "platedesk/common/Result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace platedesk::audit::detail {

/// Largest integer magnitude allowed in a record (I-JSON / IEEE double exact range).
inline constexpr std::int64_t kMaxSafeInteger = (std::int64_t{1} << 53) - 1;

/// Appends the canonical form of value to out (see CanonicalJson.h for the rules).
/// Errors: InvalidArgument (a float, an integer out of range, invalid UTF-8).
[[nodiscard]] Status WriteCanonical(const nlohmann::json& value, std::string& out);

/// The canonical form of value.
[[nodiscard]] Result<std::string> ToCanonical(const nlohmann::json& value);

/// Parses JSON text without exceptions; refuses duplicate object keys when asked (the verifier
/// does not need to: a duplicate never survives re-serialisation). Errors: InvalidArgument.
[[nodiscard]] Result<nlohmann::json> ParseJson(std::string_view text, bool refuseDuplicateKeys);

}  // namespace platedesk::audit::detail
