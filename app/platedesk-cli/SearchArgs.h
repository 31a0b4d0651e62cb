// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Args.h"

#include "platedesk/common/Result.h"
#include "platedesk/search/Query.h"

#include <optional>
#include <string>
#include <vector>

namespace platedesk::cli {

/// A whole string as a number.
[[nodiscard]] bool ParseDouble(const std::string& text, double& out);
/// Camera ids from repeated values, each a number or a comma-separated list ("3", "3,7").
/// Errors: InvalidArgument naming the bad value.
[[nodiscard]] Result<std::vector<store::CameraId>> ParseCameraIds(const std::vector<std::string>& values);
/// "LAT,LON,KM" (KM > 0). Errors: InvalidArgument.
[[nodiscard]] Result<search::GeoCircle> ParseNear(const std::string& text);

/// The plate pattern and its tolerance options, shared by `search` and `scenes`.
struct PlateTolerance {
  std::optional<std::string> plate;
  bool ocrTolerant = true;
  int maxEdits = 0;
  bool alternatives = true;
};
/// --plate, --no-ocr, --no-candidates, --edits. Errors: InvalidArgument (edits outside 0-2).
[[nodiscard]] Result<PlateTolerance> ParseTolerance(const ParsedArgs& args);
/// Copies the options into a search::Query or search::MultiSceneQuery.
template <class QueryT>
void ApplyTolerance(const PlateTolerance& t, QueryT& q) {
  q.plate = t.plate;
  q.ocrTolerant = t.ocrTolerant;
  q.maxEdits = t.maxEdits;
  q.alternatives = t.alternatives;
}
/// Their option specs.
[[nodiscard]] std::vector<OptionSpec> ToleranceOptions();

/// A search's query from `search`'s options (the tolerance, --state, --include-unknown-state,
/// --from, --to, --hours, --camera, --near, --color, --make, --model, --body (each repeatable: any
/// of the values), --min-confidence) and its
/// --limit (default 100, at least 1: there is no unlimited search; above the agency's cap it needs
/// approval). Errors: InvalidArgument naming the option.
struct SearchArgs {
  search::Query query;
  std::size_t limit = 100;
};
[[nodiscard]] Result<SearchArgs> ParseSearchArgs(const ParsedArgs& args);
/// Their option specs (without the tolerance's, which ToleranceOptions gives).
[[nodiscard]] std::vector<OptionSpec> SearchQueryOptions();

/// A multi-scene query from `scenes`' options: the tolerance, 2-5 --scene specs
/// ('cameras=ID,...;from=T;to=T' or 'near=LAT,LON,KM;from=T;to=T') and --min-scenes.
/// Errors: InvalidArgument naming the option.
[[nodiscard]] Result<search::MultiSceneQuery> ParseScenesArgs(const ParsedArgs& args);
/// --scene and --min-scenes (`required`: --scene is required).
[[nodiscard]] std::vector<OptionSpec> SceneOptions(bool required);

/// How a hit matched, as one phrase ("exact", "OCR-equivalent at positions 1,2", "1 edit via
/// alternative read #2 ABC123").
[[nodiscard]] std::string HowMatched(const search::Hit& hit);

}  // namespace platedesk::cli
