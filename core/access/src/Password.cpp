// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Accounts.h"
#include "platedesk/common/Text.h"

#include <sodium.h>

#include <optional>
#include <string_view>
#include <unordered_set>

namespace platedesk::resources::access {
std::optional<std::string_view> Find(std::string_view name);
}

namespace platedesk::access {
namespace {

// OWASP's Argon2id minimum: m = 19 MiB, t = 2, p = 1 (libsodium always uses p = 1).
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u * 1024u * 1024u;
constexpr std::size_t kMaxPasswordBytes = 4096;
constexpr std::size_t kMinPasswordChars = 8;

const std::unordered_set<std::string>& BannedPasswords() {
  static const std::unordered_set<std::string> kBanned = [] {
    std::unordered_set<std::string> set;
    const auto text = resources::access::Find("banned-passwords.txt");
    if (!text) return set;
    for (const auto& line : Split(*text, '\n')) {
      const std::string word = Trim(line);
      if (!word.empty() && word[0] != '#') set.insert(ToLowerAscii(word));
    }
    return set;
  }();
  return kBanned;
}

std::size_t CountCodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view userName, std::string_view password) {
  if (!IsValidUtf8(password)) return Fail(ErrorCode::InvalidArgument, "the password is not valid UTF-8 text");
  if (password.size() > kMaxPasswordBytes)
    return Fail(ErrorCode::InvalidArgument, "the password is longer than 4096 bytes");
  if (CountCodePoints(password) < kMinPasswordChars)
    return Fail(ErrorCode::InvalidArgument,
                "the password must have at least 8 characters (a passphrase with spaces is welcome)");
  const std::string lower = ToLowerAscii(password);
  if (BannedPasswords().count(lower) != 0 || BannedPasswords().count(Trim(lower)) != 0)
    return Fail(ErrorCode::InvalidArgument, "this password is on the list of common passwords; choose another");
  if (!userName.empty() && lower.find(ToLowerAscii(userName)) != std::string::npos)
    return Fail(ErrorCode::InvalidArgument, "the password must not contain the user name");
  return {};
}

Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return Fail(ErrorCode::Internal, "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Fail(ErrorCode::Internal, "out of memory while hashing the password");
  return std::string(out);
}

bool VerifyPassword(std::string_view encodedHash, std::string_view password) {
  if (sodium_init() < 0) return false;
  const std::string hash(encodedHash);  // needs a NUL-terminated string
  if (hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace platedesk::access
