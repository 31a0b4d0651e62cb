// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Accounts.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::access;

BOOST_AUTO_TEST_SUITE(PasswordTest)

BOOST_AUTO_TEST_CASE(PolicyRefusesShortBannedAndNameContainingPasswords) {
  BOOST_TEST(!CheckPasswordPolicy("maria", "short1").Ok());
  BOOST_TEST(!CheckPasswordPolicy("maria", "Password123").Ok());  // banned, case-insensitive
  BOOST_TEST(!CheckPasswordPolicy("maria", "police123").Ok());
  BOOST_TEST(!CheckPasswordPolicy("maria", "xx-Maria-2026-xx").Ok());  // contains the user name
  BOOST_TEST(!CheckPasswordPolicy("maria", std::string("bad\xFF utf8 pass")).Ok());
  BOOST_TEST(!CheckPasswordPolicy("maria", std::string(4097, 'a')).Ok());
}

BOOST_AUTO_TEST_CASE(PolicyAcceptsPassphrasesWithSpacesAndUnicode) {
  BOOST_TEST(CheckPasswordPolicy("maria", "correct horse battery staple").Ok());
  BOOST_TEST(CheckPasswordPolicy("maria",
                                 "Kaffee\xC3\xBC"
                                 "ber1")
                 .Ok());
  BOOST_TEST(CheckPasswordPolicy("maria", std::string(4096, 'q')).Ok());
}

BOOST_AUTO_TEST_CASE(EightCharactersAreCountedNotBytes) {
  // seven two-byte characters are 14 bytes but only 7 characters
  BOOST_TEST(!CheckPasswordPolicy("u", "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9").Ok());
}

BOOST_AUTO_TEST_CASE(HashIsArgon2idWithTheRequiredCostAndVerifies) {
  auto h = HashPassword("correct horse battery staple");
  BOOST_REQUIRE(h.Ok());
  BOOST_TEST(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0u, *h);
  BOOST_TEST(VerifyPassword(*h, "correct horse battery staple"));
  BOOST_TEST(!VerifyPassword(*h, "correct horse battery stapl"));
  BOOST_TEST(!VerifyPassword(*h, "correct horse battery staple "));  // no truncation, no trimming
  BOOST_TEST(!VerifyPassword("not a hash", "x"));
}

BOOST_AUTO_TEST_CASE(LongPassphrasesAreNotTruncated) {
  const std::string longPass(300, 'k');
  auto h = HashPassword(longPass);
  BOOST_REQUIRE(h.Ok());
  BOOST_TEST(!VerifyPassword(*h, longPass.substr(0, 299) + "j"));
  BOOST_TEST(VerifyPassword(*h, longPass));
}

BOOST_AUTO_TEST_SUITE_END()
