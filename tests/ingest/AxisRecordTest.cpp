// SPDX-License-Identifier: GPL-3.0-or-later
// AXIS License Plate Verifier events (core/ingest/src/AxisRecord.cpp). The fixtures are shaped
// like the events the camera pushes; plates, serial numbers and counters are invented.
#include "IngestTestSupport.h"

#include "platedesk/common/Hash.h"
#include "platedesk/ingest/Records.h"

#include <boost/test/unit_test.hpp>

#include <tuple>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

const std::string kEvent = "axis/lpv_event.json";
const std::string kNoImages = "axis/lpv_event_no_images.json";

ParsedRecord Parse(const std::string& json) { return ParseJsonRecord(json, TestOptions()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(AxisRecordTest)

BOOST_AUTO_TEST_CASE(EventMapsEveryFieldAndWarnsThatImagesByUrlAreNotFetched) {
  const std::string text = ReadFixture(kEvent);
  const ParsedRecord rec = Parse(text);
  BOOST_REQUIRE_MESSAGE(rec.status == RecordStatus::Parsed, rec.field + ": " + rec.message);
  BOOST_TEST(rec.sourceFormat == "axis");
  const ParsedRead& pr = rec.reads.at(0);
  const store::NewRead& r = pr.read;
  BOOST_TEST(r.sourceFormat == "axis");
  BOOST_TEST(r.plate == "WX4821K");
  BOOST_TEST(r.confidence == 86.421, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.capturedAt == 1709910122480);  // capture_timestamp (UTC), not the local datetime
  BOOST_TEST(pr.cameraExternalId == "B8A44F0000A1");
  BOOST_TEST(r.sourceUuid == "B8A44F0000A1/20431/5120044");
  BOOST_TEST(r.state == "");  // plateCountry is a country
  BOOST_TEST(*r.latitude == 52.2297);
  BOOST_TEST(*r.longitude == 21.0122);
  BOOST_TEST(!r.directionDeg.has_value());  // "in"/"out" is not a heading
  BOOST_TEST(pr.plateImage.bytes.empty());
  BOOST_TEST(pr.vehicleImage.bytes.empty());
  BOOST_REQUIRE(rec.warnings.size() == 1u);
  BOOST_TEST(rec.warnings[0].field == "imagesURI");
  BOOST_TEST(rec.warnings[0].message.find("not fetched") != std::string::npos);
  BOOST_TEST(!rec.warnings[0].keepCopy);
  BOOST_TEST(r.payloadSha256 == Sha256Hex(text));
}

BOOST_AUTO_TEST_CASE(EventWithoutImagesOrCounterGetsADerivedId) {
  const ParsedRecord rec = Parse(ReadFixture(kNoImages));
  BOOST_REQUIRE_MESSAGE(rec.status == RecordStatus::Parsed, rec.field + ": " + rec.message);
  const store::NewRead& r = rec.reads.at(0).read;
  BOOST_TEST(r.plate == "KR7Y193");
  BOOST_TEST(r.plateReported == "KR 7Y193");
  BOOST_TEST(r.confidence == 50.0);
  BOOST_TEST(rec.reads[0].cameraExternalId == "B8A44F0000A2");
  BOOST_TEST(r.sourceUuid == "B8A44F0000A2/" + FormatIso8601(1709913722015) + "/KR7Y193");
  BOOST_TEST(!r.latitude.has_value());
  BOOST_TEST(rec.warnings.empty());
}

BOOST_AUTO_TEST_CASE(TheAsciiRenderingIsSearchedAndTheUtf8TextKept) {
  const std::string text = Replaced(Replaced(ReadFixture(kEvent), "\"plateUTF8\": \"WX4821K\"",
                                             "\"plateUTF8\": \"\xD0\x90\xD0\x92 1234 \xD0\xA1\xD0\x95\""),
                                    "\"plateASCII\": \"WX4821K\"", "\"plateASCII\": \"AB1234CE\"");
  const ParsedRecord rec = Parse(text);
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_TEST(rec.reads[0].read.plate == "AB1234CE");
  BOOST_TEST(rec.reads[0].read.plateReported == "\xD0\x90\xD0\x92 1234 \xD0\xA1\xD0\x95");
}

BOOST_AUTO_TEST_CASE(AResendIsADuplicateAndAnotherEventOfTheCarIsNot) {
  const std::string text = ReadFixture(kEvent);
  BOOST_TEST(Parse(text).reads.at(0).read.sourceUuid == Parse(text).reads.at(0).read.sourceUuid);
  const ParsedRecord update = Parse(Replaced(text, "\"packetCounter\": \"5120044\"", "\"packetCounter\": \"5120051\""));
  BOOST_TEST(update.reads.at(0).read.sourceUuid == "B8A44F0000A1/20431/5120051");
  const ParsedRecord otherCamera =
      Parse(Replaced(text, "\"SerialNumber\": \"B8A44F0000A1\"", "\"SerialNumber\": \"B8A44F0000B7\""));
  BOOST_TEST(otherCamera.reads.at(0).read.sourceUuid == "B8A44F0000B7/20431/5120044");
}

BOOST_AUTO_TEST_CASE(WrongTypesAreRejectedNamingTheField) {
  const std::string text = ReadFixture(kEvent);
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"\"plateUTF8\": \"WX4821K\"", "\"plateUTF8\": 4821", "plateUTF8"},
      {"\"plateConfidence\": \"0.864210\"", "\"plateConfidence\": \"high\"", "plateConfidence"},
      {"\"plateConfidence\": \"0.864210\"", "\"plateConfidence\": \"86.4\"", "plateConfidence"},  // 0-1
      {"\"plateConfidence\": \"0.864210\"", "\"plateConfidence\": [0.8]", "plateConfidence"},
      {"\"capture_timestamp\": \"1709910122480\"", "\"capture_timestamp\": \"yesterday\"", "capture_timestamp"},
      {"\"capture_timestamp\": \"1709910122480\"", "\"capture_timestamp\": 1709910122480.5", "capture_timestamp"},
      {"\"camera_info\": {", "\"camera_info\": \"cam\", \"c\": {", "camera_info"},
      {"\"SerialNumber\": \"B8A44F0000A1\"", "\"SerialNumber\": false", "camera_info.SerialNumber"},
      {"\"lat\": 52.2297", "\"lat\": \"north\"", "geotag.lat"},
      {"\"lat\": 52.2297", "\"lat\": 152.2297", "geotag.lat"},
      {"\"geotag\": {", "\"geotag\": [], \"g\": {", "geotag"},
      {"\"carID\": \"20431\"", "\"carID\": [20431]", "carID"},
      {"\"packetCounter\": \"5120044\"", "\"packetCounter\": 5.5", "packetCounter"},
      {"\"imagesURI\": [", "\"imagesURI\": \"/local\", \"i\": [", "imagesURI"},
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
  std::string text = ReadFixture(kEvent);
  for (const char* key : {"plateText", "plateUnicode", "plateUTF8", "plateASCII"})
    text = Replaced(text, "\"" + std::string(key) + "\": \"WX4821K\"", "\"" + std::string(key) + "\": \"\"");
  const ParsedRecord rec = Parse(text);
  BOOST_TEST((rec.status == RecordStatus::Rejected));
  BOOST_TEST(rec.field == "plateUTF8");
  BOOST_TEST(rec.message == "plate is missing");
  const ParsedRecord noScore =
      Parse(Replaced(ReadFixture(kEvent), "\"plateConfidence\": \"0.864210\"", "\"plateConfidence\": \"\""));
  BOOST_TEST(noScore.field == "plateConfidence");
  BOOST_TEST(noScore.message == "is missing");
}

BOOST_AUTO_TEST_CASE(BadOrImplausibleTimesAreRejectedAndCaptureTsIsTheFallback) {
  const std::string text = ReadFixture(kEvent);
  const ParsedRecord zero =
      Parse(Replaced(text, "\"capture_timestamp\": \"1709910122480\"", "\"capture_timestamp\": \"0\""));
  BOOST_TEST((zero.status == RecordStatus::Rejected));
  BOOST_TEST(zero.field == "capture_timestamp");
  BOOST_TEST(zero.message.find("before 1990") != std::string::npos);
  const ParsedRecord future =
      Parse(Replaced(text, "\"capture_timestamp\": \"1709910122480\"", "\"capture_timestamp\": \"4102444800000\""));
  BOOST_TEST(future.message.find("future") != std::string::npos);
  // Without capture_timestamp, the nanosecond capture_ts gives the same time.
  const std::string noMs = Replaced(text, "\"capture_timestamp\": \"1709910122480\",", "");
  const ParsedRecord fallback = Parse(noMs);
  BOOST_REQUIRE(fallback.status == RecordStatus::Parsed);
  BOOST_TEST(fallback.reads[0].read.capturedAt == 1709910122480);
  const ParsedRecord none = Parse(Replaced(noMs, "\"capture_ts\": \"1709910122480000000\",", ""));
  BOOST_TEST((none.status == RecordStatus::Rejected));
  BOOST_TEST(none.field == "capture_timestamp");
  BOOST_TEST(none.message == "is missing");
}

BOOST_AUTO_TEST_CASE(IsNotMistakenForAnotherFormatNorOthersForIt) {
  BOOST_TEST(Parse(ReadFixture(kNoImages)).sourceFormat == "axis");
  // A plate text field alone (no camera_info, carID, packetCounter or plateCountry) is not Axis.
  const ParsedRecord bare = Parse(R"({"plateText": "WX4821K", "capture_timestamp": "1709910122480"})");
  BOOST_TEST((bare.status == RecordStatus::Rejected));
  BOOST_TEST(bare.sourceFormat == "");
  BOOST_TEST(Parse(ReadFixture("platerecognizer_snapshot.json")).sourceFormat == "platerecognizer");
}

BOOST_AUTO_TEST_SUITE_END()
