// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 16, "a map": the Search page's map over a base map the agency configures (setting
// map_tiles, set by the demo administrator through the facade), served by a real HTTP server on
// loopback; tiles are fetched on a worker, kept in memory and not asked for twice; the results are
// counted per camera; a circle drawn with Shift+drag becomes the query's Near filter; a failing or
// hostile tile server leaves the markers and says why; without a source the map is a scale grid.
// Leaves gui-search-map.png in <build>/screenshots (ScreenshotPath).
#include "DemoStorageFixture.h"
#include "GuiTestSupport.h"
#include "views/MainFrame.h"
#include "views/MapView.h"
#include "views/ReadDetailDialog.h"
#include "views/SearchPanel.h"
#include "views/SearchResultsList.h"
#include "views/support/ImageDecode.h"
#include "views/support/Strings.h"

#include "platedesk/testsupport/TileServer.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <wx/checkbox.h>
#include <wx/image.h>
#include <wx/mstream.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

namespace platedesk::views {
namespace {

using namespace platedesk::tests;
using namespace std::chrono_literals;
using testsupport::TileServer;

constexpr char kAdministrator[] = "administrator";
constexpr char kAdministratorPassword[] = "Orca-Tide-Station-9";
constexpr char kCase[] = "26-004512";
constexpr char kPurpose[] = "INV-PROPERTY";
constexpr char kJustification[] = "Burglary at 5th Ave, grey sedan seen leaving";
const wxColour kLand(0xe4, 0xee, 0xda);
const wxColour kWater(0xd2, 0xe3, 0xf1);
// The test server's tiles are a checkerboard: land where x + y is even, water where it is odd.
const wxColour& TileColour(int x, int y) { return (x + y) % 2 == 0 ? kLand : kWater; }

struct MapDemo : DemoStorageFixture {
  MapDemo() : DemoStorageFixture("platedesk-gui-map", 400, 6, 3, 11) {
    BOOST_REQUIRE(Open()
                      ->BootstrapUser(kAdministrator, store::Role::Administrator, kAdministratorPassword,
                                      "Alex Moreau (demo administrator)", true)
                      .Ok());
  }
  // The agency's base map, as an administrator sets it.
  void SetBaseMap(const std::string& tiles, const std::string& credit) const {
    auto ws = Open();
    auto admin = Login(*ws, kAdministrator, kAdministratorPassword);
    auto set = admin->SetSetting("map_tiles", tiles);
    BOOST_REQUIRE_MESSAGE(set.Ok(), (set.Ok() ? "" : set.Err().ToString()));
    BOOST_REQUIRE(admin->SetSetting("map_attribution", credit).Ok());
    BOOST_REQUIRE(admin->Logout().Ok());
  }
};

const MapDemo& Demo() {
  static const MapDemo demo;
  return demo;
}

std::string Png(const wxColour& colour, int side = 256) {
  wxImage image(side, side);
  image.SetRGB(wxRect(0, 0, side, side), colour.Red(), colour.Green(), colour.Blue());
  wxMemoryOutputStream out;
  BOOST_REQUIRE(image.SaveFile(out, wxBITMAP_TYPE_PNG));
  std::string bytes(out.GetLength(), '\0');
  out.CopyTo(bytes.data(), bytes.size());
  return bytes;
}

struct Window {
  std::shared_ptr<workstation::Workstation> workstation = Demo().Open();
  AsyncJobs jobs;
  MainFrame* frame = nullptr;
  SearchPanel* panel = nullptr;
  MapView* map = nullptr;

  Window() {
    EnsureImageHandlers();
    frame = new MainFrame(workstation, Demo().Login(*workstation), Demo().clock, jobs, MainFrameActions{});
    frame->SetSize(frame->FromDIP(wxSize(1366, 768)));
    frame->Show();
    BOOST_REQUIRE(ShowSection(frame, wxS("Search")));
    panel = FindNamed<SearchPanel>(frame, wxS("searchPanel"));
    BOOST_REQUIRE(panel != nullptr);
    PumpFor(200ms);
    // Map, as the user ticks it.
    auto* show = FindNamed<wxCheckBox>(panel, wxS("searchShowMap"));
    BOOST_REQUIRE(show != nullptr);
    show->SetValue(true);
    wxCommandEvent toggle(wxEVT_CHECKBOX, show->GetId());
    toggle.SetEventObject(show);
    toggle.SetInt(1);
    show->ProcessWindowEvent(toggle);
    map = panel->Map();
    BOOST_REQUIRE(map != nullptr);
    PumpFor(200ms);
    BOOST_TEST(map->IsShownOnScreen());
    BOOST_TEST(!panel->Results()->IsShown());
  }
  ~Window() {
    if (frame != nullptr) frame->Close(true);
    PumpUntil([] { return wxTopLevelWindows.empty(); }, 10s);
    jobs.JoinAll();
  }
  // Draws until the tiles of the view are in (or the time is up); true when every one was drawn.
  bool TilesIn() const {
    return PumpUntil(
        [&] {
          (void)map->Snapshot();  // draws, and asks for the tiles it lacks
          return map->HasTiles() && map->TilesDrawn() > 0 &&
                 map->TilesDrawn() == map::TilesCovering(map::Project(map->Centre()), map->Zoom(),
                                                         map->GetClientSize().x, map->GetClientSize().y)
                                          .size();
        },
        20s);
  }
  void Search() const {
    Type(panel, wxS("accessCase"), wxString::FromUTF8(kCase));
    Pick(panel, wxS("accessPurpose"), [](const wxString& s) { return s.Contains(wxString::FromUTF8(kPurpose)); });
    Type(panel, wxS("accessJustification"), wxString::FromUTF8(kJustification));
    Pick(panel, wxS("searchTime"), [](const wxString& s) { return s == wxS("Any time"); });
    Type(panel, wxS("searchPlate"), wxString::FromUTF8(Demo().plate.substr(0, 3)) + wxS("*"));
    BOOST_REQUIRE(panel->StartSearch());
    BOOST_REQUIRE(PumpUntil([&] { return !panel->IsSearching(); }, 60s));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(MapGuiTest)

BOOST_AUTO_TEST_CASE(TheMapDrawsTheAgencysTilesCountsTheResultsAndSetsNear) {
  std::set<std::string> bad;
  TileServer server([&](const std::string& path) {
    static const std::regex kTile(R"(/tiles/(\d+)/(\d+)/(\d+)\.png)");
    std::smatch m;
    if (!std::regex_match(path, m, kTile)) return TileServer::Answer{404, "text/plain", "no"};
    return TileServer::Answer{200, "image/png", Png(TileColour(std::stoi(m[2]), std::stoi(m[3])))};
  });
  Demo().SetBaseMap(server.Url("/tiles/{z}/{x}/{y}.png"), "Test tiles on loopback");
  Window w;
  // Every camera is on the map before any search, none with results; the view fits them.
  BOOST_TEST(w.map->Markers().size() == 6U);
  for (const auto& m : w.map->Markers()) BOOST_TEST(m.hits == 0U);
  BOOST_REQUIRE(w.TilesIn());
  BOOST_TEST(w.map->Problem().empty());
  // The tiles are the server's, each in its place: a point shows the colour of the tile it lies in.
  const wxImage drawn = w.map->Snapshot().ConvertToImage();
  const double side = std::ldexp(1.0, w.map->Zoom());
  // Points near the edges, clear of the markers (the view keeps them 30 px in) and the corner boxes;
  // a point within 2 px of a tile's edge moves off it (which tile a boundary pixel shows is rounding).
  for (wxPoint p : {wxPoint(6, 6), wxPoint(drawn.GetWidth() / 3, 6), wxPoint(drawn.GetWidth() - 90, 6),
                    wxPoint(6, drawn.GetHeight() / 2)}) {
    auto nearEdge = [&](double tiles) { return std::abs(tiles - std::round(tiles)) * map::kTileSize < 2; };
    map::World world = map::Project(w.map->ToLatLon(p));
    while (nearEdge(world.x * side) || nearEdge(world.y * side)) {
      p += wxPoint(4, 4);
      world = map::Project(w.map->ToLatLon(p));
    }
    const wxColour expected = TileColour(static_cast<int>(world.x * side), static_cast<int>(world.y * side));
    BOOST_TEST(wxColour(drawn.GetRed(p.x, p.y), drawn.GetGreen(p.x, p.y), drawn.GetBlue(p.x, p.y)) == expected,
               "at " << p.x << "," << p.y);
  }
  // Each tile once, at the view's zoom, in the server's numbering; drawing again asks for none.
  BOOST_REQUIRE(PumpUntil([&] { return w.jobs.Running() == 0; }, 10s));
  const auto requests = w.map->TilesCached();
  const auto asked = server.Requests();
  BOOST_TEST(asked.size() == requests);
  for (const auto& path : asked) BOOST_TEST(path.rfind("/tiles/" + std::to_string(w.map->Zoom()) + "/", 0) == 0U, path);
  for (int i = 0; i < 5; ++i) (void)w.map->Snapshot();
  PumpFor(300ms);
  BOOST_TEST(server.Requests().size() == asked.size());

  // Zooming in asks for the new zoom's tiles; the coarser ones stand in meanwhile.
  const int zoom = w.map->Zoom();
  w.map->ZoomBy(1);
  BOOST_REQUIRE(w.TilesIn());
  BOOST_TEST(w.map->Zoom() == zoom + 1);

  // A search: its results are counted at their cameras.
  w.Search();
  const std::size_t rows = w.panel->Results()->HitCount();
  BOOST_REQUIRE(rows > 0U);
  std::size_t counted = 0;
  for (const auto& m : w.map->Markers()) counted += m.hits;
  BOOST_TEST(counted == rows);
  // The view moved to the results: each place with results is on screen.
  for (const auto& m : w.map->Markers()) {
    if (m.hits == 0) continue;
    const wxPoint at = w.map->ToPixel(m.at);
    BOOST_TEST((at.x >= 0 && at.y >= 0 && at.x < w.map->GetClientSize().x && at.y < w.map->GetClientSize().y),
               FromWx(m.label));
  }

  // A read's detail shows its camera's place on the same base map, the camera named and on top.
  w.panel->OpenDetail(0);
  auto* detail = dynamic_cast<ReadDetailDialog*>(wxWindow::FindWindowByName(wxS("readDetail")));
  BOOST_REQUIRE(detail != nullptr);
  BOOST_REQUIRE(PumpUntil([&] { return detail->IsLoaded(); }, 20s));
  MapView* place = detail->Place();
  BOOST_REQUIRE(place != nullptr);
  BOOST_TEST(place->HasTiles());
  const auto highlighted = std::count_if(place->Markers().begin(), place->Markers().end(),
                                         [](const MapView::Marker& m) { return m.highlight; });
  BOOST_TEST(highlighted == 1);
  for (const auto& m : place->Markers())
    if (m.highlight) BOOST_TEST(m.camera == detail->ShownRead()->camera);
  BOOST_TEST(PumpUntil(
      [&] {
        (void)place->Snapshot();
        return place->TilesDrawn() > 0;
      },
      20s));
  BOOST_TEST(CaptureWindow(detail).SaveFile(ScreenshotPath(wxS("gui-read-detail-map.png")), wxBITMAP_TYPE_PNG));
  detail->Close(true);
  PumpFor(100ms);

  // Shift+drag draws a circle: it becomes the form's Near filter and the query's.
  const wxSize size = w.map->GetClientSize();
  const wxPoint from(size.x / 2, size.y / 2);
  const wxPoint to(from.x + 80, from.y);
  wxMouseEvent down(wxEVT_LEFT_DOWN);
  down.SetPosition(from);
  down.SetShiftDown(true);
  down.SetLeftDown(true);
  w.map->ProcessWindowEvent(down);
  wxMouseEvent drag(wxEVT_MOTION);
  drag.SetPosition(to);
  drag.SetShiftDown(true);
  drag.SetLeftDown(true);
  w.map->ProcessWindowEvent(drag);
  wxMouseEvent up(wxEVT_LEFT_UP);
  up.SetPosition(to);
  w.map->ProcessWindowEvent(up);
  PumpFor(100ms);
  const map::LatLon centre = w.map->ToLatLon(from);
  const double km = map::DistanceKm(centre, w.map->ToLatLon(to));
  auto query = w.panel->BuildQuery();
  BOOST_REQUIRE(query.Ok());
  BOOST_REQUIRE(query->near.has_value());
  BOOST_TEST(query->near->centre.latitude == centre.lat, boost::test_tools::tolerance(1e-4));
  BOOST_TEST(query->near->centre.longitude == centre.lon, boost::test_tools::tolerance(1e-4));
  BOOST_TEST(query->near->radiusKm == km, boost::test_tools::tolerance(0.01));
  BOOST_TEST(w.panel->StatusText().Contains(wxS("Near set from the map")));
  BOOST_REQUIRE(w.map->CircleShown().has_value());
  // Typing in the form moves the circle the other way.
  Type(w.panel, wxS("searchNearKm"), wxS("2.5"));
  PumpFor(100ms);
  BOOST_REQUIRE(w.map->CircleShown().has_value());
  BOOST_TEST(w.map->CircleShown()->km == 2.5);
  BOOST_REQUIRE(w.TilesIn());
  const wxBitmap shot = CaptureWindow(w.frame);
  BOOST_TEST(shot.SaveFile(ScreenshotPath(wxS("gui-search-map.png")), wxBITMAP_TYPE_PNG));
}

BOOST_AUTO_TEST_CASE(AFailingOrHostileTileServerLeavesTheMarkersAndSaysWhy) {
  for (const auto& [status, body, expected] :
       {std::tuple<int, std::string, std::string>{500, "overloaded", "HTTP 500"},
        {200, "<html>sign in to the proxy</html>", "not a map tile"},
        // A few bytes that claim a 60000 x 60000 image: refused before it is decoded.
        {200, Png(kLand, 8).replace(16, 8, std::string("\x00\x00\xea\x60\x00\x00\xea\x60", 8)), "not a map tile"}}) {
    TileServer server([&](const std::string&) { return TileServer::Answer{status, "image/png", body}; });
    Demo().SetBaseMap(server.Url("/t/{z}/{x}/{y}.png"), "");
    Window w;
    BOOST_TEST_CONTEXT(expected) {
      BOOST_REQUIRE(PumpUntil(
          [&] {
            (void)w.map->Snapshot();
            return !w.map->Problem().empty();
          },
          20s));
      BOOST_TEST(FromWx(w.map->Problem()).find(expected) != std::string::npos, FromWx(w.map->Problem()));
      BOOST_TEST(w.map->Markers().size() == 6U);
      BOOST_TEST(w.map->TilesCached() == 0U);
      // A failed tile is not asked for again straight away.
      BOOST_REQUIRE(PumpUntil([&] { return w.jobs.Running() == 0; }, 20s));
      const auto asked = server.Requests().size();
      for (int i = 0; i < 3; ++i) (void)w.map->Snapshot();
      PumpFor(300ms);
      BOOST_TEST(server.Requests().size() == asked);
    }
  }
}

BOOST_AUTO_TEST_CASE(TilesTheSourceDoesNotHaveAreBlankNotAFailure) {
  // A server that covers one city answers 404 around it: no failure shown, nothing asked twice.
  TileServer server([](const std::string&) { return TileServer::Answer{404, "text/plain", "not here"}; });
  Demo().SetBaseMap(server.Url("/city/{z}/{x}/{y}.png"), "City GIS");
  Window w;
  BOOST_REQUIRE(PumpUntil(
      [&] {
        (void)w.map->Snapshot();
        return w.map->HasTiles() && !server.Requests().empty() && w.jobs.Running() == 0;
      },
      20s));
  PumpFor(200ms);
  (void)w.map->Snapshot();
  BOOST_REQUIRE(PumpUntil([&] { return w.jobs.Running() == 0; }, 20s));
  const auto asked = server.Requests().size();
  for (int i = 0; i < 3; ++i) (void)w.map->Snapshot();
  PumpFor(300ms);
  BOOST_TEST(server.Requests().size() == asked);
  BOOST_TEST(w.map->Problem().empty(), FromWx(w.map->Problem()));
  BOOST_TEST(w.map->TilesCached() == 0U);
}

BOOST_AUTO_TEST_CASE(AnImagesDeclaredSizeIsReadFromItsHeaderAndTruncatedOnesAreRefused) {
  EnsureImageHandlers();
  wxImage image(300, 200);
  for (const auto type : {wxBITMAP_TYPE_PNG, wxBITMAP_TYPE_JPEG}) {
    wxMemoryOutputStream out;
    BOOST_REQUIRE(image.SaveFile(out, type));
    std::string bytes(out.GetLength(), '\0');
    out.CopyTo(bytes.data(), bytes.size());
    const auto size = DeclaredImageSize(bytes);
    BOOST_REQUIRE(size.has_value());
    BOOST_TEST(size->x == 300);
    BOOST_TEST(size->y == 200);
    // Every prefix: a size or nothing, never a read past the end (the sanitizer build checks).
    for (std::size_t n = 0; n < std::min<std::size_t>(bytes.size(), 700); ++n) {
      const auto cut = DeclaredImageSize(std::string_view(bytes).substr(0, n));
      if (cut) BOOST_TEST((cut->x == 300 && cut->y == 200));
    }
  }
  BOOST_TEST(!DeclaredImageSize("<html>not an image</html>").has_value());
  BOOST_TEST(!DeclaredImageSize(std::string("\xff\xd8\xff\xda\x00\x02", 6)).has_value());  // data before a frame
}

BOOST_AUTO_TEST_CASE(WithoutASourceTheMapIsAScaleGridAndAnUnreachableOneSaysSo) {
  Demo().SetBaseMap("", "");
  {
    Window w;
    PumpFor(500ms);
    BOOST_TEST(!w.map->HasTiles());
    BOOST_TEST(w.map->Problem().empty());
    BOOST_TEST(w.map->Markers().size() == 6U);
    BOOST_TEST(DistinctColours(w.map->Snapshot()) >= 4);  // grid, markers, scale bar, text
    BOOST_TEST(CaptureWindow(w.frame).SaveFile(ScreenshotPath(wxS("gui-search-map-grid.png")), wxBITMAP_TYPE_PNG));
  }
  Demo().SetBaseMap("mbtiles:/nonexistent/platedesk/city.mbtiles", "");
  Window w;
  BOOST_REQUIRE(PumpUntil([&] { return !w.map->Problem().empty(); }, 10s));
  BOOST_TEST(w.map->Problem().Contains(wxS("does not exist")));
  BOOST_TEST(!w.map->HasTiles());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
