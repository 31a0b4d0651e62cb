// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/plate/Plate.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk::plate;

BOOST_AUTO_TEST_SUITE(PlateTest)

BOOST_AUTO_TEST_CASE(NormalisationKeepsOnlyLettersAndDigits) {
  BOOST_TEST(NormalisePlate("abc-1234") == "ABC1234");
  BOOST_TEST(NormalisePlate(" 7 ABC.12 ") == "7ABC12");
  BOOST_TEST(NormalisePlate("mw818wm") == "MW818WM");
  BOOST_TEST(NormalisePlate("\xC3\xA9-\xFF") == "");
}

BOOST_AUTO_TEST_CASE(NormalisedPlateCheck) {
  BOOST_TEST(IsNormalisedPlate("A13709"));
  BOOST_TEST(!IsNormalisedPlate(""));
  BOOST_TEST(!IsNormalisedPlate("ab1"));
  BOOST_TEST(!IsNormalisedPlate("ABCDEFGHIJKLM"));
}

BOOST_AUTO_TEST_CASE(RegionsMapToStates) {
  BOOST_TEST(StateFromRegion("us-mo").value() == "MO");
  BOOST_TEST(StateFromRegion("mo").value() == "MO");
  BOOST_TEST(StateFromRegion("US-IN").value() == "IN");
  BOOST_TEST(StateFromRegion("dc").value() == "DC");
  BOOST_TEST(!StateFromRegion("fr").has_value());
  BOOST_TEST(!StateFromRegion("eu-pl").has_value());
  BOOST_TEST(!StateFromRegion("").has_value());
  BOOST_TEST(!StateFromRegion("ZZ").has_value());
}

BOOST_AUTO_TEST_CASE(StateTableIsSortedAndComplete) {
  const auto states = UsStates();
  BOOST_TEST(states.size() == 56u);
  for (std::size_t i = 1; i < states.size(); ++i) BOOST_TEST((states[i - 1].code < states[i].code));
}

BOOST_AUTO_TEST_SUITE_END()
