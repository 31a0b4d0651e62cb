// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Json.h"

#include "platedesk/ingest/Records.h"

#include <cstdint>
#include <string_view>

namespace platedesk::ingest::detail {

/// ParseJsonRecord for a record that starts on line firstLine of its file (syntax errors name
/// the file's line and column), reusing doc's buffers between records.
ParsedRecord ParseJsonRecordAt(std::string_view bytes, std::int64_t firstLine, const ParseOptions& options,
                               json::Document& doc);

}  // namespace platedesk::ingest::detail
