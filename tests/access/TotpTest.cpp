// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Totp.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::access;

namespace {
// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const std::string kRfcSecret = Base32Encode("12345678901234567890");
}  // namespace

BOOST_AUTO_TEST_SUITE(TotpTest)

BOOST_AUTO_TEST_CASE(MatchesRfc6238Sha1Vectors) {
  const std::pair<std::int64_t, const char*> vectors[] = {{59, "94287082"},         {1111111109, "07081804"},
                                                          {1111111111, "14050471"}, {1234567890, "89005924"},
                                                          {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& [seconds, code] : vectors)
    BOOST_TEST(Totp::CodeAt(kRfcSecret, Totp::StepAt(seconds * 1000), 8).Value() == code);
}

BOOST_AUTO_TEST_CASE(Base32RoundTripsAndMatchesRfc4648) {
  BOOST_TEST(Base32Encode("foobar") == "MZXW6YTBOI");
  BOOST_TEST(Base32Decode("mzxw6ytboi======").value() == "foobar");
  BOOST_TEST(!Base32Decode("MZXW1").has_value());  // '1' is not in the alphabet
}

BOOST_AUTO_TEST_CASE(AcceptsOneStepEitherSideAndNothingFurther) {
  const std::string secret = Totp::NewSecret();
  const UtcMs now = UtcFromCivil(2026, 11, 24, 10, 0, 15);
  const auto step = Totp::StepAt(now);
  for (int d : {-1, 0, 1}) BOOST_TEST(Totp::Verify(secret, Totp::CodeAt(secret, step + d).Value(), now, 0).Ok());
  for (int d : {-3, -2, 2, 3}) BOOST_TEST(!Totp::Verify(secret, Totp::CodeAt(secret, step + d).Value(), now, 0).Ok());
}

BOOST_AUTO_TEST_CASE(EachCodeIsAcceptedOnce) {
  const std::string secret = Totp::NewSecret();
  const UtcMs now = UtcFromCivil(2026, 11, 24, 10, 0, 0);
  const std::string code = Totp::CodeAt(secret, Totp::StepAt(now)).Value();
  auto first = Totp::Verify(secret, code, now, 0);
  BOOST_REQUIRE(first.Ok());
  auto replay = Totp::Verify(secret, code, now + 5000, *first);
  BOOST_REQUIRE(!replay.Ok());
  BOOST_TEST(replay.Err().message.find("already used") != std::string::npos);
  // An older code from the previous step is refused too once a newer one was accepted.
  auto older = Totp::Verify(secret, Totp::CodeAt(secret, *first - 1).Value(), now, *first);
  BOOST_TEST(!older.Ok());
}

BOOST_AUTO_TEST_CASE(UriCarriesTheParametersAuthenticatorAppsNeed) {
  const auto uri = Totp::Uri("PlateDesk County PD", "d.reyes", "JBSWY3DPEHPK3PXP");
  BOOST_TEST(uri ==
             "otpauth://totp/"
             "PlateDesk%20County%20PD:d.reyes?secret=JBSWY3DPEHPK3PXP&issuer=PlateDesk%20County%20PD&algorithm=SHA1&"
             "digits=6&period=30");
}

BOOST_AUTO_TEST_SUITE_END()
