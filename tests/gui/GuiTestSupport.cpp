// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiTestSupport.h"

#include "views/support/NavigationList.h"

#include <boost/test/unit_test.hpp>
#include <wx/app.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/filename.h>
#include <wx/frame.h>
#include <wx/image.h>
#include <wx/init.h>
#include <wx/menu.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#include <cctype>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <vector>

namespace platedesk::tests {
namespace {

// wxWidgets started once for the whole test executable, as an application would.
class GuiTestApp : public wxApp {
 public:
  bool OnInit() override { return true; }  // no command line of its own: Boost.Test owns argv
};

struct WxSession {
  WxSession() {
    wxApp::SetInstance(new GuiTestApp());
    static char name[] = "gui_test";
    static char* argv[] = {name, nullptr};
    int argc = 1;
    if (!wxEntryStart(argc, argv)) {
      throw std::runtime_error("wxWidgets could not start: is there an X display (run under xvfb-run)?");
    }
    if (!wxTheApp->CallOnInit()) {
      throw std::runtime_error("wxApp::OnInit failed");
    }
    wxInitAllImageHandlers();
  }
  ~WxSession() {
    wxTheApp->OnExit();
    wxEntryCleanup();
  }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(WxSession);

bool PumpUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    wxTheApp->Yield(true);
    wxTheApp->ProcessPendingEvents();
    wxTheApp->ProcessIdle();  // also deletes windows whose Destroy() was deferred
    if (done()) {
      return true;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return done();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void PumpFor(std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  PumpUntil([&] { return std::chrono::steady_clock::now() >= until; }, duration + std::chrono::seconds(1));
}

namespace {

// Counts paint events of a window and all its descendants (the counter lives as long as they do).
void CountPaints(wxWindow* window, const std::shared_ptr<int>& paints) {
  window->Bind(wxEVT_PAINT, [paints](wxPaintEvent& event) {
    ++*paints;
    event.Skip();
  });
  for (wxWindow* child : window->GetChildren()) {
    CountPaints(child, paints);
  }
}

}  // namespace

wxBitmap CaptureWindow(wxWindow* window) {
  // A window that is mapped but not painted yet would capture whatever the screen held before,
  // so ask for a full repaint and wait until it has happened.
  auto paints = std::make_shared<int>(0);
  CountPaints(window, paints);
  window->Raise();
  window->Refresh();
  window->Update();
  PumpUntil([&] { return *paints > 0; }, std::chrono::seconds(5));
  PumpFor(std::chrono::milliseconds(300));
  // Each window's own DC reads its pixels from the X server (wxScreenDC on GTK 3 keeps returning
  // the first image it took). On GTK a frame's DC covers only its client area, so the menu bar
  // and the status bar are copied in at their places.
  const wxRect outer = window->GetScreenRect();
  wxBitmap bitmap(outer.GetSize(), 24);
  wxMemoryDC memory(bitmap);
  memory.SetBackground(*wxBLACK_BRUSH);
  memory.Clear();
  std::vector<wxWindow*> parts{window};
  if (auto* frame = dynamic_cast<wxFrame*>(window)) {
    if (frame->GetMenuBar() != nullptr) {
      parts.push_back(frame->GetMenuBar());
    }
    if (frame->GetStatusBar() != nullptr) {
      parts.push_back(frame->GetStatusBar());
    }
  }
  for (wxWindow* part : parts) {
    wxWindowDC source(part);
    const wxSize size = source.GetSize();
    wxPoint origin = part == window ? window->ClientToScreen(wxPoint(0, 0)) : part->GetScreenPosition();
    origin -= outer.GetPosition();
    memory.Blit(origin.x, origin.y, size.x, size.y, &source, 0, 0);
  }
  memory.SelectObject(wxNullBitmap);
  return bitmap;
}

wxString ScreenshotPath(const wxString& file) {
  wxString folder;
  if (!wxGetEnv(wxS("PLATEDESK_SCREENSHOT_DIR"), &folder) || folder.empty()) {
    folder = wxString::FromUTF8(PLATEDESK_SCREENSHOT_DIR);
  }
  if (!wxFileName::DirExists(folder)) {
    wxFileName::Mkdir(folder, wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
  }
  return wxFileName(folder, file).GetFullPath();
}

int DistinctColours(const wxBitmap& bitmap, int cap) {
  const wxImage image = bitmap.ConvertToImage();
  std::unordered_set<unsigned> colours;
  const unsigned char* data = image.GetData();
  const long pixels = static_cast<long>(image.GetWidth()) * image.GetHeight();
  for (long i = 0; i < pixels && static_cast<int>(colours.size()) < cap; ++i) {
    colours.insert((unsigned{data[3 * i]} << 16) | (unsigned{data[3 * i + 1]} << 8) | data[3 * i + 2]);
  }
  return static_cast<int>(colours.size());
}

std::string DigitsOf(const wxString& text) {
  std::string digits;
  for (const char c : text.ToStdString(wxConvUTF8)) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      digits += c;
    }
  }
  return digits;
}

bool ImageMatches(const wxImage& image, const views::QrCode& code, int modulePixels) {
  using views::QrCode;
  const int side = (code.Size() + 2 * QrCode::kQuietZone) * modulePixels;
  if (image.GetWidth() != side || image.GetHeight() != side) {
    return false;
  }
  for (int y = 0; y < code.Size() + 2 * QrCode::kQuietZone; ++y) {
    for (int x = 0; x < code.Size() + 2 * QrCode::kQuietZone; ++x) {
      const int px = x * modulePixels + modulePixels / 2;
      const int py = y * modulePixels + modulePixels / 2;
      const bool darkPixel = image.GetRed(px, py) < 128 && image.GetGreen(px, py) < 128 && image.GetBlue(px, py) < 128;
      const int mx = x - QrCode::kQuietZone;
      const int my = y - QrCode::kQuietZone;
      const bool inside = mx >= 0 && my >= 0 && mx < code.Size() && my < code.Size();
      if (darkPixel != (inside && code.Dark(mx, my))) {
        return false;
      }
    }
  }
  return true;
}

void Type(wxWindow* parent, const wxString& name, const wxString& text) {
  auto* field = FindNamed<wxTextCtrl>(parent, name);
  BOOST_REQUIRE_MESSAGE(field != nullptr, name);
  field->SetValue(text);
}

void Pick(wxWindow* parent, const wxString& name, const std::function<bool(const wxString&)>& which) {
  auto* choice = FindNamed<wxChoice>(parent, name);
  BOOST_REQUIRE_MESSAGE(choice != nullptr, name);
  for (unsigned i = 0; i < choice->GetCount(); ++i) {
    if (which(choice->GetString(i))) {
      choice->SetSelection(static_cast<int>(i));
      wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
      event.SetEventObject(choice);
      event.SetInt(static_cast<int>(i));
      choice->ProcessWindowEvent(event);
      return;
    }
  }
  BOOST_FAIL("no matching item in " << name);
}

void Click(wxWindow* parent, const wxString& name) {
  auto* button = FindNamed<wxButton>(parent, name);
  BOOST_REQUIRE_MESSAGE(button != nullptr, name);
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
}

bool ShowSection(wxWindow* frame, const wxString& label) {
  auto* navigation = FindNamed<views::NavigationList>(frame, wxS("navigation"));
  if (navigation == nullptr) return false;
  for (std::size_t i = 0; i < navigation->SectionCount(); ++i) {
    if (navigation->SectionLabel(i) != label) continue;
    navigation->SetSelection(static_cast<int>(i));
    wxCommandEvent event(wxEVT_LISTBOX, navigation->GetId());
    event.SetEventObject(navigation);
    event.SetInt(static_cast<int>(i));
    navigation->ProcessWindowEvent(event);
    return true;
  }
  return false;
}

}  // namespace platedesk::tests
