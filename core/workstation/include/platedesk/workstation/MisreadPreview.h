// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::workstation {

/// A plate that a search would also find although it differs from what was typed.
struct MisreadExample {
  std::string plate;     ///< the example plate (normalised)
  int ocrPosition = -1;  ///< 0-based position of the OCR-equivalent character, or -1 when none
  int edits = 0;         ///< single-character insertions, deletions or substitutions it needs
};

/// What a plate pattern finds beyond itself, for the search panel's live preview
/// ("ABC1234 also finds A8C1234, ABC12Z4, ABC124...").
struct MisreadPreview {
  std::string sample;                    ///< a plate the pattern accepts as typed (wildcards filled in)
  std::vector<MisreadExample> examples;  ///< plates the options accept besides: OCR examples first
};

/// Computes the preview with core's pattern parser (search::PlatePattern) and the shipped
/// OCR-confusion table, under the same semantics as the search engine: each example is a plate the
/// pattern does not accept as typed but does accept with OCR tolerance (when on) and at most
/// maxEdits edits. At most `max` examples; none for an empty pattern or one that accepts
/// everything. Pure function, thread-safe, no plate data. Errors: the pattern's (InvalidArgument
/// with "position N"), InvalidArgument for maxEdits outside 0-2.
[[nodiscard]] Result<MisreadPreview> PreviewMisreads(std::string_view pattern, bool ocrTolerant, int maxEdits,
                                                     std::size_t max = 6);

}  // namespace platedesk::workstation
