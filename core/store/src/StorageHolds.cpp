// SPDX-License-Identifier: GPL-3.0-or-later
// Case holds: reads kept for a case past retention (placed by evidence exports).
#include "StorageImpl.h"

namespace platedesk::store {

Status Storage::AddCaseHolds(std::string_view caseNumber, std::span<const ReadId> reads, std::string_view reason,
                             std::string_view user) {
  return detail::Guarded("add case holds", [&]() -> Status {
    if (caseNumber.empty()) return Fail(ErrorCode::InvalidArgument, "case number is empty", "case");
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto exists = mImpl->Prepare("SELECT 1 FROM reads WHERE id = ?1");
    if (!exists) return exists.Err();
    auto insert = mImpl->Prepare(
        "INSERT INTO case_holds(case_number, read_id, reason, created_by, created_ms) VALUES(?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(case_number, read_id) DO NOTHING");
    if (!insert) return insert.Err();
    const UtcMs now = mImpl->clock->Now();
    for (ReadId id : reads) {
      exists->Int(1, id);
      auto row = exists->Step();
      if (!row) return row.Err();
      if (!*row) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(id));
      exists->Reset();
      insert->Text(1, caseNumber);
      insert->Int(2, id);
      insert->Text(3, reason);
      insert->Text(4, user);
      insert->Int(5, now);
      PLATEDESK_TRY(insert->Run());
      insert->Reset();
    }
    return scope->Commit();
  });
}

Result<HoldsInForce> Storage::CountHoldsInForce() {
  return detail::Guarded("count holds", [&]() -> Result<HoldsInForce> {
    auto stmt = mImpl->Prepare(
        "SELECT count(DISTINCT read_id), count(DISTINCT case_number) FROM case_holds WHERE released_ms IS NULL");
    if (!stmt) return stmt.Err();
    auto row = stmt->Step();
    if (!row) return row.Err();
    HoldsInForce out;
    if (*row) {
      out.reads = static_cast<std::uint64_t>(stmt->ColInt(0));
      out.cases = static_cast<std::uint64_t>(stmt->ColInt(1));
    }
    return out;
  });
}

Result<std::vector<ReadId>> Storage::CaseHolds(std::string_view caseNumber) {
  return detail::Guarded("case holds", [&]() -> Result<std::vector<ReadId>> {
    auto stmt = mImpl->Prepare(
        "SELECT read_id FROM case_holds WHERE case_number = ?1 AND released_ms IS NULL ORDER BY read_id");
    if (!stmt) return stmt.Err();
    stmt->Text(1, caseNumber);
    std::vector<ReadId> out;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return out;
      out.push_back(stmt->ColInt(0));
    }
  });
}

Result<std::vector<CaseHold>> Storage::CaseHoldRecords(std::string_view caseNumber) {
  return detail::Guarded("case holds", [&]() -> Result<std::vector<CaseHold>> {
    auto stmt = mImpl->Prepare(
        "SELECT read_id, reason, created_by, created_ms FROM case_holds "
        "WHERE case_number = ?1 AND released_ms IS NULL ORDER BY read_id");
    if (!stmt) return stmt.Err();
    stmt->Text(1, caseNumber);
    std::vector<CaseHold> out;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return out;
      out.push_back({stmt->ColInt(0), stmt->ColText(1), stmt->ColText(2), stmt->ColInt(3)});
    }
  });
}

Result<std::vector<std::string>> Storage::HoldsOnRead(ReadId read) {
  return detail::Guarded("holds on read", [&]() -> Result<std::vector<std::string>> {
    auto stmt = mImpl->Prepare(
        "SELECT case_number FROM case_holds WHERE read_id = ?1 AND released_ms IS NULL ORDER BY case_number");
    if (!stmt) return stmt.Err();
    stmt->Int(1, read);
    std::vector<std::string> out;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return out;
      out.push_back(stmt->ColText(0));
    }
  });
}

}  // namespace platedesk::store
