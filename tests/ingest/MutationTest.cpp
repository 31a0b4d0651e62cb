// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation testing of the record parsers: thousands of damaged variants of every
// fixture (bit flips, truncations, random bytes, deep nesting, huge numbers, wrong types) must
// each come back as records or errors, never as a crash, a hang or an exception.
#include "IngestTestSupport.h"

#include "platedesk/common/Hash.h"
#include "platedesk/ingest/ImageCheck.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/plate/Plate.h"

#include <boost/test/unit_test.hpp>

#include <random>

using namespace platedesk;
using namespace platedesk::ingest;
using namespace platedesk::ingest::testing;

namespace {

const std::vector<std::string> kFixtures = {"alpr_group_v1.json",
                                            "alpr_group_v2.json",
                                            "alpr_group_v3.json",
                                            "alpr_results_v2.json",
                                            "alprd_results_old.json",
                                            "alpr_cli.json",
                                            "alpr_alert.json",
                                            "heartbeat.json",
                                            "vehicle.json",
                                            "platerecognizer_webhook.json",
                                            "platerecognizer_snapshot.json",
                                            "platerecognizer_empty.json",
                                            "reads.csv",
                                            "reads.jsonl",
                                            "parkpow_unsupported.json",
                                            "genetec/read_with_images.json",
                                            "genetec/read_no_images.json",
                                            "axis/lpv_event.json",
                                            "axis/lpv_event_no_images.json",
                                            "survision/anpr_with_images.json",
                                            "survision/anpr_no_images.json",
                                            "survision/anpr_plate_entering.json"};

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : mRng(seed) {}

  std::string Mutate(std::string s) {
    const int rounds = 1 + Pick(3);
    for (int i = 0; i < rounds; ++i) s = Once(std::move(s));
    return s;
  }

 private:
  std::size_t Pick(std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(mRng); }
  char RandomByte() { return static_cast<char>(Pick(256)); }

  // A random value of a random JSON type (or junk).
  std::string RandomValue() {
    static const std::vector<std::string> kValues = {"null",
                                                     "true",
                                                     "false",
                                                     "0",
                                                     "-1",
                                                     "1e308",
                                                     "1e999",
                                                     "-1e999",
                                                     "123456789012345678901234567890",
                                                     "0.1e-400",
                                                     "\"\"",
                                                     "\"x\"",
                                                     "[]",
                                                     "{}",
                                                     "[[[[[[[]]]]]]]",
                                                     "{\"a\":{\"b\":{}}}",
                                                     "\"\\ud800\"",
                                                     "\"\xff\xfe\"",
                                                     "NaN",
                                                     "\"...base64 jpeg data...\"",
                                                     "\"/9j/4AAQ\"",
                                                     "\"" + std::string(100, 'A') + "\"",
                                                     "-0",
                                                     "1.5",
                                                     "[1,2,3]"};
    return kValues[Pick(kValues.size())];
  }

  std::string Once(std::string s) {
    if (s.empty()) return std::string(1 + Pick(8), RandomByte());
    switch (Pick(11)) {
      case 0: {  // bit flip
        const std::size_t at = Pick(s.size());
        s[at] = static_cast<char>(s[at] ^ (1 << Pick(8)));
        return s;
      }
      case 1:  // truncation
        return s.substr(0, Pick(s.size()));
      case 2: {  // random bytes inserted
        std::string junk;
        for (std::size_t n = 1 + Pick(16); n > 0; --n) junk.push_back(RandomByte());
        return s.insert(Pick(s.size()), junk);
      }
      case 3: {  // byte replaced by a structural character
        static const char kChars[] = "{}[]\",:\\\n\r 0-.eE";
        s[Pick(s.size())] = kChars[Pick(sizeof kChars - 1)];
        return s;
      }
      case 4: {  // deep nesting at a value position
        const std::size_t colon = s.find(':', Pick(s.size()));
        if (colon == std::string::npos) return s;
        const std::size_t depth = 1 + Pick(200);
        return s.insert(colon + 1, std::string(depth, '[') + "1" + std::string(depth, ']'));
      }
      case 5: {  // a value replaced by one of another type
        const std::size_t colon = s.find(':', Pick(s.size()));
        if (colon == std::string::npos) return s;
        std::size_t end = colon + 1;
        while (end < s.size() && s[end] != ',' && s[end] != '}' && s[end] != '\n') ++end;
        return s.replace(colon + 1, end - colon - 1, RandomValue());
      }
      case 6: {  // a segment duplicated (duplicate keys, repeated lines)
        const std::size_t a = Pick(s.size());
        const std::size_t len = Pick(std::min<std::size_t>(200, s.size() - a));
        return s.insert(Pick(s.size()), s.substr(a, len));
      }
      case 7: {  // a segment removed
        const std::size_t a = Pick(s.size());
        return s.erase(a, Pick(std::min<std::size_t>(64, s.size() - a)));
      }
      case 8: {  // a number made huge or a digit run made long
        const std::size_t at = s.find_first_of("0123456789", Pick(s.size()));
        if (at == std::string::npos) return s;
        return s.insert(at, Pick(2) ? std::string(1 + Pick(400), '9') : "1e" + std::to_string(Pick(100000)));
      }
      case 9:  // line structure damaged
        return s.insert(Pick(s.size()), Pick(2) ? "\n" : "\r\n\n");
      default: {  // wholly random input
        std::string r;
        for (std::size_t n = Pick(256); n > 0; --n) r.push_back(RandomByte());
        return r;
      }
    }
  }

  std::mt19937_64 mRng;
};

// Every outcome must be well-formed; returns a description of the first violation, or "".
std::string CheckRecord(const ParsedRecord& rec) {
  if (!rec.heardCameras.empty() && (rec.status != RecordStatus::Skipped || rec.sourceFormat != "openalpr-heartbeat"))
    return "heard cameras on a record that is not a heartbeat";
  if (rec.heardCameras.size() > kMaxHeardCameras) return "too many heard cameras";
  for (const std::string& c : rec.heardCameras)
    if (c.empty()) return "empty heard camera";
  switch (rec.status) {
    case RecordStatus::Parsed:
      if (rec.reads.empty()) return "parsed record without reads";
      for (const ParsedRead& pr : rec.reads) {
        const store::NewRead& r = pr.read;
        if (!plate::IsNormalisedPlate(r.plate)) return "bad plate '" + r.plate + "'";
        if (!(r.confidence >= 0 && r.confidence <= 100)) return "confidence out of range";
        if (r.sourceUuid.empty() || r.sourceFormat.empty()) return "missing source id";
        if (!IsSha256Hex(r.payloadSha256)) return "missing payload hash";
        if (pr.cameraExternalId.empty()) return "missing camera";
        if (!r.state.empty() && !plate::StateFromRegion(r.state)) return "bad state";
        for (const auto& c : r.candidates)
          if (!plate::IsNormalisedPlate(c.plate) || c.plate == r.plate || c.confidence < 0 || c.confidence > 100)
            return "bad candidate";
        if (r.directionDeg && (*r.directionDeg < 0 || *r.directionDeg > 360)) return "bad direction";
        if (r.latitude && (*r.latitude < -90 || *r.latitude > 90)) return "bad latitude";
        for (const auto* img : {&pr.plateImage, &pr.vehicleImage})
          if (!img->bytes.empty()) (void)CheckImage(img->bytes);  // must not crash either way
      }
      return {};
    case RecordStatus::Skipped:
    case RecordStatus::Rejected:
      if (rec.message.empty()) return "no reason given";
      if (!rec.reads.empty()) return "reads on a refused record";
      return {};
  }
  return "unknown status";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(MutationTest)

BOOST_AUTO_TEST_CASE(DamagedFixturesAlwaysGiveRecordsOrErrors) {
  constexpr int kPerFixture = 400;
  std::size_t parsed = 0;
  std::size_t refused = 0;
  std::size_t total = 0;
  std::string firstFailure;
  for (std::size_t f = 0; f < kFixtures.size(); ++f) {
    const std::string original = ReadFixture(kFixtures[f]);
    Mutator mutator(0x5eed0000 + f);
    for (int i = 0; i < kPerFixture; ++i) {
      const std::string input = mutator.Mutate(original);
      const std::string name = i % 3 == 0 ? "m.jsonl" : (i % 3 == 1 ? "m.json" : "m.csv");
      ++total;
      try {
        (void)ParseBuffer(input, name, TestOptions(), [&](ParsedRecord& rec) {
          const std::string problem = CheckRecord(rec);
          if (!problem.empty() && firstFailure.empty())
            firstFailure = kFixtures[f] + " mutation " + std::to_string(i) + ": " + problem;
          (rec.status == RecordStatus::Parsed ? parsed : refused) += 1;
        });
      } catch (const std::exception& e) {
        if (firstFailure.empty())
          firstFailure = kFixtures[f] + " mutation " + std::to_string(i) + " threw: " + e.what();
      }
    }
  }
  BOOST_TEST(firstFailure == "");
  BOOST_TEST(total == kFixtures.size() * kPerFixture);
  // The mutations must exercise both outcomes, or they test nothing.
  BOOST_TEST(parsed > 500u);
  BOOST_TEST(refused > 1000u);
}

BOOST_AUTO_TEST_CASE(DamagedImagesAreRefusedNotCrashed) {
  const std::string jpeg = MakeJpeg(96, 64);
  const std::string png = MakePng(40, 30);
  std::mt19937_64 rng(42);
  std::size_t accepted = 0;
  std::size_t refused = 0;
  for (int i = 0; i < 600; ++i) {
    std::string img = (i % 2 == 0) ? jpeg : png;
    const int kind = i % 3;
    if (kind == 0) {
      img[std::uniform_int_distribution<std::size_t>(0, img.size() - 1)(rng)] ^= static_cast<char>(1 << (i % 8));
    } else if (kind == 1) {
      img.resize(std::uniform_int_distribution<std::size_t>(0, img.size() - 1)(rng));
    } else {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, img.size() - 1)(rng);
      img[at] = static_cast<char>(rng());
      img[(at * 7) % img.size()] = static_cast<char>(rng());
    }
    const auto r = CheckImage(img);
    (r.Ok() ? accepted : refused) += 1;
    if (!r.Ok()) BOOST_TEST(!r.Err().message.empty());
  }
  BOOST_TEST(refused > 200u);  // every truncation must be refused
  BOOST_TEST(accepted + refused == 600u);
}

BOOST_AUTO_TEST_SUITE_END()
