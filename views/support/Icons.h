// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/bmpbndl.h>
#include <wx/iconbndl.h>

#include <string_view>

namespace platedesk::views {

/// An icon from resources/icons (embedded SVG, "overview" -> overview.svg) at `size` DIPs,
/// sharp at any DPI scale. Unknown names give an empty bundle (and a debug log line).
[[nodiscard]] wxBitmapBundle Icon(std::string_view name, int size = 24);

/// The application icon at the sizes window managers ask for (16 to 256 px).
[[nodiscard]] wxIconBundle AppIcons();

}  // namespace platedesk::views
