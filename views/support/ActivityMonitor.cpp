// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/ActivityMonitor.h"

#include <utility>

namespace platedesk::views {

ActivityMonitor::ActivityMonitor(std::function<void()> onInput) : mOnInput(std::move(onInput)) {
  wxEvtHandler::AddFilter(this);
}

ActivityMonitor::~ActivityMonitor() { wxEvtHandler::RemoveFilter(this); }

bool ActivityMonitor::IsUserInput(wxEventType type) {
  return type == wxEVT_KEY_DOWN || type == wxEVT_CHAR || type == wxEVT_LEFT_DOWN || type == wxEVT_RIGHT_DOWN ||
         type == wxEVT_MIDDLE_DOWN || type == wxEVT_MOTION || type == wxEVT_MOUSEWHEEL;
}

int ActivityMonitor::FilterEvent(wxEvent& event) {
  if (mOnInput && IsUserInput(event.GetEventType())) {
    mOnInput();
  }
  return Event_Skip;
}

}  // namespace platedesk::views
