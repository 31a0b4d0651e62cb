// SPDX-License-Identifier: GPL-3.0-or-later
// The Session contract over the network, end to end: a platedesk-server process on 127.0.0.1 with
// TLS (a certificate made here, trusted by its pinned key), the remote client of core/remote, and
// platedesk-cli with --server. Every refusal comes from the server's embedded session.
#include "../server/ServerSupport.h"

#include "platedesk/common/Files.h"
#include "platedesk/remote/Codec.h"
#include "platedesk/remote/Protocol.h"
#include "platedesk/remote/Remote.h"
#include "platedesk/testsupport/Process.h"

#include <boost/test/unit_test.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <thread>

namespace platedesk {
namespace {

using namespace testsupport;
namespace fs = std::filesystem;

constexpr const char* kDetective = "detective";
constexpr const char* kDetectivePassword = "Blue-Heron-Pier-7";
constexpr const char* kSupervisor = "supervisor";
constexpr const char* kSupervisorPassword = "Cedar-Lantern-Ridge-3";

/// The error's text, or "" (Boost evaluates a check's message even when the check passes).
template <class R>
std::string Why(const R& r) {
  return r.Ok() ? std::string() : r.Err().ToString();
}

/// call() again every 200 ms, for up to 20 s, while it fails because the server does not answer
/// (a server restarting): its first other answer.
template <class Call>
auto WhileUnreachable(Call&& call) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  auto result = call();
  while (!result.Ok() && result.Err().detail == ErrorDetail::ServerUnreachable &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    result = call();
  }
  return result;
}

/// The event types among audit records.
std::set<std::string> EventsOf(const std::vector<audit::StoredRecord>& records) {
  std::set<std::string> events;
  for (const auto& r : records) events.insert(r.event);
  return events;
}

/// " --from T" for the last 20 hours: a vehicle-only search over a demo's 4 cameras in that window
/// needs no supervisor's approval.
std::string RecentWindow() { return " --from " + FormatIso8601(SystemClock().Now() - 20 * kMsPerHour); }

workstation::AccessContext Context() {
  return {"26-004512", "INV-PROPERTY", "following the stolen trailer from the yard report"};
}

/// A demo storage served by a TLS platedesk-server; the client trusts its pinned key.
struct Served {
  TempFolder t{"platedesk-remote-test"};
  fs::path dir = t.Path() / "storage";
  std::unique_ptr<ServerProcess> server;
  remote::Endpoint endpoint;

  explicit Served(int reads = 800) {
    auto demo = Cli("demo --storage " + ShellQuote(dir.string()) + " --reads " + std::to_string(reads) +
                    " --cameras 4 --days 3 --no-images --seed 5");
    BOOST_TEST_REQUIRE(demo.exitCode == 0, demo.err);
    server = std::make_unique<ServerProcess>(dir, t.Path());
    endpoint.url = server->Url();
    endpoint.trust.pin = server->Pin();
  }

  std::unique_ptr<workstation::Session> SignIn(const std::string& user, const std::string& password) {
    auto connection = remote::Connect(endpoint);
    BOOST_TEST_REQUIRE(connection.Ok(), Why(connection));
    mConnections.push_back(std::move(*connection));
    workstation::LoginRequest request;
    request.user = user;
    request.password = password;
    request.bannerAccepted = true;
    auto session = mConnections.back()->Login(request);
    BOOST_TEST_REQUIRE(session.Ok(), Why(session));
    return std::move(*session);
  }

  /// The context of `detective`'s search of `q` under a supervisor's approval, asked for and given
  /// through the server (a broad search needs one).
  workstation::AccessContext Approved(workstation::Session& detective, const search::Query& q, std::size_t limit) {
    auto made = detective.RequestApproval(Context(), {q, limit, std::nullopt});
    BOOST_TEST_REQUIRE(made.Ok(), Why(made));
    auto decided = SignIn(kSupervisor, kSupervisorPassword)->DecideApproval(made->id, true, "yard report", 1);
    BOOST_TEST_REQUIRE(decided.Ok(), Why(decided));
    BOOST_TEST((decided->state == store::ApprovalState::Approved));
    auto context = Context();
    context.approval = made->id;
    return context;
  }

  /// POST a raw body to the API (a client that skips every check of its own).
  std::pair<long, nlohmann::json> Post(const std::string& path, const std::string& body, const std::string& token,
                                       const std::string& fromAddress = {}) {
    CURL* curl = curl_easy_init();
    std::string answer;
    const std::string url = endpoint.url + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, endpoint.trust.pin.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    if (!fromAddress.empty()) curl_easy_setopt(curl, CURLOPT_INTERFACE, fromAddress.c_str());
    curl_slist* headers = nullptr;
    const std::string auth = "Authorization: Bearer " + token;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    if (!token.empty()) headers = curl_slist_append(headers, auth.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(
        curl, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
          static_cast<std::string*>(u)->append(d, s * n);
          return s * n;
        });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    const CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    BOOST_TEST_REQUIRE(code == CURLE_OK, curl_easy_strerror(code));
    return {status, nlohmann::json::parse(answer, nullptr, false)};
  }

 private:
  std::vector<std::unique_ptr<workstation::Connection>> mConnections;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(RemoteSession)

BOOST_AUTO_TEST_CASE(EveryContractMethodHasARowAndEveryRowARoute) {
  // The contract's methods as Session.h declares them.
  auto header = ReadFile(PLATEDESK_SESSION_HEADER);
  BOOST_REQUIRE(header.Ok());
  const auto start = header->find("class Session {");
  BOOST_REQUIRE(start != std::string::npos);
  const std::string body = header->substr(start);
  std::set<std::string> declared;
  static const std::regex kVirtual(R"(virtual\s+[^;{]*?\b([A-Z][A-Za-z]+)\()");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kVirtual); it != std::sregex_iterator(); ++it)
    if ((*it)[1] != "Session") declared.insert((*it)[1]);  // not the destructor
  BOOST_TEST(declared.size() >= 55u);
  std::set<std::string> rows;
  for (const auto& row : remote::kSessionMethods) rows.insert(std::string(row.method));
  for (const auto& name : declared) BOOST_TEST(rows.contains(name), name << " has no row in remote/Protocol.h");
  for (const auto& name : rows) BOOST_TEST(declared.contains(name), name << " is not a method of Session");
  // Each row a client does not answer itself is a route the server knows: an unsigned call to it
  // gets 401 (the session's checks come first), never 404 or an answer.
  Served s;
  for (const auto& row : remote::kSessionMethods) {
    if (row.kind == remote::Kind::Local) continue;
    auto [status, json] = s.Post(std::string(remote::kSessionPrefix) + std::string(row.route), "{\"args\":[]}", "");
    BOOST_TEST(status == 401, row.route << " answered " << status);
  }
  auto [status, json] = s.Post(std::string(remote::kSessionPrefix) + "no-such-method", "{\"args\":[]}", "");
  BOOST_TEST(status == 404);
}

BOOST_AUTO_TEST_CASE(ADetectiveSearchesThroughTheServerAndTheSupervisorSeesItInTheLog) {
  Served s;
  {
    // A mistyped password first: the failure is recorded with the workstation it came from.
    auto connection = remote::Connect(s.endpoint);
    BOOST_TEST_REQUIRE(connection.Ok(), Why(connection));
    workstation::LoginRequest wrong;
    wrong.user = kDetective;
    wrong.password = "Blue-Heron-Pier-8";
    wrong.bannerAccepted = true;
    BOOST_TEST(!(*connection)->Login(wrong).Ok());
  }
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  BOOST_TEST(detective->User().name == kDetective);
  // Pages arrive as they are ranked, before the search ends.
  search::Query q;
  q.plate = "*";
  search::SearchOptions options;
  options.limit = 250;
  options.batchSize = 100;
  std::size_t pages = 0;
  std::size_t paged = 0;
  options.onBatch = [&](std::span<const search::Hit> batch) {
    ++pages;
    paged += batch.size();
    return true;
  };
  std::uint64_t lastDone = 0;
  BOOST_TEST((detective->Search(Context(), q, options).Err().detail == ErrorDetail::ApprovalNeeded));
  const auto approved = s.Approved(*detective, q, options.limit);
  auto found = detective->Search(approved, q, options, true, {}, [&](std::uint64_t d, std::uint64_t) { lastDone = d; });
  BOOST_TEST_REQUIRE(found.Ok(), Why(found));
  BOOST_TEST(found->result.hits.size() == 250u);
  BOOST_TEST(found->reads.size() == 250u);
  BOOST_TEST(pages >= 3u);
  BOOST_TEST(paged == 250u);
  // Reads and verification by id through the server.
  std::vector<store::ReadId> ids{found->result.hits[0].read};
  auto reads = detective->GetReads(Context(), ids);
  BOOST_TEST_REQUIRE(reads.Ok(), Why(reads));
  BOOST_TEST(reads->at(0).id == ids[0]);
  auto supervisor = s.SignIn(kSupervisor, kSupervisorPassword);
  audit::RecordFilter filter;
  filter.user = kDetective;
  auto records = supervisor->AuditRecords(filter);
  BOOST_TEST_REQUIRE(records.Ok(), Why(records));
  const std::set<std::string> events = EventsOf(*records);
  BOOST_TEST(events.contains("login.success"));
  BOOST_TEST(events.contains("login.failure"));
  BOOST_TEST(events.contains("search.start"));
  BOOST_TEST(events.contains("search.result"));
  BOOST_TEST(events.contains("read.viewed"));
  // Every record of the detective's session names the workstation it came from, not the server.
  for (const auto& r : *records) {
    if (r.event != "search.start" && r.event != "read.viewed" && r.event != "login.success" &&
        r.event != "login.failure")
      continue;
    const auto record = nlohmann::json::parse(r.canonical, nullptr, false);
    BOOST_TEST(record.value("workstation", "") == "address 127.0.0.1 via platedesk-server", r.canonical);
  }
  // An audit verifier accepts records that name a client.
  auto verdict = supervisor->VerifyAudit({});
  BOOST_TEST_REQUIRE(verdict.Ok(), Why(verdict));
  BOOST_TEST(verdict->pass, verdict->summary);
}

BOOST_AUTO_TEST_CASE(CameraHealthThroughTheServerNeedsASignIn) {
  Served s;
  const std::string server = " --server " + s.endpoint.url + " --pin " + ShellQuote(s.endpoint.trust.pin);
  auto anonymous = Cli("camera health --format json" + server);
  BOOST_TEST(anonymous.exitCode == 1, anonymous.out + anonymous.err);
  BOOST_TEST(anonymous.err.find("not signed in") != std::string::npos, anonymous.err);
  auto health = Cli("camera health --format json --hours 48" + server + " --user supervisor",
                    {{"PLATEDESK_PASSWORD", kSupervisorPassword}});
  BOOST_TEST_REQUIRE(health.exitCode == 0, health.err);
  const auto list = nlohmann::json::parse(health.out, nullptr, false);
  BOOST_TEST_REQUIRE(list.is_array());
  BOOST_TEST(list.size() == 4u);  // the demo's four cameras
  for (const auto& camera : list) BOOST_TEST(camera["state"].is_string());
  auto supervisor = s.SignIn(kSupervisor, kSupervisorPassword);
  BOOST_TEST(!supervisor->CameraHealthList(0).Ok());  // the window is checked on the server
  auto direct = supervisor->CameraHealthList(24);
  BOOST_TEST_REQUIRE(direct.Ok(), Why(direct));
  BOOST_TEST(direct->size() == 4u);
}

BOOST_AUTO_TEST_CASE(TheServerRefusesWhatTheClientWouldHaveCaughtAndAuditsIt) {
  Served s;
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  // A client that skips its own checks: no case number, a prohibited purpose.
  nlohmann::json query = remote::Encode(search::Query{});
  query["plate"] = "ABC*";
  for (const auto& [c, why] : {std::pair{nlohmann::json{{"caseNumber", ""},
                                                        {"purposeCode", "INV-PROPERTY"},
                                                        {"justification", "following the stolen trailer"}},
                                         "no case"},
                               std::pair{nlohmann::json{{"caseNumber", "26-004512"},
                                                        {"purposeCode", "IMMIGRATION"},
                                                        {"justification", "following the stolen trailer"}},
                                         "prohibited purpose"}}) {
    nlohmann::json body{{"args", {c, query, nlohmann::json::object(), false}}};
    auto [status, answer] = s.Post(std::string(remote::kSessionPrefix) + "search", body.dump(), detective->Token());
    BOOST_TEST(status == 200, why);  // a streamed answer; the refusal is its last line
    (void)answer;
  }
  auto supervisor = s.SignIn(kSupervisor, kSupervisorPassword);
  audit::RecordFilter filter;
  filter.user = kDetective;
  auto records = supervisor->AuditRecords(filter);
  BOOST_TEST_REQUIRE(records.Ok());
  int refused = 0;
  for (const auto& r : *records) refused += r.event == "search.refused" ? 1 : 0;
  BOOST_TEST(refused == 2);
}

BOOST_AUTO_TEST_CASE(HostileDisseminationCallsAreRefusedOnTheServerAndStoreNothing) {
  Served s;
  const std::string server = " --server " + s.endpoint.url + " --pin " + ShellQuote(s.endpoint.trust.pin);
  const fs::path mou = s.t.Path() / "mou.pdf";
  std::ofstream(mou, std::ios::binary) << "%PDF-1.4\n% agreement\n";
  auto added = Cli("agency add --format json --name KCSO --kind local --state WA --mou-file " +
                       ShellQuote(mou.string()) + server + " --user administrator",
                   {{"PLATEDESK_PASSWORD", "Orca-Tide-Station-9"}});
  BOOST_TEST_REQUIRE(added.exitCode == 0, added.out + added.err);
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  store::DisseminationRequest request;
  request.agency = 1;
  request.requesterName = "Det. Ana Ruiz";
  request.requesterContact = "206-555-0101";
  request.caseNumber = "26-004512";
  request.purposeCode = "INV-PROPERTY";
  request.justification = "Their burglary series overlaps ours";
  request.authority = "RCW 10.97.050";
  request.asks = "reads of the suspect sedan";
  // A document that is no PDF or image, and one over 10 MB: refused by the server.
  auto script = detective->RequestDissemination(request, {"x.pdf", "", "#!/bin/sh\nrm -rf /\n", ""});
  BOOST_TEST((!script.Ok() && script.Err().code == ErrorCode::InvalidArgument), Why(script));
  auto huge = detective->RequestDissemination(request, {"big.pdf", "", "%PDF-" + std::string(11 << 20, 'x'), ""});
  BOOST_TEST(!huge.Ok());
  // A client that skips its own checks: malformed arguments, a reviewer field it may not set, a
  // body over the calls' limit.
  for (const std::string& body : {std::string(R"({"args": [{"agency": "one"}, {}]})"), std::string(R"({"args": []})"),
                                  std::string(R"({"args": [7, true]})"), std::string("{not json")}) {
    auto [status, answer] =
        s.Post(std::string(remote::kSessionPrefix) + "dissemination-request", body, detective->Token());
    BOOST_TEST(status == 400, body << " answered " << status);
    (void)answer;
  }
  auto [tooBig, answer] = s.Post(std::string(remote::kSessionPrefix) + "dissemination-review",
                                 R"({"args": [1, true, ")" + std::string(2 << 20, 'a') + R"("]})", detective->Token());
  BOOST_TEST(tooBig == 413);
  (void)answer;
  // A detective cannot approve through the server either; the refusal is audited there.
  auto entered = detective->RequestDissemination(request, {"r.pdf", "", "%PDF-1.4\n% request\n", ""});
  BOOST_TEST_REQUIRE(entered.Ok(), Why(entered));
  auto approved = detective->ReviewDissemination(entered->request.id, true, "approving my own");
  BOOST_TEST((!approved.Ok() && approved.Err().code == ErrorCode::PermissionDenied));
  auto supervisor = s.SignIn(kSupervisor, kSupervisorPassword);
  auto log = supervisor->Disseminations({});
  BOOST_TEST_REQUIRE(log.Ok());
  BOOST_TEST(log->size() == 1u);  // only the well-formed request was stored
  audit::RecordFilter filter;
  filter.eventType = "dissemination.*";
  auto records = supervisor->AuditRecords(filter);
  BOOST_TEST_REQUIRE(records.Ok());
  const auto events = EventsOf(*records);
  BOOST_TEST(events.contains("dissemination.request"));
  BOOST_TEST(events.contains("dissemination.refused"));
}

BOOST_AUTO_TEST_CASE(AStolenTokenFromAnotherAddressIsRefusedAndAudited) {
  Served s;
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  const std::string body = R"({"args":[]})";
  auto [ownStatus, own] = s.Post(std::string(remote::kSessionPrefix) + "cameras", body, detective->Token());
  BOOST_TEST(ownStatus == 200);
  // 127.0.0.2 is another address on the loopback network.
  auto [status, answer] =
      s.Post(std::string(remote::kSessionPrefix) + "cameras", body, detective->Token(), "127.0.0.2");
  BOOST_TEST(status == 401);
  auto supervisor = s.SignIn(kSupervisor, kSupervisorPassword);
  audit::RecordFilter filter;
  filter.eventType = "session.refused";
  auto records = supervisor->AuditRecords(filter);
  BOOST_TEST_REQUIRE(records.Ok(), Why(records));
  BOOST_TEST(records->size() >= 1u);
}

BOOST_AUTO_TEST_CASE(AWrongPinIsRefusedWithAClearError) {
  Served s;
  remote::Endpoint wrong = s.endpoint;
  wrong.trust.pin = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  auto connection = remote::Connect(wrong);
  BOOST_TEST_REQUIRE(!connection.Ok());
  BOOST_TEST((connection.Err().detail == ErrorDetail::ServerNotTrusted), Why(connection));
  // No trust at all: the self-signed certificate fails the system's CAs.
  remote::Endpoint none = s.endpoint;
  none.trust.pin.clear();
  auto unverified = remote::Connect(none);
  BOOST_TEST_REQUIRE(!unverified.Ok());
  BOOST_TEST((unverified.Err().detail == ErrorDetail::ServerNotTrusted), Why(unverified));
  // A CA file that is the server's own certificate verifies it (its name is 127.0.0.1).
  remote::Endpoint ca = s.endpoint;
  ca.trust.pin.clear();
  ca.trust.caFile = s.server->Cert();
  auto trusted = remote::Connect(ca);
  BOOST_TEST(trusted.Ok(), Why(trusted));
}

BOOST_AUTO_TEST_CASE(ALockOnOneWorkstationDoesNotLockTheOther) {
  Served s;
  auto first = s.SignIn(kDetective, kDetectivePassword);
  auto second = s.SignIn(kDetective, kDetectivePassword);
  BOOST_TEST_REQUIRE(first->Lock().Ok());
  BOOST_TEST(first->IsLocked());
  BOOST_TEST(!second->IsLocked());
  auto cameras = first->Cameras();
  BOOST_TEST(!cameras.Ok());
  BOOST_TEST(second->Cameras().Ok());
  BOOST_TEST_REQUIRE(first->Unlock(kDetectivePassword).Ok());
  BOOST_TEST(first->Cameras().Ok());
}

BOOST_AUTO_TEST_CASE(TheServerKilledMidSessionGivesAClearErrorAndTheClientRecovers) {
  Served s;
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  s.server->Kill();
  auto down = detective->Cameras();
  BOOST_TEST_REQUIRE(!down.Ok());
  BOOST_TEST((down.Err().detail == ErrorDetail::ServerUnreachable), Why(down));
  s.server->Start();
  // The server is back at its address: the same client, the same session (its token was stored
  // hashed, bound to this address) goes on without a new sign-in.
  auto again = WhileUnreachable([&] { return detective->Cameras(); });
  BOOST_TEST(again.Ok(), Why(again));
  // A new connection resumes the same token as well.
  auto connection = remote::Connect(s.endpoint);
  BOOST_TEST_REQUIRE(connection.Ok(), Why(connection));
  auto resumed = (*connection)->Resume(detective->Token(), {});
  BOOST_TEST_REQUIRE(resumed.Ok(), Why(resumed));
  BOOST_TEST((*resumed)->Cameras().Ok());
}

BOOST_AUTO_TEST_CASE(TheServerKilledMidSearchGivesAClearErrorAndTheSameSessionSearchesAgainOnceItIsBack) {
  Served s(30000);
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  search::Query q;
  q.plate = "*";
  search::SearchOptions options;
  options.limit = 30000;  // thousands of pages with their reads: megabytes still to come at the kill
  options.batchSize = 100;
  std::size_t pages = 0;
  options.onBatch = [&](std::span<const search::Hit>) {
    if (++pages == 1) s.server->Kill();  // the first page is here, the rest is not
    return true;
  };
  const auto approved = s.Approved(*detective, q, options.limit);
  search::SearchOptions few;
  few.limit = 5;
  const auto approvedFew = s.Approved(*detective, q, few.limit);
  auto broken = detective->Search(approved, q, options, true);
  BOOST_TEST_REQUIRE(!broken.Ok());
  BOOST_TEST((broken.Err().detail == ErrorDetail::ServerUnreachable), Why(broken));
  BOOST_TEST(pages >= 1u);
  s.server->Start();  // the same port
  auto again = WhileUnreachable([&] { return detective->Search(approvedFew, q, few, true); });
  BOOST_TEST_REQUIRE(again.Ok(), Why(again));
  BOOST_TEST(again->result.hits.size() == 5u);
}

BOOST_AUTO_TEST_CASE(AFolderImportsThroughTheServerAndATooLargeFileIsRefusedBeforeAnythingIsSent) {
  Served s;
  auto admin = s.SignIn("administrator", "Orca-Tide-Station-9");
  TempFolder t("platedesk-remote-import");
  const fs::path folder = t.Path() / "export";
  fs::create_directories(folder / "day2");
  const std::string good =
      "uuid,captured_at,camera_id,plate,state,confidence\n"
      "remote-folder-1,2026-11-30T10:00:00Z,yard-gate,RMT101,WA,91\n";
  BOOST_TEST_REQUIRE(WriteFileAtomic(folder / "reads.csv", good).Ok());
  BOOST_TEST_REQUIRE(WriteFileAtomic(folder / "day2" / "broken.json", "{\"data_type\": ").Ok());
  BOOST_TEST_REQUIRE(WriteFileAtomic(folder / ".hidden.csv", good).Ok());
  const std::vector<fs::path> paths{folder};
  auto imported = admin->Import(paths);
  BOOST_TEST_REQUIRE(imported.Ok(), Why(imported));
  BOOST_TEST(imported->files == 2u);  // the hidden file is skipped, as on the host
  BOOST_TEST(imported->rejected == 1u);
  BOOST_TEST_REQUIRE(!imported->problems.empty());
  // The problem names this machine's file, not the server's staging copy.
  BOOST_TEST(imported->problems.front().file == (folder / "day2" / "broken.json").string());

  // Over 12 MB in one file: refused here, nothing sent, nothing stored.
  const fs::path big = t.Path() / "big.jsonl";
  BOOST_TEST_REQUIRE(WriteFileAtomic(big, std::string(13u * 1024 * 1024, ' ')).Ok());
  const auto readsBefore = admin->GetOverview();
  BOOST_TEST_REQUIRE(readsBefore.Ok(), Why(readsBefore));
  const std::vector<fs::path> tooLarge{big};
  auto refused = admin->Import(tooLarge);
  BOOST_TEST_REQUIRE(!refused.Ok());
  BOOST_TEST((refused.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(refused.Err().message.find("12 MB") != std::string::npos, refused.Err().message);
  auto after = admin->GetOverview();
  BOOST_TEST_REQUIRE(after.Ok(), Why(after));
  BOOST_TEST(after->reads == readsBefore->reads);
}

BOOST_AUTO_TEST_CASE(TheCliSearchesThroughTheServerWithTheSameRules) {
  Served s;
  const std::string server = " --server " + s.endpoint.url + " --pin " + ShellQuote(s.endpoint.trust.pin);
  auto login = Cli("login" + server + " --user detective", {{"PLATEDESK_PASSWORD", kDetectivePassword}});
  BOOST_TEST_REQUIRE(login.exitCode == 0, login.err);
  // The trust given at login is remembered with the session.
  auto found = Cli("search --server " + s.endpoint.url + " --limit 5 --format json" + RecentWindow() +
                   " --case 26-004512 --purpose INV-PROPERTY --justification " +
                   ShellQuote("following the stolen trailer from the yard report"));
  BOOST_TEST_REQUIRE(found.exitCode == 0, found.err);
  auto refused = Cli("search --server " + s.endpoint.url +
                     " --plate '*' --case nope --purpose INV-PROPERTY "
                     "--justification " +
                     ShellQuote("following the stolen trailer from the yard report"));
  BOOST_TEST(refused.exitCode == 1);
  BOOST_TEST(refused.err.find("error:") != std::string::npos);
  auto status = Cli("status" + server + " --format json");
  BOOST_TEST_REQUIRE(status.exitCode == 0, status.err);
  auto json = nlohmann::json::parse(status.out, nullptr, false);
  BOOST_TEST(!json.is_discarded());
}

BOOST_AUTO_TEST_CASE(TwoWorkstationsAndTheCameraSimulatorAtOnceWithAnExportVerifiedOffline) {
  Served s;
  // The cameras post while two workstations work: an administrator issues their token through
  // the server, the simulator posts for 4 s.
  const fs::path tokenFile = s.t.Path() / "sim.token";
  const std::string server = " --server " + s.endpoint.url + " --pin " + ShellQuote(s.endpoint.trust.pin);
  auto token = Cli("server-token add sim --camera 'sim/*' --token-file " + ShellQuote(tokenFile.string()) + server +
                       " --user administrator",
                   {{"PLATEDESK_PASSWORD", "Orca-Tide-Station-9"}});
  BOOST_TEST_REQUIRE(token.exitCode == 0, token.err);
  std::jthread cameras([&] {
    auto sim = Cli("simulate-cameras --server " + s.endpoint.url + " --token-file " + ShellQuote(tokenFile.string()) +
                   " --cacert " + ShellQuote(s.server->Cert()) +
                   " --agent sim --cameras 3 --rate 20 --duration 4 --image-every 0");
    BOOST_TEST(sim.exitCode == 0, sim.err);
  });
  auto detective = s.SignIn(kDetective, kDetectivePassword);
  auto supervisor = s.SignIn(kSupervisor, kSupervisorPassword);
  search::Query q;
  q.plate = "*";
  search::SearchOptions options;
  options.limit = 3;
  auto found = detective->Search(s.Approved(*detective, q, options.limit), q, options, true);
  BOOST_TEST_REQUIRE(found.Ok(), Why(found));
  BOOST_TEST_REQUIRE(found->result.hits.size() == 3u);
  // The export: built and signed on the server, written here, read back and verified here.
  TempFolder medium("platedesk-remote-medium");
  workstation::EvidenceRequest request;
  request.mediaLabel = "USB-0042";
  for (const auto& hit : found->result.hits) request.reads.push_back(hit.read);
  request.destination = medium.Path();
  request.description = "three reads for the yard report";
  request.mediaLabel = "USB-0042";
  request.selectionMethod = "from-search";
  std::uint64_t progressCalls = 0;
  auto exported =
      detective->ExportEvidence(Context(), request, {}, [&](std::uint64_t, std::uint64_t) { ++progressCalls; });
  BOOST_TEST_REQUIRE(exported.Ok(), Why(exported));
  BOOST_TEST(exported->reads == 3u);
  BOOST_TEST(fs::exists(exported->path));
  BOOST_TEST((exported->path.parent_path() == medium.Path()));
  // Offline, with the server's published evidence keys and nothing else.
  auto keys = detective->EvidenceKeys();
  BOOST_TEST_REQUIRE(keys.Ok(), Why(keys));
  const fs::path keyFile = s.t.Path() / "evidence-keys.txt";
  std::string keyText;
  for (const auto& k : *keys) keyText += k + "\n";
  BOOST_TEST_REQUIRE(WriteFileAtomic(keyFile, keyText).Ok());
  auto verify = Cli("verify " + ShellQuote(exported->path.string()) + " --key " + ShellQuote(keyFile.string()));
  BOOST_TEST(verify.exitCode == 0, verify.out << verify.err);
  // The supervisor sees the export; the detective's lock does not touch the supervisor.
  BOOST_TEST_REQUIRE(detective->Lock().Ok());
  audit::RecordFilter filter;
  filter.user = kDetective;
  filter.eventType = "export.*";
  auto records = supervisor->AuditRecords(filter);
  BOOST_TEST_REQUIRE(records.Ok(), Why(records));
  const std::set<std::string> events = EventsOf(*records);
  BOOST_TEST(events.contains("export.start"));
  BOOST_TEST(events.contains("export.result"));
  cameras.join();  // (a jthread: joined on every way out of the test)
  auto overview = supervisor->GetOverview();
  BOOST_TEST_REQUIRE(overview.Ok(), Why(overview));
  BOOST_TEST(overview->reads > 800u);  // the simulator's reads arrived while the workstations worked
}

BOOST_AUTO_TEST_CASE(AfterARemoteExportNoFileOutsideTheMediumHoldsAPlate) {
  // The client process's temporary folder and home are this test's own; the export's files may
  // exist only on the medium.
  TempFolder client("platedesk-remote-client");
  const fs::path tmp = client.Path() / "tmp";
  const fs::path home = client.Path() / "home";
  fs::create_directories(tmp);
  fs::create_directories(home);
  Served s;
  const std::string server = " --server " + s.endpoint.url + " --pin " + ShellQuote(s.endpoint.trust.pin);
  const std::map<std::string, std::string> env{{"TMPDIR", tmp.string()},
                                               {"HOME", home.string()},
                                               {"XDG_STATE_HOME", (home / ".local/state").string()},
                                               {"PLATEDESK_PASSWORD", kDetectivePassword}};
  auto login = Cli("login" + server + " --user detective", env);
  BOOST_TEST_REQUIRE(login.exitCode == 0, login.err);
  const std::string context = " --case 26-004512 --purpose INV-PROPERTY --justification " +
                              ShellQuote("following the stolen trailer from the yard report");
  auto found = Cli("search" + server + " --limit 2 --format json" + RecentWindow() + context, env);
  BOOST_TEST_REQUIRE(found.exitCode == 0, found.err);
  auto hits = nlohmann::json::parse(found.out, nullptr, false);
  BOOST_TEST_REQUIRE(hits.is_array());
  BOOST_TEST_REQUIRE(hits.size() == 2u);
  std::vector<std::string> plates;
  std::string readArgs;
  for (const auto& h : hits) {
    plates.push_back(h.value("plate", std::string()));
    const auto& id = h["read_id"];
    readArgs += (readArgs.empty() ? " --reads " : ",") + (id.is_string() ? id.get<std::string>() : id.dump());
  }
  TempFolder medium("platedesk-remote-medium");
  auto exported = Cli(
      "export" + server + readArgs + " --to " + ShellQuote(medium.Path().string()) + " --media-label USB-7" + context,
      env);
  BOOST_TEST_REQUIRE(exported.exitCode == 0, exported.out << exported.err);
  // Every file under the client's temp and home folders, byte by byte.
  std::size_t scanned = 0;
  for (const fs::path& root : {tmp, home}) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      ++scanned;
      auto bytes = ReadFile(entry.path());
      BOOST_TEST_REQUIRE(bytes.Ok());
      for (const auto& plate : plates)
        BOOST_TEST(bytes->find(plate) == std::string::npos, entry.path().string() << " holds plate " << plate);
    }
  }
  BOOST_TEST(scanned >= 1u);  // the saved session file at least: the scan saw the folders
  // And the medium does hold them.
  std::size_t onMedium = 0;
  for (const auto& entry : fs::recursive_directory_iterator(medium.Path()))
    if (entry.is_regular_file()) ++onMedium;
  BOOST_TEST(onMedium >= 5u);
}

BOOST_AUTO_TEST_CASE(TheWitnessFetchesCheckpointsFromTheServer) {
  Served s;
  TempFolder witness("platedesk-remote-witness");
  const std::string server = " --server " + s.endpoint.url + " --pin " + ShellQuote(s.endpoint.trust.pin);
  auto first = Cli("audit witness" + server + " --out " + ShellQuote(witness.Path().string()));
  BOOST_TEST_REQUIRE(first.exitCode == 0, first.out << first.err);
  auto detective = s.SignIn(kDetective, kDetectivePassword);  // more records
  auto second = Cli("audit witness" + server + " --out " + ShellQuote(witness.Path().string()));
  BOOST_TEST(second.exitCode == 0, second.out << second.err);
  std::size_t checkpoints = 0;
  for (const auto& entry : fs::directory_iterator(witness.Path()))
    if (entry.path().filename().string().starts_with("checkpoint-")) ++checkpoints;
  BOOST_TEST(checkpoints >= 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace platedesk
