// SPDX-License-Identifier: GPL-3.0-or-later
// Reads, their candidates and corrections.
#include "StorageImpl.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace platedesk::store {
namespace {

constexpr std::size_t kBatchSize = 10000;

// Slots in State::hot.
constexpr int kHotInsertRead = 0;
constexpr int kHotFindRead = 1;
constexpr int kHotDeleteRead = 2;
constexpr int kHotCandidates = 3;  // 3..6: one to four rows
constexpr int kHotImageExists = 7;

constexpr const char* kReadColumns =
    "id, source_format, source_uuid, captured_ms, camera_id, plate_reported, plate, state, confidence,"
    " direction_deg, latitude, longitude, attributes_json, plate_image, vehicle_image, payload_sha256, ingested_ms";

struct AttributeList {
  const char* key;
  std::vector<RankedValue> VehicleAttributes::*member;
};
constexpr AttributeList kAttributes[] = {{"color", &VehicleAttributes::color},
                                         {"make", &VehicleAttributes::make},
                                         {"model", &VehicleAttributes::model},
                                         {"body", &VehicleAttributes::body},
                                         {"year", &VehicleAttributes::year}};

Error BadField(std::string field, std::string message) {
  return Fail(ErrorCode::InvalidArgument, std::move(message), std::move(field));
}

Status ValidateRead(const NewRead& r) {
  if (r.sourceFormat.empty()) return BadField("sourceFormat", "source format is empty");
  if (r.sourceUuid.empty()) return BadField("sourceUuid", "source record id is empty");
  if (r.capturedAt <= 0) return BadField("capturedAt", "capture time is missing");
  if (!plate::IsNormalisedPlate(r.plate))
    return BadField("plate", "plate is not normalised (A-Z, 0-9, 1-12 characters)");
  if (!detail::IsStateCode(r.state)) return BadField("state", "state must be empty or two upper-case letters");
  if (!detail::InRange(r.confidence, 0, 100)) return BadField("confidence", "confidence outside 0..100");
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    const Candidate& c = r.candidates[i];
    const auto at = [i](const char* leaf) { return "candidates[" + std::to_string(i) + "]." + leaf; };
    if (!plate::IsNormalisedPlate(c.plate)) return BadField(at("plate"), "candidate plate is not normalised");
    if (!detail::InRange(c.confidence, 0, 100)) return BadField(at("confidence"), "confidence outside 0..100");
  }
  for (const AttributeList& a : kAttributes) {
    const auto& list = r.vehicle.*a.member;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto at = [&a, i](const char* leaf) {
        return std::string("vehicle.") + a.key + "[" + std::to_string(i) + "]." + leaf;
      };
      if (list[i].value.empty()) return BadField(at("value"), "attribute value is empty");
      if (!detail::InRange(list[i].confidence, 0, 100)) return BadField(at("confidence"), "confidence outside 0..100");
    }
  }
  if (r.directionDeg && !detail::InRange(*r.directionDeg, 0, 360))
    return BadField("directionDeg", "direction outside 0..360");
  if (r.latitude.has_value() != r.longitude.has_value()) {
    return BadField(r.latitude ? "longitude" : "latitude", "latitude and longitude come together");
  }
  if (r.latitude && !detail::InRange(*r.latitude, -90, 90)) return BadField("latitude", "latitude outside -90..90");
  if (r.longitude && !detail::InRange(*r.longitude, -180, 180))
    return BadField("longitude", "longitude outside -180..180");
  if (!r.plateImage.empty() && !IsSha256Hex(r.plateImage)) return BadField("plateImage", "not a SHA-256 hex string");
  if (!r.vehicleImage.empty() && !IsSha256Hex(r.vehicleImage))
    return BadField("vehicleImage", "not a SHA-256 hex string");
  if (!r.payloadSha256.empty() && !IsSha256Hex(r.payloadSha256)) {
    return BadField("payloadSha256", "not a SHA-256 hex string");
  }
  return {};
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += ch;
    }
  }
  out += '"';
}

// {"color":[["white",91.5],["silver",5]],...}; "" when nothing was reported. Written by hand
// (this runs for every imported read); numbers in shortest round-trip form.
std::string AttributesJson(const VehicleAttributes& v) {
  bool any = false;
  for (const AttributeList& a : kAttributes) {
    for (const RankedValue& rv : v.*a.member) {
      // nlohmann replaces invalid UTF-8 with U+FFFD; the hand-written path assumes valid text.
      if (!IsValidUtf8(rv.value)) {
        nlohmann::json j = nlohmann::json::object();
        for (const AttributeList& b : kAttributes) {
          if ((v.*b.member).empty()) continue;
          nlohmann::json arr = nlohmann::json::array();
          for (const RankedValue& x : v.*b.member) arr.push_back(nlohmann::json::array({x.value, x.confidence}));
          j[b.key] = std::move(arr);
        }
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      any = true;
    }
  }
  if (!any) return {};
  std::string out;
  out.reserve(160);
  out += '{';
  bool firstKey = true;
  for (const AttributeList& a : kAttributes) {
    const auto& list = v.*a.member;
    if (list.empty()) continue;
    if (!firstKey) out += ',';
    firstKey = false;
    out += '"';
    out += a.key;
    out += "\":[";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ',';
      out += '[';
      AppendJsonString(out, list[i].value);
      out += ',';
      char number[32];
      const auto [end, ec] = std::to_chars(number, number + sizeof number, list[i].confidence);
      out.append(number, ec == std::errc() ? end : number);
      out += ']';
    }
    out += ']';
  }
  out += '}';
  return out;
}

Status ParseAttributes(const std::string& text, VehicleAttributes& out, ReadId id) {
  const auto corrupt = [id] {
    return Fail(ErrorCode::Corrupt, "vehicle attributes of a read are damaged", "read " + std::to_string(id));
  };
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return corrupt();
  for (const AttributeList& a : kAttributes) {
    const auto it = j.find(a.key);
    if (it == j.end()) continue;
    if (!it->is_array()) return corrupt();
    auto& list = out.*a.member;
    list.reserve(it->size());
    for (const auto& item : *it) {
      if (!item.is_array() || item.size() != 2 || !item[0].is_string() || !item[1].is_number()) return corrupt();
      list.push_back({item[0].get<std::string>(), item[1].get<double>()});
    }
  }
  return {};
}

// Fills the columns of kReadColumns; candidates are loaded separately.
Status ReadFromRow(const sqlite::Stmt& s, Read& r) {
  r.id = s.ColInt(0);
  r.sourceFormat = s.ColText(1);
  r.sourceUuid = s.ColText(2);
  r.capturedAt = s.ColInt(3);
  r.camera = s.ColInt(4);
  r.plateReported = s.ColText(5);
  r.plate = s.ColText(6);
  r.state = s.ColText(7);
  r.confidence = s.ColDouble(8);
  r.directionDeg = s.ColOptDouble(9);
  r.latitude = s.ColOptDouble(10);
  r.longitude = s.ColOptDouble(11);
  if (!s.IsNull(12)) PLATEDESK_TRY(ParseAttributes(s.ColText(12), r.vehicle, r.id));
  r.plateImage = s.ColText(13);
  r.vehicleImage = s.ColText(14);
  r.payloadSha256 = s.ColText(15);
  r.ingestedAt = s.ColInt(16);
  return {};
}

Result<bool> ImageExists(detail::State& impl, std::string_view sha256) {
  auto stmt = impl.PrepareHot(kHotImageExists, "SELECT 1 FROM images WHERE sha256 = ?1");
  if (!stmt) return stmt.Err();
  stmt->Text(1, sha256);
  return stmt->Step();
}

Result<bool> CameraExists(detail::State& impl, CameraId id) {
  if (impl.knownCameras.count(id) != 0) return true;
  auto stmt = impl.Prepare("SELECT 1 FROM cameras WHERE id = ?1");
  if (!stmt) return stmt.Err();
  stmt->Int(1, id);
  auto row = stmt->Step();
  if (row && *row) impl.knownCameras.insert(id);
  return row;
}

// Checks the references a read makes; the foreign keys would refuse them too, but without
// naming the field.
Status ValidateReferences(detail::State& impl, const NewRead& r) {
  auto camera = CameraExists(impl, r.camera);
  if (!camera) return camera.Err();
  if (!*camera) return BadField("camera", "no such camera (use EnsureCamera first)");
  const std::pair<const char*, const std::string*> images[] = {{"plateImage", &r.plateImage},
                                                               {"vehicleImage", &r.vehicleImage}};
  for (const auto& [field, sha] : images) {
    if (sha->empty()) continue;
    auto found = ImageExists(impl, *sha);
    if (!found) return found.Err();
    if (!*found) return BadField(field, "no such stored image (use PutImage first)");
  }
  return {};
}

Status LoadCandidates(detail::State& impl, Read& r) {
  auto stmt =
      impl.Prepare("SELECT plate_reported, plate, confidence FROM read_candidates WHERE read_id = ?1 ORDER BY rank");
  if (!stmt) return stmt.Err();
  stmt->Int(1, r.id);
  for (;;) {
    auto row = stmt->Step();
    if (!row) return row.Err();
    if (!*row) return {};
    r.candidates.push_back({stmt->ColText(0), stmt->ColText(1), stmt->ColDouble(2)});
  }
}

// Candidates go in with one multi-row INSERT per up to kCandidatesPerStatement rows.
constexpr std::size_t kCandidatesPerStatement = 4;

std::string CandidateInsertSql(std::size_t rows) {
  std::string sql = "INSERT INTO read_candidates(read_id, rank, plate_reported, plate, confidence) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "(" : ", (";
    for (int k = 1; k <= 5; ++k) {
      sql.append("?").append(std::to_string(i * 5 + static_cast<std::size_t>(k)));
      sql += k < 5 ? ", " : ")";
    }
  }
  return sql;
}

Status InsertCandidates(detail::State& state, ReadId id, const std::vector<Candidate>& candidates) {
  static const std::string kSql[kCandidatesPerStatement + 1] = {"", CandidateInsertSql(1), CandidateInsertSql(2),
                                                                CandidateInsertSql(3), CandidateInsertSql(4)};
  for (std::size_t first = 0; first < candidates.size(); first += kCandidatesPerStatement) {
    const std::size_t rows = std::min(kCandidatesPerStatement, candidates.size() - first);
    auto stmt = state.PrepareHot(kHotCandidates + static_cast<int>(rows) - 1, kSql[rows]);
    if (!stmt) return stmt.Err();
    for (std::size_t i = 0; i < rows; ++i) {
      const Candidate& c = candidates[first + i];
      const int p = static_cast<int>(i * 5);
      stmt->Int(p + 1, id);
      stmt->Int(p + 2, static_cast<std::int64_t>(first + i + 1));
      stmt->TextNoCopy(p + 3, c.plateReported);
      stmt->TextNoCopy(p + 4, c.plate);
      stmt->Double(p + 5, c.confidence);
    }
    PLATEDESK_TRY(stmt->Run());
  }
  return {};
}

}  // namespace

Result<InsertOutcome> Storage::InsertRead(const NewRead& read) {
  return detail::Guarded("insert read", [&]() -> Result<InsertOutcome> {
    PLATEDESK_TRY(ValidateRead(read));
    PLATEDESK_TRY(ValidateReferences(*mImpl, read));
    const std::string attributes = AttributesJson(read.vehicle);  // bound without copying below

    // Inside a Transaction there is no savepoint per read (it would copy every touched page into
    // a sub-journal, halving bulk-import speed): the read and its candidates are two statements,
    // each atomic, and if the second fails the first is undone with a DELETE.
    const bool own = !mImpl->inTransaction;
    if (!own && sqlite3_get_autocommit(mImpl->Db()) != 0) {
      return Fail(ErrorCode::Io, "the open transaction was rolled back by SQLite after an earlier error",
                  "roll back the Transaction and start a new one");
    }
    std::optional<detail::WriteScope> scope;
    if (own) {
      auto started = detail::WriteScope::Start(*mImpl);
      if (!started) return started.Err();
      scope.emplace(std::move(*started));
    }

    InsertOutcome outcome;
    {
      auto insert = mImpl->PrepareHot(
          kHotInsertRead,
          // The id is never one a deleted read had (schema v8, read_id_high): audit records and
          // evidence packages name reads by id.
          "INSERT INTO reads(id, source_format, source_uuid, captured_ms, camera_id, plate_reported, plate, state,"
          " confidence, direction_deg, latitude, longitude, color, color_conf, make, make_conf, model, model_conf,"
          " body, body_conf, year, year_conf, attributes_json, plate_image, vehicle_image, payload_sha256, ingested_ms)"
          " VALUES (max(coalesce((SELECT max(id) FROM reads), 0),"
          " (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'read_id_high')) + 1,"
          " ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
          " ?22, ?23, ?24, ?25, ?26)"
          " ON CONFLICT(source_format, source_uuid) DO NOTHING");
      if (!insert) return insert.Err();
      auto& s = *insert;
      s.TextNoCopy(1, read.sourceFormat);
      s.TextNoCopy(2, read.sourceUuid);
      s.Int(3, read.capturedAt);
      s.Int(4, read.camera);
      s.TextNoCopy(5, read.plateReported);
      s.TextNoCopy(6, read.plate);
      s.TextNoCopy(7, read.state);
      s.Double(8, read.confidence);
      s.OptDouble(9, read.directionDeg);
      s.OptDouble(10, read.latitude);
      s.OptDouble(11, read.longitude);
      int column = 12;
      for (const AttributeList& a : kAttributes) {
        const auto& list = read.vehicle.*a.member;
        if (list.empty()) {
          s.Null(column);
          s.Null(column + 1);
        } else {
          s.TextNoCopy(column, list.front().value);
          s.Double(column + 1, list.front().confidence);
        }
        column += 2;
      }
      if (attributes.empty())
        s.Null(22);
      else
        s.TextNoCopy(22, attributes);
      if (read.plateImage.empty())
        s.Null(23);
      else
        s.TextNoCopy(23, read.plateImage);
      if (read.vehicleImage.empty())
        s.Null(24);
      else
        s.TextNoCopy(24, read.vehicleImage);
      s.TextNoCopy(25, read.payloadSha256);
      s.Int(26, mImpl->clock->Now());
      PLATEDESK_TRY(s.Run());
    }

    if (sqlite3_changes(mImpl->Db()) == 0) {
      // Already stored: report the stored read's id and change nothing.
      auto find = mImpl->PrepareHot(kHotFindRead, "SELECT id FROM reads WHERE source_format = ?1 AND source_uuid = ?2");
      if (!find) return find.Err();
      find->TextNoCopy(1, read.sourceFormat);
      find->TextNoCopy(2, read.sourceUuid);
      auto row = find->Step();
      if (!row) return row.Err();
      if (!*row) return Fail(ErrorCode::Internal, "duplicate read not found", read.sourceUuid);
      outcome.id = find->ColInt(0);
      find->Reset();
      if (scope) PLATEDESK_TRY(scope->Commit());
      return outcome;
    }
    outcome.id = sqlite3_last_insert_rowid(mImpl->Db());
    outcome.inserted = true;

    if (Status st = InsertCandidates(*mImpl, outcome.id, read.candidates); !st.Ok()) {
      if (!scope) {
        // Undo this read only; the caller's transaction goes on (or is already gone, see above).
        // The schema (v7) lets a read be deleted only under the purge marker, which cannot be
        // committed: the undo of this uncommitted row is the one other user of it.
        auto undo = mImpl->PrepareHot(kHotDeleteRead, "DELETE FROM reads WHERE id = ?1");
        auto mark = mImpl->Prepare("INSERT INTO retention_purge(id, cutoff_ms) VALUES (1, ?1)");
        auto unmark = mImpl->Prepare("DELETE FROM retention_purge");
        bool undone = false;
        if (undo && mark && unmark) {
          mark->Int(1, read.capturedAt + 1);
          if (mark->Run().Ok()) {
            undo->Int(1, outcome.id);
            undone = undo->Run().Ok();
          }
          (void)unmark->Run();
        }
        // Refused (the new read matches a preservation order, which keeps it) or failed: the
        // caller's transaction must not commit a read without its candidates.
        if (!undone) mImpl->transactionBroken = true;
      }
      return st.Err();  // an own scope rolls back in its destructor
    }
    if (scope) PLATEDESK_TRY(scope->Commit());
    return outcome;
  });
}

Result<std::optional<Read>> Storage::GetRead(ReadId id) {
  return detail::Guarded("get read", [&]() -> Result<std::optional<Read>> {
    Read r;
    {
      auto stmt = mImpl->Prepare(std::string("SELECT ") + kReadColumns + " FROM reads WHERE id = ?1");
      if (!stmt) return stmt.Err();
      stmt->Int(1, id);
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) return std::optional<Read>();
      PLATEDESK_TRY(ReadFromRow(*stmt, r));
    }
    PLATEDESK_TRY(LoadCandidates(*mImpl, r));
    return std::optional<Read>(std::move(r));
  });
}

Result<std::vector<Read>> Storage::GetReads(std::span<const ReadId> ids) {
  return detail::Guarded("get reads", [&]() -> Result<std::vector<Read>> {
    std::vector<Read> list;
    list.reserve(ids.size());
    for (ReadId id : ids) {
      auto r = GetRead(id);
      if (!r) return r.Err();
      if (*r) list.push_back(std::move(**r));
    }
    return list;
  });
}

Status Storage::ForEachRead(const std::function<bool(const Read&)>& fn, std::stop_token stop,
                            const ProgressFn& progress) {
  return detail::Guarded("read all reads", [&]() -> Status {
    std::uint64_t total = 0;
    {
      auto count = mImpl->Prepare("SELECT count(*) FROM reads");
      if (!count) return count.Err();
      auto row = count->Step();
      if (!row) return row.Err();
      total = static_cast<std::uint64_t>(count->ColInt(0));
    }
    ProgressThrottle throttle(progress);
    throttle.Report(0, total, true);
    std::uint64_t done = 0;
    ReadId lastId = 0;
    std::vector<Read> batch;
    for (;;) {
      if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
      batch.clear();
      {
        // Keyset pagination: each batch is its own statement, so fn may use this Storage.
        auto stmt = mImpl->Prepare(std::string("SELECT ") + kReadColumns +
                                   " FROM reads WHERE id > ?1 ORDER BY id LIMIT " + std::to_string(kBatchSize));
        if (!stmt) return stmt.Err();
        stmt->Int(1, lastId);
        for (;;) {
          auto row = stmt->Step();
          if (!row) return row.Err();
          if (!*row) break;
          batch.emplace_back();
          PLATEDESK_TRY(ReadFromRow(*stmt, batch.back()));
        }
      }
      if (batch.empty()) break;
      {
        auto stmt = mImpl->Prepare(
            "SELECT read_id, plate_reported, plate, confidence FROM read_candidates"
            " WHERE read_id BETWEEN ?1 AND ?2 ORDER BY read_id, rank");
        if (!stmt) return stmt.Err();
        stmt->Int(1, batch.front().id);
        stmt->Int(2, batch.back().id);
        std::size_t at = 0;
        for (;;) {
          auto row = stmt->Step();
          if (!row) return row.Err();
          if (!*row) break;
          const ReadId readId = stmt->ColInt(0);
          while (at < batch.size() && batch[at].id < readId) ++at;
          if (at == batch.size()) break;
          if (batch[at].id == readId)
            batch[at].candidates.push_back({stmt->ColText(1), stmt->ColText(2), stmt->ColDouble(3)});
        }
      }
      for (const Read& r : batch) {
        if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
        if (!fn(r)) {
          throttle.Report(done, total, true);
          return {};
        }
        ++done;
        throttle.Report(done, std::max(done, total));
      }
      lastId = batch.back().id;
    }
    throttle.Report(done, std::max(done, total), true);
    return {};
  });
}

namespace {
// Corrections and verifications refer to an existing read (NotFound otherwise).
Status RequireRead(detail::State& impl, ReadId read) {
  auto exists = impl.Prepare("SELECT 1 FROM reads WHERE id = ?1");
  if (!exists) return exists.Err();
  exists->Int(1, read);
  auto row = exists->Step();
  if (!row) return row.Err();
  if (!*row) return Fail(ErrorCode::NotFound, "no such read", std::to_string(read));
  return {};
}
}  // namespace

Result<Correction> Storage::AddCorrection(ReadId read, std::string_view plateText, std::string_view state,
                                          std::string_view reason, std::string_view user) {
  return detail::Guarded("add correction", [&]() -> Result<Correction> {
    if (!plate::IsNormalisedPlate(plateText)) return BadField("plate", "plate is not normalised (A-Z, 0-9)");
    if (!detail::IsStateCode(state)) return BadField("state", "state must be empty or two upper-case letters");
    if (reason.empty()) return BadField("reason", "a correction needs a reason");
    if (user.empty()) return BadField("user", "a correction needs the user who made it");
    PLATEDESK_TRY(RequireRead(*mImpl, read));
    Correction c;
    c.read = read;
    c.plate = std::string(plateText);
    c.state = std::string(state);
    c.reason = std::string(reason);
    c.user = std::string(user);
    c.createdAt = mImpl->clock->Now();
    auto stmt = mImpl->Prepare(
        "INSERT INTO read_corrections(read_id, plate, state, reason, user_name, created_ms) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, c.read);
    stmt->Text(2, c.plate);
    stmt->Text(3, c.state);
    stmt->Text(4, c.reason);
    stmt->Text(5, c.user);
    stmt->Int(6, c.createdAt);
    PLATEDESK_TRY(stmt->Run());
    c.id = sqlite3_last_insert_rowid(mImpl->Db());
    return c;
  });
}

Result<std::vector<Correction>> Storage::Corrections(ReadId read) {
  return detail::Guarded("list corrections", [&]() -> Result<std::vector<Correction>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, read_id, plate, state, reason, user_name, created_ms FROM read_corrections WHERE read_id = ?1"
        " ORDER BY id");
    if (!stmt) return stmt.Err();
    stmt->Int(1, read);
    std::vector<Correction> list;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) break;
      list.push_back({stmt->ColInt(0), stmt->ColInt(1), stmt->ColText(2), stmt->ColText(3), stmt->ColText(4),
                      stmt->ColText(5), stmt->ColInt(6)});
    }
    return list;
  });
}

Result<Verification> Storage::AddVerification(ReadId read, std::string_view user, std::string_view caseNumber) {
  return detail::Guarded("add verification", [&]() -> Result<Verification> {
    if (user.empty()) return BadField("user", "a verification needs the user who made it");
    PLATEDESK_TRY(RequireRead(*mImpl, read));
    Verification v{0, read, std::string(user), std::string(caseNumber), mImpl->clock->Now()};
    auto stmt = mImpl->Prepare(
        "INSERT INTO read_verifications(read_id, user_name, case_number, created_ms) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.Err();
    stmt->Int(1, v.read);
    stmt->Text(2, v.user);
    stmt->Text(3, v.caseNumber);
    stmt->Int(4, v.createdAt);
    PLATEDESK_TRY(stmt->Run());
    v.id = sqlite3_last_insert_rowid(mImpl->Db());
    return v;
  });
}

Result<std::vector<Verification>> Storage::Verifications(ReadId read) {
  return detail::Guarded("list verifications", [&]() -> Result<std::vector<Verification>> {
    auto stmt = mImpl->Prepare(
        "SELECT id, read_id, user_name, case_number, created_ms FROM read_verifications WHERE read_id = ?1 ORDER BY "
        "id");
    if (!stmt) return stmt.Err();
    stmt->Int(1, read);
    std::vector<Verification> list;
    for (;;) {
      auto row = stmt->Step();
      if (!row) return row.Err();
      if (!*row) break;
      list.push_back({stmt->ColInt(0), stmt->ColInt(1), stmt->ColText(2), stmt->ColText(3), stmt->ColInt(4)});
    }
    return list;
  });
}

}  // namespace platedesk::store
