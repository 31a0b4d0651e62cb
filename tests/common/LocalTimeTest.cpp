// SPDX-License-Identifier: GPL-3.0-or-later
// The machine's local offsets over a range, found once and then looked up: a change of offset is
// placed to the second, in zones written as POSIX rules (no tz database needed).
#include "platedesk/common/LocalTime.h"
#include "platedesk/testsupport/TimeZone.h"

#include <boost/test/unit_test.hpp>

namespace platedesk {

using Zone = testsupport::ScopedTimeZone;

BOOST_AUTO_TEST_SUITE(LocalTimeTest)

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(SummerTimeStartsAtTheSecondTheRuleSays) {
  Zone pacific("PST8PDT,M3.2.0,M11.1.0");                // US Pacific: summer time from 2026-03-08 02:00 PST
  const UtcMs change = UtcFromCivil(2026, 3, 8, 10, 0);  // 02:00 PST is 10:00 UTC
  const LocalOffsets offsets(UtcFromCivil(2026, 3, 1), UtcFromCivil(2026, 3, 15));
  BOOST_TEST(offsets.Changes() == 2u);
  BOOST_TEST(offsets.At(change - 1) == -480);
  BOOST_TEST(offsets.At(change) == -420);
  BOOST_TEST(LocalUtcOffsetMinutes(change) == -420);
  // 23:30 local on either side of the change.
  BOOST_TEST(offsets.MinuteOfDay(UtcFromCivil(2026, 3, 2, 7, 30)) == 23 * 60 + 30);
  BOOST_TEST(offsets.MinuteOfDay(UtcFromCivil(2026, 3, 10, 6, 30)) == 23 * 60 + 30);
  // Before the range: its first offset; after it: its last.
  BOOST_TEST(offsets.At(UtcFromCivil(2025, 1, 1)) == -480);
  BOOST_TEST(offsets.At(UtcFromCivil(2027, 1, 1)) == -420);
}

BOOST_AUTO_TEST_CASE(AZoneWithoutSummerTimeHasOneOffsetAndHalfHoursCount) {
  Zone india("IST-5:30");
  const LocalOffsets offsets(UtcFromCivil(2026, 1, 1), UtcFromCivil(2027, 1, 1));
  BOOST_TEST(offsets.Changes() == 1u);
  BOOST_TEST(offsets.At(UtcFromCivil(2026, 6, 1)) == 330);
  BOOST_TEST(offsets.MinuteOfDay(UtcFromCivil(2026, 6, 1, 20, 0)) == 90);  // 01:30 the next day
  // Times before 1970 count down the same way.
  const LocalOffsets old(UtcFromCivil(1969, 12, 30), UtcFromCivil(1970, 1, 2));
  BOOST_TEST(old.MinuteOfDay(UtcFromCivil(1969, 12, 31, 20, 0)) == 90);
}
#endif

BOOST_AUTO_TEST_CASE(AnEmptyRangeStillAnswers) {
  const LocalOffsets offsets(UtcFromCivil(2026, 5, 1), UtcFromCivil(2026, 5, 1));
  BOOST_TEST(offsets.Changes() == 1u);
  BOOST_TEST(offsets.At(UtcFromCivil(2026, 5, 1)) == LocalUtcOffsetMinutes(UtcFromCivil(2026, 5, 1)));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk
