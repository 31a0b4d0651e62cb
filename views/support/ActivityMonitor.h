// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/event.h>
#include <wx/eventfilter.h>

#include <functional>

namespace platedesk::views {

/// Sees every key press, mouse click, wheel turn and mouse move in the application (a wxWidgets
/// event filter) and calls onInput for each: how the GUI knows the user is still there, so that
/// the idle lock follows real activity and not only calls into core. Does not consume events.
/// GUI thread only; installed for its lifetime.
class ActivityMonitor : public wxEventFilter {
 public:
  explicit ActivityMonitor(std::function<void()> onInput);
  ~ActivityMonitor() override;
  ActivityMonitor(const ActivityMonitor&) = delete;
  ActivityMonitor& operator=(const ActivityMonitor&) = delete;

  int FilterEvent(wxEvent& event) override;

  /// True for the event types that count as the user's activity.
  [[nodiscard]] static bool IsUserInput(wxEventType type);

 private:
  std::function<void()> mOnInput;
};

}  // namespace platedesk::views
