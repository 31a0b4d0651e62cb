// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/QueryText.h"

#include "platedesk/common/Text.h"

#include <charconv>
#include <cstdio>
#include <string_view>

namespace platedesk::search {
namespace {

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) {
    if (!out.empty()) out += ',';
    out += x;
  }
  return out;
}

Error Bad(const std::string& element, const std::string& value) {
  return Fail(ErrorCode::InvalidArgument, "the query element " + element + " is not readable", value);
}

bool ParseNumber(std::string_view text, double& out) {
  const std::string t = Trim(text);
  if (t.empty()) return false;
  const char* end = t.data() + t.size();
  auto [ptr, ec] = std::from_chars(t.data(), end, out);
  return ec == std::errc() && ptr == end;
}

bool ParseYesNo(const std::string& text, bool& out) {
  if (text != "yes" && text != "no") return false;
  out = text == "yes";
  return true;
}

// "HH" or "HH:MM" as minutes after midnight (0-1440), or -1.
int ParseClock(std::string_view text) {
  const auto colon = text.find(':');
  const std::string_view hh = text.substr(0, colon);
  const std::string_view mm = colon == std::string_view::npos ? std::string_view("0") : text.substr(colon + 1);
  if (hh.empty() || hh.size() > 2 || mm.empty() || mm.size() > 2 || (colon != std::string_view::npos && mm.size() != 2))
    return -1;
  int h = 0;
  int m = 0;
  if (std::from_chars(hh.data(), hh.data() + hh.size(), h).ptr != hh.data() + hh.size()) return -1;
  if (std::from_chars(mm.data(), mm.data() + mm.size(), m).ptr != mm.data() + mm.size()) return -1;
  if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

}  // namespace

Status CheckHoursOfDay(const HoursOfDay& hours) {
  if (hours.fromMinute < 0 || hours.fromMinute > 1439 || hours.toMinute < 0 || hours.toMinute > 1440)
    return Fail(ErrorCode::InvalidArgument, "a time of day is from 00:00 to 24:00");
  if (hours.fromMinute == hours.toMinute % 1440)
    return Fail(ErrorCode::InvalidArgument, "the time-of-day window starts where it ends: give two different times");
  return {};
}

Status CheckAttributeFilter(const AttributeFilter& filter) {
  if (filter.values.empty()) return Fail(ErrorCode::InvalidArgument, "empty vehicle attribute filter");
  for (const auto& v : filter.values) {
    if (Trim(v).empty()) return Fail(ErrorCode::InvalidArgument, "empty vehicle attribute filter");
    if (v.find(',') != std::string::npos)
      return Fail(ErrorCode::InvalidArgument, "a vehicle attribute value holds no comma", v);
  }
  // NaN passes every comparison, and converting it to int is undefined: refused by name.
  if (filter.minConfidence && !(*filter.minConfidence >= 0 && *filter.minConfidence <= 100))
    return Fail(ErrorCode::InvalidArgument, "attribute confidence outside 0-100");
  return {};
}

Result<HoursOfDay> ParseHoursOfDay(std::string_view text) {
  const std::string t = Trim(text);
  const auto dash = t.find('-');
  const int from = dash == std::string::npos ? -1 : ParseClock(Trim(std::string_view(t).substr(0, dash)));
  const int to = dash == std::string::npos ? -1 : ParseClock(Trim(std::string_view(t).substr(dash + 1)));
  if (from < 0 || to < 0)
    return Fail(ErrorCode::InvalidArgument, "write the time-of-day window as HH:MM-HH:MM (22:00-04:00)", t);
  HoursOfDay hours{from == 1440 ? 0 : from, to};
  PLATEDESK_TRY(CheckHoursOfDay(hours));
  return hours;
}

std::string HoursOfDayText(const HoursOfDay& hours) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", hours.fromMinute / 60, hours.fromMinute % 60,
                hours.toMinute / 60, hours.toMinute % 60);
  return buf;
}

std::map<std::string, std::string> QueryElements(const Query& q) {
  std::map<std::string, std::string> m;
  m["plate"] = q.plate.value_or("");
  m["ocr_tolerant"] = q.ocrTolerant ? "yes" : "no";
  m["edits"] = std::to_string(q.maxEdits);
  m["alternative_reads"] = q.alternatives ? "yes" : "no";
  if (!q.states.empty()) m["states"] = Join(q.states);
  if (q.includeUnknownState) m["include_unknown_state"] = "yes";
  if (q.from) m["from"] = FormatIso8601(*q.from);
  if (q.to) m["to"] = FormatIso8601(*q.to);
  if (q.hours) m["hours"] = HoursOfDayText(*q.hours);
  if (!q.cameras.empty()) {
    std::vector<std::string> c;
    for (auto id : q.cameras) c.push_back(std::to_string(id));
    m["cameras"] = Join(c);
  }
  if (q.near) {
    std::string near = Number(q.near->centre.latitude);
    near += ',';
    near += Number(q.near->centre.longitude);
    near += ',';
    near += Number(q.near->radiusKm);
    near += "km";
    m["near"] = near;
  }
  auto attr = [&](const char* name, const std::optional<AttributeFilter>& f) {
    if (!f) return;
    std::string text = Join(f->values);
    if (f->minConfidence) {
      text += ">=";
      text += Number(*f->minConfidence);
    }
    m[name] = text;
  };
  attr("color", q.color);
  attr("make", q.make);
  attr("model", q.model);
  attr("body", q.body);
  if (q.minConfidence) m["min_confidence"] = Number(*q.minConfidence);
  if (q.direction) {
    std::string d = Number(q.direction->fromDeg);
    d += '-';
    d += Number(q.direction->toDeg);
    m["direction"] = d;
  }
  return m;
}

Result<Query> QueryFromElements(const std::map<std::string, std::string>& elements) {
  Query q;
  for (const auto& [key, value] : elements) {
    if (key == "limit") continue;
    if (key == "plate") {
      if (value.empty())
        q.plate.reset();
      else
        q.plate = value;
    } else if (key == "ocr_tolerant") {
      if (!ParseYesNo(value, q.ocrTolerant)) return Bad(key, value);
    } else if (key == "alternative_reads") {
      if (!ParseYesNo(value, q.alternatives)) return Bad(key, value);
    } else if (key == "include_unknown_state") {
      if (!ParseYesNo(value, q.includeUnknownState)) return Bad(key, value);
    } else if (key == "edits") {
      if (value != "0" && value != "1" && value != "2") return Bad(key, value);
      q.maxEdits = value[0] - '0';
    } else if (key == "states") {
      for (const auto& s : Split(value, ','))
        if (!s.empty()) q.states.push_back(s);
    } else if (key == "from" || key == "to") {
      auto t = ParseIso8601(value);
      if (!t) return Bad(key, value);
      (key == "from" ? q.from : q.to) = *t;
    } else if (key == "cameras") {
      for (const auto& c : Split(value, ',')) {
        store::CameraId id = 0;
        auto [ptr, ec] = std::from_chars(c.data(), c.data() + c.size(), id);
        if (ec != std::errc() || ptr != c.data() + c.size() || c.empty()) return Bad(key, value);
        q.cameras.push_back(id);
      }
    } else if (key == "near") {
      if (value.size() < 3 || value.substr(value.size() - 2) != "km") return Bad(key, value);
      const auto parts = Split(std::string_view(value).substr(0, value.size() - 2), ',');
      GeoCircle c;
      if (parts.size() != 3 || !ParseNumber(parts[0], c.centre.latitude) ||
          !ParseNumber(parts[1], c.centre.longitude) || !ParseNumber(parts[2], c.radiusKm))
        return Bad(key, value);
      q.near = c;
    } else if (key == "color" || key == "make" || key == "model" || key == "body") {
      AttributeFilter f;
      const auto at = value.find(">=");
      for (const auto& v : Split(value.substr(0, at), ',')) f.values.push_back(v);
      if (at != std::string::npos) {
        double c = 0;
        if (!ParseNumber(std::string_view(value).substr(at + 2), c)) return Bad(key, value);
        f.minConfidence = c;
      }
      (key == "color" ? q.color : key == "make" ? q.make : key == "model" ? q.model : q.body) = f;
    } else if (key == "hours") {
      auto hours = ParseHoursOfDay(value);
      if (!hours) return Bad(key, value);
      q.hours = *hours;
    } else if (key == "min_confidence") {
      double c = 0;
      if (!ParseNumber(value, c)) return Bad(key, value);
      q.minConfidence = c;
    } else if (key == "direction") {
      // "from-to": the second '-' would be a sign; degrees are never negative here.
      const auto dash = value.find('-', 1);
      DirectionRange d;
      if (dash == std::string::npos || !ParseNumber(std::string_view(value).substr(0, dash), d.fromDeg) ||
          !ParseNumber(std::string_view(value).substr(dash + 1), d.toDeg))
        return Bad(key, value);
      q.direction = d;
    } else {
      return Fail(ErrorCode::InvalidArgument, "a search has no query element " + key, key);
    }
  }
  return q;
}

}  // namespace platedesk::search
