// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CameraPlan.h"
#include "Catalog.h"
#include "Fleet.h"
#include "PacificTime.h"
#include "Random.h"
#include "Traffic.h"

#include "platedesk/store/Types.h"

#include <cstdint>
#include <string>

namespace platedesk::demo {

/// Turns a pass into a camera-like read: confidence (most 80-98, a tail below 60, worse at
/// night and from patrol cars), sometimes a misread best plate, ranked candidates, ranked
/// vehicle attributes (top rank usually right), travel direction, GPS for mobile and portable
/// cameras, a state (unknown for about 2 %). Immutable; Make draws only from the rng it is given.
class ReadFactory {
 public:
  ReadFactory(const Catalog& catalog, const Fleet& fleet, const CameraPlan& cameras, const PacificTime& pacific,
              std::uint64_t seed);

  /// Read number `index` (0-based over the whole demo) for a pass; images and payloadSha256 empty.
  [[nodiscard]] store::NewRead Make(const Pass& pass, std::int64_t index, Rng& rng) const;
  /// Canonical JSON of a read as the demo "camera" sends it (keys in byte order, no spaces,
  /// fixed number formats); payloadSha256 is the SHA-256 of these bytes.
  [[nodiscard]] std::string CanonicalJson(const store::NewRead& read, const std::string& cameraExternalId) const;

 private:
  [[nodiscard]] store::VehicleAttributes Attributes(const Vehicle& v, Rng& rng) const;

  const Catalog& mCatalog;
  const Fleet& mFleet;
  const CameraPlan& mCameras;
  const PacificTime& mPacific;
  std::uint64_t mSeed;
};

}  // namespace platedesk::demo
