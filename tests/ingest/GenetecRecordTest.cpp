// SPDX-License-Identifier: GPL-3.0-or-later
// Genetec AutoVu reads (core/ingest/src/GenetecRecord.cpp). The fixtures are shaped like the reads
// Security Center posts; plates, units and ids are invented.
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

const std::string kWithImages = "genetec/read_with_images.json";
const std::string kNoImages = "genetec/read_no_images.json";

ParsedRecord Parse(const std::string& json) { return ParseJsonRecord(json, TestOptions()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(GenetecRecordTest)

BOOST_AUTO_TEST_CASE(ReadWithImagesMapsEveryField) {
  const std::string text = ReadFixture(kWithImages);
  const ParsedRecord rec = Parse(text);
  BOOST_REQUIRE_MESSAGE(rec.status == RecordStatus::Parsed, rec.field + ": " + rec.message);
  BOOST_TEST(rec.sourceFormat == "genetec");
  BOOST_REQUIRE(rec.reads.size() == 1u);
  const ParsedRead& pr = rec.reads[0];
  const store::NewRead& r = pr.read;
  BOOST_TEST(r.sourceFormat == "genetec");
  BOOST_TEST(r.plate == "7XKD518");
  BOOST_TEST(r.state == "CA");
  BOOST_TEST(r.confidence == 94.0);
  BOOST_TEST(r.capturedAt == UtcFromCivil(2024, 3, 14, 17, 5, 9));  // TimeUtc, not TimeLocal
  BOOST_TEST(pr.cameraExternalId == "SHARPTEST0001/SHARPTEST0001 - Camera");
  BOOST_TEST(r.sourceUuid == "5b0e8c2d-7a41-4f6e-9d3b-1c2e4a6f8b01/2024-03-14T17:05:09.000Z");
  BOOST_TEST(*r.latitude == 38.5816);
  BOOST_TEST(*r.longitude == -121.4944);
  BOOST_REQUIRE(r.vehicle.color.size() == 1u);
  BOOST_TEST(r.vehicle.color[0].value == "white");
  BOOST_TEST(r.vehicle.color[0].confidence == 88.0);
  BOOST_TEST(r.vehicle.body.at(0).value == "pickup-truck");
  BOOST_TEST(r.vehicle.body.at(0).confidence == 91.0);
  BOOST_TEST(r.vehicle.make.at(0).value == "ford");
  BOOST_TEST(r.vehicle.model.at(0).value == "ford_f-150");
  BOOST_TEST(!r.directionDeg.has_value());  // "Relative Motion" is not a heading
  BOOST_TEST(pr.plateImage.field == "PlateImage");
  BOOST_TEST(pr.vehicleImage.field == "ContextImage");
  BOOST_TEST(CheckImage(pr.plateImage.bytes).Ok());
  BOOST_TEST(CheckImage(pr.vehicleImage.bytes).Ok());
  BOOST_TEST(r.payloadSha256 == Sha256Hex(text));
  BOOST_TEST(rec.warnings.empty());
}

BOOST_AUTO_TEST_CASE(ReadWithoutImagesOrIdGetsADerivedIdAndDropsPlaceholders) {
  const ParsedRecord rec = Parse(ReadFixture(kNoImages));
  BOOST_REQUIRE_MESSAGE(rec.status == RecordStatus::Parsed, rec.field + ": " + rec.message);
  const ParsedRead& pr = rec.reads.at(0);
  const store::NewRead& r = pr.read;
  BOOST_TEST(r.plate == "4TRN902");
  BOOST_TEST(r.state == "NV");
  BOOST_TEST(r.capturedAt == UtcFromCivil(2024, 6, 2, 21, 41, 17));  // ISO date, 12-hour time
  // The all-zero VehicleID is Genetec's "none": the id is derived from camera, time and plate.
  BOOST_TEST(r.sourceUuid == "SHARPTEST0002/SHARPTEST0002 - Camera/2024-06-02T21:41:17.000Z/4TRN902");
  BOOST_TEST(!r.latitude.has_value());  // "0","0" is no fix
  BOOST_TEST(r.vehicle.make.empty());   // "-" is not a make
  BOOST_TEST(r.vehicle.model.empty());
  BOOST_TEST(r.vehicle.color.at(0).value == "grey");
  BOOST_TEST(pr.plateImage.bytes.empty());
  BOOST_TEST(pr.vehicleImage.bytes.empty());
  BOOST_TEST(rec.warnings.empty());
}

BOOST_AUTO_TEST_CASE(AResendIsTheSameReadAndAnotherTimeIsAnother) {
  for (const std::string& name : {kWithImages, kNoImages}) {
    const std::string text = ReadFixture(name);
    const ParsedRecord first = Parse(text);
    const ParsedRecord again = Parse(text);
    BOOST_REQUIRE(first.status == RecordStatus::Parsed);
    BOOST_TEST(again.reads.at(0).read.sourceUuid == first.reads.at(0).read.sourceUuid, name);
    BOOST_TEST(again.reads.at(0).read.payloadSha256 == first.reads.at(0).read.payloadSha256);
  }
  const ParsedRecord later =
      Parse(Replaced(ReadFixture(kWithImages), "\"TimeUtc\": \"17:05:09\"", "\"TimeUtc\": \"17:06:09\""));
  BOOST_TEST(later.reads.at(0).read.sourceUuid != Parse(ReadFixture(kWithImages)).reads.at(0).read.sourceUuid);
}

BOOST_AUTO_TEST_CASE(WrongTypesAreRejectedNamingTheField) {
  const std::string text = ReadFixture(kWithImages);
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"\"Plate\": \"7XKD518\"", "\"Plate\": 7518", "Plate"},
      {"\"ConfidenceScore\": \"94\"", "\"ConfidenceScore\": true", "ConfidenceScore"},
      {"\"ConfidenceScore\": \"94\"", "\"ConfidenceScore\": \"ninety\"", "ConfidenceScore"},
      {"\"ConfidenceScore\": \"94\"", "\"ConfidenceScore\": \"194\"", "ConfidenceScore"},
      {"\"ConfidenceScore\": \"94\"", "\"ConfidenceScore\": \" 94\"", "ConfidenceScore"},
      {"\"Latitude\": \"38.5816\"", "\"Latitude\": \"north\"", "Latitude"},
      {"\"Latitude\": \"38.5816\"", "\"Latitude\": \"98.5\"", "Latitude"},
      {"\"Longitude\": \"-121.4944\"", "\"Longitude\": \"\"", "Longitude"},  // both or neither
      {"\"SharpName\": \"SHARPTEST0001\"", "\"SharpName\": {}", "SharpName"},
      {"\"VehicleID\": \"5b0e", "\"VehicleID\": [1], \"V\": \"5b0e", "VehicleID"},
      {"\"Attributes\": {", "\"Attributes\": 5, \"A\": {", "Attributes"},
      {"\"Vehicle Color\": \"White\"", "\"Vehicle Color\": [\"White\"]", "Attributes.Vehicle Color"},
      {"\"Vehicle Color Confidence Score\": \"88\"", "\"Vehicle Color Confidence Score\": \"high\"",
       "Attributes.Vehicle Color Confidence Score"},
      {"\"State\": \"CA\"", "\"State\": 6", "State"},
      {"\"PlateImage\": \"", "\"PlateImage\": 12, \"P\": \"", "PlateImage"},
  };
  for (const auto& [from, to, field] : cases) {
    const ParsedRecord rec = Parse(Replaced(text, from, to));
    BOOST_TEST((rec.status == RecordStatus::Rejected), to);
    BOOST_TEST(rec.field == field, to);
    BOOST_TEST(!rec.message.empty());
    BOOST_TEST(rec.reads.empty());
  }
}

BOOST_AUTO_TEST_CASE(MissingPlateOrConfidenceIsRejected) {
  const std::string text = ReadFixture(kWithImages);
  const ParsedRecord noPlate = Parse(Replaced(text, "\"Plate\": \"7XKD518\"", "\"Plate\": \"\""));
  BOOST_TEST((noPlate.status == RecordStatus::Rejected));
  BOOST_TEST(noPlate.field == "Plate");
  BOOST_TEST(noPlate.message == "plate is missing");
  const ParsedRecord dash = Parse(Replaced(text, "\"Plate\": \"7XKD518\"", "\"Plate\": \"-\""));
  BOOST_TEST((dash.status == RecordStatus::Rejected));
  // The record-level score is missing but the attribute one is there: taken from Attributes.
  const ParsedRecord fallback = Parse(Replaced(text, "\"ConfidenceScore\": \"94\"", "\"ConfidenceScore\": null"));
  BOOST_TEST(fallback.reads.at(0).read.confidence == 94.0);
  const ParsedRecord none = Parse(Replaced(Replaced(text, "\"ConfidenceScore\": \"94\"", "\"ConfidenceScore\": \"\""),
                                           "\"Confidence Score\": \"94\"", "\"Other\": \"94\""));
  BOOST_TEST((none.status == RecordStatus::Rejected));
  BOOST_TEST(none.field == "ConfidenceScore");
  BOOST_TEST(none.message == "is missing");
}

BOOST_AUTO_TEST_CASE(BadOrImplausibleTimesAreRejected) {
  const std::string text = ReadFixture(kWithImages);
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": \"14/03/2024\"", "DateUtc"},  // day first: not guessed
      {"\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": \"02/30/2024\"", "DateUtc"},
      {"\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": \"2024/03/14\"", "DateUtc"},
      {"\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": \"\"", "DateUtc"},
      {"\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": 20240314", "DateUtc"},
      {"\"TimeUtc\": \"17:05:09\"", "\"TimeUtc\": \"25:05:09\"", "TimeUtc"},
      {"\"TimeUtc\": \"17:05:09\"", "\"TimeUtc\": \"17:05\"", "TimeUtc"},
      {"\"TimeUtc\": \"17:05:09\"", "\"TimeUtc\": \"17:05:09 PM\"", "TimeUtc"},
      {"\"TimeUtc\": \"17:05:09\"", "\"TimeUtc\": \"17:05:09Z\"", "TimeUtc"},
  };
  for (const auto& [from, to, field] : cases) {
    const ParsedRecord rec = Parse(Replaced(text, from, to));
    BOOST_TEST((rec.status == RecordStatus::Rejected), to);
    BOOST_TEST(rec.field == field, to);
  }
  const ParsedRecord future = Parse(Replaced(text, "\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": \"03/14/2031\""));
  BOOST_TEST((future.status == RecordStatus::Rejected));
  BOOST_TEST(future.field == "DateUtc");
  BOOST_TEST(future.message.find("future") != std::string::npos);
  const ParsedRecord old = Parse(Replaced(text, "\"DateUtc\": \"03/14/2024\"", "\"DateUtc\": \"03/14/1989\""));
  BOOST_TEST(old.message.find("before 1990") != std::string::npos);
  // Fractions and the 12-hour clock are read; 12 AM is midnight.
  const ParsedRecord fraction = Parse(Replaced(text, "\"TimeUtc\": \"17:05:09\"", "\"TimeUtc\": \"12:00:01.25 AM\""));
  BOOST_TEST(fraction.reads.at(0).read.capturedAt == UtcFromCivil(2024, 3, 14, 0, 0, 1, 250));
}

BOOST_AUTO_TEST_CASE(IsNotMistakenForAnotherFormatNorOthersForIt) {
  BOOST_TEST(Parse(ReadFixture(kNoImages)).sourceFormat == "genetec");
  // A Plate Recognizer snapshot response for a Genetec camera (what ParkPow's integration makes
  // of a Genetec read) is Plate Recognizer's shape, not Genetec's.
  const ParsedRecord snapshot = Parse(
      R"({"processing_time": 84.3, "results": [], "filename": "x.jpg", "version": 1,
          "camera_id": "SHARPTEST0001 - Camera", "timestamp": "2024-03-14T17:05:09Z"})");
  BOOST_TEST((snapshot.status == RecordStatus::Skipped));
  BOOST_TEST(snapshot.sourceFormat == "platerecognizer");
  // "plate" in lower case is not Genetec's "Plate".
  const ParsedRecord lower = Parse(R"({"plate": "7XKD518", "SharpName": "SHARPTEST0001"})");
  BOOST_TEST((lower.status == RecordStatus::Rejected));
  BOOST_TEST(lower.sourceFormat == "");
}

BOOST_AUTO_TEST_SUITE_END()
