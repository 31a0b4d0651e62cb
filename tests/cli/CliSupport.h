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

/// A private configuration folder (no trusted-keys file unless a test writes one).
inline const std::string& ConfigHome() {
  static TempFolder folder("platedesk-cli-config");
  static const std::string path = folder.Path().string();
  return path;
}

/// platedesk-cli with the system-use notice acknowledged (as a script does), a private session
/// folder and a private configuration folder, and no trusted keys from the caller's environment;
/// env adds to or overrides that.
inline ProcessResult RunCli(const std::string& args, std::map<std::string, std::string> env = {},
                            const std::string& stdinText = {}) {
  env.emplace("PLATEDESK_ACCEPT_BANNER", "yes");
  env.emplace("XDG_STATE_HOME", StateHome());
  env.emplace("XDG_CONFIG_HOME", ConfigHome());
  env.emplace("PLATEDESK_TRUSTED_KEYS", "");
  return Run(Cli() + " " + args, env, stdinText);
}

inline nlohmann::json StatusJson(const std::filesystem::path& storage) {
  auto r = RunCli("status --storage " + ShellQuote(storage.string()) + " --format json");
  if (r.exitCode != 0) throw std::runtime_error("status failed: " + r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace platedesk::testsupport
