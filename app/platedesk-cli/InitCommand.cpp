// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"
#include "Terminal.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <iostream>

namespace platedesk::cli {
namespace {

int Run(const ParsedArgs& args, Context& ctx) {
  const std::string folder = args.Get("storage");
  const std::string admin = args.Get("admin");
  // Check the password before creating anything, so a refused password leaves no half storage.
  auto password = ObtainNewPassword(admin);
  if (!password) return Report(password.Err());
  if (auto policy = access::CheckPasswordPolicy(admin, *password); !policy.Ok()) return Report(policy.Err());

  auto storage = store::Storage::Create(folder, ctx.clock);
  if (!storage) return Report(storage.Err(), "Choose a new or empty folder for the storage.");
  const auto where = (*storage)->Folder();
  const int schema = (*storage)->SchemaVersion();
  storage->reset();  // the workstation opens it again, with its audit log
  auto ws = workstation::Workstation::Open(where, ctx.clock);
  if (!ws) return Report(ws.Err());
  if (args.Has("no-mfa")) {
    if (auto st = (*ws)->BootstrapMfaRequired(false); !st.Ok()) return Report(st.Err());
  }
  // Not marked trained: another administrator records the first one's training before they reach data.
  if (auto st = (*ws)->BootstrapUser(admin, store::Role::Administrator, *password, admin, false); !st.Ok())
    return Report(st.Err());
  std::cout << "Created storage " << where.string() << " (schema " << schema << ") with administrator '" << admin
            << "'.\nNext: enrol your authenticator (`user enroll-totp " << admin << " --user " << admin
            << "`), sign in with its\nfirst code (`platedesk-cli login`), add users (`user add`) and a second "
               "administrator, who records\nyour training (`user set-training`).\n";
  return kExitOk;
}

}  // namespace

Command InitCommand() {
  CommandSpec spec{"init",
                   "Create an empty storage folder and its first administrator.",
                   {StorageOption(),
                    {"admin", "NAME", "user name of the first administrator", true},
                    {"no-mfa", "",
                     "this agency does not require a second factor (mfa_required 0; turning it off "
                     "later takes two administrators)"}},
                   "",
                   false,
                   "The password is asked twice on a terminal, or read as one line from standard input:\n"
                   "  printf '%s\\n' \"$PASS\" | platedesk-cli init --storage /srv/platedesk --admin a.rivera"};
  return {spec, Run};
}

}  // namespace platedesk::cli
