// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Result.h"

namespace platedesk {

std::string Error::ToString() const {
  if (context.empty()) return message;
  return message + " (" + context + ")";
}

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return "invalid-argument";
    case ErrorCode::NotFound:
      return "not-found";
    case ErrorCode::AlreadyExists:
      return "already-exists";
    case ErrorCode::PermissionDenied:
      return "permission-denied";
    case ErrorCode::Unauthenticated:
      return "unauthenticated";
    case ErrorCode::Locked:
      return "locked";
    case ErrorCode::Corrupt:
      return "corrupt";
    case ErrorCode::Unsupported:
      return "unsupported";
    case ErrorCode::Io:
      return "io";
    case ErrorCode::Cancelled:
      return "cancelled";
    case ErrorCode::Internal:
      return "internal";
  }
  return "internal";
}

const char* ErrorDetailName(ErrorDetail detail) {
  switch (detail) {
    case ErrorDetail::None:
      return "none";
    case ErrorDetail::AccountNowLocked:
      return "account-now-locked";
    case ErrorDetail::SecondFactorNeeded:
      return "second-factor-needed";
    case ErrorDetail::SecondFactorWrong:
      return "second-factor-wrong";
    case ErrorDetail::PasswordChangeNeeded:
      return "password-change-needed";
    case ErrorDetail::ReauthenticationNeeded:
      return "reauthentication-needed";
    case ErrorDetail::SecondFactorForAdministration:
      return "second-factor-for-administration";
    case ErrorDetail::SecondAdministratorNeeded:
      return "second-administrator-needed";
    case ErrorDetail::StorageServed:
      return "storage-served";
    case ErrorDetail::ServerUnreachable:
      return "server-unreachable";
    case ErrorDetail::ServerNotTrusted:
      return "server-not-trusted";
    case ErrorDetail::ApprovalNeeded:
      return "approval-needed";
    case ErrorDetail::TrainingMissing:
      return "training-missing";
    case ErrorDetail::TrainingExpired:
      return "training-expired";
    case ErrorDetail::CaseNumberInvalid:
      return "case-number-invalid";
    case ErrorDetail::PurposeUnknown:
      return "purpose-unknown";
    case ErrorDetail::PurposeProhibited:
      return "purpose-prohibited";
    case ErrorDetail::PurposeWithdrawn:
      return "purpose-withdrawn";
    case ErrorDetail::PurposeNotForRole:
      return "purpose-not-for-role";
    case ErrorDetail::JustificationTooShort:
      return "justification-too-short";
    case ErrorDetail::ProhibitedUseNamed:
      return "prohibited-use-named";
    case ErrorDetail::CaseNotRegistered:
      return "case-not-registered";
    case ErrorDetail::CaseClosed:
      return "case-closed";
    case ErrorDetail::ApprovalDenied:
      return "approval-denied";
    case ErrorDetail::ApprovalNotApplicable:
      return "approval-not-applicable";
    case ErrorDetail::RoleHasNoPlateData:
      return "role-has-no-plate-data";
    case ErrorDetail::SecondFactorForPlateData:
      return "second-factor-for-plate-data";
  }
  return "none";
}

}  // namespace platedesk
