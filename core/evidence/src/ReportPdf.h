// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the PDF form of the package report (cairo's PDF surface), for those who print.
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/evidence/Package.h"

#include <functional>
#include <map>
#include <string>

namespace platedesk::evidence::detail {

/// The report as PDF bytes: the case and selection, each read with its thumbnail (JPEG embedded
/// as is, PNG decoded), the files and hashes, the custody section and the key fingerprint.
/// imageBytes returns an image's bytes by SHA-256 (empty when unavailable: no thumbnail).
/// Errors: Io (cairo failed).
[[nodiscard]] Result<std::string> ReportPdf(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                                            const std::string& keyId, const std::string& fingerprint,
                                            const std::function<std::string(const store::ImageInfo&)>& imageBytes);

}  // namespace platedesk::evidence::detail
