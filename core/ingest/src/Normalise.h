// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/store/Types.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::ingest::detail {

/// Bounds on text fields that the formats leave open.
inline constexpr std::size_t kMaxPlateReportedBytes = 64;
inline constexpr std::size_t kMaxIdBytes = 256;
inline constexpr std::size_t kMaxAttributeBytes = 64;
inline constexpr std::size_t kMaxRankedValues = 10;
inline constexpr std::size_t kMaxCandidates = 20;

/// Marks rec as rejected; always returns false so callers can `return Reject(...)`.
bool Reject(ParsedRecord& rec, std::string field, std::string message);
/// Marks rec as skipped; returns false.
bool Skip(ParsedRecord& rec, std::string field, std::string message);

/// Fills read.plate/plateReported from reported text. Returns why it cannot (empty after
/// normalisation, longer than plate::kMaxPlateLength, reported text over 64 bytes), or "".
std::string SetPlate(store::NewRead& read, std::string_view reported);

/// True for a 0-100 confidence (after any scaling).
inline bool ConfidenceOk(double value) { return value >= 0.0 && value <= 100.0; }
inline constexpr const char* kConfidenceRange = "confidence is outside 0-100";

/// Converts a camera epoch (seconds if below 1e11, else milliseconds) to UTC ms.
UtcMs EpochToMs(double epoch);
/// Why a capture time is implausible (before 1990, more than a day after options.now when set), or "".
std::string CaptureTimeProblem(UtcMs t, const ParseOptions& options);

/// Region to a state code. allowBare: a plain two-letter code may be a US state (OpenALPR's US
/// configuration, the CSV); otherwise only "us-xx" is (Plate Recognizer's bare codes are countries).
std::string StateFor(std::string_view region, bool allowBare);

/// Candidates other than the best plate: normalised, invalid ones dropped, duplicates merged
/// (best confidence kept), ranked best first, at most kMaxCandidates.
void FinishCandidates(store::NewRead& read);

/// One attribute value: lower-cased, spaces to '-'; placeholders ("unknown", "invalid",
/// "generic", "") give nullopt.
std::optional<std::string> AttributeValue(std::string_view raw);
/// Ranks a list best first, merges duplicates (best confidence kept), keeps kMaxRankedValues.
void FinishRanked(std::vector<store::RankedValue>& values);

/// Stable id for a record without one: "<camera>/<ISO time>/<plate>".
std::string DerivedUuid(std::string_view camera, UtcMs capturedAt, std::string_view plate);

/// "<agent>/<camera>" or "<camera>".
std::string CameraExternalId(std::string_view agent, std::string_view camera);

}  // namespace platedesk::ingest::detail
