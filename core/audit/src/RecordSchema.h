// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the shape of an audit record, checked at Append and by the verifier.
#pragma once

#include "platedesk/common/Time.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace platedesk::audit::detail {

/// Checks a record object: only known fields, each with its type, the common fields, the event
/// type's mandatory fields and its outcome. Returns a sentence naming the first problem, or
/// nullopt when the record is well-formed. On success sets *time to the record's time.
[[nodiscard]] std::optional<std::string> CheckRecord(const nlohmann::json& record, UtcMs* time);

/// True for exactly "YYYY-MM-DDTHH:MM:SS.mmmZ" that round-trips through FormatIso8601.
[[nodiscard]] bool ParseRecordTime(const std::string& text, UtcMs* time);

}  // namespace platedesk::audit::detail
