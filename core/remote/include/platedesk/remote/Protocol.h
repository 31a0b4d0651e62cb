// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The session API of platedesk-server: the one table of Session methods that both sides are
// generated from. platedesk-server serves each row as `POST /v1/session/<route>` (server/SessionApi)
// by calling the embedded Session of the signed-in user; RemoteSession (the client) implements
// each method by calling its row. A test (tests/remote) lists the contract's methods from
// Session.h and fails when one has no row here, no round-trip test, or a route reachable without
// the session's checks.
//
// Wire form (docs/protocol.md): the request body is {"args": [...]} with the method's arguments in
// the contract's order, each in remote/Codec.h's form (a stop token and a progress callback are not
// sent: closing the request stops the work, progress comes back as lines). The answer is
// {"value": ...} (nothing for a Status) with 200, or {"error": {...}} with the HTTP status of its
// code. A streamed row answers 200 with one JSON object per line: {"progress": [done, total]},
// {"page": [...]} (search hits as they are ranked), {"file": ...}/{"data": ...} (an export's files),
// and last {"value": ...} or {"error": ...}; an answer without that last line is broken (the
// server stopped), never complete.

#include "platedesk/workstation/Session.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace platedesk::remote {

/// How a row travels.
enum class Kind {
  Call,    ///< one JSON request, one JSON answer
  Stream,  ///< one JSON request, an answer of lines (progress, pages, files, then the value)
  Upload,  ///< the request carries the client's files (Import)
  Local,   ///< answered on the client (what it got at sign-in, its own drives, offline checks)
};

/// Whether a call may be repeated after a lost answer (retried with back-off) or not.
enum class Retry { Idempotent, Once };

/// X(Method, "route", Kind, Retry): every method of workstation::Session, in the header's order.
#define PLATEDESK_SESSION_METHODS(X)                                   \
  X(User, "user", Local, Idempotent)                                   \
  X(StartedAt, "started-at", Local, Idempotent)                        \
  X(Id, "id", Local, Idempotent)                                       \
  X(Token, "token", Local, Idempotent)                                 \
  X(IsLocked, "is-locked", Call, Idempotent)                           \
  X(HasEnded, "has-ended", Call, Idempotent)                           \
  X(RecordActivity, "record-activity", Call, Idempotent)               \
  X(IdleLimit, "idle-limit", Call, Idempotent)                         \
  X(Lock, "lock", Call, Idempotent)                                    \
  X(Unlock, "unlock", Call, Once)                                      \
  X(ChangePassword, "change-password", Call, Once)                     \
  X(ConfirmTotp, "confirm-totp", Call, Once)                           \
  X(Logout, "logout", Call, Idempotent)                                \
  X(DataBlockedReason, "data-blocked-reason", Call, Idempotent)        \
  X(GetOverview, "overview", Call, Idempotent)                         \
  X(GetReads, "reads", Call, Idempotent)                               \
  X(GetImage, "image", Call, Idempotent)                               \
  X(GetPlateImages, "plate-images", Call, Idempotent)                  \
  X(VerifyRead, "verify-read", Call, Once)                             \
  X(ReportMisread, "report-misread", Call, Once)                       \
  X(GetReadChecks, "read-checks", Call, Idempotent)                    \
  X(SaveResults, "save-results", Call, Once)                           \
  X(Search, "search", Stream, Idempotent)                              \
  X(MultiScene, "multi-scene", Stream, Idempotent)                     \
  X(ExportEvidence, "export-evidence", Stream, Once)                   \
  X(RemovableDrives, "removable-drives", Local, Idempotent)            \
  X(VerifyEvidence, "verify-evidence", Local, Idempotent)              \
  X(EvidenceKeys, "evidence-keys", Call, Idempotent)                   \
  X(CollectForCase, "collect-for-case", Call, Once)                    \
  X(GetCaseSummary, "case-summary", Call, Idempotent)                  \
  X(PlaceHold, "hold-place", Call, Once)                               \
  X(Holds, "holds", Call, Idempotent)                                  \
  X(ReleaseHold, "hold-release", Call, Once)                           \
  X(ReviewHold, "hold-review", Call, Once)                             \
  X(Agencies, "agencies", Call, Idempotent)                            \
  X(SaveAgency, "save-agency", Call, Once)                             \
  X(RequestDissemination, "dissemination-request", Call, Once)         \
  X(ReviewDissemination, "dissemination-review", Call, Once)           \
  X(RecordReceipt, "dissemination-receipt", Call, Once)                \
  X(Disseminations, "disseminations", Call, Idempotent)                \
  X(DisseminationNotices, "dissemination-notices", Call, Idempotent)   \
  X(MarkNoticeSent, "dissemination-notice-sent", Call, Once)           \
  X(DisseminationDocument, "dissemination-document", Call, Idempotent) \
  X(ApprovalPolicy, "approval-policy", Call, Idempotent)               \
  X(MapSource, "map-source", Call, Idempotent)                         \
  X(Settings, "settings", Call, Idempotent)                            \
  X(RequestApproval, "approval-request", Call, Once)                   \
  X(Approvals, "approvals", Call, Idempotent)                          \
  X(DecideApproval, "approval-decide", Call, Once)                     \
  X(Cameras, "cameras", Call, Idempotent)                              \
  X(CameraHealthList, "camera-health", Call, Idempotent)               \
  X(ChangeCamera, "camera-change", Call, Once)                         \
  X(Import, "import", Upload, Once)                                    \
  X(Purposes, "purposes", Call, Idempotent)                            \
  X(AddPurpose, "add-purpose", Call, Once)                             \
  X(SetPurposeDisabled, "set-purpose-disabled", Call, Once)            \
  X(RegisterCase, "register-case", Call, Once)                         \
  X(SetCaseOpen, "set-case-open", Call, Once)                          \
  X(Cases, "cases", Call, Idempotent)                                  \
  X(Users, "users", Call, Idempotent)                                  \
  X(OwnAccount, "own-account", Call, Idempotent)                       \
  X(AddUser, "add-user", Call, Once)                                   \
  X(SetRole, "set-role", Call, Once)                                   \
  X(SetDisabled, "set-disabled", Call, Once)                           \
  X(UnlockUser, "unlock-user", Call, Once)                             \
  X(ResetPassword, "reset-password", Call, Once)                       \
  X(EnrollTotp, "enroll-totp", Call, Once)                             \
  X(SetTraining, "set-training", Call, Once)                           \
  X(SetSetting, "set-setting", Call, Once)                             \
  X(AddIngestToken, "add-ingest-token", Call, Once)                    \
  X(IngestTokens, "ingest-tokens", Call, Idempotent)                   \
  X(RevokeIngestToken, "revoke-ingest-token", Call, Once)              \
  X(RetentionDays, "retention-days", Call, Idempotent)                 \
  X(PurgeExpired, "purge-expired", Stream, Once)                       \
  X(CountExpired, "count-expired", Call, Idempotent)                   \
  X(AuditRecords, "audit-records", Call, Idempotent)                   \
  X(ReviewFlags, "review-flags", Call, Idempotent)                     \
  X(ReviewActivity, "review-activity", Call, Idempotent)               \
  X(PublishTransparency, "transparency", Call, Idempotent)             \
  X(SignOffReview, "review-sign-off", Call, Once)                      \
  X(ReviewSignOffs, "review-sign-offs", Call, Idempotent)              \
  X(NoteReviewEntry, "review-note", Call, Once)                        \
  X(ReviewEntryNotes, "review-notes", Call, Idempotent)                \
  X(VerifyAudit, "verify-audit", Call, Idempotent)                     \
  X(ExportCheckpoint, "export-checkpoint", Call, Idempotent)           \
  X(AuditPublicKey, "audit-public-key", Call, Idempotent)              \
  X(RotateAuditKey, "rotate-audit-key", Call, Once)                    \
  X(RotateEvidenceKey, "rotate-evidence-key", Call, Once)              \
  X(PruneAudit, "prune-audit", Call, Once)

/// One row of the table, for tests, docs and the server's route list.
struct MethodRow {
  std::string_view method;  ///< the Session method's name
  std::string_view route;   ///< POST /v1/session/<route>
  Kind kind;
  Retry retry;
};

#define PLATEDESK_SESSION_ROW(M, R, K, T) MethodRow{#M, R, Kind::K, Retry::T},
inline constexpr std::array kSessionMethods{PLATEDESK_SESSION_METHODS(PLATEDESK_SESSION_ROW)};
#undef PLATEDESK_SESSION_ROW

/// The row of a method, by its member pointer: RowOf<&workstation::Session::Search>().
template <auto Method>
struct RowOf;
#define PLATEDESK_SESSION_ROW_OF(M, R, K, T)                  \
  template <>                                                 \
  struct RowOf<&workstation::Session::M> {                    \
    static constexpr MethodRow row{#M, R, Kind::K, Retry::T}; \
  };
PLATEDESK_SESSION_METHODS(PLATEDESK_SESSION_ROW_OF)
#undef PLATEDESK_SESSION_ROW_OF

/// Paths of the API outside the session (no session token).
inline constexpr std::string_view kLoginPath = "/v1/login";            ///< POST {request: LoginRequest}
inline constexpr std::string_view kResumePath = "/v1/resume";          ///< POST, Authorization: Bearer
inline constexpr std::string_view kHelloPath = "/v1/hello";            ///< GET: banner, demo, mfa, version
inline constexpr std::string_view kOverviewPath = "/v1/overview";      ///< GET: counts (no plate data)
inline constexpr std::string_view kCheckpointPath = "/v1/checkpoint";  ///< GET ?known=N: CheckpointProof
inline constexpr std::string_view kSessionPrefix = "/v1/session/";     ///< + route, Authorization: Bearer
/// The protocol's version, in every answer's X-PlateDesk-Protocol header; a client refuses another.
inline constexpr int kProtocolVersion =
    3;  // 2: Query.hours, AttributeFilter.values, save-results; 3: map-source, settings

/// The HTTP status an error code answers with (403 for PermissionDenied, ...).
[[nodiscard]] int HttpStatusOf(ErrorCode code);

}  // namespace platedesk::remote
