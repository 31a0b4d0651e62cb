// SPDX-License-Identifier: GPL-3.0-or-later
// Where the agency's verifier keys come from. A signature checked only with the key a package (or
// an audit log) carries proves nothing about who made it: anyone can sign with a key of their
// own. So the verdicts that name the signer need a key obtained out of band, given per command
// (--key) or configured once for the user (an environment variable or a file in the user's
// configuration folder that the agency's IT deploys).
#include "TrustedKeys.h"

#include "platedesk/common/Files.h"
#include "platedesk/evidence/Package.h"

#include <cstdlib>

namespace platedesk::cli {

std::filesystem::path UserTrustedKeysFile() {
#ifdef _WIN32
  if (const char* appData = std::getenv("APPDATA"); appData != nullptr && *appData != '\0')
    return std::filesystem::path(appData) / "PlateDesk" / "trusted-keys.txt";
  return {};
#else
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/')
    return std::filesystem::path(xdg) / "platedesk" / "trusted-keys.txt";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
    return std::filesystem::path(home) / ".config" / "platedesk" / "trusted-keys.txt";
  return {};
#endif
}

Result<TrustedKeys> LoadTrustedKeys(const ParsedArgs& args) {
  TrustedKeys out;
  if (args.Has("key")) {
    out.file = args.Get("key");
    out.source = "--key";
  } else if (const char* env = std::getenv("PLATEDESK_TRUSTED_KEYS"); env != nullptr && *env != '\0') {
    out.file = env;
    out.source = "PLATEDESK_TRUSTED_KEYS";
  } else {
    const auto file = UserTrustedKeysFile();
    std::error_code ec;
    if (file.empty() || !std::filesystem::is_regular_file(file, ec)) return out;
    out.file = file;
    out.source = "the user's trusted-keys file";
  }
  auto text = ReadFile(out.file);
  if (!text) return text.Err();
  auto keys = evidence::ParseTrustedKeys(*text);
  if (!keys) return Fail(ErrorCode::InvalidArgument, keys.Err().message, out.file.string() + ", " + keys.Err().context);
  out.keys = std::move(*keys);
  return out;
}

}  // namespace platedesk::cli
