// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Accounts.h"

#include <algorithm>

namespace platedesk::access {
namespace {

bool ValidUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

// A fixed hash to verify against when the user does not exist, so the answer takes as long for an
// unknown name as for a wrong password (no user-name probing by timing).
const std::string& DummyHash() {
  static const std::string kHash = [] {
    auto h = HashPassword("platedesk-timing-equaliser");
    return h.Ok() ? h.Value() : std::string();
  }();
  return kHash;
}

Error WrongCredentials() { return Fail(ErrorCode::Unauthenticated, "unknown user or wrong password"); }

}  // namespace

Result<store::UserRecord> Accounts::AddUser(std::string_view name, store::Role role, std::string_view password,
                                            std::string_view displayName) {
  if (!ValidUserName(name))
    return Fail(ErrorCode::InvalidArgument, "a user name has 1 to 64 letters, digits, '.', '_' or '-'", std::string(name));
  PLATEDESK_TRY(CheckPasswordPolicy(name, password));
  auto existing = mStorage.FindUser(name);
  if (!existing) return existing.Err();
  if (existing->has_value()) return Fail(ErrorCode::AlreadyExists, "a user with this name exists", std::string(name));
  auto hash = HashPassword(password);
  if (!hash) return hash.Err();
  store::UserRecord user;
  user.name = std::string(name);
  user.displayName = displayName.empty() ? std::string(name) : std::string(displayName);
  user.role = role;
  user.passwordHash = std::move(hash.Value());
  user.createdAt = mStorage.GetClock().Now();
  auto id = mStorage.AddUser(user);
  if (!id) return id.Err();
  user.id = *id;
  return user;
}

Result<store::UserRecord> Accounts::Authenticate(std::string_view name, std::string_view password) {
  auto found = mStorage.FindUser(name);
  if (!found) return found.Err();
  if (!found->has_value()) {
    (void)VerifyPassword(DummyHash(), password);
    return WrongCredentials();
  }
  store::UserRecord user = **found;
  if (user.disabled) return Fail(ErrorCode::PermissionDenied, "this account is disabled; ask an administrator", user.name);
  if (user.locked)
    return Fail(ErrorCode::Locked, "this account is locked after repeated failed sign-ins; an administrator must unlock it",
                user.name);
  const UtcMs now = mStorage.GetClock().Now();
  if (!VerifyPassword(user.passwordHash, password)) {
    if (!user.firstFailedLoginAt || now - *user.firstFailedLoginAt > kFailureWindowMs) {
      user.failedLogins = 1;
      user.firstFailedLoginAt = now;
    } else {
      ++user.failedLogins;
    }
    if (user.failedLogins >= kMaxFailures) user.locked = true;
    PLATEDESK_TRY(mStorage.UpdateUser(user));
    if (user.locked)
      return Fail(ErrorCode::Locked, "too many failed sign-ins: the account is now locked until an administrator unlocks it",
                  user.name);
    return WrongCredentials();
  }
  if (user.failedLogins != 0 || user.firstFailedLoginAt) {
    user.failedLogins = 0;
    user.firstFailedLoginAt.reset();
    PLATEDESK_TRY(mStorage.UpdateUser(user));
  }
  return user;
}

Result<std::vector<store::UserRecord>> Accounts::List() { return mStorage.Users(); }

}  // namespace platedesk::access
