// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Hash.h"
#include "platedesk/remote/Codec.h"

#include <boost/test/unit_test.hpp>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace platedesk;
using remote::Decode;
using remote::Encode;
using remote::Json;

namespace {

constexpr UtcMs kT0 = 1'780'000'000'123;  // 2026-05-28, with milliseconds
const std::string kHexA = Sha256Hex("a");
const std::string kHexB = Sha256Hex("b");

// --- one value per type with every member away from its default ------------------------------------

store::Read SampleRead(store::ReadId id) {
  store::Read r;
  r.sourceFormat = "openalpr-group";
  r.sourceUuid = "uuid-" + std::to_string(id);
  r.capturedAt = kT0 + id;
  r.camera = 3;
  r.plateReported = "ABC-123";
  r.plate = "ABC123";
  r.state = "VA";
  r.confidence = 91.25;
  r.candidates = {{"ABC-I23", "ABCI23", 55.5}, {"A8C-123", "A8C123", 40}};
  r.vehicle.color = {{"white", 91.5}, {"silver", 5}};
  r.vehicle.make = {{"toyota", 80}};
  r.vehicle.model = {{"camry", 70}};
  r.vehicle.body = {{"sedan", 88}};
  r.vehicle.year = {{"2015-2017", 33}};
  r.directionDeg = 271.5;
  r.latitude = 38.8977;
  r.longitude = -77.0365;
  r.plateImage = kHexA;
  r.vehicleImage = kHexB;
  r.payloadSha256 = Sha256Hex("payload");
  r.id = id;
  r.ingestedAt = kT0 + 5000;
  return r;
}

store::OfflinePeriod SampleOffline() { return {3, "agent/3", "North gate", kT0 - 60'000, kT0}; }

search::GeoCircle SampleCircle() { return {{38.9, -77.04}, 2.5}; }

search::Hit SampleHit(store::ReadId read) {
  search::Hit h;
  h.read = read;
  h.capturedAt = kT0 + read;
  h.camera = 3;
  h.plate = "ABC124";
  h.state = "MD";
  h.confidence = 64.5;
  h.lowConfidence = true;
  h.match = {search::MatchKind::Edited, 2, "ABC124", 1, 1, {0, 4}};
  return h;
}

search::Query SampleQuery() {
  search::Query q;
  q.plate = "ABC*";
  q.ocrTolerant = false;
  q.maxEdits = 2;
  q.alternatives = false;
  q.states = {"VA", "MD"};
  q.includeUnknownState = true;
  q.from = kT0 - 86'400'000;
  q.to = kT0;
  q.cameras = {3, 4};
  q.near = SampleCircle();
  q.color = search::AttributeFilter{{"white", "silver"}, 80};
  q.hours = search::HoursOfDay{1320, 240};
  q.make = search::AttributeFilter{{"toyota"}, std::nullopt};
  q.model = search::AttributeFilter{{"camry"}, 50};
  q.body = search::AttributeFilter{{"sedan"}, 60};
  q.minConfidence = 75;
  q.direction = search::DirectionRange{350, 10};
  return q;
}

search::SearchResult SampleSearchResult() { return {1234, {SampleHit(42), SampleHit(43)}, true}; }

store::CaseRecord SampleCase() { return {"26-004512", "Burglary, 5th St", "jdoe", false, "admin", kT0}; }

store::Hold SampleHold() {
  store::Hold h;
  h.id = 7;
  h.caseNumber = "26-004512";
  h.kind = store::HoldKind::Preservation;
  h.reason = "PR-2026-118";
  h.placedBy = "s.okafor";
  h.placedAt = kT0;
  h.from = kT0 - kMsPerDay;
  h.to = kT0 + kMsPerDay;
  h.cameras = {"cam-1", "agent/3"};
  h.plates = {"ABC777"};
  h.releasedBy = "m.tan";
  h.releasedAt = kT0 + 5;
  h.releaseReason = "order vacated";
  h.reviewedBy = "m.tan";
  h.reviewedAt = kT0 + 3;
  h.reviewNote = "keep";
  h.reads = 12;
  h.reviewDue = true;
  return h;
}

store::StorageStatus SampleStatus() {
  store::StorageStatus s;
  s.reads = 1'000'000;
  s.cameras = 12;
  s.images = 2'000'000;
  s.quarantined = 4;
  s.users = 9;
  s.oldestRead = kT0 - 30 * kMsPerDay;
  s.newestRead = kT0;
  s.schemaVersion = 11;
  s.sizeBytes = 123'456'789'012ULL;
  s.demo = true;
  s.camerasOnline = 10;
  s.camerasOffline = 1;
  s.camerasNeverHeard = 1;
  s.offlineCameras = {SampleOffline()};
  return s;
}

workstation::CaseSearch SampleCaseSearch() {
  return {17,        kT0, "jdoe", "INV-VIOLENT", "robbery suspect vehicle", {{"plate", "ABC*"}, {"edits", "1"}},
          "success", 12,  "none"};
}

workstation::CaseExport SampleCaseExport() {
  return {21,
          kT0,
          "jdoe",
          "0123456789abcdef0123456789abcdef",
          "aes-256-zip",
          "USB 1",
          "DA office",
          3,
          "success",
          "/media/usb/pkg.zip",
          kHexA,
          4096,
          "-"};
}

// Types whose std::function members keep them from a defaulted operator==: compare the data.
bool Same(const search::SearchOptions& a, const search::SearchOptions& b) {
  return a.limit == b.limit && a.batchSize == b.batchSize && a.maxMatches == b.maxMatches && a.keepHits == b.keepHits &&
         a.lowConfidenceBelow == b.lowConfidenceBelow;
}
bool Same(const workstation::EvidenceRequest& a, const workstation::EvidenceRequest& b) {
  return a.reads == b.reads && a.caseReads == b.caseReads && a.destination == b.destination &&
         a.selectionMethod == b.selectionMethod && a.selection == b.selection && a.description == b.description &&
         a.mediaLabel == b.mediaLabel && a.custodian == b.custodian && a.recipient == b.recipient &&
         a.release == b.release && a.releaseMethod == b.releaseMethod && a.receivedBy == b.receivedBy &&
         a.encrypt == b.encrypt && a.passphraseDelivery == b.passphraseDelivery;
}
template <class T>
bool Same(const T& a, const T& b) {
  return a == b;
}

Json Reparse(const Json& j) { return Json::parse(j.dump()); }

/// The value survives encoding, the text form and decoding; it is not the default value; and every
/// member of its encoding matters (dropping any one of them decodes to a different value, so no
/// member is written under a name the decoder does not read, and no member of the sample is left
/// at its default).
template <class T>
void CheckRoundTrip(const T& sample, const char* what) {
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST(!Same(sample, T{}), "the sample must differ from the default");
    const Json wire = Reparse(Encode(sample));
    Result<T> decoded = Decode<T>(wire);
    BOOST_TEST_REQUIRE(decoded.Ok(), (decoded.Ok() ? std::string() : decoded.Err().ToString()));
    BOOST_TEST(Same(*decoded, sample));
    if (wire.is_object()) {
      for (const auto& [key, unused] : wire.items()) {
        Json less = wire;
        less.erase(key);
        Result<T> partial = Decode<T>(less);
        BOOST_TEST_REQUIRE(partial.Ok());
        BOOST_TEST(!Same(*partial, sample), "member " << key << " is not read back");
      }
    }
  }
}

/// Decoding `in` as T fails with InvalidArgument naming `context`, and throws nothing. `label`
/// says which input it was (the input itself may be too deep to print: dump() recurses).
template <class T>
void CheckRefused(const Json& in, const std::string& context, const std::string& label) {
  BOOST_TEST_CONTEXT("decoding " << label) {
    std::optional<Result<T>> r;
    BOOST_CHECK_NO_THROW(r.emplace(Decode<T>(in)));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST_REQUIRE(!r->Ok());
    BOOST_TEST((r->Err().code == ErrorCode::InvalidArgument));
    BOOST_TEST(r->Err().context == context);
  }
}

/// The same for JSON text, parsed first (as the server receives it).
template <class T>
void CheckRefused(const std::string& text, const std::string& context) {
  CheckRefused<T>(Json::parse(text), context, text.substr(0, 200));
}

std::set<std::string> Keys(const Json& j) {
  std::set<std::string> keys;
  for (const auto& [key, unused] : j.items()) keys.insert(key);
  return keys;
}

/// The text of `depth` arrays nested in each other.
std::string DeepArraysText(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

BOOST_AUTO_TEST_SUITE(CodecTest)

BOOST_AUTO_TEST_CASE(EveryErrorDetailCrossesTheWireByItsOwnName) {
  // A workstation tells the rules apart by the detail, so each must arrive as it left.
  std::set<std::string> names;
  for (int d = 0; d <= static_cast<int>(kLastErrorDetail); ++d) {
    const Error sent{ErrorCode::PermissionDenied, "refused", "ctx", static_cast<ErrorDetail>(d)};
    Json json;
    remote::ToJson(json, sent);
    Error received;
    BOOST_REQUIRE(remote::FromJson(json, received).Ok());
    BOOST_TEST((received.detail == sent.detail), ErrorDetailName(sent.detail));
    names.insert(ErrorDetailName(sent.detail));
  }
  BOOST_TEST(names.size() == static_cast<std::size_t>(kLastErrorDetail) + 1);
}

BOOST_AUTO_TEST_CASE(StoreValuesRoundTripWithEveryMember) {
  CheckRoundTrip(store::RankedValue{"white", 91.5}, "RankedValue");
  CheckRoundTrip(SampleRead(42).vehicle, "VehicleAttributes");
  CheckRoundTrip(store::Candidate{"ABC-I23", "ABCI23", 55.5}, "Candidate");
  CheckRoundTrip(static_cast<const store::NewRead&>(SampleRead(42)), "NewRead");
  CheckRoundTrip(SampleRead(42), "Read");
  CheckRoundTrip(store::Correction{7, 42, "ABC124", "MD", "3 read as 4", "jdoe", kT0}, "Correction");
  CheckRoundTrip(store::Verification{8, 42, "jdoe", "26-004512", kT0}, "Verification");
  CheckRoundTrip(store::CameraLocation{38.1, -77.2, "Main St & 5th", kT0 - 1000, kT0}, "CameraLocation");
  store::Camera camera{3, "agent/3", "North gate", store::CameraKind::Mobile, {}, kT0 - 5000, kT0 + 9};
  camera.locations = {{38.1, -77.2, "Main St", kT0 - 1000, kT0}, {38.2, -77.3, "Depot", kT0, std::nullopt}};
  CheckRoundTrip(camera, "Camera");
  CheckRoundTrip(
      store::IngestToken{5, "north-gate", kHexA, {"AGENT/*", "cam-1"}, 12.5, kT0, "admin", kT0 + 1, "admin2", "leaked"},
      "IngestToken");
  CheckRoundTrip(SampleOffline(), "OfflinePeriod");
  CheckRoundTrip(store::CameraHealth{3, "agent/3", "North gate", kT0, true, {SampleOffline(), SampleOffline()}},
                 "CameraHealth");
  CheckRoundTrip(SampleStatus(), "StorageStatus");
  CheckRoundTrip(store::PurgeCounts{{kT0, kT0 + 1, kT0 + 2}, 10, 2, 3, 4096, 5, 1, true}, "PurgeCounts");
  CheckRoundTrip(SampleHold(), "Hold");
  CheckRoundTrip(store::HoldFilter{"26-004512", true, 7, false}, "HoldFilter");
  CheckRoundTrip(SampleCase(), "CaseRecord");
  CheckRoundTrip(store::CaseHold{42, 7, store::HoldKind::Discovery, "collected for case", "jdoe", kT0}, "CaseHold");
  CheckRoundTrip(
      store::PurposeRecord{
          "INV-VIOLENT", "Violent crime", true, true, true, true, kT0, {store::Role::Supervisor, store::Role::Auditor}},
      "PurposeRecord");
}

BOOST_AUTO_TEST_CASE(SearchValuesRoundTripWithEveryMember) {
  CheckRoundTrip(search::GeoPoint{38.9, -77.04}, "GeoPoint");
  CheckRoundTrip(SampleCircle(), "GeoCircle");
  CheckRoundTrip(search::DirectionRange{350, 10}, "DirectionRange");
  CheckRoundTrip(search::AttributeFilter{{"white", "grey"}, 80}, "AttributeFilter");
  CheckRoundTrip(search::HoursOfDay{1320, 240}, "HoursOfDay");
  CheckRoundTrip(SampleQuery(), "Query");
  CheckRoundTrip(search::MatchInfo{search::MatchKind::OcrEquivalent, 1, "A8C123", 1, 2, {1, 3}}, "MatchInfo");
  CheckRoundTrip(SampleHit(42), "Hit");
  search::SearchOptions options;
  options.limit = 500;
  options.batchSize = 25;
  options.maxMatches = 1000;
  options.onBatch = [](std::span<const search::Hit>) { return true; };
  options.keepHits = false;
  options.lowConfidenceBelow = 60.5;
  CheckRoundTrip(options, "SearchOptions");
  CheckRoundTrip(SampleSearchResult(), "SearchResult");
  const search::Scene scene{{1, 2}, SampleCircle(), kT0 - 3'600'000, kT0};
  CheckRoundTrip(scene, "Scene");
  CheckRoundTrip(search::MultiSceneQuery{{scene, {{}, SampleCircle(), kT0, kT0 + 1000}}, 3, "ABC*", false, 1, false},
                 "MultiSceneQuery");
  CheckRoundTrip(search::SceneVehicle{"ABC123", {0, 2}, {{0, SampleHit(42)}, {2, SampleHit(43)}}}, "SceneVehicle");
}

BOOST_AUTO_TEST_CASE(AuditAccessEvidenceAndIngestValuesRoundTripWithEveryMember) {
  CheckRoundTrip(audit::StoredRecord{17, kT0, "search.start", "refused", "jdoe", "26-004512", "INV-VIOLENT",
                                     R"({"event":"search.start"})", Sha256("leaf"), true},
                 "StoredRecord");
  CheckRoundTrip(audit::RecordFilter{"jdoe", kT0 - 1000, kT0, "26-004512", "INV-VIOLENT", "search.*", 100, 50},
                 "RecordFilter");
  CheckRoundTrip(access::AccessContext{"26-004512", "INV-VIOLENT", "robbery suspect vehicle", 12}, "AccessContext");
  CheckRoundTrip(evidence::MediaInfo{"exfat", 1ULL << 33, 4'294'967'295ULL, true, "/dev/sdb1", "SER-123"}, "MediaInfo");
  CheckRoundTrip(evidence::RemovableDrive{std::filesystem::path(u8"/media/jdoe/Beweismittel-Ä 1"), "/dev/sdb1", "vfat",
                                          "EVIDENCE"},
                 "RemovableDrive");
  CheckRoundTrip(evidence::PackageCheck{"signature", true, "signed by ab12"}, "PackageCheck");
  evidence::PackageVerification verification;
  verification.valid = true;
  verification.checks = {{"bagit", true, "ok"}, {"images", false, "1 missing"}};
  verification.warnings = {"old format"};
  verification.firstProblem = "images";
  verification.packageId = "0123456789abcdef0123456789abcdef";
  verification.caseNumber = "26-004512";
  verification.keyId = "ab12cd34";
  verification.fingerprint = "ab12 cd34";
  verification.keyFromPackage = true;
  verification.reads = 3;
  verification.images = 6;
  CheckRoundTrip(verification, "PackageVerification");
  const ingest::ImportProblem problem{ingest::ProblemKind::Warning, "/in/a.json", 12, "best_plate", "placeholder"};
  CheckRoundTrip(problem, "ImportProblem");
  CheckRoundTrip(ingest::ImportSummary{1, 2, 3, 4, 5, 6, 7, 8, {problem}, 9}, "ImportSummary");
}

BOOST_AUTO_TEST_CASE(WorkstationValuesRoundTripWithEveryMember) {
  CheckRoundTrip(workstation::UserInfo{"jdoe", "J. Doe", store::Role::Supervisor}, "UserInfo");
  CheckRoundTrip(workstation::LoginRequest{"jdoe", "pw", "123456", true, "cli", "new pw", "uid 1000 on host ws-12"},
                 "LoginRequest");
  CheckRoundTrip(workstation::UserSummary{"jdoe", "J. Doe", store::Role::Administrator, true, true, true, true, true,
                                          kT0, kT0 + 365 * kMsPerDay},
                 "UserSummary");
  CheckRoundTrip(workstation::AuditVerification{true, "PASS", 1000, 3, 7}, "AuditVerification");
  CheckRoundTrip(workstation::AuditKeyRotation{"old+1+AAAA", "new+2+BBBB", "ab12 cd34"}, "AuditKeyRotation");
  CheckRoundTrip(workstation::AuditPruneReport{1, 11, 10}, "AuditPruneReport");
  CheckRoundTrip(workstation::ReadChecks{{{8, 42, "jdoe", "26-004512", kT0}}, {{7, 42, "ABC124", "", "x", "a", kT0}}},
                 "ReadChecks");
  workstation::EvidenceRequest request;
  request.reads = {42, 43};
  request.caseReads = true;
  request.destination = "/media/usb";
  request.selectionMethod = "from-search";
  request.selection = {{"plate", "ABC*"}, {"from", "2026-05-01"}};
  request.description = "suspect vehicle";
  request.mediaLabel = "USB 1";
  request.custodian = "Property room";
  request.recipient = "DA office";
  request.release = 7;
  request.releaseMethod = store::ReleaseMethod::InPerson;
  request.receivedBy = "Det. Ruiz";
  request.encrypt = true;
  request.passphraseDelivery = "by phone";
  request.writeFault = [](std::string_view) -> Status { return {}; };
  CheckRoundTrip(request, "EvidenceRequest");
  CheckRoundTrip(
      workstation::EvidenceExport{"/media/usb/pkg.zip", "0123456789abcdef0123456789abcdef", kHexA, 4096, 9, 3, 6, 77,
                                  true, "correct horse battery staple", "PlateDesk Evidence+0a1b2c3d+AAAA", 5},
      "EvidenceExport");
  CheckRoundTrip(
      workstation::CheckpointProof{
          "platedesk/audit\n12\nroot\n\n— sig\n", 7, {kHexA, kHexA}, {"key-1", "key-2"}, {"", "endorsement-2"}},
      "CheckpointProof");
  CheckRoundTrip(SampleCaseSearch(), "CaseSearch");
  CheckRoundTrip(SampleCaseExport(), "CaseExport");
  CheckRoundTrip(workstation::CaseSummary{SampleCase(),
                                          true,
                                          {SampleHold()},
                                          {{42, 7, store::HoldKind::Discovery, "collected for case", "jdoe", kT0}},
                                          {SampleRead(42)},
                                          {SampleCaseSearch()},
                                          {SampleCaseExport()},
                                          {store::DisseminationRecord{}}},
                 "CaseSummary");
  CheckRoundTrip(
      workstation::RetentionReport{45,
                                   {45 * kMsPerDay, 44 * kMsPerDay, 2 * kMsPerHour, 90 * kMsPerMinute, 800 * kMsPerDay},
                                   {{kT0, kT0 + 1, kT0 + 2}, 10, 2, 3, 4096, 5, 1, true}},
      "RetentionReport");
  CheckRoundTrip(
      workstation::HoldRequest{
          store::HoldKind::Preservation, "PR-2026-118", {4, 5}, {"cam-1"}, {"ABC777"}, kT0, kT0 + kMsPerDay},
      "HoldRequest");
  CheckRoundTrip(workstation::CameraChange{workstation::CameraChange::Action::Move, "cam-1", "North gate",
                                           store::CameraKind::Portable,
                                           store::CameraLocation{47.6, -122.3, "Depot", kT0, std::nullopt}, kT0 + 1},
                 "CameraChange");
  CheckRoundTrip(workstation::NewIngestToken{"north-gate", "pdt_" + kHexA}, "NewIngestToken");
  CheckRoundTrip(
      workstation::Session::SearchOutcome{SampleSearchResult(), {SampleRead(42), SampleRead(43)}, {SampleOffline()}},
      "SearchOutcome");
}

BOOST_AUTO_TEST_CASE(DisseminationValuesRoundTripWithEveryMember) {
  CheckRoundTrip(store::Document{"request.pdf", "application/pdf", std::string("%PDF-1.4\0\xff", 10), kHexA},
                 "Document");
  const store::Agency agency{3,           "King County Sheriff",
                             "WA0170000", store::AgencyKind::Federal,
                             "WA",        kHexA,
                             "mou.pdf",   kT0 + 365 * kMsPerDay,
                             "admin",     kT0};
  CheckRoundTrip(agency, "Agency");
  store::DisseminationRequest request{7,
                                      3,
                                      "Det. Ana Ruiz",
                                      "Detective",
                                      "206-555-0101",
                                      "KC-1",
                                      "26-004512",
                                      "INV-PROPERTY",
                                      "why",
                                      "RCW 1",
                                      "asks",
                                      kT0,
                                      "jdoe",
                                      kHexA,
                                      "r.pdf",
                                      "jdoe",
                                      kT0 + 1,
                                      "KCSO",
                                      store::AgencyKind::OutOfState,
                                      "OR",
                                      true,
                                      2,
                                      {"rule"},
                                      99};
  CheckRoundTrip(request, "DisseminationRequest");
  const store::DisseminationReview review{4, 7, true, "ok", "s.okafor", kT0, 100};
  CheckRoundTrip(review, "DisseminationReview");
  const store::DisseminationRelease release{5,     7,     "pkg",  kHexA, true,     store::ReleaseMethod::InPerson,
                                            "USB", "sup", "Ruiz", kT0,   {42, 43}, 101};
  CheckRoundTrip(release, "DisseminationRelease");
  const store::DisseminationReceipt receipt{6, 5, "Ruiz", kT0, kHexA, "sup", kT0 + 1, 102};
  CheckRoundTrip(receipt, "DisseminationReceipt");
  const store::DisseminationNotice notice{8, 5, 7, "KCSO", "26-004512", 42, "corrected", kT0, kT0 + 5, "e-mail", "sup"};
  CheckRoundTrip(notice, "DisseminationNotice");
  CheckRoundTrip(
      store::DisseminationRecord{
          request, {review}, release, receipt, {notice}, store::DisseminationState::ReceiptPending},
      "DisseminationRecord");
  CheckRoundTrip(store::DisseminationFilter{kT0, kT0 + 1, "26-004512", 3, store::DisseminationState::Denied, 7},
                 "DisseminationFilter");
  CheckRoundTrip(store::ReviewSignOff{3, "s.okafor", kT0, kT0 + 7 * kMsPerDay, "weekly review", 12, 140,
                                      "platedesk/audit\n140\nroot\n", kT0 + 8 * kMsPerDay, 141},
                 "ReviewSignOff");
  CheckRoundTrip(store::ReviewEntryNote{4, 1207, "s.okafor", "call-out, confirmed with the sergeant", kT0, 1311},
                 "ReviewEntryNote");
  oversight::Activity activity{{"2026-11-16", "2026-11-17"},
                               {{"2026-11-16", "d.reyes", 4}},
                               std::vector<std::uint64_t>(7 * 24, 0),
                               {{"INV-PROPERTY", 4}},
                               2,
                               {{"2026-11-17", "after-hours", 1}}};
  activity.hourWeekday[10] = 4;
  CheckRoundTrip(activity, "Activity");
  CheckRoundTrip(workstation::SignedOffReview{{3, "s.okafor", kT0, kT0 + 1, "note", 1, 9, "cp", kT0 + 2, 8},
                                              {{73, kT0, "d.reyes", "26-004512", oversight::FlagKind::Refused, "why"}},
                                              activity},
                 "SignedOffReview");
  CheckRoundTrip(oversight::Flag{73, kT0, "d.reyes", "26-004512", oversight::FlagKind::SharedPlate, "why"}, "Flag");
  CheckRoundTrip(workstation::PublishedReport{"transparency-2026-11-01-2026-12-01.pdf", std::string("%PDF\0\xff", 6),
                                              "platedesk statement transparency-report\n"},
                 "PublishedReport");
  CheckRefused<workstation::PublishedReport>(R"({"bytes": "not base64!"})", "bytes");
  CheckRoundTrip(workstation::SavedResults{"platedesk-results-26-004512.csv", "read_id,time_utc\r\n7,\xff\r\n", 1},
                 "SavedResults");
  CheckRefused<workstation::SavedResults>(R"({"bytes": "not base64!"})", "bytes");
  const store::SearchApproval approval{12,
                                       "d.reyes",
                                       kT0,
                                       "26-004512",
                                       "WARRANT",
                                       "warrant W-88213 for the driver",
                                       "multi-scene",
                                       {{"plate", "7AB*"}, {"limit", "100"}},
                                       {"the purpose needs a supervisor's approval"},
                                       88,
                                       "s.okafor",
                                       kT0 + 5,
                                       true,
                                       "warrant on file",
                                       kT0 + 6,
                                       90,
                                       store::ApprovalState::Expired};
  CheckRoundTrip(approval, "SearchApproval");
  CheckRoundTrip(store::ApprovalFilter{"d.reyes", store::ApprovalState::Denied, 12}, "ApprovalFilter");
  CheckRoundTrip(oversight::ApprovalRules{2, 4, 6, 0, 250, 8}, "ApprovalRules");
  CheckRoundTrip(workstation::AgencySetting{"retention_days", "21", true}, "AgencySetting");
  CheckRoundTrip(workstation::MapSettings{"https://tiles.example.gov/{z}/{x}/{y}.png", "\u00a9 Example"},
                 "MapSettings");
  CheckRoundTrip(
      workstation::ApprovalSubject{SampleQuery(), 250, search::MultiSceneQuery{{}, 3, "ABC*", false, 1, false}},
      "ApprovalSubject");
  CheckRefused<store::SearchApproval>(R"({"state": "maybe"})", "state");
  // Unknown names are refused.
  CheckRefused<oversight::Flag>(R"({"kind": "nosy"})", "kind");
  // An activity whose heat map is not 7 x 24, or a negative count.
  Json shortHeat = Encode(activity);
  shortHeat["hourWeekday"] = Json::array({1, 2, 3});
  BOOST_TEST(!Decode<oversight::Activity>(shortHeat).Ok());
  CheckRefused<oversight::DayCount>(R"({"day": "2026-11-16", "name": "d.reyes", "count": -1})", "count");
  CheckRefused<store::Agency>(R"({"kind": "alien"})", "kind");
  CheckRefused<store::DisseminationRelease>(R"({"method": "pigeon"})", "method");
}

BOOST_AUTO_TEST_CASE(EveryEnumValueRoundTripsByItsModulesName) {
  for (auto role :
       {store::Role::Detective, store::Role::Supervisor, store::Role::Administrator, store::Role::Auditor}) {
    BOOST_TEST(Encode(role) == store::RoleName(role));
    BOOST_TEST((*Decode<store::Role>(Encode(role)) == role));
  }
  for (auto kind : {store::CameraKind::Fixed, store::CameraKind::Mobile, store::CameraKind::Portable}) {
    BOOST_TEST(Encode(kind) == store::CameraKindName(kind));
    BOOST_TEST((*Decode<store::CameraKind>(Encode(kind)) == kind));
  }
  for (auto outcome : {audit::Outcome::Success, audit::Outcome::Failure, audit::Outcome::Refused}) {
    BOOST_TEST(Encode(outcome) == audit::OutcomeName(outcome));
    BOOST_TEST((*Decode<audit::Outcome>(Encode(outcome)) == outcome));
  }
  for (auto kind : {ingest::ProblemKind::Rejected, ingest::ProblemKind::Skipped, ingest::ProblemKind::Warning}) {
    BOOST_TEST(Encode(kind) == ingest::ProblemKindName(kind));
    BOOST_TEST((*Decode<ingest::ProblemKind>(Encode(kind)) == kind));
  }
  const std::pair<search::MatchKind, const char*> kinds[] = {{search::MatchKind::Exact, "exact"},
                                                             {search::MatchKind::OcrEquivalent, "ocr-equivalent"},
                                                             {search::MatchKind::Edited, "edited"},
                                                             {search::MatchKind::NoPattern, "no-pattern"}};
  for (const auto& [kind, name] : kinds) {
    BOOST_TEST(Encode(kind) == name);
    BOOST_TEST((*Decode<search::MatchKind>(Json(name)) == kind));
  }
}

BOOST_AUTO_TEST_CASE(ReadHasTheDocumentedMemberNamesAndTypes) {
  const Json j = Encode(SampleRead(42));
  BOOST_TEST((Keys(j) == std::set<std::string>{"sourceFormat", "sourceUuid", "capturedAt", "camera", "plateReported",
                                               "plate", "state", "confidence", "candidates", "vehicle", "directionDeg",
                                               "latitude", "longitude", "plateImage", "vehicleImage", "payloadSha256",
                                               "id", "ingestedAt"}));
  BOOST_TEST(j["capturedAt"].is_number_integer());
  BOOST_TEST(j["capturedAt"].get<std::int64_t>() == kT0 + 42);
  BOOST_TEST(j["id"].get<std::int64_t>() == 42);
  BOOST_TEST(j["confidence"].is_number_float());
  BOOST_TEST(j["candidates"].is_array());
  BOOST_TEST((Keys(j["candidates"][0]) == std::set<std::string>{"plateReported", "plate", "confidence"}));
  BOOST_TEST((Keys(j["vehicle"]) == std::set<std::string>{"color", "make", "model", "body", "year"}));
  BOOST_TEST(j["vehicle"]["color"][0]["value"] == "white");
  // An absent optional is left out, not written as null.
  store::Read bare = SampleRead(1);
  bare.directionDeg.reset();
  BOOST_TEST(!Encode(bare).contains("directionDeg"));
}

BOOST_AUTO_TEST_CASE(QueryAndOutcomeHaveTheDocumentedMemberNamesAndTypes) {
  const Json q = Encode(SampleQuery());
  BOOST_TEST((Keys(q) == std::set<std::string>{"plate", "ocrTolerant", "maxEdits", "alternatives", "states",
                                               "includeUnknownState", "from", "to", "hours", "cameras", "near", "color",
                                               "make", "model", "body", "minConfidence", "direction"}));
  BOOST_TEST(q["near"]["centre"]["latitude"].get<double>() == 38.9);
  BOOST_TEST(q["near"]["radiusKm"].get<double>() == 2.5);
  BOOST_TEST(q["from"].is_number_integer());
  BOOST_TEST(q["direction"]["fromDeg"].get<double>() == 350.0);
  BOOST_TEST((q["color"]["values"] == Json::array({"white", "silver"})));  // any of them
  BOOST_TEST(q["hours"]["fromMinute"].get<int>() == 1320);
  BOOST_TEST(!q["make"].contains("minConfidence"));
  BOOST_TEST((Keys(Encode(search::Query{})) == std::set<std::string>{"ocrTolerant", "maxEdits", "alternatives",
                                                                     "states", "includeUnknownState", "cameras"}));

  const Json o = Encode(workstation::Session::SearchOutcome{SampleSearchResult(), {SampleRead(42)}, {SampleOffline()}});
  BOOST_TEST((Keys(o) == std::set<std::string>{"result", "reads", "offlineCameras"}));
  BOOST_TEST((Keys(o["result"]) == std::set<std::string>{"totalMatches", "hits", "truncated"}));
  BOOST_TEST(o["result"]["totalMatches"].is_number_unsigned());
  BOOST_TEST(o["result"]["hits"][0]["match"]["kind"] == "edited");
  BOOST_TEST(o["result"]["hits"][0]["match"]["ocrPositions"] == Json::parse("[0,4]"));
  BOOST_TEST((Keys(o["offlineCameras"][0]) == std::set<std::string>{"camera", "externalId", "name", "from", "to"}));

  search::SearchOptions options;
  options.onBatch = [](std::span<const search::Hit>) { return true; };
  BOOST_TEST((Keys(Encode(options)) ==
              std::set<std::string>{"limit", "batchSize", "maxMatches", "keepHits", "lowConfidenceBelow"}));
}

BOOST_AUTO_TEST_CASE(AuditUserAndVehicleValuesHaveTheDocumentedMemberNamesAndTypes) {
  const Json r = Encode(audit::StoredRecord{17, kT0, "search.start", "refused", "jdoe", "26-004512", "INV-VIOLENT",
                                            "{}", Sha256("leaf"), true});
  BOOST_TEST((Keys(r) == std::set<std::string>{"seq", "time", "event", "outcome", "user", "caseNumber", "purposeCode",
                                               "canonical", "leafHash", "pruned"}));
  BOOST_TEST(r["leafHash"] == ToHex(Sha256("leaf")));
  BOOST_TEST(r["seq"].is_number_unsigned());

  const Json u = Encode(workstation::UserSummary{"jdoe", "J. Doe", store::Role::Auditor, false, false, false, false,
                                                 false, kT0, std::nullopt});
  BOOST_TEST(u["role"] == "auditor");
  BOOST_TEST(u["trainingCompleted"].get<std::int64_t>() == kT0);
  BOOST_TEST(!u.contains("trainingExpires"));

  const Json v = Encode(search::SceneVehicle{"ABC123", {0, 2}, {{2, SampleHit(42)}}});
  BOOST_TEST((Keys(v) == std::set<std::string>{"plate", "scenes", "sightings"}));
  BOOST_TEST((Keys(v["sightings"][0]) == std::set<std::string>{"scene", "hit"}));
  BOOST_TEST(v["sightings"][0]["scene"].get<int>() == 2);

  const Json s = Encode(SampleStatus());
  BOOST_TEST(s.size() == 14u);
  BOOST_TEST(s["sizeBytes"].get<std::uint64_t>() == 123'456'789'012ULL);
  BOOST_TEST(s["offlineCameras"][0]["name"] == "North gate");

  workstation::EvidenceRequest request;
  request.writeFault = [](std::string_view) -> Status { return {}; };
  request.probeMedia = [](const std::filesystem::path&) -> Result<evidence::MediaInfo> {
    return evidence::MediaInfo{};
  };
  BOOST_TEST((Keys(Encode(request)) == std::set<std::string>{"reads", "caseReads", "destination", "selectionMethod",
                                                             "selection", "description", "mediaLabel", "custodian",
                                                             "recipient", "release", "releaseMethod", "receivedBy",
                                                             "encrypt", "passphraseDelivery"}));
}

BOOST_AUTO_TEST_CASE(MissingMembersKeepDefaultsAndUnknownMembersAreIgnored) {
  BOOST_TEST((*Decode<search::Query>(Json::object()) == search::Query{}));
  BOOST_TEST((*Decode<workstation::LoginRequest>(Json::object()) == workstation::LoginRequest{}));
  auto q = Decode<search::Query>(Json::parse(R"({"plate":"ABC","futureMember":{"x":[1,2]},"to":null})"));
  BOOST_TEST_REQUIRE(q.Ok());
  BOOST_TEST(*q->plate == "ABC");
  BOOST_TEST(!q->to.has_value());
}

BOOST_AUTO_TEST_CASE(DecodingLeavesTheSeamsThatDoNotTravelAlone) {
  workstation::EvidenceRequest request;
  bool called = false;
  request.writeFault = [&called](std::string_view) -> Status {
    called = true;
    return {};
  };
  BOOST_TEST_REQUIRE(remote::FromJson(Json::parse(R"({"reads":[1],"encrypt":true})"), request).Ok());
  BOOST_TEST(request.encrypt);
  BOOST_TEST_REQUIRE(static_cast<bool>(request.writeFault));
  BOOST_TEST(request.writeFault("x").Ok());
  BOOST_TEST(called);
}

BOOST_AUTO_TEST_CASE(WrongTypesAreRefusedNamingTheMemberPath) {
  CheckRefused<store::Read>(R"({"plate":5})", "plate");
  CheckRefused<store::Read>(R"({"plate":null})", "plate");
  CheckRefused<store::Read>(R"({"candidates":{}})", "candidates");
  CheckRefused<store::Read>(R"({"directionDeg":"north"})", "directionDeg");
  CheckRefused<search::SearchOptions>(R"({"keepHits":1})", "keepHits");
  CheckRefused<search::SearchOptions>(R"({"keepHits":"true"})", "keepHits");
  CheckRefused<workstation::CaseSummary>(
      R"({"reads":[{},{"vehicle":{"color":[{"value":"red"},{"confidence":"high"}]}}]})",
      "reads[1].vehicle.color[1].confidence");
  CheckRefused<workstation::EvidenceRequest>(R"({"selection":{"plate":5}})", "selection.plate");
  CheckRefused<workstation::EvidenceRequest>(R"({"reads":[1,"2"]})", "reads[1]");
  CheckRefused<search::MultiSceneQuery>(R"({"scenes":[{"near":{"centre":{"latitude":"38"}}}]})",
                                        "scenes[0].near.centre.latitude");
  CheckRefused<search::SceneVehicle>(R"({"sightings":[{"scene":0,"hit":{"match":{"kind":1}}}]})",
                                     "sightings[0].hit.match.kind");
  CheckRefused<search::SceneVehicle>(R"({"sightings":{}})", "sightings");
  CheckRefused<audit::StoredRecord>(R"({"leafHash":"ABCD"})", "leafHash");
  CheckRefused<audit::StoredRecord>(R"({"leafHash":")" + ToHex(Sha256("x")).substr(1) + R"("})", "leafHash");
  std::string upper = ToHex(Sha256("x"));
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CheckRefused<audit::StoredRecord>(Json{{"leafHash", upper}}, "leafHash", "upper-case hex");
  CheckRefused<evidence::RemovableDrive>(Json{{"mountPoint", std::string("/media/a\0b", 10)}}, "mountPoint",
                                         "a path with a NUL");
  CheckRefused<evidence::RemovableDrive>(R"({"mountPoint":7})", "mountPoint");
}

BOOST_AUTO_TEST_CASE(NonObjectsWhereAnObjectBelongsAreRefused) {
  for (const char* text : {"[]", "\"query\"", "null", "17", "true", "[{}]"}) {
    CheckRefused<search::Query>(text, "");
    CheckRefused<workstation::CaseSummary>(text, "");
  }
  CheckRefused<workstation::CaseSummary>(R"({"record":5})", "record");
  CheckRefused<workstation::CaseSummary>(R"({"reads":[[]]})", "reads[0]");
  CheckRefused<search::Query>(R"({"near":[38.9,-77.0,2.5]})", "near");
  CheckRefused<search::Query>(R"({"color":"white"})", "color");
  CheckRefused<workstation::Session::SearchOutcome>(R"({"result":{"hits":[{"match":[]}]}})", "result.hits[0].match");
}

BOOST_AUTO_TEST_CASE(IntegersOutOfRangeOrWithAFractionAreRefused) {
  CheckRefused<store::Read>(R"({"camera":9223372036854775808})", "camera");
  CheckRefused<store::Read>(R"({"capturedAt":1.5})", "capturedAt");
  CheckRefused<store::Read>(R"({"capturedAt":2.0})", "capturedAt");
  CheckRefused<store::Read>(R"({"id":1e3})", "id");
  CheckRefused<search::Query>(R"({"maxEdits":2147483648})", "maxEdits");
  CheckRefused<search::Query>(R"({"maxEdits":-2147483649})", "maxEdits");
  // Past 2^64 the parser gives a float: still not an integer.
  CheckRefused<audit::StoredRecord>(R"({"seq":18446744073709551616})", "seq");
  CheckRefused<search::SearchOptions>(R"({"limit":100.0})", "limit");
  CheckRefused<workstation::RetentionReport>(R"({"retentionDays":30.5})", "retentionDays");
  // The extremes that fit are kept exactly.
  auto r = Decode<store::Read>(Json::parse(R"({"camera":-9223372036854775808,"id":9223372036854775807})"));
  BOOST_TEST_REQUIRE(r.Ok());
  BOOST_TEST(r->camera == std::numeric_limits<std::int64_t>::min());
  BOOST_TEST(r->id == std::numeric_limits<std::int64_t>::max());
  auto s = Decode<audit::StoredRecord>(Json::parse(R"({"seq":18446744073709551615})"));
  BOOST_TEST_REQUIRE(s.Ok());
  BOOST_TEST(s->seq == std::numeric_limits<std::uint64_t>::max());
}

BOOST_AUTO_TEST_CASE(NegativeCountsAreRefused) {
  CheckRefused<workstation::AuditVerification>(R"({"records":-1})", "records");
  CheckRefused<search::SearchOptions>(R"({"limit":-1})", "limit");
  CheckRefused<search::SearchOptions>(R"({"batchSize":-100})", "batchSize");
  CheckRefused<store::StorageStatus>(R"({"reads":-5})", "reads");
  CheckRefused<store::StorageStatus>(R"({"camerasOffline":-1})", "camerasOffline");
  CheckRefused<search::Query>(R"({"maxEdits":-1})", "maxEdits");
  CheckRefused<search::MultiSceneQuery>(R"({"minScenes":-2})", "minScenes");
  CheckRefused<search::MatchInfo>(R"({"ocrPositions":[1,-2]})", "ocrPositions[1]");
  CheckRefused<search::SceneVehicle>(R"({"scenes":[-1]})", "scenes[0]");
  CheckRefused<search::SceneVehicle>(R"({"sightings":[{"scene":-1}]})", "sightings[0].scene");
  CheckRefused<workstation::RetentionReport>(R"({"counts":{"readsDeleted":-3}})", "counts.readsDeleted");
  CheckRefused<ingest::ImportSummary>(R"({"problems":[{"line":-1}]})", "problems[0].line");
  CheckRefused<workstation::CaseSearch>(R"({"matches":-1})", "matches");
  // A count built in memory from a signed value is still a count when it is not negative.
  auto v = Decode<workstation::AuditVerification>(Json{{"records", std::int64_t{5}}});
  BOOST_TEST_REQUIRE(v.Ok());
  BOOST_TEST(v->records == 5u);
}

BOOST_AUTO_TEST_CASE(UnknownEnumNamesAreRefused) {
  CheckRefused<workstation::UserInfo>(R"({"role":"root"})", "role");
  CheckRefused<workstation::UserInfo>(R"({"role":"Detective"})", "role");
  CheckRefused<workstation::UserInfo>(R"({"role":0})", "role");
  CheckRefused<store::PurposeRecord>(R"({"roles":["detective","god"]})", "roles[1]");
  CheckRefused<store::Camera>(R"({"kind":"Fixed"})", "kind");
  CheckRefused<search::Hit>(R"({"match":{"kind":"EXACT"}})", "match.kind");
  CheckRefused<search::Hit>(R"({"match":{"kind":""}})", "match.kind");
  CheckRefused<ingest::ImportSummary>(R"({"problems":[{"kind":"fatal"}]})", "problems[0].kind");
  CheckRefused<audit::Outcome>(R"("ok")", "");
  CheckRefused<audit::Outcome>(R"(["success"])", "");
}

BOOST_AUTO_TEST_CASE(DeeplyNestedGarbageIsRefusedWithoutThrowing) {
  // Built by the parser from text, as a hostile body would be (copying or printing a Json this
  // deep would recurse; the decoder must not).
  const std::string deep = DeepArraysText(100'000);
  CheckRefused<search::Query>(R"({"plate":)" + deep + "}", "plate");
  CheckRefused<search::Query>(R"({"near":{"centre":)" + deep + "}}", "near.centre");
  CheckRefused<workstation::CaseSummary>(R"({"reads":)" + deep + "}", "reads[0]");
  CheckRefused<workstation::EvidenceRequest>(R"({"selection":{"a":)" + deep + "}}", "selection.a");
  CheckRefused<search::SceneVehicle>(R"({"sightings":)" + deep + "}", "sightings[0]");
  CheckRefused<workstation::Session::SearchOutcome>(deep, "");
  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += R"({"x":)";
  objects += "1" + std::string(100'000, '}');
  CheckRefused<workstation::Session::SearchOutcome>(R"({"result":{"hits":)" + objects + "}}", "result.hits");
  CheckRefused<workstation::Session::SearchOutcome>(R"({"reads":[{"vehicle":)" + deep + "}]}", "reads[0].vehicle");
  // Garbage under a member the decoder does not know is skipped, whatever its depth.
  auto skipped = Decode<search::Query>(Json::parse(R"({"plate":"ABC","unknown":)" + objects + "}"));
  BOOST_TEST_REQUIRE(skipped.Ok());
  BOOST_TEST(*skipped->plate == "ABC");
}

BOOST_AUTO_TEST_CASE(NonFiniteNumbersAreNeitherWrittenNorRead) {
  // The parser refuses an overflowing literal (1e999) itself; a Json built in memory may hold
  // NaN or infinity.
  CheckRefused<store::RankedValue>(Json{{"confidence", std::numeric_limits<double>::infinity()}}, "confidence",
                                   "infinity");
  CheckRefused<store::RankedValue>(Json{{"confidence", std::nan("")}}, "confidence", "NaN");
  CheckRefused<search::Query>(Json{{"minConfidence", -std::numeric_limits<double>::infinity()}}, "minConfidence",
                              "-infinity");

  store::RankedValue bad{"white", std::nan("")};
  const Json j = Encode(bad);
  BOOST_TEST(j["confidence"].is_null());
  BOOST_CHECK_NO_THROW((void)j.dump());
  CheckRefused<store::RankedValue>(j, "confidence", "encoded NaN");
  store::Read read = SampleRead(1);
  read.directionDeg = std::numeric_limits<double>::infinity();
  const Json r = Encode(read);
  BOOST_TEST(r["directionDeg"].is_null());
  auto back = Decode<store::Read>(r);
  BOOST_TEST_REQUIRE(back.Ok());
  BOOST_TEST(!back->directionDeg.has_value());
}

BOOST_AUTO_TEST_CASE(RandomlyMangledEncodingsNeverThrowAndFailOnlyAsInvalidArgument) {
  store::DisseminationRequest request;
  request.id = 7;
  request.agency = 3;
  request.requesterName = "Det. Ana Ruiz";
  request.rulesApplied = {"mou-required"};
  const store::DisseminationRecord released{
      request,
      {{4, 7, true, "ok", "s.okafor", kT0, 100}},
      store::DisseminationRelease{
          5, 7, "pkg", kHexA, true, store::ReleaseMethod::Media, "USB", "sup", "Ruiz", kT0, {42}, 101},
      store::DisseminationReceipt{6, 5, "Ruiz", kT0, kHexA, "sup", kT0, 102},
      {{8, 5, 7, "KCSO", "26-004512", 42, "corrected", kT0, kT0 + 1, "e-mail", "sup"}},
      store::DisseminationState::Released};
  const Json original = Reparse(
      Encode(workstation::CaseSummary{SampleCase(),
                                      true,
                                      {SampleHold()},
                                      {{42, 7, store::HoldKind::Investigation, "collected for case", "jdoe", kT0}},
                                      {SampleRead(42), SampleRead(43)},
                                      {SampleCaseSearch()},
                                      {SampleCaseExport()},
                                      {released}}));
  const Json junk[] = {Json(nullptr),
                       Json(true),
                       Json(-1),
                       Json(1.5),
                       Json("x"),
                       Json::array(),
                       Json::object(),
                       Json(18446744073709551615ULL),
                       Json::parse(DeepArraysText(200)),
                       Json::parse("[{}]"),
                       Json("detective"),
                       Json(std::int64_t{-9})};
  std::mt19937 rng(20260528);
  int refused = 0;
  for (int round = 0; round < 3000; ++round) {
    Json mangled = original;
    // Walk to a random node and replace it with junk.
    Json* node = &mangled;
    while ((node->is_object() || node->is_array()) && !node->empty() && rng() % 4 != 0) {
      auto it = node->begin();
      std::advance(it, static_cast<long>(rng() % node->size()));
      node = &*it;
    }
    *node = junk[rng() % std::size(junk)];
    std::optional<Result<workstation::CaseSummary>> r;
    BOOST_CHECK_NO_THROW(r.emplace(Decode<workstation::CaseSummary>(mangled)));
    BOOST_TEST_REQUIRE(r.has_value());
    if (!r->Ok()) {
      ++refused;
      BOOST_TEST((r->Err().code == ErrorCode::InvalidArgument));
      if (mangled.is_object()) BOOST_TEST(!r->Err().context.empty());
    }
  }
  BOOST_TEST(refused > 1000);  // most junk does not fit where it lands
}

BOOST_AUTO_TEST_CASE(BytesTravelAsBase64) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string("\0\xff\xd8\xff", 4);
  const Json j = remote::EncodeBytes(bytes);
  BOOST_TEST_REQUIRE(j.is_string());
  BOOST_TEST(j.get<std::string>() == Base64Encode(bytes));
  auto back = remote::DecodeBytes(Reparse(j));
  BOOST_TEST_REQUIRE(back.Ok());
  BOOST_TEST(*back == bytes);
  BOOST_TEST(remote::EncodeBytes("") == "");
  BOOST_TEST(remote::DecodeBytes(Json("")).Ok());
  for (const Json& bad : {Json(5), Json(nullptr), Json::array(), Json("not base64!"), Json("Zg="), Json("Zh==")}) {
    std::optional<Result<std::string>> r;
    BOOST_CHECK_NO_THROW(r.emplace(remote::DecodeBytes(bad)));
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(!r->Ok());
    if (!r->Ok()) BOOST_TEST((r->Err().code == ErrorCode::InvalidArgument));
  }
}

BOOST_AUTO_TEST_CASE(PathsTravelAsUtf8Strings) {
  const std::filesystem::path p(u8"/media/jdoe/Beweismittel-Ä/pkg ü.zip");
  const Json j = Encode(p);
  BOOST_TEST_REQUIRE(j.is_string());
  BOOST_TEST(j.get<std::string>() == "/media/jdoe/Beweismittel-\xC3\x84/pkg \xC3\xBC.zip");
  BOOST_TEST((*Decode<std::filesystem::path>(Reparse(j)) == p));
  const std::vector<std::filesystem::path> paths{"/in/a.json", "/in/b.csv"};
  BOOST_TEST((*Decode<std::vector<std::filesystem::path>>(Reparse(Encode(paths))) == paths));
}

BOOST_AUTO_TEST_SUITE_END()
