// SPDX-License-Identifier: GPL-3.0-or-later
#include "Json.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace platedesk::ingest::json;

namespace {

bool Accepts(std::string_view text, ParseError* err = nullptr) {
  Document doc;
  ParseError e;
  const bool ok = doc.Parse(text, e);
  if (err) *err = e;
  return ok;
}

bool NlohmannAccepts(std::string_view text) {
  try {
    const auto parsed = nlohmann::json::parse(text);
    return !parsed.is_discarded();
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(JsonTest)

BOOST_AUTO_TEST_CASE(ParsesNestedValuesAndFindsMembers) {
  Document doc;
  ParseError e;
  const std::string text =
      R"( {"a": 1, "b": [true, false, null, "x", -2.5e3], "c": {"d": "e"}, "id": 12345678901234567890} )";
  BOOST_REQUIRE(doc.Parse(text, e));
  const Value root = doc.Root();
  BOOST_TEST(root.IsObject());
  BOOST_TEST(root.Size() == 4u);
  BOOST_TEST(root.Find("a")->AsNumber() == 1.0);
  BOOST_TEST(root.Find("a")->IsInteger());
  const Value b = *root.Find("b");
  BOOST_TEST(b.Size() == 5u);
  BOOST_TEST(b.At(0)->AsBool());
  BOOST_TEST(!b.At(1)->AsBool());
  BOOST_TEST(b.At(2)->IsNull());
  BOOST_TEST(b.At(3)->AsString() == "x");
  BOOST_TEST(b.At(4)->AsNumber() == -2500.0);
  BOOST_TEST(!b.At(4)->IsInteger());
  BOOST_TEST(!b.At(5).has_value());
  BOOST_TEST(root.Find("c")->Find("d")->AsString() == "e");
  BOOST_TEST(root.Find("id")->NumberText() == "12345678901234567890");
  BOOST_TEST(!root.Find("missing").has_value());
  std::vector<std::string> keys;
  for (auto it = root.begin(); it != root.end(); ++it) keys.emplace_back(it.Key());
  BOOST_TEST((keys == std::vector<std::string>{"a", "b", "c", "id"}));
}

BOOST_AUTO_TEST_CASE(DecodesEscapesAndSurrogatePairs) {
  Document doc;
  ParseError e;
  BOOST_REQUIRE(doc.Parse(R"(["caf\u00e9", "\ud83d\ude00", "a\"b\\c\/d\n\t", "plain é"])", e));
  const Value root = doc.Root();
  BOOST_TEST(root.At(0)->AsString() == "caf\xC3\xA9");
  BOOST_TEST(root.At(1)->AsString() == "\xF0\x9F\x98\x80");
  BOOST_TEST(root.At(2)->AsString() == "a\"b\\c/d\n\t");
  BOOST_TEST(root.At(3)->AsString() == "plain \xC3\xA9");
}

BOOST_AUTO_TEST_CASE(RefusesNonStrictJsonWithThePosition) {
  ParseError e;
  BOOST_TEST(!Accepts("{\n  \"a\": 1,\n}", &e));
  const TextPosition pos = PositionOf("{\n  \"a\": 1,\n}", e.offset);
  BOOST_TEST(pos.line == 3);
  BOOST_TEST(pos.column == 1);
  BOOST_TEST(e.message.find("expected a key") != std::string::npos);
  for (const char* bad : {"[1,]", "{'a':1}", "[NaN]", "[Infinity]", "[01]", "[1.]", "[.5]", "[+1]", "// c\n1",
                          "[1] [2]", "", "   ", "tru", "nul", "[\"a\" \"b\"]", "{\"a\" 1}", "[1e]", "[-]"}) {
    BOOST_TEST(!Accepts(bad), bad);
  }
  // A NUL byte is not the end of the input (nlohmann stops there; a record must not hide bytes).
  BOOST_TEST(!Accepts(std::string_view("{}\0{\"x\":1}", 10)));
}

BOOST_AUTO_TEST_CASE(RefusesBadStrings) {
  BOOST_TEST(!Accepts("[\"a\x01\"]"));             // control character
  BOOST_TEST(!Accepts("[\"\xC3\x28\"]"));          // invalid UTF-8
  BOOST_TEST(!Accepts("[\"\xC0\xAF\"]"));          // overlong
  BOOST_TEST(!Accepts("[\"\xED\xA0\x80\"]"));      // encoded surrogate
  BOOST_TEST(!Accepts("[\"\xF4\x90\x80\x80\"]"));  // beyond U+10FFFF
  BOOST_TEST(!Accepts("[\"\\ud83d\"]"));           // lone high surrogate
  BOOST_TEST(!Accepts("[\"\\ude00\"]"));           // lone low surrogate
  BOOST_TEST(!Accepts("[\"\\x41\"]"));             // unknown escape
  BOOST_TEST(!Accepts("[\"\\u12G4\"]"));           // bad hex
  BOOST_TEST(!Accepts("[\"abc"));                  // unterminated
  BOOST_TEST(Accepts("[\"\\u0000\"]"));            // NUL by escape is a valid string
}

BOOST_AUTO_TEST_CASE(RefusesDuplicateKeysInSmallAndLargeObjects) {
  ParseError e;
  BOOST_TEST(!Accepts(R"({"plate":"A","plate":"B"})", &e));
  BOOST_TEST(e.message.find("duplicate key \"plate\"") != std::string::npos);
  std::string big = "{";
  for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  BOOST_TEST(Accepts(big + "\"last\":0}"));
  BOOST_TEST(!Accepts(big + "\"k17\":0}"));
  BOOST_TEST(Accepts(R"({"a":{"x":1},"b":{"x":2}})"));  // same key in different objects is fine
}

BOOST_AUTO_TEST_CASE(LimitsNestingDepth) {
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  ParseError e;
  BOOST_TEST(Accepts(ok));
  BOOST_TEST(!Accepts(deep, &e));
  BOOST_TEST(e.message.find("nesting deeper") != std::string::npos);
  BOOST_TEST(!Accepts(std::string(1'000'000, '[')));  // no recursion blow-up
}

BOOST_AUTO_TEST_CASE(RefusesOverflowButReadsUnderflowAsZero) {
  ParseError e;
  BOOST_TEST(!Accepts("[1e400]", &e));
  BOOST_TEST(e.message == "number out of range");
  BOOST_TEST(!Accepts("[-1e400]"));
  BOOST_TEST(!Accepts("[" + std::string(400, '9') + "]"));
  Document doc;
  BOOST_REQUIRE(doc.Parse("[1e-400, 0.000000000000000000000000000000001]", e));
  BOOST_TEST(doc.Root().At(0)->AsNumber() == 0.0);
  BOOST_TEST(doc.Root().At(1)->AsNumber() > 0.0);
}

BOOST_AUTO_TEST_CASE(AgreesWithNlohmannOnAcceptance) {
  const std::vector<std::string> inputs = {"{}",
                                           "[]",
                                           "0",
                                           "-0",
                                           "1.5e+10",
                                           "\"\"",
                                           "null",
                                           "[1,2,[3,{\"a\":[]}]]",
                                           "{\"a\":\"\\u00e9\"}",
                                           "[1,]",
                                           "{,}",
                                           "[01]",
                                           "[1 2]",
                                           "{\"a\":}",
                                           "[\"\\ud800\\udc00\"]",
                                           "[\"\\ud800x\"]",
                                           " \t\r\n[ ] ",
                                           "[1e400]",
                                           "[\"\xff\"]",
                                           "[\"\xe2\x82\xac\"]",
                                           "{\"a\":1}x",
                                           "[-01]",
                                           "[0e5]",
                                           "[0.0e-0]",
                                           "[1E+2]",
                                           "[true,false,null]",
                                           "[tRue]",
                                           "\"a\\/b\"",
                                           "[\"\\u000g\"]",
                                           "[\"tab\there\"]"};
  for (const std::string& in : inputs) BOOST_TEST(Accepts(in) == NlohmannAccepts(in), in);
}

BOOST_AUTO_TEST_CASE(PositionsAreOneBasedLinesAndColumns) {
  const std::string text = "ab\ncd\n\nef";
  BOOST_TEST(PositionOf(text, 0).line == 1);
  BOOST_TEST(PositionOf(text, 0).column == 1);
  BOOST_TEST(PositionOf(text, 4).line == 2);
  BOOST_TEST(PositionOf(text, 4).column == 2);
  BOOST_TEST(PositionOf(text, 7).line == 4);
  BOOST_TEST(PositionOf(text, 7).column == 1);
}

BOOST_AUTO_TEST_SUITE_END()
