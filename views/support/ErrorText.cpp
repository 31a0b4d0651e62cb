// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/support/ErrorText.h"

#include "platedesk/common/Log.h"

#include <wx/intl.h>
#include <wx/settings.h>

#include <string>

namespace platedesk::views {

namespace {

// The access rules' refusals: each has its own detail and a message written for people. The rules
// are the details from TrainingMissing to the last one (Result.h keeps them there).
static_assert(ErrorDetail::TrainingMissing < ErrorDetail::SecondFactorForPlateData &&
                  ErrorDetail::SecondFactorForPlateData == kLastErrorDetail,
              "the access rules' details are the last ones, TrainingMissing first");
bool IsAccessRule(const Error& error) {
  return error.detail == ErrorDetail::ApprovalNeeded ||
         (error.detail >= ErrorDetail::TrainingMissing && error.detail <= ErrorDetail::SecondFactorForPlateData);
}

}  // namespace

wxString ErrorText(const Error& error, Activity activity) {
  if (IsAccessRule(error) && !wxString::FromUTF8(error.message).empty() &&
      (error.code == ErrorCode::PermissionDenied || error.code == ErrorCode::InvalidArgument)) {
    // The rule's own reason, as the CLI prints it, then what to do next.
    wxString reason = wxString::FromUTF8(error.message);
    reason[0] = wxToupper(reason[0]);
    const wxString recorded =
        activity == Activity::DataAccess ? _("Refused, and the refusal was recorded.") : _("Refused.");
    return wxString::Format(wxS("%s %s. %s"), recorded, reason, RefusalNextStep(error));
  }
  switch (error.code) {
    case ErrorCode::Unauthenticated:
      // The details are told apart by code; a failed sign-in never says whether the name exists.
      if (error.detail == ErrorDetail::AccountNowLocked && activity == Activity::Unlock) {
        return _(
            "Too many failed attempts: this account is now locked. Sign out; an administrator must "
            "unlock the account before you can sign in again.");
      }
      if (error.detail == ErrorDetail::SecondFactorNeeded) {
        return _("Enter the one-time code from your authenticator app.");
      }
      if (error.detail == ErrorDetail::SecondFactorWrong && activity != Activity::SignIn) {
        return _("The one-time code is not correct or was already used. Wait for the next code and try again.");
      }
      if (error.detail == ErrorDetail::ReauthenticationNeeded ||
          (activity == Activity::ManageUsers && error.detail != ErrorDetail::None)) {
        return _("Enter your current password, and the one-time code if you use one, to make this change.");
      }
      if (activity == Activity::SignIn) {
        return _("The user name, password or one-time code is not correct. Check them and try again.");
      }
      if (activity == Activity::Unlock) {
        return _("The password or one-time code is not correct. Check them and try again.");
      }
      return _("Your session has ended. Sign in again to continue.");
    case ErrorCode::Locked:
      if (error.detail == ErrorDetail::StorageServed) {
        // Which server (pid, host, address) goes to the log with the core's message.
        return _(
            "A running PlateDesk storage server (platedesk-server) owns this folder, so it cannot be opened here: "
            "two programs writing one audit log would break it. Stop the server to open the folder directly.");
      }
      if (activity == Activity::SignIn) {
        return _(
            "This account is locked after too many failed sign-in attempts. "
            "Ask an administrator to unlock it.");
      }
      if (activity == Activity::Unlock) {
        return _(
            "Too many failed attempts: this account is now locked. Sign out; an administrator must "
            "unlock the account before you can sign in again.");
      }
      return _("The session is locked. Sign in again to continue.");
    case ErrorCode::PermissionDenied:
      if (error.detail == ErrorDetail::PasswordChangeNeeded) {
        return _("An administrator set this password, and it works only once: choose a new password to sign in.");
      }
      if (error.detail == ErrorDetail::SecondFactorForAdministration) {
        return _(
            "This agency requires a second factor for administration too. Enrol an authenticator app, then sign "
            "in again with a one-time code.");
      }
      if (error.detail == ErrorDetail::SecondAdministratorNeeded) {
        return _(
            "Your request is recorded. Turning this off takes effect when a second administrator makes the same "
            "change within 24 hours.");
      }
      if (activity == Activity::SignIn || activity == Activity::Unlock) {
        return _("This account is disabled or not allowed to sign in. Ask an administrator.");
      }
      if (activity == Activity::DataAccess) {
        return _(
            "This access was refused, and the refusal was recorded. The purpose may be prohibited or "
            "need a supervisor's approval, the justification may name a prohibited use, the case may be "
            "closed, or your training may have lapsed. Ask a supervisor if you need this access.");
      }
      if (activity == Activity::ManageUsers) {
        return _("Only administrators can manage other users' accounts.");
      }
      return _("Your account is not allowed to do this. Ask a supervisor if you need it.");
    case ErrorCode::NotFound:
      if (activity == Activity::OpenStorage) {
        return _(
            "This folder does not contain a PlateDesk storage. Choose the folder that holds "
            "platedesk.db, or create a demo storage with \"platedesk-cli demo\".");
      }
      if (activity == Activity::ManageUsers) {
        return _("This user no longer exists. Refresh the list and try again.");
      }
      if (activity == Activity::Connect) {
        return _("The CA certificate file does not exist. Choose the file your administrator gave you.");
      }
      return _("The requested item no longer exists. Refresh the view and try again.");
    case ErrorCode::Unsupported:
      if (activity == Activity::OpenStorage) {
        return _(
            "This storage was made by a newer version of PlateDesk. Install that version "
            "to open it; nothing was changed.");
      }
      if (activity == Activity::Connect) {
        return _(
            "This server runs a version of PlateDesk that this workstation cannot talk to. Ask your "
            "administrator which version to install. Nothing was changed.");
      }
      return _("This version of PlateDesk cannot handle this data. Nothing was changed.");
    case ErrorCode::Corrupt:
      if (activity == Activity::OpenStorage) {
        return _(
            "The storage in this folder is damaged and cannot be opened. Nothing was "
            "changed; contact your administrator.");
      }
      if (activity == Activity::Connect) {
        return _(
            "Something answered at this address, but not as a PlateDesk server does. Check the address and the "
            "port with your administrator.");
      }
      return _("The data failed its integrity check and was not used. Contact your administrator.");
    case ErrorCode::Io:
      if (error.detail == ErrorDetail::ServerUnreachable) {
        return _(
            "The PlateDesk server did not answer. Check the network connection; if it persists, ask your "
            "administrator whether the server is running. Nothing was changed.");
      }
      if (error.detail == ErrorDetail::ServerNotTrusted) {
        return _(
            "The server's certificate does not match the CA file or pinned key this workstation trusts, so "
            "PlateDesk did not connect. Someone may be intercepting the connection: tell your administrator.");
      }
      if (activity == Activity::OpenStorage) {
        return _(
            "The storage folder could not be read or written. Check that the drive is "
            "connected and that you have access to the folder.");
      }
      if (activity == Activity::Connect) {
        return _(
            "The server refused the connection. Check the address and try again; if it persists, ask your "
            "administrator. Nothing was changed.");
      }
      return _("A file or the database could not be read or written. Check the drive and try again.");
    case ErrorCode::InvalidArgument:
      if (activity == Activity::SignIn) {
        return _("Accept the system-use notice and check what you entered, then try again.");
      }
      if (activity == Activity::DataAccess) {
        return _(
            "The access context or the search was not accepted. Check that the case number has your "
            "agency's format, that a purpose is chosen, that the justification says why (at least 10 "
            "characters), and that the plate pattern and filters are valid.");
      }
      if (activity == Activity::Connect) {
        return _(
            "Check the server address and the pin. The address looks like https://lpr.example.org:8443 (https://, "
            "the server's name, a colon and the port); a pin is sha256// and 44 more characters, copied whole "
            "from what your administrator gave you.");
      }
      if (activity == Activity::ManageUsers && !error.message.empty()) {
        // The rule that was broken ("the password must have at least 8 characters ..."), which
        // core states in words for people; the first letter is raised for a sentence.
        wxString rule = wxString::FromUTF8(error.message);
        rule[0] = wxToupper(rule[0]);
        if (rule.EndsWith(wxS("."))) {
          rule.RemoveLast();
        }
        return wxString::Format(_("This cannot be saved. %s."), rule);
      }
      return _("Some of the information entered is not valid. Correct it and try again.");
    case ErrorCode::AlreadyExists:
      if (activity == Activity::ManageUsers) {
        return _("A user with this name already exists. Choose another name.");
      }
      return _("This item already exists.");
    case ErrorCode::Cancelled:
      return _("The operation was cancelled.");
    case ErrorCode::Internal:
      break;
  }
  return _("Something went wrong inside PlateDesk. The details are in the log; please report it.");
}

wxString RefusalNextStep(const Error& error) {
  switch (error.detail) {
    case ErrorDetail::TrainingMissing:
      return _("An administrator records your LPR training on the Users page once you have completed it.");
    case ErrorDetail::TrainingExpired:
      return _(
          "Complete the annual LPR refresher; an administrator then records the new date on the Users page. "
          "Your training status is on the Overview.");
    case ErrorDetail::CaseNumberInvalid:
      return _("Enter the case number exactly as the records system issued it.");
    case ErrorDetail::PurposeUnknown:
    case ErrorDetail::PurposeWithdrawn:
      return _("Choose another purpose from the list; if none fits, ask an administrator.");
    case ErrorDetail::PurposeProhibited:
    case ErrorDetail::ProhibitedUseNamed:
      return _(
          "Agency policy prohibits this use of LPR data and no approval can allow it. If the justification "
          "was worded badly, write what the access is really for; the refusal stays on record.");
    case ErrorDetail::PurposeNotForRole:
      return _("Ask a colleague in the role this purpose is for, or choose a purpose for your role.");
    case ErrorDetail::JustificationTooShort:
      return _("Say in at least 10 characters why this access is needed.");
    case ErrorDetail::CaseNotRegistered:
      return _("Ask a supervisor to register the case on the Cases page, then try again.");
    case ErrorDetail::CaseClosed:
      return _("If the investigation goes on, ask a supervisor to reopen the case on the Cases page.");
    case ErrorDetail::ApprovalNeeded:
      return _(
          "Request a supervisor's approval for this search (Request approval..., above the results), and run it "
          "under the approval once it is granted (Approvals page); if you asked already, wait for the decision.");
    case ErrorDetail::ApprovalDenied:
      return _("Talk to the supervisor who denied it before asking again; the decision is on the Approvals page.");
    case ErrorDetail::ApprovalNotApplicable:
      return _(
          "Use the case, purpose and justification your approval was given for (Approvals page), or ask for a new "
          "one.");
    case ErrorDetail::RoleHasNoPlateData:
      return _("Auditors review the audit log and the reports; plate data is for investigators.");
    case ErrorDetail::SecondFactorForPlateData:
      return _("Enrol an authenticator app (Account menu), then sign in again with a one-time code.");
    default:
      return _("Ask a supervisor if you need this access.");
  }
}

wxColour ErrorColour() {
  return wxSystemSettings::GetAppearance().IsDark() ? wxColour(0xff, 0x8a, 0x80) : wxColour(0xb7, 0x1c, 0x1c);
}

void LogError(const Error& error, Activity activity) {
  static constexpr const char* kActivityNames[] = {"general", "sign-in",      "open-storage", "data-access",
                                                   "unlock",  "manage-users", "connect"};
  std::string line = "views: ";
  line += kActivityNames[static_cast<int>(activity)];
  line += " failed: ";
  line += ErrorCodeName(error.code);
  if (error.detail != ErrorDetail::None) {
    line += "/";
    line += ErrorDetailName(error.detail);
  }
  line += ": ";
  line += error.ToString();
  Log(error.code == ErrorCode::Internal ? LogLevel::Error : LogLevel::Info, line);
}

}  // namespace platedesk::views
