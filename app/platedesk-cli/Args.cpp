// SPDX-License-Identifier: GPL-3.0-or-later
#include "Args.h"

#include <charconv>
#include <sstream>

namespace platedesk::cli {

std::string ParsedArgs::Get(const std::string& name, const std::string& fallback) const {
  const auto it = mValues.find(name);
  return it == mValues.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> ParsedArgs::GetAll(const std::string& name) const {
  const auto it = mValues.find(name);
  return it == mValues.end() ? std::vector<std::string>{} : it->second;
}

Result<long long> ParsedArgs::GetInt(const std::string& name, long long fallback) const {
  if (!Has(name)) return fallback;
  const std::string v = Get(name);
  long long out = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size())
    return Fail(ErrorCode::InvalidArgument, "--" + name + " expects a whole number, got '" + v + "'");
  return out;
}

Result<ParsedArgs> ParseArgs(const CommandSpec& spec, const std::vector<std::string>& args) {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string name = a.substr(2);
      std::optional<std::string> inlineValue;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      const OptionSpec* opt = nullptr;
      for (const auto& o : spec.options)
        if (o.name == name) opt = &o;
      if (opt == nullptr)
        return Fail(ErrorCode::InvalidArgument, "unknown option --" + name + " for '" + spec.name + "'");
      if (opt->valueName.empty()) {
        if (inlineValue) return Fail(ErrorCode::InvalidArgument, "--" + name + " takes no value");
        out.mValues[name].push_back("1");
        continue;
      }
      std::string value;
      if (inlineValue) {
        value = *inlineValue;
      } else {
        if (i + 1 >= args.size())
          return Fail(ErrorCode::InvalidArgument, "--" + name + " needs a value (" + opt->valueName + ")");
        value = args[++i];
      }
      auto& slot = out.mValues[name];
      if (!slot.empty() && !opt->repeatable) return Fail(ErrorCode::InvalidArgument, "--" + name + " given twice");
      slot.push_back(value);
    } else if (a == "--") {
      for (++i; i < args.size(); ++i) out.mPositional.push_back(args[i]);
    } else {
      if (spec.positionalName.empty())
        return Fail(ErrorCode::InvalidArgument, "unexpected argument '" + a + "' for '" + spec.name + "'");
      out.mPositional.push_back(a);
    }
  }
  for (const auto& o : spec.options)
    if (o.required && !out.Has(o.name))
      return Fail(ErrorCode::InvalidArgument, "'" + spec.name + "' needs --" + o.name + " " + o.valueName);
  if (spec.positionalRequired && out.mPositional.empty())
    return Fail(ErrorCode::InvalidArgument, "'" + spec.name + "' needs " + spec.positionalName);
  return out;
}

std::string HelpText(const CommandSpec& spec) {
  std::ostringstream s;
  s << "Usage: platedesk-cli " << spec.name;
  for (const auto& o : spec.options) {
    std::string part = "--" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
    s << ' ' << (o.required ? part : "[" + part + "]");
    if (o.repeatable) s << "...";
  }
  if (!spec.positionalName.empty())
    s << ' ' << (spec.positionalRequired ? spec.positionalName : "[" + spec.positionalName + "]");
  s << "\n\n" << spec.summary << "\n\nOptions:\n";
  for (const auto& o : spec.options) {
    std::string left = "  --" + o.name + (o.valueName.empty() ? "" : " " + o.valueName);
    if (left.size() < 30)
      left.resize(30, ' ');
    else
      left += "\n" + std::string(30, ' ');
    s << left << o.help << (o.repeatable ? " (repeatable)" : "") << "\n";
  }
  s << "  --help                      show this help\n";
  if (!spec.details.empty()) s << "\n" << spec.details << "\n";
  return s.str();
}

}  // namespace platedesk::cli
