// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/testsupport/Process.h"
#include "platedesk/testsupport/ServerProcess.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <map>
#include <memory>
#include <regex>
#include <set>

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

/// The suite's second pass (CTest entry cli_test_server sets PLATEDESK_CLI_SERVER=1): the same
/// tests, with every command that signs in sent to a platedesk-server instead of the folder.
inline bool ServerPass() {
  const char* v = std::getenv("PLATEDESK_CLI_SERVER");
  return v != nullptr && std::string(v) == "1";
}

/// The servers of the second pass: one real platedesk-server process (loopback, TLS, its key
/// pinned by the client) per storage folder a test made, started when a command that signs in
/// first names the folder, stopped before a command that works on the folder itself (init, keys,
/// verify, ...: the administrator's work on the server host, which a running server's lock
/// refuses) and started again on the same port afterwards, as an administrator would.
class ServedFolders {
 public:
  static ServedFolders& Get() {
    static ServedFolders instance;
    return instance;
  }

  /// The test itself plays the server of `folder` (it holds the folder's server lock): the pass's
  /// server of that folder stops, and its commands stay on the folder.
  void HeldByTest(const std::filesystem::path& folder) {
    Served& served = mServers[folder.string()];
    if (served.process && served.process->Running()) (void)served.process->Stop();
    served.heldByTest = true;
  }

  /// `args` with `--storage DIR` replaced by `--server URL --pin PIN` when the command signs in and
  /// DIR holds a storage; otherwise unchanged, after stopping the server of DIR if one runs.
  std::string Route(const std::string& args) {
    static const std::set<std::string> kRemoteCapable{
        "import", "status",        "login",  "logout",   "user",         "purpose", "case",         "audit",
        "read",   "search",        "scenes", "config",   "export",       "purge",   "server-token", "camera",
        "agency", "dissemination", "review", "approval", "transparency", "hold"};
    // Servers whose folder is gone (the test that made it has ended) are stopped first.
    for (auto it = mServers.begin(); it != mServers.end();) {
      std::error_code ec;
      it = std::filesystem::exists(it->first, ec) ? std::next(it) : mServers.erase(it);
    }
    static const std::regex kStorage(R"(--storage ('(?:[^']|'\\'')*'|\S+))");
    std::smatch m;
    if (!std::regex_search(args, m, kStorage)) return args;
    std::string folder = m[1].str();
    if (folder.size() >= 2 && folder.front() == '\'') {
      folder = std::regex_replace(folder.substr(1, folder.size() - 2), std::regex(R"('\\'')"), "'");
    }
    const std::string command = args.substr(0, args.find(' '));
    std::error_code ec;
    const bool storage = std::filesystem::exists(std::filesystem::path(folder) / "platedesk.db", ec);
    // Host forms: `audit verify` reads the log's file itself (on the server host, or a copy of the
    // folder); `camera health` without --user reads the folder with no sign-in.
    const bool hostForm =
        args.starts_with("audit verify") || (command == "camera" && args.find("--user") == std::string::npos);
    Served& served = mServers[folder];
    if (!kRemoteCapable.contains(command) || !storage || hostForm || served.heldByTest) {
      if (served.process && served.process->Running()) (void)served.process->Stop();
      if (!served.process && !served.heldByTest) mServers.erase(folder);
      return args;
    }
    if (!served.process) {
      served.work = std::make_unique<TempFolder>("platedesk-cli-server");
      served.process = std::make_unique<ServerProcess>(folder, served.work->Path());
      served.pin = served.process->Pin();
    } else if (!served.process->Running()) {
      served.process->Start();
    }
    return args.substr(0, m.position(0)) + "--server " + served.process->Url() + " --pin " + ShellQuote(served.pin) +
           args.substr(m.position(0) + m.length(0));
  }

 private:
  struct Served {
    std::unique_ptr<TempFolder> work;
    std::unique_ptr<ServerProcess> process;  // destroyed (killed) before its work folder
    std::string pin;
    bool heldByTest = false;
    ~Served() { process.reset(); }
  };
  std::map<std::string, Served> mServers;
};

/// platedesk-cli with the system-use notice acknowledged (as a script does), a private session
/// folder and a private configuration folder, and no trusted keys from the caller's environment;
/// env adds to or overrides that. In the server pass, commands that sign in go to the folder's
/// server (ServedFolders).
inline ProcessResult RunCli(const std::string& args, std::map<std::string, std::string> env = {},
                            const std::string& stdinText = {}) {
  env.emplace("PLATEDESK_ACCEPT_BANNER", "yes");
  env.emplace("XDG_STATE_HOME", StateHome());
  env.emplace("XDG_CONFIG_HOME", ConfigHome());
  env.emplace("PLATEDESK_TRUSTED_KEYS", "");
  return Run(Cli() + " " + (ServerPass() ? ServedFolders::Get().Route(args) : args), env, stdinText);
}

/// " --from T" for the last 20 hours: a vehicle-only search over a demo storage's few cameras in
/// that window needs no supervisor's approval (wider ones do: approval_vehicle_hours, 24).
inline std::string RecentWindow() { return " --from " + FormatIso8601(SystemClock().Now() - 20 * kMsPerHour); }

inline nlohmann::json StatusJson(const std::filesystem::path& storage) {
  auto r = RunCli("status --storage " + ShellQuote(storage.string()) + " --format json");
  if (r.exitCode != 0) throw std::runtime_error("status failed: " + r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace platedesk::testsupport
