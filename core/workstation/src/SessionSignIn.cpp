// SPDX-License-Identifier: GPL-3.0-or-later
// Sign-in and the session's life: Workstation::Login / Resume / BootstrapUser, and the Session's
// state (lock, unlock, idle, logout, why data is out of reach).
#include "SessionInternal.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/access/Totp.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Log.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <mutex>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

}  // namespace

// access::Accounts::Authenticate (password first, every attempt counted, then the one-time code),
// recording a failure itself: login.failure, and account.locked when this attempt locked the
// account (told by its error detail, never by its text).
Result<store::UserRecord> detail::Authenticate(Workstation::Impl& ws, const std::string& name,
                                               const std::string& password, const std::string& totp,
                                               const std::string& session, const std::string& newPassword) {
  access::Accounts accounts(detail::StorageOf(ws));
  auto user = accounts.Authenticate({name, password, totp, newPassword});
  if (!user) {
    AuditEvent e{.event = "login.failure",
                 .outcome = Outcome::Failure,
                 .user = name,
                 .session = session,
                 .reason = user.Err().message};
    PLATEDESK_TRY(detail::Record(ws, e));
    if (user.Err().detail == ErrorDetail::AccountNowLocked) {
      AuditEvent l{.event = "account.locked",
                   .outcome = Outcome::Success,
                   .user = name,
                   .session = session,
                   .objects = {"user:" + name},
                   .reason = "5 failed sign-ins within 15 minutes"};
      PLATEDESK_TRY(detail::Record(ws, l));
    }
    return user.Err();
  }
  return user;
}

Result<std::unique_ptr<Session>> Workstation::Login(const LoginRequest& request) {
  auto& ws = *mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  auto& storage = detail::StorageOf(ws);
  const Clock& clock = detail::ClockOf(ws);
  const std::string sessionId = RandomHex(8);
  // A sign-in the server hosts names its client, not the server's host, in every record, the
  // failures included.
  const std::string origin = request.binding.starts_with("address ") ? request.binding : detail::WorkstationName();
  detail::NoteSessionOrigin(ws, sessionId, origin, clock.Now());
  if (!request.bannerAccepted) {
    AuditEvent e{.event = "login.failure",
                 .outcome = Outcome::Failure,
                 .user = request.user,
                 .session = sessionId,
                 .reason = "system-use notice not acknowledged"};
    PLATEDESK_TRY(detail::Record(ws, e));
    return Fail(ErrorCode::InvalidArgument, "acknowledge the system-use notice before signing in");
  }
  // What this sign-in changes besides the session (a one-time password replaced, a pending
  // authenticator confirmed) is recorded after it.
  access::Accounts accounts(storage);
  auto before = accounts.Find(request.user);
  if (!before) return before.Err();
  auto user = detail::Authenticate(ws, request.user, request.password, request.totp, sessionId, request.newPassword);
  if (!user) return user.Err();
  if (before->has_value() && (*before)->mustChangePassword && !user->mustChangePassword)
    PLATEDESK_TRY(detail::Record(
        ws, {.event = "password.changed",
             .outcome = Outcome::Success,
             .user = user->name,
             .session = sessionId,
             .objects = {"user:" + user->name},
             .detailsJson = detail::DetailsJson({{"by", "self"}, {"replaced", "administrator's one-time password"}})}));
  if (before->has_value() && !(*before)->totpPending.empty() && user->totpPending.empty())
    PLATEDESK_TRY(detail::Record(ws, {.event = "totp.confirmed",
                                      .outcome = Outcome::Success,
                                      .user = user->name,
                                      .session = sessionId,
                                      .objects = {"user:" + user->name},
                                      .detailsJson = detail::DetailsJson({{"by", "self"}, {"at", "sign-in"}})}));

  auto state = std::make_unique<EmbeddedSession::State>();
  state->user = {user->name, user->displayName, user->role};
  state->id = sessionId;
  state->token = RandomHex(32);
  state->tokenHash = detail::BoundTokenHash(state->token, request.binding);
  state->origin = origin;
  state->startedAt = state->lastActive = clock.Now();
  const std::string kind = request.kind == "cli" ? "cli" : "gui";
  PLATEDESK_TRY(storage.AddSession({state->tokenHash, sessionId, user->name, kind, state->origin, state->startedAt,
                                    state->startedAt, std::nullopt, ""}));
  AuditEvent e{
      .event = "login.success",
      .outcome = Outcome::Success,
      .user = user->name,
      .session = sessionId,
      .detailsJson = detail::DetailsJson({{"kind", kind},
                                          {"role", store::RoleName(user->role)},
                                          {"mfa", user->totpSecret.empty() ? "not enrolled" : "totp"},
                                          {"bound_to", request.binding.empty() ? "this process" : request.binding}})};
  if (Status recorded = detail::Record(ws, e); !recorded) {
    // Fail closed, and leave no usable session row behind: a token that was never audited as a
    // sign-in must not resume later.
    if (Status ended = storage.EndSession(state->tokenHash, clock.Now(), "sign-in not audited"); !ended)
      Log(LogLevel::Warning, "unaudited session row not ended: " + ended.Err().ToString());
    return recorded.Err();
  }
  return std::unique_ptr<Session>(new EmbeddedSession(*this, std::move(state)));
}

Result<std::unique_ptr<Session>> Workstation::Resume(const std::string& token, const std::string& binding) {
  auto& ws = *mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  auto& storage = detail::StorageOf(ws);
  // A token is looked up by its hash with the binding it was made with: from another OS user or
  // host it matches no session at all.
  if (binding.empty()) return Fail(ErrorCode::Unauthenticated, "no active session: sign in with `platedesk-cli login`");
  auto record = storage.FindSessionByToken(detail::BoundTokenHash(token, binding));
  if (!record) return record.Err();
  if (!record->has_value() || (*record)->endedAt)
    return Fail(ErrorCode::Unauthenticated, "no active session: sign in with `platedesk-cli login`");
  const auto& r = **record;
  const UtcMs now = detail::ClockOf(ws).Now();
  if (now - r.createdAt >= kMaxSessionMs) {
    PLATEDESK_TRY(storage.EndSession(r.tokenHash, now, "12-hour limit"));
    return Fail(ErrorCode::Unauthenticated, "the session passed the 12-hour limit: sign in again");
  }
  if (now - r.lastActiveAt >= detail::IdleLimitOf(ws)) {
    PLATEDESK_TRY(storage.EndSession(r.tokenHash, now, "idle"));
    AuditEvent e{.event = "session.locked",
                 .outcome = Outcome::Success,
                 .user = r.userName,
                 .session = r.sessionId,
                 .reason = "idle limit reached"};
    PLATEDESK_TRY(detail::Record(ws, e));
    return Fail(ErrorCode::Locked, "the session was idle too long and is locked: sign in again");
  }
  auto user = storage.FindUser(r.userName);
  if (!user) return user.Err();
  if (!user->has_value() || (*user)->disabled || (*user)->locked)
    return Fail(ErrorCode::Unauthenticated, "the account behind this session is disabled or locked");
  auto state = std::make_unique<EmbeddedSession::State>();
  state->user = {(*user)->name, (*user)->displayName, (*user)->role};
  state->id = r.sessionId;
  state->token = token;
  state->tokenHash = r.tokenHash;
  state->origin = r.workstation;
  state->startedAt = r.createdAt;
  state->lastActive = now;
  PLATEDESK_TRY(storage.TouchSession(r.tokenHash, now));
  return std::unique_ptr<Session>(new EmbeddedSession(*this, std::move(state)));
}

Status Workstation::BootstrapUser(const std::string& name, Role role, const std::string& password,
                                  const std::string& displayName, bool trained) {
  auto& ws = *mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  auto& storage = detail::StorageOf(ws);
  auto users = storage.Users();
  if (!users) return users.Err();
  if (!users->empty() && !IsDemo())
    return Fail(ErrorCode::PermissionDenied, "accounts are added by an administrator once a storage has users");
  access::Accounts accounts(storage);
  auto user = accounts.AddUser(name, role, password, displayName);
  if (!user) return user.Err();
  if (trained) {
    const UtcMs now = detail::ClockOf(ws).Now();
    user->trainingCompleted = now;
    user->trainingExpires = now + 365 * kMsPerDay;
    PLATEDESK_TRY(storage.UpdateUser(*user));
  }
  AuditEvent e{
      .event = "user.added",
      .outcome = Outcome::Success,
      .user = "system",
      .session = "bootstrap",
      .objects = {"user:" + name},
      .detailsJson = detail::DetailsJson({{"role", store::RoleName(role)}, {"by", IsDemo() ? "demo" : "init"}})};
  return detail::Record(ws, e);
}

Status Workstation::BootstrapMfaRequired(bool required) {
  auto& ws = *mImpl;
  std::lock_guard lock(detail::FacadeOf(ws));
  auto users = detail::StorageOf(ws).Users();
  if (!users) return users.Err();
  if (!users->empty())
    return Fail(ErrorCode::PermissionDenied, "once a storage has users, administrators change mfa_required");
  const std::string value = required ? "1" : "0";
  AuditEvent e{.event = "config.changed",
               .outcome = Outcome::Success,
               .user = "system",
               .session = "bootstrap",
               .detailsJson =
                   detail::DetailsJson({{"key", std::string(kMfaRequiredSetting)}, {"value", value}, {"by", "init"}})};
  PLATEDESK_TRY(detail::Record(ws, e));
  return detail::StorageOf(ws).SetSetting(kMfaRequiredSetting, value);
}

// ----------------------------------------------------------------------------------------------
EmbeddedSession::EmbeddedSession(Workstation& owner, std::unique_ptr<State> state)
    : mOwner(owner), mState(std::move(state)) {
  detail::NoteSessionOrigin(*mOwner.mImpl, mState->id, mState->origin, mState->startedAt);
}
EmbeddedSession::~EmbeddedSession() = default;
const UserInfo& EmbeddedSession::User() const { return mState->user; }
UtcMs EmbeddedSession::StartedAt() const { return mState->startedAt; }
const std::string& EmbeddedSession::Id() const { return mState->id; }
const std::string& EmbeddedSession::Token() const { return mState->token; }

bool EmbeddedSession::IsLocked() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  (void)detail::CheckActive(ws, *mState, /*touch=*/false);
  return mState->locked;
}

bool EmbeddedSession::HasEnded() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  (void)detail::CheckActive(ws, *mState, /*touch=*/false);
  return mState->ended;
}

Status EmbeddedSession::RecordActivity() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  return detail::CheckActive(ws, *mState);
}

UtcMs EmbeddedSession::IdleLimit() {
  auto& ws = *mOwner.mImpl;
  // Reads a setting over the facade's storage connection: under the facade lock like every call.
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  return detail::IdleLimitOf(ws);
}

Status EmbeddedSession::Lock() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  mState->locked = true;
  return detail::Record(ws, {.event = "session.locked",
                             .outcome = Outcome::Success,
                             .user = mState->user.name,
                             .session = mState->id,
                             .reason = "locked by the user"});
}

Status EmbeddedSession::Unlock(const std::string& password, const std::string& totp) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  if (mState->ended) return Fail(ErrorCode::Unauthenticated, "this session has ended: sign in again");
  auto user = detail::Authenticate(ws, mState->user.name, password, totp, mState->id);
  if (!user) return user.Err();
  mState->locked = false;
  mState->lastActive = detail::ClockOf(ws).Now();
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  return detail::Record(
      ws, {.event = "session.unlocked", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id});
}

Status EmbeddedSession::Logout() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  if (mState->ended) return {};
  mState->ended = true;
  PLATEDESK_TRY(detail::StorageOf(ws).EndSession(mState->tokenHash, detail::ClockOf(ws).Now(), "logout"));
  PLATEDESK_TRY(detail::Record(
      ws, {.event = "logout", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id}));
  return mOwner.Checkpoint();
}

std::optional<std::string> EmbeddedSession::DataBlockedReason() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  if (!detail::CanReachPlateData(mState->user.role)) return "the auditor role has no access to plate data";
  auto user = detail::FreshUser(ws, *mState);
  if (!user) return user.Err().message;
  if (auto t = access::Policy::CheckTraining(*user, detail::ClockOf(ws).Now()); !t.Ok()) return t.Err().message;
  if (detail::MfaRequiredOf(ws) && user->totpSecret.empty())
    return "this agency requires a second factor: enrol an authenticator app before reaching plate data";
  return std::nullopt;
}

}  // namespace platedesk::workstation
