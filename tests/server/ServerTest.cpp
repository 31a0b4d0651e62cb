// SPDX-License-Identifier: GPL-3.0-or-later
// platedesk-server end to end: a real server process on 127.0.0.1, TLS with a certificate made
// here, libcurl posting what cameras post, raw sockets for what a hostile client sends.
#include "ServerSupport.h"

#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Hash.h"
#include "platedesk/demo/SampleImages.h"
#include "platedesk/store/Storage.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

std::string Fixture(const std::string& name) {
  auto text = ReadFile(fs::path(PLATEDESK_FIXTURES_DIR) / "ingest" / name);
  BOOST_TEST_REQUIRE(text.Ok(), name);
  return *text;
}

// An alpr_group like the OpenALPR agent posts, for camera agent/camera with its own id.
std::string Group(const std::string& id, const std::string& plate, int camera = 1001,
                  const std::string& agent = "north-agent", const std::string& overview = {}) {
  const std::int64_t t = SystemClock().Now() - 60'000;
  nlohmann::json j{{"data_type", "alpr_group"},
                   {"version", 3},
                   {"epoch_start", t},
                   {"epoch_end", t + 500},
                   {"agent_uid", agent},
                   {"camera_id", camera},
                   {"country", "us"},
                   {"uuids", {id}},
                   {"plate_indexes", {0}},
                   {"candidates", {{{"plate", plate}, {"confidence", 91.5}, {"matches_template", 1}}}},
                   {"best_plate", {{"plate", plate}, {"confidence", 91.5}, {"region", "us-wa"}}},
                   {"best_confidence", 91.5},
                   {"best_plate_number", plate},
                   {"best_region", "us-wa"},
                   {"best_uuid", id},
                   {"travel_direction", 180.0},
                   {"is_parked", false}};
  if (!overview.empty()) j["vehicle_crop_jpeg"] = Base64Encode(overview);
  return j.dump();
}

std::vector<store::Read> StoredReads(const fs::path& dir) {
  SystemClock clock;
  auto storage = store::Storage::Open(dir, clock);
  if (!storage) BOOST_FAIL("cannot open the storage: " + storage.Err().ToString());
  std::vector<store::Read> reads;
  BOOST_TEST_REQUIRE((*storage)
                         ->ForEachRead([&](const store::Read& r) {
                           reads.push_back(r);
                           return true;
                         })
                         .Ok());
  return reads;
}

std::size_t QuarantineCount(const fs::path& dir) {
  SystemClock clock;
  auto storage = store::Storage::Open(dir, clock);
  BOOST_TEST_REQUIRE(storage.Ok());
  auto entries = (*storage)->QuarantineEntries();
  BOOST_TEST_REQUIRE(entries.Ok());
  return entries->size();
}

bool HasHeader(const HttpResult& r, const std::string& name) {
  std::string lower = r.headers;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string n = name;
  for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("\n" + n + ":") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ServerTest)

BOOST_AUTO_TEST_CASE(HealthIsServedOverTls12OrLaterOnly) {
  Agency a;
  ServerProcess s(a.dir, a.work);
  Request get;
  get.method = "GET";
  get.url = s.Url() + "/v1/health";
  get.cacert = s.Cert();
  auto ok = Send(get);
  BOOST_TEST_REQUIRE(ok.code == CURLE_OK, curl_easy_strerror(ok.code));
  BOOST_TEST(ok.status == 200);
  auto j = ok.Json();
  BOOST_TEST(j["status"] == "ok");
  BOOST_TEST(j["uptime_s"].is_number());
  BOOST_TEST(!j.contains("reads"));  // nothing that reveals activity

  Request old = get;
  old.maxTls = CURL_SSLVERSION_MAX_TLSv1_1;
  BOOST_TEST(Send(old).code != CURLE_OK);  // TLS 1.0/1.1 refused

  Request untrusted = get;
  untrusted.cacert = (a.work / "nothing.pem").string();
  BOOST_TEST(Send(untrusted).code != CURLE_OK);

  Request plain = get;
  plain.url = "http://127.0.0.1:" + std::to_string(s.Port()) + "/v1/health";
  BOOST_TEST(Send(plain).status != 200);

  // The storage is the server's alone while it runs.
  const bool ownerOnly =
      (fs::status(a.dir).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none;
  BOOST_TEST(ownerOnly);
  BOOST_TEST(s.Stop() == 0);
}

BOOST_AUTO_TEST_CASE(InsecureHttpOnlyOnLoopbackAndTlsNeedsItsFiles) {
  Agency a;
  auto r = Run(ShellQuote(PLATEDESK_SERVER) + " --storage " + ShellQuote(a.dir.string()) +
               " --listen 0.0.0.0:0 --insecure-http");
  BOOST_TEST(r.exitCode == 2);
  BOOST_TEST(r.err.find("loopback") != std::string::npos, r.err);
  auto noCert =
      Run(ShellQuote(PLATEDESK_SERVER) + " --storage " + ShellQuote(a.dir.string()) + " --listen 127.0.0.1:0");
  BOOST_TEST(noCert.exitCode == 2);
  auto help = Run(ShellQuote(PLATEDESK_SERVER) + " --help");
  BOOST_TEST(help.exitCode == 0);
  for (const char* option : {"--max-body-bytes", "--header-timeout-ms", "--token-rate", "--min-free-bytes", "--config"})
    BOOST_TEST(help.out.find(option) != std::string::npos, option);
}

BOOST_AUTO_TEST_CASE(EveryCameraFormatIsStoredExactlyAsImportStoresIt) {
  Agency a;
  const std::string token = a.AddToken("all-cameras", {"*"});
  const std::vector<std::string> fixtures = {
      "alpr_group_v1.json",   "alpr_group_v2.json",           "alpr_group_v3.json",
      "alpr_results_v2.json", "alprd_results_old.json",       "alpr_alert.json",
      "alpr_cli.json",        "platerecognizer_webhook.json", "platerecognizer_snapshot.json"};
  std::uint64_t inserted = 0;
  {
    ServerProcess s(a.dir, a.work);
    for (const std::string& f : fixtures) {
      auto r = PostJson(s, f.starts_with("plate") ? "platerecognizer" : "openalpr", token, Fixture(f));
      BOOST_TEST(r.status == 200, f << ": " << r.body);
      inserted += r.Json().value("inserted", 0u);
    }
    auto heartbeat = PostJson(s, "openalpr", token, Fixture("heartbeat.json"));
    BOOST_TEST(heartbeat.status == 200, heartbeat.body);
    BOOST_TEST(heartbeat.Json()["reads"] == 0);
    BOOST_TEST(s.Stop() == 0);
  }
  const auto served = StoredReads(a.dir);
  BOOST_TEST(served.size() == inserted);
  BOOST_TEST(inserted >= fixtures.size());

  // The same files through `platedesk-cli import` into another storage give the same reads.
  Agency b;
  std::string args = "import";
  for (const std::string& f : fixtures)
    args += " " + ShellQuote((fs::path(PLATEDESK_FIXTURES_DIR) / "ingest" / f).string());
  auto imported = b.Admin(args);
  BOOST_TEST(imported.exitCode == 0, imported.err);
  const auto files = StoredReads(b.dir);
  BOOST_TEST_REQUIRE(files.size() == served.size());
  std::multiset<std::string> x, y;
  // Records that name no camera belong to the token's camera on the server ("all-cameras"), and to
  // the default camera "unknown" in an import: the ids they derive differ only there.
  for (const auto& r : served) {
    std::string id = r.sourceUuid;
    if (id.starts_with("all-cameras/")) id = "unknown/" + id.substr(12);
    x.insert(r.plate + "|" + id + "|" + std::to_string(r.capturedAt));
  }
  for (const auto& r : files) y.insert(r.plate + "|" + r.sourceUuid + "|" + std::to_string(r.capturedAt));
  std::vector<std::string> onlyServed, onlyImported;
  std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(onlyServed));
  std::set_difference(y.begin(), y.end(), x.begin(), x.end(), std::back_inserter(onlyImported));
  BOOST_TEST(onlyServed.empty(), nlohmann::json(onlyServed).dump());
  BOOST_TEST(onlyImported.empty(), nlohmann::json(onlyImported).dump());
}

BOOST_AUTO_TEST_CASE(GenetecAxisAndSurvisionPostToTheirRoutes) {
  Agency a;
  const std::string token = a.AddToken("vendors", {"*"});
  ServerProcess s(a.dir, a.work);
  for (const std::string f : {"genetec/read_with_images.json", "axis/lpv_event.json"}) {
    auto r = PostJson(s, f.substr(0, f.find('/')), token, Fixture(f));
    BOOST_TEST(r.status == 200, f << ": " << r.body);
    BOOST_TEST(r.Json()["inserted"] == 1, f << ": " << r.body);
  }
  // Survision cameras name themselves in a header; a token for another camera is refused.
  Request survision;
  survision.url = s.Url() + "/v1/ingest/survision";
  survision.cacert = s.Cert();
  survision.body = Fixture("survision/anpr_with_images.json");
  survision.headers.push_back("Authorization: Bearer " + token);
  survision.headers.push_back("survision-serial-number: SRV-000417");
  auto r = Send(survision);
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(s.Stop() == 0);
  bool named = false;
  for (const auto& read : StoredReads(a.dir)) named = named || read.sourceUuid.starts_with("SRV-000417/");
  BOOST_TEST(named);
}

BOOST_AUTO_TEST_CASE(AResendIsADuplicateAnswered200) {
  Agency a;
  const std::string token = a.AddToken("north", {"north-agent/*"});
  ServerProcess s(a.dir, a.work);
  const std::string body = Group("north-agent-1001-1", "7TRK209");
  auto first = PostJson(s, "openalpr", token, body);
  BOOST_TEST(first.status == 200, first.body);
  BOOST_TEST(first.Json()["inserted"] == 1);
  auto again = PostJson(s, "openalpr", token, body);
  BOOST_TEST(again.status == 200, again.body);
  BOOST_TEST(again.Json()["inserted"] == 0);
  BOOST_TEST(again.Json()["duplicates"] == 1);
  BOOST_TEST(s.Stop() == 0);
  BOOST_TEST(StoredReads(a.dir).size() == 1u);
}

BOOST_AUTO_TEST_CASE(ImagesArriveInsideJsonAndAsMultipartFilesWhoseNamesAreNeverUsed) {
  Agency a;
  const std::string token = a.AddToken("north", {"north-agent/*", "pr-cam-7"});
  const std::string jpeg = demo::SampleOverviewJpeg("7TRK209", 3);
  BOOST_TEST_REQUIRE(jpeg.size() > 5000u);
  {
    ServerProcess s(a.dir, a.work);
    auto inJson = PostJson(s, "openalpr", token, Group("north-agent-1001-img", "7TRK209", 1001, "north-agent", jpeg));
    BOOST_TEST(inJson.status == 200, inJson.body);

    // Plate Recognizer's webhook with its image: multipart, the JSON in the "json" field.
    nlohmann::json pr = nlohmann::json::parse(Fixture("platerecognizer_webhook.json"));
    pr["data"]["camera_id"] = "pr-cam-7";
    CURL* curl = curl_easy_init();
    curl_mime* mime = curl_mime_init(curl);
    curl_mimepart* part = curl_mime_addpart(mime);
    curl_mime_name(part, "json");
    const std::string prText = pr.dump();
    curl_mime_data(part, prText.data(), prText.size());
    part = curl_mime_addpart(mime);
    curl_mime_name(part, "upload");
    curl_mime_filename(part, "../../../../tmp/platedesk-evil.jpg");
    curl_mime_type(part, "image/jpeg");
    curl_mime_data(part, jpeg.data(), jpeg.size());
    Request r;
    r.url = s.Url() + "/v1/ingest/platerecognizer/" + token;  // token in the path, as webhooks are set up
    r.cacert = s.Cert();
    r.headers.clear();
    r.mime = mime;
    auto multipart = Send(r);
    curl_mime_free(mime);
    curl_easy_cleanup(curl);
    BOOST_TEST(multipart.status == 200, multipart.body);
    BOOST_TEST(multipart.Json()["inserted"].get<int>() >= 1);
    BOOST_TEST(s.Stop() == 0);
  }
  BOOST_TEST(!fs::exists("/tmp/platedesk-evil.jpg"));
  int withImage = 0;
  for (const auto& r : StoredReads(a.dir)) withImage += r.vehicleImage.empty() ? 0 : 1;
  BOOST_TEST(withImage >= 2);
}

BOOST_AUTO_TEST_CASE(BadBodiesGet400WithTheReasonAndGoToQuarantine) {
  Agency a;
  const std::string token = a.AddToken("north", {"north-agent/*"});
  {
    ServerProcess s(a.dir, a.work);
    auto syntax = PostJson(s, "openalpr", token, "{\"data_type\": \"alpr_group\", ");
    BOOST_TEST(syntax.status == 400, syntax.body);
    BOOST_TEST(syntax.Json()["quarantined"] == true);
    BOOST_TEST(!syntax.Json()["error"].get<std::string>().empty());

    nlohmann::json wrong = nlohmann::json::parse(Group("north-agent-1001-w", "7TRK209"));
    wrong["epoch_start"] = "yesterday";
    auto types = PostJson(s, "openalpr", token, wrong.dump());
    BOOST_TEST(types.status == 400, types.body);

    // A truncated image: the read is stored without it and the record kept for review.
    const std::string jpeg = demo::SampleOverviewJpeg("7TRK209", 1);
    auto cut = PostJson(s, "openalpr", token,
                        Group("north-agent-1001-cut", "7TRK209", 1001, "north-agent", jpeg.substr(0, jpeg.size() / 2)));
    BOOST_TEST(cut.status == 200, cut.body);
    BOOST_TEST(cut.Json()["inserted"] == 1);

    Request image;
    image.url = s.Url() + "/v1/ingest/openalpr";
    image.cacert = s.Cert();
    image.headers = {"Content-Type: image/jpeg", "Authorization: Bearer " + token};
    image.body = jpeg;
    BOOST_TEST(Send(image).status == 415);
    BOOST_TEST(s.Stop() == 0);
  }
  const auto reads = StoredReads(a.dir);
  BOOST_TEST_REQUIRE(reads.size() == 1u);
  BOOST_TEST(reads[0].vehicleImage.empty());
  BOOST_TEST(QuarantineCount(a.dir) == 3u);
}

BOOST_AUTO_TEST_CASE(ABrokenMultipartBodyGets400AndIsKeptInQuarantine) {
  Agency a;
  const std::string token = a.AddToken("pr", {"*"});
  {
    ServerProcess s(a.dir, a.work);
    const std::vector<std::pair<std::string, std::string>> broken = {
        {"multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{}\r\n--x--\r\n"},
        {"multipart/form-data; boundary=x",
         "--x\r\nContent-Disposition: form-data; name=\"upload\"; "
         "filename=\"a.jpg\"\r\n\r\nJPEG\r\n--x--\r\n"},
        {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{"},
    };
    for (const auto& [type, body] : broken) {
      Request r;
      r.url = s.Url() + "/v1/ingest/platerecognizer";
      r.cacert = s.Cert();
      r.headers = {"Content-Type: " + type, "Authorization: Bearer " + token};
      r.body = body;
      auto res = Send(r);
      BOOST_TEST(res.status == 400, type << ": " << res.body);
      BOOST_TEST(res.Json()["quarantined"] == true, res.body);
    }
    BOOST_TEST(s.Stop() == 0);
  }
  BOOST_TEST(StoredReads(a.dir).empty());
  BOOST_TEST(QuarantineCount(a.dir) == 3u);
}

BOOST_AUTO_TEST_CASE(UnknownRevokedAndWrongCameraTokensStoreNothingAndBurstsAreAuditedOnce) {
  Agency a;
  const std::string north = a.AddToken("north", {"north-agent/*"});
  const std::string old = a.AddToken("old-agent", {"*"});
  BOOST_TEST_REQUIRE(a.Admin("server-token revoke old-agent --reason " + ShellQuote("camera replaced")).exitCode == 0);
  {
    ServerProcess s(a.dir, a.work);
    for (int i = 0; i < 4; ++i) {
      auto r =
          PostJson(s, "openalpr", "pdt_not-a-token-" + std::to_string(i), Group("x-" + std::to_string(i), "ABC123"));
      BOOST_TEST(r.status == 401);
      BOOST_TEST(HasHeader(r, "WWW-Authenticate"));
    }
    BOOST_TEST(PostJson(s, "openalpr", old, Group("old-1", "ABC123")).status == 401);
    auto other = PostJson(s, "openalpr", north, Group("south-1", "ABC123", 1001, "south-agent"));
    BOOST_TEST(other.status == 403, other.body);
    BOOST_TEST(other.body.find("south-agent/1001") != std::string::npos, other.body);
    Request none;
    none.url = s.Url() + "/v1/ingest/openalpr";
    none.cacert = s.Cert();
    none.body = Group("none-1", "ABC123");
    BOOST_TEST(Send(none).status == 401);
    BOOST_TEST(s.Stop() == 0);
    // The request log names routes and tokens, never plate text or the token itself.
    const std::string log = s.Log();
    BOOST_TEST(log.find("ABC123") == std::string::npos);
    BOOST_TEST(log.find(north) == std::string::npos);
    BOOST_TEST(log.find("/v1/ingest/openalpr") != std::string::npos);
  }
  BOOST_TEST(StoredReads(a.dir).empty());
  BOOST_TEST(QuarantineCount(a.dir) == 0u);
  // One record for the burst from this address, with the count (the canonical records as hashed).
  auto audit = a.Auditor("audit export --event ingest.auth_failed --format json");
  BOOST_TEST_REQUIRE(audit.exitCode == 0, audit.err);
  std::vector<nlohmann::json> records;
  std::istringstream lines(audit.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) records.push_back(nlohmann::json::parse(line));
  BOOST_TEST_REQUIRE(records.size() == 1u, audit.out);
  BOOST_TEST(records[0]["result_count"] == 6, records[0].dump());
  BOOST_TEST(records[0].dump().find("127.0.0.1") != std::string::npos, records[0].dump());
  auto refused = a.Auditor("audit list --event ingest.refused --format json");
  BOOST_TEST_REQUIRE(refused.exitCode == 0, refused.err);
  BOOST_TEST(nlohmann::json::parse(refused.out).size() == 1u, refused.out);
}

BOOST_AUTO_TEST_CASE(ATokenOverItsRateGets429WithRetryAfter) {
  Agency a;
  const std::string token = a.AddToken("slow", {"north-agent/*"}, "--rate 1");
  ServerProcess s(a.dir, a.work);
  int ok = 0, limited = 0;
  for (int i = 0; i < 14; ++i) {
    auto r = PostJson(s, "openalpr", token, Group("rate-" + std::to_string(i), "RATE" + std::to_string(i)));
    if (r.status == 200) ++ok;
    if (r.status == 429) {
      ++limited;
      BOOST_TEST(HasHeader(r, "Retry-After"));
    }
  }
  BOOST_TEST(ok >= 10);
  BOOST_TEST(limited >= 1);
  BOOST_TEST(s.Stop() == 0);
}

BOOST_AUTO_TEST_CASE(OversizedBodiesGet413BeforeTheyAreRead) {
  Agency a;
  const std::string token = a.AddToken("north", {"north-agent/*"});
  ServerProcess s(a.dir, a.work, {"--max-body-bytes", "65536"}, false);
  {
    // A 200 MB body announced: refused on the head alone, without waiting for the bytes.
    RawClient c(s.Port());
    const auto started = std::chrono::steady_clock::now();
    c.Send("POST /v1/ingest/openalpr HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n{\"data_type\":");
    const std::string response = c.ReadAll();
    BOOST_TEST(StatusOf(response) == 413, response);
    const bool quick = std::chrono::steady_clock::now() - started < std::chrono::seconds(5);
    BOOST_TEST(quick);
  }
  {
    // Chunked: refused as soon as the chunks pass the limit.
    RawClient c(s.Port());
    c.Send("POST /v1/ingest/openalpr HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
           "\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string chunk(40'000, ' ');
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
    c.Send(size + chunk + "\r\n");
    c.Send(size + chunk + "\r\n");
    BOOST_TEST(StatusOf(c.ReadAll()) == 413);
  }
  BOOST_TEST(s.Stop() == 0);
  BOOST_TEST(StoredReads(a.dir).empty());
}

BOOST_AUTO_TEST_CASE(ASlowHeadGets408AndDoesNotHoldUpOthers) {
  Agency a;
  ServerProcess s(a.dir, a.work, {"--header-timeout-ms", "1500"}, false);
  std::string slowResponse;
  std::thread slow([&] {
    RawClient c(s.Port());
    const std::string head = "POST /v1/ingest/openalpr HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa\r\n";
    for (char ch : head) {
      if (!c.Send(std::string(1, ch))) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    slowResponse = c.ReadAll();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto started = std::chrono::steady_clock::now();
  RawClient quick(s.Port());
  quick.Send("GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  BOOST_TEST(StatusOf(quick.ReadAll()) == 200);
  const bool notHeldUp = std::chrono::steady_clock::now() - started < std::chrono::seconds(1);
  BOOST_TEST(notHeldUp);
  slow.join();
  BOOST_TEST(StatusOf(slowResponse) == 408, slowResponse);
  BOOST_TEST(s.Stop() == 0);
}

BOOST_AUTO_TEST_CASE(Http10KeepAlivePipeliningAndBrokenHeads) {
  Agency a;
  ServerProcess s(a.dir, a.work, {}, false);
  {
    RawClient c(s.Port());
    c.Send("GET /v1/health HTTP/1.0\r\n\r\n");
    const std::string r = c.ReadAll();  // HTTP/1.0 without keep-alive: answered, then closed
    BOOST_TEST(StatusOf(r) == 200);
    BOOST_TEST(r.find("Connection: close") != std::string::npos);
  }
  {
    RawClient c(s.Port());
    c.Send("GET /v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    BOOST_TEST(StatusOf(c.ReadResponse()) == 200);
    c.Send("GET /v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    BOOST_TEST(StatusOf(c.ReadResponse()) == 200);
  }
  {
    RawClient c(s.Port());  // two requests in one write
    c.Send("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n");
    BOOST_TEST(StatusOf(c.ReadResponse()) == 200);
    BOOST_TEST(StatusOf(c.ReadResponse()) == 404);
  }
  const std::vector<std::pair<std::string, int>> broken = {
      {"GET /v1/health HTTP/2.0\r\n\r\n", 505},
      {"GARBAGE\r\n\r\n", 400},
      {"GET /v1/health HTTP/1.1\r\nNo colon here\r\n\r\n", 400},
      {"GET /v1/health HTTP/1.1\r\n folded: header\r\n\r\n", 400},
      {"POST /v1/ingest/openalpr HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400},
      {"POST /v1/ingest/openalpr HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
      {"POST /v1/ingest/openalpr HTTP/1.1\r\nHost: x\r\n\r\n", 411},
      {"GET /v1/health HTTP/1.1\r\nX-Big: " + std::string(20'000, 'a') + "\r\n\r\n", 431},
      {"DELETE /v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 405},
      {"POST /v1/ingest/unknown-vendor HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 404},
  };
  for (const auto& [request, status] : broken) {
    RawClient c(s.Port());
    c.Send(request);
    BOOST_TEST(StatusOf(c.ReadResponse()) == status, request.substr(0, 60));
  }
  BOOST_TEST(s.Stop() == 0);
}

BOOST_AUTO_TEST_CASE(WhileServedTheFolderRefusesDirectUseButShowsCounts) {
  Agency a;
  ServerProcess s(a.dir, a.work);
  auto user = a.Admin("user list");
  BOOST_TEST(user.exitCode == 1);
  BOOST_TEST(user.err.find("platedesk-server") != std::string::npos, user.err);
  auto status = Cli("status" + a.S());
  BOOST_TEST(status.exitCode == 0, status.err);
  auto health = Cli("camera health" + a.S());
  BOOST_TEST(health.exitCode == 0, health.err);
  // A second server on the same folder is refused too.
  auto second = Run(ShellQuote(PLATEDESK_SERVER) + " --storage " + ShellQuote(a.dir.string()) +
                    " --listen 127.0.0.1:0 --insecure-http");
  BOOST_TEST(second.exitCode == 1);
  BOOST_TEST(s.Stop() == 0);
  BOOST_TEST(a.Admin("user list").exitCode == 0);
}

BOOST_AUTO_TEST_CASE(TheServerPurgesReadsPastRetentionOnItsOwn) {
  Agency a;
  store::ReadId old = 0, fresh = 0;
  {
    SystemClock clock;
    auto storage = store::Storage::Open(a.dir, clock).Value();
    auto cam = storage->EnsureCamera("cam-1", "", store::CameraKind::Fixed, std::nullopt).Value();
    for (const auto& [uuid, age] : {std::pair<std::string, UtcMs>{"old", 45 * kMsPerDay}, {"fresh", kMsPerHour}}) {
      store::NewRead r;
      r.sourceFormat = "csv";
      r.sourceUuid = uuid;
      r.capturedAt = clock.Now() - age;
      r.camera = cam;
      r.plateReported = r.plate = uuid == "old" ? "OLD4501" : "NEW4501";
      r.state = "WA";
      r.confidence = 90;
      r.payloadSha256 = Sha256Hex(uuid);
      (uuid == "old" ? old : fresh) = storage->InsertRead(r)->id;
    }
  }
  ServerProcess s(a.dir, a.work);
  // Nobody runs `purge`: the server does when it starts, recorded as the schedule's.
  const fs::path auditDb = a.dir / audit::kAuditDbFileName;
  auto purgedBySchedule = [&] {
    auto log = audit::AuditLog::OpenReadOnly(auditDb);
    if (!log) return false;
    auto records = (*log)->List({});
    if (!records) return false;
    for (const auto& r : *records)
      if (r.event == "retention.purge" && r.user == "retention-schedule" && r.outcome == "success") return true;
    return false;
  };
  bool seen = false;
  for (int i = 0; i < 100 && !(seen = purgedBySchedule()); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  BOOST_TEST(seen);
  BOOST_TEST(s.Stop() == 0);
  SystemClock clock;
  auto storage = store::Storage::Open(a.dir, clock).Value();
  BOOST_TEST(!storage->GetRead(old)->has_value());
  BOOST_TEST(storage->GetRead(fresh)->has_value());
}

BOOST_AUTO_TEST_CASE(AFullDiskAnswers507AndStoresNothing) {
  Agency a;
  const std::string token = a.AddToken("north", {"north-agent/*"});
  ServerProcess s(a.dir, a.work, {"--min-free-bytes", "4611686018427387904"});
  auto r = PostJson(s, "openalpr", token, Group("full-1", "7TRK209"));
  BOOST_TEST(r.status == 507, r.body);
  BOOST_TEST(HasHeader(r, "Retry-After"));
  Request get;
  get.method = "GET";
  get.url = s.Url() + "/v1/health";
  get.cacert = s.Cert();
  BOOST_TEST(Send(get).Json()["storage"] == "disk_full");
  BOOST_TEST(s.Stop() == 0);
  BOOST_TEST(StoredReads(a.dir).empty());
}

BOOST_AUTO_TEST_CASE(EveryAcknowledgedReadSurvivesSigkillExactlyOnce) {
  Agency a;
  const std::string token = a.AddToken("fleet", {"fleet/*"});
  ServerProcess s(a.dir, a.work, {"--log-requests=false"});
  std::atomic<int> port{s.Port()};
  std::atomic<bool> done{false};
  std::mutex ackedMutex;
  std::vector<std::string> acked;
  std::atomic<int> attempts{0};
  std::vector<std::thread> cameras;
  for (int t = 0; t < 4; ++t) {
    cameras.emplace_back([&, t] {
      for (int i = 0; !done; ++i) {
        const std::string id = "fleet-" + std::to_string(t) + "-" + std::to_string(i);
        Request r;
        r.url = "https://127.0.0.1:" + std::to_string(port.load()) + "/v1/ingest/openalpr";
        r.cacert = s.Cert();
        r.headers.push_back("Authorization: Bearer " + token);
        r.body =
            Group(id, "K" + std::to_string(t) + "X" + std::to_string(i), 1001 + t, "fleet",
                  i % 10 == 0 ? demo::SampleOverviewJpeg("K" + std::to_string(i), static_cast<std::uint64_t>(i)) : "");
        ++attempts;
        auto res = Send(r);
        if (res.code == CURLE_OK && res.status == 200) {
          std::lock_guard lock(ackedMutex);
          acked.push_back(id);
        } else {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
    });
  }
  std::mt19937 random(12345);
  for (int round = 0; round < 5; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(400 + random() % 800));
    s.Kill();
    s.Start();
    port = s.Port();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  done = true;
  for (auto& c : cameras) c.join();
  BOOST_TEST(s.Stop() == 0);
  BOOST_TEST_REQUIRE(acked.size() > 20u);
  std::map<std::string, int> stored;
  for (const auto& r : StoredReads(a.dir)) ++stored[r.sourceUuid];
  for (const std::string& id : acked) BOOST_TEST(stored[id] == 1, id);
  // The audit log kept its chain through the kills.
  auto verify = a.Auditor("audit verify");
  BOOST_TEST((verify.exitCode == 0 || verify.exitCode == 3), verify.err);
  BOOST_TEST_MESSAGE("durability: " << acked.size() << " acknowledged of " << attempts.load()
                                    << " posts over 5 SIGKILLs");
}

BOOST_AUTO_TEST_CASE(SighupPicksUpTokensAddedAndRevoked) {
  Agency a;
  ServerProcess s(a.dir, a.work);
  const std::string token = "pdt_" + std::string(64, 'b');
  BOOST_TEST(PostJson(s, "openalpr", token, Group("hup-1", "HUP1")).status == 401);
  {
    // What `server-token add` stores (the CLI cannot open a served folder; the token table can).
    SystemClock clock;
    auto storage = store::Storage::Open(a.dir, clock);
    BOOST_TEST_REQUIRE(storage.Ok());
    store::IngestToken t;
    t.name = "late";
    t.tokenHash = Sha256Hex(token);
    t.cameras = {"north-agent/*"};
    t.createdBy = "a.rivera";
    BOOST_TEST_REQUIRE((*storage)->AddIngestToken(t).Ok());
  }
  s.Signal(SIGHUP);
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = static_cast<int>(PostJson(s, "openalpr", token, Group("hup-2", "HUP2")).status);
  }
  BOOST_TEST(status == 200);
  {
    SystemClock clock;
    auto storage = store::Storage::Open(a.dir, clock);
    BOOST_TEST_REQUIRE(storage.Ok());
    BOOST_TEST_REQUIRE((*storage)->RevokeIngestToken("late", "a.rivera", "test", clock.Now()).Ok());
  }
  s.Signal(SIGHUP);
  for (int i = 0; i < 100 && status != 401; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = static_cast<int>(PostJson(s, "openalpr", token, Group("hup-3", "HUP3")).status);
  }
  BOOST_TEST(status == 401);
  BOOST_TEST(s.Stop() == 0);
}

BOOST_AUTO_TEST_CASE(HeartbeatsAndReadsKeepCameraHealth) {
  Agency a;
  const std::string token = a.AddToken("north", {"north-agent/*"});
  {
    // A two-second limit so the test need not wait ten minutes (the CLI allows 60 s at least).
    SystemClock clock;
    auto storage = store::Storage::Open(a.dir, clock);
    BOOST_TEST_REQUIRE(storage.Ok());
    BOOST_TEST_REQUIRE((*storage)->SetSetting(store::kCameraOfflineAfterSetting, "2").Ok());
  }
  ServerProcess s(a.dir, a.work);
  const std::string heartbeat =
      R"({"data_type":"heartbeat","version":1,"agent_uid":"north-agent","timestamp":1700000000000,)"
      R"("video_streams":[{"camera_id":1001,"fps":10,"is_streaming":true},{"camera_id":1002,"fps":10,"is_streaming":true}]})";
  BOOST_TEST(PostJson(s, "openalpr", token, heartbeat).status == 200);
  auto health = [&] {
    auto r = Cli("camera health --format json" + a.S());
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    std::map<std::string, nlohmann::json> byCamera;
    for (const auto& c : nlohmann::json::parse(r.out)) byCamera[c.value("camera", c.value("external_id", ""))] = c;
    return byCamera;
  };
  auto first = health();
  BOOST_TEST_REQUIRE(first.count("north-agent/1001") == 1u, nlohmann::json(first).dump());
  BOOST_TEST(first["north-agent/1001"]["state"] == "online");
  // 1002 falls silent; 1001 keeps posting reads.
  for (int i = 0; i < 8; ++i) {
    BOOST_TEST(PostJson(s, "openalpr", token, Group("health-" + std::to_string(i), "HLT" + std::to_string(i))).status ==
               200);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  auto later = health();
  BOOST_TEST(later["north-agent/1001"]["state"] == "online");
  BOOST_TEST(later["north-agent/1002"]["state"] == "offline");
  BOOST_TEST(!later["north-agent/1002"]["offline_periods"].empty(), later["north-agent/1002"].dump());
  // Heard again: online, with a closed offline period.
  BOOST_TEST(PostJson(s, "openalpr", token, heartbeat).status == 200);
  auto back = health();
  BOOST_TEST(back["north-agent/1002"]["state"] == "online", back["north-agent/1002"].dump());
  BOOST_TEST(back["north-agent/1002"]["offline_periods"][0].contains("to"), back["north-agent/1002"].dump());
  BOOST_TEST(s.Stop() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
