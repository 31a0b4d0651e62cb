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
/// body ("value", "value,value" for any of them, each with ">=confidence" after the last when
/// given), hours ("HH:MM-HH:MM" local time of day), min_confidence, direction ("from-to" degrees).
[[nodiscard]] std::map<std::string, std::string> QueryElements(const Query& query);

/// The query QueryElements wrote (QueryFromElements(QueryElements(q)) == q for every query whose
/// numbers have at most 15 significant digits). Elements it does not know are refused, except
/// "limit", which belongs to the search options. Errors: InvalidArgument naming the element.
[[nodiscard]] Result<Query> QueryFromElements(const std::map<std::string, std::string>& elements);

/// A time-of-day window as people write it: "22:00-04:00" (24-hour clock, minutes optional:
/// "22-4"; the end may be 24:00). Errors: InvalidArgument saying what is wrong.
[[nodiscard]] Result<HoursOfDay> ParseHoursOfDay(std::string_view text);

/// "22:00-04:00": the text ParseHoursOfDay reads back.
[[nodiscard]] std::string HoursOfDayText(const HoursOfDay& hours);

/// The rules a HoursOfDay and an AttributeFilter must keep (see Query.h). Errors: InvalidArgument.
[[nodiscard]] Status CheckHoursOfDay(const HoursOfDay& hours);
[[nodiscard]] Status CheckAttributeFilter(const AttributeFilter& filter);

}  // namespace platedesk::search
