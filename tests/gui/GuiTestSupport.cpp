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
#include <wx/listbox.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/scrolwin.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/thread.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#ifdef __WXGTK__
#include <glib.h>
#endif

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <vector>

namespace platedesk::tests {
namespace {

#ifdef __WXGTK__
// Issue 16: a GTK critical (a widget given less room than it needs, a call on a dead widget) is a
// bug in a view. Each one fails the test that caused it, with GTK's words; those outside a test
// case (start-up, shut-down) fail the run at exit. GTK 3 logs through GLib's structured log (its
// g_critical calls bypass g_log_set_handler), so this is the log writer; it prints as GLib would.
std::atomic<int> gCriticalsOutsideTests{0};

// Where to look: the windows on screen given less than 24 pixels either way (a critical names the
// GTK class, not the window).
void ListCrampedWindows(wxWindow* window, std::string& out) {
  const wxSize size = window->GetSize();
  // Scrolled windows (lists, multi-line text) count shown or not: GTK sizes hidden ones too.
  const bool scrolls =
      (window->GetWindowStyle() & (wxVSCROLL | wxHSCROLL)) != 0 || dynamic_cast<wxListCtrl*>(window) != nullptr ||
      dynamic_cast<wxScrolledWindow*>(window) != nullptr || dynamic_cast<wxListBox*>(window) != nullptr ||
      (dynamic_cast<wxTextCtrl*>(window) != nullptr && static_cast<wxTextCtrl*>(window)->IsMultiLine());
  if ((window->IsShownOnScreen() || scrolls) && (size.x < 24 || size.y < 24)) {
    std::string path;
    for (wxWindow* w = window->GetParent(); w != nullptr; w = w->GetParent())
      path = w->GetName().ToStdString() + "/" + path;
    out += "\n  " + path + window->GetName().ToStdString() + " (" +
           wxString(window->GetClassInfo()->GetClassName()).ToStdString() + ") " + std::to_string(size.x) + "x" +
           std::to_string(size.y);
  }
  for (wxWindow* child : window->GetChildren()) ListCrampedWindows(child, out);
}

GLogWriterOutput OnGLibLog(GLogLevelFlags level, const GLogField* fields, gsize count, gpointer data) {
  if ((level & G_LOG_LEVEL_CRITICAL) != 0) {
    std::string domain;
    std::string message;
    for (gsize i = 0; i < count; ++i) {
      const std::string key = fields[i].key;
      const auto* value = static_cast<const char*>(fields[i].value);
      if (value == nullptr || fields[i].length > 0) continue;  // text fields end with a NUL (length -1)
      if (key == "GLIB_DOMAIN") domain = value;
      if (key == "MESSAGE") message = value;
    }
    if (!wxThread::IsMain()) {  // no window walk and no Boost.Test call off the GUI thread
      ++gCriticalsOutsideTests;
      return g_log_writer_default(level, fields, count, data);
    }
    std::string line = domain + "-CRITICAL: " + message;
    std::string cramped;
    for (wxWindow* top : wxTopLevelWindows) ListCrampedWindows(top, cramped);
    if (!cramped.empty()) line += "; windows on screen under 24 px:" + cramped;
    if (boost::unit_test::framework::test_in_progress()) {
      BOOST_ERROR(line);
    } else {
      ++gCriticalsOutsideTests;
    }
  }
  return g_log_writer_default(level, fields, count, data);
}
#endif

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
#ifdef __WXGTK__
    g_log_set_writer_func(OnGLibLog, nullptr, nullptr);
#endif
  }
  ~WxSession() {
    wxTheApp->OnExit();
    wxEntryCleanup();
#ifdef __WXGTK__
    if (gCriticalsOutsideTests > 0) {
      std::cerr << gCriticalsOutsideTests << " GTK critical(s) outside the test cases: see above\n";
      std::_Exit(1);
    }
#endif
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
