// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/store/Storage.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::access {

/// Password rules (CJIS IA-5(1)): at least 8 characters, passphrases with spaces allowed, no
/// truncation (up to 4096 bytes), valid UTF-8, not on the banned list, not the user name.
/// Returns InvalidArgument with a sentence saying which rule failed.
[[nodiscard]] Status CheckPasswordPolicy(std::string_view userName, std::string_view password);

/// Argon2id (libsodium crypto_pwhash_str, m = 19 MiB, t = 2, p = 1) encoded hash string.
[[nodiscard]] Result<std::string> HashPassword(std::string_view password);
/// Constant-time verification against a stored Argon2id string.
[[nodiscard]] bool VerifyPassword(std::string_view encodedHash, std::string_view password);

/// A user name as stored: NFC-normalised, checked (1-64 letters, digits, '.', '_', '-'; letters
/// of any script). Errors: InvalidArgument (with the rule). Thread-safe.
[[nodiscard]] Result<std::string> NormaliseUserName(std::string_view name);
/// The key user names are found and kept unique by: NFC, then Unicode case folding, then NFC
/// again, so `Detective` and `detective` are one account. Errors: as NormaliseUserName.
[[nodiscard]] Result<std::string> UserNameKey(std::string_view name);

/// What someone gives to sign in (or to re-authenticate before changing their own credentials).
struct Credentials {
  std::string name;
  std::string password;
  std::string totp;         ///< one-time code; needed when an authenticator is enrolled
  std::string newPassword;  ///< needed when the password was set by an administrator (works once)
};

/// User accounts of one storage: creation, authentication with lockout, credential changes.
/// Persists through store::Storage; not thread-safe (one per thread, like Storage); several
/// processes may sign in to one storage at once (the failure counter is kept in the database,
/// counted in one write transaction per attempt).
class Accounts {
 public:
  explicit Accounts(store::Storage& storage) : mStorage(storage) {}

  /// Creates a user after checking the name (NormaliseUserName, unique by UserNameKey) and the
  /// password policy. mustChangePassword: the password works once, to choose a new one (an
  /// administrator created the account). Errors: InvalidArgument, AlreadyExists, Io.
  [[nodiscard]] Result<store::UserRecord> AddUser(std::string_view name, store::Role role, std::string_view password,
                                                  std::string_view displayName = {}, bool mustChangePassword = false);
  /// The user a typed name means (case-insensitive, NFC), or nullopt.
  [[nodiscard]] Result<std::optional<store::UserRecord>> Find(std::string_view name);

  /// Checks a sign-in. Every attempt on an existing account is first counted in one BEGIN
  /// IMMEDIATE transaction, so parallel attempts count one each; the count is reset only after
  /// the password and the one-time code (when enrolled) both succeeded. kMaxFailures counted
  /// within kFailureWindowMs lock the account until an administrator unlocks it.
  /// The password is checked before anything about the account is said: an unknown name, a wrong
  /// password, and a wrong password on a disabled or locked account all answer Unauthenticated
  /// "unknown user or wrong password" (detail AccountNowLocked when this attempt locked the
  /// account). Only with the right password: PermissionDenied (disabled), Locked (locked),
  /// PermissionDenied/PasswordChangeNeeded (an administrator's password: give newPassword),
  /// InvalidArgument (newPassword breaks the policy), Unauthenticated/SecondFactorNeeded (no code
  /// given) or SecondFactorWrong (wrong or reused code; AccountNowLocked when that locked it).
  /// A code from a pending (not yet confirmed) enrolment confirms it.
  [[nodiscard]] Result<store::UserRecord> Authenticate(const Credentials& credentials);

  /// Sets a password chosen by the user themself, after Authenticate succeeded for them (the caller
  /// re-authenticated). Errors: InvalidArgument (policy; the same password again), NotFound.
  [[nodiscard]] Status SetOwnPassword(std::string_view name, std::string_view newPassword);
  /// An administrator's reset: the password works once, to choose a new one. Errors: as SetOwnPassword.
  [[nodiscard]] Status ResetPassword(std::string_view name, std::string_view password);
  /// A new authenticator secret, pending until the user gives a first code from it (ConfirmTotp or
  /// at sign-in); the enrolment it replaces stays in force until then. Returns the base32 secret.
  /// Errors: NotFound.
  [[nodiscard]] Result<std::string> EnrolTotp(std::string_view name);
  /// Confirms the pending secret with a code from it. Errors: NotFound, InvalidArgument (nothing
  /// pending), Unauthenticated/SecondFactorWrong (counted like a failed sign-in).
  [[nodiscard]] Status ConfirmTotp(std::string_view name, std::string_view code);
  /// Releases a locked account and clears its failure count. Errors: NotFound.
  [[nodiscard]] Status Unlock(std::string_view name);
  [[nodiscard]] Result<std::vector<store::UserRecord>> List();

  static constexpr int kMaxFailures = 5;
  static constexpr UtcMs kFailureWindowMs = 15 * kMsPerMinute;

 private:
  struct Counted {
    store::UserRecord user;  ///< as after this attempt was counted
    bool lockedNow = false;  ///< this attempt locked it
  };
  Result<Counted> CountAttempt(const std::string& storedName);
  Result<bool> LockIfExhausted(const std::string& storedName);
  Result<store::UserRecord> Existing(std::string_view name);

  store::Storage& mStorage;
};

}  // namespace platedesk::access
