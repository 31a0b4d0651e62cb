// SPDX-License-Identifier: GPL-3.0-or-later
// The transparency report's rendering and its signature, on numbers made for it: hostile names are
// escaped in HTML and neutralised in CSV, every format says the period, and a published copy
// verifies only unchanged and only with the key that signed it.
#include "platedesk/audit/SignedNote.h"
#include "platedesk/common/Hash.h"
#include "platedesk/oversight/Transparency.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::oversight;

namespace {

TransparencyData Sample() {
  TransparencyData d;
  d.agency = "Demo City PD";
  d.from = UtcFromCivil(2026, 11, 1);
  d.to = UtcFromCivil(2026, 11, 4);
  d.generatedAt = UtcFromCivil(2026, 12, 1, 9);
  d.days = {"2026-11-01", "2026-11-02", "2026-11-03"};
  d.cameras = {
      {"<script>alert(1)</script>", "fixed", 7, {3, 4, 0}, d.from + kMsPerHour, d.from + 30 * kMsPerHour},
      {"=HYPERLINK(\"http://x\")", "mobile", 2, {0, 0, 2}, d.from + 50 * kMsPerHour, d.from + 51 * kMsPerHour}};
  d.totalReads = 9;
  d.fixedPlaces = {{"<script>alert(1)</script>", 47.6, -122.3, "Aurora & 85th", d.from - 90 * kMsPerDay, std::nullopt}};
  d.searchesRun = {{"Investigation of a property crime", 4}};
  d.searchesRefused = {{"Immigration enforcement", 1}};
  d.usersWithAccess = 5;
  d.usersTrained = 4;
  d.releasesByRecipientKind = {{"state", 1}};
  d.purges = 3;
  d.readsPurged = 120;
  d.readsHeld = 6;
  d.casesHolding = 2;
  d.allowedUses = {"Investigation of a property crime"};
  d.prohibitedUses = {"Immigration enforcement"};
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(TransparencyReport)

BOOST_AUTO_TEST_CASE(HostileNamesAreEscapedAndNeutralised) {
  auto html = TransparencyHtml(Sample());
  BOOST_TEST_REQUIRE(html.Ok());
  BOOST_TEST(html->find("<script>") == std::string::npos);
  BOOST_TEST(html->find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  BOOST_TEST(html->find("2026-11-01 to 2026-11-03") != std::string::npos);
  BOOST_TEST(html->find("<svg") != std::string::npos);
  BOOST_TEST(html->find("9 license plate reads by 2 cameras") != std::string::npos);
  BOOST_TEST(html->find("4 of them have current training") != std::string::npos);
  BOOST_TEST(html->find("None: PlateDesk compares reads against no hot list") != std::string::npos);
  const std::string csv = TransparencyCsv(Sample());
  BOOST_TEST(csv.find(",=HYPERLINK") == std::string::npos);  // a spreadsheet would run it
  BOOST_TEST(csv.find("HYPERLINK") != std::string::npos);
  BOOST_TEST(csv.find("reads,total,,9") != std::string::npos);
  BOOST_TEST(csv.find("retention,reads purged,,120") != std::string::npos);
  BOOST_TEST(csv.find("searches refused,Immigration enforcement,,1") != std::string::npos);
  auto pdf = TransparencyPdf(Sample());
  BOOST_TEST_REQUIRE(pdf.Ok());
  BOOST_TEST(pdf->rfind("%PDF", 0) == 0u);
  BOOST_TEST((ParseTransparencyFormat("pdf") == TransparencyFormat::Pdf));
  BOOST_TEST(!ParseTransparencyFormat("docx").has_value());
}

BOOST_AUTO_TEST_CASE(APublishedCopyVerifiesOnlyUnchangedAndOnlyWithItsKey) {
  auto signer = audit::NoteSigner::Generate("demo-city-evidence");
  auto other = audit::NoteSigner::Generate("someone-else");
  BOOST_TEST_REQUIRE(signer.Ok());
  BOOST_TEST_REQUIRE(other.Ok());
  const std::string file = TransparencyCsv(Sample());
  const std::string statement = TransparencyStatement(Sample(), TransparencyFormat::Csv, Sha256Hex(file));
  auto signature = signer->Sign(statement);
  BOOST_TEST_REQUIRE(signature.Ok());
  const std::vector<std::string> trusted{signer->Verifier().Encode()};

  auto ok = VerifyPublishedReport(file, *signature, trusted);
  BOOST_TEST_REQUIRE(ok.Ok());
  BOOST_TEST(ok->valid, ok->problem);
  BOOST_TEST(ok->statement.find("period 2026-11-01T00:00:00.000Z 2026-11-04T00:00:00.000Z") != std::string::npos);

  auto changed = VerifyPublishedReport(file + "x", *signature, trusted);
  BOOST_TEST_REQUIRE(changed.Ok());
  BOOST_TEST(!changed->valid);
  auto wrongKey = VerifyPublishedReport(file, *signature, {other->Verifier().Encode()});
  BOOST_TEST_REQUIRE(wrongKey.Ok());
  BOOST_TEST(!wrongKey->valid);
  auto garbage = VerifyPublishedReport(file, "not a note", trusted);
  BOOST_TEST_REQUIRE(garbage.Ok());
  BOOST_TEST(!garbage->valid);
  BOOST_TEST(!VerifyPublishedReport(file, *signature, {}).Ok());
  BOOST_TEST(!VerifyPublishedReport(file, *signature, {"not-a-key"}).Ok());
  // Any other statement the key signed (a package's) does not cover a report.
  BOOST_TEST(!StatementCoversFile("platedesk statement package x\nsha256 " + Sha256Hex(file) + "\n", Sha256Hex(file)));
}

BOOST_AUTO_TEST_SUITE_END()
