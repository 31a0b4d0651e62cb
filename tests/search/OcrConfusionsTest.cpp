// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/OcrConfusions.h"

#include <boost/test/unit_test.hpp>

namespace platedesk::search {

BOOST_AUTO_TEST_SUITE(OcrConfusionsTest)

BOOST_AUTO_TEST_CASE(DefaultTableHoldsEveryPairOfTheIssueBothWays) {
  const auto& t = OcrConfusions::Default();
  const char* pairs[] = {"0O", "0D", "0Q", "OD", "OQ", "DQ", "1I", "2Z", "5S", "8B", "6G", "EF", "7Z"};
  for (const char* p : pairs) {
    BOOST_TEST(t.Equivalent(p[0], p[1]), p);
    BOOST_TEST(t.Equivalent(p[1], p[0]), p);
  }
  BOOST_TEST(t.Equivalent('a', 'A'));
  BOOST_TEST(!t.Equivalent('A', 'B'));
}

BOOST_AUTO_TEST_CASE(RelationIsNotTransitive) {
  const auto& t = OcrConfusions::Default();
  BOOST_TEST(t.Equivalent('Z', '2'));
  BOOST_TEST(t.Equivalent('Z', '7'));
  BOOST_TEST(!t.Equivalent('2', '7'));
}

BOOST_AUTO_TEST_CASE(ParsesAnAgencyTableAndRejectsBadLines) {
  auto t = OcrConfusions::Parse("# agency\nH-M\n\nU V # comment\n");
  BOOST_REQUIRE(t.Ok());
  BOOST_TEST(t->Equivalent('H', 'M'));
  BOOST_TEST(t->Equivalent('V', 'U'));
  BOOST_TEST(!t->Equivalent('0', 'O'));
  auto bad = OcrConfusions::Parse("A B\nA B C\n");
  BOOST_REQUIRE(!bad.Ok());
  BOOST_TEST(bad.Err().context == "line 2");
  BOOST_TEST(!OcrConfusions::Parse("A A").Ok());
  BOOST_TEST(!OcrConfusions::Parse("A %").Ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::search
