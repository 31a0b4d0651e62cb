// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace platedesk {

/// ASCII upper-case copy.
[[nodiscard]] std::string ToUpperAscii(std::string_view s);
/// ASCII lower-case copy.
[[nodiscard]] std::string ToLowerAscii(std::string_view s);
/// Copy without leading/trailing ASCII white space.
[[nodiscard]] std::string Trim(std::string_view s);
/// `s` safe inside HTML text and attribute values (& < > " ' as entities).
[[nodiscard]] std::string EscapeHtml(std::string_view s);
/// Splits on a single character; keeps empty fields.
[[nodiscard]] std::vector<std::string> Split(std::string_view s, char sep);
/// True if s is valid UTF-8.
[[nodiscard]] bool IsValidUtf8(std::string_view s);
/// Human-readable byte count ("1.5 MiB").
[[nodiscard]] std::string FormatBytes(std::uint64_t bytes);

}  // namespace platedesk
