// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Strings.h"

#include "platedesk/common/Text.h"
#include "platedesk/workstation/Session.h"

#include <wx/datetime.h>
#include <wx/intl.h>
#include <wx/numformatter.h>

#include <atomic>
#include <map>

namespace platedesk::views {

wxString ToWx(std::string_view utf8) { return wxString::FromUTF8(utf8.data(), utf8.size()); }

std::string FromWx(const wxString& text) {
  const wxScopedCharBuffer buffer = text.utf8_str();
  return std::string(buffer.data(), buffer.length());
}

wxString PathToWx(const std::filesystem::path& path) {
  // wxString(std::wstring) and the native narrow encoding both round-trip; u8string keeps
  // non-ASCII folder names intact on every platform.
  const std::u8string u8 = path.u8string();
  return wxString::FromUTF8(reinterpret_cast<const char*>(u8.data()), u8.size());
}

std::filesystem::path PathFromWx(const wxString& path) {
  const std::string utf8 = FromWx(path);
  return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

wxString Trimmed(const wxString& text) {
  wxString t = text;
  t.Trim(true).Trim(false);
  return t;
}

wxString ReflowParagraphs(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t start = 0;
  bool paragraphOpen = false;
  while (start <= utf8.size()) {
    std::size_t end = utf8.find('\n', start);
    if (end == std::string_view::npos) {
      end = utf8.size();
    }
    std::string_view line = utf8.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const std::string trimmed = Trim(line);
    if (trimmed.empty()) {
      if (paragraphOpen) {
        out += "\n\n";
        paragraphOpen = false;
      }
    } else {
      if (paragraphOpen) {
        out += ' ';
      }
      out += trimmed;
      paragraphOpen = true;
    }
    start = end + 1;
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return ToWx(out);
}

wxString HoldReasonText(const store::CaseHold& hold) {
  // The reasons Session::CollectForCase and Session::ExportEvidence record.
  static const std::string kPackage = "evidence package ";
  if (hold.reason == workstation::kCollectedForCase) {
    return _("collected for the case");
  }
  if (hold.reason.rfind(kPackage, 0) == 0) {
    return wxString::Format(_("in evidence package %s"), ToWx(hold.reason.substr(kPackage.size(), 8))) + wxS("\u2026");
  }
  return ToWx(hold.reason);
}

wxString RoleText(store::Role role) {
  switch (role) {
    case store::Role::Detective:
      return _("Detective");
    case store::Role::Supervisor:
      return _("Supervisor");
    case store::Role::Administrator:
      return _("Administrator");
    case store::Role::Auditor:
      return _("Auditor");
  }
  return wxString();
}

wxString FormatCount(std::int64_t value) {
  wxChar separator = 0;
  if (wxNumberFormatter::GetThousandsSeparatorIfUsed(&separator)) {
    return wxNumberFormatter::ToString(static_cast<wxLongLong_t>(value), wxNumberFormatter::Style_WithThousandsSep);
  }
  // The C/POSIX locale defines no grouping; a narrow no-break space groups digits without
  // suggesting any national convention (ISO 80000-1).
  const bool negative = value < 0;
  std::string digits =
      std::to_string(negative ? -static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value));
  wxString out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += wxUniChar(0x202F);
    }
    out += wxUniChar(static_cast<unsigned char>(digits[i]));
  }
  return negative ? wxS("-") + out : out;
}

namespace {
std::atomic<bool> gTimesInUtc{false};

// Local time with its zone, or UTC when the user chose so.
wxString FormatWithZone(UtcMs t, const wxChar* format) {
  const wxDateTime when{wxLongLong(t)};
  if (gTimesInUtc) return when.Format(wxString(format) + wxS(" UTC"), wxDateTime::UTC);
  return when.Format(wxString(format) + wxS(" %Z"));
}
}  // namespace

void SetTimesInUtc(bool utc) { gTimesInUtc = utc; }

std::optional<store::CameraLocation> CameraLocationAt(const store::Camera& camera, UtcMs t) {
  for (const auto& loc : camera.locations) {
    if (loc.from <= t && (!loc.to || t < *loc.to)) {
      return loc;
    }
  }
  if (!camera.locations.empty()) {
    return camera.locations.back();
  }
  return std::nullopt;
}

wxString CameraLabel(const store::Camera& camera) {
  return ToWx(camera.name.empty() ? camera.externalId : camera.name);
}

wxString FormatOtherZone(UtcMs t) {
  const wxDateTime when{wxLongLong(t)};
  if (gTimesInUtc) return when.Format(wxS("%Y-%m-%d %H:%M:%S %Z"));
  return when.Format(wxS("%Y-%m-%d %H:%M:%S UTC"), wxDateTime::UTC);
}
bool TimesInUtc() { return gTimesInUtc; }

wxString FormatLocalTime(UtcMs t) { return FormatWithZone(t, wxS("%Y-%m-%d %H:%M:%S")); }

wxString FormatLocalMinute(UtcMs t) {
  return FormatWithZone(t, wxS("%Y-%m-%d %H:%M"));  // the zone on every time (issue 16)
}

// "2025-11-10" (the day's start, or with endOfDay the next day's) or "2025-11-10 08:30" (also with
// a T), local time; nullopt if it is neither.
std::optional<UtcMs> ParseLocalTime(const wxString& text, bool endOfDay) {
  const wxString t = Trimmed(text);
  wxDateTime when;
  wxString::const_iterator end;
  // Times typed are read in the zone times are shown in (UTC when the user chose so).
  auto instant = [](wxDateTime parsed) {
    return (gTimesInUtc ? parsed.MakeFromTimezone(wxDateTime::UTC) : parsed).GetValue().GetValue();
  };
  for (const wxChar* format : {wxS("%Y-%m-%d %H:%M"), wxS("%Y-%m-%dT%H:%M")}) {
    if (when.ParseFormat(t, format, &end) && end == t.end()) {
      return instant(when);
    }
  }
  if (when.ParseFormat(t, wxS("%Y-%m-%d"), &end) && end == t.end()) {
    when = when.GetDateOnly();
    if (endOfDay) {
      when += wxDateSpan::Day();
    }
    return instant(when);
  }
  return std::nullopt;
}

wxString LocalZoneName(UtcMs t) {
  if (gTimesInUtc) return wxS("UTC");
  const wxDateTime when{wxLongLong(t)};
  return when.Format(wxS("%Z"));
}

wxString FormatDuration(UtcMs durationMs) {
  const std::int64_t minutes = durationMs / kMsPerMinute;
  const std::int64_t days = minutes / (24 * 60);
  const std::int64_t hours = (minutes / 60) % 24;
  const std::int64_t restMinutes = minutes % 60;
  auto unit = [](std::int64_t n, const wxString& text) { return wxString::Format(text, static_cast<long long>(n)); };
  auto days_ = [&] { return unit(days, wxPLURAL("%lld day", "%lld days", static_cast<unsigned long>(days))); };
  auto hours_ = [&] { return unit(hours, wxPLURAL("%lld hour", "%lld hours", static_cast<unsigned long>(hours))); };
  auto minutes_ = [&] {
    return unit(restMinutes, wxPLURAL("%lld minute", "%lld minutes", static_cast<unsigned long>(restMinutes)));
  };
  if (minutes < 1) {
    return _("under a minute");
  }
  if (days > 0) {
    return hours > 0 ? days_() + wxS(" ") + hours_() : days_();
  }
  if (hours > 0) {
    return restMinutes > 0 ? hours_() + wxS(" ") + minutes_() : hours_();
  }
  return minutes_();
}

wxString FormatLocalTime(const std::optional<UtcMs>& t) { return t ? FormatLocalTime(*t) : wxString(wxS("\u2014")); }

wxString FormatSize(std::uint64_t bytes) { return ToWx(FormatBytes(bytes)); }

wxString QueryElementsText(const std::map<std::string, std::string>& query) {
  wxString text;
  auto add = [&text](const wxString& part) { text += (text.empty() ? wxString() : wxString(wxS(" \u00b7 "))) + part; };
  if (auto it = query.find("plate"); it != query.end() && !it->second.empty()) {
    add(ToWx(it->second));
  } else if (!query.empty()) {
    add(_("vehicle only"));
  }
  for (const auto& [key, value] : query) {
    if (key == "plate" || (key == "edits" && value == "0") || value == "no") {
      continue;
    }
    if (key == "ocr_tolerant" && value == "yes") {
      add(_("OCR look-alikes"));
    } else if (key == "alternative_reads" && value == "yes") {
      add(_("alternative reads"));
    } else if (key == "edits") {
      unsigned long edits = 0;
      if (ToWx(value).ToULong(&edits))
        add(wxString::Format(wxPLURAL("%lu edit", "%lu edits", edits), edits));  // "1 edit", never "1 edits"
      else
        add(ToWx(value) + wxS(" ") + _("edits"));
    } else {
      wxString name = ToWx(key);
      name.Replace(wxS("_"), wxS(" "));
      add(name + wxS(" ") + ToWx(value));
    }
  }
  return text;
}

}  // namespace platedesk::views
