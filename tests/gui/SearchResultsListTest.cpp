// SPDX-License-Identifier: GPL-3.0-or-later
// The results list with 100,000 rows: setting, sorting and painting a page stay fast, and plate
// crops are asked for only for the rows on screen. Prints the figures (docs/PERFORMANCE.md).
#include "GuiTestSupport.h"
#include "views/SearchResultsList.h"
#include "views/support/Strings.h"

#include <boost/test/unit_test.hpp>
#include <wx/frame.h>
#include <wx/sizer.h>
#include <wx/toplevel.h>

#include <chrono>
#include <iostream>

namespace platedesk::views {
namespace {

using platedesk::tests::PumpFor;
using platedesk::tests::PumpUntil;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::vector<search::Hit> ManyHits(std::size_t n) {
  std::vector<search::Hit> hits(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& h = hits[i];
    h.read = static_cast<store::ReadId>(i + 1);
    h.capturedAt = UtcFromCivil(2025, 11, 1) + static_cast<UtcMs>((i * 7919) % 1000000) * 1000;
    h.camera = static_cast<store::CameraId>(i % 12 + 1);
    h.plate = "P" + std::to_string(1000000 + (i * 104729) % 9000000);
    h.state = i % 5 == 0 ? "" : "WA";
    h.confidence = 50 + static_cast<double>(i % 50);
    h.lowConfidence = h.confidence < 70;
    h.match.kind = i % 3 == 0 ? search::MatchKind::Exact : search::MatchKind::OcrEquivalent;
    h.match.ocrPositions = {1, 4};
    h.match.ocrSubstitutions = h.match.kind == search::MatchKind::Exact ? 0 : 2;
  }
  return hits;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(SearchResultsListTest)

BOOST_AUTO_TEST_CASE(AHundredThousandRowsStaySmoothAndOnlyVisibleCropsAreRequested) {
  auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("results"), wxDefaultPosition, wxSize(1100, 700));
  std::map<store::CameraId, wxString> names;
  for (int c = 1; c <= 12; ++c) names[c] = wxString::Format(wxS("Camera %d"), c);
  auto* list = new SearchResultsList(frame, names);
  std::vector<std::vector<store::ReadId>> requests;
  list->SetThumbnailRequest([&](std::vector<store::ReadId> ids) { requests.push_back(std::move(ids)); });
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(list, 1, wxEXPAND);
  frame->SetSizer(sizer);
  frame->Show();
  PumpFor(200ms);

  constexpr std::size_t kRows = 100000;
  auto t0 = Clock::now();
  list->SetHits(ManyHits(kRows));
  const double setMs = Ms(Clock::now() - t0);
  BOOST_REQUIRE(list->GetItemCount() == static_cast<long>(kRows));

  // Hovering over a row shows its time in UTC as well (or in local time when times are in UTC).
  const wxString tip = list->RowToolTip(0);
  BOOST_TEST(tip.Contains(wxS("UTC)")), tip);
  BOOST_TEST(tip.Contains(wxS("Camera ")), tip);
  SetTimesInUtc(true);
  BOOST_TEST(list->RowToolTip(0).StartsWith(wxS("Read at ") + FormatLocalTime(list->HitAt(0).capturedAt)));
  BOOST_TEST(list->RowToolTip(0).Contains(FormatOtherZone(list->HitAt(0).capturedAt)));
  SetTimesInUtc(false);

  t0 = Clock::now();
  list->SortBy(SearchResultsList::kPlate, true);
  const double sortMs = Ms(Clock::now() - t0);
  for (long row = 1; row < list->GetItemCount(); row += 997)
    BOOST_TEST((list->HitAt(row - 1).plate <= list->HitAt(row).plate));

  // Jump through the list as a scrollbar drag does and paint each page.
  double worstPageMs = 0;
  double totalPageMs = 0;
  int pages = 0;
  for (long row = 0; row < static_cast<long>(kRows); row += 4999) {
    t0 = Clock::now();
    list->EnsureVisible(row);
    list->Refresh();
    list->Update();
    const double ms = Ms(Clock::now() - t0);
    worstPageMs = std::max(worstPageMs, ms);
    totalPageMs += ms;
    ++pages;
  }
  PumpFor(100ms);
  std::cout << "results-list: " << kRows << " rows; set " << setMs << " ms; sort by plate " << sortMs
            << " ms; page paint mean " << totalPageMs / pages << " ms, worst " << worstPageMs << " ms\n";
  BOOST_TEST(setMs < 1000.0);
  BOOST_TEST(sortMs < 1000.0);
  BOOST_TEST(worstPageMs < 250.0);

  // Only rows that are on screen when the request goes out are asked for.
  std::size_t asked = 0;
  for (const auto& r : requests) asked += r.size();
  BOOST_TEST(asked > 0u);
  BOOST_TEST(asked <= static_cast<std::size_t>(pages) * static_cast<std::size_t>(list->GetCountPerPage() + 2));
  BOOST_REQUIRE(!requests.empty());
  const long top = list->GetTopItem();
  for (store::ReadId id : requests.back()) {
    bool onScreen = false;
    for (long row = top; row <= top + list->GetCountPerPage() + 1 && row < list->GetItemCount(); ++row)
      onScreen = onScreen || list->HitAt(row).read == id;
    BOOST_TEST(onScreen, "read " << id << " is not on screen");
  }
  // An answered request is shown and not asked for again.
  const store::ReadId shown = requests.back().front();
  list->SetThumbnail(shown, wxBitmap(SearchResultsList::ThumbnailSize().x, SearchResultsList::ThumbnailSize().y));
  requests.clear();
  list->Refresh();
  list->Update();
  PumpFor(100ms);
  for (const auto& r : requests)
    for (store::ReadId id : r) BOOST_TEST(id != shown);

  frame->Destroy();
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }));
}

BOOST_AUTO_TEST_CASE(HidingTheSortColumnNeverLeavesOtherReadsSelected) {
  // The selection of a virtual list is by row: when hiding the sort column puts the rows back in
  // ranking order, the rows selected would name other reads ("Add to case" would collect them).
  auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("results"), wxDefaultPosition, wxSize(900, 500));
  auto* list = new SearchResultsList(frame, {});
  frame->Show();
  list->SetHits(ManyHits(50));
  list->SortBy(SearchResultsList::kConfidence, false);  // the first row is not the ranking's first
  list->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  BOOST_REQUIRE(list->SelectedReads().size() == 1U);
  const store::ReadId chosen = list->SelectedReads().front();
  BOOST_REQUIRE(chosen != ManyHits(50).front().read);
  list->SetColumns({SearchResultsList::kTime, SearchResultsList::kCamera});  // confidence hidden
  const auto selected = list->SelectedReads();
  BOOST_TEST((selected.empty() || (selected.size() == 1U && selected.front() == chosen)));
  frame->Destroy();
  BOOST_TEST(PumpUntil([] { return wxTopLevelWindows.empty(); }));
}

BOOST_AUTO_TEST_CASE(TheMatchColumnExplainsEachKindOfMatch) {
  search::MatchInfo m;
  m.kind = search::MatchKind::Exact;
  BOOST_TEST(FromWx(MatchText(m)) == "exact");
  m.kind = search::MatchKind::OcrEquivalent;
  m.ocrPositions = {1, 4};
  m.ocrSubstitutions = 2;
  BOOST_TEST(FromWx(MatchText(m)) == "OCR at 2, 5");
  m.kind = search::MatchKind::Edited;
  m.edits = 1;
  m.ocrSubstitutions = 0;
  m.ocrPositions.clear();
  BOOST_TEST(FromWx(MatchText(m)) == "1 edit");
  m.kind = search::MatchKind::Exact;
  m.candidateRank = 2;
  m.matchedPlate = "ABC1284";
  BOOST_TEST(FromWx(MatchText(m)) == "exact via alternative read ABC1284");
  m.kind = search::MatchKind::NoPattern;
  BOOST_TEST(FromWx(MatchText(m)) == "vehicle filters");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
