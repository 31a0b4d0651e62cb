// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/map/Tiles.h"

#include "Internal.h"

#include "platedesk/common/Text.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace platedesk::map {

namespace {

constexpr double kMaxLatitude = 85.0511287798066;
constexpr double kEarthRadiusKm = 6371.0088;

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

void ReplaceAll(std::string& s, std::string_view from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

}  // namespace

Result<TileSource> ParseTileSource(std::string_view setting) {
  const std::string trimmed = Trim(setting);  // a pasted line's newline too
  const std::string_view s = trimmed;
  if (s.empty()) return TileSource{};
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return Fail(ErrorCode::InvalidArgument, "map_tiles has a control character in it");
  constexpr std::string_view kMBTiles = "mbtiles:";
  if (s.starts_with(kMBTiles)) {
    const std::string_view path = s.substr(kMBTiles.size());
    const bool absolute = path.starts_with('/') || (path.size() > 2 && path[1] == ':' &&
                                                    (path[2] == '\\' || path[2] == '/'));  // C:\maps\city.mbtiles
    if (!absolute)
      return Fail(ErrorCode::InvalidArgument,
                  "map_tiles names an MBTiles file by its absolute path, as in mbtiles:/srv/maps/city.mbtiles",
                  std::string(s));
    return TileSource{TileSource::Kind::MBTiles, std::string(path)};
  }
  if (!s.starts_with("https://") && !s.starts_with("http://"))
    return Fail(ErrorCode::InvalidArgument,
                "map_tiles is an http:// or https:// URL template, or mbtiles: and a file's path", std::string(s));
  const std::size_t hostStart = s.find("//") + 2;
  const std::string_view authority = s.substr(hostStart, s.find('/', hostStart) - hostStart);
  if (Contains(authority, "@"))
    return Fail(ErrorCode::InvalidArgument,
                "map_tiles must not carry a user name or password in the URL (every workstation would see it)",
                std::string(s));
  if (authority.empty()) return Fail(ErrorCode::InvalidArgument, "map_tiles names no host", std::string(s));
  const bool xyz = Contains(s, "{z}") && Contains(s, "{x}") && Contains(s, "{y}");
  const bool wmts = Contains(s, "{TileMatrix}") && Contains(s, "{TileCol}") && Contains(s, "{TileRow}");
  if (!xyz && !wmts)
    return Fail(ErrorCode::InvalidArgument,
                "map_tiles names where the tile numbers go: {z}, {x} and {y} (or WMTS {TileMatrix}, {TileCol} and "
                "{TileRow})",
                std::string(s));
  // A placeholder PlateDesk does not fill ({s} for a server, {r}, {-y}) would reach the server as it is.
  const std::string filled = TileUrl(s, {0, 0, 0});
  if (filled.find_first_of("{}") != std::string::npos)
    return Fail(ErrorCode::InvalidArgument,
                "map_tiles has a placeholder PlateDesk does not fill (it fills {z}, {x} and {y}, or {TileMatrix}, "
                "{TileCol} and {TileRow}); name one server instead of {s}",
                std::string(s));
  return TileSource{TileSource::Kind::Url, std::string(s)};
}

std::string TileUrl(std::string_view urlTemplate, TileKey key) {
  std::string url(urlTemplate);
  ReplaceAll(url, "{z}", std::to_string(key.z));
  ReplaceAll(url, "{x}", std::to_string(key.x));
  ReplaceAll(url, "{y}", std::to_string(key.y));
  ReplaceAll(url, "{TileMatrix}", std::to_string(key.z));
  ReplaceAll(url, "{TileCol}", std::to_string(key.x));
  ReplaceAll(url, "{TileRow}", std::to_string(key.y));
  return url;
}

World Project(LatLon where) {
  const double lat = std::clamp(where.lat, -kMaxLatitude, kMaxLatitude) * std::numbers::pi / 180.0;
  const double x = (where.lon + 180.0) / 360.0;
  const double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / std::numbers::pi) / 2.0;
  return {x, y};
}

LatLon Unproject(World w) {
  const double n = std::numbers::pi * (1.0 - 2.0 * w.y);
  return {std::atan(std::sinh(n)) * 180.0 / std::numbers::pi, w.x * 360.0 - 180.0};
}

double DistanceKm(LatLon a, LatLon b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dLat = (b.lat - a.lat) * kRad;
  const double dLon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

std::vector<TileKey> TilesCovering(World centre, int z, int widthPx, int heightPx) {
  std::vector<TileKey> keys;
  if (z < 0 || z > kMaxZoom || widthPx <= 0 || heightPx <= 0 || !std::isfinite(centre.x) || !std::isfinite(centre.y))
    return keys;
  const double tiles = std::ldexp(1.0, z);  // per side
  const double cx = centre.x * tiles;
  const double cy = centre.y * tiles;
  const double halfW = widthPx / 2.0 / kTileSize;
  const double halfH = heightPx / 2.0 / kTileSize;
  const int x0 = static_cast<int>(std::floor(cx - halfW));
  const int x1 = static_cast<int>(std::ceil(cx + halfW)) - 1;  // a tile starting at the edge shows nothing
  const int y0 = std::max(0, static_cast<int>(std::floor(cy - halfH)));
  const int y1 = std::min(static_cast<int>(tiles) - 1, static_cast<int>(std::ceil(cy + halfH)) - 1);
  const int n = static_cast<int>(tiles);
  for (int y = y0; y <= y1; ++y) {
    for (int x = x0; x <= x1 && x - x0 < n; ++x) {
      keys.push_back({z, ((x % n) + n) % n, y});
    }
  }
  auto distance = [&](const TileKey& k) {
    double dx = k.x + 0.5 - cx;
    dx -= std::round(dx / tiles) * tiles;  // the nearer way round
    const double dy = k.y + 0.5 - cy;
    return dx * dx + dy * dy;
  };
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const TileKey& a, const TileKey& b) { return distance(a) < distance(b); });
  return keys;
}

Result<std::unique_ptr<TileProvider>> OpenTiles(const TileSource& source, const FetchLimits& limits) {
  switch (source.kind) {
    case TileSource::Kind::Url:
      return detail::OpenUrlTiles(source.location, limits);
    case TileSource::Kind::MBTiles:
      return detail::OpenMBTiles(source.location, limits);
    case TileSource::Kind::None:
      break;
  }
  return Fail(ErrorCode::InvalidArgument, "no map tile source is configured (setting map_tiles)");
}

}  // namespace platedesk::map
