// SPDX-License-Identifier: GPL-3.0-or-later
// The search panel's live preview: the examples come from core's pattern and OCR table, and the
// search engine finds every one of them with the same options.
#include "WorkstationTestSupport.h"

#include "platedesk/search/OcrConfusions.h"
#include "platedesk/workstation/MisreadPreview.h"

#include <algorithm>
#include <set>

using namespace platedesk;
using namespace platedesk::workstation;
using namespace platedesk::workstation::test;

namespace {
bool Has(const MisreadPreview& p, const std::string& plate) {
  return std::any_of(p.examples.begin(), p.examples.end(), [&](const MisreadExample& e) { return e.plate == plate; });
}
}  // namespace

BOOST_AUTO_TEST_SUITE(MisreadPreviewTest)

BOOST_AUTO_TEST_CASE(OcrExamplesChangeOneCharacterToAConfusablePartner) {
  auto p = PreviewMisreads("abc-1234", true, 0);
  BOOST_REQUIRE(p.Ok());
  BOOST_TEST(p->sample == "ABC1234");
  BOOST_REQUIRE(!p->examples.empty());
  BOOST_TEST(Has(*p, "A8C1234"));
  for (const auto& e : p->examples) {
    BOOST_REQUIRE(e.plate.size() == 7u);
    BOOST_TEST(e.edits == 0);
    BOOST_REQUIRE(e.ocrPosition >= 0);
    const auto i = static_cast<std::size_t>(e.ocrPosition);
    BOOST_TEST(e.plate[i] != p->sample[i]);
    BOOST_TEST(search::OcrConfusions::Default().Equivalent(e.plate[i], p->sample[i]));
    BOOST_TEST(e.plate.substr(0, i) == p->sample.substr(0, i));
    BOOST_TEST(e.plate.substr(i + 1) == p->sample.substr(i + 1));
  }
}

BOOST_AUTO_TEST_CASE(WithoutToleranceNothingElseIsFound) {
  auto p = PreviewMisreads("ABC1234", false, 0);
  BOOST_REQUIRE(p.Ok());
  BOOST_TEST(p->examples.empty());
  BOOST_TEST(PreviewMisreads("*", true, 2)->examples.empty());
  BOOST_TEST(PreviewMisreads("", true, 2)->examples.empty());
}

BOOST_AUTO_TEST_CASE(OneEditAddsADroppedCharacter) {
  auto p = PreviewMisreads("ABC1234", false, 1);
  BOOST_REQUIRE(p.Ok());
  BOOST_TEST(Has(*p, "ABC124"));
  for (const auto& e : p->examples) BOOST_TEST(e.edits == 1);
}

BOOST_AUTO_TEST_CASE(WildcardsAreFilledAndExamplesMatchingAsTypedAreLeftOut) {
  auto p = PreviewMisreads("A?C1*", true, 1);
  BOOST_REQUIRE(p.Ok());
  BOOST_TEST(p->sample == "AXC1");
  for (const auto& e : p->examples) BOOST_TEST(e.plate != "AYC1");
  BOOST_TEST((PreviewMisreads("AB[C", true, 0).Err().code == ErrorCode::InvalidArgument));
  BOOST_TEST((PreviewMisreads("ABC", true, 3).Err().code == ErrorCode::InvalidArgument));
}

BOOST_FIXTURE_TEST_CASE(TheSearchEngineFindsEveryExampleWithTheSameOptions, AgencyFixture) {
  const std::pair<const char*, int> cases[] = {{"ABC1234", 0}, {"7353LOS", 1}, {"K[8B]X44", 2}};
  std::set<std::string> plates;
  std::vector<std::pair<std::string, int>> expected;
  for (const auto& [pattern, edits] : cases) {
    auto p = PreviewMisreads(pattern, true, edits);
    BOOST_REQUIRE(p.Ok());
    BOOST_REQUIRE(!p->examples.empty());
    for (const auto& e : p->examples) plates.insert(e.plate);
  }
  {
    auto storage = store::Storage::Open(dir, clock).Value();
    const auto cam = storage->Cameras().Value().at(0).id;
    int n = 0;
    for (const auto& plate : plates) {
      store::NewRead r;
      r.sourceFormat = "csv";
      r.sourceUuid = "preview-" + std::to_string(n++);
      r.capturedAt = clock.Now() - kMsPerHour;
      r.camera = cam;
      r.plateReported = r.plate = plate;
      r.confidence = 90;
      r.payloadSha256 = Sha256Hex(r.sourceUuid);
      BOOST_REQUIRE(storage->InsertRead(r).Ok());
    }
  }
  auto s = Detective();
  for (const auto& [pattern, edits] : cases) {
    auto p = PreviewMisreads(pattern, true, edits).Value();
    search::Query q;
    q.plate = pattern;
    q.maxEdits = edits;
    auto found = s->Search(Context(), q);
    BOOST_REQUIRE(found.Ok());
    std::set<std::string> got;
    for (const auto& h : found->result.hits) got.insert(h.plate);
    for (const auto& e : p.examples) BOOST_TEST(got.count(e.plate) == 1u, pattern << " should find " << e.plate);
  }
}

BOOST_AUTO_TEST_SUITE_END()
