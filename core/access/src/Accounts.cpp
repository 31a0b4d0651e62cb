// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Accounts.h"

#include "platedesk/access/Totp.h"

namespace platedesk::access {
namespace {

// A fixed hash to verify against when the user does not exist, so the answer takes as long for an
// unknown name as for a wrong password (no user-name probing by timing).
const std::string& DummyHash() {
  static const std::string kHash = [] {
    auto h = HashPassword("platedesk-timing-equaliser");
    return h.Ok() ? h.Value() : std::string();
  }();
  return kHash;
}

// The one answer for an unknown name and for any wrong password (SECURITY.md).
Error WrongCredentials(ErrorDetail detail = ErrorDetail::None) {
  return Fail(ErrorCode::Unauthenticated, detail, "unknown user or wrong password");
}

Error NoSuchUser(std::string_view name) { return Fail(ErrorCode::NotFound, "no such user", std::string(name)); }

}  // namespace

Result<store::UserRecord> Accounts::AddUser(std::string_view name, store::Role role, std::string_view password,
                                            std::string_view displayName, bool mustChangePassword) {
  auto normal = NormaliseUserName(name);
  if (!normal) return normal.Err();
  auto key = UserNameKey(*normal);
  if (!key) return key.Err();
  PLATEDESK_TRY(CheckPasswordPolicy(*normal, password));
  auto existing = mStorage.FindUserByKey(*key);
  if (!existing) return existing.Err();
  if (existing->has_value())
    return Fail(ErrorCode::AlreadyExists, "a user with this name exists (names are not case-sensitive)",
                (*existing)->name);
  auto hash = HashPassword(password);
  if (!hash) return hash.Err();
  store::UserRecord user;
  user.name = *normal;
  user.nameKey = *key;
  user.displayName = displayName.empty() ? *normal : std::string(displayName);
  user.role = role;
  user.passwordHash = std::move(hash.Value());
  user.mustChangePassword = mustChangePassword;
  user.createdAt = mStorage.GetClock().Now();
  auto id = mStorage.AddUser(user);
  if (!id) return id.Err();
  user.id = *id;
  return user;
}

Result<std::optional<store::UserRecord>> Accounts::Find(std::string_view name) {
  auto key = UserNameKey(name);
  if (!key) return std::optional<store::UserRecord>();  // no account can have a name that breaks the rules
  return mStorage.FindUserByKey(*key);
}

Result<store::UserRecord> Accounts::Existing(std::string_view name) {
  auto found = Find(name);
  if (!found) return found.Err();
  if (!found->has_value()) return NoSuchUser(name);
  return **found;
}

// One write transaction: the attempt is on record before the (slow) password check, so N
// attempts in parallel, from any number of processes, count N.
Result<Accounts::Counted> Accounts::CountAttempt(const std::string& storedName) {
  auto tx = mStorage.Begin();
  if (!tx) return tx.Err();
  auto found = mStorage.FindUser(storedName);
  if (!found) return found.Err();
  if (!found->has_value()) return NoSuchUser(storedName);
  Counted out{std::move(**found), false};
  store::UserRecord& user = out.user;
  const UtcMs now = mStorage.GetClock().Now();
  if (!user.firstFailedLoginAt || now - *user.firstFailedLoginAt > kFailureWindowMs) {
    user.failedLogins = 1;
    user.firstFailedLoginAt = now;
  } else {
    ++user.failedLogins;
  }
  // More attempts in flight than failures allowed: lock now, whatever their passwords.
  if (!user.locked && user.failedLogins > kMaxFailures) {
    user.locked = true;
    out.lockedNow = true;
  }
  PLATEDESK_TRY(mStorage.UpdateUser(user));
  PLATEDESK_TRY(tx->Commit());
  return out;
}

Result<bool> Accounts::LockIfExhausted(const std::string& storedName) {
  auto tx = mStorage.Begin();
  if (!tx) return tx.Err();
  auto found = mStorage.FindUser(storedName);
  if (!found) return found.Err();
  if (!found->has_value()) return false;
  store::UserRecord user = **found;
  if (user.locked || user.failedLogins < kMaxFailures) return false;
  user.locked = true;
  PLATEDESK_TRY(mStorage.UpdateUser(user));
  PLATEDESK_TRY(tx->Commit());
  return true;
}

Result<store::UserRecord> Accounts::Authenticate(const Credentials& c) {
  auto found = Find(c.name);
  if (!found) return found.Err();
  if (!found->has_value()) {
    (void)VerifyPassword(DummyHash(), c.password);
    return WrongCredentials();
  }
  auto counted = CountAttempt((*found)->name);
  if (!counted) return counted.Err();
  bool lockedNow = counted->lockedNow;
  store::UserRecord user = counted->user;
  const auto failed = [&](bool passwordWasRight) -> Error {
    auto locked = LockIfExhausted(user.name);
    if (locked.Ok() && *locked) lockedNow = true;
    if (!passwordWasRight) return WrongCredentials(lockedNow ? ErrorDetail::AccountNowLocked : ErrorDetail::None);
    return Fail(ErrorCode::Unauthenticated, lockedNow ? ErrorDetail::AccountNowLocked : ErrorDetail::SecondFactorWrong,
                lockedNow ? "wrong or expired one-time code; too many failed sign-ins: the account is now locked"
                          : "wrong or expired one-time code, or one already used",
                user.name);
  };
  if (!VerifyPassword(user.passwordHash, c.password)) return failed(false);

  // The password is right: only now may the answer say more about the account.
  if (user.disabled)
    return Fail(ErrorCode::PermissionDenied, "this account is disabled; ask an administrator", user.name);
  if (user.locked)
    return Fail(ErrorCode::Locked,
                "this account is locked after repeated failed sign-ins; an administrator must unlock it", user.name);
  if (user.mustChangePassword) {
    if (c.newPassword.empty())
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::PasswordChangeNeeded,
                  "this password was set by an administrator and works once: choose a new password", user.name);
    PLATEDESK_TRY(CheckPasswordPolicy(user.name, c.newPassword));
    if (c.newPassword == c.password)
      return Fail(ErrorCode::InvalidArgument, "the new password must differ from the one an administrator set");
  }

  const UtcMs now = mStorage.GetClock().Now();
  std::optional<std::int64_t> acceptedStep;
  bool confirmPending = false;
  if (!user.totpPending.empty() && !c.totp.empty()) {
    // A code from a new enrolment confirms it (the enrolment it replaces ends).
    if (auto step = Totp::Verify(user.totpPending, c.totp, now, 0); step.Ok()) {
      acceptedStep = *step;
      confirmPending = true;
    }
  }
  if (!acceptedStep && !user.totpSecret.empty()) {
    if (c.totp.empty())
      return Fail(ErrorCode::Unauthenticated, ErrorDetail::SecondFactorNeeded,
                  "enter the one-time code from your authenticator app", user.name);
    auto step = Totp::Verify(user.totpSecret, c.totp, now, user.totpLastStep);
    if (!step) return failed(true);
    acceptedStep = *step;
  } else if (!acceptedStep && !c.totp.empty() && !user.totpPending.empty()) {
    return failed(true);  // a code was given for the pending enrolment and it was wrong
  }

  // Both factors succeeded: reset the count and apply what this sign-in changes, in one transaction.
  auto tx = mStorage.Begin();
  if (!tx) return tx.Err();
  auto fresh = Existing(user.name);
  if (!fresh) return fresh.Err();
  user = *fresh;
  user.failedLogins = 0;
  user.firstFailedLoginAt.reset();
  if (acceptedStep) user.totpLastStep = *acceptedStep;
  if (confirmPending) {
    user.totpSecret = user.totpPending;
    user.totpPending.clear();
  }
  if (user.mustChangePassword) {
    auto hash = HashPassword(c.newPassword);
    if (!hash) return hash.Err();
    user.passwordHash = *hash;
    user.mustChangePassword = false;
  }
  PLATEDESK_TRY(mStorage.UpdateUser(user));
  PLATEDESK_TRY(tx->Commit());
  return user;
}

Status Accounts::SetOwnPassword(std::string_view name, std::string_view newPassword) {
  auto user = Existing(name);
  if (!user) return user.Err();
  PLATEDESK_TRY(CheckPasswordPolicy(user->name, newPassword));
  if (VerifyPassword(user->passwordHash, newPassword))
    return Fail(ErrorCode::InvalidArgument, "the new password must differ from the current one");
  auto hash = HashPassword(newPassword);
  if (!hash) return hash.Err();
  user->passwordHash = *hash;
  user->mustChangePassword = false;
  return mStorage.UpdateUser(*user);
}

Status Accounts::ResetPassword(std::string_view name, std::string_view password) {
  auto user = Existing(name);
  if (!user) return user.Err();
  PLATEDESK_TRY(CheckPasswordPolicy(user->name, password));
  auto hash = HashPassword(password);
  if (!hash) return hash.Err();
  user->passwordHash = *hash;
  user->mustChangePassword = true;
  return mStorage.UpdateUser(*user);
}

Result<std::string> Accounts::EnrolTotp(std::string_view name) {
  auto user = Existing(name);
  if (!user) return user.Err();
  user->totpPending = Totp::NewSecret();
  PLATEDESK_TRY(mStorage.UpdateUser(*user));
  return user->totpPending;
}

Status Accounts::ConfirmTotp(std::string_view name, std::string_view code) {
  auto user = Existing(name);
  if (!user) return user.Err();
  if (user->totpPending.empty())
    return Fail(ErrorCode::InvalidArgument, "no authenticator enrolment is waiting for a first code", user->name);
  auto counted = CountAttempt(user->name);
  if (!counted) return counted.Err();
  auto step = Totp::Verify(user->totpPending, code, mStorage.GetClock().Now(), 0);
  if (!step) {
    auto locked = LockIfExhausted(user->name);
    const bool lockedNow = counted->lockedNow || (locked.Ok() && *locked);
    return Fail(ErrorCode::Unauthenticated, lockedNow ? ErrorDetail::AccountNowLocked : ErrorDetail::SecondFactorWrong,
                "wrong or expired one-time code", user->name);
  }
  auto tx = mStorage.Begin();
  if (!tx) return tx.Err();
  auto fresh = Existing(name);
  if (!fresh) return fresh.Err();
  fresh->totpSecret = fresh->totpPending;
  fresh->totpPending.clear();
  fresh->totpLastStep = *step;
  fresh->failedLogins = 0;
  fresh->firstFailedLoginAt.reset();
  PLATEDESK_TRY(mStorage.UpdateUser(*fresh));
  return tx->Commit();
}

Status Accounts::Unlock(std::string_view name) {
  auto user = Existing(name);
  if (!user) return user.Err();
  user->locked = false;
  user->failedLogins = 0;
  user->firstFailedLoginAt.reset();
  return mStorage.UpdateUser(*user);
}

Result<std::vector<store::UserRecord>> Accounts::List() { return mStorage.Users(); }

}  // namespace platedesk::access
