// SPDX-License-Identifier: GPL-3.0-or-later
// A user's own credentials (password change, authenticator enrolment and confirmation, with
// re-authentication), an administrator's resets and training records, and the host
// administrator's break-glass recovery. Every change is audited; a credential change ends the
// user's other sessions.
#include "SessionInternal.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/access/Totp.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <nlohmann/json.hpp>

#include <mutex>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;

std::string Details(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  nlohmann::json obj = nlohmann::json::object();
  for (const auto& [k, v] : fields) obj[std::string(k)] = v;
  return obj.dump();
}

AuditEvent Change(const EmbeddedSession::State& s, std::string event, const std::string& user, std::string details) {
  return AuditEvent{.event = std::move(event),
                    .outcome = Outcome::Success,
                    .user = detail::UserOf(s).name,
                    .session = detail::SessionIdOf(s),
                    .objects = {"user:" + user},
                    .detailsJson = std::move(details)};
}

// The password (and code where enrolled) again, before a change to the user's own credentials:
// whoever sits at an unlocked session cannot take the account over. Counted like a sign-in.
Status Reauthenticate(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& password,
                      const std::string& totp) {
  if (password.empty())
    return Fail(ErrorCode::Unauthenticated, ErrorDetail::ReauthenticationNeeded,
                "enter your current password (and one-time code) to change your own credentials");
  auto user = detail::Authenticate(ws, detail::UserOf(s).name, password, totp, detail::SessionIdOf(s));
  if (user) return {};
  Error e = user.Err();
  if (e.code == ErrorCode::Unauthenticated && e.detail != ErrorDetail::AccountNowLocked)
    e.detail = ErrorDetail::ReauthenticationNeeded;
  return e;
}

Result<int> EndOtherSessions(Workstation::Impl& ws, const EmbeddedSession::State& s, const std::string& user,
                             const std::string& reason) {
  return detail::StorageOf(ws).EndUserSessions(user, detail::TokenHashOf(s), detail::ClockOf(ws).Now(), reason);
}

}  // namespace

Status EmbeddedSession::ChangePassword(const std::string& currentPassword, const std::string& currentTotp,
                                       const std::string& newPassword) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  const std::string name = detail::UserOf(*mState).name;
  PLATEDESK_TRY(access::CheckPasswordPolicy(name, newPassword));
  PLATEDESK_TRY(Reauthenticate(ws, *mState, currentPassword, currentTotp));
  access::Accounts accounts(detail::StorageOf(ws));
  PLATEDESK_TRY(accounts.SetOwnPassword(name, newPassword));
  auto ended = EndOtherSessions(ws, *mState, name, "password changed");
  if (!ended) return ended.Err();
  return detail::Record(ws, Change(*mState, "password.changed", name,
                                   Details({{"by", "self"}, {"other_sessions_ended", std::to_string(*ended)}})));
}

Status EmbeddedSession::ConfirmTotp(const std::string& code) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  const std::string name = detail::UserOf(*mState).name;
  access::Accounts accounts(detail::StorageOf(ws));
  if (Status confirmed = accounts.ConfirmTotp(name, code); !confirmed) {
    if (confirmed.Err().code == ErrorCode::Unauthenticated) {
      PLATEDESK_TRY(detail::Record(ws, {.event = "login.failure",
                                        .outcome = Outcome::Failure,
                                        .user = name,
                                        .session = detail::SessionIdOf(*mState),
                                        .reason = confirmed.Err().message}));
      if (confirmed.Err().detail == ErrorDetail::AccountNowLocked)
        PLATEDESK_TRY(detail::Record(ws, {.event = "account.locked",
                                          .outcome = Outcome::Success,
                                          .user = name,
                                          .session = detail::SessionIdOf(*mState),
                                          .objects = {"user:" + name},
                                          .reason = "5 failed sign-ins within 15 minutes"}));
    }
    return confirmed.Err();
  }
  return detail::Record(ws, Change(*mState, "totp.confirmed", name, Details({{"by", "self"}})));
}

Status EmbeddedSession::ResetPassword(const std::string& name, const std::string& password) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "resetting another user's password is for administrators"));
  access::Accounts accounts(detail::StorageOf(ws));
  auto user = accounts.Find(name);
  if (!user) return user.Err();
  if (!user->has_value()) return Fail(ErrorCode::NotFound, "no such user", name);
  const std::string stored = (*user)->name;
  if (stored == detail::UserOf(*mState).name)
    return Fail(ErrorCode::InvalidArgument, "change your own password with your current one (change-password)");
  PLATEDESK_TRY(accounts.ResetPassword(stored, password));
  // Whoever was signed in with the old password is signed out.
  auto ended = detail::StorageOf(ws).EndUserSessions(stored, "", detail::ClockOf(ws).Now(), "password reset");
  if (!ended) return ended.Err();
  return detail::Record(
      ws, Change(*mState, "password.changed", stored,
                 Details({{"by", "administrator"}, {"one_time", "yes"}, {"sessions_ended", std::to_string(*ended)}})));
}

Result<std::string> EmbeddedSession::EnrollTotp(const std::string& name, const std::string& currentPassword,
                                                const std::string& currentTotp) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  access::Accounts accounts(detail::StorageOf(ws));
  auto user = accounts.Find(name);
  if (!user) return user.Err();
  const bool self = user->has_value() && (*user)->name == detail::UserOf(*mState).name;
  if (self) {
    PLATEDESK_TRY(Reauthenticate(ws, *mState, currentPassword, currentTotp));
  } else {
    PLATEDESK_TRY(
        detail::CheckAdministrator(ws, *mState, "enrolling another user's authenticator is for administrators"));
    if (!user->has_value()) return Fail(ErrorCode::NotFound, "no such user", name);
  }
  const std::string stored = (*user)->name;
  // Recorded before the secret changes: a refused audit write leaves the old enrolment in place.
  PLATEDESK_TRY(detail::Record(ws, Change(*mState, "totp.enrolled", stored,
                                          Details({{"by", self ? "self" : "administrator"},
                                                   {"state", "pending until the user's first code"}}))));
  auto secret = accounts.EnrolTotp(stored);
  if (!secret) return secret.Err();
  if (self) {
    auto ended = EndOtherSessions(ws, *mState, stored, "authenticator enrolled");
    if (!ended) return ended.Err();
  }
  return access::Totp::Uri("PlateDesk", stored, *secret);
}

Status EmbeddedSession::SetTraining(const std::string& name, UtcMs completed, std::optional<UtcMs> expires) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "recording training is for administrators"));
  access::Accounts accounts(detail::StorageOf(ws));
  auto found = accounts.Find(name);
  if (!found) return found.Err();
  if (!found->has_value()) return Fail(ErrorCode::NotFound, "no such user", name);
  store::UserRecord user = **found;
  if (user.name == detail::UserOf(*mState).name)
    return Fail(ErrorCode::PermissionDenied, "another administrator records your own training");
  const UtcMs until = expires.value_or(completed + 365 * kMsPerDay);
  if (until <= completed)
    return Fail(ErrorCode::InvalidArgument, "the certification must expire after it was completed");
  user.trainingCompleted = completed;
  user.trainingExpires = until;
  PLATEDESK_TRY(detail::StorageOf(ws).UpdateUser(user));
  return detail::Record(ws, Change(*mState, "training.changed", user.name,
                                   Details({{"completed", FormatDate(completed)}, {"expires", FormatDate(until)}})));
}

Status Workstation::RecoverAdministrator(const std::string& name, const std::string& osUser) {
  std::lock_guard lock(detail::FacadeOf(*mImpl));
  auto& storage = detail::StorageOf(*mImpl);
  access::Accounts accounts(storage);
  auto found = accounts.Find(name);
  if (!found) return found.Err();
  if (!found->has_value()) return Fail(ErrorCode::NotFound, "no such user", name);
  const store::UserRecord user = **found;
  if (user.role != store::Role::Administrator)
    return Fail(ErrorCode::PermissionDenied,
                "break-glass recovery is for administrator accounts; an administrator unlocks other users", user.name);
  // Recorded first: if the audit log cannot say who did it, it is not done.
  PLATEDESK_TRY(detail::Record(
      *mImpl, {.event = "account.recovered",
               .outcome = Outcome::Success,
               .user = "host:" + osUser,
               .session = "break-glass",
               .objects = {"user:" + user.name},
               .reason = "break-glass recovery by the host administrator " + osUser,
               .detailsJson = Details({{"os_user", osUser}, {"was_locked", user.locked ? "yes" : "no"}})}));
  PLATEDESK_TRY(accounts.Unlock(user.name));
  auto ended = storage.EndUserSessions(user.name, "", detail::ClockOf(*mImpl).Now(), "break-glass recovery");
  if (!ended) return ended.Err();
  return {};
}

}  // namespace platedesk::workstation
