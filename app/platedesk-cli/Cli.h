// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Args.h"

#include "platedesk/access/Policy.h"
#include "platedesk/common/Host.h"
#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Dissemination.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace platedesk::workstation {
class Connection;
class Session;
}  // namespace platedesk::workstation

namespace platedesk::cli {

/// Exit codes of every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  ///< refused or failed; the reason is on stderr
inline constexpr int kExitUsage = 2;
/// `verify` and `audit verify`: intact and consistent, but checked only with the key the package or
/// log carries (no trusted key configured), so the signer is not verified. Only 0 says who signed.
inline constexpr int kExitSignerNotVerified = 3;
/// `audit verify`: intact and signed by a trusted key, but no checkpoint held outside the machine
/// (--checkpoint, --witness) anchors it, so whoever controls the machine could have rebuilt it
/// whole. The same code as kExitSignerNotVerified: both say "intact, not proven"; only 0 is PASS.
inline constexpr int kExitNotAnchored = 3;

/// Everything a command needs from its composition root (the clock is injectable for tests of
/// the same graph; main() passes the system clock).
struct Context {
  const Clock& clock;
};

/// A sub-command: its spec (options, help) and its body.
struct Command {
  CommandSpec spec;
  std::function<int(const ParsedArgs&, Context&)> run;
};

/// The commands, in the order `platedesk-cli --help` lists them.
[[nodiscard]] std::vector<Command> AllCommands();

Command InitCommand();
Command StatusCommand();
Command DemoCommand();
Command ImportCommand();
Command LoginCommand();
Command LogoutCommand();
Command UserCommand();
Command PurposeCommand();
Command CaseCommand();
Command AuditCommand();
Command KeysCommand();
Command ReadCommand();
Command ConfigCommand();
Command SearchCommand();
Command ScenesCommand();
Command VerifyCommand();
Command ExportCommand();
Command PurgeCommand();
Command ServerTokenCommand();
Command CameraCommand();
/// `camera health`: the storage server's view of each camera (no sign-in with --storage).
int RunCameraHealth(const ParsedArgs& args, Context& ctx);
Command SimulateCamerasCommand();

Command AgencyCommand();
Command ReviewCommand();
Command TransparencyCommand();
Command VerifyReportCommand();
Command ApprovalCommand();
Command HoldCommand();
Command DisseminationCommand();

/// An export that releases an approved dissemination request (`dissemination release`).
struct ExportRelease {
  std::int64_t request = 0;
  store::ReleaseMethod method = store::ReleaseMethod::Media;
  std::string receivedBy;
};
/// The `export` command's body; with a release, the access context is the request's own.
int RunExport(const ParsedArgs& args, Context& ctx, const std::optional<ExportRelease>& release);
/// The options that choose and write a package (reads, --to, encryption, labels), shared by
/// `export` and `dissemination release`.
[[nodiscard]] std::vector<OptionSpec> ExportPackageOptions();

/// `keys rotate --which audit|evidence` (and its alias `audit rotate-key`): signs in, rotates the key
/// through the session (administrators) and prints the new verifier key to publish.
int RotateSigningKey(const ParsedArgs& args, Context& ctx, const std::string& which);

/// Prints "error: <message>" (+ a hint) on stderr and returns kExitFailed (kExitUsage for
/// InvalidArgument usage problems when usage is true).
int Report(const Error& error, const std::string& hint = {});

/// The password for `user`: PLATEDESK_PASSWORD, else a no-echo prompt on a terminal, else one line
/// of standard input. Errors: Unauthenticated when none can be had.
[[nodiscard]] Result<std::string> ObtainPassword(const std::string& user);

/// A whole number from 1 up (a read's, a hold's, a request's id). Errors: InvalidArgument
/// ("'x' is not a <what>").
[[nodiscard]] Result<std::int64_t> ParsePositiveId(std::string_view text, const std::string& what);

/// Prints "error: <message>" on stderr and returns kExitUsage (bad options or arguments).
int Usage(const std::string& message);

/// A number with one decimal ("91.5"), as tables show confidences.
[[nodiscard]] std::string FormatOneDecimal(double value);

/// A new password: asked twice on a terminal, or one line of standard input (scripts).
[[nodiscard]] Result<std::string> ObtainNewPassword(const std::string& user);

/// Opens the storage named by --storage and resumes the session saved by `login` for it, or
/// signs in --user on the spot (password as ObtainPassword, one-time code from PLATEDESK_TOTP or a
/// prompt, system-use notice acknowledged on the terminal or with PLATEDESK_ACCEPT_BANNER=yes).
struct SignedIn {
  std::unique_ptr<workstation::Connection> workstation;  ///< the opened folder or the server
  std::unique_ptr<workstation::Session> session;
};
/// The storage of --storage DIR (opened here) or the platedesk-server of --server URL (with
/// --ca-file or --pin, else the trust remembered by `login --server`). Errors: InvalidArgument
/// (neither or both given), the opening's or connection's.
[[nodiscard]] Result<std::unique_ptr<workstation::Connection>> OpenConnection(const ParsedArgs& args, Context& ctx);
[[nodiscard]] Result<SignedIn> SignIn(const ParsedArgs& args, Context& ctx);
/// Signs in with a password (never resumes); for `login`.
[[nodiscard]] Result<SignedIn> SignInFresh(const ParsedArgs& args, Context& ctx, const std::string& kind);

/// Where `login` keeps the session token for a storage (readable only by the user).
[[nodiscard]] std::filesystem::path SessionFile(const std::filesystem::path& storage);
/// The session file of a command line: its --server URL's, or its --storage folder's.
[[nodiscard]] std::filesystem::path SessionFileOf(const ParsedArgs& args);
/// What a session file holds: the token, and for a server the trust `login` was given.
struct SavedSession {
  std::string token;
  std::string server;
  std::string pin;
  std::string caFile;
};
[[nodiscard]] Result<SavedSession> ReadSavedSession(const std::filesystem::path& file);
[[nodiscard]] std::string FormatSavedSession(const SavedSession& saved);
/// Refuses a session folder someone else could have made: the shared fallback
/// (/tmp/platedesk-state, used when HOME and XDG_STATE_HOME are unset) must be a real folder owned
/// by this user with mode 0700 (it is created so when missing). Errors: PermissionDenied, Io.
[[nodiscard]] Status CheckStateFolder(const std::filesystem::path& sessionFile);
/// What a saved session is bound to: this OS user and host ("uid 1000 on ws-12"); a token copied
/// to another account or machine does not resume.
[[nodiscard]] std::string SessionBinding();

/// Common option specs.
OptionSpec StorageOption();
/// --server, --ca-file, --pin: added to every command that takes --storage (AllCommands).
std::vector<OptionSpec> ServerOptions();
OptionSpec UserOption();
/// --case, --purpose, --justification and --approval (the access context of plate-data commands).
std::vector<OptionSpec> AccessContextOptions();
/// The access context those options give. Errors: InvalidArgument (--approval is no id).
[[nodiscard]] Result<access::AccessContext> AccessContextFrom(const ParsedArgs& args);
/// What a refusal that asks for a supervisor's approval should say next ("" for other errors).
[[nodiscard]] std::string ApprovalHint(const Error& error);
OptionSpec FormatOption();

/// While alive, Ctrl-C (SIGINT) requests a stop on Token() instead of killing the process, so a
/// long command ends cleanly with what it committed. One at a time.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
  [[nodiscard]] std::stop_token Token() const;
};

/// Progress line on stderr ("\r" updates on a terminal, a line every few seconds otherwise).
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::string label) : mLabel(std::move(label)) {}
  void operator()(std::uint64_t done, std::uint64_t total);
  void Finish();

 private:
  std::string mLabel;
  std::int64_t mLastPrintMs = 0;
  bool mPrinted = false;
};

}  // namespace platedesk::cli
