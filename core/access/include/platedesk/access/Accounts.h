// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "platedesk/common/Result.h"
#include "platedesk/store/Storage.h"

namespace platedesk::access {

/// Password rules (CJIS IA-5(1)): at least 8 characters, passphrases with spaces allowed, no
/// truncation (up to 4096 bytes), valid UTF-8, not on the banned list, not the user name.
/// Returns InvalidArgument with a sentence saying which rule failed.
[[nodiscard]] Status CheckPasswordPolicy(std::string_view userName, std::string_view password);

/// Argon2id (libsodium crypto_pwhash_str, m = 19 MiB, t = 2, p = 1) encoded hash string.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password);
/// Constant-time verification against a stored Argon2id string.
[[nodiscard]] bool VerifyPassword(std::string_view encodedHash, std::string_view password);

/// User accounts of one storage: creation, authentication with lockout, role and training
/// changes. Persists through store::Storage; not thread-safe (one per thread, like Storage).
class Accounts {
 public:
  explicit Accounts(store::Storage& storage) : mStorage(storage) {}

  /// Creates a user after checking the name (1-64 of [A-Za-z0-9._-]) and the password policy.
  /// Errors: InvalidArgument, AlreadyExists, Io.
  [[nodiscard]] Result<store::UserRecord> AddUser(std::string_view name, store::Role role, std::string_view password,
                                                  std::string_view displayName = {});
  /// Checks name + password. Errors: Unauthenticated ("unknown user or wrong password", the
  /// same text for both), Locked, PermissionDenied (disabled). Counts failures: 5 within 15
  /// minutes lock the account until an administrator unlocks it.
  [[nodiscard]] Result<store::UserRecord> Authenticate(std::string_view name, std::string_view password);
  [[nodiscard]] Result<std::vector<store::UserRecord>> List();

  static constexpr int kMaxFailures = 5;
  static constexpr UtcMs kFailureWindowMs = 15 * kMsPerMinute;

 private:
  store::Storage& mStorage;
};

}  // namespace platedesk::access
