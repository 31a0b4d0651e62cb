// SPDX-License-Identifier: GPL-3.0-or-later
// User records (the access module owns the rules; this only persists them).
#include "StorageImpl.h"

namespace platedesk::store {
namespace {

constexpr const char* kUserColumns =
    "id, name, display_name, role, password_hash, disabled, locked, failed_logins, first_failed_login_ms,"
    " totp_secret, totp_last_step, training_completed_ms, training_expires_ms, created_ms, name_key,"
    " must_change_password, totp_pending";

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
  u.nameKey = s.ColText(14);
  u.mustChangePassword = s.ColInt(15) != 0;
  u.totpPending = s.ColText(16);
  return u;
}

Status ValidateUser(const UserRecord& u) {
  if (u.failedLogins < 0) return Fail(ErrorCode::InvalidArgument, "failed login count is negative", "failedLogins");
  return {};
}

// Binds the fields UpdateUser may change, as ?3..?13, ?15, ?16 (?1 = id or unused, ?2 = name, ?14 = created,
// ?17 = name key).
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
  s.Int(15, u.mustChangePassword ? 1 : 0);
  s.Text(16, u.totpPending);
}

// The user whose `column` (name or name_key, both unique) equals `value`, or nullopt.
Result<std::optional<UserRecord>> FindUserWhere(detail::State& impl, std::string_view column, std::string_view value) {
  return detail::Guarded("find user", [&]() -> Result<std::optional<UserRecord>> {
    auto stmt =
        impl.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + std::string(column) + " = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, value);
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<UserRecord>();
    auto u = UserFromRow(*stmt);
    if (!u) return u.Err();
    return std::optional<UserRecord>(std::move(*u));
  });
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
    // The key is access's (NFC, case-folded); without one, the ASCII lower case of the name, which
    // is that folding for the ASCII names schema 8 allowed.
    std::string key = user.nameKey;
    if (key.empty())
      for (char c : user.name) key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    auto stmt = mImpl->Prepare(
        "INSERT INTO users(name, display_name, role, password_hash, disabled, locked, failed_logins,"
        " first_failed_login_ms, totp_secret, totp_last_step, training_completed_ms, training_expires_ms, created_ms,"
        " must_change_password, totp_pending, name_key)"
        " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"
        " ON CONFLICT DO NOTHING");
    if (!stmt) return stmt.Err();
    stmt->Text(2, user.name);
    BindMutable(*stmt, user);
    stmt->Int(14, user.createdAt != 0 ? user.createdAt : mImpl->clock->Now());
    stmt->Text(17, key);
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0)
      return Fail(ErrorCode::AlreadyExists, "a user with this name exists", user.name);
    return sqlite3_last_insert_rowid(mImpl->Db());
  });
}

Result<std::optional<UserRecord>> Storage::FindUser(std::string_view name) {
  return FindUserWhere(*mImpl, "name", name);
}

Result<std::optional<UserRecord>> Storage::FindUserByKey(std::string_view nameKey) {
  return FindUserWhere(*mImpl, "name_key", nameKey);
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
        " training_completed_ms = ?12, training_expires_ms = ?13, must_change_password = ?15, totp_pending = ?16"
        " WHERE id = ?1");
    if (!stmt) return stmt.Err();
    stmt->Int(1, user.id);
    BindMutable(*stmt, user);
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such user", std::to_string(user.id));
    return {};
  });
}

Result<int> Storage::EndUserSessions(std::string_view userName, std::string_view exceptTokenHash, UtcMs at,
                                     std::string_view reason) {
  return detail::Guarded("end user sessions", [&]() -> Result<int> {
    auto stmt = mImpl->Prepare(
        "UPDATE sessions SET ended_ms = ?3, end_reason = ?4"
        " WHERE user_name = ?1 AND token_hash <> ?2 AND ended_ms IS NULL");
    if (!stmt) return stmt.Err();
    stmt->Text(1, userName);
    stmt->Text(2, exceptTokenHash);
    stmt->Int(3, at);
    stmt->Text(4, reason);
    PLATEDESK_TRY(stmt->Run());
    return sqlite3_changes(mImpl->Db());
  });
}

}  // namespace platedesk::store
