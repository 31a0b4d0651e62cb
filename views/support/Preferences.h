// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace platedesk::views {

/// Small per-user choices of the views (which result columns, in which order): kept by the
/// application in its settings file (never LPR data), in memory in tests. Either may be empty.
struct Preferences {
  std::function<std::optional<std::string>(const std::string& key)> read;
  std::function<void(const std::string& key, const std::string& value)> write;
};

}  // namespace platedesk::views
