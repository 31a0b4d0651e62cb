// SPDX-License-Identifier: GPL-3.0-or-later
// Survision anpr messages (core/ingest/src/SurvisionRecord.cpp). The fixtures are shaped like the
// messages the camera posts; plates, sessions and ids are invented.
#include "IngestTestSupport.h"

#include "platedesk/common/Hash.h"
#include "platedesk/ingest/ImageCheck.h"
#include "platedesk/ingest/Records.h"

#include <boost/test/unit_test.hpp>

#include <tuple>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

const std::string kWithImages = "survision/anpr_with_images.json";
const std::string kNoImages = "survision/anpr_no_images.json";
const std::string kEntering = "survision/anpr_plate_entering.json";

ParsedRecord Parse(const std::string& json) { return ParseJsonRecord(json, TestOptions()); }

// The webhook that received the message knows the camera from the survision-serial-number header.
ParsedRecord ParseFromCamera(const std::string& json, const std::string& serial) {
  ParseOptions options = TestOptions();
  options.defaultCamera = serial;
  return ParseJsonRecord(json, options);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(SurvisionRecordTest)

BOOST_AUTO_TEST_CASE(DecisionWithImagesMapsEveryField) {
  const std::string text = ReadFixture(kWithImages);
  const ParsedRecord rec = ParseFromCamera(text, "SV-MP3-000117");
  BOOST_REQUIRE_MESSAGE(rec.status == RecordStatus::Parsed, rec.field + ": " + rec.message);
  BOOST_TEST(rec.sourceFormat == "survision");
  const ParsedRead& pr = rec.reads.at(0);
  const store::NewRead& r = pr.read;
  BOOST_TEST(r.sourceFormat == "survision");
  BOOST_TEST(r.plate == "GH482TK");
  BOOST_TEST(r.plateReported == "GH-482-TK");
  BOOST_TEST(r.confidence == 91.0);
  BOOST_TEST(r.capturedAt == 1710436300125);
  BOOST_TEST(r.state == "");  // "F" is France
  BOOST_TEST(pr.cameraExternalId == "SV-MP3-000117");
  BOOST_TEST(r.sourceUuid == "SV-MP3-000117/2024-03-14T17:11:40.125Z/id-4411");
  BOOST_TEST(!r.directionDeg.has_value());  // front/rear is not a heading
  BOOST_TEST(pr.plateImage.field == "anpr.decision.jpeg");
  BOOST_TEST(pr.vehicleImage.field == "anpr.decision.contextJpeg");
  BOOST_TEST(CheckImage(pr.plateImage.bytes).Ok());
  BOOST_TEST(CheckImage(pr.vehicleImage.bytes).Ok());
  BOOST_TEST(r.payloadSha256 == Sha256Hex(text));
  BOOST_TEST(rec.warnings.empty());
}

BOOST_AUTO_TEST_CASE(DecisionWithoutImagesOrIdUsesTheDefaultCameraAndADerivedId) {
  const ParsedRecord rec = Parse(ReadFixture(kNoImages));
  BOOST_REQUIRE_MESSAGE(rec.status == RecordStatus::Parsed, rec.field + ": " + rec.message);
  const ParsedRead& pr = rec.reads.at(0);
  BOOST_TEST(pr.read.plate == "FB911QL");
  BOOST_TEST(pr.read.confidence == 78.0);
  BOOST_TEST(pr.cameraExternalId == "unknown");
  BOOST_TEST(pr.read.sourceUuid == "unknown/" + FormatIso8601(1710436412870) + "/FB911QL");
  BOOST_TEST(pr.plateImage.bytes.empty());
  BOOST_TEST(pr.vehicleImage.bytes.empty());
}

BOOST_AUTO_TEST_CASE(ImagesAlsoComeAsTextNodes) {
  const std::string jpeg = MakeJpeg(60, 20);
  const std::string text = Replaced(ReadFixture(kNoImages), "\"@context\": \"F\"",
                                    "\"@context\": \"F\", \"jpeg\": {\"#text\": \"" + Base64(jpeg) + "\"}");
  const ParsedRecord rec = Parse(text);
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_TEST(rec.reads[0].plateImage.bytes == jpeg);
  BOOST_TEST(rec.reads[0].plateImage.field == "anpr.decision.jpeg.#text");
}

BOOST_AUTO_TEST_CASE(AMessageWithoutADecisionIsSkipped) {
  const ParsedRecord rec = Parse(ReadFixture(kEntering));
  BOOST_TEST((rec.status == RecordStatus::Skipped));
  BOOST_TEST(rec.sourceFormat == "survision");
  BOOST_TEST(rec.field == "anpr.decision");
  BOOST_TEST(!rec.message.empty());
  BOOST_TEST(rec.reads.empty());
}

BOOST_AUTO_TEST_CASE(AResendIsADuplicateAndTheCameraKeepsIdsApart) {
  const std::string text = ReadFixture(kWithImages);
  BOOST_TEST(ParseFromCamera(text, "SV-1").reads.at(0).read.sourceUuid ==
             ParseFromCamera(text, "SV-1").reads.at(0).read.sourceUuid);
  BOOST_TEST(ParseFromCamera(text, "SV-1").reads.at(0).read.sourceUuid !=
             ParseFromCamera(text, "SV-2").reads.at(0).read.sourceUuid);
  const std::string noId = ReadFixture(kNoImages);
  BOOST_TEST(Parse(noId).reads.at(0).read.sourceUuid == Parse(noId).reads.at(0).read.sourceUuid);
}

BOOST_AUTO_TEST_CASE(WrongTypesAreRejectedNamingTheField) {
  const std::string text = ReadFixture(kWithImages);
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"\"@plate\": \"GH-482-TK\"", "\"@plate\": 482", "anpr.decision.@plate"},
      {"\"@reliability\": \"91\"", "\"@reliability\": \"high\"", "anpr.decision.@reliability"},
      {"\"@reliability\": \"91\"", "\"@reliability\": \"191\"", "anpr.decision.@reliability"},
      {"\"@date\": \"1710436300125\"", "\"@date\": \"soon\"", "anpr.@date"},
      {"\"@date\": \"1710436300125\"", "\"@date\": [1]", "anpr.@date"},
      {"\"@id\": \"4411\"", "\"@id\": {}", "anpr.@id"},
      {"\"@context\": \"F\"", "\"@context\": 33", "anpr.decision.@context"},
      {"\"decision\": {", "\"decision\": 3, \"d\": {", "anpr.decision"},
      {"\"jpeg\": \"", "\"jpeg\": 7, \"j\": \"", "anpr.decision.jpeg"},
  };
  for (const auto& [from, to, field] : cases) {
    const ParsedRecord rec = Parse(Replaced(text, from, to));
    BOOST_TEST((rec.status == RecordStatus::Rejected), to);
    BOOST_TEST(rec.field == field, to);
    BOOST_TEST(!rec.message.empty());
    BOOST_TEST(rec.reads.empty());
  }
}

BOOST_AUTO_TEST_CASE(MissingPlateOrReliabilityIsRejected) {
  const std::string text = ReadFixture(kWithImages);
  const ParsedRecord noPlate = Parse(Replaced(text, "\"@plate\": \"GH-482-TK\"", "\"@plate\": \"\""));
  BOOST_TEST((noPlate.status == RecordStatus::Rejected));
  BOOST_TEST(noPlate.field == "anpr.decision.@plate");
  BOOST_TEST(noPlate.message == "plate is missing");
  const ParsedRecord noScore = Parse(Replaced(text, "\"@reliability\": \"91\"", "\"@rel\": \"91\""));
  BOOST_TEST(noScore.field == "anpr.decision.@reliability");
  BOOST_TEST(noScore.message == "is missing");
}

BOOST_AUTO_TEST_CASE(BadOrImplausibleTimesAreRejected) {
  const std::string text = ReadFixture(kWithImages);
  const ParsedRecord zero = Parse(Replaced(text, "\"@date\": \"1710436300125\"", "\"@date\": \"0\""));
  BOOST_TEST((zero.status == RecordStatus::Rejected));
  BOOST_TEST(zero.field == "anpr.@date");
  BOOST_TEST(zero.message.find("before 1990") != std::string::npos);
  const ParsedRecord future = Parse(Replaced(text, "\"@date\": \"1710436300125\"", "\"@date\": \"4102444800000\""));
  BOOST_TEST(future.message.find("future") != std::string::npos);
  const ParsedRecord missing = Parse(Replaced(text, "\"@date\": \"1710436300125\"", "\"@time\": \"1710436300125\""));
  BOOST_TEST(missing.field == "anpr.@date");
  BOOST_TEST(missing.message == "is missing");
}

BOOST_AUTO_TEST_CASE(OnlyAUsContextNamesAState) {
  const ParsedRecord texas = Parse(Replaced(ReadFixture(kNoImages), "\"@context\": \"F\"", "\"@context\": \"us-tx\""));
  BOOST_TEST(texas.reads.at(0).read.state == "TX");
}

BOOST_AUTO_TEST_CASE(IsNotMistakenForAnotherFormatNorOthersForIt) {
  // Plate Recognizer's snapshot of a Survision camera (what ParkPow's integration sends) stays
  // Plate Recognizer's; Survision's own message is Survision's.
  const ParsedRecord snapshot = Parse(ReadFixture("platerecognizer_snapshot.json"));
  BOOST_TEST(snapshot.sourceFormat == "platerecognizer");
  BOOST_TEST(Parse(ReadFixture(kNoImages)).sourceFormat == "survision");
  // "anpr" that is not an object is not Survision.
  const ParsedRecord notObject = Parse(R"({"anpr": "GH-482-TK"})");
  BOOST_TEST((notObject.status == RecordStatus::Rejected));
  BOOST_TEST(notObject.sourceFormat == "");
}

BOOST_AUTO_TEST_SUITE_END()
