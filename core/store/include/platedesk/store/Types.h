// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Hold.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::store {

using ReadId = std::int64_t;
using CameraId = std::int64_t;
using UserId = std::int64_t;

/// One ranked value of a vehicle attribute ("white", 91.5). Confidence 0-100.
struct RankedValue {
  std::string value;
  double confidence = 0;
  bool operator==(const RankedValue&) const = default;
};

/// The best-ranked value, or "" when none was reported.
[[nodiscard]] inline std::string TopValue(const std::vector<RankedValue>& values) {
  return values.empty() ? std::string() : values.front().value;
}

/// The camera's ranked guesses about the vehicle, best first. Empty vector = not reported.
struct VehicleAttributes {
  std::vector<RankedValue> color;
  std::vector<RankedValue> make;
  std::vector<RankedValue> model;
  std::vector<RankedValue> body;
  std::vector<RankedValue> year;
  bool operator==(const VehicleAttributes&) const = default;
};

/// An alternative read the camera sent, ranked (best first). Confidence 0-100.
struct Candidate {
  std::string plateReported;  ///< as the camera sent it
  std::string plate;          ///< normalised A-Z0-9
  double confidence = 0;
  bool operator==(const Candidate&) const = default;
};

/// A read as an importer or the demo generator hands it to the store.
struct NewRead {
  std::string sourceFormat;           ///< "openalpr-group", "openalpr-results", "platerecognizer", "csv", "demo"
  std::string sourceUuid;             ///< the source's id of this record; (sourceFormat, sourceUuid) is unique
  UtcMs capturedAt = 0;               ///< capture time, UTC ms
  CameraId camera = 0;                ///< from Storage::EnsureCamera
  std::string plateReported;          ///< as the camera sent it
  std::string plate;                  ///< normalised A-Z0-9 (plate::NormalisePlate)
  std::string state;                  ///< two-letter upper-case code, "" when unknown
  double confidence = 0;              ///< 0-100
  std::vector<Candidate> candidates;  ///< alternatives other than the best plate, ranked
  VehicleAttributes vehicle;
  std::optional<double> directionDeg;  ///< travel direction 0-360, if reported
  std::optional<double> latitude;      ///< where the read was taken, if the camera reports GPS
  std::optional<double> longitude;
  std::string plateImage;     ///< SHA-256 hex of a stored image, "" none
  std::string vehicleImage;   ///< SHA-256 hex of a stored image, "" none
  std::string payloadSha256;  ///< SHA-256 hex of the raw record bytes as received
  bool operator==(const NewRead&) const = default;
};

/// A stored read (never updated; corrections are separate records).
struct Read : NewRead {
  ReadId id = 0;
  UtcMs ingestedAt = 0;
  bool operator==(const Read&) const = default;
};

/// A correction of a read ("Report a misread"): a separate record, the original stays.
struct Correction {
  std::int64_t id = 0;
  ReadId read = 0;
  std::string plate;  ///< corrected normalised plate
  std::string state;  ///< corrected state ("" = unchanged/unknown)
  std::string reason;
  std::string user;  ///< who made it
  UtcMs createdAt = 0;
  bool operator==(const Correction&) const = default;
};

/// "I visually verified this read": who looked at the images and when (schema v4). Append-only.
struct Verification {
  std::int64_t id = 0;
  ReadId read = 0;
  std::string user;        ///< who verified it
  std::string caseNumber;  ///< the case it was verified for
  UtcMs createdAt = 0;
  bool operator==(const Verification&) const = default;
};

enum class CameraKind { Fixed, Mobile, Portable };

/// "fixed", "mobile", "portable".
[[nodiscard]] const char* CameraKindName(CameraKind kind);
/// Parses a CameraKindName; nullopt otherwise.
[[nodiscard]] std::optional<CameraKind> CameraKindFromName(std::string_view name);

/// Where a camera stood during [from, to); to == nullopt means "still there".
struct CameraLocation {
  double latitude = 0;
  double longitude = 0;
  std::string address;
  UtcMs from = 0;
  std::optional<UtcMs> to;
  bool operator==(const CameraLocation&) const = default;
};

struct Camera {
  CameraId id = 0;
  std::string externalId;  ///< the source system's camera key ("1414799424", "agent-uid/3"); unique
  std::string name;
  CameraKind kind = CameraKind::Fixed;
  std::vector<CameraLocation> locations;  ///< oldest first
  UtcMs createdAt = 0;                    ///< when the storage first knew it
  std::optional<UtcMs> retiredAt;         ///< taken out of service (schema v16); its reads stay
  bool operator==(const Camera&) const = default;
};

/// A stored image (content-addressed).
struct ImageInfo {
  std::string sha256;
  std::uint64_t bytes = 0;
  std::string mime;  ///< "image/jpeg", "image/png"
  int width = 0;
  int height = 0;
};

/// What was put in quarantine and why.
struct QuarantineEntry {
  std::int64_t id = 0;
  std::string file;        ///< file name under quarantine/
  std::string sourcePath;  ///< where the input came from
  std::int64_t line = 0;   ///< 1-based line (JSON Lines/CSV), 0 if not applicable
  std::string field;       ///< the offending field ("best_plate_number"), "" if none
  std::string reason;
  std::string sourceFormat;  ///< detected format, "" if unknown
  UtcMs receivedAt = 0;
};

// --- the storage server: ingest tokens and camera health (schema v11) ----------------------

/// Settings key: seconds of silence after which a camera counts as offline.
inline constexpr std::string_view kCameraOfflineAfterSetting = "camera_offline_after_s";
/// The offline threshold when the setting is absent: 10 minutes.
inline constexpr UtcMs kDefaultCameraOfflineAfterMs = 10 * 60 * 1000;

/// A token a camera or agent posts reads with. The token text itself is never stored.
struct IngestToken {
  std::int64_t id = 0;
  std::string name;       ///< unique, chosen by the administrator
  std::string tokenHash;  ///< SHA-256 hex of the token text
  /// Camera external ids the token may post for; "prefix/*" matches every camera of an agent,
  /// "*" any camera.
  std::vector<std::string> cameras;
  double readsPerSecond = 0;  ///< 0 = the server's default
  UtcMs createdAt = 0;
  std::string createdBy;
  std::optional<UtcMs> revokedAt;  ///< set once revoked
  std::string revokedBy;
  std::string revokeReason;
  bool operator==(const IngestToken&) const = default;
};

/// "The server heard from this camera at this time" (a read or a heartbeat).
struct CameraHeard {
  std::string externalId;
  UtcMs at = 0;
};

/// A period [from, to) in which a camera was silent longer than the offline threshold.
struct OfflinePeriod {
  CameraId camera = 0;
  std::string externalId;
  std::string name;
  UtcMs from = 0;
  std::optional<UtcMs> to;  ///< nullopt = still offline
  bool operator==(const OfflinePeriod&) const = default;
};

/// One camera's health as a storage server saw it.
struct CameraHealth {
  CameraId camera = 0;
  std::string externalId;
  std::string name;
  std::optional<UtcMs> lastHeard;      ///< nullopt: never heard by a server
  bool online = false;                 ///< heard within the offline threshold
  std::vector<OfflinePeriod> periods;  ///< the offline periods overlapping [since, now], oldest first
  bool operator==(const CameraHealth&) const = default;
};

/// Counts only: no plate data.
struct StorageStatus {
  std::int64_t reads = 0;
  std::int64_t cameras = 0;
  std::int64_t images = 0;
  std::int64_t quarantined = 0;
  std::int64_t users = 0;
  std::optional<UtcMs> oldestRead;
  std::optional<UtcMs> newestRead;
  int schemaVersion = 0;
  std::uint64_t sizeBytes = 0;  ///< all files in the storage folder
  bool demo = false;            ///< created by `platedesk-cli demo`
  // Camera health at the time of the status (threshold: the camera_offline_after_s setting).
  std::int64_t camerasOnline = 0;             ///< heard by a storage server within the threshold
  std::int64_t camerasOffline = 0;            ///< heard before, silent longer than the threshold
  std::int64_t camerasNeverHeard = 0;         ///< never heard by a storage server (file imports)
  std::vector<OfflinePeriod> offlineCameras;  ///< the offline ones: name and since when (from), oldest first
  bool operator==(const StorageStatus&) const = default;
};

/// Reads of one camera in one hour (Storage::ReadCountsByCameraHour): counts only.
struct CameraHourCount {
  CameraId camera = 0;
  UtcMs hour = 0;  ///< the hour's start (UTC)
  std::uint64_t reads = 0;
  UtcMs first = 0;  ///< the hour's first and last capture time
  UtcMs last = 0;
  bool operator==(const CameraHourCount&) const = default;
};

/// The holds in force: how many reads they keep, for how many cases, and how many holds of each kind.
struct HoldsInForce {
  std::uint64_t reads = 0;  ///< distinct reads kept (held by a hold of reads, or matching an order)
  std::uint64_t cases = 0;
  std::uint64_t investigation = 0;  ///< holds in force, by kind
  std::uint64_t discovery = 0;
  std::uint64_t preservation = 0;
  bool operator==(const HoldsInForce&) const = default;
};

/// When reads expire, by the kind of camera that took them: a read is past retention when it was
/// captured before its camera kind's cutoff (agency settings retention_period and
/// retention_period_<kind>).
struct RetentionCutoffs {
  UtcMs fixed = 0;
  UtcMs mobile = 0;
  UtcMs portable = 0;
  /// The same cutoff for every kind.
  [[nodiscard]] static RetentionCutoffs Same(UtcMs cutoff) { return {cutoff, cutoff, cutoff}; }
  /// The latest of the three (the shortest period): nothing captured after it is past retention.
  [[nodiscard]] UtcMs Latest() const { return std::max({fixed, mobile, portable}); }
  [[nodiscard]] UtcMs For(CameraKind kind) const {
    return kind == CameraKind::Mobile ? mobile : kind == CameraKind::Portable ? portable : fixed;
  }
  bool operator==(const RetentionCutoffs&) const = default;
};

/// What a retention purge removed (Storage::PurgeExpired) or would remove (CountExpired).
/// Counts only: no plate data.
struct PurgeCounts {
  RetentionCutoffs cutoffs;             ///< reads captured before their camera kind's cutoff are past retention
  std::uint64_t readsDeleted = 0;       ///< reads (with candidates, corrections, verifications) deleted
  std::uint64_t readsHeld = 0;          ///< reads past retention kept because a case hold is in force
  std::uint64_t imagesDeleted = 0;      ///< image files removed (no remaining read used them)
  std::uint64_t bytesFreed = 0;         ///< bytes of those image files
  std::uint64_t quarantineDeleted = 0;  ///< quarantined inputs received before the latest cutoff, removed
  std::uint64_t backupsDeleted = 0;  ///< migration backups (platedesk.db.bak-v*) made before the latest cutoff, removed
  bool finished = false;             ///< false: stopped (cancelled) or failed before the last batch
  bool operator==(const PurgeCounts&) const = default;
};

/// Knobs of a purge. The defaults are the product's; tests set a small batch and a fault.
struct PurgeOptions {
  std::size_t batchSize = 2000;  ///< reads per transaction
  /// Fault-injection seam for tests: called at "batch" (before a batch commits) and "file" (before
  /// an image file is removed); an error returned there is handled as a real failure would be.
  std::function<Status(std::string_view stage)> fault;
};

enum class Role { Detective, Supervisor, Administrator, Auditor };
/// "detective", "supervisor", "administrator", "auditor".
[[nodiscard]] const char* RoleName(Role role);
[[nodiscard]] std::optional<Role> RoleFromName(std::string_view name);

/// A user account as stored. Password hashes are libsodium Argon2id strings ("$argon2id$...").
struct UserRecord {
  UserId id = 0;
  std::string name;     ///< login name as chosen (NFC), shown everywhere
  std::string nameKey;  ///< the name case-folded and NFC-normalised (access::UserNameKey): unique
  std::string displayName;
  Role role = Role::Detective;
  std::string passwordHash;
  bool disabled = false;
  bool locked = false;
  int failedLogins = 0;
  std::optional<UtcMs> firstFailedLoginAt;
  std::string totpSecret;         ///< base32, "" when not enrolled; only a confirmed secret is a second factor
  std::int64_t totpLastStep = 0;  ///< last accepted TOTP step (replay protection)
  std::string totpPending;        ///< base32 secret enrolled but not yet confirmed by a first code ("" when none)
  bool mustChangePassword =
      false;  ///< the password was set by an administrator: it only lets the user choose a new one
  std::optional<UtcMs> trainingCompleted;
  std::optional<UtcMs> trainingExpires;
  UtcMs createdAt = 0;
};

/// A registered case.
struct CaseRecord {
  std::string number;
  std::string title;
  std::string lead;  ///< lead investigator (user name or free text)
  bool open = true;
  std::string createdBy;
  UtcMs createdAt = 0;
  bool operator==(const CaseRecord&) const = default;
};

/// A read a hold in force keeps for a case (the read was collected for the case, or exported in
/// one of its evidence packages, or named by a discovery hold): its earliest hold in force.
struct CaseHold {
  ReadId read = 0;
  std::int64_t hold = 0;  ///< the hold (store/Hold.h)
  HoldKind kind = HoldKind::Investigation;
  std::string reason;  ///< why it was placed: "collected for case", "evidence package <id>"
  std::string createdBy;
  UtcMs createdAt = 0;
  bool operator==(const CaseHold&) const = default;
};

/// One entry of the purpose catalogue.
struct PurposeRecord {
  std::string code;  ///< "INV-VIOLENT"
  std::string label;
  bool needsApproval = false;
  bool prohibited = false;  ///< can never be chosen; kept so refusals can name it
  bool disabled = false;
  bool builtin = false;  ///< shipped in resources/access/purposes.tsv
  UtcMs createdAt = 0;
  std::vector<Role> roles;  ///< the roles that may use it (schema v10); empty = every role that reaches plate data
  bool operator==(const PurposeRecord&) const = default;
};

/// A sign-in session as persisted (the bearer token is stored only as its SHA-256).
struct SessionRecord {
  std::string tokenHash;
  std::string sessionId;
  std::string userName;
  std::string kind;  ///< "gui", "cli", "service"
  std::string workstation;
  UtcMs createdAt = 0;
  UtcMs lastActiveAt = 0;
  std::optional<UtcMs> endedAt;
  std::string endReason;
};

// --- bulk scans for the search index ------------------------------------------------------

/// What ties a search index to one state of the stored reads: the storage's id and its
/// reads-deleted counter (raised by every deletion of reads). Reads are immutable and new ones
/// get larger ids, so while both are unchanged an index of the reads up to id N stays exact.
struct ReadsStamp {
  std::string storageId;  ///< "" if the storage has none
  std::uint64_t readsDeleted = 0;
  /// Not part of the tie, but what tells a loaded index whether anything is new: the largest read
  /// id stored (0: none), and the shape of the camera places (rows, the newest row's id, closed
  /// rows). Places are only added and closed, so an unchanged shape means unchanged places.
  ReadId newestRead = 0;
  std::array<std::int64_t, 3> places{};
};

/// The best value of one vehicle attribute as the read scan delivers it.
struct ScannedAttribute {
  bool present = false;    ///< false: not reported (value "" and confidence 0)
  std::string_view value;  ///< as stored
  double confidence = 0;   ///< 0-100
};

/// One read as Storage::ScanReads delivers it: the columns the search index keeps, no candidates,
/// corrections or images. The views point into the scan's row buffer and are valid only during
/// the callback that receives the row.
struct ScannedRead {
  ReadId id = 0;
  UtcMs capturedAt = 0;
  CameraId camera = 0;
  std::string_view plate;           ///< normalised
  std::string_view state;           ///< "" if none
  double confidence = 0;            ///< 0-100
  std::optional<double> direction;  ///< degrees as stored (not normalised to 0-360)
  bool hasPosition = false;         ///< the read carries its own GPS position (mobile cameras)
  double latitude = 0;
  double longitude = 0;
  /// Best colour, make, model and body, in that order (kScannedColor...).
  std::array<ScannedAttribute, 4> attributes;
};
inline constexpr std::size_t kScannedColor = 0, kScannedMake = 1, kScannedModel = 2, kScannedBody = 3;

/// One alternative read (candidate) as Storage::ScanCandidates delivers it; plate is valid only
/// during the callback.
struct ScannedCandidate {
  ReadId read = 0;
  std::int64_t rank = 0;   ///< 1 = the camera's best alternative
  std::string_view plate;  ///< normalised
};

}  // namespace platedesk::store
