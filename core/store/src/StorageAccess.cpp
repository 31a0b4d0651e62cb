// SPDX-License-Identifier: GPL-3.0-or-later
// Cases, the purpose catalogue and sign-in sessions (the access module owns the rules).
#include "StorageImpl.h"

#include <algorithm>

namespace platedesk::store {
namespace {

CaseRecord CaseFromRow(const sqlite::Stmt& s) {
  return {s.ColText(0), s.ColText(1), s.ColText(2), s.ColText(3) == "open", s.ColText(4), s.ColInt(5)};
}

// purposes.roles: role names separated by commas ("supervisor,auditor"); '' = every role.
PurposeRecord PurposeFromRow(const sqlite::Stmt& s) {
  PurposeRecord p{s.ColText(0),     s.ColText(1),     s.ColInt(2) != 0, s.ColInt(3) != 0,
                  s.ColInt(4) != 0, s.ColInt(5) != 0, s.ColInt(6)};
  const std::string roles = s.ColText(7);
  std::size_t start = 0;
  while (start < roles.size()) {
    const std::size_t end = std::min(roles.find(',', start), roles.size());
    if (auto role = RoleFromName(std::string_view(roles).substr(start, end - start))) p.roles.push_back(*role);
    start = end + 1;
  }
  return p;
}

std::string RolesText(const std::vector<Role>& roles) {
  std::string text;
  for (auto r : roles) {
    if (!text.empty()) text += ',';
    text += RoleName(r);
  }
  return text;
}

SessionRecord SessionFromRow(const sqlite::Stmt& s) {
  SessionRecord r;
  r.tokenHash = s.ColText(0);
  r.sessionId = s.ColText(1);
  r.userName = s.ColText(2);
  r.kind = s.ColText(3);
  r.workstation = s.ColText(4);
  r.createdAt = s.ColInt(5);
  r.lastActiveAt = s.ColInt(6);
  r.endedAt = s.ColOptInt(7);
  r.endReason = s.ColText(8);
  return r;
}

constexpr const char* kCaseColumns = "number, title, lead, status, created_by, created_ms";
constexpr const char* kPurposeColumns = "code, label, needs_approval, prohibited, disabled, builtin, created_ms, roles";
constexpr const char* kSessionColumns =
    "token_hash, session_id, user_name, kind, workstation, created_ms, last_active_ms, ended_ms, end_reason";

template <class T, class RowFn>
Result<std::vector<T>> AllRows(sqlite::Stmt& stmt, RowFn fromRow) {
  std::vector<T> out;
  for (;;) {
    auto row = stmt.Step();
    if (!row) return row.Err();
    if (!*row) return out;
    out.push_back(fromRow(stmt));
  }
}

template <class T, class RowFn>
Result<std::optional<T>> OneRow(sqlite::Stmt& stmt, RowFn fromRow) {
  auto row = stmt.Step();
  if (!row) return row.Err();
  if (!*row) return std::optional<T>();
  return std::optional<T>(fromRow(stmt));
}

}  // namespace

Status Storage::AddCase(const CaseRecord& c) {
  return detail::Guarded("add case", [&]() -> Status {
    if (c.number.empty()) return Fail(ErrorCode::InvalidArgument, "case number is empty", "number");
    auto stmt = mImpl->Prepare(
        "INSERT INTO cases(number, title, lead, status, created_by, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        " ON CONFLICT(number) DO NOTHING");
    if (!stmt) return stmt.Err();
    stmt->Text(1, c.number);
    stmt->Text(2, c.title);
    stmt->Text(3, c.lead);
    stmt->Text(4, c.open ? "open" : "closed");
    stmt->Text(5, c.createdBy);
    stmt->Int(6, c.createdAt != 0 ? c.createdAt : mImpl->clock->Now());
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0)
      return Fail(ErrorCode::AlreadyExists, "this case is registered already", c.number);
    return {};
  });
}

Result<std::optional<CaseRecord>> Storage::FindCase(std::string_view number) {
  return detail::Guarded("find case", [&]() -> Result<std::optional<CaseRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE number = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, number);
    return OneRow<CaseRecord>(*stmt, CaseFromRow);
  });
}

Result<std::vector<CaseRecord>> Storage::Cases() {
  return detail::Guarded("list cases", [&]() -> Result<std::vector<CaseRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kCaseColumns + " FROM cases ORDER BY number");
    if (!stmt) return stmt.Err();
    return AllRows<CaseRecord>(*stmt, CaseFromRow);
  });
}

Status Storage::SetCaseOpen(std::string_view number, bool open) {
  return detail::Guarded("set case status", [&]() -> Status {
    auto stmt = mImpl->Prepare("UPDATE cases SET status = ?2 WHERE number = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, number);
    stmt->Text(2, open ? "open" : "closed");
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such case", std::string(number));
    return {};
  });
}

Result<bool> Storage::AddPurpose(const PurposeRecord& p) {
  return detail::Guarded("add purpose", [&]() -> Result<bool> {
    if (p.code.empty()) return Fail(ErrorCode::InvalidArgument, "purpose code is empty", "code");
    if (p.label.empty()) return Fail(ErrorCode::InvalidArgument, "purpose label is empty", "label");
    auto stmt = mImpl->Prepare(
        "INSERT INTO purposes(code, label, needs_approval, prohibited, disabled, builtin, created_ms, roles)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(code) DO NOTHING");
    if (!stmt) return stmt.Err();
    stmt->Text(1, p.code);
    stmt->Text(2, p.label);
    stmt->Int(3, p.needsApproval ? 1 : 0);
    stmt->Int(4, p.prohibited ? 1 : 0);
    stmt->Int(5, p.disabled ? 1 : 0);
    stmt->Int(6, p.builtin ? 1 : 0);
    stmt->Int(7, p.createdAt != 0 ? p.createdAt : mImpl->clock->Now());
    stmt->Text(8, RolesText(p.roles));
    PLATEDESK_TRY(stmt->Run());
    return sqlite3_changes(mImpl->Db()) != 0;
  });
}

Result<std::optional<PurposeRecord>> Storage::FindPurpose(std::string_view code) {
  return detail::Guarded("find purpose", [&]() -> Result<std::optional<PurposeRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kPurposeColumns + " FROM purposes WHERE code = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, code);
    return OneRow<PurposeRecord>(*stmt, PurposeFromRow);
  });
}

Result<std::vector<PurposeRecord>> Storage::Purposes() {
  return detail::Guarded("list purposes", [&]() -> Result<std::vector<PurposeRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kPurposeColumns + " FROM purposes ORDER BY prohibited, code");
    if (!stmt) return stmt.Err();
    return AllRows<PurposeRecord>(*stmt, PurposeFromRow);
  });
}

Status Storage::SetPurposeDisabled(std::string_view code, bool disabled) {
  return detail::Guarded("disable purpose", [&]() -> Status {
    auto stmt = mImpl->Prepare("UPDATE purposes SET disabled = ?2 WHERE code = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, code);
    stmt->Int(2, disabled ? 1 : 0);
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such purpose", std::string(code));
    return {};
  });
}

Status Storage::AddSession(const SessionRecord& s) {
  return detail::Guarded("add session", [&]() -> Status {
    if (s.tokenHash.empty() || s.sessionId.empty() || s.userName.empty())
      return Fail(ErrorCode::InvalidArgument, "session token, id and user are required", "session");
    auto stmt = mImpl->Prepare(
        "INSERT INTO sessions(token_hash, session_id, user_name, kind, workstation, created_ms, last_active_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.Err();
    stmt->Text(1, s.tokenHash);
    stmt->Text(2, s.sessionId);
    stmt->Text(3, s.userName);
    stmt->Text(4, s.kind);
    stmt->Text(5, s.workstation);
    stmt->Int(6, s.createdAt);
    stmt->Int(7, s.lastActiveAt);
    return stmt->Run();
  });
}

Result<std::optional<SessionRecord>> Storage::FindSessionByToken(std::string_view tokenHash) {
  return detail::Guarded("find session", [&]() -> Result<std::optional<SessionRecord>> {
    auto stmt = mImpl->Prepare(std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE token_hash = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, tokenHash);
    return OneRow<SessionRecord>(*stmt, SessionFromRow);
  });
}

Status Storage::TouchSession(std::string_view tokenHash, UtcMs at) {
  return detail::Guarded("touch session", [&]() -> Status {
    auto stmt = mImpl->Prepare("UPDATE sessions SET last_active_ms = max(last_active_ms, ?2) WHERE token_hash = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, tokenHash);
    stmt->Int(2, at);
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such session");
    return {};
  });
}

Status Storage::EndSession(std::string_view tokenHash, UtcMs at, std::string_view reason) {
  return detail::Guarded("end session", [&]() -> Status {
    auto stmt = mImpl->Prepare(
        "UPDATE sessions SET ended_ms = coalesce(ended_ms, ?2),"
        " end_reason = CASE WHEN ended_ms IS NULL THEN ?3 ELSE end_reason END WHERE token_hash = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, tokenHash);
    stmt->Int(2, at);
    stmt->Text(3, reason);
    PLATEDESK_TRY(stmt->Run());
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such session");
    return {};
  });
}

}  // namespace platedesk::store
