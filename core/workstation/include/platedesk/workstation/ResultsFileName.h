// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace platedesk::workstation {

/// The file name a saved result list is offered under ("platedesk-results-26-004512.csv"): the
/// case number with every character other than a letter, digit, '-' or '_' made a '-' (an
/// agency's format may hold '/' or ':', which a file name may not), then the format's extension.
/// Session::SaveResults names its file so, and the search panel's save dialog suggests it.
[[nodiscard]] std::string ResultsFileName(std::string_view caseNumber, std::string_view format);

}  // namespace platedesk::workstation
