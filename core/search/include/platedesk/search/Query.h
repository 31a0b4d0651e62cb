// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/store/Types.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace platedesk::search {

/// A point on the earth (WGS 84 degrees).
struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
  bool operator==(const GeoPoint&) const = default;
};

/// "Within radiusKm of centre" (great-circle distance, haversine, earth radius 6371.0088 km).
struct GeoCircle {
  GeoPoint centre;
  double radiusKm = 0;
  bool operator==(const GeoCircle&) const = default;
};

/// The great-circle distance in km (haversine, earth radius 6371.0088 km).
[[nodiscard]] double DistanceKm(GeoPoint a, GeoPoint b);

/// A travel-direction range in degrees, inclusive at both ends, wrapping at 360: {350, 10} means
/// 350..360 and 0..10. Reads without a direction never match a direction filter.
struct DirectionRange {
  double fromDeg = 0;
  double toDeg = 360;
  bool operator==(const DirectionRange&) const = default;
};

/// A vehicle-attribute filter: the read's top-ranked value is one of `values` (ASCII
/// case-insensitive: "grey" or "silver") and, when given, its confidence is at least minConfidence
/// (0-100; attribute confidences are kept to the whole percent, rounded). At least one value; none
/// empty or holding a comma (the query's text form lists them with commas).
struct AttributeFilter {
  std::vector<std::string> values;
  std::optional<double> minConfidence;
  bool operator==(const AttributeFilter&) const = default;
};

/// A time-of-day window in local time where the reads are kept (the time zone of the machine that
/// searches them: the storage server, or the workstation for a storage opened directly), summer
/// time included: [fromMinute, toMinute) minutes after midnight, wrapping past midnight when
/// toMinute <= fromMinute (22:00-04:00 is {1320, 240}). fromMinute 0-1439, toMinute 0-1440; a window
/// of no time or of the whole day (from == to modulo 24:00, the default included) is refused: for
/// every hour, leave Query::hours unset.
struct HoursOfDay {
  int fromMinute = 0;
  int toMinute = 1440;
  bool operator==(const HoursOfDay&) const = default;
};

/// What to search for. Every field is optional; an empty Query matches every read.
struct Query {
  /// Plate pattern (PlatePattern syntax); nullopt = vehicle-only search.
  std::optional<std::string> plate;
  /// A literal also matches the characters it is commonly confused with (SearchOptions table).
  bool ocrTolerant = true;
  /// At most this many single-character insertions, deletions or substitutions (0, 1 or 2).
  int maxEdits = 0;
  /// A read matches if its best plate or any alternative read (candidate) matches.
  bool alternatives = true;
  /// Two-letter codes; empty = any state. Reads with unknown state are excluded when states are
  /// given, unless includeUnknownState.
  std::vector<std::string> states;
  bool includeUnknownState = false;
  /// Capture time window [from, to).
  std::optional<UtcMs> from;
  std::optional<UtcMs> to;
  /// Only reads at these local times of day, on every day of the window.
  std::optional<HoursOfDay> hours;
  /// Camera ids; empty = any camera.
  std::vector<store::CameraId> cameras;
  /// Where the read was taken (its own GPS if it has one, else where its camera stood at the
  /// time of the read) lies within the circle. Reads with no known place never match.
  std::optional<GeoCircle> near;
  std::optional<AttributeFilter> color;
  std::optional<AttributeFilter> make;
  std::optional<AttributeFilter> model;
  std::optional<AttributeFilter> body;
  /// Minimum plate confidence (0-100) of the read's best plate.
  std::optional<double> minConfidence;
  std::optional<DirectionRange> direction;
  bool operator==(const Query&) const = default;
};

/// How a read matched the plate pattern.
enum class MatchKind {
  Exact,          ///< the plate text matches the pattern as typed
  OcrEquivalent,  ///< only with OCR-equivalent characters (see ocrPositions)
  Edited,         ///< only with insertions/deletions/substitutions (see edits)
  NoPattern,      ///< the query had no plate pattern
};

/// The explanation of one match.
struct MatchInfo {
  MatchKind kind = MatchKind::NoPattern;
  /// 0 = the read's best plate matched; n >= 1 = its n-th alternative read (candidate rank).
  int candidateRank = 0;
  /// The plate text that matched (the best plate or the candidate's).
  std::string matchedPlate;
  /// Edits needed (0..maxEdits).
  int edits = 0;
  /// OCR substitutions used, and where (0-based positions in matchedPlate).
  int ocrSubstitutions = 0;
  std::vector<int> ocrPositions;
  bool operator==(const MatchInfo&) const = default;
};

/// One result row.
struct Hit {
  store::ReadId read = 0;
  UtcMs capturedAt = 0;
  store::CameraId camera = 0;
  std::string plate;  ///< the read's best plate
  std::string state;  ///< "" = unknown
  double confidence = 0;
  bool lowConfidence = false;  ///< confidence below SearchOptions::lowConfidenceBelow: verify visually
  MatchInfo match;
  bool operator==(const Hit&) const = default;
};

/// Streams sorted results: called with consecutive slices of the ranked list (the first one as
/// soon as the matching is done). Return false to stop early. Runs on the searching thread.
using HitBatchFn = std::function<bool(std::span<const Hit> batch)>;

/// How to run a search.
struct SearchOptions {
  /// Return at most this many hits (the best ranked); 0 = all.
  std::size_t limit = 0;
  /// When non-zero and more reads than this match, nothing is ranked or delivered: the result
  /// has totalMatches and no hits (onBatch is never called). The facade's "a result over N reads
  /// needs a supervisor's approval" (setting approval_result_reads).
  std::size_t maxMatches = 0;
  /// Size of each batch given to onBatch (the first batch is the first page of the GUI).
  std::size_t batchSize = 100;
  /// Optional streaming receiver; the hits are also returned in SearchResult unless
  /// keepHits is false.
  HitBatchFn onBatch;
  bool keepHits = true;
  /// Reads whose confidence is below this are flagged lowConfidence.
  double lowConfidenceBelow = 70;
};

/// The outcome of a search.
struct SearchResult {
  std::size_t totalMatches = 0;  ///< reads that matched (before limit)
  std::vector<Hit> hits;         ///< ranked: exact, fewer edits, fewer OCR substitutions,
                                 ///< best plate before alternative, higher confidence, newer
  bool truncated = false;        ///< hits were cut by limit or by onBatch returning false
  bool operator==(const SearchResult&) const = default;
};

/// One place and time of a multi-scene search.
struct Scene {
  std::vector<store::CameraId> cameras;  ///< any of these cameras, or
  std::optional<GeoCircle> near;         ///< within this circle (used if cameras is empty)
  UtcMs from = 0;                        ///< [from, to)
  UtcMs to = 0;
  bool operator==(const Scene&) const = default;
};

/// "Which vehicles were at at least minScenes of these scenes?" (2-5 scenes). With a plate
/// pattern, only reads that match it (with the same OCR, edit and alternative-read rules as
/// Query) count as sightings; the sightings then carry their match explanation.
struct MultiSceneQuery {
  std::vector<Scene> scenes;
  int minScenes = 2;
  std::optional<std::string> plate;  ///< PlatePattern syntax; nullopt = every vehicle
  bool ocrTolerant = true;
  int maxEdits = 0;  ///< 0, 1 or 2
  bool alternatives = true;
  bool operator==(const MultiSceneQuery&) const = default;
};

/// A vehicle found by a multi-scene search. Vehicles are grouped by the reads' normalised best
/// plate (exact text; OCR-equivalent or edited plates are different vehicles).
struct SceneVehicle {
  std::string plate;
  std::vector<int> scenes;                     ///< indexes into MultiSceneQuery::scenes, ascending
  std::vector<std::pair<int, Hit>> sightings;  ///< (scene index, read), by scene then time
  bool operator==(const SceneVehicle&) const = default;
};

}  // namespace platedesk::search
