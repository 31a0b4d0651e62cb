// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/testsupport/Process.h"

#include <nlohmann/json.hpp>

namespace platedesk::testsupport {

inline std::string Cli() { return ShellQuote(PLATEDESK_CLI); }

/// platedesk-cli ARGS (already shell-quoted where needed).
/// A private state folder for the saved CLI sessions of this test process.
inline const std::string& StateHome() {
  static TempFolder folder("platedesk-cli-state");
  static const std::string path = folder.Path().string();
  return path;
}

/// platedesk-cli with the system-use notice acknowledged (as a script does) and a private
/// session folder; env adds to or overrides that.
inline ProcessResult RunCli(const std::string& args, std::map<std::string, std::string> env = {},
                            const std::string& stdinText = {}) {
  env.emplace("PLATEDESK_ACCEPT_BANNER", "yes");
  env.emplace("XDG_STATE_HOME", StateHome());
  return Run(Cli() + " " + args, env, stdinText);
}

inline nlohmann::json StatusJson(const std::filesystem::path& storage) {
  auto r = RunCli("status --storage " + ShellQuote(storage.string()) + " --format json");
  if (r.exitCode != 0) throw std::runtime_error("status failed: " + r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace platedesk::testsupport
