// SPDX-License-Identifier: GPL-3.0-or-later
// Private: the text files of a package (CSV, JSON, HTML report, custody record, FRE 902(14)
// certification, README, key file, signed statement) and the names shared with the verifier.
#pragma once

#include "platedesk/evidence/Package.h"

#include <map>
#include <string>

namespace platedesk::evidence::detail {

inline constexpr const char* kReadsCsv = "reads.csv";
inline constexpr const char* kReadsJson = "reads.json";
inline constexpr const char* kSelectionJson = "selection.json";
inline constexpr const char* kReportHtml = "report.html";
inline constexpr const char* kReportPdf = "report.pdf";
inline constexpr const char* kCustodyJson = "custody.json";
inline constexpr const char* kCertification = "certification-FRE-902-14.txt";
inline constexpr const char* kExportEventJson = "audit/export-event.json";
inline constexpr const char* kCheckpointTxt = "audit/checkpoint.txt";
inline constexpr const char* kReadme = "README.txt";

/// "images/<sha256>.jpg" (payload-relative, without "data/").
[[nodiscard]] std::string ImageFileName(const store::ImageInfo& image);
/// "2026-11-02T00:00:00.000-08:00".
[[nodiscard]] std::string FormatWithOffset(UtcMs t, int offsetMinutes);

[[nodiscard]] std::string ReadsCsv(const PackageContent& c);
[[nodiscard]] std::string ReadsJson(const PackageContent& c);
[[nodiscard]] std::string SelectionJson(const PackageContent& c);
[[nodiscard]] std::string ExportEventJson(const PackageContent& c, const std::string& origin);
/// hashes: payload-relative path -> SHA-256 of every payload file written before it.
[[nodiscard]] std::string CustodyJson(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                                      const std::string& keyId, const std::string& fingerprint,
                                      const std::string& origin, const std::string& mediaFileSystem,
                                      const std::string& mediaSerial);
[[nodiscard]] std::string CertificationText(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                                            const std::string& keyId, const std::string& fingerprint);
[[nodiscard]] std::string ReportHtml(const PackageContent& c, const std::map<std::string, std::string>& hashes,
                                     const std::string& keyId, const std::string& fingerprint);
[[nodiscard]] std::string ReadmeText(const PackageContent& c, const std::string& keyId, const std::string& fingerprint);
/// platedesk-key.txt: the evidence key that signs the package, and the audit key that signed its
/// checkpoint (Audit-Verifier-Key; left out when empty).
[[nodiscard]] std::string KeyFileText(const std::string& verifierKey, const std::string& keyId,
                                      const std::string& fingerprint, const std::string& auditVerifierKey);
/// The statement the signature covers (starts with audit::kStatementPrefix).
[[nodiscard]] std::string StatementText(const std::string& packageId, const std::string& caseNumber,
                                        const std::string& tag512, const std::string& tag256);

}  // namespace platedesk::evidence::detail
