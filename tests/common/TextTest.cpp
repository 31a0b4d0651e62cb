// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Result.h"
#include "platedesk/common/Text.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;

BOOST_AUTO_TEST_SUITE(TextTest)

BOOST_AUTO_TEST_CASE(SplitKeepsEmptyFields) {
  const auto v = Split("a,,b,", ',');
  BOOST_TEST(v.size() == 4u);
  BOOST_TEST(v[1] == "");
  BOOST_TEST(v[2] == "b");
}

BOOST_AUTO_TEST_CASE(Utf8ValidationRejectsOverlongAndTruncated) {
  BOOST_TEST(IsValidUtf8("plain"));
  BOOST_TEST(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x93"));
  BOOST_TEST(!IsValidUtf8("\xC0\xAF"));      // overlong '/'
  BOOST_TEST(!IsValidUtf8("\xE2\x82"));      // truncated
  BOOST_TEST(!IsValidUtf8("\xED\xA0\x80"));  // surrogate
  BOOST_TEST(!IsValidUtf8("\xFF"));
}

BOOST_AUTO_TEST_CASE(HtmlEscapingLeavesNoMarkup) {
  BOOST_TEST(EscapeHtml("<img src=x onerror='a(\"1\")'> & more") ==
             "&lt;img src=x onerror=&#39;a(&quot;1&quot;)&#39;&gt; &amp; more");
  BOOST_TEST(EscapeHtml("Rainier Ave S \xC3\xA9") == "Rainier Ave S \xC3\xA9");
}

BOOST_AUTO_TEST_CASE(TrimsAndChangesCase) {
  BOOST_TEST(Trim("  ab c\t\n") == "ab c");
  BOOST_TEST(ToUpperAscii("us-mo") == "US-MO");
  BOOST_TEST(ToLowerAscii("ABC") == "abc");
  BOOST_TEST(FormatBytes(1536) == "1.5 KiB");
}

BOOST_AUTO_TEST_CASE(ResultCarriesValueOrError) {
  Result<int> ok = 5;
  Result<int> bad = Fail(ErrorCode::NotFound, "gone", "ctx");
  BOOST_TEST(ok.Ok());
  BOOST_TEST(*ok == 5);
  BOOST_TEST(!bad.Ok());
  BOOST_TEST(bad.Err().ToString() == "gone (ctx)");
  BOOST_TEST(std::string(ErrorCodeName(bad.Err().code)) == "not-found");
}

BOOST_AUTO_TEST_SUITE_END()
