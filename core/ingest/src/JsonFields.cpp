// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonFields.h"

#include "Base64.h"

#include "platedesk/common/Text.h"

#include <charconv>
#include <cmath>

namespace platedesk::ingest::detail {
namespace {

using json::Type;
using json::Value;

// Longest documentation placeholder accepted in an image field ("...base64 jpeg data...").
constexpr std::size_t kMaxPlaceholderBytes = 64;
// Longest decimal text accepted where a number may come as text.
constexpr std::size_t kMaxNumberText = 40;

// Strict decimal text: an optional '-', digits, an optional fraction; nothing else (no spaces,
// no exponent, no "inf"/"nan").
bool ParseDecimalText(std::string_view text, double& out) {
  if (text.empty() || text.size() > kMaxNumberText) return false;
  std::size_t i = text[0] == '-' ? 1 : 0;
  std::size_t digits = 0;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      ++digits;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  if (digits == 0 || text.back() == '.') return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(out);
}

}  // namespace

int Fields::NumberOrText(std::string_view key, double& out) const {
  const auto v = mObj.Find(key);
  if (!v || v->IsNull()) return 0;
  if (v->IsNumber()) {
    out = v->AsNumber();
    return 1;
  }
  if (v->IsString()) {
    if (v->AsString().empty()) return 0;
    if (ParseDecimalText(v->AsString(), out)) return 1;
  }
  Fail(key, "must be a number or a decimal number as text");
  return -1;
}

int Fields::ConfidenceOrText(std::string_view key, double scale, double& out) const {
  const int r = NumberOrText(key, out);
  if (r != 1) return r;
  if (scale == 1.0 ? !ConfidenceOk(out) : !(out >= 0.0 && out <= 1.0)) {
    Fail(key, scale == 1.0 ? kConfidenceRange : "score is outside 0-1");
    return -1;
  }
  out *= scale;
  return 1;
}

int Fields::IntegerOrText(std::string_view key, std::int64_t& out) const {
  const auto v = mObj.Find(key);
  if (!v || v->IsNull()) return 0;
  std::string_view text;
  if (v->IsNumber() && v->IsInteger()) {
    text = v->NumberText();
  } else if (v->IsString()) {
    text = v->AsString();
    if (text.empty()) return 0;
  } else {
    Fail(key, "must be a whole number or its digits as text");
    return -1;
  }
  bool ok = !text.empty() && text.size() <= 19;
  const std::size_t first = ok && text[0] == '-' ? 1 : 0;
  ok = ok && first < text.size() && text.find_first_not_of("0123456789", first) == std::string_view::npos;
  if (ok) {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    ok = ec == std::errc() && ptr == text.data() + text.size();
  }
  if (!ok) {
    Fail(key, "must be a whole number or its digits as text");
    return -1;
  }
  return 1;
}

bool TakeImage(const Fields& f, std::string_view key, ReceivedImage& out) {
  std::string_view text;
  const int r = f.String(key, text);
  if (r < 0) return false;
  if (r == 0 || text.empty()) return true;
  if (text.size() <= kMaxPlaceholderBytes + 16) {
    const std::string trimmed = Trim(text);
    if (trimmed.size() <= kMaxPlaceholderBytes && trimmed.size() >= 6 && trimmed.compare(0, 3, "...") == 0 &&
        trimmed.compare(trimmed.size() - 3, 3, "...") == 0) {
      f.Rec().warnings.push_back({f.Name(key), "documentation placeholder instead of image data: no image stored"});
      return true;
    }
  }
  auto bytes = DecodeBase64(text);
  if (!bytes) {
    f.Rec().warnings.push_back({f.Name(key),
                                "image is not valid base64 (" + bytes.Err().message +
                                    "): the read was imported without it and the record kept in quarantine",
                                true});
    return true;
  }
  if (bytes->empty()) return true;
  out.field = f.Name(key);
  out.bytes = std::move(*bytes);
  return true;
}

bool TakeLatLon(const Fields& f, std::string_view latKey, std::string_view lonKey, store::NewRead& read,
                bool allowText) {
  double lat = 0;
  double lon = 0;
  const int a = allowText ? f.NumberOrText(latKey, lat) : f.Number(latKey, lat);
  if (a < 0) return false;
  const int b = allowText ? f.NumberOrText(lonKey, lon) : f.Number(lonKey, lon);
  if (b < 0) return false;
  if (a == 0 && b == 0) return true;
  if (a != b) return f.Fail(a == 0 ? latKey : lonKey, "latitude and longitude must come together");
  if (lat < -90 || lat > 90) return f.Fail(latKey, "latitude is outside -90..90");
  if (lon < -180 || lon > 180) return f.Fail(lonKey, "longitude is outside -180..180");
  if (lat == 0 && lon == 0) return true;  // cameras without a fix send 0,0
  read.latitude = lat;
  read.longitude = lon;
  return true;
}

bool TakeDirection(const Fields& f, std::string_view key, store::NewRead& read) {
  const auto v = f.Obj().Find(key);
  if (!v || v->IsNull()) return true;
  if (v->IsString() && v->AsString().empty()) return true;  // Plate Recognizer Stream sends ""
  if (!v->IsNumber()) return f.Fail(key, "must be a number");
  const double d = v->AsNumber();
  if (d < 0 || d > 360) return f.Fail(key, "direction is outside 0-360 degrees");
  read.directionDeg = d;
  return true;
}

// Candidates [{plate, confidence|score}] of the list owner.key. scale 1: OpenALPR 0-100;
// 100: Plate Recognizer 0-1 (a missing score is 0: Stream sends none).
bool TakeCandidates(const Fields& owner, std::string_view key, const Value& list, const char* confKey, double scale,
                    store::NewRead& read) {
  std::size_t i = 0;
  for (Value c : list) {
    if (i >= kMaxListInput) break;
    const Fields cf(owner, key, c, static_cast<std::ptrdiff_t>(i++));
    if (!c.IsObject()) return Reject(owner.Rec(), cf.Self(), "must be an object");
    std::string_view plate;
    double confidence = 0;
    if (cf.String("plate", plate) < 0 || cf.Confidence(confKey, scale, confidence) < 0) return false;
    if (plate.empty()) continue;
    read.candidates.push_back({std::string(plate), {}, confidence});
  }
  FinishCandidates(read);
  return true;
}

// Ranked lists [{<nameKey>: value, <confKey>: confidence}] -> attribute values.
bool TakeRanked(const Fields& owner, std::string_view key, std::string_view nameKey, const char* confKey, double scale,
                std::vector<store::RankedValue>& out) {
  Value list;
  const int found = owner.Array(key, list);
  if (found <= 0) return found == 0;
  std::size_t i = 0;
  for (Value item : list) {
    if (i >= kMaxListInput) break;
    const Fields itf(owner, key, item, static_cast<std::ptrdiff_t>(i++));
    if (!item.IsObject()) return Reject(owner.Rec(), itf.Self(), "must be an object");
    std::string_view value;
    double confidence = 0;
    if (itf.String(nameKey, value) < 0 || itf.Confidence(confKey, scale, confidence) < 0) return false;
    if (value.size() > kMaxAttributeBytes)
      return itf.Fail(nameKey, "is longer than " + std::to_string(kMaxAttributeBytes) + " bytes");
    if (auto v = AttributeValue(value)) out.push_back({std::move(*v), confidence});
  }
  FinishRanked(out);
  return true;
}

bool TakeEpoch(const Fields& f, std::string_view key, const ParseOptions& options, UtcMs& out) {
  double epoch = 0;
  const int r = f.Number(key, epoch);
  if (r < 0) return false;
  if (r == 0) return f.Fail(key, "is missing");
  out = EpochToMs(epoch);
  if (std::string why = CaptureTimeProblem(out, options); !why.empty()) return f.Fail(key, std::move(why));
  return true;
}

bool TakePlate(const Fields& f, std::string_view key, std::string_view plate, store::NewRead& read) {
  if (plate.empty()) return f.Fail(key, "plate is missing");
  if (std::string why = SetPlate(read, plate); !why.empty()) return f.Fail(key, std::move(why));
  return true;
}

bool CheckCaptureTime(const Fields& f, std::string_view key, UtcMs t, const ParseOptions& options) {
  if (std::string why = CaptureTimeProblem(t, options); !why.empty()) return f.Fail(key, std::move(why));
  return true;
}

}  // namespace platedesk::ingest::detail
