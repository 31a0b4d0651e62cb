// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestTestSupport.h"

#include "platedesk/common/Hash.h"
#include "platedesk/ingest/Records.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

ParsedRecord Parse(const std::string& json) { return ParseJsonRecord(json, TestOptions()); }

ParsedRecord ParseFixture(const std::string& name) { return Parse(ReadFixture(name)); }

// Replaces the first occurrence of `from` in a fixture.
std::string Edit(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("edit target not found: " + from);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(JsonRecordTest)

BOOST_AUTO_TEST_CASE(GroupV1MapsBareRegionSiteAndBestPlateCandidates) {
  const ParsedRecord rec = ParseFixture("alpr_group_v1.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_REQUIRE(rec.reads.size() == 1u);
  const auto& r = rec.reads[0].read;
  BOOST_TEST(r.sourceFormat == "openalpr-group");
  BOOST_TEST(r.sourceUuid == "north-yard-cam1414799424-1448326208789");
  BOOST_TEST(r.plate == "KX4417");
  BOOST_TEST(r.state == "MO");
  BOOST_TEST(r.confidence == 91.5);
  BOOST_TEST(r.capturedAt == 1448326208789);
  BOOST_TEST(rec.reads[0].cameraExternalId == "north-yard/1414799424");
  // The best plate itself is not a candidate; KX44I7 twice is merged keeping the best confidence.
  BOOST_REQUIRE(r.candidates.size() == 2u);
  BOOST_TEST(r.candidates[0].plate == "KX44I7");
  BOOST_TEST(r.candidates[0].confidence == 83.25);
  BOOST_TEST(r.candidates[1].plate == "KX4Y17");
  BOOST_TEST(!r.latitude.has_value());
  BOOST_TEST(r.payloadSha256 == Sha256Hex(ReadFixture("alpr_group_v1.json")));
}

BOOST_AUTO_TEST_CASE(GroupV2TakesAttributesGpsDirectionAndWarnsAboutPlaceholders) {
  const ParsedRecord rec = ParseFixture("alpr_group_v2.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  const auto& pr = rec.reads.at(0);
  const auto& r = pr.read;
  BOOST_TEST(r.state == "IN");
  BOOST_TEST(pr.cameraExternalId == "AGENTAGENTAGENTAGENTAGENTAGENTAGENT00001/106232737");
  BOOST_TEST(*r.latitude == 40.0099);
  BOOST_TEST(*r.longitude == -86.1446);
  BOOST_TEST(*r.directionDeg == 257.25);
  BOOST_REQUIRE(r.vehicle.color.size() == 2u);
  BOOST_TEST(r.vehicle.color[0].value == "white");
  BOOST_TEST(r.vehicle.color[0].confidence == 37.5);
  BOOST_TEST(r.vehicle.make[0].value == "ford");
  BOOST_TEST(r.vehicle.model[0].value == "ford_f-150");
  BOOST_TEST(r.vehicle.body[0].value == "pickup-standard");
  BOOST_TEST(r.vehicle.year[1].value == "2015-2019");
  BOOST_TEST(r.candidates.size() == 1u);  // top-level candidates win over best_plate.candidates
  BOOST_TEST(r.candidates[0].plate == "BRT552I");
  BOOST_TEST(pr.plateImage.bytes.empty());
  BOOST_TEST(pr.vehicleImage.bytes.empty());
  BOOST_REQUIRE(rec.warnings.size() == 2u);
  BOOST_TEST(rec.warnings[0].field == "best_plate.plate_crop_jpeg");
  BOOST_TEST(rec.warnings[1].field == "vehicle_crop_jpeg");
}

BOOST_AUTO_TEST_CASE(GroupV3Imports) {
  const ParsedRecord rec = ParseFixture("alpr_group_v3.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_TEST(rec.reads.at(0).read.plate == "7TRK209");
  BOOST_TEST(rec.reads.at(0).read.state == "MA");
  BOOST_TEST(rec.reads.at(0).read.vehicle.color.at(0).value == "silver-gray");
}

BOOST_AUTO_TEST_CASE(ResultsV2GivesOneReadPerPlateWithDistinctIds) {
  const ParsedRecord rec = ParseFixture("alpr_results_v2.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_REQUIRE(rec.reads.size() == 2u);
  BOOST_TEST(rec.reads[0].read.sourceFormat == "openalpr-results");
  BOOST_TEST(rec.reads[0].read.plate == "HMV3382");
  BOOST_TEST(rec.reads[1].read.plate == "CQ7L5Y");
  BOOST_TEST(rec.reads[0].read.sourceUuid != rec.reads[1].read.sourceUuid);
  BOOST_TEST(rec.reads[0].read.capturedAt == 1562681608425);
  BOOST_TEST(rec.reads[0].read.payloadSha256 == rec.reads[1].read.payloadSha256);
  BOOST_TEST(rec.warnings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(OldAlprdResultsHaveEpochSeconds) {
  const ParsedRecord rec = ParseFixture("alprd_results_old.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  const auto& r = rec.reads.at(0).read;
  BOOST_TEST(r.capturedAt == 1402161050000);
  BOOST_TEST(r.state == "");
  BOOST_TEST(rec.reads[0].cameraExternalId == "headquarters/1");
  BOOST_TEST(r.sourceUuid == "3f2b6c1e-0d9a-4c7e-9a51-6f0e2b8c4d11#0");
}

BOOST_AUTO_TEST_CASE(AlprCliOutputUsesTheDefaultCameraAndADerivedId) {
  ParseOptions options = TestOptions();
  options.defaultCamera = "bench-cam";
  const ParsedRecord rec = ParseJsonRecord(ReadFixture("alpr_cli.json"), options);
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  const auto& pr = rec.reads.at(0);
  BOOST_TEST(pr.cameraExternalId == "bench-cam");
  BOOST_TEST(pr.read.sourceUuid == "bench-cam/2021-12-03T21:26:50.336Z/WQ66131");
  BOOST_TEST(pr.read.candidates.size() == 2u);
}

BOOST_AUTO_TEST_CASE(AlertImportsItsGroupUnderTheGroupsId) {
  const ParsedRecord rec = ParseFixture("alpr_alert.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  const auto& r = rec.reads.at(0).read;
  BOOST_TEST(r.sourceFormat == "openalpr-group");
  BOOST_TEST(r.sourceUuid == "AGENTAGENTAGENTAGENTAGENTAGENTAGENT00003-1000-1630695989342");
  BOOST_TEST(r.plate == "4LMN880");
  BOOST_TEST(r.state == "MD");
}

BOOST_AUTO_TEST_CASE(HeartbeatsAndVehicleRecordsAreSkippedNotRejected) {
  for (const char* name : {"heartbeat.json", "vehicle.json", "platerecognizer_empty.json"}) {
    const ParsedRecord rec = ParseFixture(name);
    BOOST_TEST((rec.status == RecordStatus::Skipped), name);
    BOOST_TEST(!rec.message.empty());
    BOOST_TEST(rec.reads.empty());
  }
  BOOST_TEST(ParseFixture("heartbeat.json").message.find("heartbeat") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(PlateRecognizerWebhookScalesScoresAndMapsAttributes) {
  const ParsedRecord rec = ParseFixture("platerecognizer_webhook.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  const auto& pr = rec.reads.at(0);
  const auto& r = pr.read;
  BOOST_TEST(r.sourceFormat == "platerecognizer");
  BOOST_TEST(r.plate == "8FGH231");
  BOOST_TEST(r.plateReported == "8fgh231");
  BOOST_TEST(r.state == "CA");
  BOOST_TEST(r.confidence == 83.9, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.capturedAt == ParseIso8601("2021-09-29T05:56:13.606Z").Value());
  BOOST_TEST(pr.cameraExternalId == "camera-7");
  BOOST_TEST(r.sourceUuid == "camera-7/2021-09-29T05:56:13.606Z/8FGH231");
  BOOST_REQUIRE(r.candidates.size() == 1u);
  BOOST_TEST(r.candidates[0].confidence == 0.0);  // Stream candidates carry no score
  BOOST_TEST(r.vehicle.color[0].value == "blue");
  BOOST_TEST(r.vehicle.color[0].confidence == 60.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.vehicle.make.size() == 1u);  // "generic" is not a make
  BOOST_TEST(r.vehicle.model[0].value == "toyota_camry");
  BOOST_TEST(r.vehicle.body[0].value == "sedan");
  BOOST_TEST(!r.directionDeg.has_value());  // "" means not reported
}

BOOST_AUTO_TEST_CASE(PlateRecognizerForeignRegionGivesUnknownStateAndUtcTime) {
  const ParsedRecord rec = ParseFixture("platerecognizer_snapshot.json");
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  const auto& r = rec.reads.at(0).read;
  BOOST_TEST(r.state == "");
  BOOST_TEST(r.capturedAt == UtcFromCivil(2024, 10, 17, 23, 4, 50, 98));
  BOOST_TEST(*r.directionDeg == 81.0);
  BOOST_TEST(r.vehicle.body.empty());   // "Unknown"
  BOOST_TEST(r.vehicle.model.empty());  // "generic"/"Invalid"
  // Plate Recognizer's bare codes are countries: "ca" is Canada, not California.
  const ParsedRecord canada = Parse(Edit(ReadFixture("platerecognizer_snapshot.json"), "\"fr\"", "\"ca\""));
  BOOST_TEST(canada.reads.at(0).read.state == "");
}

BOOST_AUTO_TEST_CASE(OtherVendorsAreUnsupportedWithTheirName) {
  const ParsedRecord parkpow = ParseFixture("parkpow_unsupported.json");
  BOOST_TEST((parkpow.status == RecordStatus::Rejected));
  BOOST_TEST(parkpow.message == "unsupported format: ParkPow visit list");
  const ParsedRecord visit = Parse(R"({"id":1,"start_cam":{"code":"c"},"start_data":{"plate":"x"}})");
  BOOST_TEST(visit.message == "unsupported format: ParkPow visit");
  const ParsedRecord other = Parse(R"({"hello":"world"})");
  BOOST_TEST((other.status == RecordStatus::Rejected));
  BOOST_TEST(other.message.find("unsupported format") == 0u);
  BOOST_TEST((Parse("42").status == RecordStatus::Rejected));
}

BOOST_AUTO_TEST_CASE(EachFormatIsRecognisedByItsContentAlone) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"alpr_group_v1.json", "openalpr-group"},
      {"alpr_group_v3.json", "openalpr-group"},
      {"alpr_alert.json", "openalpr-group"},
      {"alpr_results_v2.json", "openalpr-results"},
      {"alprd_results_old.json", "openalpr-results"},
      {"alpr_cli.json", "openalpr-results"},
      {"heartbeat.json", "openalpr-heartbeat"},
      {"vehicle.json", "openalpr-vehicle"},
      {"platerecognizer_webhook.json", "platerecognizer"},
      {"platerecognizer_snapshot.json", "platerecognizer"},
      {"platerecognizer_empty.json", "platerecognizer"},
      {"genetec/read_with_images.json", "genetec"},
      {"genetec/read_no_images.json", "genetec"},
      {"axis/lpv_event.json", "axis"},
      {"axis/lpv_event_no_images.json", "axis"},
      {"survision/anpr_with_images.json", "survision"},
      {"survision/anpr_no_images.json", "survision"},
      {"survision/anpr_plate_entering.json", "survision"},
      {"parkpow_unsupported.json", ""},
  };
  for (const auto& [name, format] : cases) {
    const ParsedRecord rec = ParseFixture(name);
    BOOST_TEST(rec.sourceFormat == format, name);
    BOOST_TEST((rec.status != RecordStatus::Rejected || format.empty()), name + ": " + rec.message);
    for (const auto& r : rec.reads) BOOST_TEST(r.read.sourceFormat == format, name);
  }
}

BOOST_AUTO_TEST_CASE(HeartbeatListsTheCamerasItReportsAliveNamedLikeTheirReads) {
  const ParsedRecord fixture = ParseFixture("heartbeat.json");
  BOOST_TEST((fixture.status == RecordStatus::Skipped));
  BOOST_TEST(fixture.heardCameras == std::vector<std::string>{"north-yard/1630410444"});
  BOOST_TEST(fixture.warnings.empty());

  const ParsedRecord hb = Parse(R"({"data_type": "heartbeat", "agent_uid": "AGENT-T", "site_id": "ignored",
      "video_streams": [{"camera_id": 7, "is_streaming": true}, {"camera_id": "8", "is_streaming": false},
                        {"camera_id": 9}, {"camera_id": 7}, {"camera_id": 1.5}, "x", {"fps": 3},
                        {"camera_id": 10, "is_streaming": "yes"}, {"camera_id": "", "is_streaming": true}]})");
  BOOST_TEST((hb.status == RecordStatus::Skipped));
  BOOST_TEST(hb.heardCameras == (std::vector<std::string>{"AGENT-T/7", "AGENT-T/9"}));
  BOOST_REQUIRE(hb.warnings.size() == 3u);
  BOOST_TEST(hb.warnings[0].field == "video_streams[4].camera_id");
  BOOST_TEST(hb.warnings[1].field == "video_streams[5]");
  BOOST_TEST(hb.warnings[2].field == "video_streams[7].is_streaming");

  // A read from the same agent and camera names the same camera.
  const ParsedRecord read = Parse(GroupJson("hb-1", "HRT0001", 1700000000000));
  BOOST_REQUIRE(read.status == RecordStatus::Parsed);
  BOOST_TEST(read.reads[0].cameraExternalId == hb.heardCameras[0]);
  BOOST_TEST(read.heardCameras.empty());

  // Without an agent the camera id stands alone, as in reads; a malformed agent lists nothing.
  const ParsedRecord bare = Parse(R"({"data_type": "heartbeat", "video_streams": [{"camera_id": 3}]})");
  BOOST_TEST(bare.heardCameras == std::vector<std::string>{"3"});
  const ParsedRecord badAgent =
      Parse(R"({"data_type": "heartbeat", "agent_uid": [1], "video_streams": [{"camera_id": 3}]})");
  BOOST_TEST((badAgent.status == RecordStatus::Skipped));
  BOOST_TEST(badAgent.heardCameras.empty());
  BOOST_TEST(badAgent.warnings.at(0).field == "agent_uid");
  const ParsedRecord badList = Parse(R"({"data_type": "heartbeat", "site_id": "s", "video_streams": {"a": 1}})");
  BOOST_TEST((badList.status == RecordStatus::Skipped));
  BOOST_TEST(badList.warnings.at(0).field == "video_streams");
}

BOOST_AUTO_TEST_CASE(UnknownDataTypeIsRejectedForReview) {
  const ParsedRecord rec = Parse(R"({"data_type":"alpr_group_v9","best_plate_number":"ABC123"})");
  BOOST_TEST((rec.status == RecordStatus::Rejected));
  BOOST_TEST(rec.field == "data_type");
  BOOST_TEST(rec.message == "unsupported data_type \"alpr_group_v9\"");
}

BOOST_AUTO_TEST_CASE(WrongTypesAreRejectedNamingTheField) {
  const std::string v2 = ReadFixture("alpr_group_v2.json");
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"\"best_confidence\": 93.5", "\"best_confidence\": \"93.5\"", "best_confidence"},
      {"\"camera_id\": 106232737", "\"camera_id\": 1.5", "camera_id"},
      {"\"camera_id\": 106232737", "\"camera_id\": [1]", "camera_id"},
      {"\"epoch_start\": 1609433731402", "\"epoch_start\": \"yesterday\"", "epoch_start"},
      {"\"gps_latitude\": 40.0099", "\"gps_latitude\": 140.0", "gps_latitude"},
      {"\"gps_latitude\": 40.0099", "\"gps_latitude\": true", "gps_latitude"},
      {"\"travel_direction\": 257.25", "\"travel_direction\": 720", "travel_direction"},
      {"{\"name\": \"white\", \"confidence\": 37.5}", "{\"name\": 7, \"confidence\": 37.5}", "vehicle.color[0].name"},
      {"{\"name\": \"white\", \"confidence\": 37.5}", "{\"name\": \"white\", \"confidence\": 137.5}",
       "vehicle.color[0].confidence"},
      {"\"candidates\": [", "\"candidates\": {\"x\": 1}, \"was\": [", "candidates"},
      {"\"best_plate_number\": \"BRT5521\"", "\"best_plate_number\": {\"p\": 1}", "best_plate_number"},
      {"\"vehicle\": {", "\"vehicle\": 3, \"v\": {", "vehicle"},
      {"\"best_confidence\": 93.5", "\"best_confidence\": -1", "best_confidence"},
  };
  for (const auto& [from, to, field] : cases) {
    const ParsedRecord rec = Parse(Edit(v2, from, to));
    BOOST_TEST((rec.status == RecordStatus::Rejected), to);
    BOOST_TEST(rec.field == field, to);
    BOOST_TEST(rec.reads.empty());
  }
}

BOOST_AUTO_TEST_CASE(PlatesThatAreEmptyOrTooLongAreRejected) {
  const std::string v1 = ReadFixture("alpr_group_v1.json");
  const ParsedRecord huge =
      Parse(Edit(v1, "\"best_plate_number\": \"KX4417\"", "\"best_plate_number\": \"" + std::string(200, 'A') + "\""));
  BOOST_TEST((huge.status == RecordStatus::Rejected));
  BOOST_TEST(huge.field == "best_plate_number");
  const ParsedRecord thirteen =
      Parse(Edit(v1, "\"best_plate_number\": \"KX4417\"", "\"best_plate_number\": \"ABCDEFGHJKLMN\""));
  BOOST_TEST((thirteen.status == RecordStatus::Rejected));
  const ParsedRecord spaces = Parse(Edit(v1, "\"best_plate_number\": \"KX4417\"", "\"best_plate_number\": \" - \""));
  BOOST_TEST((spaces.status == RecordStatus::Rejected));
  BOOST_TEST(spaces.message == "plate has no letters or digits");
  const ParsedRecord dashed =
      Parse(Edit(v1, "\"best_plate_number\": \"KX4417\"", "\"best_plate_number\": \"kx-4417\""));
  BOOST_TEST(dashed.reads.at(0).read.plate == "KX4417");
  BOOST_TEST(dashed.reads.at(0).read.plateReported == "kx-4417");
}

BOOST_AUTO_TEST_CASE(ImplausibleCaptureTimesAreRejected) {
  const std::string v1 = ReadFixture("alpr_group_v1.json");
  const ParsedRecord zero = Parse(Edit(v1, "\"epoch_start\": 1448326208789", "\"epoch_start\": 0"));
  BOOST_TEST((zero.status == RecordStatus::Rejected));
  BOOST_TEST(zero.field == "epoch_start");
  const ParsedRecord future = Parse(Edit(v1, "\"epoch_start\": 1448326208789", "\"epoch_start\": 4102444800000"));
  BOOST_TEST((future.status == RecordStatus::Rejected));
  BOOST_TEST(future.message.find("future") != std::string::npos);
  const ParsedRecord huge = Parse(Edit(v1, "\"epoch_start\": 1448326208789", "\"epoch_start\": 1e300"));
  BOOST_TEST((huge.status == RecordStatus::Rejected));
}

BOOST_AUTO_TEST_CASE(EmbeddedImagesAreDecodedToTheirOriginalBytes) {
  const std::string plateJpeg = MakeJpeg(120, 40);
  const std::string vehicleJpeg = MakeJpeg(200, 150);
  const ParsedRecord rec = Parse(GroupJson("img-1", "IMG0001", 1700000000000, Base64(plateJpeg), Base64(vehicleJpeg)));
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_TEST(rec.reads[0].plateImage.bytes == plateJpeg);
  BOOST_TEST(rec.reads[0].plateImage.field == "best_plate.plate_crop_jpeg");
  BOOST_TEST(rec.reads[0].vehicleImage.bytes == vehicleJpeg);
  BOOST_TEST(rec.reads[0].vehicleImage.field == "vehicle_crop_jpeg");
}

BOOST_AUTO_TEST_CASE(CorruptBase64DropsTheImageKeepsTheReadAndAsksForAQuarantineCopy) {
  std::string b64 = Base64(MakeJpeg(120, 40));
  b64[100] = '*';
  const ParsedRecord rec = Parse(GroupJson("img-2", "IMG0002", 1700000000000, b64));
  BOOST_REQUIRE((rec.status == RecordStatus::Parsed));
  BOOST_TEST(rec.reads[0].plateImage.bytes.empty());
  BOOST_REQUIRE(rec.warnings.size() == 1u);
  BOOST_TEST(rec.warnings[0].field == "best_plate.plate_crop_jpeg");
  BOOST_TEST(rec.warnings[0].message.find("character 100") != std::string::npos);
  BOOST_TEST(rec.warnings[0].keepCopy);
  // A cut encoding (the last characters lost) is treated the same way.
  const std::string full = Base64(MakeJpeg(120, 40));
  const ParsedRecord cut = Parse(GroupJson("img-3", "IMG0003", 1700000000000, "", full.substr(0, full.size() - 3)));
  BOOST_REQUIRE((cut.status == RecordStatus::Parsed));
  BOOST_REQUIRE(cut.warnings.size() == 1u);
  BOOST_TEST(cut.warnings[0].field == "vehicle_crop_jpeg");
}

BOOST_AUTO_TEST_CASE(ByteOrderMarkIsIgnoredButHashed) {
  const std::string text = "\xEF\xBB\xBF" + ReadFixture("alpr_group_v3.json");
  const ParsedRecord rec = Parse(text);
  BOOST_REQUIRE(rec.status == RecordStatus::Parsed);
  BOOST_TEST(rec.reads[0].read.payloadSha256 == Sha256Hex(text));
}

BOOST_AUTO_TEST_CASE(SyntaxErrorsNameLineAndColumn) {
  const ParsedRecord rec = ParseFixture("not_strict.json");
  BOOST_TEST((rec.status == RecordStatus::Rejected));
  BOOST_TEST(rec.line == 9);
  BOOST_TEST(rec.message == "invalid JSON at line 9, column 1: unexpected character '}'; expected a key");
  const ParsedRecord bad = Parse("{\"a\": \"\xff\"}");
  BOOST_TEST(bad.message.find("invalid UTF-8") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
