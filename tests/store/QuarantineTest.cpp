// SPDX-License-Identifier: GPL-3.0-or-later
// Storage: quarantine of rejected input.
#include "StoreTestSupport.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

using namespace platedesk;
using namespace platedesk::store;
using namespace platedesk::store::test;
namespace fs = std::filesystem;

namespace {

QuarantineEntry Why() {
  QuarantineEntry q;
  q.sourcePath = "/media/usb/export/reads.jsonl";
  q.line = 17;
  q.field = "best_plate_number";
  q.reason = "plate is empty";
  q.sourceFormat = "openalpr-group";
  return q;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(QuarantineTest)

BOOST_AUTO_TEST_CASE(QuarantineKeepsTheBytesAndTheReason) {
  StorageFixture f;
  const std::string bytes = "{\"data_type\":\"alpr_group\",\"best_plate_number\":\"\"}";
  auto e = f.storage->Quarantine(bytes, "json", Why());
  BOOST_REQUIRE_MESSAGE(e.Ok(), (e.Ok() ? std::string() : e.Err().ToString()));
  BOOST_TEST(e->id > 0);
  const std::string sha = Sha256Hex(bytes);
  BOOST_TEST(e->file == "20261124T065812123Z-" + sha.substr(0, 8) + ".json");
  BOOST_TEST(e->receivedAt == kStart);
  const fs::path dir = f.folder / "quarantine";
  BOOST_TEST(ReadFile(dir / e->file).Value() == bytes);

  const auto reason = nlohmann::json::parse(ReadFile(dir / (e->file + ".reason.json")).Value());
  BOOST_TEST(reason.at("sourcePath").get<std::string>() == "/media/usb/export/reads.jsonl");
  BOOST_TEST(reason.at("line").get<int>() == 17);
  BOOST_TEST(reason.at("field").get<std::string>() == "best_plate_number");
  BOOST_TEST(reason.at("reason").get<std::string>() == "plate is empty");
  BOOST_TEST(reason.at("sourceFormat").get<std::string>() == "openalpr-group");
  BOOST_TEST(reason.at("receivedAt").get<std::string>() == "2026-11-24T06:58:12.123Z");
  BOOST_TEST(reason.at("sha256").get<std::string>() == sha);

  auto list = f.storage->QuarantineEntries();
  BOOST_REQUIRE(list.Ok());
  BOOST_REQUIRE(list->size() == 1u);
  const QuarantineEntry& got = (*list)[0];
  BOOST_TEST(got.id == e->id);
  BOOST_TEST(got.file == e->file);
  BOOST_TEST(got.sourcePath == "/media/usb/export/reads.jsonl");
  BOOST_TEST(got.line == 17);
  BOOST_TEST(got.field == "best_plate_number");
  BOOST_TEST(got.reason == "plate is empty");
  BOOST_TEST(got.sourceFormat == "openalpr-group");
  BOOST_TEST(got.receivedAt == kStart);
}

BOOST_AUTO_TEST_CASE(TheSameInputTwiceInOneMillisecondGetsTwoFiles) {
  StorageFixture f;
  auto a = f.storage->Quarantine("x", "csv", Why());
  auto b = f.storage->Quarantine("x", "csv", Why());
  BOOST_REQUIRE(a.Ok() && b.Ok());
  BOOST_TEST(a->file != b->file);
  BOOST_TEST(CountFiles(f.folder / "quarantine") == 4);
  BOOST_TEST(f.storage->QuarantineEntries()->size() == 2u);
}

BOOST_AUTO_TEST_CASE(TheExtensionCannotEscapeTheQuarantineFolder) {
  StorageFixture f;
  auto e = f.storage->Quarantine("x", "/../../Evil.SH", Why());
  BOOST_REQUIRE(e.Ok());
  BOOST_TEST(e->file.find('/') == std::string::npos);
  BOOST_TEST(fs::path(e->file).extension() == ".evilsh");
  auto none = f.storage->Quarantine("y", "", Why());
  BOOST_REQUIRE(none.Ok());
  BOOST_TEST(fs::path(none->file).extension() == ".bin");
}

BOOST_AUTO_TEST_CASE(AnExplicitReceivedTimeIsKept) {
  StorageFixture f;
  QuarantineEntry q = Why();
  q.receivedAt = kStart - kMsPerDay;
  auto e = f.storage->Quarantine("z", "json", q);
  BOOST_REQUIRE(e.Ok());
  BOOST_TEST(e->receivedAt == kStart - kMsPerDay);
  BOOST_TEST((*f.storage->QuarantineEntries())[0].receivedAt == kStart - kMsPerDay);
}

BOOST_AUTO_TEST_CASE(TheFilesStayWhenTheDatabaseRefusesTheRow) {
  StorageFixture f;
  // Fault injection: a temporary trigger makes the quarantine insert fail.
  BOOST_REQUIRE(RawExec(f.Raw(),
                        "CREATE TRIGGER fail_q BEFORE INSERT ON quarantine "
                        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END") == SQLITE_OK);
  auto e = f.storage->Quarantine("precious input", "json", Why());
  BOOST_REQUIRE(!e.Ok());
  BOOST_TEST(CountFiles(f.folder / "quarantine", ".json") == 2);  // the input and its reason
  bool kept = false;
  for (const auto& entry : fs::directory_iterator(f.folder / "quarantine")) {
    kept = kept || ReadFile(entry.path()).Value() == "precious input";
  }
  BOOST_TEST(kept);
}

BOOST_AUTO_TEST_SUITE_END()
