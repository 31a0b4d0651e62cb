// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An agency storage for facade tests: a few real reads with an image, an administrator, a trained
// detective with TOTP, a supervisor and an auditor, a manual clock, and helpers to read the audit log.

#include "platedesk/access/Totp.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Files.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <map>

namespace platedesk::workstation::test {

inline const char* kAdminPassword = "slate river morning";
inline const char* kDetectivePassword = "lantern harbor fog";
inline const char* kSupervisorPassword = "cedar lantern ridge";
inline const char* kAuditorPassword = "maple ledger quill";

struct AgencyFixture {
  TempFolder folder;
  ManualClock clock{UtcFromCivil(2026, 11, 2, 8)};
  std::filesystem::path dir = folder.Path() / "storage";
  std::unique_ptr<Workstation> ws;
  std::map<std::string, std::string> secrets;  // TOTP secrets by user
  std::vector<store::ReadId> reads;
  std::string imageSha;

  AgencyFixture() {
    {
      auto s = store::Storage::Create(dir, clock).Value();
      auto cam = s->EnsureCamera("cam-1", "Aurora Ave N & N 85th St", store::CameraKind::Fixed, std::nullopt).Value();
      imageSha = s->PutImage("\xFF\xD8 fake jpeg bytes for a store-level test \xFF\xD9", "image/jpeg", 10, 5)->sha256;
      for (int i = 0; i < 3; ++i) {
        store::NewRead r;
        r.sourceFormat = "csv";
        r.sourceUuid = "fixture-" + std::to_string(i);
        r.capturedAt = clock.Now() - (i + 1) * kMsPerHour;
        r.camera = cam;
        r.plateReported = r.plate = "ABC12" + std::to_string(i);
        r.state = "WA";
        r.confidence = 90;
        r.plateImage = imageSha;
        r.payloadSha256 = Sha256Hex(r.sourceUuid);
        reads.push_back(s->InsertRead(r)->id);
      }
    }
    ws = Workstation::Open(dir, clock).Value();
    BOOST_REQUIRE(ws->BootstrapUser("a.rivera", store::Role::Administrator, kAdminPassword, "Ana Rivera", true).Ok());
    {
      // Enrolling your own authenticator takes your password again; it counts from its first code.
      auto first = Login("a.rivera", kAdminPassword);
      secrets["a.rivera"] = Secret(first->EnrollTotp("a.rivera", kAdminPassword, "").Value());
    }
    auto admin = Login("a.rivera", kAdminPassword);  // administration needs the second factor
    BOOST_REQUIRE(admin->AddUser("d.reyes", store::Role::Detective, kDetectivePassword, "Dana Reyes").Ok());
    BOOST_REQUIRE(admin->SetTraining("d.reyes", clock.Now() - 30 * kMsPerDay, std::nullopt).Ok());
    secrets["d.reyes"] = Secret(admin->EnrollTotp("d.reyes").Value());
    BOOST_REQUIRE(admin->AddUser("s.okafor", store::Role::Supervisor, kSupervisorPassword).Ok());
    BOOST_REQUIRE(admin->SetTraining("s.okafor", clock.Now() - 30 * kMsPerDay, std::nullopt).Ok());
    secrets["s.okafor"] = Secret(admin->EnrollTotp("s.okafor").Value());
    BOOST_REQUIRE(admin->AddUser("j.lind", store::Role::Auditor, kAuditorPassword).Ok());
    secrets["j.lind"] = Secret(admin->EnrollTotp("j.lind").Value());
    BOOST_REQUIRE(admin->RegisterCase("26-004512", "Burglary, 5th Ave", "d.reyes").Ok());
  }

  static std::string Secret(const std::string& uri) {
    const auto p = uri.find("secret=");
    return uri.substr(p + 7, uri.find('&', p) - p - 7);
  }
  std::string Code(UtcMs at, const std::string& user = "d.reyes") {
    return access::Totp::CodeAt(secrets[user], access::Totp::StepAt(at)).Value();
  }
  LoginRequest Request(const std::string& user, const std::string& password, std::string totp = {}) {
    return {user, password, std::move(totp), true, "gui", {}, kBinding};
  }
  /// What the sessions of these tests are bound to (as the CLI binds its saved tokens).
  static constexpr const char* kBinding = "uid 1000 on ws-test";
  // Signs in with the current one-time code; moves the clock one TOTP step first so that each
  // sign-in uses a fresh code (a code is accepted once).
  std::unique_ptr<Session> Login(const std::string& user, const std::string& password) {
    clock.Advance(access::Totp::kStepMs);
    const std::string code = secrets.count(user) ? Code(clock.Now(), user) : std::string();
    auto s = ws->Login(Request(user, password, code));
    BOOST_REQUIRE_MESSAGE(s.Ok(), (s.Ok() ? std::string() : s.Err().ToString()));
    return std::move(s.Value());
  }
  std::unique_ptr<Session> Detective() { return Login("d.reyes", kDetectivePassword); }
  std::unique_ptr<Session> Supervisor() { return Login("s.okafor", kSupervisorPassword); }
  /// A second supervisor, m.tan (added on first use): nobody decides their own approval request.
  std::unique_ptr<Session> SecondSupervisor() {
    if (!secrets.count("m.tan")) {
      auto admin = Login("a.rivera", kAdminPassword);
      BOOST_REQUIRE(admin->AddUser("m.tan", store::Role::Supervisor, kSupervisorPassword, "Mei Tan").Ok());
      BOOST_REQUIRE(admin->SetTraining("m.tan", clock.Now() - 30 * kMsPerDay, std::nullopt).Ok());
      secrets["m.tan"] = Secret(admin->EnrollTotp("m.tan").Value());
    }
    return Login("m.tan", kSupervisorPassword);
  }
  /// `requester` asks for approval of `subject` under `context`, and another supervisor (s.okafor,
  /// or m.tan when s.okafor asks) approves it. Returns the approval's id.
  std::int64_t Approved(Session& requester, const AccessContext& context, const ApprovalSubject& subject) {
    auto made = requester.RequestApproval(context, subject);
    BOOST_REQUIRE_MESSAGE(made.Ok(), (made.Ok() ? std::string() : made.Err().ToString()));
    auto approver = requester.User().name == "s.okafor" ? SecondSupervisor() : Supervisor();
    auto decided = approver->DecideApproval(made->id, true, "approved for the test", 0);
    BOOST_REQUIRE_MESSAGE(decided.Ok(), (decided.Ok() ? std::string() : decided.Err().ToString()));
    return made->id;
  }
  /// Two scenes over the fixture's camera in the last days (a multi-scene search).
  search::MultiSceneQuery SceneQuery() const {
    search::MultiSceneQuery q;
    q.minScenes = 2;
    q.scenes = {{{1}, std::nullopt, clock.Now() - 2 * kMsPerDay, clock.Now()},
                {{1}, std::nullopt, clock.Now() - 3 * kMsPerDay, clock.Now()}};
    return q;
  }
  search::MultiSceneQuery sceneQuery;  ///< for tests that run a multi-scene search under sceneApproval
  std::int64_t sceneApproval = 0;
  std::unique_ptr<Session> Admin() { return Login("a.rivera", kAdminPassword); }
  AccessContext Context(std::string c = "26-004512", std::string p = "INV-PROPERTY",
                        std::string j = "Burglary at 5th Ave, grey sedan seen leaving") {
    return {std::move(c), std::move(p), std::move(j)};
  }
  std::span<const store::ReadId> ReadIds() const { return reads; }

  /// Fault injection: from now on the audit database refuses inserts, as a full or failing disk would.
  void BreakAuditLog() {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open((dir / audit::kAuditDbFileName).string().c_str(), &db) == SQLITE_OK);
    BOOST_REQUIRE(
        sqlite3_exec(db, "CREATE TRIGGER fault BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'disk gone'); END;",
                     nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }

  std::vector<audit::StoredRecord> AllRecords() {
    auto log = audit::AuditLog::OpenReadOnly(dir / audit::kAuditDbFileName).Value();
    return log->List({}).Value();
  }
  std::uint64_t AuditSize() { return AllRecords().size(); }
  std::string LastEvent() { return AllRecords().back().event; }
  std::string LastRecord() { return AllRecords().back().canonical; }
};

}  // namespace platedesk::workstation::test
