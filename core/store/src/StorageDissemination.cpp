// SPDX-License-Identifier: GPL-3.0-or-later
// Secondary dissemination records: documents on file, the agency registry, requests, reviews,
// releases, receipts and correction notices (append-only; the schema refuses edits and deletes).
#include "StorageImpl.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>

namespace platedesk::store {
namespace {

constexpr std::array<std::pair<AgencyKind, std::string_view>, 7> kKinds{{
    {AgencyKind::Local, "local"},
    {AgencyKind::State, "state"},
    {AgencyKind::Federal, "federal"},
    {AgencyKind::Tribal, "tribal"},
    {AgencyKind::OutOfState, "out-of-state"},
    {AgencyKind::Prosecutor, "prosecutor"},
    {AgencyKind::NonLawEnforcement, "non-law-enforcement"},
}};

constexpr std::array<std::pair<ReleaseMethod, std::string_view>, 3> kMethods{{
    {ReleaseMethod::Media, "media"},
    {ReleaseMethod::Transfer, "transfer"},
    {ReleaseMethod::InPerson, "in-person"},
}};

constexpr std::array<std::pair<DisseminationState, std::string_view>, 7> kStates{{
    {DisseminationState::Received, "received"},
    {DisseminationState::SecondApproval, "second-approval"},
    {DisseminationState::Approved, "approved"},
    {DisseminationState::Denied, "denied"},
    {DisseminationState::Referred, "referred"},
    {DisseminationState::ReceiptPending, "receipt-pending"},
    {DisseminationState::Released, "released"},
}};

template <class E, std::size_t N>
std::string_view NameIn(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "";
}

template <class E, std::size_t N>
std::optional<E> ParseIn(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (n == name) return v;
  return std::nullopt;
}

// The media type of a document from its first bytes; "" when it is none PlateDesk keeps.
std::string SniffMediaType(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (starts("%PDF-")) return "application/pdf";
  if (starts(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  if (starts(std::string_view("\xff\xd8\xff", 3))) return "image/jpeg";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "image/tiff";
  return "";
}

void BindBlob(sqlite::Stmt& stmt, int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt.Raw(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

std::string ColBlob(const sqlite::Stmt& stmt, int col) {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt.Raw(), col));
  const int n = sqlite3_column_bytes(stmt.Raw(), col);
  return p ? std::string(p, static_cast<std::size_t>(n)) : std::string();
}

template <class T, class Row>
Result<std::vector<T>> Collect(sqlite::Stmt& stmt, Row row) {
  std::vector<T> out;
  for (;;) {
    auto step = stmt.Step();
    if (!step) return step.Err();
    if (!*step) return out;
    out.push_back(row(stmt));
  }
}

Agency AgencyRow(const sqlite::Stmt& s) {
  Agency a;
  a.id = s.ColInt(0);
  a.name = s.ColText(1);
  a.ori = s.ColText(2);
  a.kind = ParseAgencyKind(s.ColView(3)).value_or(AgencyKind::NonLawEnforcement);
  a.state = s.ColText(4);
  a.mouSha256 = s.ColText(5);
  a.mouExpires = s.ColOptInt(6);
  a.mouName = s.ColText(7);
  a.updatedBy = s.ColText(8);
  a.updatedAt = s.ColInt(9);
  return a;
}

constexpr std::string_view kAgencyColumns =
    "SELECT a.id, a.name, a.ori, a.kind, a.state, a.mou_sha256, a.mou_expires, coalesce(d.name, ''), a.updated_by, "
    "a.updated_ms FROM agencies a LEFT JOIN documents d ON d.sha256 = a.mou_sha256 ";

}  // namespace

std::string_view AgencyKindName(AgencyKind kind) { return NameIn(kKinds, kind); }
std::optional<AgencyKind> ParseAgencyKind(std::string_view name) { return ParseIn(kKinds, name); }
std::string_view ReleaseMethodName(ReleaseMethod method) { return NameIn(kMethods, method); }
std::optional<ReleaseMethod> ParseReleaseMethod(std::string_view name) { return ParseIn(kMethods, name); }
std::string_view DisseminationStateName(DisseminationState state) { return NameIn(kStates, state); }
std::optional<DisseminationState> ParseDisseminationState(std::string_view name) { return ParseIn(kStates, name); }

Result<Document> LoadDocumentFile(const std::filesystem::path& path) {
  return detail::Guarded("read document", [&]() -> Result<Document> {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return Fail(ErrorCode::NotFound, "cannot read the document", path.string());
    if (size > kMaxDocumentBytes)
      return Fail(ErrorCode::InvalidArgument, "the document is larger than 10 MB", path.string());
    auto bytes = ReadFile(path);
    if (!bytes) return bytes.Err();
    return Document{path.filename().string(), "", std::move(*bytes), ""};
  });
}

DisseminationState StateOf(const DisseminationRecord& record) {
  if (record.request.referred) return DisseminationState::Referred;
  if (record.release) return record.receipt ? DisseminationState::Released : DisseminationState::ReceiptPending;
  int approvals = 0;
  for (const auto& r : record.reviews) {
    if (!r.approved) return DisseminationState::Denied;
    ++approvals;
  }
  if (approvals == 0) return DisseminationState::Received;
  return approvals >= record.request.approvalsNeeded ? DisseminationState::Approved
                                                     : DisseminationState::SecondApproval;
}

Result<Document> Storage::PutDocument(const Document& document) {
  return detail::Guarded("keep document", [&]() -> Result<Document> {
    if (document.bytes.empty()) return Fail(ErrorCode::InvalidArgument, "the document is empty", document.name);
    if (document.bytes.size() > kMaxDocumentBytes)
      return Fail(ErrorCode::InvalidArgument, "the document is larger than 10 MB", document.name);
    Document kept;
    kept.name = document.name;
    kept.mediaType = SniffMediaType(document.bytes);
    if (kept.mediaType.empty())
      return Fail(ErrorCode::InvalidArgument, "the document must be a PDF or an image (PNG, JPEG, TIFF)",
                  document.name);
    kept.sha256 = Sha256Hex(document.bytes);
    auto insert = mImpl->Prepare(
        "INSERT INTO documents(sha256, name, media_type, bytes, stored_ms) VALUES(?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(sha256) DO NOTHING");
    if (!insert) return insert.Err();
    insert->Text(1, kept.sha256);
    insert->Text(2, kept.name);
    insert->Text(3, kept.mediaType);
    BindBlob(*insert, 4, document.bytes);
    insert->Int(5, mImpl->clock->Now());
    PLATEDESK_TRY(insert->Run());
    return kept;
  });
}

Result<std::optional<Document>> Storage::GetDocument(std::string_view sha256) {
  return detail::Guarded("read document", [&]() -> Result<std::optional<Document>> {
    auto stmt = mImpl->Prepare("SELECT name, media_type, bytes FROM documents WHERE sha256 = ?1");
    if (!stmt) return stmt.Err();
    stmt->Text(1, sha256);
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<Document>();
    return std::optional<Document>(
        Document{stmt->ColText(0), stmt->ColText(1), ColBlob(*stmt, 2), std::string(sha256)});
  });
}

Result<std::int64_t> Storage::SaveAgency(const Agency& a) {
  return detail::Guarded("save agency", [&]() -> Result<std::int64_t> {
    auto same = mImpl->Prepare("SELECT id FROM agencies WHERE name = ?1 AND id <> ?2");
    if (!same) return same.Err();
    same->Text(1, a.name);
    same->Int(2, a.id);
    auto taken = same->Step();
    if (!taken) return taken.Err();
    if (*taken) return Fail(ErrorCode::AlreadyExists, "an agency of that name is in the registry", a.name);
    auto stmt = mImpl->Prepare(
        a.id == 0 ? "INSERT INTO agencies(name, ori, kind, state, mou_sha256, mou_expires, updated_by, updated_ms) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                  : "UPDATE agencies SET name = ?1, ori = ?2, kind = ?3, state = ?4, mou_sha256 = ?5, "
                    "mou_expires = ?6, updated_by = ?7, updated_ms = ?8 WHERE id = ?9");
    if (!stmt) return stmt.Err();
    stmt->Text(1, a.name);
    stmt->Text(2, a.ori);
    stmt->Text(3, AgencyKindName(a.kind));
    stmt->Text(4, a.state);
    stmt->Text(5, a.mouSha256);
    stmt->OptInt(6, a.mouExpires);
    stmt->Text(7, a.updatedBy);
    stmt->Int(8, mImpl->clock->Now());
    if (a.id != 0) stmt->Int(9, a.id);
    PLATEDESK_TRY(stmt->Run());
    if (a.id == 0) return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
    if (sqlite3_changes(mImpl->Db()) == 0) return Fail(ErrorCode::NotFound, "no such agency", std::to_string(a.id));
    return a.id;
  });
}

Result<std::vector<Agency>> Storage::Agencies() {
  return detail::Guarded("agencies", [&]() -> Result<std::vector<Agency>> {
    auto stmt = mImpl->Prepare(std::string(kAgencyColumns) + "ORDER BY a.name");
    if (!stmt) return stmt.Err();
    return Collect<Agency>(*stmt, AgencyRow);
  });
}

Result<std::optional<Agency>> Storage::FindAgency(std::int64_t id) {
  return detail::Guarded("agency", [&]() -> Result<std::optional<Agency>> {
    auto stmt = mImpl->Prepare(std::string(kAgencyColumns) + "WHERE a.id = ?1");
    if (!stmt) return stmt.Err();
    stmt->Int(1, id);
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return std::optional<Agency>();
    return std::optional<Agency>(AgencyRow(*stmt));
  });
}

Result<std::int64_t> Storage::AddDisseminationRequest(const DisseminationRequest& r) {
  return detail::Guarded("add dissemination request", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO dissemination_requests(agency_id, agency_name, agency_kind, agency_state, requester_name, "
        "requester_title, requester_contact, their_case, case_number, purpose_code, justification, authority, asks, "
        "received_ms, received_by, document_sha256, document_name, entered_by, entered_ms, referred, "
        "approvals_needed, rules_applied, audit_seq) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
        "?23)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, r.agency);
    stmt->Text(2, r.agencyName);
    stmt->Text(3, AgencyKindName(r.agencyKind));
    stmt->Text(4, r.agencyState);
    stmt->Text(5, r.requesterName);
    stmt->Text(6, r.requesterTitle);
    stmt->Text(7, r.requesterContact);
    stmt->Text(8, r.theirCase);
    stmt->Text(9, r.caseNumber);
    stmt->Text(10, r.purposeCode);
    stmt->Text(11, r.justification);
    stmt->Text(12, r.authority);
    stmt->Text(13, r.asks);
    stmt->Int(14, r.receivedAt);
    stmt->Text(15, r.receivedBy);
    stmt->Text(16, r.documentSha256);
    stmt->Text(17, r.documentName);
    stmt->Text(18, r.enteredBy);
    stmt->Int(19, r.enteredAt);
    stmt->Int(20, r.referred ? 1 : 0);
    stmt->Int(21, r.approvalsNeeded);
    stmt->Text(22, nlohmann::json(r.rulesApplied).dump());
    stmt->Int(23, static_cast<std::int64_t>(r.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Result<std::int64_t> Storage::AddDisseminationReview(const DisseminationReview& r) {
  return detail::Guarded("add dissemination review", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO dissemination_reviews(request_id, approved, reason, reviewer, at_ms, audit_seq) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, r.request);
    stmt->Int(2, r.approved ? 1 : 0);
    stmt->Text(3, r.reason);
    stmt->Text(4, r.reviewer);
    stmt->Int(5, r.at);
    stmt->Int(6, static_cast<std::int64_t>(r.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Result<std::int64_t> Storage::AddDisseminationRelease(const DisseminationRelease& r) {
  return detail::Guarded("add dissemination release", [&]() -> Result<std::int64_t> {
    auto scope = detail::WriteScope::Start(*mImpl);
    if (!scope) return scope.Err();
    auto stmt = mImpl->Prepare(
        "INSERT INTO dissemination_releases(request_id, package_id, package_sha256, encrypted, method, media_label, "
        "released_by, received_by, released_ms, audit_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, r.request);
    stmt->Text(2, r.packageId);
    stmt->Text(3, r.packageSha256);
    stmt->Int(4, r.encrypted ? 1 : 0);
    stmt->Text(5, ReleaseMethodName(r.method));
    stmt->Text(6, r.mediaLabel);
    stmt->Text(7, r.releasedBy);
    stmt->Text(8, r.receivedBy);
    stmt->Int(9, r.releasedAt);
    stmt->Int(10, static_cast<std::int64_t>(r.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    const std::int64_t id = sqlite3_last_insert_rowid(mImpl->Db());
    auto read = mImpl->Prepare(
        "INSERT INTO dissemination_release_reads(release_id, read_id) VALUES(?1, ?2) ON CONFLICT DO NOTHING");
    if (!read) return read.Err();
    for (ReadId id2 : r.reads) {
      read->Int(1, id);
      read->Int(2, id2);
      PLATEDESK_TRY(read->Run());
      read->Reset();
    }
    PLATEDESK_TRY(scope->Commit());
    return id;
  });
}

Result<std::int64_t> Storage::AddDisseminationReceipt(const DisseminationReceipt& r) {
  return detail::Guarded("add dissemination receipt", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO dissemination_receipts(release_id, signed_by, signed_ms, document_sha256, recorded_by, "
        "recorded_ms, audit_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, r.release);
    stmt->Text(2, r.signedBy);
    stmt->Int(3, r.signedAt);
    stmt->Text(4, r.documentSha256);
    stmt->Text(5, r.recordedBy);
    stmt->Int(6, r.recordedAt);
    stmt->Int(7, static_cast<std::int64_t>(r.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Result<std::int64_t> Storage::AddDisseminationNotice(const DisseminationNotice& n) {
  return detail::Guarded("add correction notice", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO dissemination_notices(release_id, read_id, change, created_ms) VALUES(?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, n.release);
    stmt->Int(2, n.read);
    stmt->Text(3, n.change);
    stmt->Int(4, n.createdAt);
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Status Storage::MarkNoticeSent(std::int64_t notice, std::string_view method, std::string_view by, UtcMs at) {
  return detail::Guarded("mark notice sent", [&]() -> Status {
    auto scope = detail::WriteScope::Start(*mImpl);  // check and insert in one write transaction
    if (!scope) return scope.Err();
    auto exists = mImpl->Prepare(
        "SELECT (SELECT count(*) FROM dissemination_notices WHERE id = ?1), "
        "(SELECT count(*) FROM dissemination_notice_sent WHERE notice_id = ?1)");
    if (!exists) return exists.Err();
    exists->Int(1, notice);
    auto row = exists->Step();
    if (!row) return row.Err();
    const bool found = exists->ColInt(0) != 0, sent = exists->ColInt(1) != 0;
    exists->Reset();
    if (!found) return Fail(ErrorCode::NotFound, "no such correction notice", std::to_string(notice));
    if (sent) return Fail(ErrorCode::AlreadyExists, "the notice was already recorded as sent", std::to_string(notice));
    auto stmt = mImpl->Prepare(
        "INSERT INTO dissemination_notice_sent(notice_id, method, sent_by, sent_ms) VALUES(?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, notice);
    stmt->Text(2, method);
    stmt->Text(3, by);
    stmt->Int(4, at);
    PLATEDESK_TRY(stmt->Run());
    return scope->Commit();
  });
}

namespace {

constexpr std::string_view kNoticeColumns =
    "SELECT n.id, n.release_id, r.request_id, q.agency_name, q.case_number, n.read_id, n.change, n.created_ms, "
    "s.sent_ms, coalesce(s.method, ''), coalesce(s.sent_by, '') FROM dissemination_notices n "
    "JOIN dissemination_releases r ON r.id = n.release_id JOIN dissemination_requests q ON q.id = r.request_id "
    "LEFT JOIN dissemination_notice_sent s ON s.notice_id = n.id ";

DisseminationNotice NoticeRow(const sqlite::Stmt& s) {
  DisseminationNotice n;
  n.id = s.ColInt(0);
  n.release = s.ColInt(1);
  n.request = s.ColInt(2);
  n.agencyName = s.ColText(3);
  n.caseNumber = s.ColText(4);
  n.read = s.ColInt(5);
  n.change = s.ColText(6);
  n.createdAt = s.ColInt(7);
  n.sentAt = s.ColOptInt(8);
  n.sentMethod = s.ColText(9);
  n.sentBy = s.ColText(10);
  return n;
}

}  // namespace

Result<std::vector<DisseminationNotice>> Storage::DisseminationNotices(bool openOnly) {
  return detail::Guarded("correction notices", [&]() -> Result<std::vector<DisseminationNotice>> {
    auto stmt =
        mImpl->Prepare(std::string(kNoticeColumns) + (openOnly ? "WHERE s.notice_id IS NULL " : "") + "ORDER BY n.id");
    if (!stmt) return stmt.Err();
    return Collect<DisseminationNotice>(*stmt, NoticeRow);
  });
}

Result<std::vector<std::int64_t>> Storage::ReleasesContaining(ReadId read) {
  return detail::Guarded("releases of a read", [&]() -> Result<std::vector<std::int64_t>> {
    auto stmt =
        mImpl->Prepare("SELECT release_id FROM dissemination_release_reads WHERE read_id = ?1 ORDER BY release_id");
    if (!stmt) return stmt.Err();
    stmt->Int(1, read);
    return Collect<std::int64_t>(*stmt, [](const sqlite::Stmt& s) { return s.ColInt(0); });
  });
}

Result<std::vector<DisseminationRecord>> Storage::Disseminations(const DisseminationFilter& filter) {
  return detail::Guarded("dissemination records", [&]() -> Result<std::vector<DisseminationRecord>> {
    // The requests the filter selects; their reviews, releases, receipts and notices are read for
    // those requests only (one id, one case: a handful of rows, not the whole log).
    constexpr std::string_view kSelected =
        "(?1 IS NULL OR received_ms >= ?1) AND (?2 IS NULL OR received_ms < ?2) AND (?3 = '' OR case_number = ?3) "
        "AND (?4 = 0 OR agency_id = ?4) AND (?5 IS NULL OR id = ?5)";
    const std::string ofSelected =
        "request_id IN (SELECT id FROM dissemination_requests WHERE " + std::string(kSelected) + ")";
    auto bind = [&](sqlite::Stmt& st) {
      st.OptInt(1, filter.from);
      st.OptInt(2, filter.to);
      st.Text(3, filter.caseNumber);
      st.Int(4, filter.agency);
      st.OptInt(5, filter.id);
    };
    auto stmt = mImpl->Prepare(
        "SELECT id, agency_id, agency_name, agency_kind, agency_state, requester_name, requester_title, "
        "requester_contact, their_case, case_number, purpose_code, justification, authority, asks, received_ms, "
        "received_by, document_sha256, document_name, entered_by, entered_ms, referred, approvals_needed, "
        "rules_applied, audit_seq FROM dissemination_requests WHERE " +
        std::string(kSelected) + " ORDER BY received_ms, id");
    if (!stmt) return stmt.Err();
    bind(*stmt);
    auto requests = Collect<DisseminationRecord>(*stmt, [](const sqlite::Stmt& s) {
      DisseminationRecord rec;
      DisseminationRequest& r = rec.request;
      r.id = s.ColInt(0);
      r.agency = s.ColInt(1);
      r.agencyName = s.ColText(2);
      r.agencyKind = ParseAgencyKind(s.ColView(3)).value_or(AgencyKind::NonLawEnforcement);
      r.agencyState = s.ColText(4);
      r.requesterName = s.ColText(5);
      r.requesterTitle = s.ColText(6);
      r.requesterContact = s.ColText(7);
      r.theirCase = s.ColText(8);
      r.caseNumber = s.ColText(9);
      r.purposeCode = s.ColText(10);
      r.justification = s.ColText(11);
      r.authority = s.ColText(12);
      r.asks = s.ColText(13);
      r.receivedAt = s.ColInt(14);
      r.receivedBy = s.ColText(15);
      r.documentSha256 = s.ColText(16);
      r.documentName = s.ColText(17);
      r.enteredBy = s.ColText(18);
      r.enteredAt = s.ColInt(19);
      r.referred = s.ColInt(20) != 0;
      r.approvalsNeeded = static_cast<int>(s.ColInt(21));
      auto rules = nlohmann::json::parse(s.ColView(22), nullptr, false);
      if (rules.is_array())
        for (const auto& rule : rules)
          if (rule.is_string()) r.rulesApplied.push_back(rule.get<std::string>());
      r.auditSeq = static_cast<std::uint64_t>(s.ColInt(23));
      return rec;
    });
    if (!requests) return requests.Err();
    std::map<std::int64_t, DisseminationRecord*> byId;
    for (auto& rec : *requests) byId[rec.request.id] = &rec;

    auto reviews = mImpl->Prepare(
        "SELECT id, request_id, approved, reason, reviewer, at_ms, audit_seq FROM dissemination_reviews WHERE " +
        ofSelected + " ORDER BY id");
    if (!reviews) return reviews.Err();
    bind(*reviews);
    auto reviewRows = Collect<DisseminationReview>(*reviews, [](const sqlite::Stmt& s) {
      return DisseminationReview{s.ColInt(0),
                                 s.ColInt(1),
                                 s.ColInt(2) != 0,
                                 s.ColText(3),
                                 s.ColText(4),
                                 s.ColInt(5),
                                 static_cast<std::uint64_t>(s.ColInt(6))};
    });
    if (!reviewRows) return reviewRows.Err();
    for (auto& r : *reviewRows)
      if (auto it = byId.find(r.request); it != byId.end()) it->second->reviews.push_back(std::move(r));

    auto releases = mImpl->Prepare(
        "SELECT id, request_id, package_id, package_sha256, encrypted, method, media_label, released_by, "
        "received_by, released_ms, audit_seq FROM dissemination_releases WHERE " +
        ofSelected + " ORDER BY id");
    if (!releases) return releases.Err();
    bind(*releases);
    auto releaseRows = Collect<DisseminationRelease>(*releases, [](const sqlite::Stmt& s) {
      DisseminationRelease r;
      r.id = s.ColInt(0);
      r.request = s.ColInt(1);
      r.packageId = s.ColText(2);
      r.packageSha256 = s.ColText(3);
      r.encrypted = s.ColInt(4) != 0;
      r.method = ParseReleaseMethod(s.ColView(5)).value_or(ReleaseMethod::Media);
      r.mediaLabel = s.ColText(6);
      r.releasedBy = s.ColText(7);
      r.receivedBy = s.ColText(8);
      r.releasedAt = s.ColInt(9);
      r.auditSeq = static_cast<std::uint64_t>(s.ColInt(10));
      return r;
    });
    if (!releaseRows) return releaseRows.Err();
    std::map<std::int64_t, DisseminationRecord*> byRelease;
    auto releaseReads =
        mImpl->Prepare("SELECT read_id FROM dissemination_release_reads WHERE release_id = ?1 ORDER BY read_id");
    if (!releaseReads) return releaseReads.Err();
    for (auto& r : *releaseRows) {
      auto it = byId.find(r.request);
      if (it == byId.end()) continue;
      releaseReads->Int(1, r.id);
      auto ids = Collect<ReadId>(*releaseReads, [](const sqlite::Stmt& s) { return s.ColInt(0); });
      if (!ids) return ids.Err();
      releaseReads->Reset();
      r.reads = std::move(*ids);
      byRelease[r.id] = it->second;
      it->second->release = std::move(r);
    }

    auto receipts = mImpl->Prepare(
        "SELECT id, release_id, signed_by, signed_ms, document_sha256, recorded_by, recorded_ms, audit_seq "
        "FROM dissemination_receipts WHERE release_id IN (SELECT id FROM dissemination_releases WHERE " +
        ofSelected + ") ORDER BY id");
    if (!receipts) return receipts.Err();
    bind(*receipts);
    auto receiptRows = Collect<DisseminationReceipt>(*receipts, [](const sqlite::Stmt& s) {
      return DisseminationReceipt{s.ColInt(0),  s.ColInt(1),  s.ColText(2), s.ColInt(3),
                                  s.ColText(4), s.ColText(5), s.ColInt(6),  static_cast<std::uint64_t>(s.ColInt(7))};
    });
    if (!receiptRows) return receiptRows.Err();
    for (auto& r : *receiptRows)
      if (auto it = byRelease.find(r.release); it != byRelease.end()) it->second->receipt = std::move(r);

    auto notices = mImpl->Prepare(std::string(kNoticeColumns) + "WHERE r." + ofSelected + " ORDER BY n.id");
    if (!notices) return notices.Err();
    bind(*notices);
    auto noticeRows = Collect<DisseminationNotice>(*notices, NoticeRow);
    if (!noticeRows) return noticeRows.Err();
    for (auto& n : *noticeRows)
      if (auto it = byRelease.find(n.release); it != byRelease.end()) it->second->notices.push_back(std::move(n));

    std::vector<DisseminationRecord> out;
    for (auto& rec : *requests) {
      rec.state = StateOf(rec);
      if (filter.state && rec.state != *filter.state) continue;
      out.push_back(std::move(rec));
    }
    return out;
  });
}

Result<std::int64_t> Storage::AddReviewSignOff(const ReviewSignOff& r) {
  return detail::Guarded("add review sign-off", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO review_signoffs(reviewer, from_ms, to_ms, note, flags, checkpoint_size, checkpoint, signed_ms, "
        "audit_seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt) return stmt.Err();
    stmt->Text(1, r.reviewer);
    stmt->Int(2, r.from);
    stmt->Int(3, r.to);
    stmt->Text(4, r.note);
    stmt->Int(5, static_cast<std::int64_t>(r.flags));
    stmt->Int(6, static_cast<std::int64_t>(r.checkpointSize));
    stmt->Text(7, r.checkpoint);
    stmt->Int(8, r.signedAt);
    stmt->Int(9, static_cast<std::int64_t>(r.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Result<std::vector<ReviewSignOff>> Storage::ReviewSignOffs() {
  return detail::Guarded("review sign-offs", [&]() -> Result<std::vector<ReviewSignOff>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, reviewer, from_ms, to_ms, note, flags, checkpoint_size, checkpoint, signed_ms, audit_seq "
        "FROM review_signoffs ORDER BY id");
    if (!stmt) return stmt.Err();
    return Collect<ReviewSignOff>(*stmt, [](const sqlite::Stmt& s) {
      return ReviewSignOff{s.ColInt(0),
                           s.ColText(1),
                           s.ColInt(2),
                           s.ColInt(3),
                           s.ColText(4),
                           static_cast<std::uint64_t>(s.ColInt(5)),
                           static_cast<std::uint64_t>(s.ColInt(6)),
                           s.ColText(7),
                           s.ColInt(8),
                           static_cast<std::uint64_t>(s.ColInt(9))};
    });
  });
}

Result<std::int64_t> Storage::AddReviewEntryNote(const ReviewEntryNote& n) {
  return detail::Guarded("add review note", [&]() -> Result<std::int64_t> {
    auto stmt = mImpl->Prepare(
        "INSERT INTO review_entry_notes(seq, reviewer, note, noted_ms, audit_seq) VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, static_cast<std::int64_t>(n.seq));
    stmt->Text(2, n.reviewer);
    stmt->Text(3, n.note);
    stmt->Int(4, n.notedAt);
    stmt->Int(5, static_cast<std::int64_t>(n.auditSeq));
    PLATEDESK_TRY(stmt->Run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(mImpl->Db()));
  });
}

Result<std::vector<ReviewEntryNote>> Storage::ReviewEntryNotes(std::uint64_t fromSeq, std::uint64_t toSeq) {
  return detail::Guarded("review notes", [&]() -> Result<std::vector<ReviewEntryNote>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, seq, reviewer, note, noted_ms, audit_seq FROM review_entry_notes WHERE seq >= ?1 AND seq < ?2 "
        "ORDER BY seq, id");
    if (!stmt) return stmt.Err();
    stmt->Int(1, static_cast<std::int64_t>(fromSeq));
    stmt->Int(2, static_cast<std::int64_t>(std::min<std::uint64_t>(toSeq, INT64_MAX)));
    return Collect<ReviewEntryNote>(*stmt, [](const sqlite::Stmt& s) {
      return ReviewEntryNote{s.ColInt(0), static_cast<std::uint64_t>(s.ColInt(1)), s.ColText(2), s.ColText(3),
                             s.ColInt(4), static_cast<std::uint64_t>(s.ColInt(5))};
    });
  });
}

}  // namespace platedesk::store
