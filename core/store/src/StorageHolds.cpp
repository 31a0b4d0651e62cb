// SPDX-License-Identifier: GPL-3.0-or-later
// Holds (schema v16): reads kept for a case past retention. A hold of reads names its reads; a
// preservation order names cameras and/or plates and a window and keeps what matches, including
// reads that arrive later. Placed once, released at most once, never deleted.
#include "StorageImpl.h"

#include <array>
#include <map>
#include <set>
#include <type_traits>
#include <utility>

namespace platedesk::store {
namespace {

constexpr std::array<std::pair<HoldKind, std::string_view>, 3> kKinds{{
    {HoldKind::Investigation, "investigation"},
    {HoldKind::Discovery, "discovery"},
    {HoldKind::Preservation, "preservation"},
}};

Status ValidateHold(const Hold& hold, std::span<const ReadId> reads) {
  if (hold.caseNumber.empty()) return Fail(ErrorCode::InvalidArgument, "case number is empty", "case");
  if (hold.reason.empty()) return Fail(ErrorCode::InvalidArgument, "a hold needs a reason", "reason");
  if (hold.placedBy.empty()) return Fail(ErrorCode::InvalidArgument, "a hold needs the user who placed it", "placedBy");
  if (hold.kind == HoldKind::Preservation) {
    if (!reads.empty())
      return Fail(ErrorCode::InvalidArgument, "a preservation order names cameras and plates, not reads", "reads");
    if (!hold.from || !hold.to)
      return Fail(ErrorCode::InvalidArgument, "a preservation order needs a time window (from and to)", "window");
    if (*hold.to <= *hold.from)
      return Fail(ErrorCode::InvalidArgument, "a preservation order's window ends before it starts", "to");
    if (hold.cameras.empty() && hold.plates.empty())
      return Fail(ErrorCode::InvalidArgument, "a preservation order names at least one camera or plate", "order");
    for (const auto& p : hold.plates)
      if (p.empty()) return Fail(ErrorCode::InvalidArgument, "a preservation order names an empty plate", "plate");
  } else {
    if (reads.empty()) return Fail(ErrorCode::InvalidArgument, "a hold of reads needs at least one read", "reads");
    if (hold.from || hold.to || !hold.cameras.empty() || !hold.plates.empty())
      return Fail(ErrorCode::InvalidArgument, "only a preservation order names cameras, plates and a window", "kind");
  }
  return {};
}

std::vector<std::string> Column(detail::State& impl, const char* sql, std::int64_t id, Status& status) {
  std::vector<std::string> out;
  auto stmt = impl.Prepare(sql);
  if (!stmt) {
    status = stmt.Err();
    return out;
  }
  stmt->Int(1, id);
  for (;;) {
    auto row = stmt->Step();
    if (!row) {
      status = row.Err();
      return out;
    }
    if (!*row) return out;
    out.push_back(stmt->ColText(0));
  }
}

// NotFound for no such hold, AlreadyExists (with `released`) for one released before.
Status RequireInForce(detail::State& impl, std::int64_t id, const char* released) {
  auto find = impl.Prepare("SELECT released_ms IS NOT NULL FROM holds WHERE id = ?1");
  if (!find) return find.Err();
  find->Int(1, id);
  auto row = find->Step();
  if (!row) return row.Err();
  if (!*row) return Fail(ErrorCode::NotFound, "no such hold", std::to_string(id));
  if (find->ColInt(0) != 0) return Fail(ErrorCode::AlreadyExists, released, std::to_string(id));
  return {};
}

}  // namespace

std::string detail::HeldPredicate(std::string_view alias) {
  const std::string a(alias);
  return "(EXISTS (SELECT 1 FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE hr.read_id = " + a +
         ".id AND h.released_ms IS NULL) OR EXISTS (SELECT 1 FROM holds h WHERE h.kind = 'preservation' AND "
         "h.released_ms IS NULL AND " +
         a + ".captured_ms >= h.from_ms AND " + a + ".captured_ms < h.to_ms AND " + OrderMatch("h", alias) + "))";
}

std::string detail::OrderMatch(std::string_view hold, std::string_view alias) {
  const std::string h(hold);
  const std::string a(alias);
  return "(NOT EXISTS (SELECT 1 FROM hold_cameras c WHERE c.hold_id = " + h +
         ".id) OR EXISTS (SELECT 1 FROM hold_cameras c WHERE c.hold_id = " + h + ".id AND c.camera_id = " + a +
         ".camera_id)) AND (NOT EXISTS (SELECT 1 FROM hold_plates p WHERE p.hold_id = " + h +
         ".id) OR EXISTS (SELECT 1 FROM hold_plates p WHERE p.hold_id = " + h + ".id AND p.plate = " + a +
         ".plate) OR EXISTS (SELECT 1 FROM hold_plates p JOIN read_corrections rc ON rc.plate = p.plate WHERE "
         "p.hold_id = " +
         h + ".id AND rc.read_id = " + a + ".id))";
}

std::string_view HoldKindName(HoldKind kind) {
  for (const auto& [k, name] : kKinds)
    if (k == kind) return name;
  return "investigation";
}

std::optional<HoldKind> ParseHoldKind(std::string_view name) {
  for (const auto& [k, n] : kKinds)
    if (n == name) return k;
  return std::nullopt;
}

Result<std::int64_t> Storage::AddHold(const Hold& hold, std::span<const ReadId> reads) {
  return detail::Guarded("add hold", [&]() -> Result<std::int64_t> {
    PLATEDESK_TRY(ValidateHold(hold, reads));
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    // Cameras first: an order naming an unknown camera is refused before anything is written.
    std::vector<CameraId> cameras;
    {
      auto find = mImpl->Prepare("SELECT id FROM cameras WHERE external_id = ?1");
      if (!find) return find.Err();
      for (const auto& external : hold.cameras) {
        find->Text(1, external);
        auto row = find->Step();
        if (!row) return row.Err();
        if (!*row) return Fail(ErrorCode::NotFound, "no such camera", external);
        cameras.push_back(find->ColInt(0));
        find->Reset();
      }
    }
    auto insert = mImpl->Prepare(
        "INSERT INTO holds(case_number, kind, reason, placed_by, placed_ms, from_ms, to_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return insert.Err();
    insert->Text(1, hold.caseNumber);
    insert->Text(2, HoldKindName(hold.kind));
    insert->Text(3, hold.reason);
    insert->Text(4, hold.placedBy);
    insert->Int(5, hold.placedAt != 0 ? hold.placedAt : mImpl->clock->Now());
    insert->OptInt(6, hold.from);
    insert->OptInt(7, hold.to);
    PLATEDESK_TRY(insert->Run());
    const std::int64_t id = sqlite3_last_insert_rowid(mImpl->Db());
    {
      auto exists = mImpl->Prepare("SELECT 1 FROM reads WHERE id = ?1");
      if (!exists) return exists.Err();
      auto add = mImpl->Prepare("INSERT INTO hold_reads(hold_id, read_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
      if (!add) return add.Err();
      for (ReadId read : reads) {
        exists->Int(1, read);
        auto row = exists->Step();
        if (!row) return row.Err();
        if (!*row) return Fail(ErrorCode::NotFound, "no such read", "read " + std::to_string(read));
        exists->Reset();
        add->Int(1, id);
        add->Int(2, read);
        PLATEDESK_TRY(add->Run());
        add->Reset();
      }
    }
    // An order's cameras and plates: (hold, value) rows.
    auto addAll = [&](const char* sql, const auto& values) -> Status {
      auto add = mImpl->Prepare(sql);
      if (!add) return add.Err();
      for (const auto& value : values) {
        add->Int(1, id);
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::string>)
          add->Text(2, value);
        else
          add->Int(2, value);
        PLATEDESK_TRY(add->Run());
        add->Reset();
      }
      return {};
    };
    PLATEDESK_TRY(
        addAll("INSERT INTO hold_cameras(hold_id, camera_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", cameras));
    PLATEDESK_TRY(
        addAll("INSERT INTO hold_plates(hold_id, plate) VALUES (?1, ?2) ON CONFLICT DO NOTHING", hold.plates));
    PLATEDESK_TRY(scope->Commit());
    return id;
  });
}

Status Storage::ReleaseHold(std::int64_t id, std::string_view by, std::string_view reason) {
  return detail::Guarded("release hold", [&]() -> Status {
    if (by.empty()) return Fail(ErrorCode::InvalidArgument, "a release needs the user who releases", "by");
    if (reason.empty()) return Fail(ErrorCode::InvalidArgument, "a release needs a reason", "reason");
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    PLATEDESK_TRY(RequireInForce(*mImpl, id, "the hold was released before"));
    auto update =
        mImpl->Prepare("UPDATE holds SET released_by = ?2, released_ms = ?3, release_reason = ?4 WHERE id = ?1");
    if (!update) return update.Err();
    update->Int(1, id);
    update->Text(2, by);
    update->Int(3, mImpl->clock->Now());
    update->Text(4, reason);
    PLATEDESK_TRY(update->Run());
    return scope->Commit();
  });
}

Status Storage::AddHoldReview(std::int64_t id, std::string_view by, std::string_view note) {
  return detail::Guarded("review hold", [&]() -> Status {
    if (by.empty()) return Fail(ErrorCode::InvalidArgument, "a review needs the reviewer", "by");
    if (note.empty()) return Fail(ErrorCode::InvalidArgument, "a review needs a note", "note");
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    PLATEDESK_TRY(RequireInForce(*mImpl, id, "the hold was released: there is nothing to review"));
    auto insert =
        mImpl->Prepare("INSERT INTO hold_reviews(hold_id, reviewed_by, reviewed_ms, note) VALUES (?1, ?2, ?3, ?4)");
    if (!insert) return insert.Err();
    insert->Int(1, id);
    insert->Text(2, by);
    insert->Int(3, mImpl->clock->Now());
    insert->Text(4, note);
    PLATEDESK_TRY(insert->Run());
    return scope->Commit();
  });
}

Result<std::vector<Hold>> Storage::Holds(const HoldFilter& filter) {
  return detail::Guarded("list holds", [&]() -> Result<std::vector<Hold>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, case_number, kind, reason, placed_by, placed_ms, from_ms, to_ms, coalesce(released_by, ''), "
        "coalesce(released_ms, 0), coalesce(release_reason, '') FROM holds "
        "WHERE (?1 = '' OR case_number = ?1) AND (?2 = 0 OR released_ms IS NULL) AND (?3 IS NULL OR id = ?3) "
        "ORDER BY placed_ms, id");
    if (!stmt) return stmt.Err();
    stmt->Text(1, filter.caseNumber);
    stmt->Int(2, filter.inForceOnly ? 1 : 0);
    stmt->OptInt(3, filter.id);
    std::vector<Hold> out;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) break;
      Hold h;
      h.id = stmt->ColInt(0);
      h.caseNumber = stmt->ColText(1);
      const auto kind = ParseHoldKind(stmt->ColText(2));
      if (!kind) return Fail(ErrorCode::Corrupt, "unknown hold kind in the storage", std::to_string(h.id));
      h.kind = *kind;
      h.reason = stmt->ColText(3);
      h.placedBy = stmt->ColText(4);
      h.placedAt = stmt->ColInt(5);
      h.from = stmt->ColOptInt(6);
      h.to = stmt->ColOptInt(7);
      h.releasedBy = stmt->ColText(8);
      h.releasedAt = stmt->ColInt(9);
      h.releaseReason = stmt->ColText(10);
      out.push_back(std::move(h));
    }
    auto review = mImpl->Prepare(
        "SELECT reviewed_by, reviewed_ms, note FROM hold_reviews WHERE hold_id = ?1 ORDER BY reviewed_ms DESC, id DESC "
        "LIMIT 1");
    if (!review) return review.Err();
    auto heldRows = mImpl->Prepare("SELECT count(*) FROM hold_reads WHERE hold_id = ?1");
    if (!heldRows) return heldRows.Err();
    auto matched = mImpl->Prepare(
        "SELECT count(*) FROM holds h JOIN reads r ON r.captured_ms >= h.from_ms AND "
        "r.captured_ms < h.to_ms WHERE h.id = ?1 AND " +
        detail::OrderMatch("h", "r"));
    if (!matched) return matched.Err();
    for (Hold& h : out) {
      Status status;
      h.cameras = Column(*mImpl,
                         "SELECT c.external_id FROM hold_cameras hc JOIN cameras c ON c.id = hc.camera_id "
                         "WHERE hc.hold_id = ?1 ORDER BY c.external_id",
                         h.id, status);
      PLATEDESK_TRY(status);
      h.plates = Column(*mImpl, "SELECT plate FROM hold_plates WHERE hold_id = ?1 ORDER BY plate", h.id, status);
      PLATEDESK_TRY(status);
      review->Int(1, h.id);
      auto row = review->Step();
      if (!row) return row.Err();
      if (*row) {
        h.reviewedBy = review->ColText(0);
        h.reviewedAt = review->ColInt(1);
        h.reviewNote = review->ColText(2);
      }
      review->Reset();
      if (!filter.countReads) continue;
      auto& count = h.kind == HoldKind::Preservation ? *matched : *heldRows;
      count.Int(1, h.id);
      auto n = count.Step();
      if (!n) return n.Err();
      h.reads = *n ? static_cast<std::uint64_t>(count.ColInt(0)) : 0;
      count.Reset();
    }
    return out;
  });
}

Status Storage::AddCaseHolds(std::string_view caseNumber, std::span<const ReadId> reads, std::string_view reason,
                             std::string_view user) {
  if (reads.empty()) return {};
  Hold hold;
  hold.caseNumber = std::string(caseNumber);
  hold.kind = HoldKind::Investigation;
  hold.reason = std::string(reason);
  hold.placedBy = std::string(user);
  auto added = AddHold(hold, reads);
  if (!added) return added.Err();
  return {};
}

Result<HoldsInForce> Storage::CountHoldsInForce() {
  return detail::Guarded("count holds", [&]() -> Result<HoldsInForce> {
    HoldsInForce out;
    {
      auto stmt = mImpl->Prepare(
          "SELECT count(*) FROM (SELECT hr.read_id FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id "
          "WHERE h.released_ms IS NULL UNION SELECT r.id FROM holds h JOIN reads r ON r.captured_ms >= h.from_ms AND "
          "r.captured_ms < h.to_ms WHERE h.kind = 'preservation' AND h.released_ms IS NULL AND " +
          detail::OrderMatch("h", "r") + ")");
      if (!stmt) return stmt.Err();
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (*row) out.reads = static_cast<std::uint64_t>(stmt->ColInt(0));
    }
    auto stmt = mImpl->Prepare(
        "SELECT count(DISTINCT case_number), sum(kind = 'investigation'), sum(kind = 'discovery'), "
        "sum(kind = 'preservation') FROM holds WHERE released_ms IS NULL");
    if (!stmt) return stmt.Err();
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (*row) {
      out.cases = static_cast<std::uint64_t>(stmt->ColInt(0));
      out.investigation = static_cast<std::uint64_t>(stmt->ColInt(1));
      out.discovery = static_cast<std::uint64_t>(stmt->ColInt(2));
      out.preservation = static_cast<std::uint64_t>(stmt->ColInt(3));
    }
    return out;
  });
}

Result<std::vector<ReadId>> Storage::CaseHolds(std::string_view caseNumber) {
  auto records = CaseHoldRecords(caseNumber);
  if (!records) return records.Err();
  std::vector<ReadId> out;
  out.reserve(records->size());
  for (const auto& r : *records) out.push_back(r.read);
  return out;
}

Result<std::vector<CaseHold>> Storage::CaseHoldRecords(std::string_view caseNumber) {
  return detail::Guarded("case holds", [&]() -> Result<std::vector<CaseHold>> {
    // Each read once, with its earliest hold in force for the case.
    auto stmt = mImpl->Prepare(
        "SELECT hr.read_id, h.id, h.kind, h.reason, h.placed_by, h.placed_ms FROM hold_reads hr "
        "JOIN holds h ON h.id = hr.hold_id WHERE h.case_number = ?1 AND h.released_ms IS NULL "
        "ORDER BY hr.read_id, h.placed_ms, h.id");
    if (!stmt) return stmt.Err();
    stmt->Text(1, caseNumber);
    std::vector<CaseHold> out;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return out;
      const ReadId read = stmt->ColInt(0);
      if (!out.empty() && out.back().read == read) continue;
      const auto kind = ParseHoldKind(stmt->ColText(2));
      if (!kind) return Fail(ErrorCode::Corrupt, "unknown hold kind in the storage", std::to_string(stmt->ColInt(1)));
      out.push_back({read, stmt->ColInt(1), *kind, stmt->ColText(3), stmt->ColText(4), stmt->ColInt(5)});
    }
  });
}

Result<std::vector<std::string>> Storage::HoldsOnRead(ReadId read) {
  return detail::Guarded("holds on read", [&]() -> Result<std::vector<std::string>> {
    auto stmt = mImpl->Prepare(
        "SELECT DISTINCT h.case_number FROM holds h WHERE h.released_ms IS NULL AND (EXISTS (SELECT 1 FROM hold_reads "
        "hr WHERE hr.hold_id = h.id AND hr.read_id = ?1) OR (h.kind = 'preservation' AND EXISTS (SELECT 1 FROM reads "
        "r WHERE r.id = ?1 AND r.captured_ms >= h.from_ms AND r.captured_ms < h.to_ms AND " +
        detail::OrderMatch("h", "r") + "))) ORDER BY h.case_number");
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
