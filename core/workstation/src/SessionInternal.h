// SPDX-License-Identifier: GPL-3.0-or-later
// Private: what the Session methods in other .cpp files (SessionEvidence.cpp, SessionCases.cpp) need of the
// facade's internals, defined in Workstation.cpp. Keeps the gate (rules + refusal audit) in one place.
#pragma once

#include "platedesk/access/Policy.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>

namespace platedesk::workstation::detail {

[[nodiscard]] store::Storage& StorageOf(Workstation::Impl& ws);
[[nodiscard]] audit::AuditLog& AuditOf(Workstation::Impl& ws);
[[nodiscard]] const Clock& ClockOf(Workstation::Impl& ws);
/// The facade lock every Session method holds while it touches the storage, the audit log or the
/// session state (see Workstation::Impl): long work releases it between short, locked steps.
[[nodiscard]] std::recursive_mutex& FacadeOf(Workstation::Impl& ws);
/// Appends an event, failing closed (as every Session method does), and signs a due checkpoint.
[[nodiscard]] Status Record(Workstation::Impl& ws, const audit::AuditEvent& event);
/// Record, returning the appended record (its seq, time and canonical text) to the caller.
[[nodiscard]] Result<audit::AppendedRecord> Append(Workstation::Impl& ws, const audit::AuditEvent& event);
/// The plate-data gate: session active, role, training, MFA, case/purpose/justification; a refusal
/// is audited (access.refused with the action) before the error returns.
[[nodiscard]] Result<access::AccessDecision> CheckPlateData(Workstation::Impl& ws, Session::State& s,
                                                            const AccessContext& context, const std::string& action);
/// The checks every call makes first (session not ended, not past 12 hours, not locked).
[[nodiscard]] Status CheckActive(Workstation::Impl& ws, Session::State& s);
/// retention_days as a number: a whole number of days from 1 to 36500, or nullopt.
[[nodiscard]] std::optional<int> ParseRetentionDays(std::string_view text);
/// The checks of an administrator's call: session active (counts as activity), role administrator.
[[nodiscard]] Status CheckAdministrator(Workstation::Impl& ws, Session::State& s, const std::string& what);
/// Brings the search index this process holds (if any) up to date with the database, e.g. after
/// reads were deleted; a failure is logged (the next search refreshes again). Caller must not
/// hold the index lock.
void RefreshLoadedIndex(Workstation::Impl& ws, std::stop_token stop);
[[nodiscard]] const UserInfo& UserOf(const Session::State& s);
[[nodiscard]] const std::string& SessionIdOf(const Session::State& s);
/// The hash a session row is keyed by: the token with the binding it was made for (a CLI
/// session's OS user and host), so the token alone resumes nothing elsewhere.
[[nodiscard]] std::string BoundTokenHash(const std::string& token, const std::string& binding);
/// The hash of the session's token, as its sessions row is keyed.
[[nodiscard]] const std::string& TokenHashOf(const Session::State& s);
/// A sign-in check (access::Accounts::Authenticate) that audits a failure (login.failure, and
/// account.locked when this attempt locked the account), for Login, Unlock and re-authentication.
[[nodiscard]] Result<store::UserRecord> Authenticate(Workstation::Impl& ws, const std::string& name,
                                                     const std::string& password, const std::string& totp,
                                                     const std::string& session, const std::string& newPassword = {});
/// The workstation id written in audit records (host name).
[[nodiscard]] std::string WorkstationName();
/// The result_hash of a list of read ids (as the other data methods record it).
[[nodiscard]] std::string IdsDigest(std::span<const store::ReadId> ids);

}  // namespace platedesk::workstation::detail
