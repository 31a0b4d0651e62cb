// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/RunAsync.h"

#include "platedesk/map/Tiles.h"
#include "platedesk/store/Types.h"

#include <wx/bitmap.h>
#include <wx/window.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

class wxDC;
class wxMemoryDC;

namespace platedesk::views {

/// A map in Web Mercator, north up: the agency's base map (tiles fetched on a worker from the
/// map::TileProvider, decoded there and kept in memory only, the most recently drawn kCachedTiles;
/// while a tile loads, a coarser one already held stands in), or without one a scale grid; the
/// markers (cameras, with the number of results at each), the Near circle, a scale bar and the
/// base map's credit. Drag pans; the wheel, double-click and +/- zoom; Shift+drag draws a circle
/// and the context menu's "Search near here" centres one on the point (both call OnCircle);
/// double-clicking a marker calls OnMarker. Tiles that fail are not asked for again for a minute;
/// tiles the source does not have are drawn blank (no failure); after the server did not answer,
/// no tile is asked for for 10 s. The failure shows in the corner and the markers stay. GUI thread only.
class MapView : public wxWindow {
 public:
  static constexpr std::size_t kCachedTiles = 192;

  struct Marker {
    map::LatLon at;
    wxString label;
    std::size_t hits = 0;  ///< results at this place; 0 = a camera with none
    store::CameraId camera = 0;
    bool highlight = false;  ///< the one place this view is about (a read's camera): red, named, on top
  };
  struct Circle {
    map::LatLon centre;
    double km = 1;
  };

  MapView(wxWindow* parent, AsyncJobs& jobs, const wxString& name = wxS("map"));
  ~MapView() override;
  MapView(const MapView&) = delete;
  MapView& operator=(const MapView&) = delete;

  /// The base map (null: the scale grid) and the credit drawn in the corner.
  void SetTiles(std::shared_ptr<map::TileProvider> tiles, const wxString& credit);
  /// Why there is no base map (drawn in the corner until tiles arrive); empty clears it.
  void SetProblem(const wxString& problem);
  void SetMarkers(std::vector<Marker> markers);
  /// Centres and zooms so that the markers with results (every marker when none has any) and
  /// the circle are in view.
  void FitToMarkers();
  void SetCircle(std::optional<Circle> circle);
  void SetView(map::LatLon centre, int zoom);
  /// Zooms in (steps > 0) or out, keeping the point under `about` (default: the middle) in place.
  void ZoomBy(int steps, std::optional<wxPoint> about = std::nullopt);
  void SetOnCircle(std::function<void(const Circle&)> fn) { mOnCircle = std::move(fn); }
  void SetOnMarker(std::function<void(const Marker&)> fn) { mOnMarker = std::move(fn); }

  [[nodiscard]] int Zoom() const { return mZoom; }
  [[nodiscard]] map::LatLon Centre() const;
  [[nodiscard]] wxPoint ToPixel(map::LatLon at) const;
  [[nodiscard]] map::LatLon ToLatLon(wxPoint p) const;
  [[nodiscard]] const std::vector<Marker>& Markers() const { return mMarkers; }
  [[nodiscard]] const std::optional<Circle>& CircleShown() const { return mCircle; }
  [[nodiscard]] bool HasTiles() const { return mTiles != nullptr; }
  /// Tiles drawn at the view's own zoom in the last drawing; tiles held; the corner's problem.
  [[nodiscard]] std::size_t TilesDrawn() const { return mTilesDrawn; }
  [[nodiscard]] std::size_t TilesCached() const { return mCache.size(); }
  [[nodiscard]] wxString Problem() const { return mProblem; }
  /// The view as it is painted, drawn into a bitmap of its client size (tests, screenshots).
  [[nodiscard]] wxBitmap Snapshot();

 private:
  struct Fetcher;
  enum class TileOutcome { Drawn, Absent, Unreachable, Failed };
  struct Cached {
    wxBitmap bitmap;
    std::uint64_t used = 0;
  };
  void Draw(wxMemoryDC& dc);
  void DrawTiles(wxDC& dc, std::vector<map::TileKey>& missing);
  void DrawGrid(wxDC& dc);
  void DrawOverlay(wxMemoryDC& dc);
  void Request(std::vector<map::TileKey> missing);
  void Arrived(map::TileKey key, TileOutcome outcome, const wxImage* image, const wxString& problem);
  [[nodiscard]] const Marker* MarkerAt(wxPoint p) const;
  [[nodiscard]] double PixelsPerWorld() const;
  [[nodiscard]] double KmPerPixel() const;
  [[nodiscard]] double KmPerPixelAt(double lat) const;
  [[nodiscard]] int MaxZoom() const;
  void ShowContextMenu(wxPoint at);

  AsyncJobs& mJobs;
  std::shared_ptr<Fetcher> mFetcher;
  std::shared_ptr<map::TileProvider> mTiles;
  wxString mCredit;
  wxString mProblem;
  std::map<map::TileKey, Cached> mCache;
  std::map<map::TileKey, std::int64_t> mFailedAt;  // steady-clock ms
  std::set<map::TileKey> mAbsent;                  // the source has no such tile: drawn blank
  std::int64_t mBackOffUntil = 0;                  // steady-clock ms: no fetch until then
  std::uint64_t mFrameStart = 0;                   // the use count of the frame being drawn
  std::uint64_t mUseCounter = 0;
  std::size_t mTilesDrawn = 0;
  std::vector<Marker> mMarkers;
  std::optional<Circle> mCircle;
  map::World mCentre{0.5, 0.5};
  int mZoom = 2;
  // A drag in progress: panning, or drawing a circle (Shift held at the press).
  std::optional<wxPoint> mPressAt;
  map::World mCentreAtPress;
  bool mDrawing = false;
  std::optional<Circle> mDrawn;
  std::function<void(const Circle&)> mOnCircle;
  std::function<void(const Marker&)> mOnMarker;
};

}  // namespace platedesk::views
