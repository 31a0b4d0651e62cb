// SPDX-License-Identifier: GPL-3.0-or-later
#include "IngestTestSupport.h"

#include "platedesk/ingest/Records.h"

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

// Runs a RecordReader that receives at most `piece` bytes per read call.
std::vector<Owned> ParseInPieces(std::string_view bytes, std::size_t piece, const std::string& name,
                                 FileFormat* format = nullptr) {
  std::vector<Owned> out;
  std::size_t offset = 0;
  RecordReader reader(name, TestOptions());
  auto r = reader.Run(
      [&](char* buf, std::size_t size) -> Result<std::size_t> {
        const std::size_t n = std::min({size, piece, bytes.size() - offset});
        std::memcpy(buf, bytes.data() + offset, n);
        offset += n;
        return n;
      },
      [&](ParsedRecord& rec) {
        Owned o{rec, std::string(rec.raw)};
        o.rec.raw = {};
        out.push_back(std::move(o));
        return true;
      });
  if (format) *format = r ? *r : FileFormat::Unsupported;
  BOOST_TEST(reader.BytesRead() == bytes.size());
  return out;
}

std::string Summary(const std::vector<Owned>& records) {
  std::string s;
  for (const auto& o : records) {
    s += std::to_string(o.rec.line) + ":" + std::to_string(static_cast<int>(o.rec.status));
    for (const auto& r : o.rec.reads) s += ":" + r.read.plate;
    s += ";";
  }
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(RecordReaderTest)

BOOST_AUTO_TEST_CASE(JsonLinesBadLineIsReportedWithItsLineAndTheRestImports) {
  FileFormat format = FileFormat::Empty;
  const auto records = ParseAll(ReadFixture("reads.jsonl"), "reads.jsonl", &format);
  BOOST_TEST((format == FileFormat::JsonLines));
  BOOST_REQUIRE(records.size() == 7u);  // the blank line 3 is not a record
  BOOST_TEST(Summary(records) == "1:0:LNE0001;2:0:LNE0002;4:2;5:0:LNE0004;6:1;7:2;8:0:LNE0007;");
  BOOST_TEST(records[2].rec.message.find("invalid JSON at line 4, column") == 0u);
  BOOST_TEST(records[2].raw.find("LNE0003") != std::string::npos);
  BOOST_TEST(records[5].rec.field == "best_confidence");
}

BOOST_AUTO_TEST_CASE(SmallReadsGiveTheSameRecordsAsOneBigRead) {
  for (const char* name : {"reads.jsonl", "reads.csv", "alpr_group_v2.json", "platerecognizer_empty.json"}) {
    const std::string text = ReadFixture(name);
    FileFormat whole = FileFormat::Empty;
    FileFormat pieces = FileFormat::Empty;
    const auto a = ParseAll(text, name, &whole);
    for (std::size_t piece : {1u, 2u, 7u, 64u}) {
      const auto b = ParseInPieces(text, piece, name, &pieces);
      BOOST_TEST(Summary(a) == Summary(b), name << " in pieces of " << piece);
      BOOST_TEST((whole == pieces));
    }
  }
}

BOOST_AUTO_TEST_CASE(PrettyDocumentAndOneLineDocumentAreBothRecognised) {
  FileFormat format = FileFormat::Empty;
  auto pretty = ParseAll(ReadFixture("alpr_group_v1.json"), "a.json", &format);
  BOOST_TEST((format == FileFormat::JsonDocument));
  BOOST_TEST(pretty.size() == 1u);
  auto single = ParseAll(ReadFixture("platerecognizer_empty.json"), "b.json", &format);
  BOOST_TEST((format == FileFormat::JsonLines));
  BOOST_TEST(single.size() == 1u);
}

BOOST_AUTO_TEST_CASE(JsonlExtensionKeepsLinesEvenWhenTheFirstIsBroken) {
  const std::string text = "{\"broken\": \n" + GroupJson("x-1", "XON0001", 1700000000000) + "\n";
  FileFormat format = FileFormat::Empty;
  const auto records = ParseAll(text, "feed.jsonl", &format);
  BOOST_TEST((format == FileFormat::JsonLines));
  BOOST_TEST(Summary(records) == "1:2;2:0:XON0001;");
  // Without the extension the first line decides: a document that is broken as a whole.
  const auto asDocument = ParseAll(text, "feed.json", &format);
  BOOST_TEST((format == FileFormat::JsonDocument));
  BOOST_TEST(asDocument.size() == 1u);
}

BOOST_AUTO_TEST_CASE(EmptyAndBlankFilesAreEmpty) {
  FileFormat format = FileFormat::Csv;
  BOOST_TEST(ParseAll("", "e.json", &format).empty());
  BOOST_TEST((format == FileFormat::Empty));
  BOOST_TEST(ParseAll(" \n\r\n\t ", "e.json", &format).empty());
  BOOST_TEST((format == FileFormat::Empty));
  BOOST_TEST(ParseAll("\xEF\xBB\xBF\n", "e.json", &format).empty());
  BOOST_TEST((format == FileFormat::Empty));
}

BOOST_AUTO_TEST_CASE(CrLfAndBomAreHandled) {
  const std::string text = "\xEF\xBB\xBF" + GroupJson("c-1", "CRL0001", 1700000000000) + "\r\n" +
                           GroupJson("c-2", "CRL0002", 1700000000000) + "\r\n";
  const auto records = ParseAll(text, "crlf.json");
  BOOST_TEST(Summary(records) == "1:0:CRL0001;2:0:CRL0002;");
}

BOOST_AUTO_TEST_CASE(TruncatedJsonNamesLineAndColumn) {
  const auto records = ParseAll(ReadFixture("truncated.json"), "truncated.json");
  BOOST_REQUIRE(records.size() == 1u);
  BOOST_TEST((records[0].rec.status == RecordStatus::Rejected));
  BOOST_TEST(records[0].rec.message.find("invalid JSON at line 1, column ") == 0u);
  BOOST_TEST(records[0].raw == ReadFixture("truncated.json"));
}

BOOST_AUTO_TEST_CASE(NonUtf8LineIsRejectedAlone) {
  const std::string text = GroupJson("u-1", "UTF0001", 1700000000000) + "\n" +
                           GroupJson("u-2",
                                     "UTF\xC3\x28"
                                     "002",
                                     1700000000000) +
                           "\n" + GroupJson("u-3", "UTF0003", 1700000000000) + "\n";
  const auto records = ParseAll(text, "u.jsonl");
  BOOST_TEST(Summary(records) == "1:0:UTF0001;2:2;3:0:UTF0003;");
  BOOST_TEST(records[1].rec.message.find("invalid UTF-8") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(OversizedLineIsRejectedAndTheRestImports) {
  std::string text = GroupJson("o-1", "BIG0001", 1700000000000) + "\n";
  text += "{\"data_type\":\"alpr_group\",\"padding\":\"" + std::string(kMaxRecordBytes, 'x') + "\"}\n";
  text += GroupJson("o-3", "BIG0003", 1700000000000) + "\n";
  const auto records = ParseAll(text, "big.jsonl");
  BOOST_REQUIRE(records.size() == 3u);
  BOOST_TEST(Summary(records) == "1:0:BIG0001;2:2;3:0:BIG0003;");
  BOOST_TEST(records[1].rec.message.find("larger than 64 MiB") != std::string::npos);
  BOOST_TEST(records[1].raw.size() >= 1024u * 1024u);  // kept for quarantine
  BOOST_TEST(records[1].raw.size() <= kMaxRecordBytes + 64);
}

BOOST_AUTO_TEST_CASE(TextThatIsNeitherJsonNorCsvIsUnsupported) {
  FileFormat format = FileFormat::Empty;
  const std::string text =
      "plate0: top 10 results -- Processing Time = 58.1879ms.\n    - PE3R2X     confidence: 88.9371\n";
  const auto records = ParseAll(text, "alpr.txt", &format);
  BOOST_TEST((format == FileFormat::Unsupported));
  BOOST_REQUIRE(records.size() == 1u);
  BOOST_TEST(records[0].rec.message == "unsupported format: OpenALPR text output (run alpr with -j for JSON)");
  BOOST_TEST(records[0].raw == text);
  const auto binary = ParseAll(std::string("\x89PNG\r\n\x1a\n\0\0", 10), "x.json", &format);
  BOOST_TEST((format == FileFormat::Unsupported));
  BOOST_TEST(binary.at(0).rec.message.find("unsupported format") == 0u);
}

BOOST_AUTO_TEST_CASE(FileFormatNamesAreStable) {
  BOOST_TEST(std::string(FileFormatName(FileFormat::JsonLines)) == "jsonl");
  BOOST_TEST(std::string(FileFormatName(FileFormat::Csv)) == "csv");
  BOOST_TEST(std::string(FileFormatName(FileFormat::Unsupported)) == "unsupported");
}

BOOST_AUTO_TEST_SUITE_END()
