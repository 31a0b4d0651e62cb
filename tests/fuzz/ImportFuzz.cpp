// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the camera-file parsers: feeds arbitrary bytes to the file reader (as a
// JSON document, JSON Lines and CSV), checks that every outcome is well-formed, and checks the
// JSON parser's accept/reject decision against nlohmann::json. Needs no database.
#include "Json.h"

#include "platedesk/common/Hash.h"
#include "platedesk/ingest/ImageCheck.h"
#include "platedesk/ingest/Records.h"
#include "platedesk/plate/Plate.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace platedesk;
using namespace platedesk::ingest;

namespace {

[[noreturn]] void Violation(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz invariant violated: %s %s\n", what, detail.c_str());
  std::abort();
}

void CheckRecord(const ParsedRecord& rec) {
  if (rec.status == RecordStatus::Parsed) {
    if (rec.reads.empty()) Violation("parsed record without reads");
    for (const ParsedRead& pr : rec.reads) {
      const store::NewRead& r = pr.read;
      if (!plate::IsNormalisedPlate(r.plate)) Violation("bad plate", r.plate);
      if (!(r.confidence >= 0 && r.confidence <= 100)) Violation("confidence out of range");
      if (r.sourceUuid.empty() || r.sourceFormat.empty() || pr.cameraExternalId.empty()) Violation("missing id");
      if (!IsSha256Hex(r.payloadSha256)) Violation("missing payload hash");
      if (!r.state.empty() && !plate::StateFromRegion(r.state)) Violation("bad state", r.state);
      for (const auto& c : r.candidates)
        if (!plate::IsNormalisedPlate(c.plate) || c.plate == r.plate || !(c.confidence >= 0 && c.confidence <= 100))
          Violation("bad candidate", c.plate);
      for (const auto* list : {&r.vehicle.color, &r.vehicle.make, &r.vehicle.model, &r.vehicle.body, &r.vehicle.year})
        for (const auto& v : *list)
          if (v.value.empty() || !(v.confidence >= 0 && v.confidence <= 100)) Violation("bad attribute");
      if (r.directionDeg && !(*r.directionDeg >= 0 && *r.directionDeg <= 360)) Violation("bad direction");
      if (r.latitude && !(*r.latitude >= -90 && *r.latitude <= 90)) Violation("bad latitude");
      if (r.longitude && !(*r.longitude >= -180 && *r.longitude <= 180)) Violation("bad longitude");
      for (const auto* img : {&pr.plateImage, &pr.vehicleImage})
        if (!img->bytes.empty()) (void)CheckImage(img->bytes);
    }
  } else {
    if (rec.message.empty()) Violation("refused record without a reason");
    if (!rec.reads.empty()) Violation("refused record with reads");
  }
}

// Our strict parser must accept exactly what nlohmann accepts, except where it is deliberately
// stricter (duplicate keys, nesting and size limits), the input starts with a BOM (nlohmann
// skips one; the file reader strips it before parsing) or holds a NUL byte (nlohmann takes it
// for the end of the input and ignores what follows; we refuse the trailing bytes).
void Differential(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") return;
  if (text.find('\0') != std::string_view::npos) return;
  json::Document doc;
  json::ParseError error;
  const bool ours = doc.Parse(text, error);
  bool theirs = true;
  int theirId = 0;
  try {
    const auto parsed = nlohmann::json::parse(text);
    theirs = !parsed.is_discarded();
  } catch (const nlohmann::json::exception& e) {
    theirs = false;
    theirId = e.id;
  }
  if (ours == theirs) return;
  if (!ours && (error.message.rfind("duplicate key", 0) == 0 || error.message.rfind("nesting deeper", 0) == 0 ||
                error.message == "too many values in one record" || error.message == "number out of range"))
    return;
  if (ours && theirId == 406) return;  // nlohmann: number overflow; we read some underflows as 0
  Violation(ours ? "accepted what nlohmann refuses" : "refused what nlohmann accepts", error.message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ParseOptions options;
  options.now = 1'800'000'000'000;
  for (const char* name : {"fuzz.json", "fuzz.jsonl", "fuzz.csv"})
    (void)ParseBuffer(bytes, name, options, [](ParsedRecord& rec) { CheckRecord(rec); });
  CheckRecord(ParseJsonRecord(bytes, options));
  if (size < 4096) Differential(bytes);
  if (size > 3 && (data[0] == 0xFF || data[0] == 0x89)) (void)CheckImage(bytes);
  return 0;
}
