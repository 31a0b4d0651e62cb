// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace platedesk {

/// This machine's host name, as recorded in audit records and CLI token bindings; "unknown-host"
/// where the system gives none. Thread-safe.
[[nodiscard]] std::string HostName();

}  // namespace platedesk
