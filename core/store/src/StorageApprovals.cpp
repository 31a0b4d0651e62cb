// SPDX-License-Identifier: GPL-3.0-or-later
// The approval queue's records: requests and their decisions (append-only; the schema refuses
// edits and deletes).
#include "StorageImpl.h"

#include <nlohmann/json.hpp>

#include <array>

namespace platedesk::store {
namespace {

constexpr std::array<std::pair<ApprovalState, std::string_view>, 4> kStates{{
    {ApprovalState::Pending, "pending"},
    {ApprovalState::Approved, "approved"},
    {ApprovalState::Denied, "denied"},
    {ApprovalState::Expired, "expired"},
}};

// The JSON of stored text, or the empty value when it does not parse (the column is written only here).
nlohmann::json ParsedOr(const std::string& text, nlohmann::json empty) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() || parsed.type() != empty.type() ? empty : parsed;
}

}  // namespace

std::string_view ApprovalStateName(ApprovalState state) {
  for (const auto& [s, name] : kStates)
    if (s == state) return name;
  return "";
}

std::optional<ApprovalState> ParseApprovalState(std::string_view name) {
  for (const auto& [s, n] : kStates)
    if (n == name) return s;
  return std::nullopt;
}

ApprovalState ApprovalStateAt(const SearchApproval& a, UtcMs now) {
  if (a.decidedBy.empty()) return ApprovalState::Pending;
  if (!a.approved) return ApprovalState::Denied;
  return now < a.validUntil ? ApprovalState::Approved : ApprovalState::Expired;
}

Result<std::int64_t> Storage::AddApproval(const SearchApproval& r) {
  return detail::Guarded("add approval request", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO search_approvals(requested_by, requested_ms, case_number, purpose_code, justification, kind, "
        "query_json, reasons_json, audit_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt) return stmt.Err();
    stmt->Text(1, r.requestedBy);
    stmt->Int(2, r.requestedAt);
    stmt->Text(3, r.caseNumber);
    stmt->Text(4, r.purposeCode);
    stmt->Text(5, r.justification);
    stmt->Text(6, r.kind);
    stmt->Text(7, nlohmann::json(r.query).dump());
    stmt->Text(8, nlohmann::json(r.reasons).dump());
    stmt->Int(9, static_cast<std::int64_t>(r.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Status Storage::DecideApproval(const SearchApproval& d) {
  return detail::Guarded("decide approval request", [&]() -> Status {
    // Check and insert in one write transaction, as the other read-then-write methods do (a read
    // snapshot left open would make the insert fail at once whenever the ingest committed between).
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto exists = mImpl->Prepare(
        "SELECT (SELECT count(*) FROM search_approvals WHERE id = ?1), "
        "(SELECT count(*) FROM search_approval_decisions WHERE approval_id = ?1)");
    if (!exists) return exists.Err();
    exists->Int(1, d.id);
    auto row = exists->Step();
    if (!row) return row.Err();
    const bool found = exists->ColInt(0) != 0, decided = exists->ColInt(1) != 0;
    exists->Reset();
    if (!found) return Fail(ErrorCode::NotFound, "no such approval request", std::to_string(d.id));
    if (decided)
      return Fail(ErrorCode::AlreadyExists, "the approval request was already decided", std::to_string(d.id));
    auto stmt = mImpl->Prepare(
        "INSERT INTO search_approval_decisions(approval_id, decided_by, decided_ms, approved, reason, valid_until_ms, "
        "audit_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, d.id);
    stmt->Text(2, d.decidedBy);
    stmt->Int(3, d.decidedAt);
    stmt->Int(4, d.approved ? 1 : 0);
    stmt->Text(5, d.decisionReason);
    stmt->Int(6, d.validUntil);
    stmt->Int(7, static_cast<std::int64_t>(d.decisionSeq));
    PLATEDESK_TRY(stmt->Run());
    return scope->Commit();
  });
}

Result<std::vector<SearchApproval>> Storage::Approvals(const ApprovalFilter& filter, UtcMs now) {
  return detail::Guarded("approval requests", [&]() -> Result<std::vector<SearchApproval>> {
    auto stmt = mImpl->Prepare(
        "SELECT a.id, a.requested_by, a.requested_ms, a.case_number, a.purpose_code, a.justification, a.kind, "
        "a.query_json, a.reasons_json, a.audit_seq, coalesce(d.decided_by, ''), coalesce(d.decided_ms, 0), "
        "coalesce(d.approved, 0), coalesce(d.reason, ''), coalesce(d.valid_until_ms, 0), coalesce(d.audit_seq, 0) "
        "FROM search_approvals a LEFT JOIN search_approval_decisions d ON d.approval_id = a.id "
        "WHERE (?1 = '' OR a.requested_by = ?1) AND (?2 IS NULL OR a.id = ?2) ORDER BY a.id DESC");
    if (!stmt) return stmt.Err();
    stmt->Text(1, filter.requestedBy);
    if (filter.id) stmt->Int(2, *filter.id);
    std::vector<SearchApproval> out;
    for (;;) {
      auto step = stmt->Step();
      if (!step) return step.Err();
      if (!*step) break;
      SearchApproval a;
      a.id = stmt->ColInt(0);
      a.requestedBy = stmt->ColText(1);
      a.requestedAt = stmt->ColInt(2);
      a.caseNumber = stmt->ColText(3);
      a.purposeCode = stmt->ColText(4);
      a.justification = stmt->ColText(5);
      a.kind = stmt->ColText(6);
      const nlohmann::json query = ParsedOr(stmt->ColText(7), nlohmann::json::object());
      for (auto it = query.begin(); it != query.end(); ++it)
        if (it->is_string()) a.query[it.key()] = it->get<std::string>();
      const nlohmann::json reasons = ParsedOr(stmt->ColText(8), nlohmann::json::array());
      for (const auto& v : reasons)
        if (v.is_string()) a.reasons.push_back(v.get<std::string>());
      a.auditSeq = static_cast<std::uint64_t>(stmt->ColInt(9));
      a.decidedBy = stmt->ColText(10);
      a.decidedAt = stmt->ColInt(11);
      a.approved = stmt->ColInt(12) != 0;
      a.decisionReason = stmt->ColText(13);
      a.validUntil = stmt->ColInt(14);
      a.decisionSeq = static_cast<std::uint64_t>(stmt->ColInt(15));
      a.state = ApprovalStateAt(a, now);
      if (filter.state && a.state != *filter.state) continue;
      out.push_back(std::move(a));
    }
    return out;
  });
}

}  // namespace platedesk::store
