// SPDX-License-Identifier: GPL-3.0-or-later
#include "Normalise.h"

#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"

#include <algorithm>
#include <cmath>

namespace platedesk::ingest::detail {

bool Reject(ParsedRecord& rec, std::string field, std::string message) {
  rec.status = RecordStatus::Rejected;
  rec.field = std::move(field);
  rec.message = std::move(message);
  rec.reads.clear();
  rec.heardCameras.clear();
  return false;
}

bool Skip(ParsedRecord& rec, std::string field, std::string message) {
  rec.status = RecordStatus::Skipped;
  rec.field = std::move(field);
  rec.message = std::move(message);
  rec.reads.clear();
  return false;
}

std::string SetPlate(store::NewRead& read, std::string_view reported) {
  if (reported.size() > kMaxPlateReportedBytes)
    return "plate text is longer than " + std::to_string(kMaxPlateReportedBytes) + " bytes";
  std::string plate = plate::NormalisePlate(reported);
  if (plate.empty()) return "plate has no letters or digits";
  if (plate.size() > plate::kMaxPlateLength)
    return "plate has " + std::to_string(plate.size()) + " characters; at most " +
           std::to_string(plate::kMaxPlateLength) + " are allowed";
  read.plateReported.assign(reported);
  read.plate = std::move(plate);
  return {};
}

UtcMs EpochToMs(double epoch) {
  // Old alprd sends seconds, everything newer milliseconds; 1e11 ms is 1973 and 1e11 s is the
  // year 5138, so the magnitude tells them apart.
  if (std::fabs(epoch) < 1e11) return static_cast<UtcMs>(std::llround(epoch * 1000.0));
  if (std::fabs(epoch) > 9e15) return epoch > 0 ? INT64_C(9000000000000000) : -INT64_C(9000000000000000);
  return static_cast<UtcMs>(std::llround(epoch));
}

std::string CaptureTimeProblem(UtcMs t, const ParseOptions& options) {
  static const UtcMs kEarliest = UtcFromCivil(1990, 1, 1);
  if (t < kEarliest) return "capture time " + FormatIso8601(t) + " is before 1990";
  if (options.now != 0 && t > options.now + kMsPerDay)
    return "capture time " + FormatIso8601(t) + " is more than a day in the future";
  return {};
}

std::string StateFor(std::string_view region, bool allowBare) {
  const std::string r = ToLowerAscii(Trim(region));
  if (r.size() == 5 && r.compare(0, 3, "us-") == 0) return plate::StateFromRegion(r).value_or("");
  if (allowBare && r.size() == 2) return plate::StateFromRegion(r).value_or("");
  return {};
}

void FinishCandidates(store::NewRead& read) {
  std::vector<store::Candidate> out;
  for (auto& c : read.candidates) {
    if (c.plateReported.size() > kMaxPlateReportedBytes) continue;
    c.plate = plate::NormalisePlate(c.plateReported);
    if (!plate::IsNormalisedPlate(c.plate) || c.plate == read.plate) continue;
    if (!(c.confidence >= 0.0 && c.confidence <= 100.0)) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const store::Candidate& o) { return o.plate == c.plate; });
    if (same != out.end()) {
      if (c.confidence > same->confidence) *same = c;
      continue;
    }
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const store::Candidate& a, const store::Candidate& b) { return a.confidence > b.confidence; });
  if (out.size() > kMaxCandidates) out.resize(kMaxCandidates);
  read.candidates = std::move(out);
}

std::optional<std::string> AttributeValue(std::string_view raw) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!raw.empty() && isSpace(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && isSpace(raw.back())) raw.remove_suffix(1);
  if (raw.empty()) return std::nullopt;
  std::string v(raw);
  for (char& c : v) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c == ' ')
      c = '-';
  }
  if (v == "unknown" || v == "invalid" || v == "generic") return std::nullopt;
  return v;
}

void FinishRanked(std::vector<store::RankedValue>& values) {
  // Merge duplicates in place (lists are short: at most kMaxListInput entries).
  std::size_t kept = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::size_t j = 0;
    while (j < kept && values[j].value != values[i].value) ++j;
    if (j < kept) {
      values[j].confidence = std::max(values[j].confidence, values[i].confidence);
    } else {
      if (kept != i) values[kept] = std::move(values[i]);
      ++kept;
    }
  }
  values.resize(kept);
  std::stable_sort(values.begin(), values.end(), [](const store::RankedValue& a, const store::RankedValue& b) {
    return a.confidence > b.confidence;
  });
  if (values.size() > kMaxRankedValues) values.resize(kMaxRankedValues);
}

std::string DerivedUuid(std::string_view camera, UtcMs capturedAt, std::string_view plate) {
  std::string id(camera);
  id += '/';
  id += FormatIso8601(capturedAt);
  id += '/';
  id += plate;
  return id;
}

std::string CameraExternalId(std::string_view agent, std::string_view camera) {
  if (agent.empty()) return std::string(camera);
  std::string id(agent);
  id += '/';
  id += camera;
  return id;
}

}  // namespace platedesk::ingest::detail
