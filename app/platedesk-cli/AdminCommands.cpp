// SPDX-License-Identifier: GPL-3.0-or-later
// user / purpose / case: administration through the facade (every change audited).
#include "Cli.h"
#include "Output.h"
#include "Terminal.h"

#include "platedesk/access/Policy.h"
#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#ifndef _WIN32
#include <pwd.h>
#include <unistd.h>
#endif

namespace platedesk::cli {
namespace {

std::string Date(const std::optional<UtcMs>& t) { return t ? FormatDate(*t) : std::string(); }

// ACTION NAME from the positional arguments.
bool ActionAndName(const ParsedArgs& args, std::string& action, std::string& name, bool needName) {
  const auto& p = args.Positional();
  if (p.empty()) return false;
  action = p[0];
  if (p.size() > 2) return false;
  if (p.size() == 2) name = p[1];
  return !needName || !name.empty();
}

// "COMMAND ACTION [NAME]" and --format, shared by user, purpose and case.
struct ActionArgs {
  std::string action;
  std::string name;
  OutputFormat format = OutputFormat::Table;
};

/// Parses the action; returns the usage-error exit code, or nullopt when the arguments are fine.
std::optional<int> ParseAction(const ParsedArgs& args, const std::string& command, const std::string& actions,
                               const std::string& nameWord, ActionArgs& out) {
  const auto& p = args.Positional();
  if (p.empty()) return Usage(command + " needs an action: " + actions);
  if (!ActionAndName(args, out.action, out.name, p[0] != "list"))
    return Usage(command + " " + p[0] + " needs one " + nameWord);
  auto format = ParseFormat(args.Get("format", "table"));
  if (!format) return Usage(format.Err().message);
  out.format = *format;
  return std::nullopt;
}

int Done(const Status& st, const std::string& command, const ActionArgs& a) {
  if (!st.Ok()) return Report(st.Err());
  std::cout << "Done: " << command << " " << a.action << " " << a.name << ".\n";
  return kExitOk;
}

// The one-time code for a re-authentication or a confirmation: PLATEDESK_TOTP, else a prompt on a terminal.
std::string ObtainCode(const std::string& prompt) {
  if (const char* env = std::getenv("PLATEDESK_TOTP"); env != nullptr) return Trim(env);
  if (!StdinIsTerminal()) return {};
  auto code = ReadSecret(prompt);
  return code ? Trim(*code) : std::string();
}

// The OS account running this command, for the break-glass audit record.
std::string OsUserName() {
#ifdef _WIN32
  if (const char* u = std::getenv("USERNAME")) return u;
  return "unknown";
#else
  const uid_t uid = ::geteuid();
  const struct passwd* pw = ::getpwuid(uid);
  return (pw != nullptr ? std::string(pw->pw_name) : std::string("unknown")) + " (uid " + std::to_string(uid) + ")";
#endif
}

// Break-glass: the host's administrator releases a locked administrator account without signing
// in. Whoever can write the storage folder already controls an embedded storage completely; this
// only makes that recovery a documented, audited step.
int RunLocalAdminUnlock(const ParsedArgs& args, Context& ctx, const std::string& name) {
  const std::filesystem::path folder = args.Get("storage");
#ifndef _WIN32
  if (::access(folder.c_str(), W_OK) != 0 || ::access((folder / "platedesk.db").c_str(), W_OK) != 0)
    return Report(Fail(ErrorCode::PermissionDenied,
                       "--local-admin needs write access to the storage folder and its database (run it as the "
                       "account that owns the storage, or as root)",
                       folder.string()));
#endif
  auto ws = workstation::Workstation::Open(folder, ctx.clock);
  if (!ws) return Report(ws.Err());
  if (auto st = (*ws)->RecoverAdministrator(name, OsUserName() + " on " + HostName()); !st.Ok())
    return Report(st.Err());
  std::cout << "Unlocked " << name << " (break-glass recovery by the host's administrator; recorded in the audit log"
            << " as account.recovered).\n";
  return kExitOk;
}

int RunUser(const ParsedArgs& args, Context& ctx) {
  ActionArgs a;
  if (auto usage = ParseAction(args, "user",
                               "add, list, set-role, disable, enable, unlock, reset-password, change-password, "
                               "enroll-totp, confirm-totp, set-training",
                               "NAME", a))
    return *usage;
  const std::string& action = a.action;
  const std::string& name = a.name;
  if (args.Has("local-admin")) {
    if (action != "unlock") return Usage("--local-admin is only for `user unlock NAME`");
    return RunLocalAdminUnlock(args, ctx, name);
  }

  std::optional<store::Role> role;
  if (args.Has("role")) {
    role = store::RoleFromName(args.Get("role"));
    if (!role) return Usage("--role is detective, supervisor, administrator or auditor");
  }
  // New passwords are read before signing in, so a script can pipe "admin password\nnew password".
  std::string newPassword;
  if (action == "add" || action == "reset-password" || action == "change-password") {
    if (action == "add" && !role) return Usage("user add needs --role");
    auto pw = ObtainNewPassword(name);
    if (!pw) return Report(pw.Err());
    newPassword = *pw;
  }
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  Status st;
  if (action == "list") {
    auto users = s.Users();
    if (!users) return Report(users.Err());
    Table t{{"name", "display_name", "role", "disabled", "locked", "mfa", "training_completed", "training_expires"},
            {},
            {}};
    for (const auto& u : *users)
      t.rows.push_back(
          {u.name, u.displayName, store::RoleName(u.role), Flag(u.disabled), Flag(u.locked),
           u.totpPending ? (u.totpEnrolled ? "totp, new pending" : "pending") : (u.totpEnrolled ? "totp" : "none"),
           Date(u.trainingCompleted), Date(u.trainingExpires)});
    t.boolean = {false, false, false, true, true};
    PrintTable(std::cout, t, a.format);
    return kExitOk;
  } else if (action == "add") {
    st = s.AddUser(name, *role, newPassword, args.Get("display-name"));
  } else if (action == "set-role") {
    if (!role) return Usage("set-role needs --role");
    st = s.SetRole(name, *role);
  } else if (action == "disable" || action == "enable") {
    st = s.SetDisabled(name, action == "disable");
  } else if (action == "unlock") {
    st = s.UnlockUser(name);
  } else if (action == "reset-password") {
    st = s.ResetPassword(name, newPassword);
  } else if (action == "change-password") {
    if (name != s.User().name)
      return Usage("change-password changes your own password; an administrator uses reset-password");
    // Re-authentication: the current password (PLATEDESK_PASSWORD or asked) and code when enrolled.
    auto current = ObtainPassword(name);
    if (!current) return Report(current.Err());
    st = s.ChangePassword(*current, ObtainCode("Current one-time code (empty if none): "), newPassword);
  } else if (action == "enroll-totp") {
    Result<std::string> uri = Fail(ErrorCode::Internal, "not run");
    if (name == s.User().name) {
      auto current = ObtainPassword(name);
      if (!current) return Report(current.Err());
      uri = s.EnrollTotp(name, *current, ObtainCode("Current one-time code (empty if none): "));
    } else {
      uri = s.EnrollTotp(name);
    }
    if (!uri) return Report(uri.Err());
    std::cout << *uri << "\n";
    std::cerr << "Shown once: add it to the authenticator app now (or make a QR code of it). It counts as a second\n"
                 "factor once confirmed with a first code: `user confirm-totp NAME`, or at the next sign-in.\n";
    return kExitOk;
  } else if (action == "confirm-totp") {
    if (name != s.User().name) return Usage("confirm-totp confirms your own enrolment");
    st = s.ConfirmTotp(ObtainCode("One-time code from the new authenticator: "));
  } else if (action == "set-training") {
    if (!args.Has("completed")) return Usage("set-training needs --completed YYYY-MM-DD");
    auto completed = ParseIso8601(args.Get("completed"));
    if (!completed) return Usage(completed.Err().message);
    std::optional<UtcMs> expires;
    if (args.Has("expires")) {
      auto e = ParseIso8601(args.Get("expires"));
      if (!e) return Usage(e.Err().message);
      expires = *e;
    }
    st = s.SetTraining(name, *completed, expires);
  } else {
    return Usage("unknown user action '" + action + "'");
  }
  return Done(st, "user", a);
}

int RunPurpose(const ParsedArgs& args, Context& ctx) {
  ActionArgs a;
  if (auto usage = ParseAction(args, "purpose", "list, add, disable, enable", "CODE", a)) return *usage;
  const std::string& action = a.action;
  const std::string& code = a.name;
  if (args.Has("roles") && action != "add") return Usage("--roles is for purpose add");
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  Status st;
  if (action == "list") {
    auto list = s.Purposes();
    if (!list) return Report(list.Err());
    Table t{{"code", "label", "approval_needed", "prohibited", "disabled", "roles"}, {}, {}};
    for (const auto& x : *list) {
      std::string roles;
      for (auto r : x.roles) {
        if (!roles.empty()) roles += ',';
        roles += store::RoleName(r);
      }
      t.rows.push_back(
          {x.code, x.label, Flag(x.needsApproval), Flag(x.prohibited, "PROHIBITED"), Flag(x.disabled), roles});
    }
    t.boolean = {false, false, true, true, true};
    PrintTable(std::cout, t, a.format);
    return kExitOk;
  } else if (action == "add") {
    if (!args.Has("label")) return Usage("purpose add needs --label TEXT");
    auto roles = access::Policy::ParseRoles(args.Get("roles"));
    if (!roles) return Usage("--roles: " + roles.Err().message + " (not '" + roles.Err().context + "')");
    st = s.AddPurpose(code, args.Get("label"), args.Has("needs-approval"), *roles);
  } else if (action == "disable" || action == "enable") {
    st = s.SetPurposeDisabled(code, action == "disable");
  } else {
    return Usage("unknown purpose action '" + action + "'");
  }
  return Done(st, "purpose", a);
}

int RunCase(const ParsedArgs& args, Context& ctx) {
  ActionArgs a;
  if (auto usage = ParseAction(args, "case", "list, add, close, reopen", "NUMBER", a)) return *usage;
  const std::string& action = a.action;
  const std::string& number = a.name;
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  auto& s = *signedIn->session;
  Status st;
  if (action == "list") {
    auto list = s.Cases();
    if (!list) return Report(list.Err());
    Table t{{"number", "title", "lead", "status", "created_by", "created"}, {}, {}};
    for (const auto& c : *list)
      t.rows.push_back(
          {c.number, c.title, c.lead, c.open ? "open" : "closed", c.createdBy, FormatIso8601(c.createdAt)});
    PrintTable(std::cout, t, a.format);
    return kExitOk;
  } else if (action == "add") {
    st = s.RegisterCase(number, args.Get("title"), args.Get("lead"));
  } else if (action == "close" || action == "reopen") {
    st = s.SetCaseOpen(number, action == "reopen");
  } else {
    return Usage("unknown case action '" + action + "'");
  }
  return Done(st, "case", a);
}

int RunConfig(const ParsedArgs& args, Context& ctx) {
  const auto& p = args.Positional();
  if (p.size() == 1 && p[0] == "list") {
    auto format = ParseFormat(args.Get("format", "table"));
    if (!format) return Usage(format.Err().message);
    auto signedIn = SignIn(args, ctx);
    if (!signedIn) return Report(signedIn.Err());
    auto settings = signedIn->session->Settings();
    if (!settings) return Report(settings.Err());
    Table t;
    t.columns = {"key", "value", "set"};
    t.boolean = {false, false, true};
    for (const auto& setting : *settings)
      t.rows.push_back({setting.key, setting.set ? setting.value : "", Flag(setting.set)});
    PrintTable(std::cout, t, *format);
    return kExitOk;
  }
  if (p.size() != 3 || p[0] != "set") return Usage("config takes: list, or set KEY VALUE");
  auto signedIn = SignIn(args, ctx);
  if (!signedIn) return Report(signedIn.Err());
  if (auto st = signedIn->session->SetSetting(p[1], p[2]); !st.Ok()) {
    if (st.Err().detail == ErrorDetail::SecondAdministratorNeeded)
      return Report(st.Err(), "Not changed yet: another administrator must run the same command within 24 hours.");
    return Report(st.Err());
  }
  std::cout << "Done: " << p[1] << " = " << p[2] << "\n";
  return kExitOk;
}

}  // namespace

Command ConfigCommand() {
  CommandSpec spec{"config",
                   "List the agency settings (administrators and auditors): config list; change one "
                   "(administrators; audited): config set KEY VALUE.",
                   {StorageOption(), UserOption(), FormatOption()},
                   "list | set KEY VALUE",
                   true,
                   "  case_pattern       regular expression for case numbers (default ^\\d{2}-\\d{5,6}$)\n"
                   "  unregistered_case  refuse | flag (default flag: allowed, flagged for review)\n"
                   "  closed_case        refuse | flag (default refuse)\n"
                   "  idle_minutes       session lock after this many idle minutes (default 30)\n"
                   "  mfa_required       1 | 0 (default 1; demo storages: 0); 1 covers administration too;\n"
                   "                     turning it off takes two administrators (each runs the command)\n"
                   "  banner             the system-use notice shown before sign-in\n"
                   "  retention_days     days reads are kept before `purge` deletes them (default 30, at least 1)\n"
                   "  dissemination_rules      agency rules for releases: mou-required, federal-second-approval,\n"
                   "                           out-of-state-second-approval, in-state-only, no-federal\n"
                   "                           (default mou-required,federal-second-approval)\n"
                   "  agency_state             the agency's two-letter state (in- and out-of-state rules)\n"
                   "  dissemination_releasers  who may release: supervisor, administrator, detective, lead\n"
                   "                           (default supervisor,lead)\n"
                   "  map_tiles          the base map of the map views: an XYZ URL template\n"
                   "                     (https://tiles.example.gov/{z}/{x}/{y}.png), a WMTS one ({TileMatrix},\n"
                   "                     {TileCol}, {TileRow}), or mbtiles:/path/city.mbtiles (default: none,\n"
                   "                     positions on a scale grid)\n"
                   "  map_attribution    the credit the tile source asks for, shown on every map"};
  return {spec, RunConfig};
}

Command UserCommand() {
  CommandSpec spec{
      "user",
      "Manage accounts (administrators): add, list, set-role, disable, enable, unlock, reset-password, "
      "change-password, "
      "enroll-totp, confirm-totp, set-training.",
      {StorageOption(),
       UserOption(),
       FormatOption(),
       {"role", "ROLE", "detective, supervisor, administrator or auditor (add, set-role)"},
       {"display-name", "TEXT", "full name shown in the GUI (add)"},
       {"completed", "YYYY-MM-DD", "training completion date (set-training)"},
       {"expires", "YYYY-MM-DD", "certification expiry (set-training; default one year later)"},
       {"local-admin", "",
        "unlock: break-glass recovery of an administrator account by the host's "
        "administrator (needs write access to the storage folder; no sign-in; audited)"}},
      "ACTION [NAME]",
      true,
      "  user add NAME --role ROLE      the new password is read from standard input (asked twice on a terminal)\n"
      "  user reset-password NAME       likewise; the password works once: NAME chooses a new one at sign-in\n"
      "  user change-password NAME      your own: the current password (PLATEDESK_PASSWORD or asked) and\n"
      "                                 one-time code (PLATEDESK_TOTP), then the new one; ends your other sessions\n"
      "  user enroll-totp NAME          prints the otpauth:// URI once (your own: asks your password and code)\n"
      "  user confirm-totp NAME         your own: the first code from the new authenticator (PLATEDESK_TOTP)\n"
      "  user unlock NAME --local-admin break-glass: the host's administrator unlocks an administrator\n"
      "  user set-training NAME --completed 2026-03-01 [--expires 2027-03-01]"};
  return {spec, RunUser};
}

Command PurposeCommand() {
  CommandSpec spec{
      "purpose",
      "Show and manage the purpose catalogue: list, add CODE --label TEXT [--needs-approval] [--roles R,R], disable "
      "CODE, enable CODE.",
      {StorageOption(),
       UserOption(),
       FormatOption(),
       {"label", "TEXT", "label of a new purpose"},
       {"needs-approval", "", "the new purpose needs a supervisor's approval"},
       {"roles", "ROLE,ROLE", "the roles that may use the new purpose (default: every role that reaches plate data)"}},
      "ACTION [CODE]",
      true,
      "Prohibited purposes (immigration or traffic enforcement, harassment or intimidation, targeting a\n"
      "protected class, personal use) are listed so refusals can name them; they can never be chosen.\n"
      "A purpose with roles (AUDIT-REVIEW: supervisor,auditor) is refused to every other role, and the\n"
      "refusal is audited."};
  return {spec, RunPurpose};
}

Command CaseCommand() {
  CommandSpec spec{"case",
                   "Register and list cases: list, add NUMBER [--title T] [--lead L], close NUMBER, reopen NUMBER.",
                   {StorageOption(),
                    UserOption(),
                    FormatOption(),
                    {"title", "TEXT", "case title (add)"},
                    {"lead", "NAME", "lead investigator (add)"}},
                   "ACTION [NUMBER]",
                   true,
                   "Case numbers must match the agency format (setting case_pattern, default ^\\d{2}-\\d{5,6}$).\n"
                   "Closing and reopening needs a supervisor or administrator."};
  return {spec, RunCase};
}

}  // namespace platedesk::cli
