// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvRecord.h"
#include "IngestTestSupport.h"

#include "platedesk/common/Hash.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

const std::string kHeader = "uuid,captured_at,camera_id,plate,state,confidence";

std::vector<Owned> ParseCsv(const std::string& text, FileFormat* format = nullptr) {
  return ParseAll(text, "reads.csv", format);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(CsvRecordTest)

BOOST_AUTO_TEST_CASE(FixtureImportsThreeRowsAndRejectsTwoWithTheirLines) {
  FileFormat format = FileFormat::Empty;
  const std::string text = ReadFixture("reads.csv");
  const auto records = ParseCsv(text, &format);
  BOOST_TEST((format == FileFormat::Csv));
  BOOST_REQUIRE(records.size() == 5u);
  const auto& first = records[0].rec;
  BOOST_REQUIRE(first.status == RecordStatus::Parsed);
  BOOST_TEST(first.line == 2);
  const auto& r = first.reads.at(0).read;
  BOOST_TEST(r.sourceFormat == "csv");
  BOOST_TEST(r.sourceUuid == "csv-0001");
  BOOST_TEST(r.capturedAt == UtcFromCivil(2024, 3, 1, 12));
  BOOST_TEST(first.reads[0].cameraExternalId == "main-st-east");
  BOOST_TEST(r.state == "TX");
  BOOST_TEST(r.confidence == 96.5);
  BOOST_REQUIRE(r.candidates.size() == 2u);
  BOOST_TEST(r.candidates[0].plate == "ABC1Z34");
  BOOST_TEST(r.candidates[1].confidence == 71.5);
  BOOST_TEST(r.vehicle.color.size() == 2u);
  BOOST_TEST(r.vehicle.color[1].value == "silver");
  BOOST_TEST(r.vehicle.model[0].value == "toyota_camry");
  BOOST_TEST(r.vehicle.year[0].value == "2015-2019");
  BOOST_TEST(*r.directionDeg == 90.0);
  BOOST_TEST(*r.latitude == 30.2672);
  const std::string line2 =
      text.substr(text.find('\n') + 1, text.find('\n', text.find('\n') + 1) - text.find('\n') - 1);
  BOOST_TEST(r.payloadSha256 == Sha256Hex(line2));

  const auto& quoted = records[1].rec.reads.at(0).read;
  BOOST_TEST(quoted.plate == "XYZ789");
  BOOST_TEST(quoted.plateReported == "XYZ 789");
  BOOST_TEST(quoted.capturedAt == UtcFromCivil(2024, 3, 1, 18, 0, 5));
  BOOST_TEST(quoted.vehicle.color[0].value == "dark-blue");
  BOOST_TEST(quoted.vehicle.color[0].confidence == 100.0);

  const auto& derived = records[2].rec.reads.at(0).read;
  BOOST_TEST(derived.sourceUuid == "main-st-west/2024-03-01T12:01:00.000Z/KLM4455");

  BOOST_TEST((records[3].rec.status == RecordStatus::Rejected));
  BOOST_TEST(records[3].rec.line == 5);
  BOOST_TEST(records[3].rec.field == "captured_at");
  BOOST_TEST((records[4].rec.status == RecordStatus::Rejected));
  BOOST_TEST(records[4].rec.field == "confidence");
  BOOST_TEST(!records[4].raw.empty());
}

BOOST_AUTO_TEST_CASE(ForeignCsvIsUnsupportedAndKeptWhole) {
  FileFormat format = FileFormat::Empty;
  const std::string hertz = "MAKE,MODEL,LICENSE_PLATE\nJEEP,CHEROKEE,DW11ZM\nHONDA,CIVIC,9GWY688\n";
  const auto records = ParseCsv(hertz, &format);
  BOOST_TEST((format == FileFormat::Unsupported));
  BOOST_REQUIRE(records.size() == 1u);
  BOOST_TEST((records[0].rec.status == RecordStatus::Rejected));
  BOOST_TEST(records[0].rec.line == 0);
  BOOST_TEST(records[0].rec.message ==
             "unsupported format: CSV without the PlateDesk header (columns: MAKE,MODEL,LICENSE_PLATE)");
  BOOST_TEST(records[0].raw == hertz);
}

BOOST_AUTO_TEST_CASE(HeaderErrorsRejectTheFile) {
  auto unknown = ParseCsv("captured_at,camera_id,plate,confidence,colour\n2024-01-01T00:00:00Z,c,ABC,50,red\n");
  BOOST_REQUIRE(unknown.size() == 1u);
  BOOST_TEST(unknown[0].rec.message == "PlateDesk CSV header has an unknown column \"colour\"");
  auto missing = ParseCsv("captured_at,camera_id,plate\n2024-01-01T00:00:00Z,c,ABC\n");
  BOOST_REQUIRE(missing.size() == 1u);
  BOOST_TEST(missing[0].rec.message == "PlateDesk CSV header lacks the column \"confidence\"");
  auto twice = ParseCsv("plate,captured_at,camera_id,plate,confidence\n");
  BOOST_TEST(twice.at(0).rec.message == "PlateDesk CSV header names \"plate\" twice");
}

BOOST_AUTO_TEST_CASE(MalformedRowsAreRejectedAndTheOthersKept) {
  const std::string text = kHeader + "\r\n" + "a,2024-01-01T00:00:00Z,cam,AAA111,MO,50\r\n" +
                           "b,2024-01-01T00:00:00Z,cam,\"BBB\"222,MO,50\r\n" +  // junk after a quote
                           "c,2024-01-01T00:00:00Z,cam,\"CCC333,MO,50\r\n" +    // unterminated quote
                           "d,2024-01-01T00:00:00Z,cam,DDD444,MO\r\n" +         // a field short
                           "e,2024-01-01T00:00:00Z,cam,E\xff"
                           "E555,MO,50\r\n" +                            // not UTF-8
                           "f,2024-01-01T00:00:00Z,,FFF666,MO,50\r\n" +  // no camera
                           "g,not a time,cam,GGG777,MO,50\r\n" +
                           "h,2024-01-01T00:00:00Z,cam,HHH888,ZZ,abc\r\n" +
                           "i,2024-01-01T00:00:00Z,cam,\"I \"\"quoted\"\" 9\",MO,50\r\n";
  const auto records = ParseCsv(text);
  BOOST_REQUIRE(records.size() == 9u);
  BOOST_TEST((records[0].rec.status == RecordStatus::Parsed));
  for (std::size_t i = 1; i <= 7; ++i) BOOST_TEST((records[i].rec.status == RecordStatus::Rejected), i);
  BOOST_TEST(records[1].rec.message.find("after a closing quote") != std::string::npos);
  BOOST_TEST(records[2].rec.message.find("unterminated quoted field") != std::string::npos);
  BOOST_TEST(records[3].rec.message == "expected 6 fields, found 5");
  BOOST_TEST(records[4].rec.message == "line is not valid UTF-8");
  BOOST_TEST(records[5].rec.field == "camera_id");
  BOOST_TEST(records[6].rec.field == "captured_at");
  BOOST_TEST(records[7].rec.field == "confidence");
  BOOST_TEST(records[8].rec.reads.at(0).read.plate == "IQUOTED9");
  BOOST_TEST(records[8].rec.line == 10);
}

BOOST_AUTO_TEST_CASE(SplitterFollowsRfc4180Quoting) {
  std::vector<std::string> fields;
  std::string error;
  BOOST_REQUIRE(detail::SplitCsvLine(R"(a,"b,c","d""e",,"")", fields, error));
  BOOST_TEST((fields == std::vector<std::string>{"a", "b,c", "d\"e", "", ""}));
  BOOST_TEST(!detail::SplitCsvLine(R"(a,b"c)", fields, error));
}

BOOST_AUTO_TEST_SUITE_END()
