// SPDX-License-Identifier: GPL-3.0-or-later
// The facade's contract: every method that returns plate data writes exactly one audit event,
// with every mandatory field, before it returns anything; and fails when the audit log cannot write.
#include "WorkstationTestSupport.h"

#include "platedesk/audit/EventCatalogue.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <functional>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct DataMethod {
  const char* name;
  std::vector<const char*> events;  ///< what one call records, in order (searches: before and after)
  std::function<bool(Session&, const AccessContext&, AgencyFixture&)> call;
};

// Every Session method that takes an AccessContext, i.e. returns plate data. The test below checks
// this table against the header, so a new data method cannot be added without being covered here.
const std::vector<DataMethod>& DataMethods() {
  static const std::vector<DataMethod> kMethods = {
      {"GetReads",
       {"read.viewed"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) { return s.GetReads(c, f.ReadIds()).Ok(); }},
      {"GetImage",
       {"image.opened"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) { return s.GetImage(c, f.imageSha).Ok(); }},
      {"GetPlateImages",
       {"image.opened"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         auto crops = s.GetPlateImages(c, f.ReadIds());
         return crops.Ok() && crops->size() == 3u && !crops->front().bytes.empty();
       }},
      {"VerifyRead",
       {"read.verified"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) { return s.VerifyRead(c, f.reads[0]).Ok(); }},
      {"ReportMisread",
       {"read.corrected"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         return s.ReportMisread(c, f.reads[0], "ABC128", "WA", "the crop shows an 8").Ok();
       }},
      {"GetReadChecks",
       {"read.viewed"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) { return s.GetReadChecks(c, f.reads[0]).Ok(); }},
      {"SaveResults",
       {"search.start", "search.result", "results.saved"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         search::Query q;  // only the rows of a search it ran can be saved
         q.plate = "ABC12?";
         if (!s.Search(c, q).Ok()) return false;
         auto saved = s.SaveResults(c, q, f.ReadIds(), "csv");
         return saved.Ok() && saved->reads == 3u;
       }},
      {"Search",
       {"search.start", "search.result"},
       [](Session& s, const AccessContext& c, AgencyFixture&) {
         search::Query q;
         q.plate = "ABC12?";
         auto r = s.Search(c, q);
         return r.Ok() && r->result.totalMatches == 3;
       }},
      {"MultiScene",
       {"search.start", "search.result"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         AccessContext approved = c;  // a broad search: it runs under an approval of this query
         approved.approval = f.sceneApproval;
         return s.MultiScene(approved, f.sceneQuery).Ok();
       }},
      {"RequestApproval",
       {"approval.request"},
       [](Session& s, const AccessContext& c, AgencyFixture&) {
         search::Query shortPattern;
         shortPattern.plate = "*1";
         return s.RequestApproval(c, {shortPattern, 100, std::nullopt}).Ok();
       }},
      {"ExportEvidence",
       {"export.start", "export.result"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         EvidenceRequest r;
         r.mediaLabel = "USB-0042";
         r.reads = f.reads;
         r.destination = f.folder.Path() / "media";
         std::filesystem::create_directories(r.destination);
         return s.ExportEvidence(c, r).Ok();
       }},
      {"CollectForCase",
       {"case.collected"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         auto added = s.CollectForCase(c, f.ReadIds());
         return added.Ok();
       }},
      {"PlaceHold",
       {"hold.placed"},
       [](Session& s, const AccessContext& c, AgencyFixture& f) {
         HoldRequest r;
         r.kind = store::HoldKind::Discovery;
         r.reason = "defence discovery request of 1 Dec";
         r.reads = f.reads;
         return s.PlaceHold(c, r).Ok();
       }},
      {"GetCaseSummary",
       {"case.reviewed"},
       [](Session& s, const AccessContext& c, AgencyFixture&) {
         auto summary = s.GetCaseSummary(c);
         return summary.Ok() && summary->registered;
       }},
  };
  return kMethods;
}

void CheckMandatoryFields(const std::string& canonical, const std::string& event) {
  const bool isResult = event == "search.result";
  const auto record = nlohmann::json::parse(canonical);
  BOOST_TEST(record.at("event").get<std::string>() == event);
  const auto* info = audit::FindEventType(event);
  BOOST_REQUIRE(info != nullptr);
  for (auto field : audit::CommonRecordFields())
    BOOST_TEST(record.contains(std::string(field)), event << " lacks " << field);
  for (auto field : info->required) BOOST_TEST(record.contains(std::string(field)), event << " lacks " << field);
  // Rule 2 of DESIGN.md: the user, case, purpose (code and text) and justification of the access.
  for (const char* field : {"user", "case", "purpose_code", "session"})
    BOOST_TEST(record.contains(field), event << " lacks " << field);
  if (!isResult)
    for (const char* field : {"purpose_text", "justification"})
      BOOST_TEST(record.contains(field), event << " lacks " << field);
  if (event == "search.start") BOOST_TEST(record.contains("query"));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionAuditTest, AgencyFixture)

BOOST_AUTO_TEST_CASE(EveryDataMethodWritesItsAuditEventsWithTheirMandatoryFields) {
  auto s = Login("s.okafor", kSupervisorPassword);
  sceneQuery = SceneQuery();
  sceneApproval = Approved(*s, Context(), {std::nullopt, 0, sceneQuery});
  for (const auto& m : DataMethods()) {
    const auto before = AuditSize();
    BOOST_TEST(m.call(*s, Context(), *this), m.name);
    const auto records = AllRecords();
    BOOST_REQUIRE_EQUAL(records.size(), before + m.events.size());
    for (std::size_t i = 0; i < m.events.size(); ++i) CheckMandatoryFields(records[before + i].canonical, m.events[i]);
  }
}

BOOST_AUTO_TEST_CASE(SearchRecordsEveryQueryElementBeforeItRuns) {
  auto s = Detective();
  search::Query q;
  q.plate = "ABC1*";
  q.maxEdits = 1;
  q.states = {"WA"};
  auto r = s->Search(Context(), q);
  BOOST_REQUIRE(r.Ok());
  const auto records = AllRecords();
  const auto start = nlohmann::json::parse(records[records.size() - 2].canonical);
  BOOST_TEST(start["query"]["plate"].get<std::string>() == "ABC1*");
  BOOST_TEST(start["query"]["edits"].get<std::string>() == "1");
  BOOST_TEST(start["query"]["states"].get<std::string>() == "WA");
  const auto result = nlohmann::json::parse(records.back().canonical);
  BOOST_TEST(result["result_count"].get<int>() == 3);
}

BOOST_AUTO_TEST_CASE(MultiSceneRunsOnlyUnderAnApprovalAndTheRefusalIsAudited) {
  for (bool supervisor : {false, true}) {  // a supervisor asks another supervisor too
    auto s = supervisor ? Supervisor() : Detective();
    auto r = s->MultiScene(Context(), SceneQuery());
    BOOST_REQUIRE(!r.Ok());
    BOOST_TEST((r.Err().code == ErrorCode::PermissionDenied));
    BOOST_TEST((r.Err().detail == ErrorDetail::ApprovalNeeded));
    BOOST_TEST(LastEvent() == "search.refused");
  }
}

BOOST_AUTO_TEST_CASE(EveryRefusedDataAccessWritesExactlyOneRefusal) {
  auto s = Login("s.okafor", kSupervisorPassword);
  for (const auto& m : DataMethods()) {
    const auto before = AuditSize();
    BOOST_TEST(!m.call(*s, Context("26-004512", "PROHIB-PERSONAL"), *this), m.name);
    BOOST_TEST(AuditSize() == before + 1, m.name);
    const std::string e = LastEvent();
    BOOST_TEST((e == "access.refused" || e == "search.refused"), m.name << ": " << e);
  }
}

BOOST_AUTO_TEST_CASE(TheTableCoversEveryDataMethodOfTheSessionHeader) {
  const auto header = ReadFile(PLATEDESK_WORKSTATION_HEADER);
  BOOST_REQUIRE(header.Ok());
  std::size_t count = 0;
  for (auto pos = header->find("const AccessContext& context"); pos != std::string::npos;
       pos = header->find("const AccessContext& context", pos + 1))
    ++count;
  BOOST_TEST(count == DataMethods().size());
}

BOOST_AUTO_TEST_CASE(WhenTheAuditLogCannotWriteNoDataIsReturned) {
  auto s = Detective();
  // Fault injection: the audit database refuses inserts, as a full or failing disk would.
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open((dir / audit::kAuditDbFileName).string().c_str(), &db) == SQLITE_OK);
  BOOST_REQUIRE(
      sqlite3_exec(db, "CREATE TRIGGER fault BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'disk gone'); END;",
                   nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  for (const auto& m : DataMethods()) BOOST_TEST(!m.call(*s, Context(), *this), m.name);
  auto got = s->GetReads(Context(), ReadIds());
  BOOST_REQUIRE(!got.Ok());
  BOOST_TEST(got.Err().message.find("audit log could not record") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ASignInTheAuditLogCannotRecordLeavesNoSessionThatCouldResume) {
  sqlite3* audit = nullptr;
  BOOST_REQUIRE(sqlite3_open((dir / audit::kAuditDbFileName).string().c_str(), &audit) == SQLITE_OK);
  BOOST_REQUIRE(
      sqlite3_exec(audit, "CREATE TRIGGER fault BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'disk gone'); END;",
                   nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(audit);
  clock.Advance(access::Totp::kStepMs);
  auto s = ws->Login(Request("s.okafor", kSupervisorPassword, Code(clock.Now(), "s.okafor")));
  BOOST_REQUIRE(!s.Ok());

  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open((dir / "platedesk.db").string().c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(db,
                                   "SELECT COUNT(*) FROM sessions WHERE user_name = 's.okafor' AND ended_ms IS NULL",
                                   -1, &st, nullptr) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  BOOST_TEST(sqlite3_column_int(st, 0) == 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

BOOST_AUTO_TEST_SUITE_END()
