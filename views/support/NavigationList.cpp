// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/NavigationList.h"

#include <wx/dc.h>
#include <wx/settings.h>

namespace platedesk::views {
namespace {

constexpr int kRowHeight = 40;
constexpr int kIconSize = 24;
constexpr int kInset = 8;

wxColour Blend(const wxColour& a, const wxColour& b, double weightOfA) {
  auto mix = [&](unsigned char x, unsigned char y) {
    return static_cast<unsigned char>(x * weightOfA + y * (1.0 - weightOfA) + 0.5);
  };
  return wxColour(mix(a.Red(), b.Red()), mix(a.Green(), b.Green()), mix(a.Blue(), b.Blue()));
}

}  // namespace

NavigationList::NavigationList(wxWindow* parent, const wxString& name)
    : wxVListBox(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxBORDER_NONE, name) {
  SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
}

void NavigationList::AddSection(const wxString& label, const wxBitmapBundle& icon) {
  mSections.push_back(Section{label, icon});
  SetItemCount(mSections.size());
  if (GetSelection() == wxNOT_FOUND) {
    SetSelection(0);
  }
  Refresh();
}

wxString NavigationList::SectionLabel(std::size_t index) const {
  return index < mSections.size() ? mSections[index].label : wxString();
}

wxCoord NavigationList::OnMeasureItem(std::size_t) const { return FromDIP(kRowHeight); }

void NavigationList::OnDrawBackground(wxDC& dc, const wxRect& rect, std::size_t n) const {
  if (!IsSelected(n)) {
    return;
  }
  const wxColour accent = wxSystemSettings::GetColour(wxSYS_COLOUR_HIGHLIGHT);
  const wxColour base = GetBackgroundColour();
  dc.SetPen(*wxTRANSPARENT_PEN);
  dc.SetBrush(wxBrush(Blend(accent, base, HasFocus() ? 0.22 : 0.16)));
  wxRect highlight = rect;
  highlight.Deflate(FromDIP(kInset), FromDIP(3));
  dc.DrawRoundedRectangle(highlight, FromDIP(6));
}

void NavigationList::OnDrawItem(wxDC& dc, const wxRect& rect, std::size_t n) const {
  if (n >= mSections.size()) {
    return;
  }
  const Section& section = mSections[n];
  const int left = rect.x + FromDIP(kInset) + FromDIP(10);
  const wxBitmap icon = section.icon.GetBitmapFor(this);
  if (icon.IsOk()) {
    const wxSize shown = icon.GetLogicalSize();
    dc.DrawBitmap(icon, left, rect.y + (rect.height - shown.y) / 2, true);
  }
  wxFont font = GetFont();
  if (IsSelected(n)) {
    font.MakeBold();
  }
  dc.SetFont(font);
  dc.SetTextForeground(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  const wxSize text = dc.GetTextExtent(section.label);
  dc.DrawText(section.label, left + FromDIP(kIconSize) + FromDIP(12), rect.y + (rect.height - text.y) / 2);
}

}  // namespace platedesk::views
