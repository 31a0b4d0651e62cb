// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstddef>
#include <string>
#include <vector>

namespace platedesk::workstation {
class Workstation;
}

namespace platedesk::cli {

/// A demo account the activity signs in as.
struct DemoLogin {
  std::string name;
  std::string password;
};

/// What SeedDemoActivity made.
struct DemoActivitySummary {
  std::size_t agencies = 0;
  std::size_t cases = 0;
  std::size_t requests = 0;
  std::size_t releases = 0;
  std::size_t denied = 0;
  std::size_t referred = 0;
  std::size_t notices = 0;
  std::size_t searches = 0;
  std::size_t approvals = 0;  ///< search approval requests (approved, denied, one still waiting)
};

/// A month of use of a new demo storage through the facade, by the demo detective, supervisor and
/// administrator, with `clock` (the workstation's) advanced through it: cases, the recipient
/// agency registry, release requests approved, denied, referred and released (packages written to
/// a temporary folder and removed), receipts and an open correction notice; searches, some that a
/// weekly review flags, and search approvals (one approved and run, one denied, one waiting for the
/// supervisor). `clock` starts a day
/// into the demo's `days` and stays before their end. Errors: the session's.
[[nodiscard]] Result<DemoActivitySummary> SeedDemoActivity(workstation::Workstation& ws, ManualClock& clock,
                                                           const std::vector<DemoLogin>& logins, int days);

}  // namespace platedesk::cli
