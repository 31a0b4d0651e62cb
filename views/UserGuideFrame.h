// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/frame.h>
#include <wx/string.h>

#include <optional>

class wxHtmlWindow;

namespace platedesk::views {

/// The shipped user guide (docs/user-guide.md as HTML): <program folder>/../share/doc/platedesk/
/// user-guide.html, as installed and as built (<build>/bin beside <build>/share), else the build
/// tree this binary was built in. nullopt when none is there.
[[nodiscard]] std::optional<wxString> UserGuideFile();

/// Help > User guide: the guide in a window of its own, with its screenshots; links out of the
/// guide open in the browser. Shows a sentence saying where the guide should be when it is missing.
class UserGuideFrame : public wxFrame {
 public:
  explicit UserGuideFrame(wxWindow* parent);

  /// The page shown (for tests): nullptr when the guide is missing.
  [[nodiscard]] wxHtmlWindow* Page() const { return mPage; }

 private:
  wxHtmlWindow* mPage = nullptr;
};

}  // namespace platedesk::views
