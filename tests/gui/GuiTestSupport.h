// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/support/Preferences.h"
#include "views/support/QrCode.h"

#include <wx/bitmap.h>
#include <wx/image.h>
#include <wx/string.h>
#include <wx/window.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace platedesk::tests {

/// Processes GUI events (X events, queued CallAfter calls, idle handlers, deferred window
/// deletions) until done() is true or the timeout passes. Returns done().
bool PumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout = std::chrono::seconds(20));

/// The views' per-user choices kept in `kept` (the application keeps them in its settings file).
inline views::Preferences MemoryPreferences(std::map<std::string, std::string>& kept) {
  views::Preferences p;
  p.read = [&kept](const std::string& key) -> std::optional<std::string> {
    const auto it = kept.find(key);
    return it == kept.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  p.write = [&kept](const std::string& key, const std::string& value) { kept[key] = value; };
  return p;
}

/// Processes events for a while (lets X map and paint windows).
void PumpFor(std::chrono::milliseconds duration);

/// The pixels of a shown top-level window, including its menu and status bars.
wxBitmap CaptureWindow(wxWindow* window);

/// Where the screenshot `file` ("gui-search.png") is written: the folder named by the environment
/// variable PLATEDESK_SCREENSHOT_DIR (CTest sets it), else <build>/screenshots; never the source
/// tree or the working directory. Creates the folder.
wxString ScreenshotPath(const wxString& file);

/// Number of distinct colours in a bitmap (capped at `cap`).
int DistinctColours(const wxBitmap& bitmap, int cap = 1000);

/// Only the digits of a label ("2,000 reads" -> "2000").
std::string DigitsOf(const wxString& text);

/// Reads the modules back from a rendered QR image (the centre pixel of each module's square,
/// `modulePixels` a side): true when every module matches `code` and the quiet zone is white.
bool ImageMatches(const wxImage& image, const views::QrCode& code, int modulePixels);

/// A named window (`parent` or one of its descendants), cast to T (null if missing or of another type).
template <class T>
T* FindNamed(wxWindow* parent, const wxString& name) {
  return dynamic_cast<T*>(wxWindow::FindWindowByName(name, parent));
}

// What a user does, with the events that follow (test failures name the missing window):
/// types into a named text field (wxEVT_TEXT follows);
void Type(wxWindow* parent, const wxString& name, const wxString& text);
/// picks the first item of a named wxChoice for which `which` is true (wxEVT_CHOICE follows);
void Pick(wxWindow* parent, const wxString& name, const std::function<bool(const wxString&)>& which);
/// clicks a named button (wxEVT_BUTTON).
void Click(wxWindow* parent, const wxString& name);
/// Selects the main window's navigation section labelled `label` (as a click would). False when
/// the frame has no such section.
bool ShowSection(wxWindow* frame, const wxString& label);

}  // namespace platedesk::tests
