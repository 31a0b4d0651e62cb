// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <string>
#include <string_view>

namespace platedesk::ingest {

/// Decodes standard base64 (RFC 4648 section 4: A-Z a-z 0-9 + /). Strict: padding '=' is
/// optional but, when present, must be complete and last; CR/LF line breaks are skipped; any
/// other character, a dangling single character, or non-zero unused bits in the last group
/// (the sign of data cut or altered) is an error (InvalidArgument naming the character index).
[[nodiscard]] Result<std::string> DecodeBase64(std::string_view text);

}  // namespace platedesk::ingest
