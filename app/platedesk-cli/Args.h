// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platedesk::cli {

/// One --option of a command.
struct OptionSpec {
  std::string name;       ///< without dashes: "storage"
  std::string valueName;  ///< "DIR"; empty for a flag
  std::string help;
  bool required = false;
  bool repeatable = false;
};

/// A sub-command: its options, positional arguments and help text.
struct CommandSpec {
  std::string name;
  std::string summary;
  std::vector<OptionSpec> options;
  std::string positionalName;  ///< "PATH..." ; empty when the command takes none
  bool positionalRequired = false;
  std::string details;  ///< extra help paragraphs
};

/// The parsed command line of one sub-command.
class ParsedArgs {
 public:
  [[nodiscard]] bool Has(const std::string& name) const { return mValues.count(name) != 0; }
  [[nodiscard]] std::string Get(const std::string& name, const std::string& fallback = {}) const;
  [[nodiscard]] std::vector<std::string> GetAll(const std::string& name) const;
  [[nodiscard]] const std::vector<std::string>& Positional() const { return mPositional; }
  /// Parses an integer option; InvalidArgument naming the option if it is not one.
  [[nodiscard]] Result<long long> GetInt(const std::string& name, long long fallback) const;

 private:
  friend Result<ParsedArgs> ParseArgs(const CommandSpec&, const std::vector<std::string>&);
  std::map<std::string, std::vector<std::string>> mValues;
  std::vector<std::string> mPositional;
};

/// Parses args (after the command name). `--help` is handled by the caller. Errors name the
/// offending option (InvalidArgument).
[[nodiscard]] Result<ParsedArgs> ParseArgs(const CommandSpec& spec, const std::vector<std::string>& args);

/// Usage and option list for `platedesk-cli COMMAND --help`.
[[nodiscard]] std::string HelpText(const CommandSpec& spec);

}  // namespace platedesk::cli
