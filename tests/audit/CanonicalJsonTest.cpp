// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/CanonicalJson.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::audit;

namespace {
std::string Canon(std::string_view text) {
  auto r = CanonicalizeJson(text);
  BOOST_REQUIRE_MESSAGE(r.Ok(), std::string(text) + ": " + (r.Ok() ? "" : r.Err().ToString()));
  return *r;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(CanonicalJsonTest)

BOOST_AUTO_TEST_CASE(SortsKeysByBytesAndDropsWhiteSpace) {
  BOOST_TEST(Canon(R"( { "b" : 1 , "a" : [ true , false , null ] , "A": {"z":"", "y": -3} } )") ==
             R"({"A":{"y":-3,"z":""},"a":[true,false,null],"b":1})");
  // Byte order puts upper case before lower case and multi-byte UTF-8 after ASCII.
  BOOST_TEST(Canon("{\"\xC3\xA9\":1,\"z\":2,\"Z\":3}") == "{\"Z\":3,\"z\":2,\"\xC3\xA9\":1}");
}

BOOST_AUTO_TEST_CASE(EscapesOnlyQuotesBackslashesAndControlCharacters) {
  BOOST_TEST(Canon(R"(["a\"b\\c", "\u0001\b\t\n\f\r\u001f", "\u00e9\u20ac", "\/", "\u007f"])") ==
             "[\"a\\\"b\\\\c\",\"\\u0001\\b\\t\\n\\f\\r\\u001f\",\"\xC3\xA9\xE2\x82\xAC\",\"/\",\"\x7F\"]");
  // Characters outside the BMP stay raw UTF-8 (from a surrogate pair in the input).
  BOOST_TEST(Canon(R"("\ud83d\ude97")") == "\"\xF0\x9F\x9A\x97\"");
}

BOOST_AUTO_TEST_CASE(RefusesFloatingPointNumbers) {
  for (const char* text : {"1.5", "[1.0]", "{\"a\":1e3}", "-0.0", "2E-1"}) {
    auto r = CanonicalizeJson(text);
    BOOST_TEST(!r.Ok(), text);
    if (!r.Ok()) BOOST_TEST((r.Err().code == ErrorCode::InvalidArgument));
  }
}

BOOST_AUTO_TEST_CASE(AcceptsIntegersOnlyWithinTheExactDoubleRange) {
  BOOST_TEST(Canon("[9007199254740991,-9007199254740991,0,-1]") == "[9007199254740991,-9007199254740991,0,-1]");
  BOOST_TEST(!CanonicalizeJson("9007199254740992").Ok());
  BOOST_TEST(!CanonicalizeJson("-9007199254740992").Ok());
  BOOST_TEST(!CanonicalizeJson("18446744073709551615").Ok());
}

BOOST_AUTO_TEST_CASE(RefusesDuplicateKeysInvalidJsonAndInvalidUtf8) {
  BOOST_TEST(!CanonicalizeJson(R"({"a":1,"a":2})").Ok());
  BOOST_TEST(!CanonicalizeJson(R"({"x":{"a":1,"a":1}})").Ok());
  BOOST_TEST(Canon(R"([{"a":1},{"a":2}])") == R"([{"a":1},{"a":2}])");  // same key in sibling objects is fine
  BOOST_TEST(!CanonicalizeJson("{\"a\":1,}").Ok());
  BOOST_TEST(!CanonicalizeJson("{\"a\":1} x").Ok());
  BOOST_TEST(!CanonicalizeJson("\"\xC3\x28\"").Ok());
  BOOST_TEST(!CanonicalizeJson("").Ok());
}

BOOST_AUTO_TEST_CASE(CanonicalFormIsAFixedPoint) {
  const std::string once = Canon(R"({"query":{"plate":"AB?12*","from":"2026-01-01"},"seq":7,"note":"line\nbreak"})");
  BOOST_TEST(Canon(once) == once);
}

BOOST_AUTO_TEST_SUITE_END()
