// SPDX-License-Identifier: GPL-3.0-or-later
// platedesk-server's options: one table serves the command line, the config file and --help.
#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/server/Server.h"

#include <charconv>
#include <functional>

namespace platedesk::server {

namespace {

struct Option {
  std::string_view name;  // file name; the command line uses '-' for '_'
  std::string_view meta;  // "N", "FILE", ...; "" for a switch
  std::string_view help;
  std::function<Status(ServerConfig&, std::string_view)> set;
  std::function<std::string(const ServerConfig&)> show;
};

template <typename T>
Status ParseNumber(std::string_view text, T& out, T min, T max, std::string_view name) {
  T value{};
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || value < min || value > max) {
    std::string msg = "option ";
    msg += name;
    msg += " needs a number from ";
    msg += std::to_string(min);
    msg += " to ";
    msg += std::to_string(max);
    return Fail(ErrorCode::InvalidArgument, msg, std::string(text));
  }
  out = value;
  return {};
}

Status ParseBool(std::string_view text, bool& out, std::string_view name) {
  const std::string v = ToLowerAscii(text);
  if (v.empty() || v == "1" || v == "true" || v == "yes" || v == "on") {
    out = true;
    return {};
  }
  if (v == "0" || v == "false" || v == "no" || v == "off") {
    out = false;
    return {};
  }
  std::string msg = "option ";
  msg += name;
  msg += " needs true or false";
  return Fail(ErrorCode::InvalidArgument, msg, std::string(text));
}

template <typename T>
Option Number(std::string_view name, std::string_view help, T ServerConfig::*field, T min, T max) {
  return {name, "N", help,
          [=](ServerConfig& c, std::string_view v) { return ParseNumber<T>(v, c.*field, min, max, name); },
          [=](const ServerConfig& c) { return std::to_string(c.*field); }};
}

const std::vector<Option>& Options() {
  static const std::vector<Option> kOptions = {
      {"storage", "DIR", "the storage folder the server owns (created 0700 when missing)",
       [](ServerConfig& c, std::string_view v) {
         c.storage = std::filesystem::path(std::string(v));
         return Status{};
       },
       [](const ServerConfig& c) { return c.storage.string(); }},
      {"listen", "ADDR:PORT", "address and port to listen on (port 0 picks a free one)",
       [](ServerConfig& c, std::string_view v) {
         c.listen = std::string(v);
         return Status{};
       },
       [](const ServerConfig& c) { return c.listen; }},
      {"cert", "FILE", "TLS certificate (PEM, with its chain)",
       [](ServerConfig& c, std::string_view v) {
         c.cert = std::filesystem::path(std::string(v));
         return Status{};
       },
       [](const ServerConfig& c) { return c.cert.string(); }},
      {"key", "FILE", "TLS private key (PEM; keep it 0600)",
       [](ServerConfig& c, std::string_view v) {
         c.key = std::filesystem::path(std::string(v));
         return Status{};
       },
       [](const ServerConfig& c) { return c.key.string(); }},
      {"insecure_http", "", "serve plain HTTP without TLS: tests only, refused unless listening on loopback",
       [](ServerConfig& c, std::string_view v) { return ParseBool(v, c.insecureHttp, "insecure_http"); },
       [](const ServerConfig& c) { return std::string(c.insecureHttp ? "true" : "false"); }},
      Number<std::size_t>("max_body_bytes", "largest request body; larger ones get 413 before they are read",
                          &ServerConfig::maxBodyBytes, 1024, std::size_t{1} << 30),
      Number<std::size_t>("max_header_bytes", "largest request head (request line and headers); 431 beyond",
                          &ServerConfig::maxHeaderBytes, 1024, 1024 * 1024),
      Number<int>("header_timeout_ms", "time for a request's head once its first byte arrived; 408 after",
                  &ServerConfig::headerTimeoutMs, 100, 600'000),
      Number<int>("body_timeout_ms", "time for a whole request body; 408 after", &ServerConfig::bodyTimeoutMs, 100,
                  3'600'000),
      Number<int>("idle_timeout_ms", "how long a kept-alive connection may wait for its next request",
                  &ServerConfig::idleTimeoutMs, 100, 3'600'000),
      Number<int>("max_connections", "connections served at once (one thread each); more wait in a short queue",
                  &ServerConfig::maxConnections, 1, 10'000),
      Number<double>("token_rate", "posts per second a token may make unless it has its own rate; 429 beyond",
                     &ServerConfig::tokenRate, 0.01, 1e6),
      Number<int>("auth_fail_window_s", "bad-token posts from one address are audited once per window",
                  &ServerConfig::authFailWindowS, 1, 86'400),
      Number<int>("auth_fail_limit", "bad-token posts from one address in a window before it gets 429",
                  &ServerConfig::authFailLimit, 1, 1'000'000),
      Number<int>("sign_ins_per_minute",
                  "workstation sign-in attempts from one address per minute before it gets 429 (an office "
                  "behind one NAT address needs more)",
                  &ServerConfig::signInsPerMinute, 1, 100'000),
      Number<int>("purge_every_hours",
                  "the retention purge runs when the server starts and then every this many hours (1 to 24: "
                  "reads past retention never outlive a day); sooner when a retention period is shorter (every "
                  "quarter of the shortest period, at least every minute)",
                  &ServerConfig::purgeEveryHours, 1, 24),
      Number<std::size_t>("max_queued_bodies", "bodies waiting for the storage writer; 503 beyond",
                          &ServerConfig::maxQueuedBodies, 1, 1'000'000),
      Number<std::uint64_t>("min_free_bytes", "free disk space kept in reserve; below it ingest answers 507",
                            &ServerConfig::minFreeBytes, 0, std::uint64_t{1} << 62),
      {"log_requests", "", "one line per request on stderr (route, status, token name, counts; never plate text)",
       [](ServerConfig& c, std::string_view v) { return ParseBool(v, c.logRequests, "log_requests"); },
       [](const ServerConfig& c) { return std::string(c.logRequests ? "true" : "false"); }},
  };
  return kOptions;
}

std::string FileName(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '-') c = '_';
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsLoopback(std::string_view listen) {
  const std::size_t colon = listen.rfind(':');
  const std::string_view host = colon == std::string_view::npos ? listen : listen.substr(0, colon);
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
}

}  // namespace

Status SetOption(ServerConfig& config, std::string_view name, std::string_view value) {
  const std::string key = FileName(name);
  for (const Option& o : Options())
    if (o.name == key) return o.set(config, value);
  return Fail(ErrorCode::InvalidArgument, "unknown option", std::string(name));
}

Status LoadConfigFile(ServerConfig& config, const std::filesystem::path& file) {
  auto text = ReadFile(file);
  if (!text) return text.Err();
  std::string_view rest = *text;
  int lineNo = 0;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++lineNo;
    line = Trim(line);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line == "[server]") continue;
    const std::size_t eq = line.find('=');
    std::string where = file.string();
    where += ':';
    where += std::to_string(lineNo);
    if (eq == std::string_view::npos) return Fail(ErrorCode::InvalidArgument, "expected `name = value`", where);
    Status s = SetOption(config, Trim(line.substr(0, eq)), Trim(line.substr(eq + 1)));
    if (!s.Ok()) {
      Error e = s.Err();
      e.context = where + " (" + e.context + ")";
      return e;
    }
  }
  return {};
}

Status CheckConfig(const ServerConfig& config) {
  if (config.storage.empty()) return Fail(ErrorCode::InvalidArgument, "no storage folder (--storage DIR)");
  if (config.listen.rfind(':') == std::string::npos)
    return Fail(ErrorCode::InvalidArgument, "--listen needs ADDR:PORT", config.listen);
  if (config.insecureHttp) {
    if (!IsLoopback(config.listen))
      return Fail(ErrorCode::InvalidArgument,
                  "--insecure-http is only for tests on loopback (127.0.0.1 or ::1); use TLS elsewhere", config.listen);
  } else if (config.cert.empty() || config.key.empty()) {
    return Fail(ErrorCode::InvalidArgument, "TLS needs --cert FILE and --key FILE (or --insecure-http on loopback)");
  }
  return {};
}

std::string OptionsHelp() {
  const ServerConfig defaults;
  std::string out;
  for (const Option& o : Options()) {
    std::string flag = "  --";
    for (char c : o.name) flag += c == '_' ? '-' : c;
    if (!o.meta.empty()) {
      flag += ' ';
      flag += o.meta;
    }
    if (flag.size() < 28) flag.resize(28, ' ');
    out += flag;
    out += ' ';
    out += o.help;
    const std::string def = o.show(defaults);
    if (!def.empty() && !o.meta.empty()) {
      out += " [";
      out += def;
      out += ']';
    }
    out += '\n';
  }
  return out;
}

}  // namespace platedesk::server
