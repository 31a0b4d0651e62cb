// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/QueryText.h"

#include <boost/test/unit_test.hpp>

namespace platedesk::search::test {

BOOST_AUTO_TEST_SUITE(QueryTextTest)

BOOST_AUTO_TEST_CASE(EveryElementReadsBackAsWritten) {
  Query q;
  q.plate = "7AB*";
  q.ocrTolerant = false;
  q.maxEdits = 2;
  q.alternatives = false;
  q.states = {"WA", "OR"};
  q.includeUnknownState = true;
  q.from = 1'780'000'000'000;
  q.to = 1'780'086'400'000;
  q.cameras = {3, 17};
  q.near = GeoCircle{{47.6062095, -122.3320708}, 0.25};
  q.color = AttributeFilter{{"silver", "grey"}, 62.5};
  q.make = AttributeFilter{{"toyota"}, std::nullopt};
  q.model = AttributeFilter{{"camry"}, 40};
  q.body = AttributeFilter{{"sedan"}, std::nullopt};
  q.minConfidence = 81.25;
  q.direction = DirectionRange{350, 10};
  q.hours = HoursOfDay{22 * 60, 4 * 60 + 30};
  const auto elements = QueryElements(q);
  BOOST_TEST(elements.at("hours") == "22:00-04:30");
  BOOST_TEST(elements.at("near") == "47.6062095,-122.3320708,0.25km");
  BOOST_TEST(elements.at("color") == "silver,grey>=62.5");
  auto back = QueryFromElements(elements);
  BOOST_REQUIRE(back);
  BOOST_TEST((*back == q));

  Query vehicleOnly;  // no plate: the element is empty and reads back as none
  auto empty = QueryFromElements(QueryElements(vehicleOnly));
  BOOST_REQUIRE(empty);
  BOOST_TEST((*empty == vehicleOnly));
  BOOST_TEST(!empty->plate.has_value());
}

BOOST_AUTO_TEST_CASE(HoursOfDayReadAsPeopleWriteThem) {
  BOOST_TEST((ParseHoursOfDay("22:00-04:00").Value() == HoursOfDay{1320, 240}));
  BOOST_TEST((ParseHoursOfDay(" 7-9 ").Value() == HoursOfDay{420, 540}));
  BOOST_TEST((ParseHoursOfDay("22:00 - 04:00").Value() == HoursOfDay{1320, 240}));
  BOOST_TEST((ParseHoursOfDay("18:30-24:00").Value() == HoursOfDay{1110, 1440}));
  BOOST_TEST(HoursOfDayText({1110, 1440}) == "18:30-24:00");
  for (const char* bad : {"", "22:00", "25:00-04:00", "22:60-04:00", "22:0-04:00", "8-8", "00:00-24:00", "a-b",
                          "22:00-04:00-06:00", "-1-4"}) {
    auto parsed = ParseHoursOfDay(bad);
    BOOST_TEST(!parsed.Ok(), bad);
    if (!parsed.Ok()) BOOST_TEST((parsed.Err().code == ErrorCode::InvalidArgument));
  }
}

BOOST_AUTO_TEST_CASE(UnreadableOrUnknownElementsAreRefusedByName) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{{"edits", "3"},
                                                                                   {"near", "47.6,-122.3"},
                                                                                   {"near", "a,b,1km"},
                                                                                   {"hours", "25:00-04:00"},
                                                                                   {"hours", "08:00-08:00"},
                                                                                   {"from", "yesterday"},
                                                                                   {"cameras", "1,x"},
                                                                                   {"ocr_tolerant", "maybe"},
                                                                                   {"direction", "north"},
                                                                                   {"colour", "red"}}) {
    auto parsed = QueryFromElements({{key, value}});
    BOOST_TEST_INFO(key << "=" << value);
    BOOST_REQUIRE(!parsed);
    BOOST_TEST((parsed.Err().code == ErrorCode::InvalidArgument));
  }
  BOOST_TEST(QueryFromElements({{"limit", "100"}, {"plate", "ABC"}}).Ok());  // limit belongs to the options
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::search::test
