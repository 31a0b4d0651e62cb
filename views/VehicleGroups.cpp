// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/VehicleGroups.h"

#include "views/support/Strings.h"

#include <wx/dcbuffer.h>
#include <wx/settings.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace platedesk::views {
namespace {

enum GroupColumn : int { kGroupPlate, kGroupState, kGroupSightings, kGroupFirst, kGroupLast, kGroupCameras };

constexpr int kLaneHeight = 22;
constexpr int kMarkRadius = 5;

}  // namespace

std::size_t VehicleGroup::Cameras() const {
  std::set<store::CameraId> cameras;
  for (const auto& h : sightings) cameras.insert(h.camera);
  return cameras.size();
}

std::vector<VehicleGroup> GroupByVehicle(const std::vector<search::Hit>& hits) {
  std::map<std::pair<std::string, std::string>, VehicleGroup> byVehicle;
  for (const auto& h : hits) {
    VehicleGroup& g = byVehicle[{h.plate, h.state}];
    g.plate = h.plate;
    g.state = h.state;
    g.sightings.push_back(h);
  }
  std::vector<VehicleGroup> groups;
  groups.reserve(byVehicle.size());
  for (auto& [key, g] : byVehicle) {
    std::stable_sort(g.sightings.begin(), g.sightings.end(),
                     [](const search::Hit& a, const search::Hit& b) { return a.capturedAt < b.capturedAt; });
    groups.push_back(std::move(g));
  }
  std::stable_sort(groups.begin(), groups.end(), [](const VehicleGroup& a, const VehicleGroup& b) {
    return std::tuple(b.sightings.size(), b.LastSeen(), a.plate) <
           std::tuple(a.sightings.size(), a.LastSeen(), b.plate);
  });
  return groups;
}

VehicleGroupsList::VehicleGroupsList(wxWindow* parent, const wxString& name)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL | wxLC_HRULES,
                 wxDefaultValidator, name) {
  AppendColumn(_("Plate"), wxLIST_FORMAT_LEFT, FromDIP(100));
  AppendColumn(_("State"), wxLIST_FORMAT_LEFT, FromDIP(46));
  AppendColumn(_("Sightings"), wxLIST_FORMAT_RIGHT, FromDIP(80));
  AppendColumn(_("First seen"), wxLIST_FORMAT_LEFT, FromDIP(160));
  AppendColumn(_("Last seen"), wxLIST_FORMAT_LEFT, FromDIP(160));
  AppendColumn(_("Cameras"), wxLIST_FORMAT_RIGHT, FromDIP(70));
  SetMinSize(FromDIP(wxSize(320, 120)));
}

void VehicleGroupsList::SetGroups(std::vector<VehicleGroup> groups) {
  mGroups = std::move(groups);
  DeleteAllItems();
  for (const auto& g : mGroups) {
    const long row = InsertItem(GetItemCount(), ToWx(g.plate));
    SetItem(row, kGroupState, g.state.empty() ? wxString(wxS("?")) : ToWx(g.state));
    SetItem(row, kGroupSightings, FormatCount(static_cast<std::int64_t>(g.sightings.size())));
    SetItem(row, kGroupFirst, FormatLocalMinute(g.FirstSeen()));
    SetItem(row, kGroupLast, FormatLocalMinute(g.LastSeen()));
    SetItem(row, kGroupCameras, FormatCount(static_cast<std::int64_t>(g.Cameras())));
  }
}

const VehicleGroup* VehicleGroupsList::GroupAt(long row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= mGroups.size()) return nullptr;
  return &mGroups[static_cast<std::size_t>(row)];
}

SightingsTimeline::SightingsTimeline(wxWindow* parent, std::map<store::CameraId, wxString> cameraNames,
                                     const wxString& name)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE, name),
      mCameraNames(std::move(cameraNames)) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(320, 90)));
  Bind(wxEVT_PAINT, [this](wxPaintEvent&) { OnPaint(); });
  Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& event) {
    const int reach = FromDIP(kMarkRadius + 2);
    for (std::size_t i = 0; i < mSightings.size(); ++i) {
      const wxPoint p = MarkAt(i);
      if (std::abs(p.x - event.GetX()) <= reach && std::abs(p.y - event.GetY()) <= reach) {
        if (mOpen) mOpen(mSightings[i]);
        return;
      }
    }
  });
  Bind(wxEVT_MOTION, [this](wxMouseEvent& event) {
    const int reach = FromDIP(kMarkRadius + 2);
    wxString tip;
    for (std::size_t i = 0; i < mSightings.size(); ++i) {
      const wxPoint p = MarkAt(i);
      if (std::abs(p.x - event.GetX()) <= reach && std::abs(p.y - event.GetY()) <= reach) {
        const auto camera = mCameraNames.find(mSightings[i].camera);
        tip = FormatLocalTime(mSightings[i].capturedAt) + wxS(" \u00b7 ") +
              (camera == mCameraNames.end() ? wxString() : camera->second) + wxS(" \u00b7 ") + _("click to open");
        break;
      }
    }
    SetToolTip(tip);
  });
}

void SightingsTimeline::SetGroup(const VehicleGroup* group) {
  mSightings = group != nullptr ? group->sightings : std::vector<search::Hit>{};
  mLanes.clear();
  for (const auto& h : mSightings) {
    if (std::find(mLanes.begin(), mLanes.end(), h.camera) == mLanes.end()) mLanes.push_back(h.camera);
  }
  SetMinSize(wxSize(FromDIP(320),
                    FromDIP(kLaneHeight) * static_cast<int>(std::max<std::size_t>(mLanes.size(), 1)) + FromDIP(40)));
  InvalidateBestSize();
  if (GetParent() != nullptr) GetParent()->Layout();
  Refresh();
}

int SightingsTimeline::LaneOf(store::CameraId camera) const {
  return static_cast<int>(std::find(mLanes.begin(), mLanes.end(), camera) - mLanes.begin());
}

int SightingsTimeline::LabelWidth() const {
  int widest = 0;
  for (const auto id : mLanes) {
    const auto it = mCameraNames.find(id);
    if (it != mCameraNames.end()) widest = std::max(widest, GetTextExtent(it->second).x);
  }
  return std::min(widest + FromDIP(12), GetClientSize().x / 3);
}

wxPoint SightingsTimeline::MarkAt(std::size_t i) const {
  const wxSize size = GetClientSize();
  const int left = LabelWidth() + FromDIP(kMarkRadius + 4);
  const int right = size.x - FromDIP(kMarkRadius + 8);
  const UtcMs first = mSightings.front().capturedAt;
  const UtcMs span = mSightings.back().capturedAt - first;
  const double at = span > 0 ? static_cast<double>(mSightings[i].capturedAt - first) / static_cast<double>(span) : 0.5;
  const int x = left + static_cast<int>(at * std::max(0, right - left));
  const int y = FromDIP(8) + LaneOf(mSightings[i].camera) * FromDIP(kLaneHeight) + FromDIP(kLaneHeight) / 2;
  return {x, y};
}

void SightingsTimeline::OnPaint() {
  wxAutoBufferedPaintDC dc(this);
  const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
  const wxColour grey = wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT);
  dc.SetBackground(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
  dc.Clear();
  dc.SetFont(GetFont());
  if (mSightings.empty()) {
    dc.SetTextForeground(grey);
    dc.DrawText(_("Choose a vehicle above to see its sightings in time."), FromDIP(8), FromDIP(8));
    return;
  }
  const wxSize size = GetClientSize();
  const int labels = LabelWidth();
  // A lane per camera, named at the left.
  for (std::size_t lane = 0; lane < mLanes.size(); ++lane) {
    const int y = FromDIP(8) + static_cast<int>(lane) * FromDIP(kLaneHeight) + FromDIP(kLaneHeight) / 2;
    const auto name = mCameraNames.find(mLanes[lane]);
    dc.SetTextForeground(text);
    const wxString label = name == mCameraNames.end() ? wxString() : name->second;
    {
      const wxDCClipper clip(dc, wxRect(0, 0, std::max(0, labels - FromDIP(kMarkRadius + 4)), size.y));
      dc.DrawText(label, FromDIP(4), y - dc.GetCharHeight() / 2);
    }
    dc.SetPen(wxPen(grey, 1, wxPENSTYLE_DOT));
    dc.DrawLine(labels, y, size.x - FromDIP(4), y);
  }
  dc.SetPen(wxPen(text, 1));
  dc.SetBrush(wxBrush(wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT)));
  for (std::size_t i = 0; i < mSightings.size(); ++i) {
    const wxPoint p = MarkAt(i);
    dc.DrawCircle(p, FromDIP(kMarkRadius));
  }
  // The time axis: first and last sighting, local time with the zone.
  const int axis = FromDIP(8) + static_cast<int>(mLanes.size()) * FromDIP(kLaneHeight) + FromDIP(4);
  dc.SetTextForeground(grey);
  const wxString first = FormatLocalMinute(mSightings.front().capturedAt);
  const wxString last = FormatLocalMinute(mSightings.back().capturedAt);
  dc.DrawText(first, labels, axis);
  if (mSightings.size() > 1) {
    dc.DrawText(
        last,
        std::max(labels + dc.GetTextExtent(first).x + FromDIP(16), size.x - dc.GetTextExtent(last).x - FromDIP(4)),
        axis);
  }
}

}  // namespace platedesk::views
