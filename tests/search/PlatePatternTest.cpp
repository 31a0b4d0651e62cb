// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/search/PlatePattern.h"

#include <boost/test/unit_test.hpp>

namespace platedesk::search {

BOOST_AUTO_TEST_SUITE(PlatePatternTest)

BOOST_AUTO_TEST_CASE(ParsesLiteralsWildcardsSetsAndRangesCaseInsensitively) {
  auto p = PlatePattern::Parse("ab-c. 1?*[8b][a-c0-2]");
  BOOST_REQUIRE(p.Ok());
  BOOST_TEST(p->ToString() == "ABC1?*[8B][012ABC]");
  BOOST_TEST(p->Tokens().size() == 8U);
}

BOOST_AUTO_TEST_CASE(CollapsesConsecutiveStars) {
  auto p = PlatePattern::Parse("A**B***");
  BOOST_REQUIRE(p.Ok());
  BOOST_TEST(p->ToString() == "A*B*");
  BOOST_TEST(PlatePattern::Parse("*")->MatchesEverything());
}

BOOST_AUTO_TEST_CASE(RejectsMalformedPatternsWithTheirPosition) {
  struct Case {
    const char* text;
    const char* position;
  };
  const Case cases[] = {{"AB[12", "position 3"}, {"A[]", "position 2"},  {"[F-A]", "position 3"},
                        {"[A-9]", "position 3"}, {"AB#1", "position 3"}, {"[A_]", "position 3"},
                        {"", "position 1"},      {" - ", "position 1"},  {"[-A]", "position 2"}};
  for (const auto& c : cases) {
    auto p = PlatePattern::Parse(c.text);
    BOOST_REQUIRE_MESSAGE(!p.Ok(), c.text);
    BOOST_TEST((p.Err().code == ErrorCode::InvalidArgument));
    BOOST_TEST(p.Err().context == c.position, c.text << ": " << p.Err().context);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::search
