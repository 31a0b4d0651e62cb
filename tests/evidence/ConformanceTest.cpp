// SPDX-License-Identifier: GPL-3.0-or-later
// The Library of Congress BagIt conformance suite, with the verdicts its README gives: bags under
// valid/ must pass, invalid/ (and the OS-specific linux-only/ and windows-only/ folders, all
// out-of-scope paths) must fail, warning/ must pass with at least one warning. Run in
// --bagit-only mode (PlateDesk mode would refuse the older BagIt versions outright).
#include "platedesk/evidence/Bag.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;
using namespace platedesk::evidence;

BOOST_AUTO_TEST_SUITE(ConformanceTest)

BOOST_AUTO_TEST_CASE(library_of_congress_suite_verdicts) {
  const fs::path suite = PLATEDESK_BAGIT_SUITE;
  BOOST_REQUIRE(fs::is_directory(suite));
  std::size_t checked = 0;
  for (const auto& version : fs::directory_iterator(suite)) {
    if (!version.is_directory() || version.path().filename().string().rfind("v", 0) != 0) continue;
    for (const auto& kind : fs::directory_iterator(version.path())) {
      const std::string k = kind.path().filename().string();
      if (!kind.is_directory()) continue;
      BOOST_REQUIRE_MESSAGE(
          k == "valid" || k == "invalid" || k == "warning" || k == "linux-only" || k == "windows-only",
          "unknown suite folder " << kind.path());
      for (const auto& bag : fs::directory_iterator(kind.path())) {
        if (!bag.is_directory()) continue;
        const std::string name = version.path().filename().string() + "/" + k + "/" + bag.path().filename().string();
        auto report = ValidateBag(bag.path(), BagMode::BagItOnly);
        if (!report) BOOST_FAIL(name << ": " << report.Err().ToString());
        const std::string first = report->problems.empty() ? "" : report->problems.front();
        if (k == "valid") {
          BOOST_TEST(report->valid, name << " should be valid: " << first);
        } else if (k == "warning") {
          BOOST_TEST(report->valid, name << " should be valid (with a warning): " << first);
          // A warning about the oddity itself, not just the MD5 advice every old bag gets.
          std::size_t specific = 0;
          for (const auto& w : report->warnings) specific += w.find("advises against") == std::string::npos ? 1 : 0;
          BOOST_TEST(specific > 0u, name << " should give a warning");
        } else {
          BOOST_TEST(!report->valid, name << " should be invalid");
        }
        std::cout << (report->valid ? "valid   " : "invalid ") << name
                  << (report->valid ? (report->warnings.empty() ? "" : "  [warning: " + report->warnings.front() + "]")
                                    : "  [" + first + "]")
                  << "\n";
        ++checked;
      }
    }
  }
  BOOST_TEST(checked >= 50u);
}

BOOST_AUTO_TEST_SUITE_END()
