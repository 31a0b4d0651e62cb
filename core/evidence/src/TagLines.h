// SPDX-License-Identifier: GPL-3.0-or-later
// Private: line splitting shared by the bag parsers.
#pragma once

#include <string_view>
#include <vector>

namespace platedesk::evidence::detail {

/// Lines of text ending in LF, CRLF or CR (a last line without an ending is kept).
[[nodiscard]] std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace platedesk::evidence::detail
