// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MapView.h"

#include "views/support/ImageDecode.h"
#include "views/support/Strings.h"
#include "views/support/Widgets.h"

#include <wx/control.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/graphics.h>
#include <wx/menu.h>
#include <wx/settings.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <mutex>
#include <numbers>
#include <set>

namespace platedesk::views {

namespace {

constexpr double kEquatorKm = 40075.016686;
constexpr std::int64_t kRetryFailedMs = 60'000;
constexpr std::int64_t kBackOffMs = 10'000;  // after the server did not answer
constexpr int kMinZoom = 1;
constexpr int kLargestTileSide = 1024;  // 512-pixel "retina" tiles are common; larger is refused

std::int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The tile's column drawn nearest the view's centre (the world repeats east and west).
double NearestColumn(int x, double centreTiles, double tilesPerSide) {
  double dx = x - centreTiles;
  while (dx + 0.5 < -tilesPerSide / 2) dx += tilesPerSide;
  while (dx + 0.5 > tilesPerSide / 2) dx -= tilesPerSide;
  return dx;
}

// The largest 1-2-5 length (km) no longer than `limit`.
double NiceKm(double limit) {
  double nice = 0.001;
  for (double base = 0.001; base <= 100000; base *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (base * m <= limit) {
        nice = base * m;
      }
    }
  }
  return nice;
}

wxString KmText(double km) {
  return km >= 1 ? wxString::Format(wxS("%g km"), km) : wxString::Format(wxS("%g m"), km * 1000);
}

}  // namespace

// Shared with the worker: the tiles still wanted, nearest the centre first. One worker at a time.
struct MapView::Fetcher {
  std::mutex mutex;
  std::shared_ptr<map::TileProvider> tiles;
  std::deque<map::TileKey> queue;
  std::set<map::TileKey> busy;  // taken by the worker, not yet applied on the GUI thread
  bool running = false;
  std::stop_source source;  // stopped when the source is replaced: a fetch of the old one ends
};

MapView::MapView(wxWindow* parent, AsyncJobs& jobs, const wxString& name)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE | wxWANTS_CHARS, name),
      mJobs(jobs),
      mFetcher(std::make_shared<Fetcher>()) {
  EnsureImageHandlers();
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(200, 160)));
  Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
    const wxBitmap drawn = Snapshot();  // drawn off screen: the circle's translucent fill needs a memory DC
    wxPaintDC dc(this);
    dc.DrawBitmap(drawn, 0, 0);
  });
  Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
    Refresh();
    e.Skip();
  });
  Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
    SetFocus();
    mPressAt = e.GetPosition();
    mCentreAtPress = mCentre;
    mDrawing = e.ShiftDown() && mOnCircle;  // a view that takes no circle just pans
    mDrawn.reset();
    if (!HasCapture()) {
      CaptureMouse();
    }
  });
  Bind(wxEVT_MOTION, [this](wxMouseEvent& e) {
    if (!mPressAt || !e.LeftIsDown()) {
      const Marker* marker = MarkerAt(e.GetPosition());
      const wxString tip = marker == nullptr ? wxString()
                           : marker->hits == 0
                               ? marker->label
                               : wxString::Format(wxPLURAL("%s: %zu result", "%s: %zu results", marker->hits),
                                                  marker->label, marker->hits);
      if (GetToolTipText() != tip) {
        SetToolTip(tip);
      }
      return;
    }
    const wxPoint now = e.GetPosition();
    if (mDrawing) {
      const map::LatLon centre = ToLatLon(*mPressAt);
      const double km = std::max(0.01, map::DistanceKm(centre, ToLatLon(now)));
      mDrawn = Circle{centre, km};
    } else {
      const double scale = PixelsPerWorld();
      mCentre.x = mCentreAtPress.x - (now.x - mPressAt->x) / scale;
      mCentre.y = std::clamp(mCentreAtPress.y - (now.y - mPressAt->y) / scale, 0.0, 1.0);
      mCentre.x -= std::floor(mCentre.x);
    }
    Refresh();
  });
  Bind(wxEVT_LEFT_UP, [this](wxMouseEvent&) {
    if (HasCapture()) {
      ReleaseMouse();
    }
    mPressAt.reset();
    if (mDrawing && mDrawn) {
      mCircle = mDrawn;
      if (mOnCircle) {
        mOnCircle(*mCircle);
      }
    }
    mDrawing = false;
    mDrawn.reset();
    Refresh();
  });
  Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) {
    mPressAt.reset();
    mDrawing = false;
    mDrawn.reset();
    Refresh();
  });
  Bind(wxEVT_LEFT_DCLICK, [this](wxMouseEvent& e) {
    if (const Marker* marker = MarkerAt(e.GetPosition()); marker != nullptr && mOnMarker) {
      mOnMarker(*marker);
      return;
    }
    ZoomBy(1, e.GetPosition());
  });
  Bind(wxEVT_MOUSEWHEEL, [this](wxMouseEvent& e) {
    if (e.GetWheelRotation() != 0) {
      ZoomBy(e.GetWheelRotation() > 0 ? 1 : -1, e.GetPosition());
    }
  });
  Bind(wxEVT_CONTEXT_MENU, [this](wxContextMenuEvent& e) {
    wxPoint at = e.GetPosition() == wxDefaultPosition ? wxPoint(GetClientSize().x / 2, GetClientSize().y / 2)
                                                      : ScreenToClient(e.GetPosition());
    ShowContextMenu(at);
  });
  Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
    const int step = FromDIP(64);
    const double scale = PixelsPerWorld();
    switch (e.GetKeyCode()) {
      case '+':
      case '=':
      case WXK_NUMPAD_ADD:
        ZoomBy(1);
        return;
      case '-':
      case WXK_NUMPAD_SUBTRACT:
        ZoomBy(-1);
        return;
      case WXK_LEFT:
        mCentre.x -= step / scale;
        break;
      case WXK_RIGHT:
        mCentre.x += step / scale;
        break;
      case WXK_UP:
        mCentre.y = std::max(0.0, mCentre.y - step / scale);
        break;
      case WXK_DOWN:
        mCentre.y = std::min(1.0, mCentre.y + step / scale);
        break;
      default:
        e.Skip();
        return;
    }
    mCentre.x -= std::floor(mCentre.x);
    Refresh();
  });
}

MapView::~MapView() {
  std::lock_guard lock(mFetcher->mutex);
  mFetcher->queue.clear();
  mFetcher->source.request_stop();  // a fetch in flight ends now (the source may be shared); its post is dropped
}

void MapView::SetTiles(std::shared_ptr<map::TileProvider> tiles, const wxString& credit) {
  {
    std::lock_guard lock(mFetcher->mutex);
    mFetcher->tiles = tiles;
    mFetcher->queue.clear();
    mFetcher->busy.clear();
    mFetcher->source.request_stop();
    mFetcher->source = std::stop_source();
  }
  mTiles = std::move(tiles);
  mCredit = credit;
  mCache.clear();
  mFailedAt.clear();
  mAbsent.clear();
  mBackOffUntil = 0;
  mProblem.clear();
  mZoom = std::min(mZoom, MaxZoom());
  Refresh();
}

void MapView::SetProblem(const wxString& problem) {
  mProblem = problem;
  Refresh();
}

void MapView::SetMarkers(std::vector<Marker> markers) {
  mMarkers = std::move(markers);
  Refresh();
}

void MapView::SetCircle(std::optional<Circle> circle) {
  mCircle = circle;
  Refresh();
}

int MapView::MaxZoom() const { return mTiles ? std::clamp(mTiles->MaxZoom(), kMinZoom, map::kMaxZoom) : map::kMaxZoom; }

void MapView::SetView(map::LatLon centre, int zoom) {
  mCentre = map::Project(centre);
  mZoom = std::clamp(zoom, kMinZoom, MaxZoom());
  Refresh();
}

void MapView::FitToMarkers() {
  // The places with results (every place when none has any), and the circle.
  const bool anyHits = std::any_of(mMarkers.begin(), mMarkers.end(), [](const Marker& m) { return m.hits > 0; });
  std::vector<map::World> points;
  for (const Marker& m : mMarkers) {
    if (m.hits > 0 || !anyHits) {
      points.push_back(map::Project(m.at));
    }
  }
  if (mCircle) {
    // The circle's north, south, east and west edges.
    const double dLat = mCircle->km / 110.574;
    const double dLon =
        mCircle->km / (111.320 * std::max(0.01, std::cos(mCircle->centre.lat * std::numbers::pi / 180)));
    for (const auto& [a, b] : {std::pair{dLat, 0.0}, {-dLat, 0.0}, {0.0, dLon}, {0.0, -dLon}}) {
      points.push_back(map::Project({mCircle->centre.lat + a, mCircle->centre.lon + b}));
    }
  }
  if (points.empty()) {
    return;
  }
  double minY = 1, maxY = 0;
  std::vector<double> xs;
  for (const auto& p : points) {
    xs.push_back(p.x);
    minY = std::min(minY, p.y);
    maxY = std::max(maxY, p.y);
  }
  // East-west, the span leaves out the widest gap between places, which may be the one across
  // the antimeridian (the usual case) or not (places on both sides of 180 degrees).
  std::sort(xs.begin(), xs.end());
  double minX = xs.front();
  double maxX = xs.back();
  double widest = xs.front() + 1 - xs.back();
  for (std::size_t i = 1; i < xs.size(); ++i) {
    if (xs[i] - xs[i - 1] > widest) {
      widest = xs[i] - xs[i - 1];
      minX = xs[i];
      maxX = xs[i - 1] + 1;
    }
  }
  mCentre = {(minX + maxX) / 2, (minY + maxY) / 2};
  mCentre.x -= std::floor(mCentre.x);
  const wxSize size = GetClientSize();
  const double usableX = std::max(50, size.x - FromDIP(60));
  const double usableY = std::max(50, size.y - FromDIP(60));
  int zoom = std::min(MaxZoom(), 16);  // one place alone: a street-level view
  while (zoom > kMinZoom && ((maxX - minX) * map::kTileSize * std::ldexp(1.0, zoom) > usableX ||
                             (maxY - minY) * map::kTileSize * std::ldexp(1.0, zoom) > usableY)) {
    --zoom;
  }
  mZoom = zoom;
  Refresh();
}

void MapView::ZoomBy(int steps, std::optional<wxPoint> about) {
  const int zoom = std::clamp(mZoom + steps, kMinZoom, MaxZoom());
  if (zoom == mZoom) {
    return;
  }
  const wxSize size = GetClientSize();
  const wxPoint pivot = about.value_or(wxPoint(size.x / 2, size.y / 2));
  const map::World fixed = map::Project(ToLatLon(pivot));
  mZoom = zoom;
  const double scale = PixelsPerWorld();
  mCentre.x = fixed.x - (pivot.x - size.x / 2.0) / scale;
  mCentre.y = std::clamp(fixed.y - (pivot.y - size.y / 2.0) / scale, 0.0, 1.0);
  mCentre.x -= std::floor(mCentre.x);
  Refresh();
}

map::LatLon MapView::Centre() const { return map::Unproject(mCentre); }

double MapView::PixelsPerWorld() const { return map::kTileSize * std::ldexp(1.0, mZoom); }

double MapView::KmPerPixel() const { return KmPerPixelAt(Centre().lat); }

double MapView::KmPerPixelAt(double lat) const {
  return kEquatorKm * std::cos(lat * std::numbers::pi / 180) / PixelsPerWorld();
}

wxPoint MapView::ToPixel(map::LatLon at) const {
  const map::World w = map::Project(at);
  double dx = w.x - mCentre.x;
  dx -= std::round(dx);  // the nearer way round the world
  const wxSize size = GetClientSize();
  const double scale = PixelsPerWorld();
  return {static_cast<int>(std::lround(size.x / 2.0 + dx * scale)),
          static_cast<int>(std::lround(size.y / 2.0 + (w.y - mCentre.y) * scale))};
}

map::LatLon MapView::ToLatLon(wxPoint p) const {
  const wxSize size = GetClientSize();
  const double scale = PixelsPerWorld();
  map::World w{mCentre.x + (p.x - size.x / 2.0) / scale, mCentre.y + (p.y - size.y / 2.0) / scale};
  w.x -= std::floor(w.x);
  w.y = std::clamp(w.y, 0.0, 1.0);
  return map::Unproject(w);
}

const MapView::Marker* MapView::MarkerAt(wxPoint p) const {
  const Marker* best = nullptr;
  double bestDistance = FromDIP(10);
  for (const Marker& m : mMarkers) {
    const wxPoint at = ToPixel(m.at);
    const double d = std::hypot(at.x - p.x, at.y - p.y);
    if (d <= bestDistance) {
      best = &m;
      bestDistance = d;
    }
  }
  return best;
}

wxBitmap MapView::Snapshot() {
  const wxSize size = GetClientSize();
  wxBitmap bitmap(std::max(1, size.x), std::max(1, size.y), 24);
  {
    wxMemoryDC dc(bitmap);
    Draw(dc);
  }
  return bitmap;
}

void MapView::Draw(wxMemoryDC& dc) {
  const bool dark = wxSystemSettings::GetAppearance().IsDark();
  dc.SetBackground(wxBrush(dark ? wxColour(0x2a, 0x2d, 0x33) : wxColour(0xf3, 0xf5, 0xf8)));
  dc.Clear();
  std::vector<map::TileKey> missing;
  mTilesDrawn = 0;
  if (mTiles) {
    DrawTiles(dc, missing);
  } else {
    DrawGrid(dc);
  }
  DrawOverlay(dc);
  if (!missing.empty()) {
    Request(std::move(missing));
  }
}

void MapView::DrawTiles(wxDC& dc, std::vector<map::TileKey>& missing) {
  const wxSize size = GetClientSize();
  const double tilesPerSide = std::ldexp(1.0, mZoom);
  const double centreX = mCentre.x * tilesPerSide;
  const double centreY = mCentre.y * tilesPerSide;
  const std::int64_t now = SteadyMs();
  mFrameStart = mUseCounter + 1;
  wxMemoryDC source;
  for (const map::TileKey& key : map::TilesCovering(mCentre, mZoom, size.x, size.y)) {
    const int left =
        static_cast<int>(std::floor(size.x / 2.0 + NearestColumn(key.x, centreX, tilesPerSide) * map::kTileSize));
    const int top = static_cast<int>(std::floor(size.y / 2.0 + (key.y - centreY) * map::kTileSize));
    if (auto it = mCache.find(key); it != mCache.end()) {
      it->second.used = ++mUseCounter;
      dc.DrawBitmap(it->second.bitmap, left, top);
      ++mTilesDrawn;
      continue;
    }
    if (auto failed = mFailedAt.find(key);
        !mAbsent.contains(key) && (failed == mFailedAt.end() || now - failed->second > kRetryFailedMs)) {
      missing.push_back(key);
    }
    // A coarser tile already held stands in, enlarged, until this one arrives.
    for (int up = 1; up <= 4 && key.z - up >= 0; ++up) {
      const map::TileKey parent{key.z - up, key.x >> up, key.y >> up};
      auto it = mCache.find(parent);
      if (it == mCache.end()) {
        continue;
      }
      const int part = map::kTileSize >> up;
      const int sx = (key.x & ((1 << up) - 1)) * part;
      const int sy = (key.y & ((1 << up) - 1)) * part;
      source.SelectObjectAsSource(it->second.bitmap);
      dc.StretchBlit(left, top, map::kTileSize, map::kTileSize, &source, sx, sy, part, part);
      source.SelectObject(wxNullBitmap);
      break;
    }
  }
}

void MapView::DrawGrid(wxDC& dc) {
  const wxSize size = GetClientSize();
  const double kmPerPx = KmPerPixel();
  const double spacingKm = NiceKm(size.x / 6.0 * kmPerPx);
  const double spacingPx = spacingKm / kmPerPx;
  if (spacingPx < 4) {
    return;
  }
  const bool dark = wxSystemSettings::GetAppearance().IsDark();
  dc.SetPen(wxPen(dark ? wxColour(0x3a, 0x3e, 0x46) : wxColour(0xe0, 0xe4, 0xea)));
  // Lines through the centre, then every spacing out from it.
  for (int side : {-1, 1}) {
    for (double d = side < 0 ? 0 : spacingPx; d < std::max(size.x, size.y); d += spacingPx) {
      const int x = static_cast<int>(size.x / 2.0 + side * d);
      const int y = static_cast<int>(size.y / 2.0 + side * d);
      dc.DrawLine(x, 0, x, size.y);
      dc.DrawLine(0, y, size.x, y);
    }
  }
}

void MapView::DrawOverlay(wxMemoryDC& dc) {
  const wxSize size = GetClientSize();
  // The Near circle (or the one being drawn), translucent over the map.
  if (const auto& circle = mDrawn ? mDrawn : mCircle; circle) {
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (gc) {
      const wxPoint centre = ToPixel(circle->centre);
      const double radius = circle->km / KmPerPixelAt(circle->centre.lat);  // Mercator: scale by latitude
      gc->SetPen(wxPen(wxColour(0x15, 0x65, 0xc0), FromDIP(2)));
      gc->SetBrush(wxBrush(wxColour(0x15, 0x65, 0xc0, 0x30)));
      gc->DrawEllipse(centre.x - radius, centre.y - radius, 2 * radius, 2 * radius);
    }
  }
  // Cameras without results first, then the results on top, biggest last.
  std::vector<const Marker*> order;
  for (const Marker& m : mMarkers) {
    order.push_back(&m);
  }
  std::stable_sort(order.begin(), order.end(), [](const Marker* a, const Marker* b) {
    return std::pair(a->highlight, a->hits) < std::pair(b->highlight, b->hits);
  });
  dc.SetFont(GetFont().Smaller().Bold());
  for (const Marker* m : order) {
    const wxPoint at = ToPixel(m->at);
    if (at.x < -20 || at.y < -20 || at.x > size.x + 20 || at.y > size.y + 20) {
      continue;
    }
    if (m->highlight) {
      dc.SetPen(wxPen(wxColour(0xff, 0xff, 0xff), FromDIP(2)));
      dc.SetBrush(wxBrush(wxColour(0xc6, 0x28, 0x28)));
      dc.DrawCircle(at, FromDIP(7));
      continue;
    }
    if (m->hits == 0) {
      dc.SetPen(wxPen(wxColour(0xff, 0xff, 0xff), 1));
      dc.SetBrush(wxBrush(wxColour(0x6b, 0x77, 0x88)));
      dc.DrawCircle(at, FromDIP(4));
      continue;
    }
    const wxString count = wxString::Format(wxS("%zu"), m->hits);
    const wxSize text = dc.GetTextExtent(count);
    const int r = std::max(FromDIP(8), text.x / 2 + FromDIP(4));
    dc.SetPen(wxPen(wxColour(0xff, 0xff, 0xff), FromDIP(2)));
    dc.SetBrush(wxBrush(wxColour(0xc6, 0x28, 0x28)));
    dc.DrawCircle(at, r);
    dc.SetTextForeground(wxColour(0xff, 0xff, 0xff));
    dc.DrawText(count, at.x - text.x / 2, at.y - text.y / 2);
  }
  dc.SetFont(GetFont().Smaller());
  const wxColour ink = wxColour(0x20, 0x24, 0x2a);
  const wxColour paper = wxColour(0xff, 0xff, 0xff);
  // Names beside the places while few are in view (a map without labels is only dots), each where
  // it does not cover a name already written.
  std::vector<wxRect> written;
  for (const Marker& m : mMarkers) {
    if (m.highlight) {  // no other name over the one place this view is about
      const wxPoint at = ToPixel(m.at);
      written.emplace_back(at.x - FromDIP(8), at.y - FromDIP(8), FromDIP(16), FromDIP(16));
    }
  }
  std::size_t inView = 0;
  for (const Marker& m : mMarkers) {
    const wxPoint at = ToPixel(m.at);
    inView += at.x >= 0 && at.y >= 0 && at.x < size.x && at.y < size.y ? 1 : 0;
  }
  if (inView <= 30 || std::any_of(mMarkers.begin(), mMarkers.end(), [](const Marker& m) { return m.highlight; })) {
    dc.SetTextForeground(wxSystemSettings::GetAppearance().IsDark() && !mTiles ? wxColour(0xd0, 0xd4, 0xda)
                                                                               : wxColour(0x3a, 0x40, 0x4a));
    for (auto it = order.rbegin(); it != order.rend(); ++it) {  // the places with most results first
      const Marker* m = *it;
      if (inView > 30 && !m->highlight) {
        continue;  // many places: only the one this view is about is named
      }
      const wxPoint at = ToPixel(m->at);
      const wxSize text = dc.GetTextExtent(m->label);
      wxRect box(at.x + FromDIP(m->hits > 0 || m->highlight ? 12 : 7), at.y - text.y / 2, text.x, text.y);
      if (m->highlight && box.GetRight() > size.x) {
        box.x = at.x - FromDIP(12) - text.x;  // the one that matters goes left when it does not fit
      }
      if (box.GetRight() > size.x || box.x < 0 || box.y < 0 || box.GetBottom() > size.y ||
          std::any_of(written.begin(), written.end(), [&](const wxRect& r) { return r.Intersects(box); })) {
        continue;
      }
      written.push_back(box);
      dc.DrawText(m->label, box.GetPosition());
    }
  }
  // Scale bar, bottom left, on a light box so that it reads over any map.
  const double kmPerPx = KmPerPixel();
  const double barKm = NiceKm(size.x / 5.0 * kmPerPx);
  const int barPx = static_cast<int>(barKm / kmPerPx);
  const wxString label = KmText(barKm);
  const wxSize labelSize = dc.GetTextExtent(label);
  const int x0 = FromDIP(10);
  const int y0 = size.y - FromDIP(12);
  dc.SetPen(*wxTRANSPARENT_PEN);
  dc.SetBrush(wxBrush(paper));
  dc.DrawRectangle(x0 - FromDIP(4), y0 - labelSize.y / 2 - FromDIP(4), barPx + labelSize.x + FromDIP(16),
                   labelSize.y + FromDIP(8));
  dc.SetPen(wxPen(ink, FromDIP(2)));
  dc.DrawLine(x0, y0, x0 + barPx, y0);
  dc.DrawLine(x0, y0 - FromDIP(4), x0, y0 + 1);
  dc.DrawLine(x0 + barPx, y0 - FromDIP(4), x0 + barPx, y0 + 1);
  dc.SetTextForeground(ink);
  dc.DrawText(label, x0 + barPx + FromDIP(6), y0 - labelSize.y / 2);
  // North, top right.
  const wxString north = wxS("N \u2191");
  const wxSize northSize = dc.GetTextExtent(north);
  dc.SetBrush(wxBrush(paper));
  dc.SetPen(*wxTRANSPARENT_PEN);
  dc.DrawRectangle(size.x - northSize.x - FromDIP(12), FromDIP(4), northSize.x + FromDIP(8), northSize.y + FromDIP(4));
  dc.DrawText(north, size.x - northSize.x - FromDIP(8), FromDIP(6));
  // The credit, or why there is no base map, bottom right.
  const wxString corner = !mProblem.empty()  ? mProblem
                          : !mCredit.empty() ? mCredit
                          : mTiles           ? wxString()
                                   : wxString::Format(_("No base map: positions on a scale grid, lines %s apart"),
                                                      KmText(NiceKm(size.x / 6.0 * KmPerPixel())));
  if (!corner.empty()) {
    const int room = std::max(FromDIP(80), size.x - (barPx + labelSize.x + FromDIP(40)));
    const wxString shown = wxControl::Ellipsize(corner, dc, wxELLIPSIZE_END, room);
    const wxSize cornerSize = dc.GetTextExtent(shown);
    dc.SetBrush(wxBrush(wxColour(0xff, 0xff, 0xff, 0xd0)));
    dc.DrawRectangle(size.x - cornerSize.x - FromDIP(8), size.y - cornerSize.y - FromDIP(4), cornerSize.x + FromDIP(8),
                     cornerSize.y + FromDIP(4));
    dc.SetTextForeground(mProblem.empty() ? ink : wxColour(0xb0, 0x20, 0x20));
    dc.DrawText(shown, size.x - cornerSize.x - FromDIP(4), size.y - cornerSize.y - FromDIP(2));
  }
}

void MapView::Request(std::vector<map::TileKey> missing) {
  if (SteadyMs() < mBackOffUntil) {
    return;  // the server did not answer a moment ago: not every tile of the view in turn
  }
  bool start = false;
  {
    std::lock_guard lock(mFetcher->mutex);
    mFetcher->queue.clear();  // only what the view needs now, and nothing already on its way
    for (const map::TileKey& key : missing) {
      if (!mFetcher->busy.contains(key)) {
        mFetcher->queue.push_back(key);
      }
    }
    if (!mFetcher->running && mFetcher->tiles) {
      mFetcher->running = true;
      start = true;
    }
  }
  if (!start) {
    return;
  }
  mJobs.Start([fetcher = mFetcher, post = GuiPost(this), this](std::stop_token stop) {
    for (;;) {
      map::TileKey key;
      std::shared_ptr<map::TileProvider> tiles;
      std::stop_source source;
      {
        std::lock_guard lock(fetcher->mutex);
        if (fetcher->queue.empty() || stop.stop_requested() || !fetcher->tiles) {
          fetcher->running = false;
          return;
        }
        key = fetcher->queue.front();
        fetcher->queue.pop_front();
        fetcher->busy.insert(key);
        tiles = fetcher->tiles;
        source = fetcher->source;
      }
      // Stops when the application closes, or when the view's source is replaced.
      const std::stop_callback closing(stop, [source]() mutable { source.request_stop(); });
      auto bytes = tiles->Fetch(key, source.get_token());
      // Decoded here, handed over whole: only the GUI thread touches the image after the post (a
      // wxImage's reference count is not atomic).
      std::shared_ptr<const wxImage> image;
      wxString problem;
      TileOutcome outcome = TileOutcome::Drawn;
      if (!bytes) {
        if (bytes.Err().code == ErrorCode::Cancelled) {
          std::lock_guard lock(fetcher->mutex);
          fetcher->busy.erase(key);
          continue;
        }
        outcome = bytes.Err().code == ErrorCode::NotFound ? TileOutcome::Absent
                  : bytes.Err().code == ErrorCode::Io     ? TileOutcome::Unreachable
                                                          : TileOutcome::Failed;
        problem = wxString::Format(_("Map tiles could not be loaded: %s"), ToWx(bytes.Err().message));
      } else if (const auto declared = DeclaredImageSize(*bytes);
                 !declared || declared->x > kLargestTileSide || declared->y > kLargestTileSide) {
        outcome = TileOutcome::Failed;
        problem = _("Map tiles could not be loaded: the tile server sent something that is not a map tile");
      } else if (auto decoded = DecodeImage(*bytes); !decoded) {
        outcome = TileOutcome::Failed;
        problem = _("Map tiles could not be loaded: a tile is not a PNG or JPEG image");
      } else {
        if (decoded->GetWidth() != map::kTileSize || decoded->GetHeight() != map::kTileSize) {
          decoded->Rescale(map::kTileSize, map::kTileSize, wxIMAGE_QUALITY_HIGH);
        }
        image = std::make_shared<const wxImage>(std::move(*decoded));
      }
      post.Post([this, tiles, key, image, problem, outcome] {
        if (tiles == mTiles) {  // not a tile of a source replaced meanwhile
          Arrived(key, outcome, image.get(), problem);
        }
      });
    }
  });
}

void MapView::Arrived(map::TileKey key, TileOutcome outcome, const wxImage* image, const wxString& problem) {
  {
    std::lock_guard lock(mFetcher->mutex);
    mFetcher->busy.erase(key);
  }
  if (mFailedAt.size() > 4096) {
    mFailedAt.clear();  // bounded: what failed long ago may be asked for again
  }
  switch (outcome) {
    case TileOutcome::Absent:
      // Outside what the source covers (a city's MBTiles file zoomed out): blank, not a failure.
      if (mAbsent.size() > 4096) {
        mAbsent.clear();
      }
      mAbsent.insert(key);
      Refresh();
      return;
    case TileOutcome::Unreachable:
      mBackOffUntil = SteadyMs() + kBackOffMs;
      [[fallthrough]];
    case TileOutcome::Failed:
      mFailedAt[key] = SteadyMs();
      mProblem = problem;
      Refresh();
      return;
    case TileOutcome::Drawn:
      break;
  }
  mFailedAt.erase(key);
  // The least recently drawn tile makes room, never one drawn in the last frame (a view larger
  // than the cache keeps its tiles rather than fetching them again for ever).
  if (mCache.size() >= kCachedTiles) {
    auto oldest = std::min_element(mCache.begin(), mCache.end(),
                                   [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
    if (oldest->second.used < mFrameStart) {
      mCache.erase(oldest);
    }
  }
  mCache[key] = Cached{wxBitmap(*image), ++mUseCounter};
  if (key.z == mZoom) {
    mProblem.clear();  // tiles arrive again
  }
  Refresh();
}

void MapView::ShowContextMenu(wxPoint at) {
  const map::LatLon here = ToLatLon(at);
  wxMenu menu;
  const double current = mCircle ? mCircle->km : 1.0;
  auto* near = new wxMenu;
  std::vector<double> radii{0.25, 0.5, 1, 2, 5};
  if (std::find(radii.begin(), radii.end(), current) == radii.end()) {
    radii.insert(radii.begin(), current);
  }
  int id = wxID_HIGHEST + 1;  // the menu's own ids (it lives for this call only)
  for (double km : radii) {
    ++id;
    near->Append(id, wxString::Format(_("Within %s"), KmText(km)));
    menu.Bind(
        wxEVT_MENU,
        [this, here, km](wxCommandEvent&) {
          mCircle = Circle{here, km};
          if (mOnCircle) {
            mOnCircle(*mCircle);
          }
          Refresh();
        },
        id);
  }
  if (mOnCircle) {
    menu.AppendSubMenu(near, _("Search near here"));
  } else {
    delete near;
  }
  const int fit = ++id;
  menu.Append(fit, _("Show all"));
  menu.Bind(
      wxEVT_MENU, [this](wxCommandEvent&) { FitToMarkers(); }, fit);
  PopupMenu(&menu, at);
}

}  // namespace platedesk::views
