// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

namespace platedesk::cli {

/// True when standard input is an interactive terminal.
[[nodiscard]] bool StdinIsTerminal();
/// True when standard error is an interactive terminal (progress uses \r updates then).
[[nodiscard]] bool StderrIsTerminal();

/// Prints prompt on stderr and reads one line from the terminal with echo off.
/// nullopt on end of input. The platform seam (termios / Windows console) lives in Terminal.cpp.
[[nodiscard]] std::optional<std::string> ReadSecret(const std::string& prompt);

/// Reads one line from standard input (without the line end); nullopt on end of input.
[[nodiscard]] std::optional<std::string> ReadStdinLine();

}  // namespace platedesk::cli
