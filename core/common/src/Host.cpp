// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/common/Host.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace platedesk {

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

}  // namespace platedesk
