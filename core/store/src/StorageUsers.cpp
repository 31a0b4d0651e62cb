// SPDX-License-Identifier: GPL-3.0-or-later
// User records (the access module owns the rules; this only persists them).
#include "StorageImpl.h"

namespace platedesk::store {
namespace {

constexpr const char* kUserColumns =
    "id, name, display_name, role, password_hash, disabled, locked, failed_logins, first_failed_login_ms,"
    " totp_secret, totp_last_step, training_completed_ms, training_expires_ms, created_ms";

Result<UserRecord> UserFromRow(const sqlite::Stmt& s) {
  UserRecord u;
  u.id = s.ColInt(0);
  u.name = s.ColText(1);
  u.displayName = s.ColText(2);
  const auto role = RoleFromName(s.ColText(3));
  if (!role) return Fail(ErrorCode::Corrupt, "unknown role in the storage", u.name);
  u.role = *role;
  u.passwordHash = s.ColText(4);
  u.disabled = s.ColInt(5) != 0;
  u.locked = s.ColInt(6) != 0;
  u.failedLogins = static_cast<int>(s.ColInt(7));
  u.firstFailedLoginAt = s.ColOptInt(8);
  u.totpSecret = s.ColText(9);
  u.totpLastStep = s.ColInt(10);
  u.trainingCompleted = s.ColOptInt(11);
  u.trainingExpires = s.ColOptInt(12);
  u.createdAt = s.ColInt(13);
  return u;
}

Status ValidateUser(const UserRecord& u) {
  if (u.failedLogins < 0) return Fail(ErrorCode::InvalidArgument, "failed login count is negative", "failedLogins");
  return {};
}

// Binds the fields UpdateUser may change, as ?3..?13 (?1 = id or unused, ?2 = name).
void BindMutable(sqlite::Stmt& s, const UserRecord& u) {
  s.Text(3, u.displayName);
  s.Text(4, RoleName(u.role));
  s.Text(5, u.passwordHash);
  s.Int(6, u.disabled ? 1 : 0);
  s.Int(7, u.locked ? 1 : 0);
  s.Int(8, u.failedLogins);
  s.OptInt(9, u.firstFailedLoginAt);
  s.Text(10, u.totpSecret);
  s.Int(11, u.totpLastStep);
  s.OptInt(12, u.trainingCompleted);
  s.OptInt(13, u.trainingExpires);
}

}  // namespace

Result<UserId> Storage::AddUser(const UserRecord& user) {
  return detail::Guarded("add user", [&]() -> Result<UserId> {
    if (user.name.empty()) return Fail(ErrorCode::InvalidArgument, "user name is empty", "name");
    for (unsigned char c : user.name) {
      if (c < 0x20 || c == 0x7f)
        return Fail(ErrorCode::InvalidArgument, "user name contains a control character", "name");
    }
    PLATEDESK_TRY(ValidateUser(user));
    auto stmt = mImpl->Prepare(
        "INSERT INTO users(name, display_name, role, password_hash, disabled, locked, failed_logins,"
        " first_failed_login_ms, totp_secret, totp_last_step, training_completed_ms, training_expires_ms, created_ms)"
        " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
        " ON CONFLICT(name) DO NOTHING");
    if (!stmt) return stmt.Err();
    stmt->Text(2, user.name);
    BindMutable(*stmt, user);
    stmt->Int(14, user.createdAt != 0 ? user.createdAt : mImpl->clock->Now());
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0)
      return Fail(ErrorCode::AlreadyExists, "a user with this name exists", user.name);
    return sqlite3_last_insert_rowid(mImpl->Db());
  });
}

Result<std::optional<UserRecord>> Storage::FindUser(std::string_view name) {
  return detail::Guarded("find user", [&]() -> Result<std::optional<UserRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE name = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, name);
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<UserRecord>();
    auto u = UserFromRow(*stmt);
    if (!u) return u.Err();
    return std::optional<UserRecord>(std::move(*u));
  });
}

Result<std::vector<UserRecord>> Storage::Users() {
  return detail::Guarded("list users", [&]() -> Result<std::vector<UserRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name");
    if (!stmt) return stmt.Err();
    std::vector<UserRecord> list;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) break;
      auto u = UserFromRow(*stmt);
      if (!u) return u.Err();
      list.push_back(std::move(*u));
    }
    return list;
  });
}

Status Storage::UpdateUser(const UserRecord& user) {
  return detail::Guarded("update user", [&]() -> Status {
    PLATEDESK_TRY(ValidateUser(user));
    auto stmt = mImpl->Prepare(
        "UPDATE users SET display_name = ?3, role = ?4, password_hash = ?5, disabled = ?6, locked = ?7,"
        " failed_logins = ?8, first_failed_login_ms = ?9, totp_secret = ?10, totp_last_step = ?11,"
        " training_completed_ms = ?12, training_expires_ms = ?13 WHERE id = ?1");
    if (!stmt) return stmt.Err();
    stmt->Int(1, user.id);
    BindMutable(*stmt, user);
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such user", std::to_string(user.id));
    return {};
  });
}

}  // namespace platedesk::store
