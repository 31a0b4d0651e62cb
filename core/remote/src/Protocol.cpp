// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/remote/Protocol.h"

namespace platedesk::remote {

int HttpStatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument:
      return 400;
    case ErrorCode::NotFound:
      return 404;
    case ErrorCode::AlreadyExists:
      return 409;
    case ErrorCode::PermissionDenied:
      return 403;
    case ErrorCode::Unauthenticated:
      return 401;
    case ErrorCode::Locked:
      return 423;
    case ErrorCode::Corrupt:
      return 422;
    case ErrorCode::Unsupported:
      return 501;
    case ErrorCode::Io:
      return 503;
    case ErrorCode::Cancelled:
      return 499;
    case ErrorCode::Internal:
      return 500;
  }
  return 500;
}

}  // namespace platedesk::remote
