// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/access/Policy.h"

#include "platedesk/common/Text.h"

#include <algorithm>
#include <regex>

namespace platedesk::resources::access {
std::optional<std::string_view> Find(std::string_view name);
}

namespace platedesk::access {
namespace {

struct Phrase {
  std::string code;
  std::string phrase;
};

const std::vector<Phrase>& ProhibitedPhrases() {
  static const std::vector<Phrase> kPhrases = [] {
    std::vector<Phrase> list;
    for (const auto& line : Split(resources::access::Find("prohibited-phrases.tsv").value_or(""), '\n')) {
      if (line.empty() || line[0] == '#') continue;
      const auto cols = Split(line, '\t');
      if (cols.size() == 2) list.push_back({Trim(cols[0]), ToLowerAscii(Trim(cols[1]))});
    }
    return list;
  }();
  return kPhrases;
}

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Whole-word (or whole-phrase) containment, so "harassment" is found but "iceberg" is not "ice".
bool ContainsPhrase(const std::string& text, const std::string& phrase) {
  for (std::size_t pos = text.find(phrase); pos != std::string::npos; pos = text.find(phrase, pos + 1)) {
    const bool startOk = pos == 0 || !IsWordChar(text[pos - 1]);
    const std::size_t end = pos + phrase.size();
    // Allow inflections after the phrase ("harassing" for "harass") only for stems of 6+ letters.
    const bool endOk = end >= text.size() || !IsWordChar(text[end]) || phrase.size() >= 6;
    if (startOk && endOk) return true;
  }
  return false;
}

bool ValidPurposeCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; });
}

Result<std::string> SettingOr(store::Storage& s, std::string_view key, std::string_view fallback) {
  auto v = s.GetSetting(key);
  if (!v) return v.Err();
  return v->has_value() && !(*v)->empty() ? **v : std::string(fallback);
}

}  // namespace

Status Policy::EnsureCatalogue() {
  for (const auto& line : Split(resources::access::Find("purposes.tsv").value_or(""), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = Split(line, '\t');
    if (cols.size() != 4 && cols.size() != 5) continue;
    store::PurposeRecord p{cols[0], cols[1], cols[2] == "1", cols[3] == "1", false, true, 0};
    if (cols.size() == 5) {
      auto roles = ParseRoles(cols[4]);
      if (!roles) return roles.Err();
      p.roles = std::move(*roles);
    }
    auto added = mStorage.AddPurpose(p);
    if (!added) return added.Err();
  }
  return {};
}

Status Policy::CheckTraining(const store::UserRecord& user, UtcMs now) {
  if (!user.trainingCompleted)
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::TrainingMissing,
                "no LPR training is on record for you: an administrator must record it before you can reach plate data",
                user.name);
  if (user.trainingExpires && *user.trainingExpires <= now)
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::TrainingExpired,
                "your LPR training certification expired on " + FormatDate(*user.trainingExpires) +
                    ": complete the annual refresher before you can reach plate data",
                user.name);
  return {};
}

std::optional<std::string> Policy::ProhibitedUseNamed(std::string_view justification) {
  const std::string text = ToLowerAscii(justification);
  for (const auto& p : ProhibitedPhrases())
    if (ContainsPhrase(text, p.phrase)) return p.code;
  return std::nullopt;
}

Result<std::string> Policy::CasePattern() { return SettingOr(mStorage, kCasePatternSetting, kDefaultCasePattern); }

Status Policy::SetCasePattern(std::string_view pattern) {
  try {
    std::regex re{std::string(pattern)};
  } catch (const std::regex_error& e) {
    return Fail(ErrorCode::InvalidArgument, std::string("not a valid regular expression: ") + e.what(),
                std::string(pattern));
  }
  return mStorage.SetSetting(kCasePatternSetting, pattern);
}

Status Policy::CheckCaseNumber(std::string_view number) {
  auto pattern = CasePattern();
  if (!pattern) return pattern.Err();
  try {
    if (number.empty())
      return Fail(ErrorCode::InvalidArgument, ErrorDetail::CaseNumberInvalid,
                  "a case number is required for every access to plate data");
    if (!std::regex_search(std::string(number), std::regex(*pattern)))
      return Fail(ErrorCode::InvalidArgument, ErrorDetail::CaseNumberInvalid,
                  "the case number does not match the agency format (" + *pattern + ")", std::string(number));
  } catch (const std::regex_error& e) {
    return Fail(ErrorCode::Corrupt, std::string("the stored case-number format is invalid: ") + e.what(), *pattern);
  }
  return {};
}

Result<AccessDecision> Policy::Check(const store::UserRecord& user, const AccessContext& ctx, UtcMs now) {
  PLATEDESK_TRY(CheckTraining(user, now));
  PLATEDESK_TRY(CheckCaseNumber(ctx.caseNumber));

  AccessDecision decision;
  auto purpose = mStorage.FindPurpose(ctx.purposeCode);
  if (!purpose) return purpose.Err();
  if (!purpose->has_value())
    return Fail(ErrorCode::InvalidArgument, ErrorDetail::PurposeUnknown,
                "unknown purpose code; choose one from the catalogue", ctx.purposeCode);
  decision.purpose = **purpose;
  if (decision.purpose.prohibited)
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::PurposeProhibited,
                "this purpose is prohibited by policy: " + decision.purpose.label, decision.purpose.code);
  if (decision.purpose.disabled)
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::PurposeWithdrawn,
                "this purpose has been withdrawn by the administrator", decision.purpose.code);
  if (!MayUse(decision.purpose, user.role))
    return Fail(
        ErrorCode::PermissionDenied, ErrorDetail::PurposeNotForRole,
        "this purpose is for " + RolesText(decision.purpose.roles) + " only, not for a " + store::RoleName(user.role),
        decision.purpose.code);

  const std::string justification = Trim(ctx.justification);
  if (justification.size() < kMinJustification)
    return Fail(ErrorCode::InvalidArgument, ErrorDetail::JustificationTooShort,
                "write a justification of at least 10 characters saying why this access is needed");
  if (auto named = ProhibitedUseNamed(justification)) {
    auto p = mStorage.FindPurpose(*named);
    const std::string label = p && p->has_value() ? (*p)->label : *named;
    return Fail(ErrorCode::PermissionDenied, ErrorDetail::ProhibitedUseNamed,
                "the justification names a prohibited use (" + label + ")", *named);
  }
  auto c = mStorage.FindCase(ctx.caseNumber);
  if (!c) return c.Err();
  if (!c->has_value()) {
    auto policy = SettingOr(mStorage, kUnregisteredCaseSetting, "flag");
    if (!policy) return policy.Err();
    if (*policy == "refuse")
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::CaseNotRegistered,
                  "case " + ctx.caseNumber + " is not registered in PlateDesk; register it first");
    decision.flaggedForReview = true;
    decision.reviewReason = "case " + ctx.caseNumber + " is not registered";
  } else if (!(*c)->open) {
    auto policy = SettingOr(mStorage, kClosedCaseSetting, "refuse");
    if (!policy) return policy.Err();
    if (*policy != "flag")
      return Fail(ErrorCode::PermissionDenied, ErrorDetail::CaseClosed,
                  "case " + ctx.caseNumber + " is closed; a closed case gives no access to plate data");
    decision.flaggedForReview = true;
    decision.reviewReason = "case " + ctx.caseNumber + " is closed";
  }
  return decision;
}

Result<std::vector<store::PurposeRecord>> Policy::Purposes() { return mStorage.Purposes(); }

Status Policy::AddPurpose(std::string_view code, std::string_view label, bool needsApproval,
                          const std::vector<store::Role>& roles) {
  if (!ValidPurposeCode(code))
    return Fail(ErrorCode::InvalidArgument, "a purpose code has 2 to 40 of A-Z, 0-9 and '-'", std::string(code));
  if (code.rfind("PROHIB-", 0) == 0)
    return Fail(ErrorCode::InvalidArgument, "codes starting with PROHIB- are reserved for prohibited uses",
                std::string(code));
  if (Trim(label).empty()) return Fail(ErrorCode::InvalidArgument, "a purpose needs a label");
  if (auto named = ProhibitedUseNamed(label))
    return Fail(ErrorCode::InvalidArgument, "the label names a prohibited use", *named);
  auto added = mStorage.AddPurpose({std::string(code), Trim(label), needsApproval, false, false, false, 0, roles});
  if (!added) return added.Err();
  if (!*added) return Fail(ErrorCode::AlreadyExists, "a purpose with this code exists", std::string(code));
  return {};
}

bool Policy::MayUse(const store::PurposeRecord& purpose, store::Role role) {
  return purpose.roles.empty() || std::find(purpose.roles.begin(), purpose.roles.end(), role) != purpose.roles.end();
}

Result<std::vector<store::Role>> Policy::ParseRoles(std::string_view text) {
  std::vector<store::Role> roles;
  for (const auto& part : Split(text, ',')) {
    const std::string name = Trim(part);
    if (name.empty()) continue;
    auto role = store::RoleFromName(name);
    if (!role)
      return Fail(ErrorCode::InvalidArgument, "roles are detective, supervisor, administrator or auditor", name);
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
  }
  return roles;
}

std::string Policy::RolesText(const std::vector<store::Role>& roles) {
  if (roles.empty()) return "every role";
  std::string text;
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const std::string name = std::string(store::RoleName(roles[i])) + "s";
    text += (i == 0 ? "" : i + 1 == roles.size() ? " and " : ", ") + name;
  }
  return text;
}

Status Policy::SetPurposeDisabled(std::string_view code, bool disabled) {
  return mStorage.SetPurposeDisabled(code, disabled);
}

}  // namespace platedesk::access
