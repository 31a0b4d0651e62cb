// SPDX-License-Identifier: GPL-3.0-or-later
// Survision (Micropak) `anpr` messages as the camera posts them: {"anpr": {"@date", "@id",
// "decision": {"@plate", "@reliability", "@context", "jpeg", "contextJpeg", ...}}}. Attributes
// are text ("@date" is UTC milliseconds as digits). The body names no camera (the camera sends
// its serial number in the `survision-serial-number` HTTP header), so reads use the default
// camera of the import or of the webhook that received them.
#include "VendorRecords.h"

#include <string>

namespace platedesk::ingest::detail {
namespace {

using json::Value;

// An image as base64 text, or as {"#text": base64} (the JSON form of the camera's XML).
bool TakeSurvisionImage(const Fields& df, std::string_view key, ReceivedImage& out) {
  const auto v = df.Obj().Find(key);
  if (v && v->IsObject()) return TakeImage(Fields(df, key, *v), "#text", out);
  return TakeImage(df, key, out);
}

}  // namespace

bool LooksLikeSurvision(const Value& root) {
  const auto anpr = root.Find("anpr");
  return anpr && anpr->IsObject();
}

bool ParseSurvision(const Fields& root, const ParseOptions& options) {
  ParsedRecord& rec = root.Rec();
  rec.sourceFormat = "survision";
  Value anpr;
  if (root.Object("anpr", anpr) < 0) return false;
  const Fields af(root, "anpr", anpr);

  Value decision;
  int r = af.Object("decision", decision);
  if (r < 0) return false;
  if (r == 0)
    return Skip(rec, af.Name("decision"),
                "Survision anpr message without a decision (a plate entering or leaving view)");
  const Fields df(af, "decision", decision);

  ParsedRead pr;
  store::NewRead& read = pr.read;
  read.sourceFormat = rec.sourceFormat;

  std::int64_t epoch = 0;
  if ((r = af.IntegerOrText("@date", epoch)) < 0) return false;
  if (r == 0) return af.Fail("@date", "is missing");
  read.capturedAt = EpochToMs(static_cast<double>(epoch));
  if (!CheckCaptureTime(af, "@date", read.capturedAt, options)) return false;

  std::string_view plate;
  if (df.String("@plate", plate) < 0 || !TakePlate(df, "@plate", plate, read)) return false;
  if ((r = df.ConfidenceOrText("@reliability", 1.0, read.confidence)) < 0) return false;
  if (r == 0) return df.Fail("@reliability", "is missing");

  // "@context" is a country context ("F", "D>OTHERS"); only a "us-xx" form names a state.
  std::string_view context;
  if (df.String("@context", context) < 0) return false;
  read.state = StateFor(context, false);

  // "@direction" (front/rear) is which side of the vehicle was read, not a heading: not kept.

  if (!TakeSurvisionImage(df, "jpeg", pr.plateImage)) return false;
  if (!TakeSurvisionImage(df, "contextJpeg", pr.vehicleImage)) return false;

  pr.cameraExternalId = options.defaultCamera;
  std::string id;
  if (af.Id("@id", id) < 0) return false;
  if (!id.empty()) {
    read.sourceUuid = pr.cameraExternalId;
    read.sourceUuid += '/';
    read.sourceUuid += FormatIso8601(read.capturedAt);
    read.sourceUuid += "/id-";
    read.sourceUuid += id;
  } else {
    read.sourceUuid = DerivedUuid(pr.cameraExternalId, read.capturedAt, read.plate);
  }
  rec.reads.push_back(std::move(pr));
  return true;
}

}  // namespace platedesk::ingest::detail
