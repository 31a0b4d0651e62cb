// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/search/Query.h"
#include "platedesk/store/Types.h"

#include <wx/bitmap.h>
#include <wx/imaglist.h>
#include <wx/listctrl.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <vector>

namespace platedesk::views {

/// How a result matched, in words: "exact", "OCR at 2, 5", "1 edit", "exact via alternative read
/// ABC1284", "vehicle filters" (no plate pattern). Positions are 1-based.
[[nodiscard]] wxString MatchText(const search::MatchInfo& match);

/// The search results: a virtual list (wxLC_VIRTUAL, so 100,000 rows cost no more than a page),
/// sortable by clicking a column (plate, time, state, camera, vehicle, confidence, match; a second click
/// reverses; the engine's ranking until then), with the columns the user chose in the order chosen, low-confidence rows
/// tinted and labelled, and a plate-crop thumbnail per row that is asked for only when the row is on screen (the owner
/// loads it off the GUI thread and hands it back with SetThumbnail). GUI thread only.
class SearchResultsList : public wxListCtrl {
 public:
  /// The plate comes first: its column carries the plate-crop thumbnail.
  enum Column : int { kPlate, kTime, kState, kCamera, kVehicle, kConfidence, kMatch, kColumnCount };

  SearchResultsList(wxWindow* parent, std::map<store::CameraId, wxString> cameraNames,
                    const wxString& name = wxS("searchResults"));

  /// The columns shown, in their order: Plate always first (it carries the thumbnail), then any of
  /// the others, each once. All of them in the order above by default.
  void SetColumns(std::vector<Column> columns);
  [[nodiscard]] const std::vector<Column>& Columns() const { return mShown; }
  /// A column's heading ("Camera") and its stable key for settings ("camera").
  [[nodiscard]] static wxString ColumnTitle(Column column);
  [[nodiscard]] static const char* ColumnKey(Column column);
  /// "plate,time,camera": the keys, comma-separated; and back (unknown keys are dropped, Plate
  /// comes first whatever the text says).
  [[nodiscard]] static std::string ColumnsText(const std::vector<Column>& columns);
  [[nodiscard]] static std::vector<Column> ParseColumns(const std::string& text);
  /// What hovering over `row` shows: the read's time in the other zone (UTC, or local time when
  /// times are shown in UTC) and its camera.
  [[nodiscard]] wxString RowToolTip(long row) const;
  /// The text of `column` in `row` (display order), whether the column is shown or not.
  [[nodiscard]] wxString CellText(long row, Column column) const;

  /// Replaces the rows (in the engine's ranking) and keeps the current sort; the Camera column
  /// widens to the longest camera name among them.
  void SetHits(std::vector<search::Hit> hits);
  /// The vehicle the camera described for each read (its best colour, make, model and body: "white
  /// Tesla Model 3 sedan"), shown in the Vehicle column; reads not given show a dash.
  void SetVehicles(const std::vector<store::Read>& reads);
  [[nodiscard]] std::size_t HitCount() const { return mHits.size(); }
  /// The rows in the engine's ranking (whatever the sort shown).
  [[nodiscard]] const std::vector<search::Hit>& Hits() const { return mHits; }
  /// The hit shown in `row` (display order).
  [[nodiscard]] const search::Hit& HitAt(long row) const;
  /// The reads of the selected rows (several may be selected), in display order. New rows or a
  /// new sort order clear the selection.
  [[nodiscard]] std::vector<store::ReadId> SelectedReads() const;
  /// Sorts by a column; the engine's ranking breaks ties.
  void SortBy(Column column, bool ascending);
  [[nodiscard]] int SortColumn() const { return mSortColumn; }

  /// Receives read ids of rows on screen that have no thumbnail yet (at most one request in
  /// flight per read); the owner answers with SetThumbnail, or NoThumbnail when there is none.
  void SetThumbnailRequest(std::function<void(std::vector<store::ReadId>)> request) { mRequest = std::move(request); }
  void SetThumbnail(store::ReadId read, const wxBitmap& bitmap);
  void NoThumbnail(store::ReadId read);
  /// Forgets pending requests (a new search, or the loader gave up) so they are asked for again.
  void ResetThumbnailRequests();
  /// Thumbnail size in pixels.
  [[nodiscard]] static wxSize ThumbnailSize();

 protected:
  wxString OnGetItemText(long item, long column) const override;
  int OnGetItemImage(long item) const override;
  wxItemAttr* OnGetItemAttr(long item) const override;

 private:
  void FlushRequests();
  [[nodiscard]] wxString VehicleText(store::ReadId read) const;
  void DeselectAll();

  /// Rebuilds the columns of mShown (widths kept per column).
  void BuildColumns();
  /// Where `column` is shown, or -1.
  [[nodiscard]] int DisplayIndex(Column column) const;
  /// The last column shown takes the width the others leave.
  void FitLastColumn();

  std::vector<Column> mShown;
  std::array<int, kColumnCount> mWidths{};
  std::map<store::CameraId, wxString> mCameraNames;
  std::map<store::ReadId, wxString> mVehicles;  // "white Tesla Model 3 sedan"
  std::vector<search::Hit> mHits;
  std::vector<std::uint32_t> mOrder;  // display row -> index into mHits
  int mSortColumn = -1;
  bool mAscending = true;
  std::unique_ptr<wxImageList> mImages;
  // Thumbnails live in a ring of image-list slots (slot 0 is the blank placeholder), so memory
  // stays bounded however far the user scrolls.
  std::unordered_map<store::ReadId, int> mSlotOf;
  std::vector<store::ReadId> mReadInSlot;
  int mNextSlot = 1;
  mutable std::set<store::ReadId> mRequested;  // asked for, not answered
  mutable std::set<store::ReadId> mNone;       // no plate crop stored
  mutable std::vector<store::ReadId> mPending;
  mutable bool mFlushQueued = false;
  std::function<void(std::vector<store::ReadId>)> mRequest;
  mutable wxItemAttr mLowConfidence;
};

}  // namespace platedesk::views
