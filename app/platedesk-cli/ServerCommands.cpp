// SPDX-License-Identifier: GPL-3.0-or-later
// server-token (the storage server's ingest tokens, administrators, audited) and camera health
// (no plate data, no sign-in: works on a folder a running platedesk-server holds).
#include "Cli.h"
#include "Output.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iostream>

namespace platedesk::cli {
namespace {

std::string JoinCameras(const std::vector<std::string>& cameras) {
  std::string out;
  for (const auto& c : cameras) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

std::string RateCell(double rate) {
  if (rate == 0) return "default";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", rate);
  return buf;
}

Result<double> ParseRate(const std::string& text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
    return Fail(ErrorCode::InvalidArgument, "--rate must be a number of reads per second (0 = the server's default)",
                text);
  }
  return value;
}

int RunAdd(const ParsedArgs& args, Context& ctx, const std::string& name) {
  const auto cameras = args.GetAll("camera");
  if (cameras.empty()) return Usage("server-token add needs at least one --camera ID (\"AGENT/*\" or \"*\" for many)");
  double rate = 0;
  if (args.Has("rate")) {
    auto parsed = ParseRate(args.Get("rate"));
    if (!parsed) return Usage(parsed.Err().message + " (not '" + parsed.Err().context + "')");
    rate = *parsed;
  }
  const std::filesystem::path tokenFile = args.Get("token-file");
  std::error_code ec;
  if (!tokenFile.empty() && std::filesystem::exists(tokenFile, ec)) {
    return Report(Fail(ErrorCode::AlreadyExists, "the token file exists; choose a new file", tokenFile.string()));
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto issued = signedIn->session->AddIngestToken(name, cameras, rate);
  if (!issued) return Report(issued.Err());
  if (tokenFile.empty()) {
    std::cout << issued->token << "\n";
    std::cerr << "Token '" << issued->name
              << "' issued. It is shown this once and stored only as its hash: configure the camera now.\n";
    return kExitOk;
  }
  if (auto st = WriteFileExclusive(tokenFile, issued->token + "\n", /*ownerOnly=*/true); !st.Ok()) {
    // The token exists in the storage but nobody has it: revoke it rather than leave it usable.
    auto revoked = signedIn->session->RevokeIngestToken(name, "the token file could not be written");
    return Report(st.Err(), revoked.Ok() ? "The token was revoked again; issue a new one."
                                         : "Revoke the token: platedesk-cli server-token revoke " + name);
  }
  std::cout << issued->name << "\n";
  std::cerr << "Token '" << issued->name << "' written to " << tokenFile.string() << " (mode 0600).\n";
  return kExitOk;
}

int RunList(const ParsedArgs& args, Context& ctx, OutputFormat format) {
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto tokens = signedIn->session->IngestTokens();
  if (!tokens) return Report(tokens.Err());
  if (format == OutputFormat::Json) {
    auto out = nlohmann::json::array();
    for (const auto& t : *tokens) {
      nlohmann::json o = {{"name", t.name},
                          {"cameras", t.cameras},
                          {"reads_per_second", t.readsPerSecond},
                          {"created", FormatIso8601(t.createdAt)},
                          {"created_by", t.createdBy},
                          {"revoked", t.revokedAt ? nlohmann::json(FormatIso8601(*t.revokedAt)) : nlohmann::json()},
                          {"revoked_by", t.revokedAt ? nlohmann::json(t.revokedBy) : nlohmann::json()},
                          {"revoke_reason", t.revokedAt ? nlohmann::json(t.revokeReason) : nlohmann::json()}};
      out.push_back(std::move(o));
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  Table table{{"name", "cameras", "rate", "created", "created_by", "revoked", "revoked_by", "revoke_reason"}, {}, {}};
  for (const auto& t : *tokens) {
    table.rows.push_back({t.name, JoinCameras(t.cameras), RateCell(t.readsPerSecond), FormatIso8601(t.createdAt),
                          t.createdBy, t.revokedAt ? FormatIso8601(*t.revokedAt) : std::string(), t.revokedBy,
                          t.revokeReason});
  }
  PrintTable(std::cout, table, format);
  return kExitOk;
}

int RunServerToken(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.empty()) return Usage("server-token needs an action: add, list, revoke");
  const std::string& action = p[0];
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  if (action == "list") {
    if (p.size() != 1) return Usage("server-token list takes no NAME");
    return RunList(args, ctx, *format);
  }
  if (action != "add" && action != "revoke") return Usage("unknown server-token action '" + action + "'");
  if (p.size() != 2 || p[1].empty()) return Usage("server-token " + action + " needs one NAME");
  const std::string& name = p[1];
  if (action == "add") {
    if (args.Has("reason")) return Usage("--reason is for server-token revoke");
    return RunAdd(args, ctx, name);
  }
  if (args.Has("camera") || args.Has("rate") || args.Has("token-file"))
    return Usage("--camera, --rate and --token-file are for server-token add");
  if (!args.Has("reason") || Trim(args.Get("reason")).empty()) return Usage("server-token revoke needs --reason TEXT");
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  if (auto st = signedIn->session->RevokeIngestToken(name, args.Get("reason")); !st.Ok()) return Report(st.Err());
  std::cout << "Done: server-token revoke " << name << ".\n";
  return kExitOk;
}

// "02:10" on the day of `day`, else "2026-11-23 02:10".
std::string ClockTime(UtcMs t, UtcMs day) {
  const std::string iso = FormatIso8601(t);  // 2026-11-24T02:10:00Z
  const std::string hm = iso.substr(11, 5);
  if (FormatDate(t) == FormatDate(day)) return hm;
  return FormatDate(t) + " " + hm;
}

}  // namespace

int RunCameraHealth(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() != 1 || p[0] != "health") return Usage("camera health takes no other argument");
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  auto hours = args.GetInt("hours", 24);
  if (!hours) return Usage(hours.Err().message);
  if (*hours < 1 || *hours > 10LL * 366 * 24) return Usage("--hours must be 1 to 87840 (10 years)");
  // On the server host the folder is read directly (no sign-in, as while the server holds it);
  // through a server, signed in, as every other remote command.
  Result<std::vector<store::CameraHealth>> health = std::vector<store::CameraHealth>{};
  if (args.Has("server")) {
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    health = signedIn->session->CameraHealthList(static_cast<int>(*hours));
  } else {
    if (!args.Has("storage")) return Usage("give --storage DIR (a folder) or --server URL (a platedesk-server)");
    health = workstation::Workstation::ReadCameraHealth(args.Get("storage"), ctx.clock, static_cast<int>(*hours));
  }
  if (!health) return Report(health.Err());
  const UtcMs now = ctx.clock.Now();
  auto state = [](const store::CameraHealth& h) { return !h.lastHeard ? "never" : (h.online ? "online" : "offline"); };
  if (*format == OutputFormat::Json) {
    auto out = nlohmann::json::array();
    for (const auto& h : *health) {
      auto periods = nlohmann::json::array();
      for (const auto& period : h.periods) {
        periods.push_back({{"from", FormatIso8601(period.from)},
                           {"to", period.to ? nlohmann::json(FormatIso8601(*period.to)) : nlohmann::json()}});
      }
      out.push_back({{"camera", h.externalId},
                     {"name", h.name},
                     {"state", state(h)},
                     {"last_heard", h.lastHeard ? nlohmann::json(FormatIso8601(*h.lastHeard)) : nlohmann::json()},
                     {"offline_periods", std::move(periods)}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  Table table{{"camera", "name", "state", "last_heard", "offline_in_window"}, {}, {}};
  for (const auto& h : *health) {
    std::string periods;
    for (const auto& period : h.periods) {
      if (!periods.empty()) periods += "; ";
      periods += ClockTime(period.from, now) + "-" + (period.to ? ClockTime(*period.to, now) : std::string("now"));
    }
    table.rows.push_back(
        {h.externalId, h.name, state(h), h.lastHeard ? FormatIso8601(*h.lastHeard) : std::string(), periods});
  }
  PrintTable(std::cout, table, *format);
  return kExitOk;
}

Command ServerTokenCommand() {
  CommandSpec spec{
      "server-token",
      "The storage server's ingest tokens (administrators): add NAME --camera ID [--camera ID ...] [--rate N] "
      "[--token-file FILE], list, revoke NAME --reason TEXT.",
      {StorageOption(),
       UserOption(),
       FormatOption(),
       {"camera", "ID", "a camera external id the token may post for; AGENT/* for every camera of an agent, * for any",
        false, true},
       {"rate", "N", "reads per second the token may post (default: the server's limit)"},
       {"token-file", "FILE", "write the new token to this new file (mode 0600) instead of printing it"},
       {"reason", "TEXT", "why the token is revoked (revoke)"}},
      "ACTION [NAME]",
      true,
      "A camera or agent posts its reads to platedesk-server with its token (in the URL path or an\n"
      "Authorization: Bearer header). add prints the token once on standard output (or writes it to\n"
      "--token-file and prints only the name); the storage keeps only its SHA-256. list never shows\n"
      "tokens or hashes. Revoked tokens stay listed. Every action is audited (token.added, token.listed,\n"
      "token.revoked). Run these on the server host while the server is stopped; it reads the tokens at\n"
      "start and on SIGHUP."};
  return {spec, RunServerToken};
}

}  // namespace platedesk::cli
