// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Secondary dissemination as the storage keeps it: the recipient agencies, the written requests,
// their reviews, releases, receipts and correction notices. Every record is append-only (an
// amendment is a new record pointing to the old); a request's state is derived from what follows
// it, never stored. Kept for the agency's records period, not purged with the reads.

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::store {

using ReadId = std::int64_t;

/// Who an agency is, as the agency rules and the transparency report count it.
enum class AgencyKind { Local, State, Federal, Tribal, OutOfState, Prosecutor, NonLawEnforcement };

/// "local", "state", "federal", "tribal", "out-of-state", "prosecutor", "non-law-enforcement".
[[nodiscard]] std::string_view AgencyKindName(AgencyKind kind);
[[nodiscard]] std::optional<AgencyKind> ParseAgencyKind(std::string_view name);

/// A document kept on file (a written request, an MOU, a signed receipt), by its SHA-256.
struct Document {
  std::string name;       ///< the file name it arrived with ("request-2026-311.pdf")
  std::string mediaType;  ///< "application/pdf", "image/png", "image/jpeg", "image/tiff" (set by the storage)
  std::string bytes;      ///< empty: no document
  std::string sha256;     ///< set by the storage
  bool operator==(const Document&) const = default;
};

/// The largest document kept on file (a written request, an MOU, a scanned receipt).
inline constexpr std::size_t kMaxDocumentBytes = 10 * 1024 * 1024;

/// A document from a file the user chose, with its file name: refused here when it is larger than
/// kMaxDocumentBytes, before anything is read or sent (the storage refuses what is no PDF or
/// image). Errors: NotFound (no such file), InvalidArgument (too large), Io.
[[nodiscard]] Result<Document> LoadDocumentFile(const std::filesystem::path& path);

/// A recipient agency in the registry.
struct Agency {
  std::int64_t id = 0;  ///< 0 for a new one
  std::string name;
  std::string ori;  ///< the NCIC originating agency identifier, when it has one
  AgencyKind kind = AgencyKind::Local;
  std::string state;                ///< two letters
  std::string mouSha256;            ///< the MOU or sharing agreement on file ("" none)
  std::string mouName;              ///< its file name
  std::optional<UtcMs> mouExpires;  ///< when it ends
  std::string updatedBy;
  UtcMs updatedAt = 0;
  bool operator==(const Agency&) const = default;
};

/// A request entered from a written request (what the recipient asked, in their words).
struct DisseminationRequest {
  std::int64_t id = 0;  ///< set by the storage
  std::int64_t agency = 0;
  std::string requesterName;
  std::string requesterTitle;
  std::string requesterContact;  ///< phone and e-mail
  std::string theirCase;         ///< the requesting agency's case number
  std::string caseNumber;        ///< ours: the released reads are held for it
  std::string purposeCode;
  std::string justification;
  std::string authority;   ///< the legal authority they cite (a statute, a subpoena, an MOU section)
  std::string asks;        ///< what is asked for (plates, time window, reads, a case's package)
  UtcMs receivedAt = 0;    ///< when the written request came in (0: now)
  std::string receivedBy;  ///< who received it ("": the user entering it)
  // Set by the storage / the session:
  std::string documentSha256;  ///< the written request on file
  std::string documentName;
  std::string enteredBy;
  UtcMs enteredAt = 0;
  /// The agency as it stood when the request was entered (its registry record may change later).
  std::string agencyName;
  AgencyKind agencyKind = AgencyKind::Local;
  std::string agencyState;
  bool referred = false;                  ///< a non-law-enforcement requester: refer to records/legal
  int approvalsNeeded = 1;                ///< 2 where an agency rule asks for a second approval
  std::vector<std::string> rulesApplied;  ///< the agency rules that applied, by name with their effect
  std::uint64_t auditSeq = 0;             ///< the dissemination.request record
  bool operator==(const DisseminationRequest&) const = default;
};

/// A supervisor's decision on a request (several when a second approval is needed).
struct DisseminationReview {
  std::int64_t id = 0;
  std::int64_t request = 0;
  bool approved = false;
  std::string reason;
  std::string reviewer;
  UtcMs at = 0;
  std::uint64_t auditSeq = 0;
  bool operator==(const DisseminationReview&) const = default;
};

/// How a release travelled.
enum class ReleaseMethod { Media, Transfer, InPerson };
/// "media", "transfer", "in-person".
[[nodiscard]] std::string_view ReleaseMethodName(ReleaseMethod method);
[[nodiscard]] std::optional<ReleaseMethod> ParseReleaseMethod(std::string_view name);

/// A release: an evidence package made for an approved request and handed over.
struct DisseminationRelease {
  std::int64_t id = 0;
  std::int64_t request = 0;
  std::string packageId;
  std::string packageSha256;
  bool encrypted = false;
  ReleaseMethod method = ReleaseMethod::Media;
  std::string mediaLabel;  ///< the label or serial on portable media
  std::string releasedBy;
  std::string receivedBy;  ///< who took it for the recipient
  UtcMs releasedAt = 0;
  std::vector<ReadId> reads;
  std::uint64_t auditSeq = 0;
  bool operator==(const DisseminationRelease&) const = default;
};

/// The recipient's signed receipt for a release.
struct DisseminationReceipt {
  std::int64_t id = 0;
  std::int64_t release = 0;
  std::string signedBy;
  UtcMs signedAt = 0;
  std::string documentSha256;  ///< the scanned receipt ("" when none was scanned)
  std::string recordedBy;
  UtcMs recordedAt = 0;
  std::uint64_t auditSeq = 0;
  bool operator==(const DisseminationReceipt&) const = default;
};

/// A correction notice owed to a recipient: a read it received was corrected after the release.
struct DisseminationNotice {
  std::int64_t id = 0;
  std::int64_t release = 0;
  std::int64_t request = 0;
  std::string agencyName;
  std::string caseNumber;  ///< ours
  ReadId read = 0;
  std::string change;  ///< what changed, in words ("plate ABC124 corrected to ABC123: ...")
  UtcMs createdAt = 0;
  std::optional<UtcMs> sentAt;
  std::string sentMethod;
  std::string sentBy;
  bool operator==(const DisseminationNotice&) const = default;
};

/// Where a request stands, derived from its reviews, release and receipt.
enum class DisseminationState {
  Received,        ///< waiting for a supervisor's review
  SecondApproval,  ///< approved once; an agency rule needs a second supervisor
  Approved,        ///< may be released
  Denied,
  Referred,        ///< a non-law-enforcement requester: handled by records/legal, never here
  ReceiptPending,  ///< released; the recipient's signed receipt has not come back
  Released,        ///< released and receipted
};
/// "received", "second-approval", "approved", "denied", "referred", "receipt-pending", "released".
[[nodiscard]] std::string_view DisseminationStateName(DisseminationState state);
[[nodiscard]] std::optional<DisseminationState> ParseDisseminationState(std::string_view name);

/// A request with everything recorded after it.
struct DisseminationRecord {
  DisseminationRequest request;
  std::vector<DisseminationReview> reviews;
  std::optional<DisseminationRelease> release;
  std::optional<DisseminationReceipt> receipt;
  std::vector<DisseminationNotice> notices;
  DisseminationState state = DisseminationState::Received;
  bool operator==(const DisseminationRecord&) const = default;
};

/// The state a record's reviews, release and receipt put it in.
[[nodiscard]] DisseminationState StateOf(const DisseminationRecord& record);

/// A reviewer's sign-off of an audit review period (issue 14), with the checkpoint that covered it.
struct ReviewSignOff {
  std::int64_t id = 0;
  std::string reviewer;
  UtcMs from = 0;
  UtcMs to = 0;
  std::string note;
  std::uint64_t flags = 0;           ///< how many flags the period raised when it was signed off
  std::uint64_t checkpointSize = 0;  ///< the tree size of the checkpoint (it covers the sign-off's record)
  std::string checkpoint;            ///< the signed checkpoint (C2SP signed note)
  UtcMs signedAt = 0;
  std::uint64_t auditSeq = 0;  ///< the review.signed_off record
  bool operator==(const ReviewSignOff&) const = default;
};

/// A reviewer's note on one audit record (an entry marked reviewed), issue 14.
struct ReviewEntryNote {
  std::int64_t id = 0;
  std::uint64_t seq = 0;  ///< the audit record it is about
  std::string reviewer;
  std::string note;
  UtcMs notedAt = 0;
  std::uint64_t auditSeq = 0;  ///< the review.entry_noted record
  bool operator==(const ReviewEntryNote&) const = default;
};

/// Which records a list or log covers (all fields optional).
struct DisseminationFilter {
  std::optional<UtcMs> from;  ///< requests received at or after
  std::optional<UtcMs> to;    ///< requests received before
  std::string caseNumber;
  std::int64_t agency = 0;
  std::optional<DisseminationState> state;
  std::optional<std::int64_t> id;
  bool operator==(const DisseminationFilter&) const = default;
};

}  // namespace platedesk::store
