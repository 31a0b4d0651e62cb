// SPDX-License-Identifier: GPL-3.0-or-later
#include "Base64.h"

#include <boost/test/unit_test.hpp>

using platedesk::ingest::DecodeBase64;

BOOST_AUTO_TEST_SUITE(Base64Test)

BOOST_AUTO_TEST_CASE(DecodesTheRfc4648Vectors) {
  BOOST_TEST(DecodeBase64("").Value() == "");
  BOOST_TEST(DecodeBase64("Zg==").Value() == "f");
  BOOST_TEST(DecodeBase64("Zm8=").Value() == "fo");
  BOOST_TEST(DecodeBase64("Zm9v").Value() == "foo");
  BOOST_TEST(DecodeBase64("Zm9vYg==").Value() == "foob");
  BOOST_TEST(DecodeBase64("Zm9vYmE=").Value() == "fooba");
  BOOST_TEST(DecodeBase64("Zm9vYmFy").Value() == "foobar");
  BOOST_TEST(DecodeBase64("+/+/").Value() == "\xfb\xff\xbf");
}

BOOST_AUTO_TEST_CASE(AcceptsMissingPaddingAndLineBreaks) {
  BOOST_TEST(DecodeBase64("Zg").Value() == "f");
  BOOST_TEST(DecodeBase64("Zm8").Value() == "fo");
  BOOST_TEST(DecodeBase64("Zm9v\r\nYmFy\n").Value() == "foobar");
}

BOOST_AUTO_TEST_CASE(RefusesCharactersOutsideTheAlphabetNamingTheIndex) {
  auto r = DecodeBase64("Zm9v YmFy");
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.Err().message.find("character 4") != std::string::npos);
  BOOST_TEST(!DecodeBase64("Zm9v-_").Ok());  // the URL alphabet is not base64
  BOOST_TEST(!DecodeBase64("...base64 jpeg data...").Ok());
}

BOOST_AUTO_TEST_CASE(RefusesDataThatWasCut) {
  BOOST_TEST(!DecodeBase64("Z").Ok());   // a lone final character
  BOOST_TEST(!DecodeBase64("Zh").Ok());  // unused bits set: not what an encoder writes
  BOOST_TEST(!DecodeBase64("Zm9").Ok());
  BOOST_TEST(DecodeBase64("Zm8").Ok());
}

BOOST_AUTO_TEST_CASE(RefusesMisplacedPadding) {
  BOOST_TEST(!DecodeBase64("Z===").Ok());
  BOOST_TEST(!DecodeBase64("Zg=").Ok());
  BOOST_TEST(!DecodeBase64("Zg==Zg==").Ok());
  BOOST_TEST(!DecodeBase64("=Zg=").Ok());
  BOOST_TEST(!DecodeBase64("Zm9v=").Ok());
}

BOOST_AUTO_TEST_SUITE_END()
