// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/store/Storage.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::access {

/// Why a user is asking: every access to plate data carries one (Dubuque: "without a case
/// number entered, the system will not allow a query").
struct AccessContext {
  std::string caseNumber;
  std::string purposeCode;
  std::string justification;  ///< free text, at least kMinJustification characters
  /// The supervisor's approval this access runs under (store::SearchApproval id; 0: none). It must
  /// be the user's own, approved, not expired, and for this case, purpose and justification; a
  /// search under it must be the exact query approved.
  std::int64_t approval = 0;
  bool operator==(const AccessContext&) const = default;
};

/// The outcome of checking an access context. A refusal is an Error (PermissionDenied or
/// InvalidArgument) carrying the reason; an allowed access may still be flagged for review.
struct AccessDecision {
  store::PurposeRecord purpose;
  bool flaggedForReview = false;
  std::string reviewReason;  ///< why it was flagged ("case 26-004512 is not registered")
  /// The approval the access runs under (AccessContext::approval), checked by the facade's gate.
  std::optional<store::SearchApproval> approval;
};

/// Settings keys (meta table) and their defaults.
inline constexpr std::string_view kCasePatternSetting = "case_pattern";
inline constexpr std::string_view kDefaultCasePattern = R"(^\d{2}-\d{5,6}$)";
/// "refuse" or "flag" (default "flag"): a case number that matches the format but is not registered.
inline constexpr std::string_view kUnregisteredCaseSetting = "unregistered_case";
/// "refuse" (default) or "flag": a registered case that is closed.
inline constexpr std::string_view kClosedCaseSetting = "closed_case";
inline constexpr std::size_t kMinJustification = 10;

/// The access rules of one storage: the purpose catalogue (built-ins from
/// resources/access/purposes.tsv plus the agency's), the case-number format, case status, training
/// currency, and prohibited uses named in a justification. Not thread-safe (one per Storage).
class Policy {
 public:
  explicit Policy(store::Storage& storage) : mStorage(storage) {}

  /// Adds the built-in purposes that are missing (idempotent; never re-enables or changes one).
  /// Called once when a storage is opened (Workstation::Open), not per access: the other methods
  /// only read the catalogue.
  [[nodiscard]] Status EnsureCatalogue();

  /// Checks everything that does not depend on the action: training, case format and status,
  /// purpose (and that the user's role may use it), justification. Errors: PermissionDenied
  /// (training, prohibited or disabled purpose, a purpose not for the user's role,
  /// closed or unregistered case under a "refuse" setting) or InvalidArgument (malformed case
  /// number, unknown purpose, short justification), with a sentence saying why. A purpose that
  /// needs approval passes with decision.purpose.needsApproval: the facade's gate asks for the
  /// approval (AccessContext::approval).
  [[nodiscard]] Result<AccessDecision> Check(const store::UserRecord& user, const AccessContext& context, UtcMs now);

  /// Training currency: PermissionDenied when no completion date is recorded or the certification
  /// has expired (the user may sign in but not reach data).
  [[nodiscard]] static Status CheckTraining(const store::UserRecord& user, UtcMs now);

  /// The prohibited purpose a justification names, if any ("PROHIB-IMMIGRATION").
  [[nodiscard]] static std::optional<std::string> ProhibitedUseNamed(std::string_view justification);

  [[nodiscard]] Result<std::string> CasePattern();
  /// Errors: InvalidArgument (not a valid regular expression).
  [[nodiscard]] Status SetCasePattern(std::string_view pattern);
  /// Errors: InvalidArgument (does not match the agency format).
  [[nodiscard]] Status CheckCaseNumber(std::string_view number);

  [[nodiscard]] Result<std::vector<store::PurposeRecord>> Purposes();
  /// Adds an agency purpose. Codes are 2-40 of [A-Z0-9-]; "PROHIB-" is reserved. roles: who may
  /// use it (empty: every role that reaches plate data). Errors: InvalidArgument, AlreadyExists.
  [[nodiscard]] Status AddPurpose(std::string_view code, std::string_view label, bool needsApproval,
                                  const std::vector<store::Role>& roles = {});
  /// Whether a user of this role may use the purpose (its role list is empty or names the role).
  [[nodiscard]] static bool MayUse(const store::PurposeRecord& purpose, store::Role role);
  /// "supervisor,auditor" (commas, spaces ignored, duplicates dropped) as roles. Errors:
  /// InvalidArgument naming a word that is not a role.
  [[nodiscard]] static Result<std::vector<store::Role>> ParseRoles(std::string_view text);
  /// "supervisors and auditors"; "every role" for an empty list.
  [[nodiscard]] static std::string RolesText(const std::vector<store::Role>& roles);
  /// Errors: NotFound.
  [[nodiscard]] Status SetPurposeDisabled(std::string_view code, bool disabled);

 private:
  store::Storage& mStorage;
};

}  // namespace platedesk::access
