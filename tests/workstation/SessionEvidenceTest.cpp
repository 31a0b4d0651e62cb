// SPDX-License-Identifier: GPL-3.0-or-later
// Session::ExportEvidence: the package through the facade. Audited before any file is written,
// holds placed, failures and cancellations audited and leaving nothing on the medium.
#include "WorkstationTestSupport.h"

#include "platedesk/evidence/Package.h"
#include "platedesk/store/Storage.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct ExportFixture : AgencyFixture {
  fs::path media = folder.Path() / "media";
  ExportFixture() { fs::create_directories(media); }
  EvidenceRequest Request() {
    EvidenceRequest r;
    r.reads = reads;
    r.destination = media;
    r.selectionMethod = "reads";
    r.selection = {{"reads", "1,2,3"}};
    r.mediaLabel = "USB-0042";
    r.custodian = "Property room, officer 4411";
    return r;
  }
  // Everything in the media folder, hidden partial folders included.
  std::vector<std::string> MediaEntries() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(media)) out.push_back(e.path().filename().string());
    return out;
  }
  nlohmann::json Record(std::size_t fromEnd) {
    auto all = AllRecords();
    return nlohmann::json::parse(all[all.size() - 1 - fromEnd].canonical);
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionEvidenceTest, ExportFixture)

BOOST_AUTO_TEST_CASE(AnExportIsAuditedFirstHeldAndVerifiesOffline) {
  auto s = Detective();
  auto out = s->ExportEvidence(Context(), Request());
  BOOST_REQUIRE_MESSAGE(out.Ok(), (out.Ok() ? "" : out.Err().ToString()));
  BOOST_TEST(out->reads == 3u);
  BOOST_TEST(out->images == 1u);
  BOOST_TEST(fs::is_directory(out->path));
  BOOST_TEST(MediaEntries().size() == 1u);  // the package and nothing else

  const auto start = Record(1);
  const auto result = Record(0);
  BOOST_TEST(start["event"].get<std::string>() == "export.start");
  BOOST_TEST(start["seq"].get<std::uint64_t>() == out->auditSeq);
  BOOST_TEST(start["case"].get<std::string>() == "26-004512");
  BOOST_TEST(start["justification"].get<std::string>().find("grey sedan") != std::string::npos);
  BOOST_TEST(start["query"]["reads"].get<std::string>() == "1,2,3");
  const auto objects = start["objects"].dump();
  BOOST_TEST(objects.find("read:" + std::to_string(reads[0])) != std::string::npos);
  BOOST_TEST(objects.find("image:" + imageSha) != std::string::npos);
  BOOST_TEST(result["event"].get<std::string>() == "export.result");
  BOOST_TEST(result["outcome"].get<std::string>() == "success");
  BOOST_TEST(result["result_hash"].get<std::string>() == out->sha256);

  // The image in the package is the stored image, byte for byte.
  const auto stored = store::Storage::Open(dir, clock).Value()->GetImage(imageSha).Value();
  BOOST_TEST(ReadFile(out->path / "data/images" / (imageSha + ".jpg")).Value() == stored);
  BOOST_TEST(Sha256Hex(ReadFile(out->path / "tagmanifest-sha256.txt").Value()) == out->sha256);

  // Signed with the storage's evidence key (SessionKeysTest: the audit key does not verify it).
  BOOST_TEST(out->signingKey != s->AuditPublicKey().Value());
  auto verified = evidence::VerifyPackage(out->path, out->signingKey);
  BOOST_REQUIRE(verified.Ok());
  BOOST_TEST(verified->valid, verified->firstProblem);

  auto holds = store::Storage::Open(dir, clock).Value()->CaseHolds("26-004512").Value();
  BOOST_TEST(holds.size() == 3u);
}

BOOST_AUTO_TEST_CASE(ThePackageSaysWhoVisuallyVerifiedEachReadAndWhen) {
  auto s = Detective();
  auto checked = s->VerifyRead(Context(), reads[0]);
  BOOST_REQUIRE(checked.Ok());
  auto out = s->ExportEvidence(Context(), Request());
  BOOST_REQUIRE_MESSAGE(out.Ok(), (out.Ok() ? "" : out.Err().ToString()));

  const auto doc = nlohmann::json::parse(ReadFile(out->path / "data/reads.json").Value());
  std::map<std::int64_t, nlohmann::json> byId;
  for (const auto& r : doc["reads"]) byId[r["read_id"].get<std::int64_t>()] = r["visual_verifications"];
  BOOST_REQUIRE(byId.count(reads[0]) == 1u);
  BOOST_REQUIRE(byId[reads[0]].size() == 1u);
  BOOST_TEST(byId[reads[0]][0]["user"].get<std::string>() == "d.reyes");
  BOOST_TEST(byId[reads[0]][0]["case"].get<std::string>() == "26-004512");
  BOOST_TEST(byId[reads[0]][0]["created_utc"].get<std::string>() == FormatIso8601(checked->createdAt));
  BOOST_TEST(byId[reads[1]].empty());

  const std::string csv = ReadFile(out->path / "data/reads.csv").Value();
  BOOST_TEST(csv.find(",yes,d.reyes," + FormatIso8601(checked->createdAt) + "\r\n") != std::string::npos);
  BOOST_TEST(csv.find(",no,,\r\n") != std::string::npos);
  BOOST_TEST(ReadFile(out->path / "data/report.html").Value().find("verified by d.reyes (case 26-004512)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(CaseReadsExportsWhatEarlierExportsHeld) {
  auto s = Detective();
  auto first = Request();
  first.reads = {reads[0], reads[1]};
  BOOST_REQUIRE(s->ExportEvidence(Context(), first).Ok());
  auto again = Request();
  again.reads = {};
  again.caseReads = true;
  auto out = s->ExportEvidence(Context(), again);
  BOOST_REQUIRE(out.Ok());
  BOOST_TEST(out->reads == 2u);
  auto other = Request();
  other.reads = {};
  other.caseReads = true;
  BOOST_TEST((s->ExportEvidence(Context("26-009999"), other).Err().code == ErrorCode::InvalidArgument));
}

BOOST_AUTO_TEST_CASE(AnExportWithoutItsMediaLabelIsRefusedBeforeAnythingIsRecordedOrWritten) {
  auto s = Detective();
  const std::uint64_t before = AuditSize();
  EvidenceRequest r = Request();
  r.mediaLabel = "  ";
  auto out = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE(!out.Ok());
  BOOST_TEST((out.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(out.Err().message.find("label") != std::string::npos, out.Err().message);
  BOOST_TEST(AuditSize() == before);
  BOOST_TEST(MediaEntries().empty());
}

BOOST_AUTO_TEST_CASE(AProhibitedPurposeIsRefusedAndAuditedWithNothingWritten) {
  auto s = Detective();
  auto out = s->ExportEvidence(Context("26-004512", "PROHIB-PERSONAL"), Request());
  BOOST_REQUIRE(!out.Ok());
  BOOST_TEST(LastEvent() == "access.refused");
  BOOST_TEST(MediaEntries().empty());
}

BOOST_AUTO_TEST_CASE(AnInjectedWriteFailureIsAuditedAsFailedAndLeavesNothing) {
  auto s = Detective();
  auto r = Request();
  r.writeFault = [](std::string_view rel) -> Status {
    if (rel == "data/reads.json") return Fail(ErrorCode::Io, "the medium is full", std::string(rel));
    return {};
  };
  auto out = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE(!out.Ok());
  BOOST_TEST(out.Err().message == "the medium is full");
  BOOST_TEST(MediaEntries().empty());
  const auto result = Record(0);
  BOOST_TEST(result["event"].get<std::string>() == "export.result");
  BOOST_TEST(result["outcome"].get<std::string>() == "failure");
  BOOST_TEST(result["reason"].get<std::string>() == "the medium is full");
  BOOST_TEST(Record(1)["event"].get<std::string>() == "export.start");
}

BOOST_AUTO_TEST_CASE(AFullMediumIsRefusedBeforeWritingAndAudited) {
  auto s = Detective();
  auto r = Request();
  r.probeMedia = [](const fs::path&) -> Result<evidence::MediaInfo> {
    evidence::MediaInfo m;
    m.fileSystem = "vfat";
    m.freeBytes = 4096;
    m.maxFileBytes = 0xFFFFFFFFull;
    m.removable = true;
    return m;
  };
  auto out = s->ExportEvidence(Context(), r);
  BOOST_REQUIRE(!out.Ok());
  BOOST_TEST(out.Err().message.find("not enough free space") != std::string::npos, out.Err().message);
  BOOST_TEST(MediaEntries().empty());
  BOOST_TEST(Record(0)["outcome"].get<std::string>() == "failure");
}

BOOST_AUTO_TEST_CASE(ACancelledExportIsAuditedAndLeavesNothing) {
  auto s = Detective();
  std::stop_source stop;
  std::uint64_t calls = 0;
  // Cancel as soon as the first bytes are written.
  auto out = s->ExportEvidence(Context(), Request(), stop.get_token(), [&](std::uint64_t done, std::uint64_t) {
    ++calls;
    if (done > 0) stop.request_stop();
  });
  BOOST_REQUIRE(!out.Ok());
  BOOST_TEST((out.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(calls >= 1u);
  BOOST_TEST(MediaEntries().empty());
  BOOST_TEST(Record(0)["outcome"].get<std::string>() == "failure");
}

BOOST_AUTO_TEST_CASE(AuditorsCannotExport) {
  auto s = Login("j.lind", kAuditorPassword);
  BOOST_TEST(!s->ExportEvidence(Context(), Request()).Ok());
  BOOST_TEST(LastEvent() == "access.refused");
}

BOOST_AUTO_TEST_SUITE_END()
