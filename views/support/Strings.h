// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/store/Types.h"

#include <wx/string.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace platedesk::views {

/// UTF-8 (core's string encoding) to wxString.
[[nodiscard]] wxString ToWx(std::string_view utf8);
/// wxString to UTF-8.
[[nodiscard]] std::string FromWx(const wxString& text);
/// A path for display and for wx file APIs (native encoding).
[[nodiscard]] wxString PathToWx(const std::filesystem::path& path);
/// A path chosen in a wx dialog.
[[nodiscard]] std::filesystem::path PathFromWx(const wxString& path);
/// The text without leading and trailing white space (what a field "holds" once typed).
[[nodiscard]] wxString Trimmed(const wxString& text);

/// Joins hard-wrapped lines into paragraphs (a blank line separates paragraphs) so that the
/// text wraps to the width of the control showing it. UTF-8 in.
[[nodiscard]] wxString ReflowParagraphs(std::string_view utf8);

/// "Detective", "Supervisor", "Administrator", "Auditor" (translated).
[[nodiscard]] wxString RoleText(store::Role role);

/// Why a read is held for a case, for people: "collected for the case", "in evidence package
/// 3f2a9c01...", or the recorded reason as it is.
[[nodiscard]] wxString HoldReasonText(const store::CaseHold& hold);
/// "1,234,567" with the user's locale's digit grouping.
[[nodiscard]] wxString FormatCount(std::int64_t value);
/// Every time shown in UTC ("2026-11-24 06:58 UTC") instead of local time, and times typed read
/// as UTC: View > Times in UTC, kept per user. Any thread.
void SetTimesInUtc(bool utc);
[[nodiscard]] bool TimesInUtc();
/// How a camera is named for people: its name, or its external id when it has none.
[[nodiscard]] wxString CameraLabel(const store::Camera& camera);
/// Where a camera stood at time t: the location that covers t, else its newest (nullopt: none recorded).
[[nodiscard]] std::optional<store::CameraLocation> CameraLocationAt(const store::Camera& camera, UtcMs t);
/// The same instant the other way: in UTC when times are shown in local time, in local time (with
/// its zone) when they are shown in UTC. What hovering over a time shows.
[[nodiscard]] wxString FormatOtherZone(UtcMs t);
/// A UTC instant shown in the local time zone: "2026-11-24 07:58:12 CET" (or in UTC, above).
[[nodiscard]] wxString FormatLocalTime(UtcMs t);
/// A UTC instant in the local time zone to the minute, with the zone: "2026-11-24 07:58 CET".
[[nodiscard]] wxString FormatLocalMinute(UtcMs t);
/// A local time as the forms take it: "2025-11-10" (the day's start, or with endOfDay the next
/// day's) or "2025-11-10 08:30" (also with a T); nullopt if it is neither.
[[nodiscard]] std::optional<UtcMs> ParseLocalTime(const wxString& text, bool endOfDay);
/// The local time zone's abbreviation at instant t ("CET", "UTC").
[[nodiscard]] wxString LocalZoneName(UtcMs t);
/// A length of time for people: "13 days 22 hours", "5 hours 3 minutes", "under a minute".
[[nodiscard]] wxString FormatDuration(UtcMs durationMs);
/// FormatLocalTime, or an em dash when there is no value.
[[nodiscard]] wxString FormatLocalTime(const std::optional<UtcMs>& t);
/// "1.5 MiB".
[[nodiscard]] wxString FormatSize(std::uint64_t bytes);

/// A search's query elements (as its audit record keeps them) in the order a detective reads them:
/// the plate ("vehicle only" without one), then the filters; options at their defaults are left
/// out. "1 edit", "2 edits".
[[nodiscard]] wxString QueryElementsText(const std::map<std::string, std::string>& query);

}  // namespace platedesk::views
