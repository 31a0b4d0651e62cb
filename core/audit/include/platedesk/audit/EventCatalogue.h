// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The catalogue of audit event types and the record fields each must carry. Append refuses an
// event that lacks one (InvalidArgument) and the verifier fails a stored record that lacks one.

#include <string_view>
#include <vector>

namespace platedesk::audit {

/// One event type: its name, the fields it needs beyond the common ones, and a short description.
/// A name ending in ".*" stands for a family ("dissemination.*" matches "dissemination.approved").
struct EventTypeInfo {
  std::string_view name;
  std::vector<std::string_view> required;
  std::string_view description;
};

/// Fields every record carries: seq, nonce, time, workstation, app_version, user, event, outcome.
[[nodiscard]] const std::vector<std::string_view>& CommonRecordFields();

/// Every optional record field, in record (byte) order of their names.
[[nodiscard]] const std::vector<std::string_view>& OptionalRecordFields();

/// The whole catalogue, in a stable order. Thread-safe (immutable).
[[nodiscard]] const std::vector<EventTypeInfo>& EventCatalogue();

/// The catalogue entry for a concrete event type (families matched by prefix), or nullptr.
/// A family member must be "<family>.<name>" with name of [a-z0-9_] characters.
[[nodiscard]] const EventTypeInfo* FindEventType(std::string_view type);

}  // namespace platedesk::audit
