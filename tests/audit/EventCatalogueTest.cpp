// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/audit/EventCatalogue.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

using namespace platedesk::audit;

namespace {
bool Requires(std::string_view type, std::string_view field) {
  const EventTypeInfo* info = FindEventType(type);
  return info != nullptr && std::find(info->required.begin(), info->required.end(), field) != info->required.end();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(EventCatalogueTest)

BOOST_AUTO_TEST_CASE(CatalogueHasEveryEventTypeTheProductUses) {
  for (const char* type : {"login.success",
                           "login.failure",
                           "account.locked",
                           "account.unlocked",
                           "logout",
                           "session.locked",
                           "session.unlocked",
                           "password.changed",
                           "totp.enrolled",
                           "role.changed",
                           "training.changed",
                           "user.added",
                           "user.disabled",
                           "search.start",
                           "search.result",
                           "search.refused",
                           "read.viewed",
                           "image.opened",
                           "export.start",
                           "export.result",
                           "dissemination.approved",
                           "purge",
                           "retention.start",
                           "retention.purge",
                           "retention.dry_run",
                           "config.changed",
                           "audit.review",
                           "audit.verify",
                           "audit.export",
                           "checkpoint.signed",
                           "audit.pruned",
                           "audit.key_rotated",
                           "token.added",
                           "token.listed",
                           "token.revoked",
                           "ingest.auth_failed",
                           "ingest.refused",
                           "server.started",
                           "server.stopped",
                           "session.refused"})
    BOOST_TEST(FindEventType(type) != nullptr, type);
}

BOOST_AUTO_TEST_CASE(FamiliesMatchOnlyWellFormedMembers) {
  BOOST_TEST(FindEventType("dissemination.requested") != nullptr);
  BOOST_TEST(FindEventType("dissemination.correction_sent") != nullptr);
  BOOST_TEST(FindEventType("dissemination.") == nullptr);
  BOOST_TEST(FindEventType("dissemination.Approved") == nullptr);
  BOOST_TEST(FindEventType("dissemination.a.b") == nullptr);
  BOOST_TEST(FindEventType("dissemination.*") == nullptr);
  BOOST_TEST(FindEventType("search") == nullptr);
  BOOST_TEST(FindEventType("") == nullptr);
}

BOOST_AUTO_TEST_CASE(SearchesNeedCaseNumberPurposeJustificationAndQuery) {
  for (const char* field : {"case", "purpose_code", "purpose_text", "justification", "query", "session"})
    BOOST_TEST(Requires("search.start", field), field);
  BOOST_TEST(Requires("login.failure", "reason"));
  BOOST_TEST(Requires("search.result", "result_count"));
  BOOST_TEST(Requires("export.result", "bytes"));
  BOOST_TEST(!Requires("logout", "case"));
}

BOOST_AUTO_TEST_CASE(RequiredFieldsAreKnownRecordFields) {
  const auto& optional = OptionalRecordFields();
  for (const auto& info : EventCatalogue())
    for (auto field : info.required)
      BOOST_TEST((std::find(optional.begin(), optional.end(), field) != optional.end()),
                 std::string(info.name) + " needs unknown field " + std::string(field));
  BOOST_TEST(CommonRecordFields().size() == 8u);
}

BOOST_AUTO_TEST_SUITE_END()
