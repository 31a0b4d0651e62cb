// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkstationTestSupport.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

BOOST_FIXTURE_TEST_SUITE(WorkstationTest, AgencyFixture)

BOOST_AUTO_TEST_CASE(LoginGivesASessionForTheRightPasswordAndIsAudited) {
  auto session = ws->Login(Request("d.reyes", kDetectivePassword, Code(clock.Now())));
  BOOST_REQUIRE_MESSAGE(session.Ok(), (session.Ok() ? std::string() : session.Err().ToString()));
  BOOST_TEST((*session)->User().displayName == "Dana Reyes");
  BOOST_TEST(((*session)->User().role == store::Role::Detective));
  BOOST_TEST((*session)->StartedAt() == clock.Now());
  BOOST_TEST(LastEvent() == "login.success");
  BOOST_TEST(LastRecord().find("\"session\":\"" + (*session)->Id() + "\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(LoginRefusesAWrongPasswordAndRecordsIt) {
  auto session = ws->Login(Request("d.reyes", "lantern harbor smog"));
  BOOST_REQUIRE(!session.Ok());
  BOOST_TEST((session.Err().code == ErrorCode::Unauthenticated));
  BOOST_TEST(LastEvent() == "login.failure");
}

BOOST_AUTO_TEST_CASE(TheBannerMustBeAcknowledged) {
  auto r = Request("d.reyes", kDetectivePassword);
  r.bannerAccepted = false;
  auto session = ws->Login(r);
  BOOST_REQUIRE(!session.Ok());
  BOOST_TEST(session.Err().message.find("system-use notice") != std::string::npos);
  BOOST_TEST(LastEvent() == "login.failure");
  BOOST_TEST(ws->Banner().find("law-enforcement information system") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(FiveFailuresLockTheAccountAndAreAudited) {
  for (int i = 0; i < 5; ++i) (void)ws->Login(Request("d.reyes", "wrong wrong wrong"));
  BOOST_TEST(LastEvent() == "account.locked");
  auto right = ws->Login(Request("d.reyes", kDetectivePassword));
  BOOST_TEST((right.Err().code == ErrorCode::Locked));
  auto admin = Admin();
  BOOST_REQUIRE(admin->UnlockUser("d.reyes").Ok());
  BOOST_TEST(LastEvent() == "account.unlocked");
  BOOST_TEST(Detective()->User().name == "d.reyes");
}

BOOST_AUTO_TEST_CASE(AnIdleSessionLocksAndUnlocksWithThePassword) {
  auto s = Detective();
  clock.Advance(29 * kMsPerMinute);
  BOOST_TEST(s->GetOverview().Ok());
  clock.Advance(30 * kMsPerMinute);
  auto r = s->GetReads(Context(), ReadIds());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Locked));
  BOOST_TEST(LastEvent() == "session.locked");
  BOOST_TEST(!s->Unlock("not my password").Ok());
  BOOST_REQUIRE(s->Unlock(kDetectivePassword, Code(clock.Now())).Ok());
  BOOST_TEST(LastEvent() == "session.unlocked");
  BOOST_TEST(s->GetReads(Context(), ReadIds()).Ok());
}

BOOST_AUTO_TEST_CASE(AskingWhetherTheSessionIsLockedIsNotActivity) {
  // The GUI polls IsLocked and HasEnded every few seconds: that must not keep an idle session open.
  auto s = Detective();
  BOOST_TEST(s->IdleLimit() == 30 * kMsPerMinute);
  for (int i = 0; i < 29; ++i) {
    clock.Advance(kMsPerMinute);
    BOOST_TEST(!s->IsLocked());
    BOOST_TEST(!s->HasEnded());
  }
  clock.Advance(kMsPerMinute);
  BOOST_TEST(s->IsLocked());
  BOOST_TEST(LastEvent() == "session.locked");
  const auto size = AuditSize();
  BOOST_TEST(s->IsLocked());
  BOOST_TEST(AuditSize() == size);  // the lock is recorded once
  BOOST_TEST(!s->HasEnded());
}

BOOST_AUTO_TEST_CASE(RecordedGuiActivityKeepsTheSessionOpenUntilTheIdleLimitPasses) {
  auto s = Detective();
  for (int i = 0; i < 4; ++i) {
    clock.Advance(20 * kMsPerMinute);
    BOOST_REQUIRE(s->RecordActivity().Ok());  // the user typed: 80 minutes and never idle for 30
  }
  BOOST_TEST(!s->IsLocked());
  clock.Advance(30 * kMsPerMinute);
  auto late = s->RecordActivity();  // the mouse moved after half an hour away: too late
  BOOST_REQUIRE(!late.Ok());
  BOOST_TEST((late.Err().code == ErrorCode::Locked));
  BOOST_TEST(LastEvent() == "session.locked");
  BOOST_TEST(s->IsLocked());
  BOOST_REQUIRE(s->Unlock(kDetectivePassword, Code(clock.Now())).Ok());
  BOOST_TEST(s->RecordActivity().Ok());
  BOOST_TEST(s->Logout().Ok());
  BOOST_TEST(s->HasEnded());
  BOOST_TEST((s->RecordActivity().Err().code == ErrorCode::Unauthenticated));
}

BOOST_AUTO_TEST_CASE(TheIdleLimitFollowsTheAgencySetting) {
  auto admin = Admin();
  for (const char* bad : {"forever", "0", "1441", "5 "})
    BOOST_TEST((admin->SetSetting("idle_minutes", bad).Err().code == ErrorCode::InvalidArgument), bad);
  BOOST_REQUIRE(admin->SetSetting("idle_minutes", "5").Ok());
  auto s = Detective();
  BOOST_TEST(s->IdleLimit() == 5 * kMsPerMinute);
  clock.Advance(5 * kMsPerMinute);
  BOOST_TEST(s->IsLocked());
}

BOOST_AUTO_TEST_CASE(TheBaseMapIsAnAgencySettingEveryoneReads) {
  auto admin = Admin();
  auto s = Detective();
  auto unset = s->MapSource();
  BOOST_REQUIRE(unset.Ok());
  BOOST_TEST(unset->tiles.empty());  // no base map until the agency names one
  for (const char* bad : {"tiles.example.gov/{z}/{x}/{y}.png", "https://tiles.example.gov/{z}/{x}.png",
                          "https://a:b@tiles.example.gov/{z}/{x}/{y}.png", "mbtiles:city.mbtiles"})
    BOOST_TEST((admin->SetSetting("map_tiles", bad).Err().code == ErrorCode::InvalidArgument), bad);
  BOOST_TEST((admin->SetSetting("map_attribution", std::string(201, 'x')).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->SetSetting("map_attribution", "two\nlines").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(
      (admin->SetSetting("map_attribution", std::string("\xff\xfe", 2)).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(admin->SetSetting("map_attribution", std::string(200, 'x')).Ok());
  std::string copyrights;
  for (int i = 0; i < 200; ++i) copyrights += "\u00a9";  // 200 characters, 400 bytes
  BOOST_TEST(admin->SetSetting("map_attribution", copyrights).Ok());
  BOOST_TEST((s->SetSetting("map_tiles", "https://tiles.example.gov/{z}/{x}/{y}.png").Err().code ==
              ErrorCode::PermissionDenied));
  BOOST_REQUIRE(admin->SetSetting("map_tiles", "https://tiles.example.gov/{z}/{x}/{y}.png").Ok());
  BOOST_TEST(LastEvent() == "config.changed");
  BOOST_REQUIRE(admin->SetSetting("map_attribution", "\u00a9 City GIS").Ok());
  auto set = s->MapSource();
  BOOST_REQUIRE(set.Ok());
  BOOST_TEST(set->tiles == "https://tiles.example.gov/{z}/{x}/{y}.png");
  BOOST_TEST(set->attribution == "\u00a9 City GIS");
  BOOST_REQUIRE(s->Lock().Ok());
  BOOST_TEST((s->MapSource().Err().code == ErrorCode::Locked));
}

BOOST_AUTO_TEST_CASE(AdministratorsAndAuditorsListTheSettingsWithWhatIsSet) {
  auto admin = Admin();
  BOOST_REQUIRE(admin->SetSetting("retention_days", "21").Ok());
  auto auditor = Login("j.lind", kAuditorPassword);
  for (Session* session : {admin.get(), auditor.get()}) {
    auto settings = session->Settings();
    BOOST_REQUIRE_MESSAGE(settings.Ok(), (settings.Ok() ? "" : settings.Err().ToString()));
    BOOST_TEST(std::is_sorted(settings->begin(), settings->end(),
                              [](const AgencySetting& a, const AgencySetting& b) { return a.key < b.key; }));
    auto find = [&](const std::string& key) {
      return std::find_if(settings->begin(), settings->end(), [&](const AgencySetting& a) { return a.key == key; });
    };
    BOOST_REQUIRE(find("retention_days") != settings->end());
    BOOST_TEST(find("retention_days")->set);
    BOOST_TEST(find("retention_days")->value == "21");
    BOOST_REQUIRE(find("map_tiles") != settings->end());
    BOOST_TEST(!find("map_tiles")->set);
    BOOST_TEST((find("approval_hours") != settings->end()));
    // Every key listed is one SetSetting takes, and nothing else is.
    BOOST_TEST((find("mfa_off_request") == settings->end()));
  }
  // An empty value unsets: the default applies again (an empty dissemination_rules was "no rules").
  BOOST_REQUIRE(admin->SetSetting("dissemination_rules", "mou-required").Ok());
  BOOST_REQUIRE(admin->SetSetting("dissemination_rules", "").Ok());
  auto unset = admin->Settings();
  BOOST_REQUIRE(unset.Ok());
  const auto rules =
      std::find_if(unset->begin(), unset->end(), [](const AgencySetting& a) { return a.key == "dissemination_rules"; });
  BOOST_REQUIRE(rules != unset->end());
  BOOST_TEST(!rules->set);
  BOOST_TEST((Detective()->Settings().Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((Supervisor()->Settings().Err().code == ErrorCode::PermissionDenied));
}

BOOST_AUTO_TEST_CASE(SessionsEndAfterTwelveHours) {
  auto s = Detective();
  for (int i = 0; i < 26; ++i) {
    clock.Advance(29 * kMsPerMinute);
    (void)s->GetOverview();
  }
  auto r = s->GetOverview();
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Unauthenticated));
  BOOST_TEST(!ws->Resume(s->Token(), kBinding).Ok());
}

BOOST_AUTO_TEST_CASE(ATotpCodeIsAcceptedOnce) {
  const std::string code = Code(clock.Now());
  BOOST_REQUIRE(ws->Login(Request("d.reyes", kDetectivePassword, code)).Ok());
  auto replay = ws->Login(Request("d.reyes", kDetectivePassword, code));
  BOOST_REQUIRE(!replay.Ok());
  BOOST_TEST(replay.Err().message.find("already used") != std::string::npos);
  BOOST_TEST(LastEvent() == "login.failure");
}

BOOST_AUTO_TEST_CASE(ExpiredTrainingKeepsDataOutOfReachAndSaysWhy) {
  auto s = Detective();
  clock.Advance(400 * kMsPerDay);  // past the annual refresher
  auto fresh = ws->Login(Request("d.reyes", kDetectivePassword, Code(clock.Now())));
  BOOST_REQUIRE(fresh.Ok());
  BOOST_TEST((*fresh)->DataBlockedReason().value_or("").find("expired") != std::string::npos);
  auto r = (*fresh)->GetReads(Context(), ReadIds());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(LastEvent() == "access.refused");
}

BOOST_AUTO_TEST_CASE(ProhibitedPurposesAndJustificationsAreRefusedAndAudited) {
  auto s = Detective();
  for (const char* code :
       {"PROHIB-IMMIGRATION", "PROHIB-TRAFFIC", "PROHIB-HARASSMENT", "PROHIB-PROTECTED-CLASS", "PROHIB-PERSONAL"}) {
    const auto before = AuditSize();
    auto r = s->GetReads(Context("26-004512", code), ReadIds());
    BOOST_TEST(!r.Ok(), code);
    BOOST_TEST(AuditSize() == before + 1);
    BOOST_TEST(LastEvent() == "access.refused");
    BOOST_TEST(LastRecord().find(code) != std::string::npos);
  }
  auto named = s->GetReads(Context("26-004512", "INV-OTHER", "check his immigration status please"), ReadIds());
  BOOST_REQUIRE(!named.Ok());
  BOOST_TEST(named.Err().message.find("Immigration enforcement") != std::string::npos);
  auto noCase = s->GetReads(Context(""), ReadIds());
  BOOST_REQUIRE(!noCase.Ok());
  BOOST_TEST(noCase.Err().message.find("case number") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(AuditorsNeverReachPlateData) {
  auto s = Login("j.lind", kAuditorPassword);
  auto r = s->GetReads(Context(), ReadIds());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(LastEvent() == "access.refused");
  BOOST_TEST(s->AuditRecords({}).Ok());
  BOOST_TEST(LastEvent() == "audit.review");
}

BOOST_AUTO_TEST_CASE(AdministratorsFollowTheSameCaseAndPurposeRules) {
  auto admin = Admin();
  auto noContext = admin->GetReads(Context("", "", ""), ReadIds());
  BOOST_TEST(!noContext.Ok());
  auto prohibited = admin->GetReads(Context("26-004512", "PROHIB-PERSONAL"), ReadIds());
  BOOST_TEST(!prohibited.Ok());
}

BOOST_AUTO_TEST_CASE(ACliSessionResumesFromItsTokenUntilLogout) {
  auto s = Detective();
  auto resumed = ws->Resume(s->Token(), kBinding);
  BOOST_REQUIRE(resumed.Ok());
  BOOST_TEST((*resumed)->Id() == s->Id());
  BOOST_REQUIRE(s->Logout().Ok());
  BOOST_TEST(LastEvent() == "logout");
  BOOST_TEST(!ws->Resume(s->Token(), kBinding).Ok());
  BOOST_TEST(!ws->Resume("not-a-token", kBinding).Ok());
}

BOOST_AUTO_TEST_CASE(AdministrationIsForAdministratorsAndAudited) {
  auto s = Detective();
  BOOST_TEST(
      (s->AddUser("x.y", store::Role::Detective, "quiet river stones").Err().code == ErrorCode::PermissionDenied));
  auto admin = Admin();
  BOOST_REQUIRE(admin->AddUser("x.y", store::Role::Detective, "quiet river stones").Ok());
  BOOST_TEST(LastEvent() == "user.added");
  BOOST_REQUIRE(admin->SetRole("x.y", store::Role::Supervisor).Ok());
  BOOST_TEST(LastEvent() == "role.changed");
  BOOST_REQUIRE(admin->SetTraining("x.y", clock.Now(), std::nullopt).Ok());
  BOOST_TEST(LastEvent() == "training.changed");
  BOOST_REQUIRE(admin->ResetPassword("x.y", "granite harbor evening").Ok());
  BOOST_TEST(LastEvent() == "password.changed");
  BOOST_REQUIRE(admin->SetDisabled("x.y", true).Ok());
  BOOST_TEST(LastEvent() == "user.disabled");
  BOOST_REQUIRE(admin->AddPurpose("INV-FRAUD", "Fraud investigation", false).Ok());
  BOOST_TEST(LastEvent() == "config.changed");
  BOOST_TEST(!admin->SetSetting("case_pattern", "([bad").Ok());
  BOOST_REQUIRE(admin->SetSetting("idle_minutes", "15").Ok());
  BOOST_TEST(!admin->SetSetting("no_such_setting", "1").Ok());
}

BOOST_AUTO_TEST_CASE(CasesFollowTheAgencyFormat) {
  auto s = Detective();
  BOOST_TEST(!s->RegisterCase("2026-1", "bad", "").Ok());
  BOOST_REQUIRE(s->RegisterCase("26-000777", "Hit and run", "d.reyes").Ok());
  BOOST_TEST(LastEvent() == "case.registered");
  BOOST_TEST(!s->SetCaseOpen("26-000777", false).Ok());  // detectives do not close cases
  BOOST_TEST(s->Cases()->size() == 2u);
}

BOOST_AUTO_TEST_CASE(TheAuditLogVerifiesAndCheckpointsExport) {
  auto s = Login("j.lind", kAuditorPassword);
  auto note = s->ExportCheckpoint();
  BOOST_REQUIRE(note.Ok());
  BOOST_TEST(note->find("platedesk.local/") == 0u);
  auto v = s->VerifyAudit({*note});
  BOOST_REQUIRE(v.Ok());
  BOOST_TEST(v->pass, v->summary);
  BOOST_TEST(v->records > 5u);
}

BOOST_AUTO_TEST_SUITE_END()
