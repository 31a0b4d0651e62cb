// SPDX-License-Identifier: GPL-3.0-or-later
// Private: what the Session methods (one .cpp file per area: SessionSignIn, SessionSearch,
// SessionReads, SessionCases, SessionEvidence, SessionAdmin, SessionRetention, SessionAuditTrail)
// need of the facade's internals, defined in Workstation.cpp. Keeps the gate (rules + refusal
// audit) in one place: every Session method takes the facade lock, then one of the Check*
// functions below, before it touches data.
#pragma once

#include "platedesk/access/Policy.h"
#include "platedesk/audit/AuditLog.h"
#include "platedesk/oversight/Approval.h"
#include "platedesk/search/Query.h"
#include "platedesk/store/Storage.h"
#include "platedesk/workstation/Workstation.h"

#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace platedesk::search {
class SearchIndex;
}
namespace platedesk::evidence {
class SigningKeys;
}

namespace platedesk::workstation {

/// One signed-in session's state. Guarded by the facade lock (detail::FacadeOf).
struct EmbeddedSession::State {
  UserInfo user;          ///< as it was at sign-in (the gate re-reads the account for plate data)
  std::string id;         ///< public id written in audit records
  std::string token;      ///< bearer token (CLI resume); never recorded
  std::string tokenHash;  ///< SHA-256 of the token, the sessions table's key
  std::string origin;     ///< where the user works: this host's name, or the client's address via a server
  UtcMs startedAt = 0;    ///< sign-in time (the 12-hour limit counts from here)
  UtcMs lastActive = 0;   ///< last call that counted as activity (the idle limit counts from here)
  bool locked = false;    ///< idle or locked by the user: Unlock with the password
  bool ended = false;     ///< logged out, past 12 hours or account disabled: sign in again
  /// The searches this session delivered, newest last (at most kDeliveredSearchesKept): a saved
  /// result list (SaveResults) must be rows of one of them, under the same context and query.
  struct Delivered {
    AccessContext context;
    std::map<std::string, std::string> query;  ///< search::QueryElements
    std::vector<store::ReadId> reads;          ///< sorted
  };
  std::vector<Delivered> delivered;
};

/// How a camera is named in files and reports: its name, or its external id when it has none.
[[nodiscard]] inline const std::string& CameraName(const store::Camera& camera) {
  return camera.name.empty() ? camera.externalId : camera.name;
}

/// How many delivered searches a session remembers for SaveResults.
inline constexpr std::size_t kDeliveredSearchesKept = 16;

namespace detail {

/// The storage connection of the facade; use under the facade lock.
[[nodiscard]] store::Storage& StorageOf(Workstation::Impl& ws);
/// The audit log (its one writer); use under the facade lock.
[[nodiscard]] audit::AuditLog& AuditOf(Workstation::Impl& ws);
/// The evidence signing key (thread-safe itself; rotate it under the facade lock).
[[nodiscard]] evidence::SigningKeys& EvidenceKeysOf(Workstation::Impl& ws);
/// The user name of what the workstation does on its own (bootstrap, the key migration at open).
inline constexpr std::string_view kSystemUser = "system";
/// The audit.key_rotated event of an evidence key change (details: which "evidence", new_key, and
/// old_key unless the key is the storage's first).
[[nodiscard]] audit::AuditEvent EvidenceKeyEvent(const std::string& user, const std::string& session,
                                                 const std::string& oldKey, const std::string& newKey,
                                                 const std::string& reason);
/// The clock the workstation was opened with.
[[nodiscard]] const Clock& ClockOf(Workstation::Impl& ws);
/// The facade lock every Session method holds while it touches the storage, the audit log or the
/// session state (see Workstation::Impl): long work releases it between short, locked steps.
[[nodiscard]] std::recursive_mutex& FacadeOf(Workstation::Impl& ws);
/// The agency's idle limit (setting idle_minutes, default 30, clamped to 1 minute..24 hours).
[[nodiscard]] UtcMs IdleLimitOf(Workstation::Impl& ws);
/// Whether the agency requires a second factor (demo storages: no).
[[nodiscard]] bool MfaRequiredOf(Workstation::Impl& ws);
/// Appends an event, failing closed (as every Session method does), and signs a due checkpoint.
[[nodiscard]] Status Record(Workstation::Impl& ws, const audit::AuditEvent& event);
/// Record, returning the appended record (its seq, time and canonical text) to the caller.
[[nodiscard]] Result<audit::AppendedRecord> Append(Workstation::Impl& ws, const audit::AuditEvent& event);

/// A snapshot of the search index, opened on first use (saved file or build; the first search
/// waits for it), shared by the searches that run at the same time and never changed while one
/// holds it. New reads are appended first when no other search is refreshing; while searches
/// overlap, at most once a second (on a copy), so a read that arrived less than a second ago may
/// be missing from a search made under load. Caller holds no facade lock.
[[nodiscard]] Result<std::shared_ptr<const search::SearchIndex>> SearchableIndex(Workstation::Impl& ws,
                                                                                 std::stop_token stop,
                                                                                 const ProgressFn& progress);
/// Brings the search index this process holds (if any) up to date with the database, e.g. after
/// reads were imported or deleted; a failure is logged after `logPrefix` (the next search refreshes
/// again). Caller must not hold the index lock.
void RefreshLoadedIndex(Workstation::Impl& ws, std::stop_token stop,
                        std::string_view logPrefix = "search index not refreshed: ");

/// Removes the saved search index file (and unfinished saves beside it), then refreshes the index
/// this process holds, which rebuilds and saves it from the database: after a purge, so the file
/// keeps no purged plate. Caller holds no facade lock.
void DropSavedIndex(Workstation::Impl& ws);
/// The retention purge (Session::PurgeExpired, Workstation::PurgeOnSchedule) recorded as `user`
/// (and `session`): retention.start, the deletes on a connection of its own with the facade lock
/// released, retention.purge. `facadeLock` is held on entry and on return.
[[nodiscard]] Result<RetentionReport> RunPurge(Workstation::Impl& ws,
                                               std::unique_lock<std::recursive_mutex>& facadeLock,
                                               const std::string& user, const std::string& session,
                                               std::stop_token stop, const ProgressFn& progress);

/// The checks every call makes first: session not ended, not past 12 hours, not idle past the
/// limit (locks it, audited as session.locked), not locked. With touch, the call counts as
/// activity (every call but the state queries the GUI polls). Errors: Unauthenticated, Locked.
[[nodiscard]] Status CheckActive(Workstation::Impl& ws, EmbeddedSession::State& s, bool touch = true);
/// CheckActive, then the role test: `allowed` false fails with PermissionDenied, "what" followed by
/// the user's role. Not audited (no plate data was asked for).
[[nodiscard]] Status CheckRole(Workstation::Impl& ws, EmbeddedSession::State& s, bool allowed, const std::string& what);
/// Where the agency requires a second factor, administration needs a confirmed authenticator too
/// (PermissionDenied, ErrorDetail::SecondFactorForAdministration).
[[nodiscard]] Status CheckMfa(Workstation::Impl& ws, EmbeddedSession::State& s);
/// CheckRole for the role administrator, then CheckMfa.
[[nodiscard]] Status CheckAdministrator(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& what);
/// The plate-data gate: session active, role, training, MFA, case/purpose/justification, and the
/// approval (context.approval: the user's own, approved, unexpired, for this case, purpose and
/// justification; without one, a purpose that needs approval is refused, except for action
/// "approval", the request for one); a refusal is audited (RefuseAccess) before the error returns.
[[nodiscard]] Result<access::AccessDecision> CheckPlateData(Workstation::Impl& ws, EmbeddedSession::State& s,
                                                            const AccessContext& context, const std::string& action);
/// Records a refused access (search.refused for action "search", else access.refused with the
/// action) and returns `why`, or the recording's error (fail closed).
[[nodiscard]] Error RefuseAccess(Workstation::Impl& ws, EmbeddedSession::State& s, const AccessContext& context,
                                 const std::string& action, const Error& why);
/// The agency's approval rules (settings approval_*, search_limit_cap). Errors: Corrupt, Io.
[[nodiscard]] Result<oversight::ApprovalRules> ApprovalRulesOf(Workstation::Impl& ws);
/// Checks an approval_* or search_limit_cap value as ApprovalRulesOf reads it. Errors: InvalidArgument.
[[nodiscard]] Status CheckApprovalSetting(std::string_view key, const std::string& value);
/// What a search's audit record and its approval name: every query element and the limit.
[[nodiscard]] std::map<std::string, std::string> SearchElements(const search::Query& query, std::size_t limit);
/// What a multi-scene search's audit record and its approval name.
[[nodiscard]] std::map<std::string, std::string> SceneElements(const search::MultiSceneQuery& query);
/// Why a search needs approval before it runs (oversight::ApprovalReasons on its breadth: the
/// cameras it covers counted from the camera register), a sentence each.
[[nodiscard]] Result<std::vector<std::string>> BreadthReasons(Workstation::Impl& ws, const search::Query& query,
                                                              std::size_t limit, const oversight::ApprovalRules& rules);
/// Whether a search of `kind` ("search", "multi-scene") with the elements `asked` is the query
/// `approved` names. Errors: PermissionDenied naming the elements that differ.
[[nodiscard]] Status CheckApprovedQuery(const store::SearchApproval& approved, const std::string& kind,
                                        const std::map<std::string, std::string>& asked);
/// The session's account as stored now; a removed or disabled account ends the session
/// (Unauthenticated).
[[nodiscard]] Result<store::UserRecord> FreshUser(Workstation::Impl& ws, EmbeddedSession::State& s);
/// Whether a role may reach plate data at all (every role but auditor).
[[nodiscard]] bool CanReachPlateData(store::Role role);

/// A successful administrative record by the session's user: event, objects, details ("{}" for none).
[[nodiscard]] audit::AuditEvent AdminEvent(const EmbeddedSession::State& s, std::string event,
                                           std::vector<std::string> objects, std::string details);
/// A successful plate-data record by the session's user: event, the access context (case, purpose,
/// justification) and what the gate decided (purpose label, review reason); the caller adds counts,
/// objects and details.
[[nodiscard]] audit::AuditEvent DataEvent(const EmbeddedSession::State& s, std::string event, const AccessContext& ctx,
                                          const access::AccessDecision& decision);
/// Both JSON objects' fields in one (details a DataEvent already carries, such as its approval,
/// and the caller's own); `more` wins a clash. Either may be "".
[[nodiscard]] std::string MergedDetails(const std::string& base, const std::string& more);
/// A small JSON object of string values for AuditEvent::detailsJson (escaped; the log canonicalises it).
[[nodiscard]] std::string DetailsJson(std::initializer_list<std::pair<std::string_view, std::string>> fields);
/// The hold_review_days setting (default kDefaultHoldReviewDays). Errors: Corrupt, Io.
[[nodiscard]] Result<int> HoldReviewDays(store::Storage& storage);
/// hold_review_days as a number: a whole number of days from 1 to 3650, or nullopt.
[[nodiscard]] std::optional<int> ParseHoldReviewDays(std::string_view text);
/// Holds are placed by the context's case's lead or a supervisor: anyone else is refused, the
/// refusal audited for `action` (RefuseAccess).
[[nodiscard]] Status CheckMayPlaceHold(Workstation::Impl& ws, EmbeddedSession::State& s, const AccessContext& ctx,
                                       const std::string& action);
/// Sets each hold's reviewDue: in force, neither placed nor reviewed in the last reviewDays days.
void MarkReviewDue(std::vector<store::Hold>& holds, UtcMs now, int reviewDays);
/// The retention periods the settings give (retention_days and retention_period_<kind>).
/// Errors: Corrupt (a setting that is no period), Io.
[[nodiscard]] Result<RetentionPeriods> RetentionPeriodsOf(store::Storage& storage);
/// audit_retention_days as a number: whole days from 365 (CJIS AU-11's year) to 36500, or nullopt.
[[nodiscard]] std::optional<int> ParseAuditRetentionDays(std::string_view text);
/// The signed-in user of a session.
[[nodiscard]] const UserInfo& UserOf(const EmbeddedSession::State& s);
/// The public session id written in audit records.
[[nodiscard]] const std::string& SessionIdOf(const EmbeddedSession::State& s);
/// The hash a session row is keyed by: the token with the binding it was made for (a CLI
/// session's OS user and host), so the token alone resumes nothing elsewhere.
[[nodiscard]] std::string BoundTokenHash(const std::string& token, const std::string& binding);
/// The hash of the session's token, as its sessions row is keyed.
[[nodiscard]] const std::string& TokenHashOf(const EmbeddedSession::State& s);
/// A sign-in check (access::Accounts::Authenticate) that audits a failure (login.failure, and
/// account.locked when this attempt locked the account), for Login, Unlock and re-authentication.
[[nodiscard]] Result<store::UserRecord> Authenticate(Workstation::Impl& ws, const std::string& name,
                                                     const std::string& password, const std::string& totp,
                                                     const std::string& session, const std::string& newPassword = {});
/// This host's name: the workstation a session names when it runs in this process (a session
/// hosted by the server names its client's address instead, EmbeddedSession::State::origin).
[[nodiscard]] std::string WorkstationName();
/// Notes that the user of session `sessionId` (started at `startedAt`) works at `origin`: until
/// the session's 12 hours are over, its audit records name that workstation (a server-hosted
/// session's client) instead of this host. Takes the facade lock.
void NoteSessionOrigin(Workstation::Impl& ws, const std::string& sessionId, const std::string& origin, UtcMs startedAt);
/// The result_hash of a list of read ids (as the other data methods record it).
[[nodiscard]] std::string IdsDigest(std::span<const store::ReadId> ids);
/// Makes a search.result record name every delivered read ("read:<id>" objects) and the seq of
/// the search.start it answers (details "search_seq"), so an evidence package can carry exactly
/// the searches that selected its reads (SessionEvidence.cpp reads them back).
void NameSearchResult(audit::AuditEvent& result, std::uint64_t startSeq, std::span<const store::ReadId> ids);

/// Checks a review_* setting's value as ReviewFlags reads it. Errors: InvalidArgument.
[[nodiscard]] Status CheckReviewSetting(std::string_view key, const std::string& value);
/// Records a refused dissemination step (dissemination.refused: the case, what it concerned, the
/// reason) and returns `why`, or the recording's error (fail closed).
[[nodiscard]] Error RefuseDissemination(Workstation::Impl& ws, EmbeddedSession::State& s, const std::string& caseNumber,
                                        std::vector<std::string> objects, const Error& why);
/// The checks of an export that releases request.release: the request approved (every approval
/// an agency rule asks for) and not released, the context its case and purpose, the user allowed
/// to release (setting dissemination_releasers), the agency rules still met (an MOU in force), the
/// method and who receives it given. A refusal is audited. Returns the request's record.
[[nodiscard]] Result<store::DisseminationRecord> CheckRelease(Workstation::Impl& ws, EmbeddedSession::State& s,
                                                              const AccessContext& ctx, const EvidenceRequest& request);
/// The outside recipient a release names in its package: "Agency (ORI), requester, title".
[[nodiscard]] std::string RecipientOf(const store::DisseminationRecord& record);
/// Records a written release (dissemination.release, then the release row with its reads).
/// Returns the release's id.
[[nodiscard]] Result<std::int64_t> RecordRelease(Workstation::Impl& ws, EmbeddedSession::State& s,
                                                 const store::DisseminationRecord& record,
                                                 const EvidenceRequest& request, const EvidenceExport& written,
                                                 std::span<const store::ReadId> reads);
/// After a read was corrected: a correction notice (dissemination.notice, created) for every
/// release that contained it, to be sent to its recipient.
[[nodiscard]] Status NoteCorrection(Workstation::Impl& ws, EmbeddedSession::State& s, store::ReadId read,
                                    const std::string& change);

}  // namespace detail
}  // namespace platedesk::workstation
