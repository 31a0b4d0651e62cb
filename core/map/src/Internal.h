// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/map/Tiles.h"

namespace platedesk::map::detail {

[[nodiscard]] Result<std::unique_ptr<TileProvider>> OpenUrlTiles(const std::string& urlTemplate,
                                                                 const FetchLimits& limits);
[[nodiscard]] Result<std::unique_ptr<TileProvider>> OpenMBTiles(const std::string& path, const FetchLimits& limits);

}  // namespace platedesk::map::detail
