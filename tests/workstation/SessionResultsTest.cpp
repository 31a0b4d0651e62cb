// SPDX-License-Identifier: GPL-3.0-or-later
// Session::SaveResults (issue 16): a result list written to a file goes through the search's rules
// and is recorded, with the query, the reads and the file's SHA-256, before any byte is returned;
// the CSV neutralises cells a spreadsheet would run; WriteSavedResults never replaces a file.
#include "WorkstationTestSupport.h"

#include "platedesk/common/Hash.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/ResultsFileName.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <numeric>
#include <sstream>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {

struct ResultsFixture : AgencyFixture {
  nlohmann::json Last() { return nlohmann::json::parse(LastRecord()); }
  search::Query Query() const {
    search::Query q;
    q.plate = "ABC12?";
    q.states = {"WA", "OR"};
    return q;
  }
  /// Signs the detective in and runs Query() under `context`: the rows a save may take.
  std::unique_ptr<Session> Searched(const AccessContext& context) {
    auto s = Detective();
    auto found = s->Search(context, Query());
    BOOST_REQUIRE_MESSAGE(found.Ok(), (found.Ok() ? "" : found.Err().ToString()));
    BOOST_REQUIRE(found->result.hits.size() == 3u);
    return s;
  }
};

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(SessionResultsTest, ResultsFixture)

BOOST_AUTO_TEST_CASE(SavedResultsAreRecordedWithTheQueryTheReadsAndTheFilesDigest) {
  {
    // A camera named like a formula: the file must not run it in a spreadsheet.
    auto storage = store::Storage::Open(dir, clock).Value();
    BOOST_REQUIRE(storage->RenameCamera(1, "=HYPERLINK(\"http://x\")").Ok());
  }
  auto s = Searched(Context());
  const std::vector<store::ReadId> shown{reads[2], reads[0], reads[2]};
  auto saved = s->SaveResults(Context(), Query(), shown, "csv");
  BOOST_REQUIRE_MESSAGE(saved.Ok(), (saved.Ok() ? "" : saved.Err().ToString()));
  BOOST_TEST(saved->reads == 2u);  // the duplicate once
  BOOST_TEST(saved->fileName == "platedesk-results-26-004512.csv");
  std::istringstream lines(saved->bytes);
  std::string header, first, second, extra;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  BOOST_TEST(!std::getline(lines, extra));
  BOOST_TEST(header.rfind("read_id,time_utc,camera,plate,state,confidence,low_confidence,color,make,model,body,case",
                          0) == 0u);
  BOOST_TEST(first.rfind(std::to_string(reads[2]) + ",", 0) == 0u);  // in the order shown
  BOOST_TEST(second.rfind(std::to_string(reads[0]) + ",", 0) == 0u);
  BOOST_TEST(first.find("'=HYPERLINK") != std::string::npos, first);  // neutralised
  BOOST_TEST(first.find(",ABC122,WA,90.0,no,") != std::string::npos, first);

  const auto record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "results.saved");
  BOOST_TEST(record["case"].get<std::string>() == "26-004512");
  BOOST_TEST(record["purpose_code"].get<std::string>() == "INV-PROPERTY");
  BOOST_TEST(record["query"]["plate"].get<std::string>() == "ABC12?");
  BOOST_TEST(record["query"]["states"].get<std::string>() == "WA,OR");
  BOOST_TEST(record["result_count"].get<int>() == 2);
  BOOST_TEST(record["details"]["format"].get<std::string>() == "csv");
  BOOST_TEST(record["details"]["file_sha256"].get<std::string>() == Sha256Hex(saved->bytes));
  const auto objects = record["objects"].dump();
  BOOST_TEST(objects.find("read:" + std::to_string(reads[0])) != std::string::npos);
  BOOST_TEST(objects.find("read:" + std::to_string(reads[1])) == std::string::npos);

  // The file: readable by its owner only, never over another file.
  const fs::path file = folder.Path() / saved->fileName;
  BOOST_REQUIRE(WriteSavedResults(*saved, file).Ok());
  BOOST_TEST(FileBytes(file) == saved->bytes);
#ifndef _WIN32
  BOOST_TEST(((fs::status(file).permissions() & fs::perms::others_read) == fs::perms::none));
#endif
  auto again = WriteSavedResults(*saved, file);
  BOOST_REQUIRE(!again.Ok());
  BOOST_TEST((again.Err().code == ErrorCode::AlreadyExists));
  BOOST_TEST(FileBytes(file) == saved->bytes);  // untouched
}

BOOST_AUTO_TEST_CASE(TheFileNameKeepsOnlyCharactersAFileNameMayHold) {
  // What the save and the search panel's dialog offer, whatever the agency's case format allows.
  BOOST_TEST(ResultsFileName("26-004512", "csv") == "platedesk-results-26-004512.csv");
  BOOST_TEST(ResultsFileName("2026/12:34 A_b", "pdf") == "platedesk-results-2026-12-34-A_b.pdf");
  BOOST_TEST(ResultsFileName("../x", "csv") == "platedesk-results----x.csv");
  BOOST_TEST(ResultsFileName("", "csv") == "platedesk-results-.csv");
}

BOOST_AUTO_TEST_CASE(SavedAsAPdfToPrintUnderTheSameRecord) {
  auto s = Searched(Context());
  const std::vector<store::ReadId> shown{reads[0], reads[2]};
  auto other = s->SaveResults(Context(), Query(), shown, "xlsx");
  BOOST_TEST((!other.Ok() && other.Err().code == ErrorCode::InvalidArgument));
  auto saved = s->SaveResults(Context(), Query(), shown, "pdf");
  BOOST_REQUIRE_MESSAGE(saved.Ok(), (saved.Ok() ? "" : saved.Err().ToString()));
  BOOST_TEST(saved->fileName == "platedesk-results-26-004512.pdf");
  BOOST_TEST(saved->reads == 2u);
  BOOST_TEST(saved->bytes.rfind("%PDF-", 0) == 0u);
  BOOST_TEST(saved->bytes.size() > 1000u);
  const auto record = Last();
  BOOST_TEST(record["event"].get<std::string>() == "results.saved");
  BOOST_TEST(record["details"]["format"].get<std::string>() == "pdf");
  BOOST_TEST(record["details"]["file_sha256"].get<std::string>() == Sha256Hex(saved->bytes));
  BOOST_TEST(record["result_count"].get<int>() == 2);
  // A PDF is for printing: more reads than kMaxPrintedResults go to a CSV instead.
  std::vector<store::ReadId> many(kMaxPrintedResults + 1);
  std::iota(many.begin(), many.end(), store::ReadId{1});
  auto tooMany = s->SaveResults(Context(), Query(), many, "pdf");
  BOOST_REQUIRE(!tooMany.Ok());
  BOOST_TEST((tooMany.Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST(tooMany.Err().message.find("CSV") != std::string::npos, tooMany.Err().message);
}

BOOST_AUTO_TEST_CASE(OnlyTheRowsOfASearchRunUnderTheSameContextAndQueryAreSaved) {
  // Nothing searched: nothing to save, whatever ids are sent; the refusal is recorded.
  auto fresh = Detective();
  auto unsearched = fresh->SaveResults(Context(), Query(), ReadIds(), "csv");
  BOOST_REQUIRE(!unsearched.Ok());
  BOOST_TEST((unsearched.Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(Last()["event"].get<std::string>() == "access.refused");
  BOOST_TEST(Last()["details"]["action"].get<std::string>() == "save results");

  auto s = Searched(Context());
  // Another query than the one searched (a broader one would dodge the search's rules).
  search::Query broader = Query();
  broader.states.clear();
  BOOST_TEST((s->SaveResults(Context(), broader, ReadIds(), "csv").Err().code == ErrorCode::PermissionDenied));
  // Another justification than the search's.
  BOOST_TEST((s->SaveResults(Context("26-004512", "INV-PROPERTY", "Another reason for the same rows"), Query(),
                             ReadIds(), "csv")
                  .Err()
                  .code == ErrorCode::PermissionDenied));
  // A read the search did not deliver.
  const std::vector<store::ReadId> extra{reads[0], 999999};
  BOOST_TEST((s->SaveResults(Context(), Query(), extra, "csv").Err().code == ErrorCode::PermissionDenied));
  // Another session did not run it.
  BOOST_TEST(
      (Detective()->SaveResults(Context(), Query(), ReadIds(), "csv").Err().code == ErrorCode::PermissionDenied));
  BOOST_TEST(s->SaveResults(Context(), Query(), ReadIds(), "csv").Ok());
}

BOOST_AUTO_TEST_CASE(AContextTheRulesRefuseSavesNothingAndTheRefusalIsRecorded) {
  auto s = Detective();
  auto refused = s->SaveResults(Context("26-004512", "INV-PROPERTY", "check immigration status of driver"), Query(),
                                ReadIds(), "csv");
  BOOST_REQUIRE(!refused.Ok());
  BOOST_TEST((refused.Err().detail == ErrorDetail::ProhibitedUseNamed));
  BOOST_TEST(Last()["event"].get<std::string>() == "access.refused");
  BOOST_TEST(Last()["details"]["action"].get<std::string>() == "save results");
  auto auditor = Login("j.lind", kAuditorPassword);
  BOOST_TEST(
      (auditor->SaveResults(Context(), Query(), ReadIds(), "csv").Err().detail == ErrorDetail::RoleHasNoPlateData));
}

BOOST_AUTO_TEST_CASE(NothingToSaveAnotherFormatOrTooManyIsRefusedBeforeTheRecord) {
  auto s = Searched(Context());
  const std::size_t before = AllRecords().size();
  BOOST_TEST((s->SaveResults(Context(), Query(), {}, "csv").Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((s->SaveResults(Context(), Query(), ReadIds(), "xlsx").Err().code == ErrorCode::InvalidArgument));
  std::vector<store::ReadId> tooMany(kMaxSavedResults + 1);
  for (std::size_t i = 0; i < tooMany.size(); ++i) tooMany[i] = static_cast<store::ReadId>(i + 1);
  BOOST_TEST((s->SaveResults(Context(), Query(), tooMany, "csv").Err().code == ErrorCode::InvalidArgument));
  for (std::size_t i = before; i < AllRecords().size(); ++i)
    BOOST_TEST(AllRecords()[i].event != "results.saved");  // nothing was saved, so nothing says so
}

BOOST_AUTO_TEST_SUITE_END()
