// SPDX-License-Identifier: GPL-3.0-or-later
// platedesk-cli: the command-line composition root. Each sub-command wires the core objects it
// needs over the storage folder given with --storage.
#include "Cli.h"

#include <iostream>
#include <string>
#include <vector>

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

using namespace platedesk;

namespace {

void PrintOverview(const std::vector<cli::Command>& commands) {
  std::cout << "PlateDesk " PLATEDESK_VERSION
               " command line\n\n"
               "Usage: platedesk-cli COMMAND [OPTIONS]\n\nCommands:\n";
  for (const auto& c : commands) {
    std::string name = "  " + c.spec.name;
    name.resize(12, ' ');
    std::cout << name << c.spec.summary << "\n";
  }
  std::cout << "\n'platedesk-cli COMMAND --help' describes a command. Exit status: 0 success, 1 refused or failed,\n"
               "2 usage error. Full reference: docs/cli.md.\n";
}

}  // namespace

int main(int argc, char** argv) {
  const auto commands = cli::AllCommands();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    PrintOverview(commands);
    return cli::kExitUsage;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    PrintOverview(commands);
    return cli::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "platedesk-cli " PLATEDESK_VERSION "\n";
    return cli::kExitOk;
  }
  for (const auto& command : commands) {
    if (command.spec.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& a : rest)
      if (a == "--help" || a == "-h") {
        std::cout << cli::HelpText(command.spec);
        return cli::kExitOk;
      }
    auto parsed = cli::ParseArgs(command.spec, rest);
    if (!parsed) {
      std::cerr << "error: " << parsed.Err().message << "\nTry 'platedesk-cli " << command.spec.name << " --help'.\n";
      return cli::kExitUsage;
    }
    // A command that works on a folder or a server needs one of them (a usage error otherwise).
    bool takesServer = false;
    for (const auto& option : command.spec.options) takesServer = takesServer || option.name == "server";
    if (takesServer && !parsed->Has("storage") && !parsed->Has("server")) {
      std::cerr << "error: give --storage DIR (a folder) or --server URL (a platedesk-server)\nTry 'platedesk-cli "
                << command.spec.name << " --help'.\n";
      return cli::kExitUsage;
    }
    SystemClock clock;
    cli::Context ctx{clock};
    try {
      return command.run(*parsed, ctx);
    } catch (const std::exception& e) {
      // Core returns Result; anything thrown here is a bug. Say so rather than abort.
      std::cerr << "error: internal error: " << e.what() << "\n";
      return cli::kExitFailed;
    }
  }
  std::cerr << "error: unknown command '" << args[0] << "'\n";
  PrintOverview(commands);
  return cli::kExitUsage;
}
