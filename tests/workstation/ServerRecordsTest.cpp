// SPDX-License-Identifier: GPL-3.0-or-later
// The workstation and platedesk-server: a served folder is refused (another process holds the
// server lock), the server's own audit records, camera health without a sign-in.
#include "WorkstationTestSupport.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Host.h"
#include "platedesk/store/ServerLock.h"

#include <nlohmann/json.hpp>

#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

constexpr const char* kDescription = "platedesk-server pid 4242 on lpr-srv-01, listening on 0.0.0.0:8443";

#ifndef _WIN32
/// A child process (fork) holding the folder's server lock until Stop() or destruction.
class LockingChild {
 public:
  explicit LockingChild(const std::filesystem::path& folder) {
    int ready[2];
    int release[2];
    if (pipe(ready) != 0 || pipe(release) != 0) throw std::runtime_error("pipe");
    mPid = fork();
    if (mPid < 0) throw std::runtime_error("fork");
    if (mPid == 0) {
      close(ready[0]);
      close(release[1]);
      auto lock = store::ServerLock::Acquire(folder, kDescription);
      const char answer = lock.Ok() ? 'y' : 'n';
      (void)!write(ready[1], &answer, 1);
      char c = 0;
      (void)!read(release[0], &c, 1);
      _exit(lock.Ok() ? 0 : 1);
    }
    close(ready[1]);
    close(release[0]);
    mRelease = release[1];
    char answer = 0;
    const bool got = read(ready[0], &answer, 1) == 1;
    close(ready[0]);
    mLocked = got && answer == 'y';
  }
  ~LockingChild() { Stop(); }
  void Stop() {
    if (mPid <= 0) return;
    close(mRelease);
    int status = 0;
    waitpid(mPid, &status, 0);
    mPid = -1;
  }
  [[nodiscard]] bool Locked() const { return mLocked; }

 private:
  pid_t mPid = -1;
  int mRelease = -1;
  bool mLocked = false;
};
#endif

nlohmann::json LastJson(AgencyFixture& f) { return nlohmann::json::parse(f.LastRecord()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(ServerRecordsTest)

#ifndef _WIN32
BOOST_AUTO_TEST_CASE(AFolderAnotherProcessServesIsRefusedNamingTheServer) {
  AgencyFixture f;
  LockingChild server(f.dir);
  BOOST_REQUIRE(server.Locked());
  auto opened = Workstation::Open(f.dir, f.clock);
  BOOST_REQUIRE(!opened.Ok());
  BOOST_TEST((opened.Err().code == ErrorCode::Locked));
  BOOST_TEST((opened.Err().detail == ErrorDetail::StorageServed));
  BOOST_TEST(opened.Err().message.find(kDescription) != std::string::npos);
  // Counts and camera health need no plate data and no audit log: they still work.
  auto overview = Workstation::ReadOverview(f.dir, f.clock);
  BOOST_REQUIRE(overview.Ok());
  BOOST_TEST(overview->reads == 3);
  auto health = Workstation::ReadCameraHealth(f.dir, f.clock, 24);
  BOOST_REQUIRE(health.Ok());
  BOOST_TEST(health->size() == 1u);
  server.Stop();
  BOOST_TEST(Workstation::Open(f.dir, f.clock).Ok());
}
#endif

BOOST_AUTO_TEST_CASE(TheServersOwnProcessMayOpenTheFolderItHolds) {
  AgencyFixture f;
  auto lock = store::ServerLock::Acquire(f.dir, kDescription);
  BOOST_REQUIRE(lock.Ok());
  auto opened = Workstation::Open(f.dir, f.clock);
  BOOST_TEST(opened.Ok());
}

BOOST_AUTO_TEST_CASE(ServerEventsAreRecordedAsThePlatedeskServerUser) {
  AgencyFixture f;
  ServerEvent started{.event = "server.started",
                      .outcome = audit::Outcome::Success,
                      .details = R"({"listen":"0.0.0.0:8443","tokens":"3"})"};
  BOOST_REQUIRE(f.ws->RecordServerEvent(started).Ok());
  auto r = LastJson(f);
  BOOST_TEST(r["event"] == "server.started");
  BOOST_TEST(r["user"] == "platedesk-server");
  BOOST_TEST(r["outcome"] == "success");
  BOOST_TEST(r["details"]["listen"] == "0.0.0.0:8443");
  BOOST_TEST(r["workstation"] == HostName());

  ServerEvent failed{.event = "ingest.auth_failed",
                     .outcome = audit::Outcome::Refused,
                     .details = R"({"source":"203.0.113.7","path":"/v1/ingest/openalpr"})",
                     .reason = "unknown token",
                     .objects = {"203.0.113.7"},
                     .resultCount = 17};
  BOOST_REQUIRE(f.ws->RecordServerEvent(failed).Ok());
  r = LastJson(f);
  BOOST_TEST(r["event"] == "ingest.auth_failed");
  BOOST_TEST(r["outcome"] == "refused");
  BOOST_TEST(r["result_count"] == 17);
  BOOST_TEST(r["reason"] == "unknown token");
  BOOST_TEST(r["objects"][0] == "203.0.113.7");
  BOOST_TEST(r["details"]["source"] == "203.0.113.7");
}

BOOST_AUTO_TEST_CASE(OnlyTheServersEventKindsAreAcceptedAndTheRecordFailsClosed) {
  AgencyFixture f;
  const auto before = f.AuditSize();
  ServerEvent other{.event = "login.success", .details = R"({"a":"b"})"};
  BOOST_TEST((f.ws->RecordServerEvent(other).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(f.AuditSize() == before);
  f.BreakAuditLog();
  ServerEvent stopped{.event = "server.stopped", .details = R"({"reads":"120"})"};
  BOOST_TEST(!f.ws->RecordServerEvent(stopped).Ok());
}

BOOST_AUTO_TEST_CASE(CameraHealthNeedsNoSignInAndUsesTheAgencysThreshold) {
  AgencyFixture f;
  {
    auto s = store::Storage::Open(f.dir, f.clock).Value();
    BOOST_REQUIRE(s->SetSetting(store::kCameraOfflineAfterSetting, "600").Ok());
    const std::vector<store::CameraHeard> heard{{"cam-1", f.clock.Now() - 3 * kMsPerHour},
                                                {"cam-1", f.clock.Now() - kMsPerHour},
                                                {"agent-7f3a/2", f.clock.Now() - kMsPerMinute}};
    BOOST_REQUIRE(s->NoteCamerasHeard(heard, 10 * kMsPerMinute).Ok());
  }
  auto health = Workstation::ReadCameraHealth(f.dir, f.clock, 24);
  BOOST_REQUIRE(health.Ok());
  BOOST_REQUIRE(health->size() == 2u);
  // Ordered by name: "Aurora Ave N & N 85th St" (cam-1) before "agent-7f3a/2" (byte order).
  const auto& cam1 = (*health)[0];
  BOOST_TEST(cam1.externalId == "cam-1");
  BOOST_TEST(!cam1.online);
  BOOST_REQUIRE(cam1.periods.size() == 2u);  // the closed one between its reads, the open one since
  BOOST_TEST(cam1.periods[0].to.value() == f.clock.Now() - kMsPerHour);
  BOOST_TEST(!cam1.periods[1].to.has_value());
  BOOST_TEST((*health)[1].online);
  BOOST_TEST((Workstation::ReadCameraHealth(f.dir, f.clock, 0).Err().code == ErrorCode::InvalidArgument));
}

// --- ingest tokens through the Session -----------------------------------------------------------

BOOST_AUTO_TEST_CASE(AnAdministratorIssuesATokenShownOnceAndStoredAsItsHash) {
  AgencyFixture f;
  auto admin = f.Admin();
  auto issued = admin->AddIngestToken("i64-eb", {"1414799424", "1414799425"}, 2.5);
  BOOST_REQUIRE_MESSAGE(issued.Ok(), (issued.Ok() ? std::string() : issued.Err().ToString()));
  BOOST_TEST(issued->name == "i64-eb");
  BOOST_TEST(issued->token.rfind("pdt_", 0) == 0u);
  BOOST_TEST(issued->token.size() == 68u);
  BOOST_TEST(IsSha256Hex(issued->token.substr(4)));  // 64 lower-case hex digits
  auto r = LastJson(f);
  BOOST_TEST(r["event"] == "token.added");
  BOOST_TEST(r["user"] == "a.rivera");
  BOOST_TEST(r["objects"][0] == "token:i64-eb");
  BOOST_TEST(r["details"]["cameras"][1] == "1414799425");
  BOOST_TEST(r["details"]["reads_per_second"] == "2.5");
  BOOST_TEST(f.LastRecord().find(issued->token) == std::string::npos);
  BOOST_TEST(f.LastRecord().find(Sha256Hex(issued->token)) == std::string::npos);

  auto tokens = admin->IngestTokens();
  BOOST_REQUIRE(tokens.Ok());
  BOOST_REQUIRE(tokens->size() == 1u);
  BOOST_TEST((*tokens)[0].tokenHash == Sha256Hex(issued->token));
  BOOST_TEST((*tokens)[0].createdBy == "a.rivera");
  BOOST_TEST((*tokens)[0].readsPerSecond == 2.5);
  BOOST_TEST(f.LastEvent() == "token.listed");
  BOOST_TEST(LastJson(f)["result_count"] == 1);

  auto second = admin->AddIngestToken("rekor-north", {"agent-7f3a/*"}, 0);
  BOOST_REQUIRE(second.Ok());
  BOOST_TEST(second->token != issued->token);
  BOOST_TEST(LastJson(f)["details"]["reads_per_second"] == "server default");
  BOOST_TEST((admin->AddIngestToken("i64-eb", {"*"}, 0).Err().code == ErrorCode::AlreadyExists));
}

BOOST_AUTO_TEST_CASE(TokenAdministrationIsForAdministratorsWithASecondFactor) {
  AgencyFixture f;
  auto detective = f.Detective();
  BOOST_TEST((detective->AddIngestToken("mine", {"cam-1"}, 0).Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((detective->IngestTokens().Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((detective->RevokeIngestToken("mine", "no").Err().code == ErrorCode::PermissionDenied));
  {
    auto admin = f.Admin();
    BOOST_REQUIRE(admin->AddUser("b.osei", store::Role::Administrator, "orchard gate twilight").Ok());
  }
  // The agency requires MFA (the default): an administrator without an authenticator is refused.
  LoginRequest request = f.Request("b.osei", "orchard gate twilight");
  request.newPassword = "quiet meadow lantern";  // the password was set by an administrator
  auto noMfa = f.ws->Login(request);
  BOOST_REQUIRE_MESSAGE(noMfa.Ok(), (noMfa.Ok() ? std::string() : noMfa.Err().ToString()));
  auto refused = (*noMfa)->AddIngestToken("i64-eb", {"cam-1"}, 0);
  BOOST_TEST((refused.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST((refused.Err().detail == ErrorDetail::SecondFactorForAdministration));
  auto admin = f.Admin();
  BOOST_TEST(admin->IngestTokens()->empty());
}

BOOST_AUTO_TEST_CASE(BadTokenRequestsAreRefusedBeforeAnythingIsStored) {
  AgencyFixture f;
  auto admin = f.Admin();
  const auto before = f.AuditSize();
  BOOST_TEST((admin->AddIngestToken("", {"cam-1"}, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken("a b", {"cam-1"}, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken(std::string(65, 'a'), {"cam-1"}, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken("i64-eb", {}, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken("i64-eb", {""}, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken("i64-eb", {"cam\n1"}, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken("i64-eb", {"cam-1"}, -1).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((admin->AddIngestToken("i64-eb", {"cam-1"}, 1e9).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(f.AuditSize() == before);
}

BOOST_AUTO_TEST_CASE(RevokingIsAuditedWithItsReason) {
  AgencyFixture f;
  auto admin = f.Admin();
  BOOST_REQUIRE(admin->AddIngestToken("i64-eb", {"1414799424"}, 0).Ok());
  BOOST_TEST((admin->RevokeIngestToken("i64-eb", "  ").Err().code == ErrorCode::InvalidArgument));
  BOOST_REQUIRE(admin->RevokeIngestToken("i64-eb", "camera stolen from its pole").Ok());
  auto r = LastJson(f);
  BOOST_TEST(r["event"] == "token.revoked");
  BOOST_TEST(r["reason"] == "camera stolen from its pole");
  BOOST_TEST(r["objects"][0] == "token:i64-eb");
  const auto after = f.AuditSize();
  BOOST_TEST((admin->RevokeIngestToken("i64-eb", "again").Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST((admin->RevokeIngestToken("nobody", "gone").Err().code == ErrorCode::NotFound));
  BOOST_TEST(f.AuditSize() == after);
  auto tokens = admin->IngestTokens();
  BOOST_TEST((*tokens)[0].revokedBy == "a.rivera");
  BOOST_TEST((*tokens)[0].revokeReason == "camera stolen from its pole");
}

BOOST_AUTO_TEST_CASE(ATokenIsNotIssuedWhenItsRecordCannotBeWritten) {
  AgencyFixture f;
  auto admin = f.Admin();
  f.BreakAuditLog();
  BOOST_TEST(!admin->AddIngestToken("i64-eb", {"1414799424"}, 0).Ok());
  auto s = store::Storage::Open(f.dir, f.clock).Value();
  BOOST_TEST(s->IngestTokens()->empty());
}

// --- offline cameras in searches and the overview -------------------------------------------------

BOOST_AUTO_TEST_CASE(ASearchOverAWindowNamesTheCamerasOfflineDuringIt) {
  AgencyFixture f;
  const UtcMs now = f.clock.Now();
  {
    auto s = store::Storage::Open(f.dir, f.clock).Value();
    const std::vector<store::CameraHeard> heard{{"cam-1", now - 5 * kMsPerHour},
                                                {"cam-1", now - 2 * kMsPerHour},  // offline -4h50m .. -2h
                                                {"cam-2", now - 5 * kMsPerHour},
                                                {"cam-2", now - kMsPerMinute}};  // offline -4h50m .. -1m
    BOOST_REQUIRE(s->NoteCamerasHeard(heard, store::kDefaultCameraOfflineAfterMs).Ok());
  }
  auto detective = f.Detective();
  search::Query q;
  q.from = now - 3 * kMsPerHour;
  q.to = now - 150 * kMsPerMinute;
  auto all = detective->Search(f.Context(), q);
  BOOST_REQUIRE(all.Ok());
  BOOST_REQUIRE(all->offlineCameras.size() == 2u);
  BOOST_TEST(all->offlineCameras[0].name == "Aurora Ave N & N 85th St");
  BOOST_TEST(all->offlineCameras[0].to.value() == now - 2 * kMsPerHour);

  const store::CameraId cam1 = all->offlineCameras[0].camera;
  q.cameras = {cam1};
  auto chosen = detective->Search(f.Context(), q);
  BOOST_REQUIRE(chosen.Ok());
  BOOST_TEST(chosen->offlineCameras.size() == 1u);

  q.from = now - 5 * kMsPerHour;  // before cam-1 went silent; cam-2 is not chosen
  q.to = now - 295 * kMsPerMinute;
  BOOST_TEST(detective->Search(f.Context(), q)->offlineCameras.empty());
  search::Query noWindow;
  noWindow.plate = "ABC120";
  BOOST_TEST(detective->Search(f.Context(), noWindow)->offlineCameras.empty());
}

BOOST_AUTO_TEST_CASE(TheOverviewCountsCamerasOnlineOfflineAndNeverHeard) {
  AgencyFixture f;
  const UtcMs now = f.clock.Now();
  {
    auto s = store::Storage::Open(f.dir, f.clock).Value();
    BOOST_REQUIRE(s->EnsureCamera("1414799424", "I-64 EB at Grand", store::CameraKind::Fixed, std::nullopt).Ok());
    const std::vector<store::CameraHeard> heard{
        {"cam-1", now - 2 * kMsPerHour}, {"agent-7f3a/1", now - kMsPerMinute}, {"agent-7f3a/2", now - 3 * kMsPerHour}};
    BOOST_REQUIRE(s->NoteCamerasHeard(heard, store::kDefaultCameraOfflineAfterMs).Ok());
  }
  auto o = f.ws->GetOverview();
  BOOST_REQUIRE(o.Ok());
  BOOST_TEST(o->cameras == 4);
  BOOST_TEST(o->camerasOnline == 1);
  BOOST_TEST(o->camerasOffline == 2);
  BOOST_TEST(o->camerasNeverHeard == 1);
  BOOST_REQUIRE(o->offlineCameras.size() == 2u);
  BOOST_TEST(o->offlineCameras[0].externalId == "agent-7f3a/2");  // offline longest first
  BOOST_TEST(o->offlineCameras[0].from == now - 3 * kMsPerHour + store::kDefaultCameraOfflineAfterMs);
  BOOST_TEST(o->offlineCameras[1].name == "Aurora Ave N & N 85th St");
}

BOOST_AUTO_TEST_SUITE_END()
