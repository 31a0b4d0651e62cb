// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/workstation/Workstation.h"

#include "SessionInternal.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/access/Totp.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/audit/Verifier.h"
#include "platedesk/common/Hash.h"
#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"
#include "platedesk/plate/Plate.h"
#include "platedesk/search/SearchIndex.h"
#include "platedesk/store/Storage.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string_view>

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

#ifndef PLATEDESK_VERSION
#define PLATEDESK_VERSION "0.0.0"
#endif

namespace platedesk::resources::access {
std::optional<std::string_view> Find(std::string_view name);
}

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

// A first administrator's request to turn mfa_required off: "<user>\n<utc ms>" (meta table).
constexpr std::string_view kMfaOffRequestSetting = "mfa_off_request";

// The workstation id recorded in every audit record: the host name (platform seam).
std::string HostName() {
#ifdef _WIN32
  char buf[MAX_COMPUTERNAME_LENGTH + 1];
  DWORD size = sizeof buf;
  if (GetComputerNameA(buf, &size)) return std::string(buf, size);
#else
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) == 0 && buf[0] != '\0') return buf;
#endif
  return "unknown-host";
}

// A small JSON object of string values for AuditEvent::detailsJson (nlohmann escapes; the log
// canonicalises the record).
std::string Details(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  nlohmann::json obj = nlohmann::json::object();
  for (const auto& [k, v] : fields) obj[std::string(k)] = v;
  return obj.dump();
}

bool CanReachPlateData(Role r) { return r == Role::Detective || r == Role::Supervisor || r == Role::Administrator; }
bool CanReviewAudit(Role r) { return r == Role::Supervisor || r == Role::Auditor; }
bool CanVerifyAudit(Role r) { return r != Role::Detective; }

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}

// Every element of a query, as strings, for the audit record (REFERENCE §1: "the plate and other
// elements used"). Numbers as text: audit records carry no floats.
std::map<std::string, std::string> QueryElements(const search::Query& q) {
  std::map<std::string, std::string> m;
  m["plate"] = q.plate.value_or("");
  m["ocr_tolerant"] = q.ocrTolerant ? "yes" : "no";
  m["edits"] = std::to_string(q.maxEdits);
  m["alternative_reads"] = q.alternatives ? "yes" : "no";
  if (!q.states.empty()) m["states"] = Join(q.states);
  if (q.includeUnknownState) m["include_unknown_state"] = "yes";
  if (q.from) m["from"] = FormatIso8601(*q.from);
  if (q.to) m["to"] = FormatIso8601(*q.to);
  if (!q.cameras.empty()) {
    std::vector<std::string> c;
    for (auto id : q.cameras) c.push_back(std::to_string(id));
    m["cameras"] = Join(c);
  }
  if (q.near) m["near"] = Fmt(q.near->centre.latitude) + "," + Fmt(q.near->centre.longitude) + "," + Fmt(q.near->radiusKm) + "km";
  auto attr = [&](const char* name, const std::optional<search::AttributeFilter>& f) {
    if (f) m[name] = f->value + (f->minConfidence ? ">=" + Fmt(*f->minConfidence) : "");
  };
  attr("color", q.color);
  attr("make", q.make);
  attr("model", q.model);
  attr("body", q.body);
  if (q.minConfidence) m["min_confidence"] = Fmt(*q.minConfidence);
  if (q.direction) m["direction"] = Fmt(q.direction->fromDeg) + "-" + Fmt(q.direction->toDeg);
  return m;
}

std::string IdsHash(std::span<const store::ReadId> ids) {
  std::string text;
  for (auto id : ids) text += std::to_string(id) + "\n";
  return Sha256Hex(text);
}

}  // namespace

// ----------------------------------------------------------------------------------------------
struct Workstation::Impl {
  const Clock& clock;
  std::unique_ptr<store::Storage> storage;
  std::unique_ptr<audit::AuditLog> audit;
  bool demo = false;

  // Threads. The facade (storage connection, audit log, session state) is used by one thread at
  // a time: every public Workstation and Session method holds `facade` while it checks rules,
  // writes the audit log or touches the storage, so a GUI worker may call Session::Search while
  // the GUI thread goes on calling the session. The audit log keeps one writer (this object).
  // Recursive: a few methods call others (Session::GetOverview, Logout -> Checkpoint).
  std::recursive_mutex facade;
  // The index phase of a search runs without `facade` (it can take seconds on a first build), under
  // `indexMutex`, over its own Storage connection, so the GUI thread is never kept waiting on it.
  std::mutex indexMutex;
  std::unique_ptr<store::Storage> indexStorage;  ///< guarded by indexMutex
  std::unique_ptr<search::SearchIndex> index;    ///< guarded by indexMutex; opened on the first search (saved file or build), refreshed after imports

  // The search index, built on first use and brought up to date with reads imported since.
  // Caller holds indexMutex (not facade).
  Result<search::SearchIndex*> Index(std::stop_token stop, const ProgressFn& progress) {
    if (!indexStorage) {
      auto opened = store::Storage::Open(storage->Folder(), clock);
      if (!opened) return opened.Err();
      indexStorage = std::move(opened.Value());
    }
    if (!index) {
      auto opened = search::SearchIndex::Open(*indexStorage, stop, progress);  // the saved index file, if current
      if (!opened) return opened.Err();
      index = std::move(opened.Value());
    } else {
      PLATEDESK_TRY(index->Refresh(*indexStorage, stop, progress));
    }
    return index.get();
  }

  // Appends and signs a checkpoint when one is due. Fail closed: the caller returns the error.
  Result<audit::AppendedRecord> Append(const AuditEvent& e) {
    auto appended = audit->Append(e);
    if (!appended) {
      Log(LogLevel::Error, "audit append failed: " + appended.Err().ToString());
      return Fail(ErrorCode::Io, "the audit log could not record this action, so it was not done",
                  appended.Err().ToString());
    }
    if (auto cp = audit->MaybeCheckpoint(clock.Now()); !cp)
      Log(LogLevel::Warning, "checkpoint not signed: " + cp.Err().ToString());
    return appended;
  }
  Status Record(const AuditEvent& e) {
    auto appended = Append(e);
    if (!appended) return appended.Err();
    return {};
  }

  Result<std::string> Setting(std::string_view key, std::string_view fallback) {
    auto v = storage->GetSetting(key);
    if (!v) return v.Err();
    return v->has_value() && !(*v)->empty() ? **v : std::string(fallback);
  }

  bool MfaRequired() {
    if (demo) return false;
    auto v = Setting(kMfaRequiredSetting, "1");
    return !v.Ok() || *v != "0";
  }

  UtcMs IdleLimit() {
    auto v = Setting(kIdleMinutesSetting, "30");
    int minutes = 30;
    if (v.Ok()) std::from_chars(v->data(), v->data() + v->size(), minutes);
    return std::clamp(minutes, 1, 24 * 60) * kMsPerMinute;
  }

  // access::Accounts::Authenticate (password first, every attempt counted, then the one-time
  // code), recording a failure itself: login.failure, and account.locked when this attempt locked
  // the account (told by its error detail, never by its text).
  Result<store::UserRecord> Authenticate(const std::string& name, const std::string& password,
                                         const std::string& totp, const std::string& session,
                                         const std::string& newPassword = {}) {
    access::Accounts accounts(*storage);
    auto user = accounts.Authenticate({name, password, totp, newPassword});
    if (!user) {
      AuditEvent e{.event = "login.failure", .outcome = Outcome::Failure, .user = name, .session = session,
                   .reason = user.Err().message};
      PLATEDESK_TRY(Record(e));
      if (user.Err().detail == ErrorDetail::AccountNowLocked) {
        AuditEvent l{.event = "account.locked", .outcome = Outcome::Success, .user = name, .session = session,
                     .objects = {"user:" + name}, .reason = "5 failed sign-ins within 15 minutes"};
        PLATEDESK_TRY(Record(l));
      }
      return user.Err();
    }
    return user;
  }
};

Workstation::Workstation(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}

Workstation::~Workstation() {
  if (mImpl && mImpl->audit) {
    std::lock_guard lock(mImpl->facade);
    if (auto cp = mImpl->audit->SignCheckpoint(); !cp)
      Log(LogLevel::Warning, "checkpoint at shutdown not signed: " + cp.Err().ToString());
  }
}

Result<std::unique_ptr<Workstation>> Workstation::Open(const std::filesystem::path& folder, const Clock& clock) {
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) return storage.Err();
  auto demo = (*storage)->GetSetting("demo");
  if (!demo) return demo.Err();
  auto storageId = (*storage)->GetSetting("storage_id");
  if (!storageId) return storageId.Err();
  audit::AuditLogOptions options{storageId->value_or(""), HostName(), PLATEDESK_VERSION};
  auto log = audit::AuditLog::Open((*storage)->Folder() / audit::kAuditDbFileName, options, clock);
  if (!log) return log.Err();
  auto impl = std::unique_ptr<Impl>(new Impl{clock, std::move(storage.Value()), std::move(log.Value()), demo->value_or("") == "1"});
  access::Policy policy(*impl->storage);
  PLATEDESK_TRY(policy.EnsureCatalogue());
  return std::unique_ptr<Workstation>(new Workstation(std::move(impl)));
}

std::string Workstation::Banner() const {
  std::lock_guard lock(mImpl->facade);
  // An agency may set its own notice (setting "banner"); the shipped text is the default.
  if (auto custom = mImpl->storage->GetSetting("banner"); custom && custom->has_value() && !(*custom)->empty())
    return **custom;
  return std::string(resources::access::Find("banner.txt").value_or("Authorised use only."));
}

bool Workstation::IsDemo() const { return mImpl->demo; }
bool Workstation::MfaRequired() const {
  std::lock_guard lock(mImpl->facade);
  return mImpl->MfaRequired();
}
const std::filesystem::path& Workstation::Folder() const { return mImpl->storage->Folder(); }
Result<Overview> Workstation::GetOverview() {
  std::lock_guard lock(mImpl->facade);
  return mImpl->storage->GetStatus();
}

Result<Overview> Workstation::ReadOverview(const std::filesystem::path& folder, const Clock& clock) {
  auto storage = store::Storage::Open(folder, clock);
  if (!storage) return storage.Err();
  return (*storage)->GetStatus();
}

Status Workstation::Checkpoint() {
  std::lock_guard lock(mImpl->facade);
  auto cp = mImpl->audit->SignCheckpoint();
  if (!cp) return cp.Err();
  return {};
}

// ----------------------------------------------------------------------------------------------
struct Session::State {
  UserInfo user;
  std::string id;
  std::string token;
  std::string tokenHash;
  UtcMs startedAt = 0;
  UtcMs lastActive = 0;
  bool locked = false;
  bool ended = false;
};

Result<std::unique_ptr<Session>> Workstation::Login(const LoginRequest& request) {
  std::lock_guard lock(mImpl->facade);
  const std::string sessionId = RandomHex(8);
  if (!request.bannerAccepted) {
    AuditEvent e{.event = "login.failure", .outcome = Outcome::Failure, .user = request.user, .session = sessionId,
                 .reason = "system-use notice not acknowledged"};
    PLATEDESK_TRY(mImpl->Record(e));
    return Fail(ErrorCode::InvalidArgument, "acknowledge the system-use notice before signing in");
  }
  // What this sign-in changes besides the session (a one-time password replaced, a pending
  // authenticator confirmed) is recorded after it.
  access::Accounts accounts(*mImpl->storage);
  auto before = accounts.Find(request.user);
  if (!before) return before.Err();
  auto user = mImpl->Authenticate(request.user, request.password, request.totp, sessionId, request.newPassword);
  if (!user) return user.Err();
  if (before->has_value() && (*before)->mustChangePassword && !user->mustChangePassword)
    PLATEDESK_TRY(mImpl->Record({.event = "password.changed", .outcome = Outcome::Success, .user = user->name,
                                 .session = sessionId, .objects = {"user:" + user->name},
                                 .detailsJson = Details({{"by", "self"}, {"replaced", "administrator's one-time password"}})}));
  if (before->has_value() && !(*before)->totpPending.empty() && user->totpPending.empty())
    PLATEDESK_TRY(mImpl->Record({.event = "totp.confirmed", .outcome = Outcome::Success, .user = user->name,
                                 .session = sessionId, .objects = {"user:" + user->name},
                                 .detailsJson = Details({{"by", "self"}, {"at", "sign-in"}})}));

  auto state = std::make_unique<Session::State>();
  state->user = {user->name, user->displayName, user->role};
  state->id = sessionId;
  state->token = RandomHex(32);
  state->tokenHash = detail::BoundTokenHash(state->token, request.binding);
  state->startedAt = state->lastActive = mImpl->clock.Now();
  const std::string kind = request.kind == "cli" ? "cli" : "gui";
  PLATEDESK_TRY(mImpl->storage->AddSession(
      {state->tokenHash, sessionId, user->name, kind, HostName(), state->startedAt, state->startedAt, std::nullopt, ""}));
  AuditEvent e{.event = "login.success", .outcome = Outcome::Success, .user = user->name, .session = sessionId,
               .detailsJson = Details({{"kind", kind}, {"role", store::RoleName(user->role)},
                                       {"mfa", user->totpSecret.empty() ? "not enrolled" : "totp"},
                                       {"bound_to", request.binding.empty() ? "this process" : request.binding}})};
  if (Status recorded = mImpl->Record(e); !recorded) {
    // Fail closed, and leave no usable session row behind: a token that was never audited as a
    // sign-in must not resume later.
    if (Status ended = mImpl->storage->EndSession(state->tokenHash, mImpl->clock.Now(), "sign-in not audited"); !ended)
      Log(LogLevel::Warning, "unaudited session row not ended: " + ended.Err().ToString());
    return recorded.Err();
  }
  return std::unique_ptr<Session>(new Session(*this, std::move(state)));
}

Result<std::unique_ptr<Session>> Workstation::Resume(const std::string& token, const std::string& binding) {
  std::lock_guard lock(mImpl->facade);
  // A token is looked up by its hash with the binding it was made with: from another OS user or
  // host it matches no session at all.
  if (binding.empty()) return Fail(ErrorCode::Unauthenticated, "no active session: sign in with `platedesk-cli login`");
  auto record = mImpl->storage->FindSessionByToken(detail::BoundTokenHash(token, binding));
  if (!record) return record.Err();
  if (!record->has_value() || (*record)->endedAt)
    return Fail(ErrorCode::Unauthenticated, "no active session: sign in with `platedesk-cli login`");
  const auto& r = **record;
  const UtcMs now = mImpl->clock.Now();
  if (now - r.createdAt >= kMaxSessionMs) {
    PLATEDESK_TRY(mImpl->storage->EndSession(r.tokenHash, now, "12-hour limit"));
    return Fail(ErrorCode::Unauthenticated, "the session passed the 12-hour limit: sign in again");
  }
  if (now - r.lastActiveAt >= mImpl->IdleLimit()) {
    PLATEDESK_TRY(mImpl->storage->EndSession(r.tokenHash, now, "idle"));
    AuditEvent e{.event = "session.locked", .outcome = Outcome::Success, .user = r.userName, .session = r.sessionId,
                 .reason = "idle limit reached"};
    PLATEDESK_TRY(mImpl->Record(e));
    return Fail(ErrorCode::Locked, "the session was idle too long and is locked: sign in again");
  }
  auto user = mImpl->storage->FindUser(r.userName);
  if (!user) return user.Err();
  if (!user->has_value() || (*user)->disabled || (*user)->locked)
    return Fail(ErrorCode::Unauthenticated, "the account behind this session is disabled or locked");
  auto state = std::make_unique<Session::State>();
  state->user = {(*user)->name, (*user)->displayName, (*user)->role};
  state->id = r.sessionId;
  state->token = token;
  state->tokenHash = r.tokenHash;
  state->startedAt = r.createdAt;
  state->lastActive = now;
  PLATEDESK_TRY(mImpl->storage->TouchSession(r.tokenHash, now));
  return std::unique_ptr<Session>(new Session(*this, std::move(state)));
}

Status Workstation::BootstrapUser(const std::string& name, Role role, const std::string& password,
                                  const std::string& displayName, bool trained) {
  std::lock_guard lock(mImpl->facade);
  auto users = mImpl->storage->Users();
  if (!users) return users.Err();
  if (!users->empty() && !mImpl->demo)
    return Fail(ErrorCode::PermissionDenied, "accounts are added by an administrator once a storage has users");
  access::Accounts accounts(*mImpl->storage);
  auto user = accounts.AddUser(name, role, password, displayName);
  if (!user) return user.Err();
  if (trained) {
    const UtcMs now = mImpl->clock.Now();
    user->trainingCompleted = now;
    user->trainingExpires = now + 365 * kMsPerDay;
    PLATEDESK_TRY(mImpl->storage->UpdateUser(*user));
  }
  AuditEvent e{.event = "user.added", .outcome = Outcome::Success, .user = "system", .session = "bootstrap",
               .objects = {"user:" + name},
               .detailsJson = Details({{"role", store::RoleName(role)}, {"by", mImpl->demo ? "demo" : "init"}})};
  return mImpl->Record(e);
}

Status Workstation::BootstrapMfaRequired(bool required) {
  std::lock_guard lock(mImpl->facade);
  auto users = mImpl->storage->Users();
  if (!users) return users.Err();
  if (!users->empty())
    return Fail(ErrorCode::PermissionDenied, "once a storage has users, administrators change mfa_required");
  const std::string value = required ? "1" : "0";
  AuditEvent e{.event = "config.changed", .outcome = Outcome::Success, .user = "system", .session = "bootstrap",
               .detailsJson = Details({{"key", std::string(kMfaRequiredSetting)}, {"value", value}, {"by", "init"}})};
  PLATEDESK_TRY(mImpl->Record(e));
  return mImpl->storage->SetSetting(kMfaRequiredSetting, value);
}

// ----------------------------------------------------------------------------------------------
Session::Session(Workstation& owner, std::unique_ptr<State> state) : mOwner(owner), mState(std::move(state)) {}
Session::~Session() = default;
const UserInfo& Session::User() const { return mState->user; }
UtcMs Session::StartedAt() const { return mState->startedAt; }
const std::string& Session::Id() const { return mState->id; }
const std::string& Session::Token() const { return mState->token; }

namespace {

// The checks every call makes before anything else: ended, 12 hours, idle lock.
struct Gate {
  Workstation::Impl& ws;
  Session::State& s;

  // touch: the call counts as activity (every call but the state queries the GUI polls).
  Status Active(bool touch = true) {
    const UtcMs now = ws.clock.Now();
    if (s.ended) return Fail(ErrorCode::Unauthenticated, "this session has ended: sign in again");
    if (now - s.startedAt >= kMaxSessionMs) {
      s.ended = true;
      (void)ws.storage->EndSession(s.tokenHash, now, "12-hour limit");
      return Fail(ErrorCode::Unauthenticated, "sessions last at most 12 hours: sign in again");
    }
    if (!s.locked && now - s.lastActive >= ws.IdleLimit()) {
      s.locked = true;
      AuditEvent e{.event = "session.locked", .outcome = Outcome::Success, .user = s.user.name, .session = s.id,
                   .reason = "idle limit reached"};
      PLATEDESK_TRY(ws.Record(e));
    }
    // The account and the session row are read again at every call (one indexed row each), so a
    // demotion, a disabled account or a session ended elsewhere (a password change) takes effect
    // at once, not at the next sign-in.
    auto row = ws.storage->FindSessionByToken(s.tokenHash);
    if (!row) return row.Err();
    if (!row->has_value() || (*row)->endedAt) {
      s.ended = true;
      return Fail(ErrorCode::Unauthenticated, "this session was ended (" +
                                                  (row->has_value() ? (*row)->endReason : std::string("gone")) +
                                                  "): sign in again");
    }
    auto fresh = FreshUser();
    if (!fresh) return fresh.Err();
    if (s.locked) return Fail(ErrorCode::Locked, "the session is locked: enter your password to continue");
    if (!touch) return {};
    s.lastActive = now;
    (void)ws.storage->TouchSession(s.tokenHash, now);
    return {};
  }

  Status Role(bool allowed, const std::string& what) {
    if (allowed) return {};
    return Fail(ErrorCode::PermissionDenied, what + " (you are signed in as " + store::RoleName(s.user.role) + ")");
  }

  // The account as it is now; its role and display name replace the session's copy.
  Result<store::UserRecord> FreshUser() {
    auto u = ws.storage->FindUser(s.user.name);
    if (!u) return u.Err();
    if (!u->has_value() || (*u)->disabled) {
      s.ended = true;
      (void)ws.storage->EndSession(s.tokenHash, ws.clock.Now(), "account disabled");
      return Fail(ErrorCode::Unauthenticated, "this account is no longer active");
    }
    s.user.role = (*u)->role;
    s.user.displayName = (*u)->displayName;
    return **u;
  }

  // Where the agency requires a second factor, administration needs one too (a confirmed
  // authenticator: sign-in then asks for its code).
  Status Mfa() {
    if (!ws.MfaRequired()) return {};
    auto user = FreshUser();
    if (!user) return user.Err();
    if (!user->totpSecret.empty()) return {};
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::SecondFactorForAdministration,
                "this agency requires a second factor: enrol an authenticator app (and confirm it with a first code) "
                "before administration");
  }

  // Rules for plate data: role, training, MFA enrolment, case/purpose/justification. A refusal is
  // audited; an allowed access returns the decision for the caller's audit record.
  Result<access::AccessDecision> PlateData(const AccessContext& ctx, const std::string& action) {
    PLATEDESK_TRY(Active());
    auto refuse = [&](const Error& why) -> Error {
      AuditEvent e{.event = action == "search" ? "search.refused" : "access.refused", .outcome = Outcome::Refused,
                   .user = s.user.name, .session = s.id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                   .justification = ctx.justification, .reason = why.message,
                   .detailsJson = Details({{"action", action}})};
      if (auto st = ws.Record(e); !st.Ok()) return st.Err();
      return why;
    };
    if (!CanReachPlateData(s.user.role))
      return refuse(Fail(ErrorCode::PermissionDenied, "the auditor role has no access to plate data"));
    auto user = FreshUser();
    if (!user) return user.Err();
    if (ws.MfaRequired() && user->totpSecret.empty())
      return refuse(Fail(ErrorCode::PermissionDenied,
                         "this agency requires a second factor: enrol an authenticator app before reaching plate data"));
    access::Policy policy(*ws.storage);
    auto decision = policy.Check(*user, ctx, ws.clock.Now());
    if (!decision) return refuse(decision.Err());
    return decision;
  }

  AuditEvent Admin(std::string event, std::vector<std::string> objects, std::string details) {
    if (details == "{}") details.clear();  // the log refuses an empty details object
    return AuditEvent{.event = std::move(event), .outcome = Outcome::Success, .user = s.user.name, .session = s.id,
                      .objects = std::move(objects), .detailsJson = std::move(details)};
  }
};

}  // namespace

// Every Session method starts here: the facade lock (see Workstation::Impl), then the gate.
#define PLATEDESK_GATE                                                    \
  std::unique_lock<std::recursive_mutex> facadeLock(mOwner.mImpl->facade); \
  Gate gate { *mOwner.mImpl, *mState }

bool Session::IsLocked() {
  PLATEDESK_GATE;
  (void)gate.Active(false);
  return mState->locked;
}

bool Session::HasEnded() {
  PLATEDESK_GATE;
  (void)gate.Active(false);
  return mState->ended;
}

Status Session::RecordActivity() {
  PLATEDESK_GATE;
  return gate.Active();
}

UtcMs Session::IdleLimit() {
  // Reads a setting over the facade's storage connection: under the facade lock like every call.
  std::lock_guard lock(mOwner.mImpl->facade);
  return mOwner.mImpl->IdleLimit();
}

Status Session::Lock() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  mState->locked = true;
  return mOwner.mImpl->Record({.event = "session.locked", .outcome = Outcome::Success, .user = mState->user.name,
                               .session = mState->id, .reason = "locked by the user"});
}

Status Session::Unlock(const std::string& password, const std::string& totp) {
  std::lock_guard lock(mOwner.mImpl->facade);
  if (mState->ended) return Fail(ErrorCode::Unauthenticated, "this session has ended: sign in again");
  auto user = mOwner.mImpl->Authenticate(mState->user.name, password, totp, mState->id);
  if (!user) return user.Err();
  mState->locked = false;
  mState->lastActive = mOwner.mImpl->clock.Now();
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  return mOwner.mImpl->Record({.event = "session.unlocked", .outcome = Outcome::Success, .user = mState->user.name,
                               .session = mState->id});
}

Status Session::Logout() {
  std::lock_guard lock(mOwner.mImpl->facade);
  if (mState->ended) return {};
  mState->ended = true;
  auto& ws = *mOwner.mImpl;
  PLATEDESK_TRY(ws.storage->EndSession(mState->tokenHash, ws.clock.Now(), "logout"));
  PLATEDESK_TRY(ws.Record({.event = "logout", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id}));
  return mOwner.Checkpoint();
}

std::optional<std::string> Session::DataBlockedReason() {
  PLATEDESK_GATE;
  if (!CanReachPlateData(mState->user.role)) return "the auditor role has no access to plate data";
  auto user = gate.FreshUser();
  if (!user) return user.Err().message;
  if (auto t = access::Policy::CheckTraining(*user, mOwner.mImpl->clock.Now()); !t.Ok()) return t.Err().message;
  if (mOwner.mImpl->MfaRequired() && user->totpSecret.empty())
    return "this agency requires a second factor: enrol an authenticator app before reaching plate data";
  return std::nullopt;
}

Result<Overview> Session::GetOverview() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  return mOwner.GetOverview();
}

Result<std::vector<store::Read>> Session::GetReads(const AccessContext& ctx, std::span<const store::ReadId> ids) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "view reads");
  if (!decision) return decision.Err();
  std::vector<std::string> objects;
  for (auto id : ids) objects.push_back("read:" + std::to_string(id));
  AuditEvent e{.event = "read.viewed", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
               .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode, .purposeText = decision->purpose.label,
               .justification = ctx.justification, .resultCount = ids.size(), .resultHash = IdsHash(ids),
               .objects = objects, .reason = decision->reviewReason};
  PLATEDESK_TRY(mOwner.mImpl->Record(e));
  return mOwner.mImpl->storage->GetReads(ids);
}

Result<std::string> Session::GetImage(const AccessContext& ctx, const std::string& sha256) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "open image");
  if (!decision) return decision.Err();
  AuditEvent e{.event = "image.opened", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
               .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode, .purposeText = decision->purpose.label,
               .justification = ctx.justification, .objects = {"image:" + sha256}, .reason = decision->reviewReason};
  PLATEDESK_TRY(mOwner.mImpl->Record(e));
  return mOwner.mImpl->storage->GetImage(sha256);
}

Result<store::Verification> Session::VerifyRead(const AccessContext& ctx, store::ReadId read) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "verify read");
  if (!decision) return decision.Err();
  auto& ws = *mOwner.mImpl;
  auto existing = ws.storage->GetRead(read);
  if (!existing) return existing.Err();
  if (!existing->has_value()) return Fail(ErrorCode::NotFound, "no such read", std::to_string(read));
  AuditEvent e{.event = "read.verified", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
               .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode, .purposeText = decision->purpose.label,
               .justification = ctx.justification, .objects = {"read:" + std::to_string(read)},
               .reason = decision->reviewReason,
               .detailsJson = Details({{"plate", (*existing)->plate}, {"state", (*existing)->state}})};
  PLATEDESK_TRY(ws.Record(e));
  return ws.storage->AddVerification(read, mState->user.name, ctx.caseNumber);
}

Result<store::Correction> Session::ReportMisread(const AccessContext& ctx, store::ReadId read, const std::string& plateText,
                                                 const std::string& state, const std::string& reason) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "report misread");
  if (!decision) return decision.Err();
  auto& ws = *mOwner.mImpl;
  const std::string corrected = plate::NormalisePlate(plateText);
  const std::string correctedState = ToUpperAscii(Trim(state));
  const std::string why = Trim(reason);
  if (!plate::IsNormalisedPlate(corrected))
    return Fail(ErrorCode::InvalidArgument, "type the plate as it should read (letters and digits)", "plate");
  if (!correctedState.empty() && (correctedState.size() != 2 || !std::all_of(correctedState.begin(), correctedState.end(),
                                                                              [](char c) { return c >= 'A' && c <= 'Z'; })))
    return Fail(ErrorCode::InvalidArgument, "the state is a two-letter code, or empty when unknown", "state");
  if (why.empty()) return Fail(ErrorCode::InvalidArgument, "say what the images show (the reason for the correction)", "reason");
  auto existing = ws.storage->GetRead(read);
  if (!existing) return existing.Err();
  if (!existing->has_value()) return Fail(ErrorCode::NotFound, "no such read", std::to_string(read));
  if ((*existing)->plate == corrected && (*existing)->state == correctedState)
    return Fail(ErrorCode::InvalidArgument, "the correction is the same as the read", "plate");
  AuditEvent e{.event = "read.corrected", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
               .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode, .purposeText = decision->purpose.label,
               .justification = ctx.justification, .objects = {"read:" + std::to_string(read)},
               .reason = decision->reviewReason,
               .detailsJson = Details({{"from_plate", (*existing)->plate}, {"from_state", (*existing)->state},
                                       {"to_plate", corrected}, {"to_state", correctedState}, {"why", why}})};
  PLATEDESK_TRY(ws.Record(e));
  return ws.storage->AddCorrection(read, corrected, correctedState, why, mState->user.name);
}

Result<ReadChecks> Session::GetReadChecks(const AccessContext& ctx, store::ReadId read) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "view reads");
  if (!decision) return decision.Err();
  auto& ws = *mOwner.mImpl;
  const store::ReadId ids[] = {read};
  AuditEvent e{.event = "read.viewed", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
               .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode, .purposeText = decision->purpose.label,
               .justification = ctx.justification, .resultCount = 1, .resultHash = IdsHash(ids),
               .objects = {"read:" + std::to_string(read)}, .reason = decision->reviewReason,
               .detailsJson = Details({{"what", "verifications and corrections"}})};
  PLATEDESK_TRY(ws.Record(e));
  ReadChecks checks;
  auto verifications = ws.storage->Verifications(read);
  if (!verifications) return verifications.Err();
  checks.verifications = std::move(*verifications);
  auto corrections = ws.storage->Corrections(read);
  if (!corrections) return corrections.Err();
  checks.corrections = std::move(*corrections);
  return checks;
}

Result<std::vector<store::Camera>> Session::Cameras() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  return mOwner.mImpl->storage->Cameras();
}

Result<Session::SearchOutcome> Session::Search(const AccessContext& ctx, const search::Query& query,
                                               const search::SearchOptions& options, bool withReads, std::stop_token stop,
                                               const ProgressFn& progress) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "search");
  if (!decision) return decision.Err();
  auto& ws = *mOwner.mImpl;
  AuditEvent start{.event = "search.start", .outcome = Outcome::Success, .user = mState->user.name,
                   .session = mState->id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                   .purposeText = decision->purpose.label, .justification = ctx.justification,
                   .query = QueryElements(query), .reason = decision->reviewReason};
  PLATEDESK_TRY(ws.Record(start));
  // The index phase runs without the facade lock (see Workstation::Impl): the GUI thread may call
  // the session meanwhile; onBatch (which streams the first page) runs here, after search.start.
  facadeLock.unlock();
  Result<search::SearchResult> found = [&]() -> Result<search::SearchResult> {
    std::lock_guard indexLock(ws.indexMutex);
    auto index = ws.Index(stop, progress);
    if (!index) return index.Err();
    return (*index)->Search(query, options, stop, progress);
  }();
  facadeLock.lock();
  // Signed out or locked while the index phase ran (another thread): the results are not
  // delivered (fail closed), and the record says so.
  if (found && (mState->ended || mState->locked)) {
    found = Fail(mState->ended ? ErrorCode::Unauthenticated : ErrorCode::Locked,
                 mState->ended ? "the session ended during the search" : "the session was locked during the search");
  }
  AuditEvent done{.event = "search.result", .outcome = found ? Outcome::Success : Outcome::Failure,
                  .user = mState->user.name, .session = mState->id, .caseNumber = ctx.caseNumber,
                  .purposeCode = ctx.purposeCode};
  std::vector<store::ReadId> ids;
  if (found) {
    for (const auto& h : found->hits) ids.push_back(h.read);
    done.resultCount = found->totalMatches;
  } else {
    done.resultCount = 0;
    done.reason = found.Err().message;
  }
  done.resultHash = IdsHash(ids);
  PLATEDESK_TRY(ws.Record(done));
  if (!found) return found.Err();
  SearchOutcome out{std::move(*found), {}};
  if (withReads) {
    auto reads = ws.storage->GetReads(ids);
    if (!reads) return reads.Err();
    out.reads = std::move(*reads);
  }
  return out;
}

Result<std::vector<search::SceneVehicle>> Session::MultiScene(const AccessContext& ctx, const search::MultiSceneQuery& query,
                                                              std::stop_token stop) {
  PLATEDESK_GATE;
  auto decision = gate.PlateData(ctx, "search");
  if (!decision) return decision.Err();
  auto& ws = *mOwner.mImpl;
  if (mState->user.role != Role::Supervisor) {
    AuditEvent e{.event = "search.refused", .outcome = Outcome::Refused, .user = mState->user.name,
                 .session = mState->id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                 .justification = ctx.justification,
                 .reason = "multi-scene search is a broad search: supervisors only until approvals exist"};
    PLATEDESK_TRY(ws.Record(e));
    return Fail(ErrorCode::PermissionDenied, e.reason);
  }
  std::map<std::string, std::string> q{{"kind", "multi-scene (broad search)"},
                                       {"min_scenes", std::to_string(query.minScenes)},
                                       {"scenes", std::to_string(query.scenes.size())}};
  if (query.plate) {
    search::Query tolerance;
    tolerance.plate = query.plate;
    tolerance.ocrTolerant = query.ocrTolerant;
    tolerance.maxEdits = query.maxEdits;
    tolerance.alternatives = query.alternatives;
    q.merge(QueryElements(tolerance));
  }
  for (std::size_t i = 0; i < query.scenes.size(); ++i) {
    const auto& sc = query.scenes[i];
    std::string where;
    for (auto c : sc.cameras) where += (where.empty() ? "cameras " : ",") + std::to_string(c);
    if (where.empty() && sc.near)
      where = Fmt(sc.near->centre.latitude) + "," + Fmt(sc.near->centre.longitude) + "," + Fmt(sc.near->radiusKm) + "km";
    q["scene" + std::to_string(i + 1)] = where + " " + FormatIso8601(sc.from) + "/" + FormatIso8601(sc.to);
  }
  AuditEvent start{.event = "search.start", .outcome = Outcome::Success, .user = mState->user.name,
                   .session = mState->id, .caseNumber = ctx.caseNumber, .purposeCode = ctx.purposeCode,
                   .purposeText = decision->purpose.label, .justification = ctx.justification, .query = q,
                   .reason = decision->reviewReason};
  PLATEDESK_TRY(ws.Record(start));
  facadeLock.unlock();
  Result<std::vector<search::SceneVehicle>> found = [&]() -> Result<std::vector<search::SceneVehicle>> {
    std::lock_guard indexLock(ws.indexMutex);
    auto index = ws.Index(stop, {});
    if (!index) return index.Err();
    return (*index)->MultiScene(query, 70, stop);
  }();
  facadeLock.lock();
  if (found && (mState->ended || mState->locked)) {
    found = Fail(mState->ended ? ErrorCode::Unauthenticated : ErrorCode::Locked,
                 mState->ended ? "the session ended during the search" : "the session was locked during the search");
  }
  std::vector<store::ReadId> ids;
  if (found)
    for (const auto& v : *found)
      for (const auto& [scene, hit] : v.sightings) ids.push_back(hit.read);
  AuditEvent done{.event = "search.result", .outcome = found ? Outcome::Success : Outcome::Failure,
                  .user = mState->user.name, .session = mState->id, .caseNumber = ctx.caseNumber,
                  .purposeCode = ctx.purposeCode, .resultCount = found ? found->size() : 0, .resultHash = IdsHash(ids),
                  .reason = found ? std::string() : found.Err().message};
  PLATEDESK_TRY(ws.Record(done));
  return found;
}

Result<ingest::ImportSummary> Session::Import(std::span<const std::filesystem::path> paths, std::stop_token stop,
                                              const ProgressFn& progress) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(mState->user.role == Role::Administrator, "importing camera data is for administrators"));
  std::vector<std::string> files;
  for (const auto& p : paths) files.push_back("file:" + p.string());
  ingest::Importer importer(*mOwner.mImpl->storage, mOwner.mImpl->clock);
  auto summary = importer.Import(paths, std::move(stop), progress);
  // Imports write data rather than reveal it, so the record follows the work, with its counts.
  AuditEvent e = gate.Admin("import", files, "{}");
  if (summary) {
    e.resultCount = summary->inserted;
    e.detailsJson = Details({{"records", std::to_string(summary->records)},
                             {"inserted", std::to_string(summary->inserted)},
                             {"duplicates", std::to_string(summary->duplicates)},
                             {"rejected", std::to_string(summary->rejected)},
                             {"skipped", std::to_string(summary->skipped)}});
  } else {
    e.outcome = Outcome::Failure;
    e.reason = summary.Err().message;
    e.detailsJson = Details({{"error", ErrorCodeName(summary.Err().code)}});
  }
  PLATEDESK_TRY(mOwner.mImpl->Record(e));
  // A search index this process already holds takes the new reads now (and saves its file); the
  // database is the truth, so a failure here only costs the next search the append.
  // Lock order facade -> indexMutex is safe: a search never holds indexMutex while it waits for
  // the facade.
  if (summary && summary->inserted > 0) {
    std::lock_guard indexLock(mOwner.mImpl->indexMutex);
    if (mOwner.mImpl->index) {
      if (auto refreshed = mOwner.mImpl->Index({}, {}); !refreshed)
        Log(LogLevel::Warning, "search index not updated after the import: " + refreshed.Err().ToString());
    }
  }
  return summary;
}

// --- cases and purposes ------------------------------------------------------------------------
Result<std::vector<store::PurposeRecord>> Session::Purposes() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  access::Policy policy(*mOwner.mImpl->storage);
  return policy.Purposes();
}

Status Session::AddPurpose(const std::string& code, const std::string& label, bool needsApproval) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(mState->user.role == Role::Administrator, "changing the purpose catalogue is for administrators"));
  PLATEDESK_TRY(gate.Mfa());
  access::Policy policy(*mOwner.mImpl->storage);
  PLATEDESK_TRY(policy.AddPurpose(code, label, needsApproval));
  return mOwner.mImpl->Record(gate.Admin("config.changed", {"purpose:" + code},
                                         Details({{"change", "purpose added"}, {"label", label},
                                                  {"needs_approval", needsApproval ? "yes" : "no"}})));
}

Status Session::SetPurposeDisabled(const std::string& code, bool disabled) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(mState->user.role == Role::Administrator, "changing the purpose catalogue is for administrators"));
  PLATEDESK_TRY(gate.Mfa());
  access::Policy policy(*mOwner.mImpl->storage);
  PLATEDESK_TRY(policy.SetPurposeDisabled(code, disabled));
  return mOwner.mImpl->Record(gate.Admin("config.changed", {"purpose:" + code},
                                         Details({{"change", disabled ? "purpose disabled" : "purpose enabled"}})));
}

Status Session::RegisterCase(const std::string& number, const std::string& title, const std::string& lead) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(CanReachPlateData(mState->user.role), "registering a case is for detectives, supervisors and administrators"));
  PLATEDESK_TRY(gate.Mfa());
  access::Policy policy(*mOwner.mImpl->storage);
  PLATEDESK_TRY(policy.CheckCaseNumber(number));
  PLATEDESK_TRY(mOwner.mImpl->storage->AddCase({number, title, lead, true, mState->user.name, 0}));
  AuditEvent e = gate.Admin("case.registered", {"case:" + number}, Details({{"status", "open"}, {"title", title}}));
  e.caseNumber = number;
  return mOwner.mImpl->Record(e);
}

Status Session::SetCaseOpen(const std::string& number, bool open) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(mState->user.role == Role::Supervisor || mState->user.role == Role::Administrator,
                          "opening or closing a case is for supervisors and administrators"));
  PLATEDESK_TRY(gate.Mfa());
  PLATEDESK_TRY(mOwner.mImpl->storage->SetCaseOpen(number, open));
  AuditEvent e = gate.Admin("case.registered", {"case:" + number}, Details({{"status", open ? "open" : "closed"}}));
  e.caseNumber = number;
  return mOwner.mImpl->Record(e);
}

Result<std::vector<store::CaseRecord>> Session::Cases() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  return mOwner.mImpl->storage->Cases();
}

// --- users ---------------------------------------------------------------------------------------
namespace {
Status RequireAdmin(Gate& gate, const UserInfo& u, const std::string& what) {
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(u.role == Role::Administrator, what));
  return gate.Mfa();
}
}  // namespace

Result<std::vector<UserSummary>> Session::Users() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(RequireAdmin(gate, mState->user, "managing users is for administrators"));
  auto users = mOwner.mImpl->storage->Users();
  if (!users) return users.Err();
  std::vector<UserSummary> out;
  for (const auto& u : *users)
    out.push_back({u.name, u.displayName, u.role, u.disabled, u.locked, !u.totpSecret.empty(), !u.totpPending.empty(),
                   u.mustChangePassword, u.trainingCompleted, u.trainingExpires});
  return out;
}

namespace {
// The account a typed name means (names are case-insensitive and NFC).
Result<store::UserRecord> Existing(store::Storage& s, const std::string& name) {
  access::Accounts accounts(s);
  auto u = accounts.Find(name);
  if (!u) return u.Err();
  if (!u->has_value()) return Fail(ErrorCode::NotFound, "no such user", name);
  return **u;
}
}  // namespace

Status Session::AddUser(const std::string& name, Role role, const std::string& password, const std::string& displayName) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(RequireAdmin(gate, mState->user, "adding users is for administrators"));
  access::Accounts accounts(*mOwner.mImpl->storage);
  auto user = accounts.AddUser(name, role, password, displayName);
  if (!user) return user.Err();
  return mOwner.mImpl->Record(gate.Admin("user.added", {"user:" + name}, Details({{"role", store::RoleName(role)}})));
}

Status Session::SetRole(const std::string& name, Role role) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(RequireAdmin(gate, mState->user, "changing roles is for administrators"));
  auto user = Existing(*mOwner.mImpl->storage, name);
  if (!user) return user.Err();
  const std::string before = store::RoleName(user->role);
  user->role = role;
  PLATEDESK_TRY(mOwner.mImpl->storage->UpdateUser(*user));
  return mOwner.mImpl->Record(
      gate.Admin("role.changed", {"user:" + name}, Details({{"from", before}, {"to", store::RoleName(role)}})));
}

Status Session::SetDisabled(const std::string& name, bool disabled) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(RequireAdmin(gate, mState->user, "disabling users is for administrators"));
  auto user = Existing(*mOwner.mImpl->storage, name);
  if (!user) return user.Err();
  if (user->name == mState->user.name && disabled)
    return Fail(ErrorCode::InvalidArgument, "you cannot disable your own account");
  user->disabled = disabled;
  PLATEDESK_TRY(mOwner.mImpl->storage->UpdateUser(*user));
  AuditEvent e = gate.Admin(disabled ? "user.disabled" : "config.changed", {"user:" + name},
                            Details({{"change", disabled ? "disabled" : "enabled"}}));
  return mOwner.mImpl->Record(e);
}

Status Session::UnlockUser(const std::string& name) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(RequireAdmin(gate, mState->user, "unlocking accounts is for administrators"));
  auto user = Existing(*mOwner.mImpl->storage, name);
  if (!user) return user.Err();
  user->locked = false;
  user->failedLogins = 0;
  user->firstFailedLoginAt.reset();
  PLATEDESK_TRY(mOwner.mImpl->storage->UpdateUser(*user));
  return mOwner.mImpl->Record(gate.Admin("account.unlocked", {"user:" + name}, "{}"));
}

// ResetPassword, EnrollTotp, SetTraining: SessionAccounts.cpp.

Status Session::SetSetting(const std::string& key, const std::string& value) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(RequireAdmin(gate, mState->user, "changing agency settings is for administrators"));
  static const std::string_view kAllowed[] = {"case_pattern", "unregistered_case", "closed_case", "idle_minutes",
                                              "mfa_required", "banner", "agency", "retention_days"};
  if (std::find(std::begin(kAllowed), std::end(kAllowed), key) == std::end(kAllowed))
    return Fail(ErrorCode::InvalidArgument, "unknown setting", key);
  if (key == "case_pattern") {
    access::Policy policy(*mOwner.mImpl->storage);
    PLATEDESK_TRY(policy.SetCasePattern(value));
  } else {
    if ((key == "unregistered_case" || key == "closed_case") && value != "refuse" && value != "flag")
      return Fail(ErrorCode::InvalidArgument, key + " is 'refuse' or 'flag'");
    if (key == "mfa_required" && value != "0" && value != "1") return Fail(ErrorCode::InvalidArgument, "mfa_required is 0 or 1");
    if (key == kMfaRequiredSetting && value == "0" && mOwner.mImpl->MfaRequired()) {
      // Two administrators: the first records the request, a different one within a day agrees.
      const UtcMs now = mOwner.mImpl->clock.Now();
      auto pending = mOwner.mImpl->Setting(kMfaOffRequestSetting, "");
      if (!pending) return pending.Err();
      const auto newline = pending->find('\n');
      const std::string requestedBy = newline == std::string::npos ? std::string() : pending->substr(0, newline);
      UtcMs requestedAt = 0;
      if (newline != std::string::npos)
        std::from_chars(pending->data() + newline + 1, pending->data() + pending->size(), requestedAt);
      const bool approvable = !requestedBy.empty() && requestedBy != mState->user.name && now - requestedAt < kMfaOffApprovalMs;
      if (!approvable) {
        PLATEDESK_TRY(mOwner.mImpl->storage->SetSetting(kMfaOffRequestSetting, mState->user.name + "\n" + std::to_string(now)));
        PLATEDESK_TRY(mOwner.mImpl->Record(gate.Admin(
            "config.changed", {"setting:" + key},
            Details({{"key", key}, {"value", value}, {"status", "requested: needs a second administrator within 24 hours"}}))));
        return Fail(ErrorCode::PermissionDenied, ErrorDetail::SecondAdministratorNeeded,
                    "turning mfa_required off takes two administrators: your request is recorded; another administrator "
                    "must make the same change within 24 hours");
      }
      PLATEDESK_TRY(mOwner.mImpl->storage->SetSetting(kMfaOffRequestSetting, ""));
      PLATEDESK_TRY(mOwner.mImpl->storage->SetSetting(key, value));
      return mOwner.mImpl->Record(gate.Admin(
          "config.changed", {"setting:" + key},
          Details({{"key", key}, {"value", value}, {"requested_by", requestedBy}, {"status", "approved"}})));
    }
    if (key == kRetentionDaysSetting && !detail::ParseRetentionDays(value))
      return Fail(ErrorCode::InvalidArgument, "retention_days is a whole number of days from 1 to 36500", value);
    PLATEDESK_TRY(mOwner.mImpl->storage->SetSetting(key, value));
  }
  return mOwner.mImpl->Record(gate.Admin("config.changed", {"setting:" + key}, Details({{"key", key}, {"value", value}})));
}

// --- audit ------------------------------------------------------------------------------------
Result<std::vector<audit::StoredRecord>> Session::AuditRecords(const audit::RecordFilter& filter) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(CanReviewAudit(mState->user.role), "reviewing the audit trail is for supervisors and auditors"));
  std::map<std::string, std::string> q;
  if (!filter.user.empty()) q["user"] = filter.user;
  if (!filter.caseNumber.empty()) q["case"] = filter.caseNumber;
  if (!filter.purposeCode.empty()) q["purpose"] = filter.purposeCode;
  if (!filter.eventType.empty()) q["event"] = filter.eventType;
  if (filter.from) q["from"] = FormatIso8601(*filter.from);
  if (filter.to) q["to"] = FormatIso8601(*filter.to);
  AuditEvent e{.event = "audit.review", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
               .query = q};
  // Recorded first, so the review itself is in the trail it returns.
  PLATEDESK_TRY(mOwner.mImpl->Record(e));
  return mOwner.mImpl->audit->List(filter);
}

Result<AuditVerification> Session::VerifyAudit(const std::vector<std::string>& externalCheckpoints) {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(CanVerifyAudit(mState->user.role), "verifying the audit log is for supervisors, auditors and administrators"));
  auto keys = mOwner.mImpl->audit->KeyChain();
  if (!keys) return keys.Err();
  audit::VerifyOptions options;
  options.externalCheckpoints = externalCheckpoints;
  if (!keys->empty()) options.trustedKey = keys->front();
  auto report = audit::VerifyLog(mOwner.mImpl->storage->Folder() / audit::kAuditDbFileName, options);
  if (!report) return report.Err();
  AuditVerification v;
  v.pass = report->ok;
  v.records = report->entries;
  v.checkpointsVerified = report->storedCheckpoints + report->externalCheckpoints;
  v.unanchoredTail = report->unanchoredTail;
  v.summary = report->ok ? "PASS" : "FAIL";
  if (!report->ok) {
    v.summary += ": " + std::string(audit::VerifyProblemName(report->problem));
    if (report->firstBadIndex) v.summary += " at index " + std::to_string(*report->firstBadIndex);
    v.summary += ": " + report->reason;
  }
  AuditEvent e{.event = "audit.verify", .outcome = report->ok ? Outcome::Success : Outcome::Failure,
               .user = mState->user.name, .session = mState->id,
               .detailsJson = Details({{"verdict", v.summary}, {"records", std::to_string(v.records)},
                                       {"external_checkpoints", std::to_string(externalCheckpoints.size())}})};
  PLATEDESK_TRY(mOwner.mImpl->Record(e));
  return v;
}

Result<std::string> Session::ExportCheckpoint() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  PLATEDESK_TRY(gate.Role(CanVerifyAudit(mState->user.role), "exporting a checkpoint is for supervisors, auditors and administrators"));
  auto cp = mOwner.mImpl->audit->SignCheckpoint();
  if (!cp) return cp.Err();
  PLATEDESK_TRY(mOwner.mImpl->Record(
      {.event = "audit.export", .outcome = Outcome::Success, .user = mState->user.name, .session = mState->id,
       .objects = {"checkpoint:" + std::to_string(cp->size)}}));
  return cp->note;
}

Result<std::string> Session::AuditPublicKey() {
  PLATEDESK_GATE;
  PLATEDESK_TRY(gate.Active());
  return mOwner.mImpl->audit->VerifierKey();
}

// --- internals for the Session's other translation units (SessionInternal.h) -------------------
namespace detail {
std::string BoundTokenHash(const std::string& token, const std::string& binding) {
  return Sha256Hex(binding.empty() ? token : token + "\n" + binding);
}
const std::string& TokenHashOf(const Session::State& s) { return s.tokenHash; }
Result<store::UserRecord> Authenticate(Workstation::Impl& ws, const std::string& name, const std::string& password,
                                       const std::string& totp, const std::string& session,
                                       const std::string& newPassword) {
  return ws.Authenticate(name, password, totp, session, newPassword);
}
store::Storage& StorageOf(Workstation::Impl& ws) { return *ws.storage; }
audit::AuditLog& AuditOf(Workstation::Impl& ws) { return *ws.audit; }
const Clock& ClockOf(Workstation::Impl& ws) { return ws.clock; }
std::recursive_mutex& FacadeOf(Workstation::Impl& ws) { return ws.facade; }
Status Record(Workstation::Impl& ws, const audit::AuditEvent& event) { return ws.Record(event); }
Result<audit::AppendedRecord> Append(Workstation::Impl& ws, const audit::AuditEvent& event) { return ws.Append(event); }
Result<access::AccessDecision> CheckPlateData(Workstation::Impl& ws, Session::State& s, const AccessContext& context,
                                              const std::string& action) {
  Gate gate{ws, s};
  return gate.PlateData(context, action);
}
Status CheckActive(Workstation::Impl& ws, Session::State& s) {
  Gate gate{ws, s};
  return gate.Active();
}
Status CheckAdministrator(Workstation::Impl& ws, Session::State& s, const std::string& what) {
  Gate gate{ws, s};
  return RequireAdmin(gate, s.user, what);
}
void RefreshLoadedIndex(Workstation::Impl& ws, std::stop_token stop) {
  std::lock_guard indexLock(ws.indexMutex);
  if (!ws.index) return;
  if (auto refreshed = ws.Index(stop, {}); !refreshed)
    Log(LogLevel::Warning, "search index not refreshed: " + refreshed.Err().ToString());
}
const UserInfo& UserOf(const Session::State& s) { return s.user; }
const std::string& SessionIdOf(const Session::State& s) { return s.id; }
std::string WorkstationName() { return HostName(); }
std::string IdsDigest(std::span<const store::ReadId> ids) { return IdsHash(ids); }
}  // namespace detail

}  // namespace platedesk::workstation
