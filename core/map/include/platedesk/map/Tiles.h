// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <compare>
#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platedesk::map {

/// Tiles are 256 pixels square, zoom 0 (the whole world in one tile) to kMaxZoom.
inline constexpr int kTileSize = 256;
inline constexpr int kMaxZoom = 19;

/// One tile of the XYZ scheme: x east, y south (the MBTiles reader flips y to its TMS rows).
struct TileKey {
  int z = 0;
  int x = 0;
  int y = 0;
  friend auto operator<=>(const TileKey&, const TileKey&) = default;
};

/// Where the agency's base map comes from (setting map_tiles).
struct TileSource {
  enum class Kind { None, Url, MBTiles };
  Kind kind = Kind::None;
  std::string location;  ///< the URL template, or the MBTiles file's path
};

/// Reads a map_tiles setting:
/// - "" (or only blanks): no base map; the views draw positions on a scale grid.
/// - an http:// or https:// URL template naming {z}, {x} and {y} (XYZ), or {TileMatrix},
///   {TileCol} and {TileRow} (a WMTS REST template in the GoogleMapsCompatible matrix set);
/// - "mbtiles:" followed by the absolute path of an MBTiles file of PNG or JPEG tiles.
/// Errors: InvalidArgument saying what is missing (a scheme, a placeholder, an absolute path), or
/// that the URL carries a user name or password (a key belongs in the query string, if anywhere).
[[nodiscard]] Result<TileSource> ParseTileSource(std::string_view setting);

/// The template with the key's numbers in place of its placeholders.
[[nodiscard]] std::string TileUrl(std::string_view urlTemplate, TileKey key);

/// A point in Web Mercator world units: the world is the unit square, x east from 180 W, y south
/// from 85.0511 N (the square's edge; latitudes beyond it are clamped).
struct World {
  double x = 0;
  double y = 0;
};
struct LatLon {
  double lat = 0;
  double lon = 0;
};
[[nodiscard]] World Project(LatLon where);
[[nodiscard]] LatLon Unproject(World w);
/// Great-circle distance in kilometres (haversine on the mean Earth radius).
[[nodiscard]] double DistanceKm(LatLon a, LatLon b);

/// What a view of `widthPx` x `heightPx` pixels centred on `centre` at zoom `z` needs: the tiles
/// that cover it (x wrapped around the antimeridian, rows beyond the poles left out), nearest the
/// centre first, so the middle of the view fills in first.
[[nodiscard]] std::vector<TileKey> TilesCovering(World centre, int z, int widthPx, int heightPx);

/// A source of tile images. Fetch may be called from any thread (calls are serialised).
class TileProvider {
 public:
  virtual ~TileProvider() = default;
  /// The tile's image as stored (PNG or JPEG bytes; the caller decodes and must expect garbage).
  /// Errors: NotFound (the source has no such tile), Io (unreachable, HTTP error status, file
  /// unreadable), Corrupt (larger than the tile limit), Cancelled (stop requested).
  [[nodiscard]] virtual Result<std::string> Fetch(TileKey key, std::stop_token stop) = 0;
  /// The credit the source itself names (MBTiles metadata "attribution"), or "".
  [[nodiscard]] virtual std::string Attribution() const { return {}; }
  /// The deepest zoom the source has (MBTiles metadata "maxzoom"; kMaxZoom for a URL).
  [[nodiscard]] virtual int MaxZoom() const { return kMaxZoom; }
};

struct FetchLimits {
  std::size_t maxTileBytes = 2U * 1024U * 1024U;  ///< a larger answer is refused (Corrupt)
  long connectTimeoutMs = 5000;
  long timeoutMs = 15000;
  std::string userAgent = "PlateDesk";
};

/// Opens a source: a URL source keeps one libcurl handle (kept-alive connection; http and https
/// only, no redirects, certificates verified against the system's store); an MBTiles source opens
/// the file read-only and checks it is one (a `tiles` table; format png or jpg if the metadata
/// says). Errors: InvalidArgument (Kind::None), NotFound (no such file), Unsupported (vector
/// tiles), Corrupt (not an MBTiles file), Io.
[[nodiscard]] Result<std::unique_ptr<TileProvider>> OpenTiles(const TileSource& source, const FetchLimits& limits = {});

}  // namespace platedesk::map
