// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace platedesk {

/// Broad classes of expected failure. Views map these to user-facing text (one ErrorText place).
enum class ErrorCode {
  InvalidArgument,   ///< the caller's input is malformed (a bad pattern, a bad date)
  NotFound,          ///< the thing asked for does not exist
  AlreadyExists,     ///< creating something that is already there
  PermissionDenied,  ///< the rules refuse this user/action
  Unauthenticated,   ///< wrong password, no session
  Locked,            ///< account or session locked
  Corrupt,           ///< stored or received data fails its checks
  Unsupported,       ///< a newer schema, an unknown format version
  Io,                ///< file system or database failure
  Cancelled,         ///< a stop token was triggered
  Internal,          ///< a broken invariant (a bug)
};

/// A finer reason inside one ErrorCode, for the callers that must tell these cases apart (they
/// branch on it, never on the message). Users see the code's words, not the detail.
enum class ErrorDetail {
  None,
  AccountNowLocked,        ///< Unauthenticated: this failed sign-in locked the account (audited as account.locked)
  SecondFactorNeeded,      ///< Unauthenticated: the password was right; a one-time code is needed
  SecondFactorWrong,       ///< Unauthenticated: the password was right; the one-time code was wrong or reused
  PasswordChangeNeeded,    ///< PermissionDenied: the password was set by an administrator; choose a new one to sign in
  ReauthenticationNeeded,  ///< Unauthenticated: this change needs the current password (and one-time code)
  SecondFactorForAdministration,  ///< PermissionDenied: the agency requires MFA and the account has none
  SecondAdministratorNeeded,      ///< PermissionDenied: recorded; takes effect when a second administrator agrees
  StorageServed,                  ///< Locked: the storage folder is owned by a running platedesk-server
  ServerUnreachable,              ///< Io: platedesk-server did not answer (down, network, timeout); retrying may help
  ServerNotTrusted,               ///< Io: the server's certificate failed the CA file or the pinned key; never retried
  ApprovalNeeded,                 ///< PermissionDenied: a supervisor's approval is needed (request one for this search)
  // The access rules (access::Policy and the session's checks before plate data), one each, so a
  // view can say what to do next without reading the message. Keep them last, TrainingMissing
  // first (views tell a rule by its place; kLastErrorDetail follows the last).
  TrainingMissing,           ///< PermissionDenied: no LPR training is on record for the user
  TrainingExpired,           ///< PermissionDenied: the user's LPR training certification has expired
  CaseNumberInvalid,         ///< InvalidArgument: no case number, or not in the agency's format
  PurposeUnknown,            ///< InvalidArgument: the purpose code is not in the catalogue
  PurposeProhibited,         ///< PermissionDenied: the purpose is a prohibited use; nothing can allow it
  PurposeWithdrawn,          ///< PermissionDenied: an administrator withdrew the purpose
  PurposeNotForRole,         ///< PermissionDenied: the purpose is for other roles
  JustificationTooShort,     ///< InvalidArgument: the justification is under 10 characters
  ProhibitedUseNamed,        ///< PermissionDenied: the justification names a prohibited use
  CaseNotRegistered,         ///< PermissionDenied: the agency refuses unregistered cases, and this one is
  CaseClosed,                ///< PermissionDenied: the case is closed
  ApprovalDenied,            ///< PermissionDenied: the approval named was denied
  ApprovalNotApplicable,     ///< PermissionDenied: no such approval, another user's, or for another context
  RoleHasNoPlateData,        ///< PermissionDenied: the auditor role never reaches plate data
  SecondFactorForPlateData,  ///< PermissionDenied: the agency requires MFA and the account has none
};

/// The last ErrorDetail, for code that goes through all of them (codecs, tests).
inline constexpr ErrorDetail kLastErrorDetail = ErrorDetail::SecondFactorForPlateData;

/// An expected failure: a code, a sentence for the log, and where it happened (file:line, field).
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string context;
  ErrorDetail detail = ErrorDetail::None;  ///< set where a caller must tell cases within the code apart

  /// "message (context)" for logs and CLI output.
  [[nodiscard]] std::string ToString() const;
};

/// Name of an error code ("invalid-argument", ...), stable for JSON output and tests.
[[nodiscard]] const char* ErrorCodeName(ErrorCode code);

/// Name of an error detail ("account-now-locked", ...), stable for JSON output and tests.
[[nodiscard]] const char* ErrorDetailName(ErrorDetail detail);

/// Builds an Error; a small helper so call sites read `return Fail(ErrorCode::Io, "...")`.
[[nodiscard]] inline Error Fail(ErrorCode code, std::string message, std::string context = {}) {
  return Error{code, std::move(message), std::move(context)};
}
/// The same with a detail: `return Fail(ErrorCode::Unauthenticated, ErrorDetail::SecondFactorNeeded, "...")`.
[[nodiscard]] inline Error Fail(ErrorCode code, ErrorDetail detail, std::string message, std::string context = {}) {
  return Error{code, std::move(message), std::move(context), detail};
}

/// A value or an Error. Thread-compatible (like any value type).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : mData(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : mData(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool Ok() const noexcept { return mData.index() == 0; }
  explicit operator bool() const noexcept { return Ok(); }

  /// The value; calling it on an error is a programming error (checked by std::get).
  T& Value() & { return std::get<0>(mData); }
  const T& Value() const& { return std::get<0>(mData); }
  T&& Value() && { return std::get<0>(std::move(mData)); }
  T* operator->() { return &std::get<0>(mData); }
  const T* operator->() const { return &std::get<0>(mData); }
  T& operator*() & { return std::get<0>(mData); }
  const T& operator*() const& { return std::get<0>(mData); }

  /// The error; calling it on a value is a programming error.
  const Error& Err() const { return std::get<1>(mData); }

 private:
  std::variant<T, Error> mData;
};

/// Result for operations that return nothing on success.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : mError(std::move(error)), mOk(false) {}  // NOLINT
  [[nodiscard]] bool Ok() const noexcept { return mOk; }
  explicit operator bool() const noexcept { return mOk; }
  const Error& Err() const { return mError; }

 private:
  Error mError;
  bool mOk = true;
};

using Status = Result<void>;

}  // namespace platedesk

/// Propagates an error from an expression returning Result/Status.
#define PLATEDESK_TRY(expr)                                          \
  do {                                                               \
    auto platedeskTryResult_ = (expr);                               \
    if (!platedeskTryResult_.Ok()) return platedeskTryResult_.Err(); \
  } while (false)
