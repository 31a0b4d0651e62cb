// SPDX-License-Identifier: GPL-3.0-or-later
#include "Catalog.h"

#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace platedesk::resources::demo {
std::optional<std::string_view> Find(std::string_view fileName);
}

namespace platedesk::demo {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Error Broken(std::string_view file, std::size_t row, std::string_view what) {
  return Fail(ErrorCode::Internal, "demo resource is malformed: " + std::string(what),
              std::string(file) + " row " + std::to_string(row));
}

// Tab-separated rows with at least `columns` fields; '#' lines and blank lines skipped.
Result<Rows> ReadTable(std::string_view file, std::size_t columns) {
  const auto text = resources::demo::Find(file);
  if (!text) return Fail(ErrorCode::Internal, "demo resource missing", std::string(file));
  Rows rows;
  std::size_t lineNo = 0;
  for (const auto& raw : Split(*text, '\n')) {
    ++lineNo;
    std::string line = raw;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line.front() == '#') continue;
    auto fields = Split(line, '\t');
    if (fields.size() < columns) return Broken(file, lineNo, "too few columns");
    rows.push_back(std::move(fields));
  }
  if (rows.empty()) return Fail(ErrorCode::Internal, "demo resource is empty", std::string(file));
  return rows;
}

std::optional<int> ToInt(const std::string& s) {
  int v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> ToDouble(const std::string& s) {
  // std::from_chars for double is missing from some standard libraries we build with; strtod is
  // locale-dependent but the C locale is what the core runs under.
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return v;
}

std::optional<Rgb> ToRgb(const std::string& hex) {
  if (hex.size() != 6) return std::nullopt;
  unsigned v = 0;
  const auto r = std::from_chars(hex.data(), hex.data() + 6, v, 16);
  if (r.ec != std::errc() || r.ptr != hex.data() + 6) return std::nullopt;
  return Rgb{static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

Result<std::vector<Site>> ReadSites(std::string_view file, bool withAxis) {
  auto rows = ReadTable(file, withAxis ? 6 : 3);
  if (!rows) return rows.Err();
  std::vector<Site> out;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto& f = (*rows)[i];
    Site s;
    s.name = f[0];
    const auto lat = ToDouble(f[1]);
    const auto lon = ToDouble(f[2]);
    if (!lat || !lon) return Broken(file, i + 1, "bad coordinates");
    s.latitude = *lat;
    s.longitude = *lon;
    if (withAxis) {
      const auto axis = ToDouble(f[3]);
      const auto weight = ToInt(f[4]);
      if (!axis || !weight || *weight <= 0) return Broken(file, i + 1, "bad axis or weight");
      s.axisDeg = *axis;
      s.weight = *weight;
      s.ramp = f[5] == "ramp";
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string Catalog::StateName(const std::string& code) {
  for (const auto& s : plate::UsStates())
    if (s.code == code) return std::string(s.name);
  return code;
}

Result<Catalog> Catalog::Load() {
  Catalog c;

  // States and their plate styles.
  auto states = ReadTable("states.tsv", 6);
  if (!states) return states.Err();
  for (std::size_t i = 0; i < states->size(); ++i) {
    const auto& f = (*states)[i];
    StateStyle s;
    s.code = f[0];
    s.plateName = f[2];
    const auto weight = ToInt(f[1]);
    const auto bg = ToRgb(f[3]);
    const auto name = ToRgb(f[4]);
    const auto chars = ToRgb(f[5]);
    if (!weight || *weight < 0 || !bg || !name || !chars) return Broken("states.tsv", i + 1, "bad row");
    if (s.code != "*" && !plate::StateFromRegion(s.code)) return Broken("states.tsv", i + 1, "unknown state");
    s.weight = *weight;
    s.background = *bg;
    s.nameColour = *name;
    s.characters = *chars;
    if (s.code == "*") c.wildcard = static_cast<int>(c.states.size());
    c.states.push_back(std::move(s));
  }
  if (c.wildcard < 0) return Fail(ErrorCode::Internal, "demo resource lacks the '*' state", "states.tsv");
  for (const auto& s : plate::UsStates()) {
    // Territories other than Puerto Rico hardly ever drive in Seattle.
    if (s.code == "AS" || s.code == "GU" || s.code == "MP" || s.code == "VI") continue;
    const bool listed =
        std::any_of(c.states.begin(), c.states.end(), [&](const StateStyle& st) { return st.code == s.code; });
    if (!listed) c.others.emplace_back(s.code);
  }

  auto formats = ReadTable("plate_formats.tsv", 3);
  if (!formats) return formats.Err();
  for (std::size_t i = 0; i < formats->size(); ++i) {
    const auto& f = (*formats)[i];
    const auto weight = ToInt(f[1]);
    if (!weight || *weight <= 0 || f[2].empty() || plate::NormalisePlate(f[2]).size() > plate::kMaxPlateLength)
      return Broken("plate_formats.tsv", i + 1, "bad row");
    const int index = static_cast<int>(c.formats.size());
    c.formats.push_back({f[0], *weight, f[2]});
    bool attached = false;
    for (auto& s : c.states)
      if (s.code == f[0]) {
        s.formats.push_back(index);
        attached = true;
      }
    if (!attached) return Broken("plate_formats.tsv", i + 1, "state not in states.tsv");
  }
  if (c.states[static_cast<std::size_t>(c.wildcard)].formats.empty())
    return Fail(ErrorCode::Internal, "demo resource lacks '*' plate formats", "plate_formats.tsv");

  auto models = ReadTable("vehicles.tsv", 6);
  if (!models) return models.Err();
  for (std::size_t i = 0; i < models->size(); ++i) {
    const auto& f = (*models)[i];
    const auto first = ToInt(f[3]);
    const auto last = ToInt(f[4]);
    const auto weight = ToInt(f[5]);
    if (!first || !last || !weight || *first > *last || *weight <= 0) return Broken("vehicles.tsv", i + 1, "bad row");
    c.models.push_back({f[0], f[1], f[2], *first, *last, *weight});
  }

  auto colours = ReadTable("colors.tsv", 4);
  if (!colours) return colours.Err();
  for (std::size_t i = 0; i < colours->size(); ++i) {
    const auto& f = (*colours)[i];
    const auto weight = ToInt(f[1]);
    const auto rgb = ToRgb(f[2]);
    if (!weight || *weight <= 0 || !rgb) return Broken("colors.tsv", i + 1, "bad row");
    c.colours.push_back({f[0], *weight, *rgb, {}});
  }
  for (std::size_t i = 0; i < colours->size(); ++i) {
    for (const auto& name : Split((*colours)[i][3], ',')) {
      const auto it =
          std::find_if(c.colours.begin(), c.colours.end(), [&](const VehicleColour& v) { return v.name == name; });
      if (it == c.colours.end()) return Broken("colors.tsv", i + 1, "unknown similar colour");
      c.colours[i].similar.push_back(static_cast<int>(it - c.colours.begin()));
    }
  }

  auto sites = ReadSites("sites.tsv", true);
  if (!sites) return sites.Err();
  c.sites = std::move(*sites);
  auto portable = ReadSites("portable_sites.tsv", false);
  if (!portable) return portable.Err();
  c.portableSites = std::move(*portable);

  auto routes = ReadTable("patrol_routes.tsv", 3);
  if (!routes) return routes.Err();
  for (std::size_t i = 0; i < routes->size(); ++i) {
    const auto& f = (*routes)[i];
    PatrolRoute r{f[0], f[1], {}};
    for (const auto& point : Split(f[2], ';')) {
      const auto parts = Split(Trim(point), ' ');
      if (parts.size() != 2) return Broken("patrol_routes.tsv", i + 1, "bad waypoint");
      const auto lat = ToDouble(parts[0]);
      const auto lon = ToDouble(parts[1]);
      if (!lat || !lon) return Broken("patrol_routes.tsv", i + 1, "bad waypoint");
      r.points.push_back({*lat, *lon});
    }
    if (r.points.size() < 2) return Broken("patrol_routes.tsv", i + 1, "a route needs two points");
    c.patrolRoutes.push_back(std::move(r));
  }

  auto traffic = ReadTable("traffic.tsv", 3);
  if (!traffic) return traffic.Err();
  if (traffic->size() != 24) return Fail(ErrorCode::Internal, "demo traffic needs 24 hours", "traffic.tsv");
  for (std::size_t i = 0; i < 24; ++i) {
    const auto& f = (*traffic)[i];
    const auto hour = ToInt(f[0]);
    const auto weekday = ToInt(f[1]);
    const auto weekend = ToInt(f[2]);
    if (!hour || *hour != static_cast<int>(i) || !weekday || !weekend || *weekday <= 0 || *weekend <= 0)
      return Broken("traffic.tsv", i + 1, "bad row");
    c.weekdayTraffic[i] = *weekday;
    c.weekendTraffic[i] = *weekend;
  }
  return c;
}

}  // namespace platedesk::demo
