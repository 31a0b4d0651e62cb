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
  const char* event;
  std::function<bool(Session&, const AccessContext&, AgencyFixture&)> call;
};

// Every Session method that takes an AccessContext, i.e. returns plate data. The test below checks
// this table against the header, so a new data method cannot be added without being covered here.
const std::vector<DataMethod>& DataMethods() {
  static const std::vector<DataMethod> kMethods = {
      {"GetReads", "read.viewed",
       [](Session& s, const AccessContext& c, AgencyFixture& f) { return s.GetReads(c, f.ReadIds()).Ok(); }},
      {"GetImage", "image.opened",
       [](Session& s, const AccessContext& c, AgencyFixture& f) { return s.GetImage(c, f.imageSha).Ok(); }},
  };
  return kMethods;
}

void CheckMandatoryFields(const std::string& canonical, const std::string& event) {
  const auto record = nlohmann::json::parse(canonical);
  BOOST_TEST(record.at("event").get<std::string>() == event);
  const auto* info = audit::FindEventType(event);
  BOOST_REQUIRE(info != nullptr);
  for (auto field : audit::CommonRecordFields()) BOOST_TEST(record.contains(std::string(field)), event << " lacks " << field);
  for (auto field : info->required) BOOST_TEST(record.contains(std::string(field)), event << " lacks " << field);
  // Rule 2 of DESIGN.md: the user, case, purpose (code and text) and justification of the access.
  for (const char* field : {"user", "case", "purpose_code", "purpose_text", "justification", "session"})
    BOOST_TEST(record.contains(field), event << " lacks " << field);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionAuditTest, AgencyFixture)

BOOST_AUTO_TEST_CASE(EveryDataMethodWritesExactlyOneAuditEventWithItsMandatoryFields) {
  auto s = Detective();
  for (const auto& m : DataMethods()) {
    const auto before = AuditSize();
    BOOST_TEST(m.call(*s, Context(), *this), m.name);
    BOOST_TEST(AuditSize() == before + 1, m.name);
    CheckMandatoryFields(LastRecord(), m.event);
  }
}

BOOST_AUTO_TEST_CASE(EveryRefusedDataAccessWritesExactlyOneRefusal) {
  auto s = Detective();
  for (const auto& m : DataMethods()) {
    const auto before = AuditSize();
    BOOST_TEST(!m.call(*s, Context("26-004512", "PROHIB-PERSONAL"), *this), m.name);
    BOOST_TEST(AuditSize() == before + 1, m.name);
    BOOST_TEST(LastEvent() == "access.refused");
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
  BOOST_REQUIRE(sqlite3_exec(db, "CREATE TRIGGER fault BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'disk gone'); END;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  for (const auto& m : DataMethods()) BOOST_TEST(!m.call(*s, Context(), *this), m.name);
  auto reads = s->GetReads(Context(), ReadIds());
  BOOST_REQUIRE(!reads.Ok());
  BOOST_TEST(reads.Err().message.find("audit log could not record") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
