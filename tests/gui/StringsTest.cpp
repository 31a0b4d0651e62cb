// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Strings.h"

#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>

namespace platedesk::views {

BOOST_AUTO_TEST_SUITE(StringsTest)

BOOST_AUTO_TEST_CASE(AQueryReadsInWordsWithItsCountsInflected) {
  const wxString one = QueryElementsText({{"plate", "ABC*"}, {"edits", "1"}, {"ocr_tolerant", "yes"}});
  BOOST_TEST(one.StartsWith(wxS("ABC*")), one);
  BOOST_TEST(one.Contains(wxS("1 edit")), one);
  BOOST_TEST(!one.Contains(wxS("1 edits")), one);
  BOOST_TEST(one.Contains(wxS("OCR look-alikes")), one);
  BOOST_TEST(QueryElementsText({{"plate", "ABC*"}, {"edits", "2"}}).Contains(wxS("2 edits")));
  BOOST_TEST(!QueryElementsText({{"plate", "ABC*"}, {"edits", "0"}}).Contains(wxS("edit")));
  BOOST_TEST(QueryElementsText({{"color", "grey"}}).StartsWith(wxS("vehicle only")));
}

BOOST_AUTO_TEST_CASE(Utf8RoundTripsThroughWxString) {
  const std::string text =
      "Stra\xc3\x9f"
      "e \xe2\x80\x94 caf\xc3\xa9 \xf0\x9f\x9a\x93";  // Straße — café 🚓
  const wxString wide = ToWx(text);
  BOOST_TEST(wide.length() == 15u);  // code points, the emoji is one
  BOOST_TEST(FromWx(wide) == text);
}

BOOST_AUTO_TEST_CASE(PathsWithNonAsciiNamesRoundTrip) {
  const std::filesystem::path path = std::filesystem::path(u8"/tmp/D\u00e9p\u00f4t/storage");
  BOOST_TEST((PathFromWx(PathToWx(path)) == path));
  BOOST_TEST(FromWx(PathToWx(path)) == "/tmp/D\xc3\xa9p\xc3\xb4t/storage");
}

BOOST_AUTO_TEST_CASE(TrimmedDropsSurroundingWhiteSpaceOnly) {
  BOOST_TEST(FromWx(Trimmed(wxS("  26-004512 \t\n"))) == "26-004512");
  BOOST_TEST(FromWx(Trimmed(wxS("grey  sedan"))) == "grey  sedan");
  BOOST_TEST(Trimmed(wxS(" \t ")).empty());
}

BOOST_AUTO_TEST_CASE(ReflowJoinsWrappedLinesAndKeepsParagraphs) {
  const wxString text = ReflowParagraphs("WARNING: first line\r\ncontinues here\n\n  Second paragraph\nends.\n");
  BOOST_TEST(FromWx(text) == "WARNING: first line continues here\n\nSecond paragraph ends.");
}

BOOST_AUTO_TEST_CASE(DurationsReadAsDaysHoursAndMinutes) {
  BOOST_TEST(FromWx(FormatDuration(13 * kMsPerDay + 22 * kMsPerHour + 5 * kMsPerMinute)) == "13 days 22 hours");
  BOOST_TEST(FromWx(FormatDuration(kMsPerDay)) == "1 day");
  BOOST_TEST(FromWx(FormatDuration(5 * kMsPerHour + 3 * kMsPerMinute)) == "5 hours 3 minutes");
  BOOST_TEST(FromWx(FormatDuration(kMsPerMinute)) == "1 minute");
  BOOST_TEST(FromWx(FormatDuration(59 * kMsPerSecond)) == "under a minute");
}

BOOST_AUTO_TEST_CASE(CountsAreGroupedInThousandsInAnyLocale) {
  const wxString text = FormatCount(1234567);
  BOOST_TEST(text.length() == 9u);  // two group separators, whatever the locale uses
  wxString digits;
  for (const wxUniChar c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  BOOST_TEST(FromWx(digits) == "1234567");
  BOOST_TEST(FromWx(FormatCount(999)) == "999");
}

BOOST_AUTO_TEST_CASE(MissingTimeIsShownAsADash) {
  BOOST_TEST(FromWx(FormatLocalTime(std::optional<UtcMs>())) == "\xe2\x80\x94");
  BOOST_TEST(FormatLocalTime(std::optional<UtcMs>(UtcFromCivil(2025, 11, 24, 9, 30))).StartsWith(wxS("2025-11-2")));
}

BOOST_AUTO_TEST_CASE(HoldReasonsReadAsWordsAndUnknownReasonsAsRecorded) {
  store::CaseHold hold;
  hold.reason = std::string(workstation::kCollectedForCase);
  BOOST_TEST(FromWx(HoldReasonText(hold)) == "collected for the case");
  hold.reason = "evidence package 3f2a9c01d4e5b6a79f8e7d6c5b4a3f2e";
  BOOST_TEST(FromWx(HoldReasonText(hold)) == "in evidence package 3f2a9c01\xe2\x80\xa6");
  hold.reason = "court order 2026-17";
  BOOST_TEST(FromWx(HoldReasonText(hold)) == "court order 2026-17");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::views
