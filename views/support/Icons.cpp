// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/Icons.h"

#include "platedesk/common/Log.h"

#include <wx/icon.h>

#include <cstddef>
#include <optional>
#include <string>

namespace platedesk::resources::icons {
std::optional<std::string_view> Find(std::string_view fileName);
}  // namespace platedesk::resources::icons

namespace platedesk::views {

wxBitmapBundle Icon(std::string_view name, int size) {
  std::string fileName(name);
  fileName += ".svg";
  const std::optional<std::string_view> svg = resources::icons::Find(fileName);
  if (!svg) {
    Log(LogLevel::Debug, "views: no icon named " + fileName);
    return {};
  }
  // nanosvg parses in place, so it gets a private, NUL-terminated copy.
  std::string copy(*svg);
  return wxBitmapBundle::FromSVG(copy.data(), wxSize(size, size));
}

wxIconBundle AppIcons() {
  const wxBitmapBundle bundle = Icon("platedesk", 256);
  wxIconBundle icons;
  for (const int size : {16, 24, 32, 48, 64, 128, 256}) {
    wxIcon icon;
    icon.CopyFromBitmap(bundle.GetBitmap(wxSize(size, size)));
    icons.AddIcon(icon);
  }
  return icons;
}

}  // namespace platedesk::views
