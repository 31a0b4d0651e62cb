// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/image.h>

#include <optional>
#include <string_view>

namespace platedesk::views {

/// Registers the JPEG and PNG decoders once. Call on the GUI thread before any worker decodes.
void EnsureImageHandlers();

/// Decodes JPEG or PNG bytes (as Session::GetImage returns them) without logging; nullopt for
/// anything else or a damaged file. Safe on a worker thread (wxImage is not a GUI object).
[[nodiscard]] std::optional<wxImage> DecodeImage(std::string_view bytes);

/// The width and height a PNG or JPEG file declares in its header, without decoding it; nullopt
/// for anything else. Checked before decoding bytes from outside (a map tile server), so that a
/// small file declaring an enormous image is refused instead of allocated.
[[nodiscard]] std::optional<wxSize> DeclaredImageSize(std::string_view bytes);

/// `image` scaled to fit `box` (aspect kept, high quality), centred on a `background` canvas.
[[nodiscard]] wxImage FitImage(const wxImage& image, const wxSize& box, const wxColour& background);

}  // namespace platedesk::views
