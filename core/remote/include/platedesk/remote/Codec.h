// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The wire form of every value the Session contract takes or returns (remote/Protocol.h): the
// remote client encodes arguments and decodes results with it, and platedesk-server does the
// opposite. Everything the server decodes comes from a network client, so decoding is strict
// about types (a string where a number belongs, a float where an integer belongs, an unknown enum
// name, a negative count are InvalidArgument naming the field) and never throws. A field that is
// missing keeps its default (a newer client may send fields an older server does not know, and
// the other way round).
//
// Conventions: times (UtcMs) are integers of milliseconds since the epoch; enums are their stable
// lower-case names; byte strings (image bytes) are base64; a std::optional that is empty is
// omitted; paths are UTF-8 strings; maps are JSON objects.
//
// In detail: a struct is a JSON object whose member names are the C++ member names (camelCase:
// "caseNumber", "capturedAt"); a derived struct is one flat object (store::Read holds NewRead's
// members beside "id" and "ingestedAt"). Unknown members are ignored; an empty optional is
// omitted when encoding and may be omitted or null when decoding. Integers are JSON integers: a
// float (even 2.0) where an integer belongs is refused, as is a number out of the C++ type's
// range; unsigned counts and the int/int64 members that count something (StorageStatus counts,
// edits, scene indexes, retention days, line numbers) refuse negatives; ids and times may be
// negative (their meaning is the service's to check, not the codec's). Doubles must be finite:
// NaN and infinity encode as null, which a non-optional double refuses and an optional one reads
// as empty. std::size_t travels as an unsigned integer. Enums use their module's names (store::RoleName,
// store::CameraKindName, audit::OutcomeName, ingest::ProblemKindName; search::MatchKind: "exact", "ocr-equivalent",
// "edited", "no-pattern"); an unknown name is refused. A SHA-256 digest is 64 lower-case hex
// digits. A pair (scene index, hit) is {"scene": n, "hit": {...}}. Callbacks, stop tokens and
// test seams (SearchOptions::onBatch, EvidenceRequest::writeFault and probeMedia) do not travel:
// encoding skips them and decoding leaves them as they were.

#include "platedesk/common/Hash.h"
#include "platedesk/common/Result.h"
#include "platedesk/workstation/Session.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platedesk::remote {

using Json = nlohmann::json;

// --- one overload pair per value type --------------------------------------------------------------
// void ToJson(Json& out, const T& value);
// [[nodiscard]] Status FromJson(const Json& in, T& value);   // InvalidArgument names the field

// Scalars.
void ToJson(Json& out, bool value);
void ToJson(Json& out, std::int64_t value);
void ToJson(Json& out, std::uint64_t value);
void ToJson(Json& out, int value);
void ToJson(Json& out, double value);
void ToJson(Json& out, const std::string& value);
[[nodiscard]] Status FromJson(const Json& in, bool& value);
[[nodiscard]] Status FromJson(const Json& in, std::int64_t& value);
[[nodiscard]] Status FromJson(const Json& in, std::uint64_t& value);
[[nodiscard]] Status FromJson(const Json& in, int& value);
[[nodiscard]] Status FromJson(const Json& in, double& value);
[[nodiscard]] Status FromJson(const Json& in, std::string& value);

/// Errors travel as {"code": "permission-denied", "detail": "none", "message": ..., "context": ...}.
void ToJson(Json& out, const Error& value);
[[nodiscard]] Status FromJson(const Json& in, Error& value);

/// A path as its UTF-8 string. Decoding refuses a string with a NUL character (no file system
/// has such a name) or one the platform cannot convert.
void ToJson(Json& out, const std::filesystem::path& value);
[[nodiscard]] Status FromJson(const Json& in, std::filesystem::path& value);
/// A SHA-256 digest as 64 lower-case hex digits; anything else is refused.
void ToJson(Json& out, const Sha256Digest& value);
[[nodiscard]] Status FromJson(const Json& in, Sha256Digest& value);

/// Image bytes (Session::GetImage) as a base64 string (common::Base64Encode).
[[nodiscard]] Json EncodeBytes(std::string_view bytes);
/// The inverse of EncodeBytes. Errors: InvalidArgument (not a string, or not canonical base64).
[[nodiscard]] Result<std::string> DecodeBytes(const Json& in);

// Every struct and enum the Session contract (workstation/Session.h) takes or returns, directly
// or nested. They must be declared before the container templates below, which find them by
// ordinary lookup. Each FromJson refuses a non-object (a non-string for enums) and names the
// offending member path in Error::context ("reads[2].vehicle.color[0].confidence").

// store (Types.h).
/// "detective", "supervisor", "administrator", "auditor" (store::RoleName).
void ToJson(Json& out, store::Role value);
[[nodiscard]] Status FromJson(const Json& in, store::Role& value);
/// "fixed", "mobile", "portable" (store::CameraKindName).
void ToJson(Json& out, store::CameraKind value);
[[nodiscard]] Status FromJson(const Json& in, store::CameraKind& value);
/// {"value", "confidence"}.
void ToJson(Json& out, const store::RankedValue& value);
[[nodiscard]] Status FromJson(const Json& in, store::RankedValue& value);
/// {"color", "make", "model", "body", "year"}: arrays of RankedValue.
void ToJson(Json& out, const store::VehicleAttributes& value);
[[nodiscard]] Status FromJson(const Json& in, store::VehicleAttributes& value);
/// {"plateReported", "plate", "confidence"}.
void ToJson(Json& out, const store::Candidate& value);
[[nodiscard]] Status FromJson(const Json& in, store::Candidate& value);
/// NewRead's members.
void ToJson(Json& out, const store::NewRead& value);
[[nodiscard]] Status FromJson(const Json& in, store::NewRead& value);
/// NewRead's members plus "id" and "ingestedAt", in one object.
void ToJson(Json& out, const store::Read& value);
[[nodiscard]] Status FromJson(const Json& in, store::Read& value);
/// {"id", "read", "plate", "state", "reason", "user", "createdAt"}.
void ToJson(Json& out, const store::Correction& value);
[[nodiscard]] Status FromJson(const Json& in, store::Correction& value);
/// {"id", "read", "user", "caseNumber", "createdAt"}.
void ToJson(Json& out, const store::Verification& value);
[[nodiscard]] Status FromJson(const Json& in, store::Verification& value);
/// {"latitude", "longitude", "address", "from", "to"?}.
void ToJson(Json& out, const store::CameraLocation& value);
[[nodiscard]] Status FromJson(const Json& in, store::CameraLocation& value);
/// {"id", "externalId", "name", "kind", "locations"}.
void ToJson(Json& out, const store::Camera& value);
[[nodiscard]] Status FromJson(const Json& in, store::Camera& value);
/// IngestToken's members ("revokedAt" omitted while not revoked).
void ToJson(Json& out, const store::IngestToken& value);
[[nodiscard]] Status FromJson(const Json& in, store::IngestToken& value);
/// {"camera", "externalId", "name", "from", "to"?}.
void ToJson(Json& out, const store::OfflinePeriod& value);
[[nodiscard]] Status FromJson(const Json& in, store::OfflinePeriod& value);
/// {"camera", "externalId", "name", "lastHeard"?, "online", "periods"}.
void ToJson(Json& out, const store::CameraHealth& value);
[[nodiscard]] Status FromJson(const Json& in, store::CameraHealth& value);
/// StorageStatus's members (also workstation::Overview); its counts refuse negatives.
void ToJson(Json& out, const store::StorageStatus& value);
[[nodiscard]] Status FromJson(const Json& in, store::StorageStatus& value);
/// {"cutoff", "readsDeleted", "readsHeld", "imagesDeleted", "bytesFreed", "quarantineDeleted",
/// "backupsDeleted", "finished"}.
void ToJson(Json& out, const store::RetentionCutoffs& value);
[[nodiscard]] Status FromJson(const Json& in, store::RetentionCutoffs& value);
void ToJson(Json& out, const store::PurgeCounts& value);
[[nodiscard]] Status FromJson(const Json& in, store::PurgeCounts& value);
/// {"number", "title", "lead", "open", "createdBy", "createdAt"}.
void ToJson(Json& out, const store::CaseRecord& value);
[[nodiscard]] Status FromJson(const Json& in, store::CaseRecord& value);
/// Review flags (oversight/Flags.h): the kind by oversight::FlagKindName.
void ToJson(Json& out, oversight::FlagKind value);
[[nodiscard]] Status FromJson(const Json& in, oversight::FlagKind& value);
void ToJson(Json& out, const store::ReviewSignOff& value);
[[nodiscard]] Status FromJson(const Json& in, store::ReviewSignOff& value);
void ToJson(Json& out, const store::ReviewEntryNote& value);
[[nodiscard]] Status FromJson(const Json& in, store::ReviewEntryNote& value);
void ToJson(Json& out, const oversight::Flag& value);
[[nodiscard]] Status FromJson(const Json& in, oversight::Flag& value);
/// The period's activity (oversight/Activity.h); counts refuse negatives, hourWeekday is
/// 7 x 24 counts (or absent).
void ToJson(Json& out, const oversight::DayCount& value);
[[nodiscard]] Status FromJson(const Json& in, oversight::DayCount& value);
void ToJson(Json& out, const oversight::NameCount& value);
[[nodiscard]] Status FromJson(const Json& in, oversight::NameCount& value);
void ToJson(Json& out, const oversight::Activity& value);
[[nodiscard]] Status FromJson(const Json& in, oversight::Activity& value);
/// The transparency report: the format by oversight::TransparencyFormatName, the file's bytes as base64.
void ToJson(Json& out, oversight::TransparencyFormat value);
[[nodiscard]] Status FromJson(const Json& in, oversight::TransparencyFormat& value);
/// A plate crop: bytes as base64.
void ToJson(Json& out, const workstation::PlateImage& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::PlateImage& value);
void ToJson(Json& out, const workstation::SavedResults& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::SavedResults& value);
void ToJson(Json& out, const workstation::PublishedReport& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::PublishedReport& value);
void ToJson(Json& out, const workstation::SignedOffReview& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::SignedOffReview& value);
/// The approval queue (store/Approval.h, oversight/Approval.h): the state by store::ApprovalStateName.
void ToJson(Json& out, store::ApprovalState value);
[[nodiscard]] Status FromJson(const Json& in, store::ApprovalState& value);
void ToJson(Json& out, const store::SearchApproval& value);
[[nodiscard]] Status FromJson(const Json& in, store::SearchApproval& value);
void ToJson(Json& out, const store::ApprovalFilter& value);
[[nodiscard]] Status FromJson(const Json& in, store::ApprovalFilter& value);
void ToJson(Json& out, const workstation::AgencySetting& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::AgencySetting& value);
void ToJson(Json& out, const workstation::MapSettings& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::MapSettings& value);
void ToJson(Json& out, const oversight::ApprovalRules& value);
[[nodiscard]] Status FromJson(const Json& in, oversight::ApprovalRules& value);
void ToJson(Json& out, const workstation::ApprovalSubject& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::ApprovalSubject& value);
/// Dissemination (store/Dissemination.h): enums by their module's names (store::AgencyKindName,
/// store::ReleaseMethodName, store::DisseminationStateName); a Document's bytes as base64.
void ToJson(Json& out, store::AgencyKind value);
[[nodiscard]] Status FromJson(const Json& in, store::AgencyKind& value);
void ToJson(Json& out, store::ReleaseMethod value);
[[nodiscard]] Status FromJson(const Json& in, store::ReleaseMethod& value);
void ToJson(Json& out, store::DisseminationState value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationState& value);
void ToJson(Json& out, const store::Document& value);
[[nodiscard]] Status FromJson(const Json& in, store::Document& value);
void ToJson(Json& out, const store::Agency& value);
[[nodiscard]] Status FromJson(const Json& in, store::Agency& value);
void ToJson(Json& out, const store::DisseminationRequest& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationRequest& value);
void ToJson(Json& out, const store::DisseminationReview& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationReview& value);
void ToJson(Json& out, const store::DisseminationRelease& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationRelease& value);
void ToJson(Json& out, const store::DisseminationReceipt& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationReceipt& value);
void ToJson(Json& out, const store::DisseminationNotice& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationNotice& value);
void ToJson(Json& out, const store::DisseminationRecord& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationRecord& value);
void ToJson(Json& out, const store::DisseminationFilter& value);
[[nodiscard]] Status FromJson(const Json& in, store::DisseminationFilter& value);
/// {"read", "reason", "createdBy", "createdAt"}.
/// Holds (store/Hold.h): the kind by store::HoldKindName.
void ToJson(Json& out, store::HoldKind value);
[[nodiscard]] Status FromJson(const Json& in, store::HoldKind& value);
void ToJson(Json& out, const store::Hold& value);
[[nodiscard]] Status FromJson(const Json& in, store::Hold& value);
void ToJson(Json& out, const store::HoldFilter& value);
[[nodiscard]] Status FromJson(const Json& in, store::HoldFilter& value);
void ToJson(Json& out, workstation::CameraChange::Action value);
[[nodiscard]] Status FromJson(const Json& in, workstation::CameraChange::Action& value);
void ToJson(Json& out, const workstation::CameraChange& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::CameraChange& value);
void ToJson(Json& out, const workstation::HoldRequest& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::HoldRequest& value);
void ToJson(Json& out, const store::CaseHold& value);
[[nodiscard]] Status FromJson(const Json& in, store::CaseHold& value);
/// PurposeRecord's members; "roles" an array of role names.
void ToJson(Json& out, const store::PurposeRecord& value);
[[nodiscard]] Status FromJson(const Json& in, store::PurposeRecord& value);

// search (Query.h).
/// "exact", "ocr-equivalent", "edited", "no-pattern".
void ToJson(Json& out, search::MatchKind value);
[[nodiscard]] Status FromJson(const Json& in, search::MatchKind& value);
/// {"latitude", "longitude"}.
void ToJson(Json& out, const search::GeoPoint& value);
[[nodiscard]] Status FromJson(const Json& in, search::GeoPoint& value);
/// {"centre", "radiusKm"}.
void ToJson(Json& out, const search::GeoCircle& value);
[[nodiscard]] Status FromJson(const Json& in, search::GeoCircle& value);
/// {"fromDeg", "toDeg"}.
void ToJson(Json& out, const search::DirectionRange& value);
[[nodiscard]] Status FromJson(const Json& in, search::DirectionRange& value);
/// {"value", "minConfidence"?}.
void ToJson(Json& out, const search::AttributeFilter& value);
[[nodiscard]] Status FromJson(const Json& in, search::AttributeFilter& value);
void ToJson(Json& out, const search::HoursOfDay& value);
[[nodiscard]] Status FromJson(const Json& in, search::HoursOfDay& value);
/// Query's members; every optional one omitted when empty.
void ToJson(Json& out, const search::Query& value);
[[nodiscard]] Status FromJson(const Json& in, search::Query& value);
/// {"kind", "candidateRank", "matchedPlate", "edits", "ocrSubstitutions", "ocrPositions"}.
void ToJson(Json& out, const search::MatchInfo& value);
[[nodiscard]] Status FromJson(const Json& in, search::MatchInfo& value);
/// {"read", "capturedAt", "camera", "plate", "state", "confidence", "lowConfidence", "match"}.
void ToJson(Json& out, const search::Hit& value);
[[nodiscard]] Status FromJson(const Json& in, search::Hit& value);
/// {"limit", "batchSize", "keepHits", "lowConfidenceBelow"}; onBatch does not travel.
void ToJson(Json& out, const search::SearchOptions& value);
[[nodiscard]] Status FromJson(const Json& in, search::SearchOptions& value);
/// {"totalMatches", "hits", "truncated"}.
void ToJson(Json& out, const search::SearchResult& value);
[[nodiscard]] Status FromJson(const Json& in, search::SearchResult& value);
/// {"cameras", "near"?, "from", "to"}.
void ToJson(Json& out, const search::Scene& value);
[[nodiscard]] Status FromJson(const Json& in, search::Scene& value);
/// {"scenes", "minScenes", "plate"?, "ocrTolerant", "maxEdits", "alternatives"}.
void ToJson(Json& out, const search::MultiSceneQuery& value);
[[nodiscard]] Status FromJson(const Json& in, search::MultiSceneQuery& value);
/// {"plate", "scenes", "sightings": [{"scene", "hit"}]}.
void ToJson(Json& out, const search::SceneVehicle& value);
[[nodiscard]] Status FromJson(const Json& in, search::SceneVehicle& value);

// audit (AuditLog.h).
/// "success", "failure", "refused" (audit::OutcomeName).
void ToJson(Json& out, audit::Outcome value);
[[nodiscard]] Status FromJson(const Json& in, audit::Outcome& value);
/// StoredRecord's members; "leafHash" as hex.
void ToJson(Json& out, const audit::StoredRecord& value);
[[nodiscard]] Status FromJson(const Json& in, audit::StoredRecord& value);
/// RecordFilter's members; "from", "to", "fromSeq" omitted when unset.
void ToJson(Json& out, const audit::RecordFilter& value);
[[nodiscard]] Status FromJson(const Json& in, audit::RecordFilter& value);

// access (Policy.h).
/// {"caseNumber", "purposeCode", "justification"}.
void ToJson(Json& out, const access::AccessContext& value);
[[nodiscard]] Status FromJson(const Json& in, access::AccessContext& value);

// evidence (Package.h).
/// MediaInfo's members.
void ToJson(Json& out, const evidence::MediaInfo& value);
[[nodiscard]] Status FromJson(const Json& in, evidence::MediaInfo& value);
/// {"mountPoint", "device", "fileSystem", "label"}.
void ToJson(Json& out, const evidence::RemovableDrive& value);
[[nodiscard]] Status FromJson(const Json& in, evidence::RemovableDrive& value);
/// {"name", "ok", "detail"}.
void ToJson(Json& out, const evidence::PackageCheck& value);
[[nodiscard]] Status FromJson(const Json& in, evidence::PackageCheck& value);
/// PackageVerification's members (SignerVerified() is derived, not sent).
void ToJson(Json& out, const evidence::PackageVerification& value);
[[nodiscard]] Status FromJson(const Json& in, evidence::PackageVerification& value);

// ingest (Importer.h).
/// "rejected", "skipped", "warning" (ingest::ProblemKindName).
void ToJson(Json& out, ingest::ProblemKind value);
[[nodiscard]] Status FromJson(const Json& in, ingest::ProblemKind& value);
/// {"kind", "file", "line", "field", "message"}.
void ToJson(Json& out, const ingest::ImportProblem& value);
[[nodiscard]] Status FromJson(const Json& in, ingest::ImportProblem& value);
/// ImportSummary's members.
void ToJson(Json& out, const ingest::ImportSummary& value);
[[nodiscard]] Status FromJson(const Json& in, ingest::ImportSummary& value);

// workstation (Session.h).
/// {"name", "displayName", "role"}.
void ToJson(Json& out, const workstation::UserInfo& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::UserInfo& value);
/// LoginRequest's members (the password travels: the transport must be TLS).
void ToJson(Json& out, const workstation::LoginRequest& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::LoginRequest& value);
/// UserSummary's members; training dates omitted when unset.
void ToJson(Json& out, const workstation::UserSummary& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::UserSummary& value);
/// {"pass", "summary", "records", "checkpointsVerified", "unanchoredTail"}.
void ToJson(Json& out, const workstation::AuditVerification& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::AuditVerification& value);
/// {"oldKey", "newKey", "newFingerprint"}.
void ToJson(Json& out, const workstation::AuditKeyRotation& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::AuditKeyRotation& value);
/// {"fromSeq", "toSeq", "pruned"}.
void ToJson(Json& out, const workstation::AuditPruneReport& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::AuditPruneReport& value);
/// {"verifications", "corrections"}.
void ToJson(Json& out, const workstation::ReadChecks& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::ReadChecks& value);
/// EvidenceRequest's data members; the test seams writeFault and probeMedia do not travel.
void ToJson(Json& out, const workstation::EvidenceRequest& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::EvidenceRequest& value);
/// EvidenceExport's members (the passphrase of an encrypted export included: shown once).
void ToJson(Json& out, const workstation::EvidenceExport& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::EvidenceExport& value);
/// CaseSearch's members; "matches" omitted when not recorded.
void ToJson(Json& out, const workstation::CaseSearch& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::CaseSearch& value);
/// CaseExport's members.
void ToJson(Json& out, const workstation::CaseExport& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::CaseExport& value);
/// {"record", "registered", "holds", "reads", "searches", "exports"}.
void ToJson(Json& out, const workstation::CaseSummary& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::CaseSummary& value);
/// {"retentionDays", "counts"}.
void ToJson(Json& out, const workstation::RetentionPeriods& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::RetentionPeriods& value);
void ToJson(Json& out, const workstation::RetentionReport& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::RetentionReport& value);
/// {"name", "token"}.
void ToJson(Json& out, const workstation::NewIngestToken& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::NewIngestToken& value);
/// An audit witness's fetch (Connection::LatestCheckpoint).
void ToJson(Json& out, const workstation::CheckpointProof& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::CheckpointProof& value);
/// {"result", "reads", "offlineCameras"}.
void ToJson(Json& out, const workstation::Session::SearchOutcome& value);
[[nodiscard]] Status FromJson(const Json& in, workstation::Session::SearchOutcome& value);

namespace detail {
/// "outer" + "inner" as a member path: "reads" + "[2].plate" = "reads[2].plate", "a" + "b" = "a.b".
[[nodiscard]] inline std::string JoinPath(std::string outer, const std::string& inner) {
  if (!inner.empty()) outer += (inner.front() == '[' ? "" : ".") + inner;
  return outer;
}
}  // namespace detail

// --- generic containers ----------------------------------------------------------------------------
template <class T>
void ToJson(Json& out, const std::vector<T>& values) {
  out = Json::array();
  for (const auto& v : values) {
    Json item;
    ToJson(item, v);
    out.push_back(std::move(item));
  }
}
template <class T>
[[nodiscard]] Status FromJson(const Json& in, std::vector<T>& values) {
  if (!in.is_array()) return Fail(ErrorCode::InvalidArgument, "expected a JSON array");
  values.clear();
  values.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    T item{};
    if (Status s = FromJson(in[i], item); !s.Ok()) {
      Error e = s.Err();
      e.context = detail::JoinPath("[" + std::to_string(i) + "]", e.context);
      return e;
    }
    values.push_back(std::move(item));
  }
  return {};
}
template <class T>
void ToJson(Json& out, const std::optional<T>& value) {
  if (value) {
    ToJson(out, *value);
  } else {
    out = nullptr;
  }
}
template <class T>
[[nodiscard]] Status FromJson(const Json& in, std::optional<T>& value) {
  if (in.is_null()) {
    value.reset();
    return {};
  }
  T v{};
  PLATEDESK_TRY(FromJson(in, v));
  value = std::move(v);
  return {};
}
void ToJson(Json& out, const std::map<std::string, std::string>& values);
[[nodiscard]] Status FromJson(const Json& in, std::map<std::string, std::string>& values);

/// Encodes any value with a ToJson overload.
template <class T>
[[nodiscard]] Json Encode(const T& value) {
  Json out;
  ToJson(out, value);
  return out;
}
/// Decodes any value with a FromJson overload.
template <class T>
[[nodiscard]] Result<T> Decode(const Json& in) {
  T value{};
  if (Status s = FromJson(in, value); !s.Ok()) return s.Err();
  return value;
}

/// Reads member `name` of object `in` into `value` when present (absent: value keeps its
/// default). Errors: InvalidArgument naming the member.
template <class T>
[[nodiscard]] Status Field(const Json& in, const char* name, T& value) {
  if (!in.is_object()) return Fail(ErrorCode::InvalidArgument, "expected a JSON object");
  auto it = in.find(name);
  if (it == in.end()) return {};
  if (Status s = FromJson(*it, value); !s.Ok()) {
    Error e = s.Err();
    e.context = detail::JoinPath(name, e.context);
    return e;
  }
  return {};
}

}  // namespace platedesk::remote
