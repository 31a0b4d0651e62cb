// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonRecord.h"

#include "Base64.h"
#include "Normalise.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"

#include <cmath>

namespace platedesk::ingest::detail {
namespace {

using json::Type;
using json::Value;

// Longest list (candidates, ranked attribute values, results) looked at in one record; the rest
// is ignored so that hostile input cannot make normalisation quadratic.
constexpr std::size_t kMaxListInput = 64;
// Longest documentation placeholder accepted in an image field ("...base64 jpeg data...").
constexpr std::size_t kMaxPlaceholderBytes = 64;

// Field access with type checks on one object: a present value of the wrong type rejects the
// record; an absent or null one is "not reported". Field names ("results[1].candidates[0].plate")
// are built only when something is wrong: records that are fine allocate none.
class Fields {
 public:
  Fields(ParsedRecord& rec, Value obj) : mRec(rec), mObj(obj) {}
  // A member (index < 0) or an element of a member list.
  Fields(const Fields& parent, std::string_view key, Value obj, std::ptrdiff_t index = -1)
      : mRec(parent.mRec), mObj(obj), mParent(&parent), mKey(key), mIndex(index) {}

  [[nodiscard]] ParsedRecord& Rec() const { return mRec; }
  [[nodiscard]] const Value& Obj() const { return mObj; }

  // "a.b[2]." (empty for the record itself).
  [[nodiscard]] std::string Path() const {
    if (!mParent) return {};
    std::string s = mParent->Path();
    s += mKey;
    if (mIndex >= 0) s += "[" + std::to_string(mIndex) + "]";
    s += '.';
    return s;
  }
  [[nodiscard]] std::string Name(std::string_view key) const { return Path() + std::string(key); }
  [[nodiscard]] std::string Self() const {
    std::string p = Path();
    if (!p.empty()) p.pop_back();
    return p;
  }
  // Rejects the record naming key; returns false.
  bool Fail(std::string_view key, std::string message) const { return Reject(mRec, Name(key), std::move(message)); }

  // 1: present and of the type, 0: absent/null, -1: wrong type (record rejected).
  int Get(std::string_view key, Type type, Value& out, const char* what) const {
    const auto v = mObj.Find(key);
    if (!v || v->IsNull()) return 0;
    if (v->GetType() != type) {
      Fail(key, std::string("must be ") + what);
      return -1;
    }
    out = *v;
    return 1;
  }
  int String(std::string_view key, std::string_view& out) const {
    Value v;
    const int r = Get(key, Type::String, v, "a string");
    if (r == 1) out = v.AsString();
    return r;
  }
  int Number(std::string_view key, double& out) const {
    Value v;
    const int r = Get(key, Type::Number, v, "a number");
    if (r == 1) out = v.AsNumber();
    return r;
  }
  int Object(std::string_view key, Value& out) const { return Get(key, Type::Object, out, "an object"); }
  int Array(std::string_view key, Value& out) const { return Get(key, Type::Array, out, "an array"); }
  // An id that cameras send as an integer or a string.
  int Id(std::string_view key, std::string& out) const {
    const auto v = mObj.Find(key);
    if (!v || v->IsNull()) return 0;
    if (v->IsInteger()) {
      out = std::string(v->NumberText());
    } else if (v->IsString()) {
      out = std::string(v->AsString());
    } else {
      Fail(key, "must be an integer or a string");
      return -1;
    }
    if (out.size() > kMaxIdBytes) {
      Fail(key, "is longer than " + std::to_string(kMaxIdBytes) + " bytes");
      return -1;
    }
    return out.empty() ? 0 : 1;
  }
  // A 0-100 confidence (after multiplying by scale); 1 ok, 0 absent, -1 rejected.
  int Confidence(std::string_view key, double scale, double& out) const {
    const int r = Number(key, out);
    if (r != 1) return r;
    if (scale == 1.0 ? !ConfidenceOk(out) : !(out >= 0.0 && out <= 1.0)) {
      Fail(key, scale == 1.0 ? kConfidenceRange : "score is outside 0-1");
      return -1;
    }
    out *= scale;
    return 1;
  }

 private:
  ParsedRecord& mRec;
  Value mObj;
  const Fields* mParent = nullptr;
  std::string_view mKey;
  std::ptrdiff_t mIndex = -1;
};

// Decodes a base64 image field. Rule (docs/formats.md): absent, null or "" -> no image; a short
// documentation placeholder that starts and ends with "..." -> no image plus a warning; anything
// else that is not valid base64 is a damaged image: the read imports without it (a camera's cut
// upload must not cost the read) and the whole record is kept in quarantine for review.
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

bool TakeLatLon(const Fields& f, std::string_view latKey, std::string_view lonKey, store::NewRead& read) {
  double lat = 0;
  double lon = 0;
  const int a = f.Number(latKey, lat);
  if (a < 0) return false;
  const int b = f.Number(lonKey, lon);
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

// OpenALPR vehicle attributes: {color: [{name, confidence}], make, make_model, body_type, year}.
bool TakeOpenAlprVehicle(const Fields& vf, store::VehicleAttributes& out) {
  return TakeRanked(vf, "color", "name", "confidence", 1.0, out.color) &&
         TakeRanked(vf, "make", "name", "confidence", 1.0, out.make) &&
         TakeRanked(vf, "make_model", "name", "confidence", 1.0, out.model) &&
         TakeRanked(vf, "body_type", "name", "confidence", 1.0, out.body) &&
         TakeRanked(vf, "year", "name", "confidence", 1.0, out.year);
}

// The camera: "<agent_uid or site_id>/<camera_id>", or the default camera.
bool TakeCamera(const Fields& f, const ParseOptions& options, std::string& out) {
  std::string agent;
  std::string camera;
  const int r = f.Id("agent_uid", agent);
  if (r < 0) return false;
  if (r == 0 && f.Id("site_id", agent) < 0) return false;
  if (f.Id("camera_id", camera) < 0) return false;
  if (camera.empty()) camera = options.defaultCamera;
  out = CameraExternalId(agent, camera);
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

// alpr_group: one vehicle pass (also the "group" inside an alpr_alert).
bool ParseGroup(const Fields& f, const ParseOptions& options) {
  ParsedRecord& rec = f.Rec();
  rec.sourceFormat = "openalpr-group";
  ParsedRead pr;
  store::NewRead& read = pr.read;
  read.sourceFormat = rec.sourceFormat;

  Value best;
  if (f.Object("best_plate", best) < 0) return false;
  const Fields bf(f, "best_plate", best);

  std::string_view plate;
  int r = f.String("best_plate_number", plate);
  if (r < 0) return false;
  if (r == 0 && best.IsObject()) {
    if (bf.String("plate", plate) < 0) return false;
    if (!TakePlate(bf, "plate", plate, read)) return false;
  } else if (!TakePlate(f, "best_plate_number", plate, read)) {
    return false;
  }

  r = f.Confidence("best_confidence", 1.0, read.confidence);
  if (r < 0) return false;
  if (r == 0 && best.IsObject() && (r = bf.Confidence("confidence", 1.0, read.confidence)) < 0) return false;
  if (r == 0) return f.Fail("best_confidence", "is missing");

  std::string_view region;
  r = f.String("best_region", region);
  if (r < 0) return false;
  if (r == 0 && best.IsObject() && bf.String("region", region) < 0) return false;
  std::string_view country;
  if (f.String("country", country) < 0) return false;
  read.state = StateFor(region, country.empty() || ToLowerAscii(country) == "us");

  if (!TakeEpoch(f, "epoch_start", options, read.capturedAt)) return false;
  if (!TakeCamera(f, options, pr.cameraExternalId)) return false;

  std::string uuid;
  if (f.Id("best_uuid", uuid) < 0) return false;
  read.sourceUuid = uuid.empty() ? DerivedUuid(pr.cameraExternalId, read.capturedAt, read.plate) : std::move(uuid);

  Value candidates;
  if ((r = f.Array("candidates", candidates)) < 0) return false;
  if (r == 1) {
    if (!TakeCandidates(f, "candidates", candidates, "confidence", 1.0, read)) return false;
  } else if (best.IsObject()) {
    if ((r = bf.Array("candidates", candidates)) < 0) return false;
    if (r == 1 && !TakeCandidates(bf, "candidates", candidates, "confidence", 1.0, read)) return false;
  }

  if (!TakeLatLon(f, "gps_latitude", "gps_longitude", read)) return false;
  if (!TakeDirection(f, "travel_direction", read)) return false;

  Value vehicle;
  if ((r = f.Object("vehicle", vehicle)) < 0) return false;
  if (r == 1 && !TakeOpenAlprVehicle(Fields(f, "vehicle", vehicle), read.vehicle)) return false;

  if (best.IsObject() && !TakeImage(bf, "plate_crop_jpeg", pr.plateImage)) return false;
  if (!TakeImage(f, "vehicle_crop_jpeg", pr.vehicleImage)) return false;
  if (pr.vehicleImage.bytes.empty() && !TakeImage(f, "overview_jpeg", pr.vehicleImage)) return false;

  rec.reads.push_back(std::move(pr));
  return true;
}

// alpr_results: one frame with results[] (agent v2+, old alprd without data_type, `alpr -j`,
// the cloud API).
bool ParseResults(const Fields& f, const ParseOptions& options) {
  ParsedRecord& rec = f.Rec();
  rec.sourceFormat = "openalpr-results";
  Value results;
  int r = f.Array("results", results);
  if (r < 0) return false;
  if (r == 0) return f.Fail("results", "is missing");
  UtcMs capturedAt = 0;
  if (!TakeEpoch(f, "epoch_time", options, capturedAt)) return false;
  std::string camera;
  if (!TakeCamera(f, options, camera)) return false;
  std::string uuid;
  if (f.Id("uuid", uuid) < 0) return false;
  std::string_view country;
  if (f.String("country", country) < 0) return false;
  const bool bareIsState = country.empty() || ToLowerAscii(country) == "us";
  store::NewRead frame;
  if (!TakeLatLon(f, "gps_latitude", "gps_longitude", frame)) return false;
  if (results.Size() == 0) return Skip(rec, "results", "no plate in this frame");

  std::size_t i = 0;
  for (Value res : results) {
    if (i >= kMaxListInput) break;
    const Fields rf(f, "results", res, static_cast<std::ptrdiff_t>(i));
    if (!res.IsObject()) return Reject(rec, rf.Self(), "must be an object");
    ParsedRead pr;
    store::NewRead& read = pr.read;
    read.sourceFormat = rec.sourceFormat;
    read.capturedAt = capturedAt;
    read.latitude = frame.latitude;
    read.longitude = frame.longitude;
    pr.cameraExternalId = camera;
    std::string_view plate;
    if (rf.String("plate", plate) < 0 || !TakePlate(rf, "plate", plate, read)) return false;
    if ((r = rf.Confidence("confidence", 1.0, read.confidence)) < 0) return false;
    if (r == 0) return rf.Fail("confidence", "is missing");
    std::string_view region;
    if (rf.String("region", region) < 0) return false;
    read.state = StateFor(region, bareIsState);
    read.sourceUuid = uuid.empty() ? DerivedUuid(camera, capturedAt, read.plate) : uuid + "#" + std::to_string(i);
    Value candidates;
    if ((r = rf.Array("candidates", candidates)) < 0) return false;
    if (r == 1 && !TakeCandidates(rf, "candidates", candidates, "confidence", 1.0, read)) return false;
    Value vehicle;
    if ((r = rf.Object("vehicle", vehicle)) < 0) return false;
    if (r == 1 && !TakeOpenAlprVehicle(Fields(rf, "vehicle", vehicle), read.vehicle)) return false;
    if (!TakeImage(rf, "plate_crop_jpeg", pr.plateImage)) return false;
    rec.reads.push_back(std::move(pr));
    ++i;
  }
  return true;
}

// Plate Recognizer: a webhook {hook, data: {camera_id, timestamp, results}} or a bare Snapshot
// response {camera_id, timestamp, results}. Scores are 0-1.
bool ParsePlateRecognizer(const Fields& root, const ParseOptions& options) {
  ParsedRecord& rec = root.Rec();
  rec.sourceFormat = "platerecognizer";
  const auto data = root.Obj().Find("data");
  const bool wrapped = data && data->IsObject();
  const Fields f = wrapped ? Fields(root, "data", *data) : root;
  Value results;
  int r = f.Array("results", results);
  if (r < 0) return false;
  if (r == 0) return f.Fail("results", "is missing");
  std::string_view timestamp;
  if ((r = f.String("timestamp", timestamp)) < 0) return false;
  if (r == 0) return f.Fail("timestamp", "is missing");
  const auto capturedAt = ParseIso8601(timestamp);
  if (!capturedAt) return f.Fail("timestamp", capturedAt.Err().message);
  if (std::string why = CaptureTimeProblem(*capturedAt, options); !why.empty()) return f.Fail("timestamp", why);
  std::string camera;
  if (f.Id("camera_id", camera) < 0) return false;
  if (camera.empty()) camera = options.defaultCamera;
  if (results.Size() == 0) return Skip(rec, f.Name("results"), "no plate in this response");

  std::size_t i = 0;
  for (Value res : results) {
    if (i >= kMaxListInput) break;
    const Fields rf(f, "results", res, static_cast<std::ptrdiff_t>(i++));
    if (!res.IsObject()) return Reject(rec, rf.Self(), "must be an object");
    ParsedRead pr;
    store::NewRead& read = pr.read;
    read.sourceFormat = rec.sourceFormat;
    read.capturedAt = *capturedAt;
    pr.cameraExternalId = camera;
    std::string_view plate;
    if (rf.String("plate", plate) < 0 || !TakePlate(rf, "plate", plate, read)) return false;
    if ((r = rf.Confidence("score", 100.0, read.confidence)) < 0) return false;
    if (r == 0) return rf.Fail("score", "is missing");
    Value region;
    if ((r = rf.Object("region", region)) < 0) return false;
    if (r == 1) {
      std::string_view code;
      if (Fields(rf, "region", region).String("code", code) < 0) return false;
      read.state = StateFor(code, false);
    }
    Value list;
    if ((r = rf.Array("candidates", list)) < 0) return false;
    if (r == 1 && !TakeCandidates(rf, "candidates", list, "score", 100.0, read)) return false;
    if (!TakeRanked(rf, "color", "color", "score", 100.0, read.vehicle.color)) return false;
    // model_make: [{make, model, score}] -> make values and "<make>_<model>" model values, the
    // convention of OpenALPR's make_model.
    Value makes;
    if ((r = rf.Array("model_make", makes)) < 0) return false;
    std::size_t m = 0;
    for (Value item : makes) {
      if (m >= kMaxListInput) break;
      const Fields itf(rf, "model_make", item, static_cast<std::ptrdiff_t>(m++));
      if (!item.IsObject()) return Reject(rec, itf.Self(), "must be an object");
      std::string_view make;
      std::string_view model;
      double s = 0;
      if (itf.String("make", make) < 0 || itf.String("model", model) < 0 || itf.Confidence("score", 100.0, s) < 0)
        return false;
      if (make.size() > kMaxAttributeBytes || model.size() > kMaxAttributeBytes)
        return Reject(rec, itf.Self(), "make or model is longer than " + std::to_string(kMaxAttributeBytes) + " bytes");
      const auto mk = AttributeValue(make);
      const auto md = AttributeValue(model);
      if (mk) read.vehicle.make.push_back({*mk, s});
      if (mk && md) read.vehicle.model.push_back({*mk + "_" + *md, s});
    }
    FinishRanked(read.vehicle.make);
    FinishRanked(read.vehicle.model);
    Value vehicle;
    if ((r = rf.Object("vehicle", vehicle)) < 0) return false;
    if (r == 1) {
      const Fields vf(rf, "vehicle", vehicle);
      std::string_view type;
      double s = 0;
      if (vf.String("type", type) < 0 || vf.Confidence("score", 100.0, s) < 0) return false;
      if (type.size() > kMaxAttributeBytes)
        return vf.Fail("type", "is longer than " + std::to_string(kMaxAttributeBytes) + " bytes");
      if (auto v = AttributeValue(type)) read.vehicle.body.push_back({std::move(*v), s});
    }
    if (!TakeDirection(rf, "direction", read)) return false;
    read.sourceUuid = DerivedUuid(camera, read.capturedAt, read.plate);
    rec.reads.push_back(std::move(pr));
  }
  return true;
}

// Other vendors' JSON, recognised so the reason says what it is.
std::string OtherVendor(const Value& root) {
  if (root.IsArray()) {
    const auto first = root.At(0);
    if (first && first->IsObject() && first->Find("start_data") && first->Find("start_cam"))
      return "ParkPow visit list";
    return "a JSON array (expected one record object per document or line)";
  }
  if (!root.IsObject()) return "a JSON value that is not an object";
  if (root.Find("start_data") && root.Find("start_cam")) return "ParkPow visit";
  if (root.Find("Plate") && (root.Find("SharpName") || root.Find("ContextImage") || root.Find("PlateImage")))
    return "Genetec AutoVu read";
  if ((root.Find("plateUTF8") || root.Find("plateText")) && (root.Find("camera_info") || root.Find("plateCountry")))
    return "Axis license plate event";
  return {};
}

bool LooksLikePlateRecognizer(const Value& root) {
  Value d = root;
  if (const auto data = root.Find("data"); data && data->IsObject()) d = *data;
  const auto results = d.Find("results");
  if (!results || !results->IsArray()) return false;
  if (const auto first = results->At(0); first && first->IsObject())
    return first->Find("score").has_value() && !first->Find("confidence").has_value();
  return d.Find("timestamp").has_value() && !d.Find("epoch_time").has_value();
}

void Dispatch(const Value& root, const ParseOptions& options, ParsedRecord& rec) {
  if (!root.IsObject()) {
    Reject(rec, "", "unsupported format: " + OtherVendor(root));
    return;
  }
  const auto dataType = root.Find("data_type");
  if (dataType && !dataType->IsNull()) {
    if (!dataType->IsString()) {
      Reject(rec, "data_type", "must be a string");
      return;
    }
    const std::string_view type = dataType->AsString();
    if (type == "alpr_group") {
      ParseGroup(Fields(rec, root), options);
    } else if (type == "alpr_results") {
      ParseResults(Fields(rec, root), options);
    } else if (type == "alpr_alert") {
      rec.sourceFormat = "openalpr-group";
      const auto group = root.Find("group");
      if (!group || !group->IsObject()) {
        Reject(rec, "group", group ? "must be an object" : "alert without its group");
        return;
      }
      const auto inner = group->Find("data_type");
      if (inner && !(inner->IsString() && inner->AsString() == "alpr_group")) {
        Reject(rec, "group.data_type", "must be \"alpr_group\"");
        return;
      }
      const Fields top(rec, root);
      ParseGroup(Fields(top, "group", *group), options);
    } else if (type == "heartbeat") {
      rec.sourceFormat = "openalpr-heartbeat";
      Skip(rec, "data_type", "heartbeat (camera status, not a plate read)");
    } else if (type == "vehicle") {
      rec.sourceFormat = "openalpr-vehicle";
      Skip(rec, "data_type", "vehicle record (a vehicle seen without a plate read)");
    } else {
      std::string shown(type.substr(0, 40));
      for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
      Reject(rec, "data_type", "unsupported data_type \"" + shown + "\"");
    }
    return;
  }
  if (const std::string other = OtherVendor(root); !other.empty()) {
    Reject(rec, "", "unsupported format: " + other);
    return;
  }
  if (LooksLikePlateRecognizer(root)) {
    ParsePlateRecognizer(Fields(rec, root), options);
  } else if (root.Find("results")) {
    ParseResults(Fields(rec, root), options);  // old alprd: no data_type, epoch_time in seconds
  } else if (root.Find("best_plate_number") || root.Find("best_plate")) {
    ParseGroup(Fields(rec, root), options);
  } else {
    Reject(rec, "", "unsupported format: a JSON object that is not a known plate-read record");
  }
}

}  // namespace

ParsedRecord ParseJsonRecordAt(std::string_view bytes, std::int64_t firstLine, const ParseOptions& options,
                               json::Document& doc) {
  ParsedRecord rec;
  rec.line = firstLine;
  rec.raw = bytes;
  std::string_view text = bytes;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (bytes.size() > kMaxRecordBytes) {
    Reject(rec, "", "record is larger than 64 MiB");
    return rec;
  }
  json::ParseError error;
  if (!doc.Parse(text, error)) {
    const json::TextPosition pos = json::PositionOf(text, error.offset);
    rec.line = firstLine + pos.line - 1;
    Reject(rec, "",
           "invalid JSON at line " + std::to_string(rec.line) + ", column " + std::to_string(pos.column) + ": " +
               error.message);
    return rec;
  }
  Dispatch(doc.Root(), options, rec);
  if (rec.status == RecordStatus::Parsed) {
    const std::string sha = Sha256Hex(bytes);
    for (auto& r : rec.reads) r.read.payloadSha256 = sha;
  }
  return rec;
}

}  // namespace platedesk::ingest::detail

namespace platedesk::ingest {

ParsedRecord ParseJsonRecord(std::string_view bytes, const ParseOptions& options) {
  json::Document doc;
  return detail::ParseJsonRecordAt(bytes, 1, options, doc);
}

}  // namespace platedesk::ingest
