// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs a command line for integration tests (POSIX shell), capturing stdout, stderr and the exit
// status. Test-only: the product never shells out.

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace platedesk::testsupport {

struct ProcessResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

/// Single-quotes a word for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

/// Runs `commandLine` with extra environment variables and the given standard input.
inline ProcessResult Run(const std::string& commandLine, const std::map<std::string, std::string>& env = {},
                         const std::string& stdinText = {}) {
  TempFolder io("platedesk-proc");
  const auto in = io.Path() / "in", out = io.Path() / "out", err = io.Path() / "err";
  (void)WriteFileAtomic(in, stdinText);
  std::string cmd;
  for (const auto& [k, v] : env) cmd += k + "=" + ShellQuote(v) + " ";
  cmd +=
      commandLine + " <" + ShellQuote(in.string()) + " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  const int status = std::system(cmd.c_str());
  ProcessResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  auto o = ReadFile(out);
  auto e = ReadFile(err);
  r.out = o.Ok() ? *o : "";
  r.err = e.Ok() ? *e : "";
  return r;
}

/// Starts args[0] with `args` in the background, standard error to `log` (made 0600), standard
/// output to /dev/null, this process's environment. The child's pid, or -1 when it cannot start.
inline pid_t SpawnLogged(std::vector<std::string> args, const std::filesystem::path& log) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

/// The port a server started with `--port-file portFile` wrote there (a whole line), waiting up to
/// `timeout`; 0 when the time passed or the process `pid` ended first (then reaped).
inline int WaitForPortFile(const std::filesystem::path& portFile, pid_t pid, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    auto text = ReadFile(portFile);
    if (text.Ok() && !text->empty() && text->back() == '\n') return std::stoi(*text);
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}

}  // namespace platedesk::testsupport
