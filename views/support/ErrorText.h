// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"

#include <wx/colour.h>
#include <wx/string.h>

namespace platedesk::views {

/// What the user was doing when the error happened; a few codes read differently per activity
/// (PermissionDenied at sign-in means the account is disabled, NotFound when opening a storage
/// means the folder holds none; InvalidArgument when connecting names the address and the pin).
/// ManageUsers shows the account rule that was broken (password policy,
/// user-name format, training dates): core words those for people, as the CLI shows them.
enum class Activity {
  General,
  SignIn,
  OpenStorage,
  DataAccess,   ///< a search, a read or an image under an access context (case, purpose, justification)
  Unlock,       ///< re-entering the password on the lock screen
  ManageUsers,  ///< the Users panel and the user's own authenticator enrolment
  Connect,      ///< connecting to a platedesk-server (its address, its pin or CA file, the network)
};

/// The one mapping from a core Error to the sentence a user reads. Never shows the technical
/// message (that goes to the log via LogError); always says what to do next. GUI thread or not.
[[nodiscard]] wxString ErrorText(const Error& error, Activity activity = Activity::General);

/// What to do next after the access rules refused something, told apart by the error's detail
/// (never its message): one sentence per rule; for a refusal without a rule's detail, where to ask.
/// Shown after the core's own reason (Error::message), which names the rule and its values.
[[nodiscard]] wxString RefusalNextStep(const Error& error);

/// The colour error sentences are written in: a red that reads on light and dark themes alike.
[[nodiscard]] wxColour ErrorColour();

/// Writes the technical detail of an error to the log (never plate data: core messages hold none).
void LogError(const Error& error, Activity activity);

}  // namespace platedesk::views
