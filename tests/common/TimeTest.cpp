// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;

BOOST_AUTO_TEST_SUITE(TimeTest)

BOOST_AUTO_TEST_CASE(FormatsEpochAndKnownInstants) {
  BOOST_TEST(FormatIso8601(0) == "1970-01-01T00:00:00.000Z");
  BOOST_TEST(FormatIso8601(1562681124479) == "2019-07-09T14:05:24.479Z");
  BOOST_TEST(FormatIso8601(-1) == "1969-12-31T23:59:59.999Z");
  BOOST_TEST(FormatDate(UtcFromCivil(2024, 2, 29, 23, 59)) == "2024-02-29");
}

BOOST_AUTO_TEST_CASE(ParsesDatesTimesAndOffsets) {
  BOOST_TEST(ParseIso8601("2019-07-09T14:05:24.479Z").Value() == 1562681124479);
  BOOST_TEST(ParseIso8601("2019-07-09").Value() == UtcFromCivil(2019, 7, 9));
  BOOST_TEST(ParseIso8601("2019-07-09T16:05:24.479+02:00").Value() == 1562681124479);
  BOOST_TEST(ParseIso8601("2019-07-09T09:05:24.479-0500").Value() == 1562681124479);
  BOOST_TEST(ParseIso8601("2019-07-09T14:05").Value() == UtcFromCivil(2019, 7, 9, 14, 5));
  BOOST_TEST(ParseIso8601("2020-03-05T10:11:12.5Z").Value() == UtcFromCivil(2020, 3, 5, 10, 11, 12, 500));
}

BOOST_AUTO_TEST_CASE(RejectsMalformedTimes) {
  for (const char* bad : {"", "2019", "2019-13-01", "2019-02-30", "2019-07-09T25:00", "2019-07-09X",
                          "2019-07-09T10:00Zjunk", "2019-07-09T10:00:00.", "yesterday"}) {
    auto r = ParseIso8601(bad);
    BOOST_TEST(!r.Ok(), bad);
    if (!r.Ok()) BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  }
}

BOOST_AUTO_TEST_CASE(RoundTripsThroughFormat) {
  for (UtcMs t : {UtcMs{0}, UtcMs{951782400000}, UtcMs{1700000000123}, UtcMs{4102444799999}})
    BOOST_TEST(ParseIso8601(FormatIso8601(t)).Value() == t);
}

BOOST_AUTO_TEST_CASE(ManualClockMovesOnlyWhenTold) {
  ManualClock c(1000);
  BOOST_TEST(c.Now() == 1000);
  c.Advance(kMsPerDay);
  BOOST_TEST(c.Now() == 1000 + kMsPerDay);
}

BOOST_AUTO_TEST_SUITE_END()
