// SPDX-License-Identifier: GPL-3.0-or-later
// The dissemination log as CSV (formula cells neutralised, quoting) and PDF.
#include "platedesk/dissemination/Log.h"

#include <boost/test/unit_test.hpp>

using namespace platedesk;
using namespace platedesk::dissemination;

namespace {

store::DisseminationRecord Record() {
  store::DisseminationRecord r;
  r.request.id = 3;
  r.request.agencyName = "King County Sheriff's Office";
  r.request.requesterName = "=HYPERLINK(\"http://evil.example\",\"x\")";
  r.request.requesterContact = "206-555-0101, a@b.example";
  r.request.caseNumber = "26-004512";
  r.request.asks = "line one\nline two";
  store::DisseminationRelease release;
  release.id = 1;
  release.packageSha256 = std::string(64, 'f');
  release.reads = {1, 2, 3};
  r.release = release;
  r.state = store::DisseminationState::ReceiptPending;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(DisseminationLog)

BOOST_AUTO_TEST_CASE(TheCsvHasAHeaderARowPerRequestAndNoFormulas) {
  const std::string csv = LogCsv({Record()});
  BOOST_TEST(csv.rfind("request,state,", 0) == 0u);
  BOOST_TEST(csv.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"") != std::string::npos, csv);
  BOOST_TEST(csv.find("\"line one\nline two\"") != std::string::npos);
  BOOST_TEST(csv.find(std::string(64, 'f')) != std::string::npos);
  BOOST_TEST(csv.find("receipt-pending") != std::string::npos);
  BOOST_TEST(LogRows({Record()}).front().size() == LogColumns().size());
}

BOOST_AUTO_TEST_CASE(ThePdfIsAPdf) {
  auto pdf = LogPdf({Record(), Record()}, "Demo City PD", "received 2026-11-01 to 2026-12-01");
  BOOST_TEST_REQUIRE(pdf.Ok());
  BOOST_TEST(pdf->rfind("%PDF-", 0) == 0u);
  BOOST_TEST(pdf->size() > 1000u);
  BOOST_TEST(LogPdf({}, "Demo City PD", "nothing").Ok());
}

BOOST_AUTO_TEST_SUITE_END()
