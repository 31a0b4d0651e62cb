// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The public transparency report (issue 15): how the agency used the system in a period, in
// numbers a city council member or a journalist can read, and nothing that identifies a plate, a
// person, a user or an open case. Pure rendering of TransparencyData into HTML (with charts), CSV
// and PDF; the session gathers the numbers and signs each file.

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/oversight/Activity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace platedesk::oversight {

/// One camera's use in the period (cameras are public: the agency publishes their places).
struct CameraUse {
  std::string name;                   ///< the camera's public name
  std::string kind;                   ///< "fixed" or "mobile"
  std::uint64_t reads = 0;            ///< reads in the period
  std::vector<std::uint64_t> perDay;  ///< reads per day of TransparencyData::days
  std::optional<UtcMs> firstRead;     ///< the period's first and last read: when it was active
  std::optional<UtcMs> lastRead;
  bool operator==(const CameraUse&) const = default;
};

/// Where a fixed camera stood, and from when to when.
struct CameraPlace {
  std::string name;
  double latitude = 0;
  double longitude = 0;
  std::string address;
  UtcMs from = 0;
  std::optional<UtcMs> to;  ///< nullopt: it stands there now
  bool operator==(const CameraPlace&) const = default;
};

/// Everything the report says. Counts and public facts only.
struct TransparencyData {
  std::string agency;
  UtcMs from = 0;
  UtcMs to = 0;
  UtcMs generatedAt = 0;
  std::vector<std::string> days;  ///< the period's local days, "YYYY-MM-DD"
  std::vector<CameraUse> cameras;
  std::uint64_t totalReads = 0;
  std::vector<CameraPlace> fixedPlaces;            ///< current and past locations of fixed cameras
  std::vector<NameCount> searchesRun;              ///< searches run, by purpose (its label)
  std::vector<NameCount> searchesRefused;          ///< searches refused, by purpose ("(none)" when none was given)
  std::uint64_t usersWithAccess = 0;               ///< enabled accounts whose role reaches plate data
  std::uint64_t usersTrained = 0;                  ///< ... of them with current training
  std::vector<NameCount> releasesByRecipientKind;  ///< releases outside the agency, by the recipient's kind
  int retentionDays = 30;                          ///< the agency's period in whole days (0: under a day)
  std::string retention = "30 days";               ///< the agency's period in words
  std::string auditRetention = "3 years";          ///< how long the log of the system's use is kept
  std::vector<std::pair<std::string, std::string>> retentionByKind;  ///< camera kinds kept otherwise: kind, period
  std::uint64_t purges = 0;                                          ///< retention purges that ran in the period
  std::uint64_t readsPurged = 0;                                     ///< reads they deleted
  std::uint64_t readsHeld = 0;                                       ///< reads kept for cases now (holds in force)
  std::uint64_t casesHolding = 0;                                    ///< cases holding them
  std::vector<NameCount> holdsByKind;       ///< holds in force: investigation, discovery, preservation
  std::vector<std::string> allowedUses;     ///< the purposes that may be chosen
  std::vector<std::string> prohibitedUses;  ///< the purposes that are refused
  bool operator==(const TransparencyData&) const = default;
};

enum class TransparencyFormat { Html, Csv, Pdf };
/// "html", "csv", "pdf".
[[nodiscard]] const char* TransparencyFormatName(TransparencyFormat format);
[[nodiscard]] std::optional<TransparencyFormat> ParseTransparencyFormat(std::string_view name);

/// The report as a standalone HTML page (inline SVG charts: reads per camera per day, searches by
/// purpose; every text escaped). Errors: Io (a chart failed).
[[nodiscard]] Result<std::string> TransparencyHtml(const TransparencyData& data);
/// The numbers as CSV rows (section, item, day, value), formula cells neutralised.
[[nodiscard]] std::string TransparencyCsv(const TransparencyData& data);
/// The report as PDF with the same charts. Errors: Io.
[[nodiscard]] Result<std::string> TransparencyPdf(const TransparencyData& data);
/// The report in `format`.
[[nodiscard]] Result<std::string> RenderTransparency(const TransparencyData& data, TransparencyFormat format);

/// The statement an agency's evidence key signs for a published report file: the period, the
/// format and the file's SHA-256 (starts with audit::kStatementPrefix; one line each).
[[nodiscard]] std::string TransparencyStatement(const TransparencyData& data, TransparencyFormat format,
                                                const std::string& sha256Hex);
/// Checks a statement against a file's SHA-256: a transparency report statement naming it.
[[nodiscard]] bool StatementCoversFile(const std::string& statement, const std::string& sha256Hex);

/// What checking a published report against its signature found.
struct ReportVerification {
  bool valid = false;     ///< signed by one of the trusted keys, over this very file
  std::string keyId;      ///< the key that signed it (8 hex digits), when one did
  std::string statement;  ///< the signed statement (period, format, SHA-256)
  std::string problem;    ///< why not valid
};
/// Checks `file` (a report's bytes) against `signature` (its .sig file, a signed note) and the
/// trusted verifier keys (the agency's published evidence keys). Errors: InvalidArgument (no
/// trusted key, a key line that is not a verifier key).
[[nodiscard]] Result<ReportVerification> VerifyPublishedReport(const std::string& file, const std::string& signature,
                                                               const std::vector<std::string>& trustedKeys);

}  // namespace platedesk::oversight
