// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Hash.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;

BOOST_AUTO_TEST_SUITE(HashTest)

BOOST_AUTO_TEST_CASE(Sha256MatchesFipsVectors) {
  BOOST_TEST(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(StreamEqualsOneShot) {
  Sha256Stream s;
  s.Update("a");
  s.Update("bc");
  BOOST_TEST(ToHex(s.Finish()) == Sha256Hex("abc"));
}

BOOST_AUTO_TEST_CASE(RecognisesHexDigests) {
  BOOST_TEST(IsSha256Hex(Sha256Hex("x")));
  BOOST_TEST(!IsSha256Hex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"));
  BOOST_TEST(!IsSha256Hex("abc"));
}

BOOST_AUTO_TEST_CASE(RandomHexHasRequestedLengthAndVaries) {
  const auto a = RandomHex(16), b = RandomHex(16);
  BOOST_TEST(a.size() == 32u);
  BOOST_TEST(a != b);
}

BOOST_AUTO_TEST_CASE(Base64RoundTripsEveryLengthAndMatchesRfc4648) {
  // RFC 4648 section 10 test vectors.
  BOOST_TEST(Base64Encode("") == "");
  BOOST_TEST(Base64Encode("f") == "Zg==");
  BOOST_TEST(Base64Encode("fo") == "Zm8=");
  BOOST_TEST(Base64Encode("foobar") == "Zm9vYmFy");
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    auto decoded = Base64Decode(Base64Encode(bytes));
    BOOST_TEST_REQUIRE(decoded.Ok());
    BOOST_TEST(*decoded == bytes);
    bytes.push_back(static_cast<char>((i * 37) & 0xff));
  }
}

BOOST_AUTO_TEST_CASE(Base64DecodeRefusesAnythingButTheCanonicalForm) {
  for (const char* bad : {"Zg=", "Zg", "Zm9v YmFy", "Zm9v\nYmFy", "Zh==", "Zg==Zg==", "Zm8*", "====", "Z==="}) {
    auto decoded = Base64Decode(bad);
    BOOST_TEST(!decoded.Ok(), bad);
    if (!decoded.Ok()) BOOST_TEST((decoded.Err().code == ErrorCode::InvalidArgument));
  }
  // An embedded NUL is not a base64 character either.
  BOOST_TEST(!Base64Decode(std::string_view("Zm9v\0mFy", 8)).Ok());
}

BOOST_AUTO_TEST_SUITE_END()
