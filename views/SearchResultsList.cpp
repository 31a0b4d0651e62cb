// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SearchResultsList.h"

#include "views/support/Strings.h"

#include <wx/datetime.h>
#include <wx/settings.h>

#include <algorithm>
#include <numeric>
#include <string>

namespace platedesk::views {
namespace {

constexpr int kThumbnailSlots = 256;

wxString Positions(const std::vector<int>& positions) {
  wxString out;
  for (int p : positions) {
    out += (out.empty() ? wxString() : wxString(wxS(", "))) + wxString::Format(wxS("%d"), p + 1);
  }
  return out;
}

wxString TimeText(UtcMs t) { return FormatLocalTime(t); }  // with the zone, as every time

}  // namespace

wxString MatchText(const search::MatchInfo& m) {
  wxString text;
  switch (m.kind) {
    case search::MatchKind::NoPattern:
      return _("vehicle filters");
    case search::MatchKind::Exact:
      text = _("exact");
      break;
    case search::MatchKind::OcrEquivalent:
      text = wxString::Format(_("OCR at %s"), Positions(m.ocrPositions));
      break;
    case search::MatchKind::Edited:
      text = wxString::Format(wxPLURAL("%d edit", "%d edits", static_cast<unsigned>(m.edits)), m.edits);
      if (m.ocrSubstitutions > 0) {
        text += wxS(", ") + wxString::Format(_("OCR at %s"), Positions(m.ocrPositions));
      }
      break;
  }
  if (m.candidateRank > 0) {
    text += wxS(" ") + wxString::Format(_("via alternative read %s"), ToWx(m.matchedPlate));
  }
  return text;
}

SearchResultsList::SearchResultsList(wxWindow* parent, std::map<store::CameraId, wxString> cameraNames,
                                     const wxString& name)
    : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxLC_HRULES,
                 wxDefaultValidator, name),
      mCameraNames(std::move(cameraNames)),
      mReadInSlot(kThumbnailSlots, 0) {
  const wxSize thumb = ThumbnailSize();
  mImages = std::make_unique<wxImageList>(thumb.x, thumb.y, false, kThumbnailSlots);
  wxBitmap blank(thumb.x, thumb.y, 24);
  {
    wxImage image(thumb.x, thumb.y);
    const wxColour bg = wxSystemSettings::GetColour(wxSYS_COLOUR_LISTBOX);
    image.SetRGB(wxRect(0, 0, thumb.x, thumb.y), bg.Red(), bg.Green(), bg.Blue());
    blank = wxBitmap(image);
  }
  for (int i = 0; i < kThumbnailSlots; ++i) {
    mImages->Add(blank);
  }
  SetImageList(mImages.get(), wxIMAGE_LIST_SMALL);

  mWidths = {FromDIP(thumb.x + 96), FromDIP(184), FromDIP(46), FromDIP(140), FromDIP(150), FromDIP(92), FromDIP(200)};
  mShown = {kPlate, kTime, kState, kCamera, kVehicle, kConfidence, kMatch};
  BuildColumns();

  // The list scrolls sideways rather than ask the window for the width of all its columns.
  SetMinSize(FromDIP(wxSize(320, 160)));
  // The last column (the match explanation, by default) takes the width left over, so it is not cut
  // off in a narrow window.
  Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    FitLastColumn();
  });
  mLowConfidence.SetBackgroundColour(wxSystemSettings::GetAppearance().IsDark() ? wxColour(0x4a, 0x3b, 0x12)
                                                                                : wxColour(0xfd, 0xf1, 0xd2));
  Bind(wxEVT_LIST_COL_CLICK, [this](wxListEvent& event) {
    const int shown = event.GetColumn();
    if (shown < 0 || static_cast<std::size_t>(shown) >= mShown.size()) {
      return;
    }
    const Column column = mShown[static_cast<std::size_t>(shown)];
    SortBy(column, column == mSortColumn ? !mAscending : true);
  });
  // Hovering over a row: its time in the other zone (UTC on hover, issue 16).
  Bind(wxEVT_MOTION, [this](wxMouseEvent& event) {
    event.Skip();
    int flags = 0;
    const long row = HitTest(event.GetPosition(), flags);
    const wxString tip = row >= 0 ? RowToolTip(row) : wxString();
    if (GetToolTipText() != tip) SetToolTip(tip);
  });
  // A column's width is the user's until the columns change.
  Bind(wxEVT_LIST_COL_END_DRAG, [this](wxListEvent& event) {
    event.Skip();
    CallAfter([this] {
      for (std::size_t i = 0; i + 1 < mShown.size(); ++i) mWidths[mShown[i]] = GetColumnWidth(static_cast<int>(i));
    });
  });
}

wxString SearchResultsList::ColumnTitle(Column column) {
  switch (column) {
    case kPlate:
      return _("Plate");
    case kTime:
      return _("Time");
    case kState:
      return _("State");
    case kCamera:
      return _("Camera");
    case kVehicle:
      return _("Vehicle");
    case kConfidence:
      return _("Confidence");
    case kMatch:
      return _("Match");
    case kColumnCount:
      break;
  }
  return wxString();
}

const char* SearchResultsList::ColumnKey(Column column) {
  static constexpr const char* kKeys[kColumnCount] = {"plate",   "time",       "state", "camera",
                                                      "vehicle", "confidence", "match"};
  return column >= 0 && column < kColumnCount ? kKeys[column] : "";
}

std::string SearchResultsList::ColumnsText(const std::vector<Column>& columns) {
  std::string text;
  for (const Column c : columns) {
    if (!text.empty()) text += ',';
    text += ColumnKey(c);
  }
  return text;
}

std::vector<SearchResultsList::Column> SearchResultsList::ParseColumns(const std::string& text) {
  std::vector<Column> columns{kPlate};
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string key = text.substr(start, comma - start);
    for (int c = 0; c < kColumnCount; ++c) {
      const auto column = static_cast<Column>(c);
      if (key == ColumnKey(column) && std::find(columns.begin(), columns.end(), column) == columns.end())
        columns.push_back(column);
    }
    start = comma + 1;
  }
  return columns;
}

void SearchResultsList::SetColumns(std::vector<Column> columns) {
  std::vector<Column> shown{kPlate};
  for (const Column c : columns) {
    if (c >= 0 && c < kColumnCount && std::find(shown.begin(), shown.end(), c) == shown.end()) shown.push_back(c);
  }
  if (shown == mShown) return;
  // The last column is stretched to the pane: its width is not the user's (as after a drag).
  for (std::size_t i = 0; i + 1 < mShown.size(); ++i) mWidths[mShown[i]] = GetColumnWidth(static_cast<int>(i));
  mShown = std::move(shown);
  BuildColumns();
  if (mSortColumn >= 0 && DisplayIndex(static_cast<Column>(mSortColumn)) < 0) {
    // Sorted by a column no longer shown: back to the engine's ranking.
    mSortColumn = -1;
    DeselectAll();  // the selection is by row: after reordering it would name other reads
    std::iota(mOrder.begin(), mOrder.end(), 0U);
  } else if (mSortColumn >= 0) {
    ShowSortIndicator(DisplayIndex(static_cast<Column>(mSortColumn)), mAscending);
  }
  Refresh();
}

void SearchResultsList::BuildColumns() {
  DeleteAllColumns();
  for (const Column c : mShown) {
    AppendColumn(ColumnTitle(c), c == kConfidence ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, mWidths[c]);
  }
  FitLastColumn();
}

int SearchResultsList::DisplayIndex(Column column) const {
  const auto it = std::find(mShown.begin(), mShown.end(), column);
  return it == mShown.end() ? -1 : static_cast<int>(it - mShown.begin());
}

void SearchResultsList::FitLastColumn() {
  if (mShown.empty() || GetColumnCount() != static_cast<int>(mShown.size())) return;
  const int last = static_cast<int>(mShown.size()) - 1;
  int others = 0;
  for (int c = 0; c < last; ++c) others += GetColumnWidth(c);
  const int scrollbar = wxSystemSettings::GetMetric(wxSYS_VSCROLL_X, this);
  SetColumnWidth(last, std::max(mWidths[mShown.back()], GetClientSize().x - others - scrollbar));
}

wxSize SearchResultsList::ThumbnailSize() { return {72, 24}; }

void SearchResultsList::SetHits(std::vector<search::Hit> hits) {
  DeselectAll();
  mHits = std::move(hits);
  mOrder.resize(mHits.size());
  std::iota(mOrder.begin(), mOrder.end(), 0U);
  if (mSortColumn >= 0) {
    SortBy(static_cast<Column>(mSortColumn), mAscending);
  }
  SetItemCount(static_cast<long>(mHits.size()));
  // The Camera column as wide as its longest name among the rows (within reason); the Match
  // column takes what is left (the size handler).
  std::set<store::CameraId> cameras;
  for (const auto& h : mHits) cameras.insert(h.camera);
  int widest = 0;
  for (const auto id : cameras) {
    const auto it = mCameraNames.find(id);
    if (it != mCameraNames.end()) widest = std::max(widest, GetTextExtent(it->second).x);
  }
  if (widest > 0) {
    mWidths[kCamera] = std::clamp(widest + FromDIP(16), FromDIP(100), FromDIP(200));
    if (const int shown = DisplayIndex(kCamera); shown >= 0 && shown + 1 < static_cast<int>(mShown.size())) {
      SetColumnWidth(shown, mWidths[kCamera]);
      FitLastColumn();
    }
  }
  Refresh();
}

const search::Hit& SearchResultsList::HitAt(long row) const { return mHits[mOrder[static_cast<std::size_t>(row)]]; }

std::vector<store::ReadId> SearchResultsList::SelectedReads() const {
  std::vector<store::ReadId> out;
  for (long row = GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); row != -1;
       row = GetNextItem(row, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED)) {
    if (static_cast<std::size_t>(row) < mHits.size()) {
      out.push_back(HitAt(row).read);
    }
  }
  return out;
}

void SearchResultsList::DeselectAll() {
  // A virtual list keeps selection by row, and rows change meaning when the rows or their order
  // change: a selection must never silently point at other reads ("Add to case").
  if (GetItemCount() > 0 && GetSelectedItemCount() > 0) {
    SetItemState(-1, 0, wxLIST_STATE_SELECTED);
    // Clearing all rows at once sends no event of its own: say so, so the owner's buttons follow.
    wxListEvent event(wxEVT_LIST_ITEM_DESELECTED, GetId());
    event.SetEventObject(this);
    event.m_itemIndex = -1;
    ProcessWindowEvent(event);
  }
}

void SearchResultsList::SortBy(Column column, bool ascending) {
  mSortColumn = column;
  mAscending = ascending;
  auto key = [&](const search::Hit& a, const search::Hit& b) -> int {
    auto cmp = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (column) {
      case kTime:
        return cmp(a.capturedAt, b.capturedAt);
      case kPlate:
        return cmp(a.plate, b.plate);
      case kState:
        return cmp(a.state, b.state);
      case kCamera: {
        const auto an = mCameraNames.find(a.camera);
        const auto bn = mCameraNames.find(b.camera);
        return cmp(an == mCameraNames.end() ? wxString() : an->second,
                   bn == mCameraNames.end() ? wxString() : bn->second);
      }
      case kVehicle:
        return cmp(VehicleText(a.read), VehicleText(b.read));
      case kConfidence:
        return cmp(a.confidence, b.confidence);
      case kMatch:
        return cmp(
            std::tuple(static_cast<int>(a.match.kind), a.match.edits, a.match.ocrSubstitutions, a.match.candidateRank),
            std::tuple(static_cast<int>(b.match.kind), b.match.edits, b.match.ocrSubstitutions, b.match.candidateRank));
      case kColumnCount:
        break;
    }
    return 0;
  };
  DeselectAll();
  std::iota(mOrder.begin(), mOrder.end(), 0U);
  // Stable on the engine's ranking, so equal keys keep the best match first.
  std::stable_sort(mOrder.begin(), mOrder.end(), [&](std::uint32_t x, std::uint32_t y) {
    const int c = key(mHits[x], mHits[y]);
    return ascending ? c < 0 : c > 0;
  });
  if (const int shown = DisplayIndex(column); shown >= 0) {
    ShowSortIndicator(shown, ascending);
  } else {
    RemoveSortIndicator();
  }
  Refresh();
}

wxString SearchResultsList::OnGetItemText(long item, long column) const {
  if (column < 0 || static_cast<std::size_t>(column) >= mShown.size()) {
    return wxString();
  }
  return CellText(item, mShown[static_cast<std::size_t>(column)]);
}

wxString SearchResultsList::RowToolTip(long row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= mHits.size()) return wxString();
  const search::Hit& h = HitAt(row);
  return wxString::Format(_("Read at %s (%s) by %s"), FormatLocalTime(h.capturedAt), FormatOtherZone(h.capturedAt),
                          CellText(row, kCamera));
}

wxString SearchResultsList::CellText(long item, Column column) const {
  if (item < 0 || static_cast<std::size_t>(item) >= mHits.size()) {
    return wxString();
  }
  const search::Hit& h = HitAt(item);
  switch (column) {
    case kTime:
      return TimeText(h.capturedAt);
    case kPlate:
      return ToWx(h.plate);
    case kState:
      return h.state.empty() ? wxString(wxS("\u2014")) : ToWx(h.state);
    case kCamera: {
      const auto it = mCameraNames.find(h.camera);
      return it == mCameraNames.end() ? wxString::Format(_("camera %lld"), static_cast<long long>(h.camera))
                                      : it->second;
    }
    case kVehicle: {
      const wxString text = VehicleText(h.read);
      return text.empty() ? wxString(wxS("\u2014")) : text;
    }
    case kConfidence: {
      wxString text = wxString::Format(wxS("%.1f"), h.confidence);
      return h.lowConfidence ? _("low") + wxS(" \u00b7 ") + text : text;
    }
    case kMatch:
      return MatchText(h.match);
    default:
      return wxString();
  }
}

int SearchResultsList::OnGetItemImage(long item) const {
  if (item < 0 || static_cast<std::size_t>(item) >= mHits.size()) {
    return 0;
  }
  const store::ReadId read = HitAt(item).read;
  if (const auto it = mSlotOf.find(read); it != mSlotOf.end()) {
    return it->second;
  }
  if (!mNone.count(read) && !mRequested.count(read) && mRequest) {
    mRequested.insert(read);
    mPending.push_back(read);
    if (!mFlushQueued) {
      mFlushQueued = true;
      // Painting asks row by row; one request per repaint covers the page.
      const_cast<SearchResultsList*>(this)->CallAfter(
          [this] { const_cast<SearchResultsList*>(this)->FlushRequests(); });
    }
  }
  return 0;
}

wxItemAttr* SearchResultsList::OnGetItemAttr(long item) const {
  if (item < 0 || static_cast<std::size_t>(item) >= mHits.size()) {
    return nullptr;
  }
  return HitAt(item).lowConfidence ? &mLowConfidence : nullptr;
}

void SearchResultsList::FlushRequests() {
  mFlushQueued = false;
  if (mPending.empty() || !mRequest) {
    return;
  }
  // Only rows still on screen: a fast scroll leaves requests behind that nobody needs.
  const long top = GetTopItem();
  const long bottom = top + GetCountPerPage() + 1;
  std::set<store::ReadId> visible;
  for (long row = std::max(0L, top); row <= bottom && static_cast<std::size_t>(row) < mHits.size(); ++row) {
    visible.insert(HitAt(row).read);
  }
  std::vector<store::ReadId> wanted;
  for (store::ReadId id : mPending) {
    if (visible.count(id)) {
      wanted.push_back(id);
    } else {
      mRequested.erase(id);
    }
  }
  mPending.clear();
  if (!wanted.empty()) {
    mRequest(std::move(wanted));
  }
}

void SearchResultsList::SetThumbnail(store::ReadId read, const wxBitmap& bitmap) {
  mRequested.erase(read);
  const int slot = mNextSlot;
  mNextSlot = mNextSlot + 1 >= kThumbnailSlots ? 1 : mNextSlot + 1;
  if (const store::ReadId old = mReadInSlot[static_cast<std::size_t>(slot)]; old != 0) {
    mSlotOf.erase(old);
  }
  mImages->Replace(slot, bitmap);
  mReadInSlot[static_cast<std::size_t>(slot)] = read;
  mSlotOf[read] = slot;
  Refresh();
}

void SearchResultsList::NoThumbnail(store::ReadId read) {
  mRequested.erase(read);
  mNone.insert(read);
}

void SearchResultsList::ResetThumbnailRequests() {
  mRequested.clear();
  mPending.clear();
}

void SearchResultsList::SetVehicles(const std::vector<store::Read>& reads) {
  mVehicles.clear();
  auto best = [](const std::vector<store::RankedValue>& ranked) { return ToWx(store::TopValue(ranked)); };
  for (const auto& r : reads) {
    wxString text;
    for (const auto* ranked : {&r.vehicle.color, &r.vehicle.make, &r.vehicle.model, &r.vehicle.body}) {
      const wxString part = best(*ranked);
      if (!part.empty()) text += (text.empty() ? wxString() : wxString(wxS(" "))) + part;
    }
    mVehicles[r.id] = text;
  }
  Refresh();
}

wxString SearchResultsList::VehicleText(store::ReadId read) const {
  const auto it = mVehicles.find(read);
  return it == mVehicles.end() ? wxString() : it->second;
}

}  // namespace platedesk::views
