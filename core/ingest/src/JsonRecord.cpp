// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonRecord.h"

#include "JsonFields.h"
#include "Normalise.h"
#include "VendorRecords.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"

#include <algorithm>
#include <optional>

namespace platedesk::ingest::detail {
namespace {

using json::Value;

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

// An id sent as an integer or a string, or nullopt (wrong type, empty, too long).
std::optional<std::string> IdText(const std::optional<Value>& v) {
  if (!v) return std::nullopt;
  std::string out;
  if (v->IsInteger())
    out = std::string(v->NumberText());
  else if (v->IsString())
    out = std::string(v->AsString());
  if (out.empty() || out.size() > kMaxIdBytes) return std::nullopt;
  return out;
}

// An OpenALPR heartbeat's cameras that are streaming, named like the agent's reads
// (TakeCamera): "<agent_uid or site_id>/<camera_id>". A heartbeat is never rejected: what is
// malformed is left out with a warning.
void HeardCameras(const Value& root, ParsedRecord& rec) {
  std::string agent;
  for (const char* key : {"agent_uid", "site_id"}) {
    const auto v = root.Find(key);
    if (!v || v->IsNull() || (v->IsString() && v->AsString().empty())) continue;  // as TakeCamera
    const auto id = IdText(v);
    if (!id) {
      rec.warnings.push_back({key, "must be a non-empty integer or string: no camera of this heartbeat is listed"});
      return;
    }
    agent = *id;
    break;
  }
  const auto streams = root.Find("video_streams");
  if (!streams || streams->IsNull()) return;
  if (!streams->IsArray()) {
    rec.warnings.push_back({"video_streams", "must be an array: no camera of this heartbeat is listed"});
    return;
  }
  std::size_t i = 0;
  for (Value stream : *streams) {
    std::string at = "video_streams[";
    at += std::to_string(i++);
    at += ']';
    if (rec.heardCameras.size() >= kMaxHeardCameras) {
      std::string message = "more than ";
      message += std::to_string(kMaxHeardCameras);
      message += " cameras: the rest are not listed";
      rec.warnings.push_back({"video_streams", std::move(message)});
      return;
    }
    if (!stream.IsObject()) {
      rec.warnings.push_back({at, "must be an object: not listed"});
      continue;
    }
    const auto streaming = stream.Find("is_streaming");
    if (streaming && !streaming->IsNull() && !streaming->IsBool()) {
      rec.warnings.push_back({at + ".is_streaming", "must be true or false: camera not listed"});
      continue;
    }
    if (streaming && streaming->IsBool() && !streaming->AsBool()) continue;  // known, but not alive
    const auto camera = stream.Find("camera_id");
    const auto id = IdText(camera);
    if (!id) {
      if (camera && !camera->IsNull() && !(camera->IsString() && camera->AsString().empty()))
        rec.warnings.push_back({at + ".camera_id", "must be a non-empty integer or string: camera not listed"});
      continue;
    }
    std::string external = CameraExternalId(agent, *id);
    if (std::find(rec.heardCameras.begin(), rec.heardCameras.end(), external) == rec.heardCameras.end())
      rec.heardCameras.push_back(std::move(external));
  }
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
      HeardCameras(root, rec);
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
  if (LooksLikeGenetec(root)) {
    ParseGenetec(Fields(rec, root), options);
  } else if (LooksLikeAxis(root)) {
    ParseAxis(Fields(rec, root), options);
  } else if (LooksLikeSurvision(root)) {
    ParseSurvision(Fields(rec, root), options);
  } else if (LooksLikePlateRecognizer(root)) {
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
