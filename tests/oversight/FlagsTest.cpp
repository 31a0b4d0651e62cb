// SPDX-License-Identifier: GPL-3.0-or-later
// One test per review flag on audit records made for it: it fires on the case made for it and not
// on routine use (a registered case, business hours, a full plate, a verified export).
#include "platedesk/oversight/Flags.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

using namespace platedesk;
using namespace platedesk::oversight;
using Json = nlohmann::json;

namespace {

const UtcMs kMonday = UtcFromCivil(2026, 11, 16, 10);  // 10:00 UTC
const UtcMs kFrom = UtcFromCivil(2026, 11, 16);
const UtcMs kTo = UtcFromCivil(2026, 11, 23);

struct Log {
  std::vector<audit::StoredRecord> records;
  std::map<std::string, bool> cases{{"26-004512", true}, {"26-003977", true}, {"25-000001", false}};
  FlagSettings settings;

  std::uint64_t Add(const std::string& event, const std::string& user, UtcMs time, Json fields = Json::object()) {
    audit::StoredRecord r;
    r.seq = records.size() + 1;
    r.time = time;
    r.event = event;
    r.user = user;
    r.outcome = "success";
    r.caseNumber = fields.value("case", "");
    fields["event"] = event;
    fields["user"] = user;
    r.canonical = fields.dump();
    records.push_back(r);
    return r.seq;
  }
  std::uint64_t Search(const std::string& user, UtcMs time, const std::string& plate,
                       const std::string& caseNumber = "26-004512",
                       const std::string& justification = "Burglary at 5th Ave, grey sedan") {
    Json query = Json::object();
    if (!plate.empty()) query["plate"] = plate;
    return Add("search.start", user, time, {{"case", caseNumber}, {"justification", justification}, {"query", query}});
  }
  std::vector<Flag> Flags() const { return ComputeFlags(records, kFrom, kTo, cases, settings); }
  std::vector<Flag> Of(FlagKind kind) const {
    std::vector<Flag> out;
    for (const auto& f : Flags())
      if (f.kind == kind) out.push_back(f);
    return out;
  }
};

bool On(const std::vector<Flag>& flags, std::uint64_t seq) {
  for (const auto& f : flags)
    if (f.seq == seq) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ReviewFlags)

BOOST_AUTO_TEST_CASE(RoutineUseRaisesNoFlag) {
  Log log;
  log.Search("d.reyes", kMonday, "ABC123");
  log.Add("read.verified", "d.reyes", kMonday + 1000, {{"case", "26-004512"}, {"objects", {"read:7"}}});
  log.Add("export.start", "d.reyes", kMonday + 2000, {{"case", "26-004512"}, {"objects", {"package:x", "read:7"}}});
  log.Add("search.result", "d.reyes", kMonday + 3000, {{"case", "26-004512"}, {"result_count", 12}});
  BOOST_TEST(log.Flags().empty());
}

BOOST_AUTO_TEST_CASE(UnregisteredAndClosedCases) {
  Log log;
  const auto routine = log.Search("d.reyes", kMonday, "ABC123");
  const auto made = log.Search("d.reyes", kMonday, "ABC123", "26-777777");
  const auto closed = log.Add("read.viewed", "d.reyes", kMonday, {{"case", "25-000001"}});
  BOOST_TEST(On(log.Of(FlagKind::UnregisteredCase), made));
  BOOST_TEST(!On(log.Of(FlagKind::UnregisteredCase), routine));
  BOOST_TEST(On(log.Of(FlagKind::ClosedCase), closed));
  BOOST_TEST(log.Of(FlagKind::ClosedCase).size() == 1u);
}

BOOST_AUTO_TEST_CASE(RefusalsFailedSignInsAndLockouts) {
  Log log;
  const auto refused =
      log.Add("search.refused", "d.reyes", kMonday,
              {{"case", "26-004512"}, {"reason", "the purpose is prohibited (Immigration enforcement)"}});
  const auto failed = log.Add("login.failure", "d.reyes", kMonday, {{"reason", "wrong password"}});
  const auto locked = log.Add("account.locked", "d.reyes", kMonday);
  log.Add("login.success", "d.reyes", kMonday);
  auto r = log.Of(FlagKind::Refused);
  BOOST_TEST_REQUIRE(r.size() == 1u);
  BOOST_TEST(r[0].seq == refused);
  BOOST_TEST(r[0].reason.find("Immigration enforcement") != std::string::npos);
  BOOST_TEST(On(log.Of(FlagKind::FailedSignIn), failed));
  BOOST_TEST(On(log.Of(FlagKind::Lockout), locked));
  BOOST_TEST(log.Of(FlagKind::FailedSignIn).size() == 1u);
}

BOOST_AUTO_TEST_CASE(AfterHoursUseByTheAgencysClock) {
  Log log;
  const auto day = log.Search("d.reyes", kMonday, "ABC123");
  const auto night = log.Search("d.reyes", kFrom + 2 * kMsPerHour + 5 * kMsPerMinute, "ABC123");
  auto flags = log.Of(FlagKind::AfterHours);
  BOOST_TEST(On(flags, night));
  BOOST_TEST(!On(flags, day));
  BOOST_TEST(flags.front().reason.find("between 02:00 and 03:00") != std::string::npos, flags.front().reason);
  // The agency's clock: 10:00 UTC is 02:00 at UTC-8.
  log.settings.localHour = [](UtcMs t) { return static_cast<int>(((t - 8 * kMsPerHour) / kMsPerHour) % 24); };
  BOOST_TEST(On(log.Of(FlagKind::AfterHours), day));
}

BOOST_AUTO_TEST_CASE(UnusualVolumeAgainstTheUsersOwnHistory) {
  Log log;
  // Eight weeks of two searches a day, then 40 in one day.
  for (int d = 56; d >= 1; --d)
    for (int i = 0; i < 2; ++i) log.Search("d.reyes", kMonday - d * kMsPerDay + i * kMsPerMinute, "ABC123");
  for (int i = 0; i < 40; ++i) log.Search("d.reyes", kMonday + i * kMsPerMinute, "ABC123");
  // Another user with a busy but usual day: 25 searches a day for eight weeks and today.
  for (int d = 56; d >= 0; --d)
    for (int i = 0; i < 25; ++i) log.Search("s.okafor", kMonday - d * kMsPerDay + i * kMsPerMinute, "ABC123");
  auto flags = log.Of(FlagKind::UnusualVolume);
  BOOST_TEST_REQUIRE(flags.size() == 1u);
  BOOST_TEST(flags[0].user == "d.reyes");
  BOOST_TEST(flags[0].reason.find("40 searches") != std::string::npos, flags[0].reason);
}

BOOST_AUTO_TEST_CASE(ThePlateSearchedByUsersUnderDifferentCases) {
  Log log;
  const auto a = log.Search("d.reyes", kMonday, "XYZ789", "26-004512");
  const auto b = log.Search("m.chen", kMonday + 1000, "XYZ789", "26-003977", "Hit and run, silver van");
  const auto shared = log.Search("s.okafor", kMonday, "KLM456", "26-004512");
  log.Search("d.reyes", kMonday + 1000, "KLM456", "26-004512");  // same case: a shared investigation
  auto flags = log.Of(FlagKind::SharedPlate);
  BOOST_TEST(On(flags, a));
  BOOST_TEST(On(flags, b));
  BOOST_TEST(!On(flags, shared));
}

BOOST_AUTO_TEST_CASE(BroadSearches) {
  Log log;
  const auto full = log.Search("d.reyes", kMonday, "ABC123");
  const auto wildcard = log.Search("d.reyes", kMonday, "A?*");
  const auto vehicleOnly = log.Search("d.reyes", kMonday, "");
  const auto scenes =
      log.Add("search.start", "s.okafor", kMonday,
              {{"case", "26-004512"}, {"query", {{"kind", "multi-scene (broad search)"}, {"scenes", "3"}}}});
  const auto huge = log.Add("search.result", "d.reyes", kMonday, {{"case", "26-004512"}, {"result_count", 250000}});
  auto flags = log.Of(FlagKind::BroadSearch);
  BOOST_TEST(!On(flags, full));
  BOOST_TEST(On(flags, wildcard));
  BOOST_TEST(On(flags, vehicleOnly));
  BOOST_TEST(On(flags, scenes));
  BOOST_TEST(On(flags, huge));
  // One that ran under a supervisor's approval is still flagged, and says whose.
  const auto approved = log.Add("search.start", "d.reyes", kMonday,
                                {{"case", "26-004512"},
                                 {"query", {{"plate", "A*"}}},
                                 {"details", {{"approval", 4}, {"approved_by", "s.okafor"}}}});
  for (const auto& f : log.Of(FlagKind::BroadSearch))
    if (f.seq == approved)
      BOOST_TEST(f.reason == "the pattern A* pins down fewer than 3 characters, approved by s.okafor");
  BOOST_TEST(On(log.Of(FlagKind::BroadSearch), approved));
}

BOOST_AUTO_TEST_CASE(AJustificationRepeatedWordForWordAcrossCases) {
  Log log;
  const auto a = log.Search("d.reyes", kMonday, "ABC123", "26-004512", "Routine  check");
  const auto b = log.Search("d.reyes", kMonday, "DEF456", "26-003977", "routine check");
  const auto own = log.Search("d.reyes", kMonday, "GHI789", "26-004512", "Burglary at 5th Ave");
  log.Search("d.reyes", kMonday, "GHI780", "26-004512", "Burglary at 5th Ave");
  auto flags = log.Of(FlagKind::RepeatedJustification);
  BOOST_TEST(On(flags, a));
  BOOST_TEST(On(flags, b));
  BOOST_TEST(!On(flags, own));
}

BOOST_AUTO_TEST_CASE(ExportedReadsNobodyVerified) {
  Log log;
  log.Add("read.verified", "d.reyes", kMonday - 30 * kMsPerDay, {{"case", "26-004512"}, {"objects", {"read:1"}}});
  const auto partly = log.Add("export.start", "d.reyes", kMonday,
                              {{"case", "26-004512"}, {"objects", {"package:p", "read:1", "read:2", "image:x"}}});
  const auto verified =
      log.Add("export.start", "d.reyes", kMonday, {{"case", "26-004512"}, {"objects", {"package:q", "read:1"}}});
  auto flags = log.Of(FlagKind::ExportedUnverified);
  BOOST_TEST_REQUIRE(flags.size() == 1u);
  BOOST_TEST(flags[0].seq == partly);
  BOOST_TEST(flags[0].reason.find("1 of 2") != std::string::npos, flags[0].reason);
  BOOST_TEST(!On(flags, verified));
}

BOOST_AUTO_TEST_CASE(SearchesForStaffVehicles) {
  Log log;
  log.settings.staffVehicles = {"CHIEF01"};
  const auto staff = log.Search("d.reyes", kMonday, "CHIEF01");
  const auto other = log.Search("d.reyes", kMonday, "ABC123");
  BOOST_TEST(On(log.Of(FlagKind::StaffVehicle), staff));
  BOOST_TEST(!On(log.Of(FlagKind::StaffVehicle), other));
}

BOOST_AUTO_TEST_CASE(OnlyThePeriodIsFlaggedAndBrokenRecordsFlagNothing) {
  Log log;
  log.Search("d.reyes", kFrom - kMsPerDay, "A*", "26-777777");  // before the period
  log.Search("d.reyes", kTo, "A*", "26-777777");                // its end is exclusive
  audit::StoredRecord broken;
  broken.seq = 99;
  broken.time = kMonday;
  broken.event = "search.start";
  broken.canonical = "{not json";
  log.records.push_back(broken);
  audit::StoredRecord pruned = broken;
  pruned.pruned = true;
  pruned.canonical.clear();
  log.records.push_back(pruned);
  BOOST_TEST(log.Flags().empty());
  for (auto k : AllFlagKinds()) BOOST_TEST((ParseFlagKind(FlagKindName(k)) == k));
  BOOST_TEST(!ParseFlagKind("nosy").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
