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
  }
  return "none";
}

}  // namespace platedesk
