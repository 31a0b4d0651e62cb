// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/dissemination/Log.h"

#include "platedesk/common/Text.h"
#include "platedesk/common/Time.h"
#include "platedesk/report/Csv.h"
#include "platedesk/report/TextPdf.h"

namespace platedesk::dissemination {
namespace {

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string Reviews(const store::DisseminationRecord& r) {
  std::vector<std::string> parts;
  for (const auto& v : r.reviews)
    parts.push_back(std::string(v.approved ? "approved" : "denied") + " by " + v.reviewer + " " + FormatIso8601(v.at) +
                    ": " + v.reason);
  return Join(parts, "; ");
}

std::string Notices(const store::DisseminationRecord& r) {
  std::vector<std::string> parts;
  for (const auto& n : r.notices)
    parts.push_back("read " + std::to_string(n.read) + ": " + n.change +
                    (n.sentAt ? " (sent " + FormatIso8601(*n.sentAt) + " by " + n.sentBy + ", " + n.sentMethod + ")"
                              : " (not sent)"));
  return Join(parts, "; ");
}

}  // namespace

const std::vector<std::string>& LogColumns() {
  static const std::vector<std::string> kColumns{"request",
                                                 "state",
                                                 "received",
                                                 "received_by",
                                                 "agency",
                                                 "agency_kind",
                                                 "agency_state",
                                                 "requester",
                                                 "contact",
                                                 "their_case",
                                                 "case",
                                                 "purpose",
                                                 "authority",
                                                 "asks",
                                                 "document_sha256",
                                                 "reviews",
                                                 "released",
                                                 "released_by",
                                                 "received_by_recipient",
                                                 "method",
                                                 "media_label",
                                                 "package_id",
                                                 "package_sha256",
                                                 "reads",
                                                 "receipt_signed_by",
                                                 "receipt_signed",
                                                 "notices"};
  return kColumns;
}

std::vector<std::vector<std::string>> LogRows(const std::vector<store::DisseminationRecord>& records) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& rec : records) {
    const auto& q = rec.request;
    std::vector<std::string> row{std::to_string(q.id),
                                 std::string(store::DisseminationStateName(rec.state)),
                                 FormatIso8601(q.receivedAt),
                                 q.receivedBy,
                                 q.agencyName,
                                 std::string(store::AgencyKindName(q.agencyKind)),
                                 q.agencyState,
                                 q.requesterName + (q.requesterTitle.empty() ? "" : ", " + q.requesterTitle),
                                 q.requesterContact,
                                 q.theirCase,
                                 q.caseNumber,
                                 q.purposeCode,
                                 q.authority,
                                 q.asks,
                                 q.documentSha256,
                                 Reviews(rec)};
    if (rec.release) {
      const auto& r = *rec.release;
      row.insert(row.end(), {FormatIso8601(r.releasedAt), r.releasedBy, r.receivedBy,
                             std::string(store::ReleaseMethodName(r.method)), r.mediaLabel, r.packageId,
                             r.packageSha256, std::to_string(r.reads.size())});
    } else {
      row.insert(row.end(), {"", "", "", "", "", "", "", "0"});
    }
    row.push_back(rec.receipt ? rec.receipt->signedBy : "");
    row.push_back(rec.receipt ? FormatIso8601(rec.receipt->signedAt) : "");
    row.push_back(Notices(rec));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string LogCsv(const std::vector<store::DisseminationRecord>& records) {
  std::string out = report::CsvLine(LogColumns());
  for (const auto& row : LogRows(records)) out += report::CsvLine(row);
  return out;
}

Result<std::string> LogPdf(const std::vector<store::DisseminationRecord>& records, const std::string& agency,
                           const std::string& covers) {
  report::TextPdf pdf(/*landscape=*/true);
  pdf.Line("Secondary dissemination log", 16, true);
  pdf.Line(agency + " - " + covers + " - " + std::to_string(records.size()) + " request(s)", 10);
  pdf.Gap(8);
  for (const auto& rec : records) {
    const auto& q = rec.request;
    pdf.Line("Request " + std::to_string(q.id) + " (" + std::string(store::DisseminationStateName(rec.state)) +
                 "): " + q.agencyName + ", " + std::string(store::AgencyKindName(q.agencyKind)) + ", " + q.agencyState,
             11, true);
    pdf.Line("Received " + FormatIso8601(q.receivedAt) + " by " + q.receivedBy + "; requester " + q.requesterName +
                 (q.requesterTitle.empty() ? "" : ", " + q.requesterTitle) + " (" + q.requesterContact + ")",
             9, false, 12);
    pdf.Line("Our case " + q.caseNumber + (q.theirCase.empty() ? "" : ", their case " + q.theirCase) + "; purpose " +
                 q.purposeCode + "; authority: " + q.authority,
             9, false, 12);
    pdf.Line("Asked for: " + q.asks, 9, false, 12);
    pdf.Line("Written request on file: SHA-256 " + q.documentSha256, 9, false, 12);
    for (const auto& rule : q.rulesApplied) pdf.Line("Rule: " + rule, 9, false, 12);
    for (const auto& v : rec.reviews)
      pdf.Line(std::string(v.approved ? "Approved" : "Denied") + " by " + v.reviewer + " " + FormatIso8601(v.at) +
                   ": " + v.reason,
               9, false, 12);
    if (rec.release) {
      const auto& r = *rec.release;
      pdf.Line("Released " + FormatIso8601(r.releasedAt) + " by " + r.releasedBy + " to " + r.receivedBy + " (" +
                   std::string(store::ReleaseMethodName(r.method)) +
                   (r.mediaLabel.empty() ? "" : ", media " + r.mediaLabel) + "), " + std::to_string(r.reads.size()) +
                   " read(s)",
               9, false, 12);
      pdf.Line("Package " + r.packageId + ", SHA-256 " + r.packageSha256 + (r.encrypted ? " (encrypted)" : ""), 9,
               false, 12);
    }
    if (rec.receipt)
      pdf.Line("Receipt signed by " + rec.receipt->signedBy + " " + FormatIso8601(rec.receipt->signedAt) +
                   (rec.receipt->documentSha256.empty() ? "" : ", scan SHA-256 " + rec.receipt->documentSha256),
               9, false, 12);
    for (const auto& n : rec.notices)
      pdf.Line("Correction notice " + std::to_string(n.id) + ", read " + std::to_string(n.read) + ": " + n.change +
                   (n.sentAt ? "; sent " + FormatIso8601(*n.sentAt) + " by " + n.sentBy + " (" + n.sentMethod + ")"
                             : "; NOT SENT"),
               9, false, 12);
    pdf.Gap(6);
  }
  return pdf.Finish();
}

}  // namespace platedesk::dissemination
