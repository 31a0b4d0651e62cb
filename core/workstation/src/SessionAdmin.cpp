// SPDX-License-Identifier: GPL-3.0-or-later
// Session's administration: users (accounts, roles, passwords, authenticators, training), the
// purpose catalogue, agency settings and camera-file imports. Every change is audited.
#include "SessionInternal.h"

#include "platedesk/access/Accounts.h"
#include "platedesk/access/Policy.h"
#include "platedesk/access/Totp.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/common/Log.h"
#include "platedesk/common/Text.h"
#include "platedesk/dissemination/Rules.h"
#include "platedesk/ingest/Importer.h"
#include "platedesk/map/Tiles.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>

namespace platedesk::workstation {
namespace {

using audit::AuditEvent;
using audit::Outcome;
using store::Role;

// A first administrator's request to turn mfa_required off: "<user>\n<utc ms>" (meta table).
constexpr std::string_view kMfaOffRequestSetting = "mfa_off_request";

// The account a typed name means (names are case-insensitive and NFC).
Result<store::UserRecord> Existing(store::Storage& s, const std::string& name) {
  access::Accounts accounts(s);
  auto u = accounts.Find(name);
  if (!u) return u.Err();
  if (!u->has_value()) return Fail(ErrorCode::NotFound, "no such user", name);
  return **u;
}

}  // namespace

// --- users ---------------------------------------------------------------------------------------
Result<std::vector<UserSummary>> EmbeddedSession::Users() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "managing users is for administrators"));
  auto users = detail::StorageOf(ws).Users();
  if (!users) return users.Err();
  std::vector<UserSummary> out;
  for (const auto& u : *users)
    out.push_back({u.name, u.displayName, u.role, u.disabled, u.locked, !u.totpSecret.empty(), !u.totpPending.empty(),
                   u.mustChangePassword, u.trainingCompleted, u.trainingExpires});
  return out;
}

Result<UserSummary> EmbeddedSession::OwnAccount() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState, /*touch=*/false));
  auto u = detail::FreshUser(ws, *mState);
  if (!u) return u.Err();
  return UserSummary{u->name,
                     u->displayName,
                     u->role,
                     u->disabled,
                     u->locked,
                     !u->totpSecret.empty(),
                     !u->totpPending.empty(),
                     u->mustChangePassword,
                     u->trainingCompleted,
                     u->trainingExpires};
}

Status EmbeddedSession::AddUser(const std::string& name, Role role, const std::string& password,
                                const std::string& displayName) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "adding users is for administrators"));
  access::Accounts accounts(detail::StorageOf(ws));
  auto user = accounts.AddUser(name, role, password, displayName);
  if (!user) return user.Err();
  return detail::Record(ws, detail::AdminEvent(*mState, "user.added", {"user:" + name},
                                               detail::DetailsJson({{"role", store::RoleName(role)}})));
}

Status EmbeddedSession::SetRole(const std::string& name, Role role) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "changing roles is for administrators"));
  auto& storage = detail::StorageOf(ws);
  auto user = Existing(storage, name);
  if (!user) return user.Err();
  const std::string before = store::RoleName(user->role);
  user->role = role;
  PLATEDESK_TRY(storage.UpdateUser(*user));
  return detail::Record(ws, detail::AdminEvent(*mState, "role.changed", {"user:" + name},
                                               detail::DetailsJson({{"from", before}, {"to", store::RoleName(role)}})));
}

Status EmbeddedSession::SetDisabled(const std::string& name, bool disabled) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "disabling users is for administrators"));
  auto& storage = detail::StorageOf(ws);
  auto user = Existing(storage, name);
  if (!user) return user.Err();
  if (user->name == mState->user.name && disabled)
    return Fail(ErrorCode::InvalidArgument, "you cannot disable your own account");
  user->disabled = disabled;
  PLATEDESK_TRY(storage.UpdateUser(*user));
  AuditEvent e = detail::AdminEvent(*mState, disabled ? "user.disabled" : "config.changed", {"user:" + name},
                                    detail::DetailsJson({{"change", disabled ? "disabled" : "enabled"}}));
  return detail::Record(ws, e);
}

Status EmbeddedSession::UnlockUser(const std::string& name) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "unlocking accounts is for administrators"));
  auto& storage = detail::StorageOf(ws);
  auto user = Existing(storage, name);
  if (!user) return user.Err();
  user->locked = false;
  user->failedLogins = 0;
  user->firstFailedLoginAt.reset();
  PLATEDESK_TRY(storage.UpdateUser(*user));
  return detail::Record(ws, detail::AdminEvent(*mState, "account.unlocked", {"user:" + name}, "{}"));
}

// ResetPassword, EnrollTotp, SetTraining: SessionAccounts.cpp (with the user's own credential changes).

// --- settings ------------------------------------------------------------------------------------
namespace {

// The settings SetSetting takes besides oversight::ApprovalSettingKeys() (Settings lists both).
constexpr std::string_view kSettingKeys[] = {"case_pattern",
                                             "unregistered_case",
                                             "closed_case",
                                             "idle_minutes",
                                             "mfa_required",
                                             "banner",
                                             "agency",
                                             "retention_days",
                                             "camera_offline_after_s",
                                             "dissemination_rules",
                                             "agency_state",
                                             "dissemination_releasers",
                                             "review_hours",
                                             "review_volume_minimum",
                                             "review_min_fixed",
                                             "review_broad_results",
                                             "review_volume_factor",
                                             "review_staff_vehicles",
                                             "review_administrators",
                                             "hold_review_days",
                                             "retention_period_fixed",
                                             "retention_period_mobile",
                                             "retention_period_portable",
                                             "audit_retention_days",
                                             "map_tiles",
                                             "map_attribution"};

}  // namespace

Result<std::vector<AgencySetting>> EmbeddedSession::Settings() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  if (mState->user.role != store::Role::Administrator && mState->user.role != store::Role::Auditor)
    return Fail(ErrorCode::PermissionDenied, "the agency settings are for administrators and auditors");
  std::vector<std::string> keys(std::begin(kSettingKeys), std::end(kSettingKeys));
  for (const auto& key : oversight::ApprovalSettingKeys()) keys.emplace_back(key);
  std::sort(keys.begin(), keys.end());
  auto& storage = detail::StorageOf(ws);
  std::vector<AgencySetting> settings;
  for (const auto& key : keys) {
    auto stored = storage.GetSetting(key);
    if (!stored) return stored.Err();
    settings.push_back({key, stored->value_or(""), stored->has_value()});
  }
  return settings;
}

Status EmbeddedSession::SetSetting(const std::string& key, const std::string& value) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "changing agency settings is for administrators"));
  const auto& approvalKeys = oversight::ApprovalSettingKeys();
  const bool approvalKey = std::find(approvalKeys.begin(), approvalKeys.end(), key) != approvalKeys.end();
  if (!approvalKey && std::find(std::begin(kSettingKeys), std::end(kSettingKeys), key) == std::end(kSettingKeys))
    return Fail(ErrorCode::InvalidArgument, "unknown setting", key);
  auto& storage = detail::StorageOf(ws);
  if (key == "case_pattern") {
    access::Policy policy(storage);
    PLATEDESK_TRY(policy.SetCasePattern(value));
  } else {
    if ((key == "unregistered_case" || key == "closed_case") && value != "refuse" && value != "flag")
      return Fail(ErrorCode::InvalidArgument, key + " is 'refuse' or 'flag'");
    if (key == "mfa_required" && value != "0" && value != "1")
      return Fail(ErrorCode::InvalidArgument, "mfa_required is 0 or 1");
    if (key == kMfaRequiredSetting && value == "0" && detail::MfaRequiredOf(ws)) {
      // Two administrators: the first records the request, a different one within a day agrees.
      const UtcMs now = detail::ClockOf(ws).Now();
      auto stored = storage.GetSetting(kMfaOffRequestSetting);
      if (!stored) return stored.Err();
      const std::string pending = stored->value_or("");
      const auto newline = pending.find('\n');
      const std::string requestedBy = newline == std::string::npos ? std::string() : pending.substr(0, newline);
      UtcMs requestedAt = 0;
      if (newline != std::string::npos)
        std::from_chars(pending.data() + newline + 1, pending.data() + pending.size(), requestedAt);
      const bool approvable =
          !requestedBy.empty() && requestedBy != mState->user.name && now - requestedAt < kMfaOffApprovalMs;
      if (!approvable) {
        PLATEDESK_TRY(storage.SetSetting(kMfaOffRequestSetting, mState->user.name + "\n" + std::to_string(now)));
        PLATEDESK_TRY(detail::Record(
            ws, detail::AdminEvent(
                    *mState, "config.changed", {"setting:" + key},
                    detail::DetailsJson({{"key", key},
                                         {"value", value},
                                         {"status", "requested: needs a second administrator within 24 hours"}}))));
        return Fail(
            ErrorCode::PermissionDenied, ErrorDetail::SecondAdministratorNeeded,
            "turning mfa_required off takes two administrators: your request is recorded; another administrator "
            "must make the same change within 24 hours");
      }
      PLATEDESK_TRY(storage.SetSetting(kMfaOffRequestSetting, ""));
      PLATEDESK_TRY(storage.SetSetting(key, value));
      return detail::Record(
          ws, detail::AdminEvent(
                  *mState, "config.changed", {"setting:" + key},
                  detail::DetailsJson(
                      {{"key", key}, {"value", value}, {"requested_by", requestedBy}, {"status", "approved"}})));
    }
    if (key == "idle_minutes") {
      // The lock's clock: a word or a number out of range was stored as given and read as 30.
      int minutes = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), minutes);
      if (ec != std::errc() || end != value.data() + value.size() || minutes < 1 || minutes > 24 * 60)
        return Fail(ErrorCode::InvalidArgument, "idle_minutes is a whole number of minutes from 1 to 1440", value);
    }
    if (key == store::kCameraOfflineAfterSetting) {
      long long seconds = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (ec != std::errc() || end != value.data() + value.size() || seconds < 60 || seconds > 7 * 24 * 3600)
        return Fail(ErrorCode::InvalidArgument, "camera_offline_after_s is a whole number of seconds from 60 to 604800",
                    value);
    }
    if (key == dissemination::kAgencyStateSetting &&
        (value.size() != 2 || !std::isupper(static_cast<unsigned char>(value[0])) ||
         !std::isupper(static_cast<unsigned char>(value[1]))))
      return Fail(ErrorCode::InvalidArgument, "agency_state is the agency's two-letter state code", value);
    if (key == dissemination::kRulesSetting) {
      auto state = storage.GetSetting(dissemination::kAgencyStateSetting);
      if (!state) return state.Err();
      auto rules = dissemination::ParseRules(value, state->value_or(""));
      if (!rules) return rules.Err();
    }
    if (key == dissemination::kReleasersSetting) {
      auto releasers = dissemination::ParseReleasers(value);
      if (!releasers) return releasers.Err();
      if (releasers->empty())
        return Fail(ErrorCode::InvalidArgument, "dissemination_releasers names at least one role or lead");
    }
    if (key == kMapTilesSetting) PLATEDESK_TRY(map::ParseTileSource(value));
    if (key == kMapAttributionSetting) {
      const auto characters = std::count_if(value.begin(), value.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // UTF-8: each character once
      });
      const bool control = std::any_of(value.begin(), value.end(),
                                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
      if (!IsValidUtf8(value) || control || characters > 200)
        return Fail(ErrorCode::InvalidArgument, "map_attribution is one line of at most 200 characters");
    }
    if (key == "review_administrators" && value != "0" && value != "1")
      return Fail(ErrorCode::InvalidArgument, "review_administrators is 0 or 1");
    if (key.rfind("review_", 0) == 0) PLATEDESK_TRY(detail::CheckReviewSetting(key, value));
    if (approvalKey) PLATEDESK_TRY(detail::CheckApprovalSetting(key, value));
    if (key == kHoldReviewDaysSetting && !detail::ParseHoldReviewDays(value))
      return Fail(ErrorCode::InvalidArgument, "hold_review_days is a whole number of days from 1 to 3650", value);
    if (key == kRetentionDaysSetting && !ParseRetentionPeriod(value))
      return Fail(ErrorCode::InvalidArgument,
                  "retention_days is a number of days from 1 to 36500, or a period with a unit: 30d, 12h, 90min",
                  value);
    if (key == kAuditRetentionDaysSetting && !detail::ParseAuditRetentionDays(value))
      return Fail(ErrorCode::InvalidArgument, "audit_retention_days is a whole number of days from 365 to 36500",
                  value);
    if (key.rfind("retention_period_", 0) == 0 && !value.empty() && !ParseRetentionPeriod(value))
      return Fail(ErrorCode::InvalidArgument,
                  key + " is a period with a unit (30d, 12h, 90min; at least 1 minute), or empty for the agency's",
                  value);
    // Recorded before it takes effect: a retention setting can make the next purge delete reads.
    PLATEDESK_TRY(detail::Record(ws, detail::AdminEvent(*mState, "config.changed", {"setting:" + key},
                                                        detail::DetailsJson({{"key", key}, {"value", value}}))));
    return storage.SetSetting(key, value);
  }
  return detail::Record(ws, detail::AdminEvent(*mState, "config.changed", {"setting:" + key},
                                               detail::DetailsJson({{"key", key}, {"value", value}})));
}

// --- purposes ------------------------------------------------------------------------------------
Result<std::vector<store::PurposeRecord>> EmbeddedSession::Purposes() {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckActive(ws, *mState));
  access::Policy policy(detail::StorageOf(ws));
  return policy.Purposes();
}

Status EmbeddedSession::AddPurpose(const std::string& code, const std::string& label, bool needsApproval,
                                   const std::vector<store::Role>& roles) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "changing the purpose catalogue is for administrators"));
  access::Policy policy(detail::StorageOf(ws));
  PLATEDESK_TRY(policy.AddPurpose(code, label, needsApproval, roles));
  return detail::Record(ws, detail::AdminEvent(*mState, "config.changed", {"purpose:" + code},
                                               detail::DetailsJson({{"change", "purpose added"},
                                                                    {"label", label},
                                                                    {"needs_approval", needsApproval ? "yes" : "no"},
                                                                    {"roles", access::Policy::RolesText(roles)}})));
}

Status EmbeddedSession::SetPurposeDisabled(const std::string& code, bool disabled) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  PLATEDESK_TRY(detail::CheckAdministrator(ws, *mState, "changing the purpose catalogue is for administrators"));
  access::Policy policy(detail::StorageOf(ws));
  PLATEDESK_TRY(policy.SetPurposeDisabled(code, disabled));
  return detail::Record(
      ws, detail::AdminEvent(*mState, "config.changed", {"purpose:" + code},
                             detail::DetailsJson({{"change", disabled ? "purpose disabled" : "purpose enabled"}})));
}

// --- camera data ---------------------------------------------------------------------------------
Result<ingest::ImportSummary> EmbeddedSession::Import(std::span<const std::filesystem::path> paths,
                                                      std::stop_token stop, const ProgressFn& progress) {
  auto& ws = *mOwner.mImpl;
  std::lock_guard facadeLock(detail::FacadeOf(ws));
  // Not administration in issue 10's sense (users, purposes, cases, settings, purge): no second factor needed.
  PLATEDESK_TRY(detail::CheckRole(ws, *mState, mState->user.role == Role::Administrator,
                                  "importing camera data is for administrators"));
  std::vector<std::string> files;
  for (const auto& p : paths) files.push_back("file:" + p.string());
  ingest::Importer importer(detail::StorageOf(ws), detail::ClockOf(ws));
  auto summary = importer.Import(paths, std::move(stop), progress);
  // Imports write data rather than reveal it, so the record follows the work, with its counts.
  AuditEvent e = detail::AdminEvent(*mState, "import", files, "{}");
  if (summary) {
    e.resultCount = summary->inserted;
    e.detailsJson = detail::DetailsJson({{"records", std::to_string(summary->records)},
                                         {"inserted", std::to_string(summary->inserted)},
                                         {"duplicates", std::to_string(summary->duplicates)},
                                         {"rejected", std::to_string(summary->rejected)},
                                         {"skipped", std::to_string(summary->skipped)}});
  } else {
    e.outcome = Outcome::Failure;
    e.reason = summary.Err().message;
    e.detailsJson = detail::DetailsJson({{"error", ErrorCodeName(summary.Err().code)}});
  }
  PLATEDESK_TRY(detail::Record(ws, e));
  // A search index this process already holds takes the new reads now (a large import goes into
  // its main part and saves its file); the database is the truth, so a failure here only costs the
  // next search the append.
  // Lock order facade -> indexMutex is safe: a search never holds indexMutex while it waits for
  // the facade.
  if (summary && summary->inserted > 0)
    detail::RefreshLoadedIndex(ws, {}, "search index not updated after the import: ");
  return summary;
}

}  // namespace platedesk::workstation
