// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReadFactory.h"

#include "Misreads.h"

#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace platedesk::demo {
namespace {

constexpr double kUnknownStateShare = 0.02;

double NormaliseDeg(double d) {
  d = std::fmod(d, 360.0);
  return d < 0 ? d + 360.0 : d;
}

double Round(double v, double step) { return std::round(v / step) * step; }

// A direction rounded to 0.1 degree in [0, 360): 359.96 becomes 0.0, not 360.0.
double Direction(double deg) {
  const double d = Round(NormaliseDeg(deg), 0.1);
  return d >= 360.0 ? 0.0 : d;
}

// Confidences of a ranked list: the top one, then strictly lower ones.
std::vector<double> RankedConfidences(std::size_t n, double topLo, double topHi, Rng& rng) {
  std::vector<double> out;
  double c = RoundConfidence(rng.Uniform(topLo, topHi));
  out.push_back(c);
  for (std::size_t i = 1; i < n; ++i) {
    c = RoundConfidence(c * rng.Uniform(0.15, 0.6));
    if (c < 0.5) break;
    out.push_back(c);
  }
  return out;
}

std::string YearBin(int year) {
  const int from = year - ((year % 5) + 5) % 5;
  return std::to_string(from) + "-" + std::to_string(from + 4);
}

const char* SimilarBody(const std::string& body) {
  if (body == "sedan") return "hatchback";
  if (body == "hatchback") return "wagon";
  if (body == "wagon") return "suv-crossover";
  if (body == "suv-crossover") return "minivan";
  if (body == "minivan") return "van";
  if (body == "van") return "minivan";
  if (body == "pickup") return "suv-crossover";
  if (body == "coupe") return "sedan";
  return "sedan";
}

void AppendEscaped(std::string& out, const std::string& s) {
  out.push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

void AppendNumber(std::string& out, double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  out += buf;
}

void AppendRanked(std::string& out, const char* key, const std::vector<store::RankedValue>& values) {
  out += '"';
  out += key;
  out += "\":[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"confidence\":";
    AppendNumber(out, values[i].confidence, 1);
    out += ",\"value\":";
    AppendEscaped(out, values[i].value);
    out += '}';
  }
  out += ']';
}

}  // namespace

ReadFactory::ReadFactory(const Catalog& catalog, const Fleet& fleet, const CameraPlan& cameras,
                         const PacificTime& pacific, std::uint64_t seed)
    : mCatalog(catalog), mFleet(fleet), mCameras(cameras), mPacific(pacific), mSeed(seed) {}

store::VehicleAttributes ReadFactory::Attributes(const Vehicle& v, Rng& rng) const {
  store::VehicleAttributes a;
  // Colour: the top rank is right most of the time, else the right one is second.
  {
    const auto& colour = mCatalog.colours[v.colour];
    std::vector<std::string> ranked{colour.name};
    for (int s : colour.similar) ranked.push_back(mCatalog.colours[static_cast<std::size_t>(s)].name);
    if (!rng.Chance(0.86) && ranked.size() > 1) std::swap(ranked[0], ranked[1]);
    const std::size_t n =
        std::min<std::size_t>(ranked.size(), 1 + (rng.Chance(0.75) ? 1 : 0) + (rng.Chance(0.4) ? 1 : 0));
    const auto conf = RankedConfidences(n, 55.0, 96.0, rng);
    for (std::size_t i = 0; i < conf.size(); ++i) a.color.push_back({ranked[i], conf[i]});
  }
  // Make and model: alternatives are other models (and usually other makes).
  {
    std::vector<std::size_t> ranked{v.model};
    const std::size_t n = 1 + (rng.Chance(0.6) ? 1 : 0) + (rng.Chance(0.3) ? 1 : 0);
    for (int attempt = 0; ranked.size() < n && attempt < 10; ++attempt) {
      const std::size_t other = rng.Below(mCatalog.models.size());
      if (std::find(ranked.begin(), ranked.end(), other) == ranked.end()) ranked.push_back(other);
    }
    if (!rng.Chance(0.8) && ranked.size() > 1) std::swap(ranked[0], ranked[1]);
    const auto makeConf = RankedConfidences(ranked.size(), 45.0, 94.0, rng);
    for (std::size_t i = 0; i < makeConf.size(); ++i) {
      const auto& m = mCatalog.models[ranked[i]];
      const bool dupMake =
          std::any_of(a.make.begin(), a.make.end(), [&](const store::RankedValue& r) { return r.value == m.make; });
      if (!dupMake) a.make.push_back({m.make, makeConf[i]});
      a.model.push_back({m.model, RoundConfidence(makeConf[i] * 0.85)});
    }
  }
  // Body type.
  {
    const auto& body = mCatalog.models[v.model].body;
    std::vector<std::string> ranked{body, SimilarBody(body)};
    if (!rng.Chance(0.9)) std::swap(ranked[0], ranked[1]);
    const auto conf = RankedConfidences(rng.Chance(0.6) ? 2 : 1, 60.0, 97.0, rng);
    for (std::size_t i = 0; i < conf.size(); ++i) a.body.push_back({ranked[i], conf[i]});
  }
  // Model year as five-year bins; the neighbouring bin is the usual confusion.
  {
    std::vector<std::string> ranked{YearBin(v.year), YearBin(v.year + (rng.Chance(0.5) ? 5 : -5))};
    if (!rng.Chance(0.72)) std::swap(ranked[0], ranked[1]);
    const auto conf = RankedConfidences(rng.Chance(0.7) ? 2 : 1, 35.0, 85.0, rng);
    for (std::size_t i = 0; i < conf.size(); ++i) a.year.push_back({ranked[i], conf[i]});
  }
  return a;
}

store::NewRead ReadFactory::Make(const Pass& pass, std::int64_t index, Rng& rng) const {
  const Vehicle& v = mFleet[pass.vehicle];
  const PlannedCamera& cam = mCameras.Cameras()[pass.camera];
  store::NewRead r;
  r.sourceFormat = "demo";
  r.sourceUuid = "demo-" + std::to_string(mSeed) + "-" + std::to_string(index);
  r.capturedAt = pass.at;
  r.camera = cam.id;

  // Confidence: mostly 80-98; a tail below 60 (night, rain, dirt), more of it at night and from
  // moving patrol cars.
  const int hour = mPacific.LocalHour(pass.at);
  const bool night = hour < 6 || hour >= 20;
  const double poor = (night ? 0.10 : 0.055) + (cam.kind == store::CameraKind::Mobile ? 0.04 : 0.0);
  const double u = rng.Uniform();
  double confidence = 0;
  if (u < poor)
    confidence = rng.Uniform(35.0, 60.0);
  else if (u < poor + 0.12)
    confidence = rng.Uniform(60.0, 80.0);
  else
    confidence = 80.0 + 18.0 * std::sqrt(rng.Uniform());

  const std::string truth = plate::NormalisePlate(v.Printed());
  const double misreadChance = confidence < 60 ? 0.35 : (confidence < 80 ? 0.12 : 0.025);
  std::string best = truth;
  bool misread = false;
  if (rng.Chance(misreadChance)) {
    best = Misread(truth, rng);
    misread = best != truth;
    if (misread) confidence = std::max(20.0, confidence - rng.Uniform(4.0, 18.0));
  }
  r.confidence = RoundConfidence(confidence);
  r.plate = best;
  r.plateReported = (!misread && cam.reportsSeparators) ? std::string(v.Printed()) : best;
  r.candidates = MakeCandidates(best, truth, misread, r.confidence, rng);

  const double unknownState = confidence < 60 ? 2.5 * kUnknownStateShare : kUnknownStateShare;
  if (!rng.Chance(unknownState)) r.state = mFleet.StateCode(v.state);

  // About one read in twenty comes without vehicle attributes (the classifier gave up).
  if (!rng.Chance(0.05)) r.vehicle = Attributes(v, rng);

  switch (cam.kind) {
    case store::CameraKind::Fixed: {
      // Along the street or against it; a trip's heading decides which, else either way.
      double dir = cam.axisDeg;
      if (pass.headingDeg >= 0) {
        const double diff = std::fabs(NormaliseDeg(pass.headingDeg - cam.axisDeg + 180.0) - 180.0);
        if (diff > 90.0) dir += 180.0;
      } else if (rng.Chance(0.5)) {
        dir += 180.0;
      }
      r.directionDeg = Direction(dir + rng.Bell() * 6.0);
      break;
    }
    case store::CameraKind::Mobile: {
      double heading = 0;
      const LatLon where = mCameras.PositionAt(pass.camera, pass.at, &heading);
      // Same direction as the patrol car, oncoming, or a parked car at an angle.
      const double w = rng.Uniform();
      const double dir = w < 0.5 ? heading : (w < 0.85 ? heading + 180.0 : rng.Uniform(0.0, 360.0));
      r.directionDeg = Direction(dir + rng.Bell() * 8.0);
      r.latitude = Round(where.latitude + rng.Bell() * 0.00005, 1e-6);
      r.longitude = Round(where.longitude + rng.Bell() * 0.00007, 1e-6);
      break;
    }
    case store::CameraKind::Portable: {
      // Trailers report their GPS fix but no direction.
      const LatLon where = mCameras.PositionAt(pass.camera, pass.at);
      r.latitude = Round(where.latitude + rng.Bell() * 0.00002, 1e-6);
      r.longitude = Round(where.longitude + rng.Bell() * 0.00003, 1e-6);
      break;
    }
  }
  return r;
}

std::string ReadFactory::CanonicalJson(const store::NewRead& r, const std::string& cameraExternalId) const {
  std::string out;
  out.reserve(1024);
  out += "{\"camera\":";
  AppendEscaped(out, cameraExternalId);
  out += ",\"candidates\":[";
  for (std::size_t i = 0; i < r.candidates.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"confidence\":";
    AppendNumber(out, r.candidates[i].confidence, 1);
    out += ",\"plate\":";
    AppendEscaped(out, r.candidates[i].plate);
    out += ",\"plateReported\":";
    AppendEscaped(out, r.candidates[i].plateReported);
    out += '}';
  }
  out += "],\"capturedAt\":";
  AppendEscaped(out, FormatIso8601(r.capturedAt));
  out += ",\"confidence\":";
  AppendNumber(out, r.confidence, 1);
  if (r.directionDeg) {
    out += ",\"directionDeg\":";
    AppendNumber(out, *r.directionDeg, 1);
  }
  if (r.latitude && r.longitude) {
    out += ",\"latitude\":";
    AppendNumber(out, *r.latitude, 6);
    out += ",\"longitude\":";
    AppendNumber(out, *r.longitude, 6);
  }
  out += ",\"plate\":";
  AppendEscaped(out, r.plate);
  out += ",\"plateImage\":";
  AppendEscaped(out, r.plateImage);
  out += ",\"plateReported\":";
  AppendEscaped(out, r.plateReported);
  out += ",\"region\":";
  AppendEscaped(out, r.state.empty() ? std::string() : "us-" + ToLowerAscii(r.state));
  out += ",\"sourceUuid\":";
  AppendEscaped(out, r.sourceUuid);
  out += ",\"vehicle\":{";
  AppendRanked(out, "body", r.vehicle.body);
  out += ',';
  AppendRanked(out, "color", r.vehicle.color);
  out += ',';
  AppendRanked(out, "make", r.vehicle.make);
  out += ',';
  AppendRanked(out, "model", r.vehicle.model);
  out += ',';
  AppendRanked(out, "year", r.vehicle.year);
  out += "},\"vehicleImage\":";
  AppendEscaped(out, r.vehicleImage);
  out += '}';
  return out;
}

}  // namespace platedesk::demo
