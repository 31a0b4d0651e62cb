// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/store/Types.h"

namespace platedesk::store {

const char* CameraKindName(CameraKind kind) {
  switch (kind) {
    case CameraKind::Fixed:
      return "fixed";
    case CameraKind::Mobile:
      return "mobile";
    case CameraKind::Portable:
      return "portable";
  }
  return "fixed";
}

std::optional<CameraKind> CameraKindFromName(std::string_view name) {
  for (CameraKind k : {CameraKind::Fixed, CameraKind::Mobile, CameraKind::Portable}) {
    if (name == CameraKindName(k)) return k;
  }
  return std::nullopt;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::Detective:
      return "detective";
    case Role::Supervisor:
      return "supervisor";
    case Role::Administrator:
      return "administrator";
    case Role::Auditor:
      return "auditor";
  }
  return "detective";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : {Role::Detective, Role::Supervisor, Role::Administrator, Role::Auditor}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

}  // namespace platedesk::store
