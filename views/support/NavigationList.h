// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/bmpbndl.h>
#include <wx/vlbox.h>

#include <cstddef>
#include <vector>

namespace platedesk::views {

/// The main window's section list: one row per section (icon and label) with a soft rounded
/// highlight on the selected one. Emits wxEVT_LISTBOX like any list box. GUI thread only.
class NavigationList : public wxVListBox {
 public:
  explicit NavigationList(wxWindow* parent, const wxString& name = wxS("navigation"));

  /// Appends a section; the first one added is selected.
  void AddSection(const wxString& label, const wxBitmapBundle& icon);
  [[nodiscard]] std::size_t SectionCount() const { return mSections.size(); }
  [[nodiscard]] wxString SectionLabel(std::size_t index) const;

 protected:
  void OnDrawItem(wxDC& dc, const wxRect& rect, std::size_t n) const override;
  void OnDrawBackground(wxDC& dc, const wxRect& rect, std::size_t n) const override;
  wxCoord OnMeasureItem(std::size_t n) const override;

 private:
  struct Section {
    wxString label;
    wxBitmapBundle icon;
  };
  std::vector<Section> mSections;
};

}  // namespace platedesk::views
