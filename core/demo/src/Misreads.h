// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Random.h"

#include "platedesk/store/Types.h"

#include <string>
#include <string_view>
#include <vector>

namespace platedesk::demo {

/// Characters OCR engines confuse with c (the groups 0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G, E/F and
/// Z/7 named by Genetec and the IACP paper); empty when c has none.
[[nodiscard]] std::string_view ConfusableWith(char c);

/// A plausible misread of a normalised plate, as a camera would produce it: usually one confused
/// character, sometimes two, or a dropped or cut-off (first/last) character. Returns the plate
/// unchanged only when it is too short to change.
[[nodiscard]] std::string Misread(std::string_view plate, Rng& rng);

/// The ranked alternatives a camera sends besides its best read: 0-4 distinct misreads of the
/// best (or the true plate), confidence strictly decreasing below bestConfidence. When the best
/// read is itself a misread, the true plate is usually the first candidate.
[[nodiscard]] std::vector<store::Candidate> MakeCandidates(const std::string& best, const std::string& truth,
                                                           bool bestIsMisread, double bestConfidence, Rng& rng);

/// Rounds a confidence to one decimal inside [0, 100].
[[nodiscard]] double RoundConfidence(double c);

}  // namespace platedesk::demo
