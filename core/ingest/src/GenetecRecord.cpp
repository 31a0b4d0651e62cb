// SPDX-License-Identifier: GPL-3.0-or-later
// Genetec AutoVu reads as Security Center sends them over HTTP (one JSON object per read). Every
// value is text, numbers included; `DateUtc`/`TimeUtc` are UTC (`DateLocal`/`TimeLocal` carry no
// offset and are not used).
#include "VendorRecords.h"

#include "platedesk/common/Text.h"

#include <string>

namespace platedesk::ingest::detail {
namespace {

using json::Value;

// Reads exactly n digits at s[at..] into out.
bool Digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// Reads 1 or 2 digits at s[at..]; advances at.
bool ShortNumber(std::string_view s, std::size_t& at, int& out) {
  const std::size_t n = at + 1 < s.size() && s[at + 1] >= '0' && s[at + 1] <= '9' ? 2 : 1;
  if (!Digits(s, at, n, out)) return false;
  at += n;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "MM/DD/YYYY" (Security Center's US format; the sample and ParkPow's integration agree) or
// "YYYY-MM-DD". A first number above 12 is a day-first date, which is refused rather than guessed.
bool ParseDate(std::string_view s, int& year, int& month, int& day) {
  std::size_t at = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!Digits(s, 0, 4, year) || !Digits(s, 5, 2, month) || !Digits(s, 8, 2, day)) return false;
  } else {
    if (!ShortNumber(s, at, month) || at >= s.size() || s[at++] != '/') return false;
    if (!ShortNumber(s, at, day) || at >= s.size() || s[at++] != '/') return false;
    if (!Digits(s, at, 4, year) || at + 4 != s.size()) return false;
  }
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

// "HH:MM:SS", optionally ".f" to ".fff" and " AM"/" PM" (12-hour clock).
bool ParseTime(std::string_view s, int& hour, int& minute, int& second, int& ms) {
  std::size_t at = 0;
  if (!ShortNumber(s, at, hour) || at >= s.size() || s[at++] != ':') return false;
  if (!Digits(s, at, 2, minute) || (at += 2) >= s.size() || s[at++] != ':') return false;
  if (!Digits(s, at, 2, second)) return false;
  at += 2;
  ms = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    int scale = 100;
    std::size_t n = 0;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9' && n < 3) {
      ms += (s[at++] - '0') * scale;
      scale /= 10;
      ++n;
    }
    if (n == 0) return false;
  }
  if (at < s.size()) {
    const std::string rest = ToUpperAscii(s.substr(at));
    if (rest != " AM" && rest != " PM") return false;
    if (hour < 1 || hour > 12) return false;
    hour = (hour % 12) + (rest == " PM" ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 && second <= 59;
}

// An all-zero GUID ("00000000-0000-...") is Genetec's "none".
bool IsNilGuid(std::string_view id) { return id.find_first_not_of("0-") == std::string_view::npos; }

// One attribute from `Attributes` ("Vehicle Color": "Grey", with "Vehicle Color Confidence Score":
// "97"). Genetec sends "-" for "not determined". A value without its score counts as 100, as in
// the CSV. Returns false when the record was rejected; value is "" when not reported.
bool Attribute(const Fields& af, std::string_view key, std::string& value, double& confidence) {
  value.clear();
  confidence = 100;
  std::string_view text;
  if (af.String(key, text) < 0) return false;
  if (text.size() > kMaxAttributeBytes) {
    std::string message = "is longer than ";
    message += std::to_string(kMaxAttributeBytes);
    message += " bytes";
    return af.Fail(key, std::move(message));
  }
  std::string scoreKey(key);
  scoreKey += " Confidence Score";
  if (af.ConfidenceOrText(scoreKey, 1.0, confidence) < 0) return false;
  if (Trim(text) == "-") return true;
  if (auto v = AttributeValue(text)) value = std::move(*v);
  return true;
}

}  // namespace

bool LooksLikeGenetec(const Value& root) {
  return root.Find("Plate") && (root.Find("SharpName") || root.Find("CameraName") || root.Find("DateUtc") ||
                                root.Find("ContextImage") || root.Find("PlateImage"));
}

bool ParseGenetec(const Fields& f, const ParseOptions& options) {
  ParsedRecord& rec = f.Rec();
  rec.sourceFormat = "genetec";
  ParsedRead pr;
  store::NewRead& read = pr.read;
  read.sourceFormat = rec.sourceFormat;

  std::string_view plate;
  if (f.String("Plate", plate) < 0 || !TakePlate(f, "Plate", plate, read)) return false;

  Value attributes;
  int r = f.Object("Attributes", attributes);
  if (r < 0) return false;
  const bool hasAttributes = r == 1;
  const Fields af(f, "Attributes", attributes);

  if ((r = f.ConfidenceOrText("ConfidenceScore", 1.0, read.confidence)) < 0) return false;
  if (r == 0 && hasAttributes && (r = af.ConfidenceOrText("Confidence Score", 1.0, read.confidence)) < 0) return false;
  if (r == 0) return f.Fail("ConfidenceScore", "is missing");

  std::string_view date;
  std::string_view time;
  if ((r = f.String("DateUtc", date)) < 0) return false;
  if (r == 0 || date.empty()) return f.Fail("DateUtc", "is missing");
  if ((r = f.String("TimeUtc", time)) < 0) return false;
  if (r == 0 || time.empty()) return f.Fail("TimeUtc", "is missing");
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
  if (!ParseDate(date, year, month, day)) return f.Fail("DateUtc", "must be a date as MM/DD/YYYY or YYYY-MM-DD");
  if (!ParseTime(time, hour, minute, second, ms))
    return f.Fail("TimeUtc", "must be a time as HH:MM:SS, optionally with a fraction and AM/PM");
  read.capturedAt = UtcFromCivil(year, month, day, hour, minute, second, ms);
  if (!CheckCaptureTime(f, "DateUtc", read.capturedAt, options)) return false;

  // The camera: the Sharp unit and the camera's name in Security Center ("<SharpName>/<CameraName>"),
  // so two camera heads of one unit stay apart.
  std::string sharp;
  std::string cameraName;
  if (f.Id("SharpName", sharp) < 0 || f.Id("CameraName", cameraName) < 0) return false;
  if (cameraName.empty()) std::swap(sharp, cameraName);
  pr.cameraExternalId = cameraName.empty() ? options.defaultCamera : CameraExternalId(sharp, cameraName);

  std::string_view state;
  if ((r = f.String("State", state)) < 0) return false;
  if ((r == 0 || state.empty()) && hasAttributes && af.String("State Name", state) < 0) return false;
  read.state = StateFor(state, true);  // AutoVu's State is the jurisdiction's two-letter code ("CA")

  if (!TakeLatLon(f, "Latitude", "Longitude", read, true)) return false;

  if (hasAttributes) {
    std::string value;
    double confidence = 0;
    if (!Attribute(af, "Vehicle Color", value, confidence)) return false;
    if (!value.empty()) read.vehicle.color.push_back({value, confidence});
    if (!Attribute(af, "Vehicle Type", value, confidence)) return false;
    if (!value.empty()) read.vehicle.body.push_back({value, confidence});
    std::string make;
    double makeConfidence = 0;
    if (!Attribute(af, "Vehicle Make", make, makeConfidence)) return false;
    if (!make.empty()) read.vehicle.make.push_back({make, makeConfidence});
    // Model as "<make>_<model>", the convention of OpenALPR's make_model.
    if (!Attribute(af, "Vehicle Model", value, confidence)) return false;
    if (!make.empty() && !value.empty()) read.vehicle.model.push_back({make + "_" + value, confidence});
  }

  if (!TakeImage(f, "PlateImage", pr.plateImage)) return false;
  if (!TakeImage(f, "ContextImage", pr.vehicleImage)) return false;
  if (pr.vehicleImage.bytes.empty() && !TakeImage(f, "OverviewImage", pr.vehicleImage)) return false;

  // The read's own id with its time: a resend is a duplicate, and an id seen again at another
  // time is kept as another read rather than taken for a conflict.
  std::string id;
  if (f.Id("VehicleID", id) < 0) return false;
  if (!id.empty() && !IsNilGuid(id)) {
    id += '/';
    id += FormatIso8601(read.capturedAt);
    read.sourceUuid = std::move(id);
  } else {
    read.sourceUuid = DerivedUuid(pr.cameraExternalId, read.capturedAt, read.plate);
  }
  rec.reads.push_back(std::move(pr));
  return true;
}

}  // namespace platedesk::ingest::detail
