// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"

#include "Terminal.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/remote/Remote.h"
#include "platedesk/workstation/Workstation.h"

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>

#ifdef _WIN32
#include <windows.h>
#else
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace platedesk::cli {
namespace {
std::stop_source gInterrupt;
extern "C" void PlatedeskOnInterrupt(int) { gInterrupt.request_stop(); }
}  // namespace

InterruptScope::InterruptScope() {
  gInterrupt = std::stop_source();
  std::signal(SIGINT, PlatedeskOnInterrupt);
}
InterruptScope::~InterruptScope() { std::signal(SIGINT, SIG_DFL); }
std::stop_token InterruptScope::Token() const { return gInterrupt.get_token(); }

std::vector<Command> AllCommands() {
  std::vector<Command> all{InitCommand(),        DemoCommand(),          ImportCommand(),
                           StatusCommand(),      LoginCommand(),         LogoutCommand(),
                           UserCommand(),        PurposeCommand(),       CaseCommand(),
                           AuditCommand(),       KeysCommand(),          ReadCommand(),
                           SearchCommand(),      ScenesCommand(),        ConfigCommand(),
                           ExportCommand(),      VerifyCommand(),        PurgeCommand(),
                           ServerTokenCommand(), CameraCommand(),        SimulateCamerasCommand(),
                           AgencyCommand(),      DisseminationCommand(), ReviewCommand(),
                           ApprovalCommand(),    TransparencyCommand(),  VerifyReportCommand(),
                           HoldCommand()};
  // Every command that signs in works on a folder (--storage) or through a platedesk-server
  // (--server): the same rules, run by the folder's embedded session or by the server's.
  static const std::set<std::string> kRemoteCapable{
      "import", "status",        "login",  "logout",   "user",         "purpose", "case",         "audit",
      "read",   "search",        "scenes", "config",   "export",       "purge",   "server-token", "camera",
      "agency", "dissemination", "review", "approval", "transparency", "hold"};
  for (auto& command : all) {
    if (!kRemoteCapable.contains(command.spec.name)) continue;
    for (auto& option : command.spec.options)
      if (option.name == "storage") {
        option.required = false;
        option.help = "the storage folder (or --server)";
      }
    for (auto& option : ServerOptions()) command.spec.options.push_back(option);
  }
  return all;
}

int Report(const Error& error, const std::string& hint) {
  std::cerr << "error: " << error.message;
  if (!error.context.empty()) std::cerr << " (" << error.context << ")";
  std::cerr << "\n";
  if (!hint.empty()) std::cerr << hint << "\n";
  return kExitFailed;
}

int Usage(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return kExitUsage;
}

std::string FormatOneDecimal(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

Result<std::string> ObtainPassword(const std::string& user) {
  if (const char* env = std::getenv("PLATEDESK_PASSWORD"); env != nullptr) return std::string(env);
  std::optional<std::string> line = StdinIsTerminal() ? ReadSecret("Password for " + user + ": ") : ReadStdinLine();
  if (!line) return Fail(ErrorCode::Unauthenticated, "no password given: set PLATEDESK_PASSWORD or type it when asked");
  return *line;
}

Result<std::string> ObtainNewPassword(const std::string& user) {
  if (!StdinIsTerminal()) {
    auto line = ReadStdinLine();
    if (!line) return Fail(ErrorCode::InvalidArgument, "no password on standard input");
    return *line;
  }
  auto first = ReadSecret("New password for " + user + ": ");
  auto second = ReadSecret("Repeat the password: ");
  if (!first || !second) return Fail(ErrorCode::InvalidArgument, "no password given");
  if (*first != *second) return Fail(ErrorCode::InvalidArgument, "the two passwords differ");
  return *first;
}

std::filesystem::path SessionFile(const std::filesystem::path& storage) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(storage, ec);
  if (ec) canonical = std::filesystem::absolute(storage);
  return UserStateFolder() / "sessions" / (Sha256Hex(canonical.string()).substr(0, 24) + ".session");
}

std::string SessionBinding() {
#ifdef _WIN32
  char name[256] = {};
  DWORD size = sizeof name;
  const std::string who = GetUserNameA(name, &size) ? std::string(name) : std::string("unknown");
  return "user " + who + " on " + HostName();
#else
  return "uid " + std::to_string(::geteuid()) + " on " + HostName();
#endif
}

Status CheckStateFolder(const std::filesystem::path& sessionFile) {
#ifdef _WIN32
  (void)sessionFile;
  return {};  // %LOCALAPPDATA% (or the per-user %TEMP%) is the user's own
#else
  // Only the shared fallback (no HOME, no XDG_STATE_HOME) can have been made by someone else first.
  const auto fallback = std::filesystem::temp_directory_path() / "platedesk-state";
  const auto state = sessionFile.parent_path().parent_path();
  if (state != fallback) return {};
  struct stat st {};
  if (::lstat(state.c_str(), &st) != 0) {
    if (::mkdir(state.c_str(), 0700) != 0 || ::lstat(state.c_str(), &st) != 0)
      return Fail(ErrorCode::Io, "cannot create the session folder", state.string());
  }
  if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 077) != 0)
    return Fail(ErrorCode::PermissionDenied,
                "the session folder is not yours alone (it must be a folder owned by you with mode 0700); set HOME "
                "or XDG_STATE_HOME, or remove it",
                state.string());
  return {};
#endif
}

namespace {

Result<std::unique_ptr<workstation::Session>> LoginWithPrompts(workstation::Connection& ws, const std::string& user,
                                                               const std::string& kind) {
  std::cerr << ws.Banner() << "\n";
  workstation::LoginRequest request;
  request.user = user;
  request.kind = kind;
  if (const char* accept = std::getenv("PLATEDESK_ACCEPT_BANNER"); accept != nullptr && std::string(accept) == "yes") {
    request.bannerAccepted = true;
  } else if (StdinIsTerminal()) {
    std::cerr << "Type 'yes' to acknowledge this notice: " << std::flush;
    auto answer = ReadStdinLine();
    request.bannerAccepted = answer && Trim(*answer) == "yes";
  }
  if (!request.bannerAccepted)
    return Fail(ErrorCode::InvalidArgument,
                "the system-use notice was not acknowledged (type yes, or set PLATEDESK_ACCEPT_BANNER=yes in scripts)");
  auto password = ObtainPassword(user);
  if (!password) return password.Err();
  request.password = *password;
  const char* totpEnv = std::getenv("PLATEDESK_TOTP");
  if (totpEnv != nullptr) request.totp = totpEnv;
  request.binding = SessionBinding();
  auto session = ws.Login(request);
  // An administrator set this password: it works once, to choose a new one (asked before the
  // one-time code, which the first attempt did not spend).
  if (!session && session.Err().detail == ErrorDetail::PasswordChangeNeeded) {
    std::cerr << "Your password was set by an administrator: choose a new one now.\n";
    auto newPassword = ObtainNewPassword(user);
    if (!newPassword) return newPassword.Err();
    request.newPassword = *newPassword;
    session = ws.Login(request);
  }
  if (!session && totpEnv == nullptr && StdinIsTerminal() && session.Err().detail == ErrorDetail::SecondFactorNeeded) {
    auto code = ReadSecret("One-time code from your authenticator app: ");
    if (!code) return session.Err();
    request.totp = Trim(*code);
    session = ws.Login(request);
  }
  return session;
}

}  // namespace

Result<SignedIn> SignInFresh(const ParsedArgs& args, Context& ctx, const std::string& kind) {
  SignedIn out;
  auto ws = OpenConnection(args, ctx);
  if (!ws) return ws.Err();
  out.workstation = std::move(ws.Value());
  if (!args.Has("user")) return Fail(ErrorCode::InvalidArgument, "--user NAME is needed to sign in");
  auto session = LoginWithPrompts(*out.workstation, args.Get("user"), kind);
  if (!session) return session.Err();
  out.session = std::move(session.Value());
  return out;
}

Result<SignedIn> SignIn(const ParsedArgs& args, Context& ctx) {
  SignedIn out;
  auto ws = OpenConnection(args, ctx);
  if (!ws) return ws.Err();
  out.workstation = std::move(ws.Value());
  // A session saved by `login` for this storage, if it is still valid and for the same user.
  const auto file = SessionFileOf(args);
  PLATEDESK_TRY(CheckStateFolder(file));
  if (auto saved = ReadSavedSession(file); saved.Ok()) {
    auto resumed = out.workstation->Resume(saved->token, SessionBinding());
    if (resumed && (!args.Has("user") || (*resumed)->User().name == args.Get("user"))) {
      out.session = std::move(resumed.Value());
      return out;
    }
    if (!resumed && !args.Has("user")) return resumed.Err();
  }
  if (!args.Has("user"))
    return Fail(ErrorCode::Unauthenticated,
                "not signed in: run `platedesk-cli login --storage DIR --user NAME` or pass --user");
  auto session = LoginWithPrompts(*out.workstation, args.Get("user"), "cli");
  if (!session) return session.Err();
  out.session = std::move(session.Value());
  return out;
}

std::filesystem::path SessionFileOf(const ParsedArgs& args) {
  if (args.Has("server"))
    return UserStateFolder() / "sessions" / (Sha256Hex("server " + args.Get("server")).substr(0, 24) + ".session");
  return SessionFile(args.Get("storage"));
}

Result<SavedSession> ReadSavedSession(const std::filesystem::path& file) {
  auto text = ReadFile(file);
  if (!text) return text.Err();
  SavedSession saved;
  std::istringstream in(*text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    line = Trim(line);
    if (first) {
      saved.token = line;
      first = false;
    } else if (line.starts_with("server ")) {
      saved.server = line.substr(7);
    } else if (line.starts_with("pin ")) {
      saved.pin = line.substr(4);
    } else if (line.starts_with("ca-file ")) {
      saved.caFile = line.substr(8);
    }
  }
  if (saved.token.empty()) return Fail(ErrorCode::NotFound, "no session saved", file.string());
  return saved;
}

std::string FormatSavedSession(const SavedSession& saved) {
  std::string text = saved.token + "\n";
  if (!saved.server.empty()) text += "server " + saved.server + "\n";
  if (!saved.pin.empty()) text += "pin " + saved.pin + "\n";
  if (!saved.caFile.empty()) text += "ca-file " + saved.caFile + "\n";
  return text;
}

Result<std::unique_ptr<workstation::Connection>> OpenConnection(const ParsedArgs& args, Context& ctx) {
  if (args.Has("server") == args.Has("storage"))
    return Fail(ErrorCode::InvalidArgument, "give --storage DIR (a folder) or --server URL (a platedesk-server)");
  if (args.Has("storage")) {
    if (args.Has("pin") || args.Has("ca-file"))
      return Fail(ErrorCode::InvalidArgument, "--pin and --ca-file go with --server");
    auto ws = workstation::Workstation::Open(args.Get("storage"), ctx.clock);
    if (!ws) return ws.Err();
    return std::unique_ptr<workstation::Connection>(std::move(*ws));
  }
  remote::Endpoint endpoint;
  endpoint.url = args.Get("server");
  endpoint.trust.pin = args.Get("pin");
  endpoint.trust.caFile = args.Get("ca-file");
  if (endpoint.trust.pin.empty() && endpoint.trust.caFile.empty()) {
    // The trust given at `login --server` is remembered with its session.
    if (auto saved = ReadSavedSession(SessionFileOf(args)); saved.Ok()) {
      endpoint.trust.pin = saved->pin;
      endpoint.trust.caFile = saved->caFile;
    }
  }
  return remote::Connect(endpoint);
}

std::vector<OptionSpec> ServerOptions() {
  return {
      {"server", "URL", "a platedesk-server (https://HOST:PORT) instead of --storage"},
      {"ca-file", "FILE", "with --server: the CA certificate(s) the server's certificate must chain to"},
      {"pin", "sha256//BASE64", "with --server: the server's public key (`platedesk-server fingerprint` prints it)"}};
}

std::vector<OptionSpec> AccessContextOptions() {
  return {{"case", "NUMBER", "case number (agency format)", true},
          {"purpose", "CODE", "purpose code from `platedesk-cli purpose list`", true},
          {"justification", "TEXT", "why this access is needed (at least 10 characters)", true},
          {"approval", "ID", "the supervisor's approval this access runs under (`approval list`)"}};
}

Result<access::AccessContext> AccessContextFrom(const ParsedArgs& args) {
  access::AccessContext context{args.Get("case"), args.Get("purpose"), args.Get("justification")};
  if (args.Has("approval")) {
    auto id = args.GetInt("approval", 0);
    if (!id || *id < 1) return Fail(ErrorCode::InvalidArgument, "--approval takes an approval request's id number");
    context.approval = *id;
  }
  return context;
}

Result<std::int64_t> ParsePositiveId(std::string_view text, const std::string& what) {
  const std::string t = Trim(text);
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), id);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || id <= 0)
    return Fail(ErrorCode::InvalidArgument, "'" + t + "' is not a " + what);
  return id;
}

std::string ApprovalHint(const Error& error) {
  if (error.detail != ErrorDetail::ApprovalNeeded) return {};
  return "Ask a supervisor: `platedesk-cli approval request` with the same options; once another supervisor\n"
         "approved it (`approval list`), run the same command with --approval ID.";
}

OptionSpec StorageOption() { return {"storage", "DIR", "the storage folder", true}; }
OptionSpec UserOption() {
  return {"user", "NAME",
          "sign in as this user unless a `login` session exists (password from PLATEDESK_PASSWORD or a prompt)"};
}
OptionSpec FormatOption() { return {"format", "table|csv|json", "output format (default table)"}; }

void ProgressPrinter::operator()(std::uint64_t done, std::uint64_t total) {
  using namespace std::chrono;
  const auto now = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  const bool tty = StderrIsTerminal();
  // A terminal gets a line that updates at most ten times a second and always shows the end; a
  // log file gets a line every 5 s of long work only (a lone "0%" line would mislead).
  if (mLastPrintMs == 0 && !tty) mLastPrintMs = now;
  const bool last = total > 0 && done >= total;
  if (tty ? (now - mLastPrintMs < 100 && !last) : (now - mLastPrintMs < 5000)) return;
  mLastPrintMs = now;
  mPrinted = true;
  std::cerr << (tty ? "\r" : "") << mLabel << ": " << done;
  if (total > 0) std::cerr << " / " << total << " (" << (done * 100 / total) << "%)";
  std::cerr << (tty ? "   " : "\n") << std::flush;
}

void ProgressPrinter::Finish() {
  if (mPrinted && StderrIsTerminal()) std::cerr << "\n";
}

}  // namespace platedesk::cli
