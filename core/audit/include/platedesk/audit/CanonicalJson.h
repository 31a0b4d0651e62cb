// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The canonical JSON form of audit records: object keys sorted by UTF-8 bytes, no insignificant
// white space, strings as raw UTF-8 with only '"', '\\' and control characters escaped (\b \t \n
// \f \r, others \u00xx), integers within +/-(2^53 - 1) and no floating-point numbers at all. For
// ASCII keys this equals RFC 8785 (JCS) output for the same values.

#include "platedesk/common/Result.h"

#include <string>
#include <string_view>

namespace platedesk::audit {

/// Parses JSON text and returns its canonical form. Errors: InvalidArgument (not JSON, a float,
/// an integer out of range, invalid UTF-8). Thread-safe.
[[nodiscard]] Result<std::string> CanonicalizeJson(std::string_view jsonText);

}  // namespace platedesk::audit
