// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestTestSupport.h"

#include "platedesk/common/Files.h"
#include "platedesk/common/Hash.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/store/Storage.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  TempFolder temp{"platedesk-ingest-test"};
  ManualClock clock{TestNow()};
  std::unique_ptr<store::Storage> storage;

  Fixture() {
    auto created = store::Storage::Create(temp.Path() / "storage", clock);
    if (!created) throw std::runtime_error("cannot create storage: " + created.Err().ToString());
    storage = std::move(*created);
  }

  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path p = temp.Path() / "in" / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  Result<ImportSummary> Import(const std::vector<fs::path>& paths, ImportOptions options = {}) {
    Importer importer(*storage, clock, options);
    return importer.Import(paths);
  }

  std::vector<store::Read> AllReads() {
    std::vector<store::Read> reads;
    auto s = storage->ForEachRead([&](const store::Read& r) {
      reads.push_back(r);
      return true;
    });
    if (!s.Ok()) throw std::runtime_error(s.Err().ToString());
    return reads;
  }

  std::optional<store::Read> ReadWithPlate(const std::string& plate) {
    for (auto& r : AllReads())
      if (r.plate == plate) return r;
    return std::nullopt;
  }

  std::vector<store::QuarantineEntry> Quarantined() { return storage->QuarantineEntries().Value(); }
};

const ImportProblem* FindProblem(const ImportSummary& s, const std::string& fileEnd, std::int64_t line) {
  for (const auto& p : s.problems)
    if (p.file.size() >= fileEnd.size() &&
        p.file.compare(p.file.size() - fileEnd.size(), fileEnd.size(), fileEnd) == 0 && p.line == line)
      return &p;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ImporterTest)

BOOST_AUTO_TEST_CASE(ImportsTheFixtureFolderWithExactCounts) {
  Fixture fx;
  const auto result = fx.Import({FixtureDir()});
  BOOST_REQUIRE_MESSAGE(result.Ok(), (result.Ok() ? "" : result.Err().ToString()));
  const ImportSummary& s = *result;
  // 18 files of OpenALPR, Plate Recognizer, CSV and broken input, plus 7 of Genetec (2 reads),
  // Axis (2 reads) and Survision (2 reads and a message without a decision, skipped).
  BOOST_TEST(s.files == 25u);
  BOOST_TEST(s.records == 34u);
  BOOST_TEST(s.reads == 23u);
  BOOST_TEST(s.inserted == 23u);
  BOOST_TEST(s.duplicates == 0u);
  BOOST_TEST(s.skipped == 5u);
  BOOST_TEST(s.rejected == 7u);
  BOOST_TEST(fx.AllReads().size() == 23u);
  BOOST_TEST(fx.Quarantined().size() == 7u);
  // Two Genetec and two Axis cameras; Survision's reads use the default camera like `alpr -j`'s.
  BOOST_TEST(fx.storage->Cameras().Value().size() == 15u);

  const ImportProblem* bad = FindProblem(s, "reads.jsonl", 4);
  BOOST_REQUIRE(bad != nullptr);
  BOOST_TEST((bad->kind == ProblemKind::Rejected));
  BOOST_TEST(bad->message.find("invalid JSON at line 4, column ") == 0u);
  const ImportProblem* notStrict = FindProblem(s, "not_strict.json", 9);
  BOOST_REQUIRE(notStrict != nullptr);
  BOOST_TEST(notStrict->message == "invalid JSON at line 9, column 1: unexpected character '}'; expected a key");
  const ImportProblem* empty = FindProblem(s, "empty.json", 0);
  BOOST_REQUIRE(empty != nullptr);
  BOOST_TEST((empty->kind == ProblemKind::Warning));
  const ImportProblem* heartbeat = FindProblem(s, "heartbeat.json", 1);
  BOOST_REQUIRE(heartbeat != nullptr);
  BOOST_TEST((heartbeat->kind == ProblemKind::Skipped));

  // Files are read in sorted order, so problems come in path order.
  BOOST_TEST(std::is_sorted(s.problems.begin(), s.problems.end(),
                            [](const ImportProblem& a, const ImportProblem& b) { return a.file < b.file; }));
}

BOOST_AUTO_TEST_CASE(ReimportingAddsNothing) {
  Fixture fx;
  BOOST_REQUIRE(fx.Import({FixtureDir()}).Ok());
  const auto before = fx.AllReads();
  const auto again = fx.Import({FixtureDir()});
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(again->inserted == 0u);
  BOOST_TEST(again->duplicates == 23u);
  const auto after = fx.AllReads();
  BOOST_REQUIRE(after.size() == before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    BOOST_TEST(after[i].id == before[i].id);
    BOOST_TEST(after[i].plate == before[i].plate);
    BOOST_TEST(after[i].ingestedAt == before[i].ingestedAt);
  }
}

BOOST_AUTO_TEST_CASE(StoredReadsCarryTheNormalisedFields) {
  Fixture fx;
  BOOST_REQUIRE(fx.Import({FixtureDir() / "alpr_group_v2.json", FixtureDir() / "platerecognizer_webhook.json"}).Ok());
  const auto group = fx.ReadWithPlate("BRT5521");
  BOOST_REQUIRE(group.has_value());
  BOOST_TEST(group->state == "IN");
  BOOST_TEST(group->sourceFormat == "openalpr-group");
  BOOST_TEST(group->payloadSha256 == Sha256Hex(ReadFixture("alpr_group_v2.json")));
  BOOST_TEST(group->vehicle.make.at(0).value == "ford");
  BOOST_TEST(*group->latitude == 40.0099);
  const auto camera = fx.storage->FindCamera(group->camera).Value();
  BOOST_REQUIRE(camera.has_value());
  BOOST_TEST(camera->externalId == "AGENTAGENTAGENTAGENTAGENTAGENTAGENT00001/106232737");
  BOOST_TEST(camera->name == camera->externalId);
  BOOST_TEST((camera->kind == store::CameraKind::Fixed));
  BOOST_REQUIRE(camera->locations.size() == 1u);
  BOOST_TEST(camera->locations[0].latitude == 40.0099);
  const auto pr = fx.ReadWithPlate("8FGH231");
  BOOST_REQUIRE(pr.has_value());
  BOOST_TEST(pr->confidence == 83.9, boost::test_tools::tolerance(1e-9));
  const auto prCamera = fx.storage->FindCamera(pr->camera).Value();
  BOOST_TEST(prCamera->locations.empty());  // no GPS, no location
}

BOOST_AUTO_TEST_CASE(ImagesAreCheckedAndStoredUnchanged) {
  Fixture fx;
  const std::string plateJpeg = MakeJpeg(150, 50);
  const std::string vehicleJpeg = MakeJpeg(240, 180);
  const fs::path file = fx.Write(
      "img.jsonl", GroupJson("img-ok", "IMG0001", 1700000000000, Base64(plateJpeg), Base64(vehicleJpeg)) + "\n");
  const auto s = fx.Import({file});
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(s->inserted == 1u);
  BOOST_TEST(s->images == 2u);
  const auto read = fx.ReadWithPlate("IMG0001");
  BOOST_REQUIRE(read.has_value());
  BOOST_TEST(read->plateImage == Sha256Hex(plateJpeg));
  BOOST_TEST(fx.storage->GetImage(read->plateImage).Value() == plateJpeg);
  BOOST_TEST(fx.storage->GetImage(read->vehicleImage).Value() == vehicleJpeg);
  const auto info = fx.storage->FindImage(read->vehicleImage).Value();
  BOOST_REQUIRE(info.has_value());
  BOOST_TEST(info->width == 240);
  BOOST_TEST(info->height == 180);
  BOOST_TEST(info->mime == "image/jpeg");
}

BOOST_AUTO_TEST_CASE(CorruptImagesKeepTheReadAndQuarantineTheRecordNamingTheField) {
  Fixture fx;
  const std::string jpeg = MakeJpeg(150, 50);
  std::string badBase64 = Base64(jpeg);
  badBase64[10] = '!';
  const std::string cutJpeg = Base64(jpeg.substr(0, jpeg.size() - 30));
  const std::string text = GroupJson("c-1", "COR0001", 1700000000000, badBase64) + "\n" +
                           GroupJson("c-2", "COR0002", 1700000000000, "", cutJpeg) + "\n" +
                           GroupJson("c-3", "COR0003", 1700000000000, Base64(jpeg)) + "\n";
  const fs::path file = fx.Write("corrupt.jsonl", text);
  const auto s = fx.Import({file});
  BOOST_REQUIRE(s.Ok());
  // The reads are not lost for a damaged image; only the images are dropped.
  BOOST_TEST(s->inserted == 3u);
  BOOST_TEST(s->rejected == 0u);
  BOOST_TEST(fx.storage->GetStatus()->images == 1);
  const auto q = fx.Quarantined();
  BOOST_REQUIRE(q.size() == 2u);
  BOOST_TEST(q[0].line == 1);
  BOOST_TEST(q[0].field == "best_plate.plate_crop_jpeg");
  BOOST_TEST(q[0].reason.find("not valid base64") != std::string::npos);
  BOOST_TEST(q[1].line == 2);
  BOOST_TEST(q[1].field == "vehicle_crop_jpeg");
  BOOST_TEST(q[1].reason.find("no end-of-image marker") != std::string::npos);
  BOOST_TEST(q[1].sourcePath == file.string());
  // The quarantined bytes are the line exactly as received.
  const auto kept = ReadFile(fx.storage->Folder() / "quarantine" / q[0].file);
  BOOST_REQUIRE(kept.Ok());
  BOOST_TEST(*kept == GroupJson("c-1", "COR0001", 1700000000000, badBase64));
  BOOST_TEST(fx.ReadWithPlate("COR0003").has_value());
  const auto kept1 = fx.ReadWithPlate("COR0001");
  BOOST_REQUIRE(kept1.has_value());
  BOOST_TEST(kept1->plateImage.empty());
}

BOOST_AUTO_TEST_CASE(ARecordReusingAStoredIdWithOtherContentIsQuarantined) {
  Fixture fx;
  const fs::path first = fx.Write("a.jsonl", GroupJson("same-id", "FIR0001", 1700000000000) + "\n");
  const fs::path second = fx.Write("b.jsonl", GroupJson("same-id", "SEC0002", 1700000000000) + "\n" +
                                                  GroupJson("same-id", "FIR0001", 1700000000000) + "\n");
  BOOST_REQUIRE(fx.Import({first}).Ok());
  const auto s = fx.Import({second});
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(s->rejected == 1u);
  BOOST_TEST(s->duplicates == 1u);
  BOOST_TEST(s->inserted == 0u);
  BOOST_TEST(fx.Quarantined().at(0).reason.find("conflicts with a stored read") == 0u);
  BOOST_TEST(fx.ReadWithPlate("FIR0001").has_value());
  BOOST_TEST(!fx.ReadWithPlate("SEC0002").has_value());
}

BOOST_AUTO_TEST_CASE(UnsupportedFilesAreQuarantinedWhole) {
  Fixture fx;
  const std::string hertz = "MAKE,MODEL,LICENSE_PLATE\nJEEP,CHEROKEE,DW11ZM\n";
  const fs::path csv = fx.Write("hertz.csv", hertz);
  const auto s = fx.Import({csv, FixtureDir() / "parkpow_unsupported.json"});
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(s->rejected == 2u);
  const auto q = fx.Quarantined();
  BOOST_REQUIRE(q.size() == 2u);
  BOOST_TEST(q[0].line == 0);
  BOOST_TEST(q[0].reason.find("unsupported format: CSV without the PlateDesk header") == 0u);
  BOOST_TEST(q[0].file.substr(q[0].file.size() - 4) == ".csv");
  BOOST_TEST(ReadFile(fx.storage->Folder() / "quarantine" / q[0].file).Value() == hertz);
  BOOST_TEST(q[1].reason == "unsupported format: ParkPow visit list");
}

BOOST_AUTO_TEST_CASE(GenetecAxisAndSurvisionReadsImportWithImagesAndResendsAreDuplicates) {
  Fixture fx;
  const std::vector<fs::path> folders = {FixtureDir() / "genetec", FixtureDir() / "axis", FixtureDir() / "survision"};
  const auto s = fx.Import(folders);
  BOOST_REQUIRE_MESSAGE(s.Ok(), (s.Ok() ? "" : s.Err().ToString()));
  BOOST_TEST(s->files == 7u);
  BOOST_TEST(s->inserted == 6u);
  BOOST_TEST(s->skipped == 1u);  // the Survision message without a decision
  BOOST_TEST(s->rejected == 0u);
  BOOST_TEST(s->images == 4u);
  const ImportProblem* uris = FindProblem(*s, "lpv_event.json", 1);
  BOOST_REQUIRE(uris != nullptr);
  BOOST_TEST((uris->kind == ProblemKind::Warning));
  BOOST_TEST(uris->field == "imagesURI");

  const auto genetec = fx.ReadWithPlate("7XKD518");
  BOOST_REQUIRE(genetec.has_value());
  BOOST_TEST(genetec->sourceFormat == "genetec");
  BOOST_TEST(!genetec->plateImage.empty());
  BOOST_TEST(!genetec->vehicleImage.empty());
  const auto camera = fx.storage->FindCamera(genetec->camera).Value();
  BOOST_REQUIRE(camera.has_value());
  BOOST_TEST(camera->externalId == "SHARPTEST0001/SHARPTEST0001 - Camera");
  BOOST_REQUIRE(camera->locations.size() == 1u);
  BOOST_TEST(camera->locations[0].latitude == 38.5816);
  const auto axis = fx.ReadWithPlate("WX4821K");
  BOOST_REQUIRE(axis.has_value());
  BOOST_TEST(axis->sourceFormat == "axis");
  BOOST_TEST(axis->sourceUuid == "B8A44F0000A1/20431/5120044");
  const auto survision = fx.ReadWithPlate("GH482TK");
  BOOST_REQUIRE(survision.has_value());
  BOOST_TEST(survision->sourceFormat == "survision");
  BOOST_TEST(fx.storage->GetImage(survision->plateImage).Ok());

  // The same bodies sent again (a camera retrying its webhook) add nothing.
  const auto again = fx.Import(folders);
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(again->inserted == 0u);
  BOOST_TEST(again->duplicates == 6u);
  BOOST_TEST(again->rejected == 0u);
  BOOST_TEST(fx.AllReads().size() == 6u);
}

BOOST_AUTO_TEST_CASE(BatchesCommitEveryBatchSizeRecords) {
  Fixture fx;
  std::string text;
  for (int i = 0; i < 25; ++i)
    text += GroupJson("b-" + std::to_string(i), "BAT" + std::to_string(1000 + i), 1700000000000 + i) + "\n";
  const fs::path file = fx.Write("batch.jsonl", text);
  ImportOptions options;
  options.batchSize = 4;
  const auto s = fx.Import({file}, options);
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(s->inserted == 25u);
  BOOST_TEST(fx.AllReads().size() == 25u);
}

BOOST_AUTO_TEST_CASE(CancellingKeepsWhatWasCommittedAndSaysSo) {
  Fixture fx;
  std::string text;
  for (int i = 0; i < 3000; ++i)
    text += GroupJson("x-" + std::to_string(i), "CAN" + std::to_string(1000 + i), 1700000000000 + i) + "\n";
  const fs::path file = fx.Write("many.jsonl", text);
  std::stop_source stop;
  std::atomic<int> calls{0};
  Importer importer(*fx.storage, fx.clock, ImportOptions{"unknown", 100, 100});
  const std::vector<fs::path> paths{file};
  const auto r = importer.Import(paths, stop.get_token(), [&](std::uint64_t done, std::uint64_t) {
    if (done > 0 && calls++ == 0) stop.request_stop();
  });
  // The first progress report (after the first batch) stops the import.
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Cancelled));
  const auto stored = fx.AllReads().size();
  BOOST_TEST(stored > 0u);  // the records handled before the stop were committed
  BOOST_TEST(stored < 3000u);
  // Re-running finishes the job without duplicates.
  const auto again = fx.Import({file});
  BOOST_REQUIRE(again.Ok());
  BOOST_TEST(again->inserted + again->duplicates == 3000u);
  BOOST_TEST(again->duplicates == stored);
  BOOST_TEST(fx.AllReads().size() <= 3000u);
}

BOOST_AUTO_TEST_CASE(StopRequestedBeforeStartImportsNothing) {
  Fixture fx;
  std::stop_source stop;
  stop.request_stop();
  Importer importer(*fx.storage, fx.clock);
  const std::vector<fs::path> paths{FixtureDir()};
  const auto r = importer.Import(paths, stop.get_token());
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::Cancelled));
  BOOST_TEST(fx.AllReads().empty());
}

BOOST_AUTO_TEST_CASE(MissingPathFailsBeforeImportingAnything) {
  Fixture fx;
  const auto r = fx.Import({FixtureDir() / "alpr_group_v1.json", fx.temp.Path() / "nope.json"});
  BOOST_REQUIRE(!r.Ok());
  BOOST_TEST((r.Err().code == ErrorCode::NotFound));
  BOOST_TEST(fx.AllReads().empty());
}

BOOST_AUTO_TEST_CASE(FoldersAreWalkedRecursivelyInSortedOrderSkippingOtherFiles) {
  Fixture fx;
  fx.Write("z/b.jsonl", GroupJson("f-2", "FOL0002", 1700000000000) + "\n");
  fx.Write("a.json", GroupJson("f-1", "FOL0001", 1700000000000));
  fx.Write("z/notes.txt", "not imported");
  fx.Write(".hidden/c.json", GroupJson("f-3", "FOL0003", 1700000000000));
  fx.Write("z/.d.json", GroupJson("f-4", "FOL0004", 1700000000000));
  const auto s = fx.Import({fx.temp.Path() / "in"});
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(s->files == 2u);
  const auto reads = fx.AllReads();
  BOOST_REQUIRE(reads.size() == 2u);
  BOOST_TEST(reads[0].plate == "FOL0001");
  BOOST_TEST(reads[1].plate == "FOL0002");
}

BOOST_AUTO_TEST_CASE(ProgressCountsInputBytes) {
  Fixture fx;
  std::uint64_t last = 0;
  std::uint64_t total = 0;
  Importer importer(*fx.storage, fx.clock);
  const std::vector<fs::path> paths{FixtureDir() / "reads.jsonl", FixtureDir() / "reads.csv"};
  const auto r = importer.Import(paths, {}, [&](std::uint64_t done, std::uint64_t all) {
    BOOST_TEST(done >= last);
    last = done;
    total = all;
  });
  BOOST_REQUIRE(r.Ok());
  const auto expected = fs::file_size(paths[0]) + fs::file_size(paths[1]);
  BOOST_TEST(total == expected);
  BOOST_TEST(last == expected);
}

BOOST_AUTO_TEST_CASE(WebhookBodiesImportFromMemory) {
  Fixture fx;
  Importer importer(*fx.storage, fx.clock);
  const auto r = importer.ImportBytes(ReadFixture("platerecognizer_snapshot.json"), "webhook-1.json");
  BOOST_REQUIRE(r.Ok());
  BOOST_TEST(r->inserted == 1u);
  const auto bad = importer.ImportBytes("{\"data\": {\"results\": [", "webhook-2.json");
  BOOST_REQUIRE(bad.Ok());
  BOOST_TEST(bad->rejected == 1u);
  BOOST_TEST(fx.Quarantined().at(0).sourcePath == "webhook-2.json");
}

BOOST_AUTO_TEST_CASE(ProblemListIsBoundedButCounted) {
  Fixture fx;
  std::string text;
  for (int i = 0; i < 12; ++i) text += "{\"data_type\":\"heartbeat\"}\n";
  const fs::path file = fx.Write("beats.jsonl", text);
  ImportOptions options;
  options.maxProblems = 5;
  const auto s = fx.Import({file}, options);
  BOOST_REQUIRE(s.Ok());
  BOOST_TEST(s->skipped == 12u);
  BOOST_TEST(s->problems.size() == 5u);
  BOOST_TEST(s->problemsOmitted == 7u);
}

BOOST_AUTO_TEST_CASE(ProblemKindNamesAreStable) {
  BOOST_TEST(std::string(ProblemKindName(ProblemKind::Rejected)) == "rejected");
  BOOST_TEST(std::string(ProblemKindName(ProblemKind::Skipped)) == "skipped");
  BOOST_TEST(std::string(ProblemKindName(ProblemKind::Warning)) == "warning");
}

BOOST_AUTO_TEST_CASE(AReadARetiredCameraTookAfterItsRetirementIsQuarantined) {
  Fixture fx;
  const auto cam = fx.storage->AddCamera("main-st-east", "Main St eastbound", store::CameraKind::Fixed, std::nullopt);
  BOOST_REQUIRE(cam.Ok());
  BOOST_REQUIRE(fx.storage->RetireCamera(*cam, UtcFromCivil(2024, 3, 1, 12, 30)).Ok());
  const fs::path csv = fx.Write("retired.csv",
                                "uuid,captured_at,camera_id,plate,state,confidence\n"
                                "before,2024-03-01T12:00:00Z,main-st-east,ABC1234,TX,96\n"
                                "after,2024-03-01T13:00:00Z,main-st-east,XYZ789,TX,88\n");
  const auto result = fx.Import({csv});
  BOOST_REQUIRE(result.Ok());
  BOOST_TEST(result->inserted == 1u);  // the backlog from before the retirement is stored
  BOOST_TEST(result->rejected == 1u);
  BOOST_TEST(fx.ReadWithPlate("ABC1234").has_value());
  BOOST_TEST(!fx.ReadWithPlate("XYZ789").has_value());
  const auto* problem = FindProblem(*result, "retired.csv", 3);
  BOOST_REQUIRE(problem != nullptr);
  BOOST_TEST(problem->message.find("retired") != std::string::npos, problem->message);
  BOOST_TEST(fx.Quarantined().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
