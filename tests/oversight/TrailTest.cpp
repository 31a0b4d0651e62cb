// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Trail.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

namespace platedesk::oversight::test {
namespace {

using Json = nlohmann::json;
const UtcMs kT = UtcFromCivil(2026, 11, 16, 10);

struct Log {
  std::vector<audit::StoredRecord> records;
  std::uint64_t Add(const std::string& event, const std::string& user, const std::string& caseNumber,
                    Json fields = Json::object(), const std::string& outcome = "success") {
    audit::StoredRecord r;
    r.seq = records.size() + 1;
    r.time = kT + static_cast<UtcMs>(r.seq) * kMsPerMinute;
    r.event = event;
    r.user = user;
    r.outcome = outcome;
    r.caseNumber = caseNumber;
    fields["event"] = event;
    fields["case"] = caseNumber;
    fields["outcome"] = outcome;
    r.canonical = fields.dump();
    records.push_back(r);
    return r.seq;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(SearchTrailTest)

BOOST_AUTO_TEST_CASE(ASearchOpensIntoItsQueryOutcomeAndWhatFollowedUnderItsCase) {
  Log log;
  log.Add("search.start", "d.other", "26-000001", {{"query", {{"plate", "ZZZ1"}}}});
  const auto start = log.Add("search.start", "d.reyes", "26-004512",
                             {{"query", {{"plate", "A*"}, {"limit", "50"}}},
                              {"justification", "Burglary series"},
                              {"purpose_text", "Investigation of a property crime"},
                              {"details", {{"approval", 4}, {"approved_by", "s.okafor"}}}});
  log.Add("search.result", "d.reyes", "26-004512", {{"result_count", 12}, {"details", {{"search_seq", "99"}}}});
  log.Add("search.result", "d.reyes", "26-004512",
          {{"result_count", 12}, {"details", {{"search_seq", std::to_string(start)}}}});
  log.Add("read.viewed", "d.reyes", "26-004512", {{"objects", {"read:3", "read:4"}}});
  log.Add("image.opened", "d.reyes", "26-000001", {{"objects", {"image:ab"}}});  // another case
  log.Add("export.start", "s.okafor", "26-004512", {{"objects", {"read:3", "image:ab", "read:4"}}});
  log.Add("login.success", "d.reyes", "");
  auto trail = TraceSearch(log.records, start);
  BOOST_REQUIRE(trail);
  BOOST_TEST(trail->user == "d.reyes");
  BOOST_TEST(trail->query.at("plate") == "A*");
  BOOST_TEST(trail->justification == "Burglary series");
  BOOST_TEST(trail->approval == "approval 4 by s.okafor");
  BOOST_TEST(trail->outcome == "success");
  BOOST_TEST(trail->resultCount.value_or(0) == 12U);
  BOOST_REQUIRE_EQUAL(trail->after.size(), 2U);
  BOOST_TEST(trail->after[0].summary == "2 reads opened");
  BOOST_TEST(trail->after[1].summary == "evidence export of 2 reads");
  BOOST_TEST(trail->after[1].user == "s.okafor");
  BOOST_TEST(!TraceSearch(log.records, start + 1));  // not a search.start
  BOOST_TEST(!TraceSearch(log.records, 999));
}

BOOST_AUTO_TEST_CASE(AWithheldSearchSaysSoAndBrokenRecordsAreSkipped) {
  Log log;
  const auto start = log.Add("search.start", "d.reyes", "26-004512", {{"query", {{"plate", "*"}}}});
  log.records.push_back({});  // a record that does not parse
  log.records.back().seq = 2;
  log.records.back().canonical = "{not json";
  log.records.back().caseNumber = "26-004512";
  log.Add("search.result", "d.reyes", "26-004512",
          {{"result_count", 25000},
           {"reason", "the search matched 25000 reads"},
           {"details", {{"search_seq", std::to_string(start)}}}},
          "refused");
  auto trail = TraceSearch(log.records, start);
  BOOST_REQUIRE(trail);
  BOOST_TEST(trail->outcome == "refused");
  BOOST_TEST(trail->reason == "the search matched 25000 reads");
  BOOST_TEST(trail->after.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk::oversight::test
