// SPDX-License-Identifier: GPL-3.0-or-later
// `platedesk-cli agency` and `platedesk-cli dissemination` end to end on a demo storage: a written
// request, a supervisor's approval, the release through the evidence export, the receipt, a misread
// reported on a released read reaching the recipient as a notice, and the log as CSV and PDF; and
// the refusals, each audited. In the server pass the same commands go through platedesk-server.
#include "CliSupport.h"

#include "platedesk/common/Time.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <set>

namespace fs = std::filesystem;
using namespace platedesk;
using namespace platedesk::testsupport;

namespace {

const std::string kJustification = "Burglary series crossing into King County";

struct DisseminationCliFixture {
  TempFolder t;
  std::string dir = (t.Path() / "demo").string();
  fs::path media = t.Path() / "media";
  fs::path requestPdf = t.Path() / "request.pdf";
  fs::path mouPdf = t.Path() / "mou.pdf";

  DisseminationCliFixture() {
    auto r = RunCli("demo --storage " + ShellQuote(dir) + " --reads 300 --cameras 4 --days 2 --seed 13");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    fs::create_directories(media);
    std::ofstream(requestPdf, std::ios::binary) << "%PDF-1.4\n% written request from KCSO\n";
    std::ofstream(mouPdf, std::ios::binary) << "%PDF-1.4\n% sharing agreement\n";
  }
  ProcessResult As(const std::string& user, const std::string& password, const std::string& args) {
    return RunCli(args + " --storage " + ShellQuote(dir) + " --user " + user, {{"PLATEDESK_PASSWORD", password}});
  }
  ProcessResult Admin(const std::string& a) { return As("administrator", "Orca-Tide-Station-9", a); }
  ProcessResult Detective(const std::string& a) { return As("detective", "Blue-Heron-Pier-7", a); }
  ProcessResult Supervisor(const std::string& a) { return As("supervisor", "Cedar-Lantern-Ridge-3", a); }

  nlohmann::json Json(const ProcessResult& r) {
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    BOOST_TEST_REQUIRE(!j.is_discarded(), r.out);
    return j;
  }
  std::int64_t AddAgency(const std::string& args) {
    return Json(Admin("agency add --format json " + args))["id"].get<std::int64_t>();
  }
  ProcessResult Request(std::int64_t agency, const std::string& purpose = "INV-PROPERTY") {
    return Detective("dissemination request --format json --agency " + std::to_string(agency) + " --requester " +
                     ShellQuote("Det. Ana Ruiz") + " --title Detective --contact " + ShellQuote("206-555-0101") +
                     " --their-case KC-26-1182 --case 26-004512 --purpose " + purpose + " --justification " +
                     ShellQuote(kJustification) + " --authority " + ShellQuote("RCW 10.97.050") + " --asks " +
                     ShellQuote("reads 1 to 3") + " --document " + ShellQuote(requestPdf.string()));
  }
  std::string Release(std::int64_t id) {
    return "dissemination release " + std::to_string(id) + " --reads 1,2,3 --to " + ShellQuote(media.string()) +
           " --encrypt --method media --media-label USB-0042 --received-by " + ShellQuote("Det. Ana Ruiz");
  }
  std::size_t Events(const std::string& event) {
    auto j = Json(Supervisor("audit list --format json --event " + event));
    return j.size();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(DisseminationCli, DisseminationCliFixture)

BOOST_AUTO_TEST_CASE(TheWholeFlowFromWrittenRequestToCorrectionNotice) {
  const auto kcso = AddAgency("--name " + ShellQuote("King County Sheriff") + " --kind local --state WA --ori " +
                              "WA0170000 --mou-file " + ShellQuote(mouPdf.string()) + " --mou-expires 2099-12-31");
  auto list = Json(Detective("agency list --format json"));
  BOOST_TEST_REQUIRE(list.size() == 1u);
  BOOST_TEST(list[0]["mou_in_force"] == true);
  BOOST_TEST(list[0]["id"] == kcso);

  auto request = Json(Request(kcso));
  const std::int64_t id = request["id"].get<std::int64_t>();
  BOOST_TEST(request["request"]["id"] == id);
  BOOST_TEST(request["state"] == "received");
  BOOST_TEST(request["request"]["agencyName"] == "King County Sheriff");
  BOOST_TEST(request["request"]["documentSha256"].get<std::string>().size() == 64u);

  auto approved = Json(Supervisor("dissemination review " + std::to_string(id) + " --approve --reason " +
                                  ShellQuote("MOU in force") + " --format json"));
  BOOST_TEST(approved["state"] == "approved");
  BOOST_TEST(approved["reviews"][0]["reviewer"] == "supervisor");

  auto released = Supervisor(Release(id));
  BOOST_TEST_REQUIRE(released.exitCode == 0, released.out + released.err);
  BOOST_TEST(released.out.find("release: ") != std::string::npos, released.out);
  BOOST_TEST(released.out.find("passphrase: ") != std::string::npos);

  auto receipted = Json(Supervisor("dissemination receipt " + std::to_string(id) + " --signed-by " +
                                   ShellQuote("Det. Ana Ruiz") + " --format json"));
  BOOST_TEST(receipted["state"] == "released");
  BOOST_TEST(receipted["release"]["reads"].size() == 3u);
  BOOST_TEST(receipted["release"]["packageSha256"].get<std::string>().size() == 64u);

  auto corrected = Detective("read correct 2 --plate ZZZ999 --reason " + ShellQuote("the images show ZZZ999") +
                             " --case 26-004512 --purpose INV-PROPERTY --justification " + ShellQuote(kJustification));
  BOOST_TEST_REQUIRE(corrected.exitCode == 0, corrected.err);
  auto open = Json(Supervisor("dissemination notices --open --format json"));
  BOOST_TEST_REQUIRE(open.size() == 1u);
  BOOST_TEST(open[0]["agency"] == "King County Sheriff");
  BOOST_TEST(open[0]["read"] == 2);
  BOOST_TEST(open[0]["change"].get<std::string>().find("ZZZ999") != std::string::npos);
  const auto notice = open[0]["id"].get<std::int64_t>();
  auto sent = Json(Supervisor("dissemination notice-sent " + std::to_string(notice) + " --method " +
                              ShellQuote("e-mail to Det. Ruiz") + " --format json"));
  BOOST_TEST(sent["sent_by"] == "supervisor");
  BOOST_TEST(Json(Supervisor("dissemination notices --open --format json")).empty());

  // The log as CSV and PDF, with the package hash.
  const fs::path csv = t.Path() / "log.csv";
  const fs::path pdf = t.Path() / "log.pdf";
  BOOST_TEST(
      Supervisor("dissemination log --from 2000-01-01 --to 2100-01-01 --out " + ShellQuote(csv.string())).exitCode ==
      0);
  BOOST_TEST(
      Supervisor("dissemination log --from 2000-01-01 --to 2100-01-01 --out " + ShellQuote(pdf.string())).exitCode ==
      0);
  auto csvText = ReadFile(csv);
  BOOST_TEST_REQUIRE(csvText.Ok());
  BOOST_TEST(csvText->find(receipted["release"]["packageSha256"].get<std::string>()) != std::string::npos);
  BOOST_TEST(csvText->find("King County Sheriff") != std::string::npos);
  auto pdfText = ReadFile(pdf);
  BOOST_TEST_REQUIRE(pdfText.Ok());
  BOOST_TEST(pdfText->rfind("%PDF-", 0) == 0u);

  for (const char* event :
       {"dissemination.request", "dissemination.review", "dissemination.release", "dissemination.receipt"})
    BOOST_TEST(Events(event) == 1u, event);
  BOOST_TEST(Events("dissemination.notice") == 2u);
}

BOOST_AUTO_TEST_CASE(RefusalsAreRefusedAndAudited) {
  const auto kcso = AddAgency("--name KCSO --kind local --state WA --mou-file " + ShellQuote(mouPdf.string()));
  const auto expired = AddAgency("--name " + ShellQuote("Old Partner PD") + " --kind local --state WA --mou-file " +
                                 ShellQuote(mouPdf.string()) + " --mou-expires 2001-01-01");
  const auto noMou = AddAgency("--name " + ShellQuote("Pierce County Sheriff") + " --kind local --state WA");
  const auto insurer = AddAgency("--name " + ShellQuote("Acme Insurance") + " --kind non-law-enforcement --state WA");

  // A recipient an agency rule refuses: no MOU, an expired MOU.
  auto none = Request(noMou);
  BOOST_TEST(none.exitCode == 1);
  BOOST_TEST(none.err.find("mou-required") != std::string::npos, none.err);
  auto old = Request(expired);
  BOOST_TEST(old.exitCode == 1);
  BOOST_TEST(old.err.find("expired") != std::string::npos, old.err);
  // A prohibited purpose (refused by the same gate as searches).
  BOOST_TEST(Request(kcso, "PROHIB-IMMIGRATION").exitCode == 1);

  // Release without approval; approval by a detective.
  const auto id = Json(Request(kcso))["request"]["id"].get<std::int64_t>();
  auto early = Supervisor(Release(id));
  BOOST_TEST(early.exitCode == 1);
  BOOST_TEST(early.err.find("only an approved request") != std::string::npos, early.err);
  BOOST_TEST(fs::is_empty(media));
  BOOST_TEST(Detective("dissemination review " + std::to_string(id) + " --approve --reason ok").exitCode == 1);

  // A non-law-enforcement requester is recorded and referred, never approved.
  auto referred = Json(Request(insurer));
  BOOST_TEST(referred["state"] == "referred");
  auto approveReferred = Supervisor("dissemination review " + std::to_string(referred["request"]["id"].get<int>()) +
                                    " --approve --reason ok");
  BOOST_TEST(approveReferred.exitCode == 1);
  BOOST_TEST(approveReferred.err.find("records/legal") != std::string::npos, approveReferred.err);

  // An export naming an outside recipient without a release.
  auto outside = Detective("export --media-label USB-0042 --to " + ShellQuote(media.string()) +
                           " --no-encrypt --reads 1 --recipient " + ShellQuote("FBI Seattle") +
                           " --case 26-004512 --purpose INV-PROPERTY --justification " + ShellQuote(kJustification));
  BOOST_TEST(outside.exitCode == 1);
  BOOST_TEST(outside.err.find("approved dissemination request") != std::string::npos, outside.err);
  BOOST_TEST(fs::is_empty(media));

  // The supervisor who entered a request does not approve it.
  auto own = Json(Supervisor("dissemination request --format json --agency " + std::to_string(kcso) +
                             " --requester X --contact Y --case 26-004512 --purpose INV-PROPERTY --justification " +
                             ShellQuote(kJustification) + " --authority Z --asks W --document " +
                             ShellQuote(requestPdf.string())));
  auto self =
      Supervisor("dissemination review " + std::to_string(own["request"]["id"].get<int>()) + " --approve --reason ok");
  BOOST_TEST(self.exitCode == 1);

  BOOST_TEST(Events("dissemination.refused") == 7u);
  // Usage errors exit 2.
  BOOST_TEST(Supervisor("dissemination review " + std::to_string(id) + " --approve --deny --reason x").exitCode == 2);
  BOOST_TEST(Supervisor("dissemination frobnicate").exitCode == 2);
  BOOST_TEST(Admin("agency add --name X --kind alien --state WA").exitCode == 2);
}

BOOST_AUTO_TEST_CASE(ADocumentThatIsNoPdfOrImageIsRefusedAndNothingIsStored) {
  const auto kcso = AddAgency("--name KCSO --kind local --state WA --mou-file " + ShellQuote(mouPdf.string()));
  std::ofstream(requestPdf, std::ios::binary | std::ios::trunc) << "#!/bin/sh\nrm -rf /\n";
  auto r = Request(kcso);
  BOOST_TEST(r.exitCode == 1);
  BOOST_TEST(r.err.find("PDF or an image") != std::string::npos, r.err);
  BOOST_TEST(Json(Supervisor("dissemination list --format json")).empty());
}

BOOST_AUTO_TEST_CASE(TheDemoWithActivityHasAMonthOfRequestsInEveryState) {
  TempFolder own;
  const std::string demo = (own.Path() / "demo").string();
  auto made = RunCli("demo --storage " + ShellQuote(demo) + " --reads 2000 --cameras 4 --days 30 --seed 3 --activity");
  BOOST_TEST_REQUIRE(made.exitCode == 0, made.out + made.err);
  BOOST_TEST(made.out.find("A month of activity") != std::string::npos, made.out);
  auto list = RunCli("dissemination list --format json --storage " + ShellQuote(demo) + " --user supervisor",
                     {{"PLATEDESK_PASSWORD", "Cedar-Lantern-Ridge-3"}});
  auto records = Json(list);
  std::set<std::string> states;
  platedesk::UtcMs first = 0, last = 0;
  for (const auto& r : records) {
    states.insert(r["state"].get<std::string>());
    const platedesk::UtcMs received = r["request"]["receivedAt"].get<platedesk::UtcMs>();
    first = first == 0 ? received : std::min(first, received);
    last = std::max(last, received);
  }
  for (const char* s : {"released", "receipt-pending", "denied", "referred", "second-approval"})
    BOOST_TEST(states.contains(s), s);
  BOOST_TEST(last - first >= 10 * kMsPerDay);  // spread over the month, not made in one instant
  BOOST_TEST(last <= SystemClock().Now());     // nothing in the future
  auto open = RunCli("dissemination notices --open --format json --storage " + ShellQuote(demo) + " --user supervisor",
                     {{"PLATEDESK_PASSWORD", "Cedar-Lantern-Ridge-3"}});
  BOOST_TEST(!Json(open).empty());
  // The Review page is not empty on first look: the month raises several kinds of flag.
  const platedesk::UtcMs now = platedesk::SystemClock().Now();
  auto flags =
      Json(RunCli("review flags --format json --from " + platedesk::FormatIso8601(now - 31 * platedesk::kMsPerDay) +
                      " --to " + platedesk::FormatIso8601(now + platedesk::kMsPerDay) + " --storage " +
                      ShellQuote(demo) + " --user supervisor",
                  {{"PLATEDESK_PASSWORD", "Cedar-Lantern-Ridge-3"}}));
  std::set<std::string> kinds;
  for (const auto& f : flags) kinds.insert(f["flag"].get<std::string>());
  for (const char* k : {"unregistered-case", "refused", "failed-sign-in", "broad-search", "shared-plate",
                        "repeated-justification", "after-hours", "exported-unverified"})
    BOOST_TEST(kinds.contains(k), k);
  // The approval queue has a request approved (for hours, long over by now), a denied and a waiting one.
  std::set<std::string> approvalStates;
  for (const auto& a : Json(RunCli("approval list --format json --storage " + ShellQuote(demo) + " --user supervisor",
                                   {{"PLATEDESK_PASSWORD", "Cedar-Lantern-Ridge-3"}})))
    approvalStates.insert(a["state"].get<std::string>());
  BOOST_TEST((approvalStates == std::set<std::string>{"expired", "denied", "pending"}));
  // The month went through the facade: the audit log holds it and verifies.
  auto verify = RunCli("audit verify --storage " + ShellQuote(demo));
  BOOST_TEST(verify.out.find("INTACT") != std::string::npos, verify.out + verify.err);
}

BOOST_AUTO_TEST_CASE(ReviewFlagsComeFromTheLogForSupervisorsOnly) {
  auto search = Detective("search --plate ABC123 --case 26-777777 --purpose INV-PROPERTY --justification " +
                          ShellQuote(kJustification));
  BOOST_TEST_REQUIRE(search.exitCode == 0, search.err);
  auto refused = Detective("search --plate ABC123 --case 26-004512 --purpose PROHIB-IMMIGRATION --justification " +
                           ShellQuote(kJustification));
  BOOST_TEST(refused.exitCode == 1);
  const platedesk::UtcMs now = platedesk::SystemClock().Now();
  const std::string period = " --from " + platedesk::FormatIso8601(now - platedesk::kMsPerDay) + " --to " +
                             platedesk::FormatIso8601(now + platedesk::kMsPerDay) + " --format json";
  auto flags = Json(Supervisor("review flags" + period));
  std::set<std::string> kinds;
  for (const auto& f : flags) {
    kinds.insert(f["flag"].get<std::string>());
    BOOST_TEST(f["seq"].is_number_unsigned());
  }
  BOOST_TEST(kinds.contains("unregistered-case"));
  BOOST_TEST(kinds.contains("refused"));
  auto only = Json(Supervisor("review flags --flag refused" + period));
  BOOST_TEST_REQUIRE(only.size() == 1u);
  BOOST_TEST(only[0]["reason"].get<std::string>().find("Immigration") != std::string::npos);
  BOOST_TEST(only[0]["user"] == "detective");
  // One flagged record marked reviewed with a note.
  const std::string seq = std::to_string(only[0]["seq"].get<std::uint64_t>());
  BOOST_TEST(Supervisor("review note " + seq).exitCode == 2);  // a note says what was found
  BOOST_TEST(Detective("review note " + seq + " --note seen").exitCode == 1);
  auto noted = Json(Supervisor("review note " + seq + " --format json --note " +
                               ShellQuote("Asked the detective: a wrong purpose picked, re-run correctly")));
  BOOST_TEST(noted["seq"].get<std::uint64_t>() == only[0]["seq"].get<std::uint64_t>());
  auto notes = Json(Supervisor("review notes --format json"));
  BOOST_TEST_REQUIRE(notes.size() == 1u);
  BOOST_TEST(notes[0]["reviewer"] == "supervisor");
  BOOST_TEST(Supervisor("review note 999999 --note " + ShellQuote("no such record")).exitCode == 1);
  BOOST_TEST(Detective("review flags" + period).exitCode == 1);  // not for detectives
  BOOST_TEST(Supervisor("review flags --flag nosy" + period).exitCode == 2);
  BOOST_TEST(Admin("config set review_hours 19-07").exitCode == 1);  // refused before it is stored
  BOOST_TEST(Admin("config set review_hours 06-20").exitCode == 0);
  // config list: every key with its value, `set` a real boolean; administrators and auditors only.
  auto settings = Json(Admin("config list --format json"));
  bool sawHours = false;
  for (const auto& row : settings) {
    BOOST_TEST(row["set"].is_boolean());
    if (row["key"] == "review_hours") {
      sawHours = true;
      BOOST_TEST(row["value"] == "06-20");
      BOOST_TEST(row["set"].get<bool>());
    }
    if (row["key"] == "map_tiles") BOOST_TEST(!row["set"].get<bool>());
  }
  BOOST_TEST(sawHours);
  BOOST_TEST(As("auditor", "Maple-Ledger-Quill-5", "config list").exitCode == 0);
  BOOST_TEST(Detective("config list").exitCode == 1);
  BOOST_TEST(Admin("config list everything").exitCode == 2);

  // The counts behind the charts: the detective's two searches (the refused one apart), as numbers.
  auto activity = Json(Supervisor("review activity" + period));
  std::uint64_t searches = 0, refusedSearches = 0, purposes = 0;
  for (const auto& row : activity) {
    BOOST_TEST(row["count"].is_number_unsigned());
    const auto n = row["count"].get<std::uint64_t>();
    if (row["series"] == "searches") {
      BOOST_TEST(row["name"] == "detective");
      searches += n;
    }
    if (row["series"] == "refused-searches") refusedSearches += n;
    if (row["series"] == "purpose") purposes += n;
  }
  BOOST_TEST(searches == 1u);
  BOOST_TEST(refusedSearches == 1u);
  BOOST_TEST(purposes == 1u);
  BOOST_TEST(Detective("review activity" + period).exitCode == 1);
  // The charts themselves as SVG files, never over an earlier copy.
  const fs::path charts = t.Path() / "charts";
  fs::create_directories(charts);
  auto drawn = Supervisor("review activity" + period + " --charts " + ShellQuote(charts.string()));
  BOOST_TEST_REQUIRE(drawn.exitCode == 0, drawn.err);
  std::size_t svgs = 0;
  for (const auto& entry : fs::directory_iterator(charts)) {
    BOOST_TEST(drawn.out.find(entry.path().string()) != std::string::npos);
    BOOST_TEST(ReadFile(entry.path())->find("<svg") != std::string::npos);
    ++svgs;
  }
  BOOST_TEST(svgs == 4u);
  BOOST_TEST(Supervisor("review activity" + period + " --charts " + ShellQuote(charts.string())).exitCode == 1);
  BOOST_TEST(Supervisor("review activity" + period + " --charts " + ShellQuote((charts / "none").string())).exitCode ==
             2);

  // The weekly sign-off writes its report as PDF and CSV, both carrying the checkpoint.
  const std::string range = " --from " + platedesk::FormatIso8601(now - platedesk::kMsPerDay) + " --to " +
                            platedesk::FormatIso8601(now + platedesk::kMsPerDay);
  const fs::path out = t.Path() / "reports";
  fs::create_directories(out);
  auto signedOff = Supervisor("review sign-off" + range + " --note " + ShellQuote("Typo in one case number") +
                              " --out " + ShellQuote(out.string()));
  BOOST_TEST_REQUIRE(signedOff.exitCode == 0, signedOff.out + signedOff.err);
  fs::path pdf, csv;
  for (const auto& entry : fs::directory_iterator(out)) (entry.path().extension() == ".pdf" ? pdf : csv) = entry.path();
  BOOST_TEST_REQUIRE(!pdf.empty());
  BOOST_TEST_REQUIRE(!csv.empty());
  BOOST_TEST(signedOff.out.find(pdf.string()) != std::string::npos, signedOff.out);
  BOOST_TEST(ReadFile(pdf)->rfind("%PDF-", 0) == 0u);
  // The activity charts follow the flags' summary: the report runs past its first page.
  const std::string pdfText = *ReadFile(pdf);
  std::size_t pages = 0;
  for (auto at = pdfText.find("/Type /Page %"); at != std::string::npos; at = pdfText.find("/Type /Page %", at + 1))
    ++pages;
  BOOST_TEST(pages >= 2u);
  const std::string csvText = *ReadFile(csv);
  BOOST_TEST(csvText.find("unregistered-case") != std::string::npos);
  BOOST_TEST(csvText.find("Typo in one case number") != std::string::npos);
  auto list = Json(Supervisor("review sign-offs --format json"));
  BOOST_TEST_REQUIRE(list.size() == 1u);
  BOOST_TEST(list[0]["flags"].is_number_unsigned());
  BOOST_TEST(csvText.find("\"" + std::string("platedesk")) != std::string::npos);  // the checkpoint's note
  BOOST_TEST(Supervisor("review sign-off" + range + " --out " + ShellQuote(out.string())).exitCode == 2);  // no note
}

BOOST_AUTO_TEST_SUITE_END()
