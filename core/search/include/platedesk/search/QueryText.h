// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/search/Query.h"

#include <map>
#include <string>

namespace platedesk::search {

/// Every element of a query as text, by name: what a search's audit record holds (REFERENCE §1:
/// "the plate and other elements used") and what an approval names. Numbers are written so that
/// they read back exactly as typed (15 significant digits; audit records carry no floats).
/// Elements: plate ("" for a vehicle-only search), ocr_tolerant, edits, alternative_reads, and when
/// set states, include_unknown_state, from, to, cameras, near ("lat,lon,Rkm"), color, make, model,
/// body ("value" or "value>=confidence"), min_confidence, direction ("from-to" degrees).
[[nodiscard]] std::map<std::string, std::string> QueryElements(const Query& query);

/// The query QueryElements wrote (QueryFromElements(QueryElements(q)) == q for every query whose
/// numbers have at most 15 significant digits). Elements it does not know are refused, except
/// "limit", which belongs to the search options. Errors: InvalidArgument naming the element.
[[nodiscard]] Result<Query> QueryFromElements(const std::map<std::string, std::string>& elements);

}  // namespace platedesk::search
