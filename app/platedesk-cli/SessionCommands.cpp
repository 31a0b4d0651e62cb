// SPDX-License-Identifier: GPL-3.0-or-later
// login / logout: a CLI session kept like other command-line tools keep theirs.
#include "Cli.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Text.h"
#include "platedesk/workstation/Workstation.h"

#include <fstream>
#include <iostream>

#ifndef _WIN32
#include <sys/stat.h>
#endif

namespace platedesk::cli {
namespace {

// Writes the token so only this user can read it (0600 on POSIX; the user's profile on Windows).
Status SaveToken(const std::filesystem::path& file, const std::string& token) {  // token: the file's text
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
#ifndef _WIN32
  ::chmod(file.parent_path().c_str(), 0700);
  const mode_t old = ::umask(077);
#endif
  auto st = WriteFileAtomic(file, token);
#ifndef _WIN32
  ::umask(old);
  ::chmod(file.c_str(), 0600);
#endif
  return st;
}

int RunLogin(const ParsedArgs& args, Context& ctx) {
  const auto file = SessionFileOf(args);
  // Before the password is asked: a token is never written where someone else could read it.
  if (auto st = CheckStateFolder(file); !st.Ok()) return Report(st.Err());
  auto signedIn = SignInFresh(args, ctx, "cli");
  if (!signedIn) return Report(signedIn.Err());
  SavedSession saved;
  saved.token = signedIn->session->Token();
  if (args.Has("server")) {
    saved.server = args.Get("server");
    saved.pin = args.Get("pin");
    saved.caFile = args.Has("ca-file") ? std::filesystem::absolute(args.Get("ca-file")).string() : std::string();
  }
  if (auto st = SaveToken(file, FormatSavedSession(saved)); !st.Ok()) return Report(st.Err());
  const auto& u = signedIn->session->User();
  std::cout << "Signed in as " << u.name << " (" << store::RoleName(u.role) << "). The session ends after "
            << "30 idle minutes (or the agency's setting) and after 12 hours; `platedesk-cli logout` ends it now.\n";
  if (auto blocked = signedIn->session->DataBlockedReason()) std::cout << "Note: " << *blocked << "\n";
  return kExitOk;
}

int RunLogout(const ParsedArgs& args, Context& ctx) {
  const auto file = SessionFileOf(args);
  if (auto st = CheckStateFolder(file); !st.Ok()) return Report(st.Err());
  auto saved = ReadFile(file);
  if (!saved) {
    std::cout << "No saved session for this storage.\n";
    return kExitOk;
  }
  auto ws = OpenConnection(args, ctx);
  if (!ws) return Report(ws.Err());
  auto parsed = ReadSavedSession(file);
  auto session = (*ws)->Resume(parsed ? parsed->token : std::string(), SessionBinding());
  std::error_code ec;
  std::filesystem::remove(file, ec);
  if (session) {
    if (auto st = (*session)->Logout(); !st.Ok()) return Report(st.Err());
  }
  std::cout << "Signed out.\n";
  return kExitOk;
}

}  // namespace

Command LoginCommand() {
  CommandSpec spec{
      "login",
      "Sign in once; later commands on this storage use the session until it idles out, passes 12 hours, or `logout`.",
      {StorageOption(), {"user", "NAME", "user name", true}},
      "",
      false,
      "Shows the system-use notice (acknowledge with 'yes', or PLATEDESK_ACCEPT_BANNER=yes in scripts),\n"
      "then asks for the password (PLATEDESK_PASSWORD) and, when enrolled, the one-time code\n"
      "(PLATEDESK_TOTP). A password an administrator set works once: a new one is asked for (twice on a\n"
      "terminal, else one line of standard input). The session token is stored readable only by you,\n"
      "bound to this storage, your OS account and this host."};
  return {spec, RunLogin};
}

Command LogoutCommand() {
  CommandSpec spec{"logout", "End the saved session for this storage.", {StorageOption()}, "", false, ""};
  return {spec, RunLogout};
}

}  // namespace platedesk::cli
