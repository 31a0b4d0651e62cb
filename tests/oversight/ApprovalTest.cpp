// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Approval.h"

#include <boost/test/unit_test.hpp>

#include <map>

namespace platedesk::oversight::test {
namespace {

SearchBreadth Plate(std::string pattern, std::size_t limit = 100) {
  SearchBreadth b;
  b.plate = std::move(pattern);
  b.cameras = 40;
  b.limit = limit;
  return b;
}

SearchBreadth VehicleOnly(std::size_t cameras, std::optional<UtcMs> window) {
  SearchBreadth b;
  b.cameras = cameras;
  b.window = window;
  b.limit = 100;
  return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ApprovalTest)

BOOST_AUTO_TEST_CASE(RoutineSearchesNeedNoApproval) {
  const ApprovalRules rules;
  BOOST_TEST(ApprovalReasons(Plate("7AB1234"), rules).empty());
  BOOST_TEST(ApprovalReasons(Plate("*7AB*"), rules).empty());
  BOOST_TEST(ApprovalReasons(Plate("7AB*", rules.limitCap), rules).empty());
  BOOST_TEST(ApprovalReasons(VehicleOnly(10, 24 * kMsPerHour), rules).empty());
}

BOOST_AUTO_TEST_CASE(EachBroadSearchNamesItsReason) {
  const ApprovalRules rules;
  auto one = [&](const SearchBreadth& b) {
    auto why = ApprovalReasons(b, rules);
    BOOST_REQUIRE_EQUAL(why.size(), 1U);
    return why.front();
  };
  BOOST_TEST(one(Plate("*7*")) == "the pattern *7* pins down fewer than 3 characters");
  BOOST_TEST(one(Plate("[AB][CD]1*")) == "the pattern [AB][CD]1* pins down fewer than 3 characters");
  BOOST_TEST(one(VehicleOnly(11, kMsPerHour)) == "a vehicle-only search over 11 cameras (more than 10)");
  BOOST_TEST(one(VehicleOnly(2, 25 * kMsPerHour)) == "a vehicle-only search over 25 hours (more than 24)");
  BOOST_TEST(one(VehicleOnly(2, std::nullopt)) == "a vehicle-only search without a time window (more than 24 hours)");
  BOOST_TEST(one(Plate("7AB1234", 0)) == "every matching read (no limit; the agency's cap is 1000)");
  BOOST_TEST(one(Plate("7AB1234", 1001)) == "a limit of 1001 results (the agency's cap is 1000)");
  SearchBreadth scenes;
  scenes.multiScene = true;
  BOOST_TEST(one(scenes) == "a multi-scene search is a broad search");
  BOOST_TEST(ApprovalReasons(VehicleOnly(50, std::nullopt), rules).size() == 2U);
}

BOOST_AUTO_TEST_CASE(SettingsAreReadAndCheckedWithTheirRanges) {
  std::map<std::string, std::string> set{{"approval_min_fixed", "2"},     {"approval_vehicle_cameras", "4"},
                                         {"approval_vehicle_hours", "6"}, {"approval_result_reads", "0"},
                                         {"search_limit_cap", "250"},     {"approval_hours", "8"}};
  auto get = [&](std::string_view key) -> Result<std::optional<std::string>> {
    auto it = set.find(std::string(key));
    return it == set.end() ? std::optional<std::string>() : std::optional<std::string>(it->second);
  };
  auto rules = ApprovalRulesFrom(get);
  BOOST_REQUIRE(rules);
  BOOST_TEST((*rules == ApprovalRules{2, 4, 6, 0, 250, 8}));
  BOOST_TEST(ApprovalReasons(Plate("*7A*", 250), *rules).empty());
  for (const auto& [key, bad] : std::vector<std::pair<std::string, std::string>>{{"approval_hours", "0"},
                                                                                 {"approval_hours", "169"},
                                                                                 {"search_limit_cap", "0"},
                                                                                 {"approval_min_fixed", "three"},
                                                                                 {"approval_vehicle_hours", "2.5"}}) {
    auto saved = set[key];
    set[key] = bad;
    auto parsed = ApprovalRulesFrom(get);
    BOOST_TEST_INFO(key << "=" << bad);
    BOOST_REQUIRE(!parsed);
    BOOST_TEST((parsed.Err().code == ErrorCode::Corrupt));
    set[key] = saved;
  }
  set.clear();
  BOOST_TEST((*ApprovalRulesFrom(get) == ApprovalRules{}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::oversight::test
