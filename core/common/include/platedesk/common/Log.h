// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace platedesk {

enum class LogLevel { Debug, Info, Warning, Error };

/// Writes one line to the technical log (stderr, or the file set with SetLogFile). Thread-safe.
/// Never put plate data in the log: it is not an audited channel.
void Log(LogLevel level, std::string_view message);

/// Only messages at or above this level are written (default Warning; PLATEDESK_LOG=debug|info).
void SetLogLevel(LogLevel level);

}  // namespace platedesk
