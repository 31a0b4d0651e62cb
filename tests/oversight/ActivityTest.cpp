// SPDX-License-Identifier: GPL-3.0-or-later
// The period's activity counted from records made for it, by a clock that is not UTC, and the four
// charts drawn from it.
#include "platedesk/oversight/Activity.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::oversight;

namespace {

const UtcMs kFrom = UtcFromCivil(2026, 11, 16);  // a Monday
const UtcMs kTo = UtcFromCivil(2026, 11, 23);

audit::StoredRecord Record(std::uint64_t seq, const std::string& event, const std::string& user, UtcMs time,
                           const std::string& purpose = "INV-PROPERTY") {
  audit::StoredRecord r;
  r.seq = seq;
  r.time = time;
  r.event = event;
  r.user = user;
  r.outcome = "success";
  r.purposeCode = purpose;
  r.caseNumber = "26-004512";
  r.canonical = "{}";
  return r;
}

// The agency's clock eight hours behind UTC (Pacific standard time), written out by hand.
LocalTime Pacific(UtcMs t) { return UtcClock(t - 8 * kMsPerHour); }

}  // namespace

BOOST_AUTO_TEST_SUITE(ActivityCounts)

BOOST_AUTO_TEST_CASE(SearchesAreCountedByDayUserHourAndPurpose) {
  std::vector<audit::StoredRecord> log{
      Record(1, "search.start", "d.reyes", kFrom - kMsPerDay),  // before the period: not counted
      Record(2, "search.start", "d.reyes", kFrom + 10 * kMsPerHour),
      Record(3, "search.start", "d.reyes", kFrom + 11 * kMsPerHour),
      Record(4, "search.start", "m.chen", kFrom + kMsPerDay + 15 * kMsPerHour, "WARRANT"),
      Record(5, "search.result", "m.chen", kFrom + kMsPerDay + 15 * kMsPerHour),  // not a search
      Record(6, "search.refused", "m.chen", kFrom + 2 * kMsPerDay),
      Record(7, "login", "m.chen", kFrom + 2 * kMsPerDay),
      Record(8, "search.start", "d.reyes", kTo),  // the end is exclusive
  };
  log[2].canonical.clear();  // a pruned record still counts by its columns
  log[2].pruned = true;
  const std::vector<Flag> flags{{2, kFrom + 10 * kMsPerHour, "d.reyes", "26-004512", FlagKind::AfterHours, "x"},
                                {4, kFrom + kMsPerDay + 15 * kMsPerHour, "m.chen", "", FlagKind::BroadSearch, "y"},
                                {4, kFrom + kMsPerDay + 15 * kMsPerHour, "m.chen", "", FlagKind::SharedPlate, "z"},
                                {9, kTo + 1, "m.chen", "", FlagKind::Refused, "outside"}};
  const Activity a = ComputeActivity(log, kFrom, kTo, flags, UtcClock);
  BOOST_TEST(a.days.size() == 7u);
  BOOST_TEST(a.days.front() == "2026-11-16");
  BOOST_TEST(a.days.back() == "2026-11-22");
  BOOST_TEST((a.searches == std::vector<DayCount>{{"2026-11-16", "d.reyes", 2}, {"2026-11-17", "m.chen", 1}}));
  BOOST_TEST_REQUIRE(a.hourWeekday.size() == 7u * 24u);
  BOOST_TEST(a.hourWeekday[0 * 24 + 10] == 1u);  // Monday 10:00
  BOOST_TEST(a.hourWeekday[0 * 24 + 11] == 1u);
  BOOST_TEST(a.hourWeekday[1 * 24 + 15] == 1u);  // Tuesday 15:00
  BOOST_TEST((a.purposes == std::vector<NameCount>{{"INV-PROPERTY", 2}, {"WARRANT", 1}}));
  BOOST_TEST(a.refusedSearches == 1u);
  BOOST_TEST((a.flags == std::vector<DayCount>{{"2026-11-16", "after-hours", 1},
                                               {"2026-11-17", "broad-search", 1},
                                               {"2026-11-17", "shared-plate", 1}}));
}

BOOST_AUTO_TEST_CASE(TheAgencysClockDecidesTheDayAndTheHour) {
  // 03:00 UTC on Tuesday is 19:00 on Monday in the Pacific: Monday's count, hour 19.
  const std::vector<audit::StoredRecord> log{Record(1, "search.start", "d.reyes", kFrom + kMsPerDay + 3 * kMsPerHour)};
  const Activity a = ComputeActivity(log, kFrom, kTo, {}, Pacific);
  BOOST_TEST((a.searches == std::vector<DayCount>{{"2026-11-16", "d.reyes", 1}}));
  BOOST_TEST(a.hourWeekday[0 * 24 + 19] == 1u);
  // The period's first hours are still Sunday the 15th there: eight local days are touched.
  BOOST_TEST(a.days.size() == 8u);
  BOOST_TEST(a.days.front() == "2026-11-15");
}

BOOST_AUTO_TEST_CASE(TheChartsDrawTheCountsWithTheBusiestUsersNamed) {
  std::vector<audit::StoredRecord> log;
  // Nine users; user u searches u + 1 times on Monday.
  for (int u = 0; u < 9; ++u)
    for (int n = 0; n <= u; ++n)
      log.push_back(Record(log.size() + 1, "search.start", "user" + std::to_string(u), kFrom + 9 * kMsPerHour));
  const Activity a = ComputeActivity(log, kFrom, kTo, {}, UtcClock);
  const auto charts = ActivityCharts(a);
  BOOST_TEST_REQUIRE(charts.size() == 4u);
  const report::Chart& perDay = charts[0];
  BOOST_TEST(perDay.categories.size() == 7u);
  BOOST_TEST(perDay.categories.front() == "11-16");
  BOOST_TEST_REQUIRE(perDay.series.size() == 8u);  // the 7 busiest and "others"
  BOOST_TEST(perDay.series.front().name == "user8");
  BOOST_TEST(perDay.series.back().name == "others");
  BOOST_TEST(perDay.series.back().values.front() == 3.0);  // user0 (1) and user1 (2)
  BOOST_TEST(report::ChartTotal(perDay) == 45.0);
  const report::Chart& heat = charts[1];
  BOOST_TEST((heat.kind == report::ChartKind::HeatMap));
  BOOST_TEST(heat.series.size() == 7u);
  BOOST_TEST(heat.categories.size() == 24u);
  BOOST_TEST(heat.series[0].values[9] == 45.0);
  BOOST_TEST(report::ChartTotal(heat) == 45.0);
  BOOST_TEST(charts[2].horizontal);
  BOOST_TEST(report::ChartTotal(charts[2]) == 45.0);
  BOOST_TEST(report::ChartTotal(charts[3]) == 0.0);  // no flags
  for (const auto& chart : charts) BOOST_TEST(report::RenderChart(chart, 500, 260).Ok());
}

BOOST_AUTO_TEST_SUITE_END()
