// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs a command line for integration tests (POSIX shell), capturing stdout, stderr and the exit
// status. Test-only: the product never shells out.

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <sys/wait.h>

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

}  // namespace platedesk::testsupport
