// SPDX-License-Identifier: GPL-3.0-or-later
#include "CsvRecord.h"

#include "Normalise.h"

#include "platedesk/common/Hash.h"
#include "platedesk/common/Text.h"

#include <charconv>
#include <cmath>

namespace platedesk::ingest::detail {
namespace {

constexpr std::array<std::string_view, kCsvColumnCount> kNames = {
    "uuid", "captured_at", "camera_id", "plate", "state",     "confidence", "candidates", "color",
    "make", "model",       "body",      "year",  "direction", "latitude",   "longitude"};
constexpr std::size_t kMaxFields = 64;

std::optional<double> ParseNumber(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// An ISO-8601 time that says its offset ("Z", "+02:00", "-0500"): a CSV time without one would be
// ambiguous (local time of which camera?).
bool HasOffset(std::string_view t) {
  if (t.size() <= 10) return false;
  const std::string_view rest = t.substr(10);
  return rest.find_first_of("Zz+-") != std::string_view::npos;
}

// `"text"` shortened to 40 bytes, for messages. (Built with append: GCC 12 warns falsely about
// `"\"" + s.substr(...)` at -O2.)
std::string Quoted(std::string_view text) {
  std::string out(1, '"');
  out.append(text.substr(0, 40));
  out.push_back('"');
  return out;
}

// "value:confidence|value" lists. confidenceRequired: candidates need one; attributes default to 100.
bool ParseRankedList(ParsedRecord& rec, std::string_view text, const std::string& field, bool confidenceRequired,
                     std::vector<std::pair<std::string, double>>& out) {
  if (text.empty()) return true;
  std::size_t i = 0;
  for (const std::string& item : Split(text, '|')) {
    if (i++ >= 64) break;
    const std::string trimmed = Trim(item);
    if (trimmed.empty()) continue;
    const auto colon = trimmed.rfind(':');
    std::string value = trimmed;
    double confidence = 100.0;
    if (colon != std::string::npos) {
      const auto c = ParseNumber(Trim(std::string_view(trimmed).substr(colon + 1)));
      if (!c) return Reject(rec, field, Quoted(trimmed) + " has no numeric confidence after ':'");
      confidence = *c;
      value = Trim(std::string_view(trimmed).substr(0, colon));
    } else if (confidenceRequired) {
      return Reject(rec, field, Quoted(trimmed) + " needs \":confidence\"");
    }
    if (!ConfidenceOk(confidence)) return Reject(rec, field, kConfidenceRange);
    if (value.size() > kMaxAttributeBytes)
      return Reject(rec, field, "a value is longer than " + std::to_string(kMaxAttributeBytes) + " bytes");
    out.emplace_back(std::move(value), confidence);
  }
  return true;
}

}  // namespace

bool SplitCsvLine(std::string_view line, std::vector<std::string>& out, std::string& error) {
  out.clear();
  std::size_t p = 0;
  while (true) {
    if (out.size() >= kMaxFields) {
      error = "more than " + std::to_string(kMaxFields) + " fields";
      return false;
    }
    std::string field;
    if (p < line.size() && line[p] == '"') {
      ++p;
      while (true) {
        if (p >= line.size()) {
          error = "unterminated quoted field (line breaks inside quotes are not supported)";
          return false;
        }
        if (line[p] == '"') {
          if (p + 1 < line.size() && line[p + 1] == '"') {
            field.push_back('"');
            p += 2;
            continue;
          }
          ++p;
          break;
        }
        field.push_back(line[p++]);
      }
      if (p < line.size() && line[p] != ',') {
        error = "unexpected character after a closing quote at column " + std::to_string(p + 1);
        return false;
      }
    } else {
      const auto comma = line.find(',', p);
      const std::string_view raw = line.substr(p, comma == std::string_view::npos ? line.size() - p : comma - p);
      if (raw.find('"') != std::string_view::npos) {
        error = "quote inside an unquoted field at column " + std::to_string(p + raw.find('"') + 1);
        return false;
      }
      field = Trim(raw);
      p += raw.size();
    }
    out.push_back(std::move(field));
    if (p >= line.size()) return true;
    ++p;  // the comma
  }
}

CsvHeaderVerdict ParseCsvHeader(std::string_view line, CsvHeader& header, std::string& message) {
  std::vector<std::string> fields;
  std::string error;
  header.index.fill(-1);
  if (!IsValidUtf8(line) || !SplitCsvLine(line, fields, error) || fields.size() < 2) {
    message = "not JSON and not a PlateDesk CSV";
    return CsvHeaderVerdict::NotOurs;
  }
  bool anyOurs = false;
  for (const auto& f : fields) {
    const std::string name = ToLowerAscii(f);
    if (name == "captured_at" || name == "plate") anyOurs = true;
  }
  if (!anyOurs) {
    std::string shown;
    for (std::size_t i = 0; i < fields.size() && i < 8; ++i) {
      if (i) shown.push_back(',');
      shown.append(std::string_view(fields[i]).substr(0, 32));
    }
    message = "CSV without the PlateDesk header (columns: " + shown + ")";
    return CsvHeaderVerdict::NotOurs;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string name = ToLowerAscii(fields[i]);
    std::size_t col = 0;
    while (col < kCsvColumnCount && kNames[col] != name) ++col;
    if (col == kCsvColumnCount) {
      message = "PlateDesk CSV header has an unknown column " + Quoted(fields[i]);
      return CsvHeaderVerdict::Bad;
    }
    if (header.index[col] >= 0) {
      message = "PlateDesk CSV header names \"" + name + "\" twice";
      return CsvHeaderVerdict::Bad;
    }
    header.index[col] = static_cast<int>(i);
  }
  for (int required : {kColCapturedAt, kColCameraId, kColPlate, kColConfidence}) {
    if (header.index[required] < 0) {
      message = "PlateDesk CSV header lacks the column \"" + std::string(kNames[required]) + "\"";
      return CsvHeaderVerdict::Bad;
    }
  }
  header.fields = fields.size();
  return CsvHeaderVerdict::Ours;
}

ParsedRecord ParseCsvLine(std::string_view line, std::int64_t lineNo, const CsvHeader& header,
                          const ParseOptions& options) {
  ParsedRecord rec;
  rec.line = lineNo;
  rec.raw = line;
  rec.sourceFormat = "csv";
  if (line.size() > kMaxRecordBytes) {
    Reject(rec, "", "record is larger than 64 MiB");
    return rec;
  }
  if (!IsValidUtf8(line)) {
    Reject(rec, "", "line is not valid UTF-8");
    return rec;
  }
  std::vector<std::string> fields;
  std::string error;
  if (!SplitCsvLine(line, fields, error)) {
    Reject(rec, "", "malformed CSV: " + error);
    return rec;
  }
  if (fields.size() != header.fields) {
    Reject(rec, "", "expected " + std::to_string(header.fields) + " fields, found " + std::to_string(fields.size()));
    return rec;
  }
  auto get = [&](int col) -> const std::string& {
    static const std::string kEmpty;
    return header.index[col] >= 0 ? fields[static_cast<std::size_t>(header.index[col])] : kEmpty;
  };
  ParsedRead pr;
  store::NewRead& read = pr.read;
  read.sourceFormat = "csv";

  const auto capturedAt = ParseIso8601(get(kColCapturedAt));
  if (!capturedAt) {
    Reject(rec, "captured_at", capturedAt.Err().message);
    return rec;
  }
  if (!HasOffset(get(kColCapturedAt))) {
    Reject(rec, "captured_at", "time must end in Z or a UTC offset (+hh:mm)");
    return rec;
  }
  read.capturedAt = *capturedAt;
  if (std::string why = CaptureTimeProblem(read.capturedAt, options); !why.empty()) {
    Reject(rec, "captured_at", why);
    return rec;
  }

  const std::string& camera = get(kColCameraId);
  if (camera.empty()) {
    Reject(rec, "camera_id", "is missing");
    return rec;
  }
  if (camera.size() > kMaxIdBytes) {
    Reject(rec, "camera_id", "is longer than " + std::to_string(kMaxIdBytes) + " bytes");
    return rec;
  }
  pr.cameraExternalId = camera;

  if (get(kColPlate).empty()) {
    Reject(rec, "plate", "plate is missing");
    return rec;
  }
  if (std::string why = SetPlate(read, get(kColPlate)); !why.empty()) {
    Reject(rec, "plate", why);
    return rec;
  }

  const auto confidence = ParseNumber(get(kColConfidence));
  if (!confidence) {
    Reject(rec, "confidence", get(kColConfidence).empty() ? "is missing" : "must be a number");
    return rec;
  }
  if (!ConfidenceOk(*confidence)) {
    Reject(rec, "confidence", kConfidenceRange);
    return rec;
  }
  read.confidence = *confidence;

  read.state = StateFor(get(kColState), true);
  if (!get(kColState).empty() && read.state.empty())
    rec.warnings.push_back({"state", Quoted(get(kColState)) + " is not a US state: stored as unknown"});

  std::vector<std::pair<std::string, double>> list;
  if (!ParseRankedList(rec, get(kColCandidates), "candidates", true, list)) return rec;
  for (auto& [plate, conf] : list) read.candidates.push_back({std::move(plate), {}, conf});
  FinishCandidates(read);

  const std::pair<int, std::vector<store::RankedValue>*> attributes[] = {{kColColor, &read.vehicle.color},
                                                                         {kColMake, &read.vehicle.make},
                                                                         {kColModel, &read.vehicle.model},
                                                                         {kColBody, &read.vehicle.body},
                                                                         {kColYear, &read.vehicle.year}};
  for (const auto& [col, values] : attributes) {
    list.clear();
    if (!ParseRankedList(rec, get(col), std::string(kNames[static_cast<std::size_t>(col)]), false, list)) return rec;
    for (auto& [value, conf] : list)
      if (auto v = AttributeValue(value)) values->push_back({std::move(*v), conf});
    FinishRanked(*values);
  }

  if (!get(kColDirection).empty()) {
    const auto d = ParseNumber(get(kColDirection));
    if (!d || *d < 0 || *d > 360) {
      Reject(rec, "direction", "must be a number of degrees 0-360");
      return rec;
    }
    read.directionDeg = *d;
  }
  const std::string& latText = get(kColLatitude);
  const std::string& lonText = get(kColLongitude);
  if (!latText.empty() || !lonText.empty()) {
    const auto lat = ParseNumber(latText);
    const auto lon = ParseNumber(lonText);
    if (!lat || *lat < -90 || *lat > 90) {
      Reject(rec, "latitude", "must be a number -90..90 (with longitude)");
      return rec;
    }
    if (!lon || *lon < -180 || *lon > 180) {
      Reject(rec, "longitude", "must be a number -180..180 (with latitude)");
      return rec;
    }
    read.latitude = *lat;
    read.longitude = *lon;
  }

  const std::string& uuid = get(kColUuid);
  if (uuid.size() > kMaxIdBytes) {
    Reject(rec, "uuid", "is longer than " + std::to_string(kMaxIdBytes) + " bytes");
    return rec;
  }
  read.sourceUuid = uuid.empty() ? DerivedUuid(camera, read.capturedAt, read.plate) : uuid;
  read.payloadSha256 = Sha256Hex(line);
  rec.reads.push_back(std::move(pr));
  return rec;
}

}  // namespace platedesk::ingest::detail
