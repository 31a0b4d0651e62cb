// SPDX-License-Identifier: GPL-3.0-or-later
// AXIS License Plate Verifier events as the camera pushes them over HTTP. Every value is text,
// numbers included (the geotag excepted). `capture_timestamp` is UTC milliseconds; `datetime`
// is the camera's local time without an offset and is not used.
#include "VendorRecords.h"

#include <string>
#include <utility>

namespace platedesk::ingest::detail {
namespace {

using json::Value;

}  // namespace

bool LooksLikeAxis(const Value& root) {
  const bool plate =
      root.Find("plateUTF8") || root.Find("plateText") || root.Find("plateASCII") || root.Find("plateUnicode");
  return plate &&
         (root.Find("camera_info") || root.Find("carID") || root.Find("packetCounter") || root.Find("plateCountry"));
}

bool ParseAxis(const Fields& f, const ParseOptions& options) {
  ParsedRecord& rec = f.Rec();
  rec.sourceFormat = "axis";
  ParsedRead pr;
  store::NewRead& read = pr.read;
  read.sourceFormat = rec.sourceFormat;

  // The plate as reported: the UTF-8 text; normalised from the camera's own ASCII rendering when
  // it sends one (Cyrillic or Greek letters that look Latin are transliterated there).
  std::string_view utf8;
  std::string_view text;
  std::string_view unicode;
  std::string_view ascii;
  if (f.String("plateUTF8", utf8) < 0 || f.String("plateText", text) < 0 || f.String("plateUnicode", unicode) < 0 ||
      f.String("plateASCII", ascii) < 0)
    return false;
  std::string_view reported = utf8;
  const char* plateKey = "plateUTF8";
  for (const auto& [other, key] : {std::pair{text, "plateText"}, std::pair{unicode, "plateUnicode"}}) {
    if (reported.empty() && !other.empty()) {
      reported = other;
      plateKey = key;
    }
  }
  if (!ascii.empty()) {
    if (!TakePlate(f, "plateASCII", ascii, read)) return false;
    if (!reported.empty() && reported.size() <= kMaxPlateReportedBytes) read.plateReported.assign(reported);
  } else if (!TakePlate(f, plateKey, reported, read)) {
    return false;
  }

  int r = f.ConfidenceOrText("plateConfidence", 100.0, read.confidence);
  if (r < 0) return false;
  if (r == 0) return f.Fail("plateConfidence", "is missing");

  std::int64_t epoch = 0;
  if ((r = f.IntegerOrText("capture_timestamp", epoch)) < 0) return false;
  const char* timeKey = "capture_timestamp";
  if (r == 1) {
    read.capturedAt = EpochToMs(static_cast<double>(epoch));
  } else {
    // Older firmware: only the nanosecond `capture_ts`.
    timeKey = "capture_ts";
    if ((r = f.IntegerOrText("capture_ts", epoch)) < 0) return false;
    if (r == 0) return f.Fail("capture_timestamp", "is missing");
    read.capturedAt = epoch / 1'000'000;
  }
  if (!CheckCaptureTime(f, timeKey, read.capturedAt, options)) return false;

  Value info;
  std::string serial;
  if ((r = f.Object("camera_info", info)) < 0) return false;
  if (r == 1 && Fields(f, "camera_info", info).Id("SerialNumber", serial) < 0) return false;
  pr.cameraExternalId = serial.empty() ? options.defaultCamera : serial;

  Value geotag;
  if ((r = f.Object("geotag", geotag)) < 0) return false;
  if (r == 1 && !TakeLatLon(Fields(f, "geotag", geotag), "lat", "lon", read, true)) return false;

  // plateCountry is a country (ISO 3166 alpha-3): the event names no US state.

  // The camera serves its images by URL (`imagesURI`, `imageFile`); PlateDesk does not fetch them.
  Value uris;
  if ((r = f.Array("imagesURI", uris)) < 0) return false;
  if (r == 1 && uris.Size() > 0)
    rec.warnings.push_back(
        {"imagesURI", "images referenced by URL are not fetched: the read was imported without them"});

  // packetCounter + carID + the camera's serial: the same event sent again is a duplicate; the
  // NEW, UPDATE and LOST events of one car are separate events with their own counters.
  std::string carId;
  std::string packet;
  if (f.Id("carID", carId) < 0 || f.Id("packetCounter", packet) < 0) return false;
  if (!carId.empty() && !packet.empty()) {
    read.sourceUuid = pr.cameraExternalId;
    read.sourceUuid += '/';
    read.sourceUuid += carId;
    read.sourceUuid += '/';
    read.sourceUuid += packet;
  } else {
    read.sourceUuid = DerivedUuid(pr.cameraExternalId, read.capturedAt, read.plate);
  }
  rec.reads.push_back(std::move(pr));
  return true;
}

}  // namespace platedesk::ingest::detail
