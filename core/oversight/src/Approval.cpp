// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Approval.h"

#include <cctype>
#include <charconv>
#include <tuple>

namespace platedesk::oversight {

const std::vector<std::string_view>& ApprovalSettingKeys() {
  static const std::vector<std::string_view> kKeys = {"approval_min_fixed",     "approval_vehicle_cameras",
                                                      "approval_vehicle_hours", "approval_result_reads",
                                                      "search_limit_cap",       "approval_hours"};
  return kKeys;
}

Result<ApprovalRules> ApprovalRulesFrom(
    const std::function<Result<std::optional<std::string>>(std::string_view)>& get) {
  ApprovalRules out;
  for (const auto& [key, lo, hi] : {std::tuple<std::string_view, long long, long long>{"approval_min_fixed", 0, 10},
                                    {"approval_vehicle_cameras", 0, 100000},
                                    {"approval_vehicle_hours", 1, 8760},
                                    {"approval_result_reads", 0, 100000000},
                                    {"search_limit_cap", 1, 100000},
                                    {"approval_hours", 1, 168}}) {
    auto value = get(key);
    if (!value) return value.Err();
    if (!*value) continue;
    const std::string& text = **value;
    long long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) {
      std::string why(key);
      why += " is not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
      return Fail(ErrorCode::Corrupt, why, text);
    }
    if (key == "approval_min_fixed") out.minFixedCharacters = static_cast<std::size_t>(v);
    if (key == "approval_vehicle_cameras") out.vehicleCameras = static_cast<std::size_t>(v);
    if (key == "approval_vehicle_hours") out.vehicleHours = static_cast<int>(v);
    if (key == "approval_result_reads") out.resultReads = static_cast<std::uint64_t>(v);
    if (key == "search_limit_cap") out.limitCap = static_cast<std::size_t>(v);
    if (key == "approval_hours") out.approvalHours = static_cast<int>(v);
  }
  return out;
}

std::size_t FixedCharacters(std::string_view pattern) {
  std::size_t n = 0;
  bool inClass = false;
  for (char c : pattern) {
    if (c == '[') inClass = true;
    if (!inClass && std::isalnum(static_cast<unsigned char>(c))) ++n;
    if (c == ']') inClass = false;
  }
  return n;
}

std::vector<std::string> ApprovalReasons(const SearchBreadth& b, const ApprovalRules& rules) {
  std::vector<std::string> why;
  if (b.multiScene) why.push_back("a multi-scene search is a broad search");
  if (!b.multiScene && b.plate && FixedCharacters(*b.plate) < rules.minFixedCharacters) {
    std::string s = "the pattern ";
    s += *b.plate;
    s += " pins down fewer than " + std::to_string(rules.minFixedCharacters) + " characters";
    why.push_back(std::move(s));
  }
  if (!b.multiScene && !b.plate) {
    if (b.cameras > rules.vehicleCameras)
      why.push_back("a vehicle-only search over " + std::to_string(b.cameras) + " cameras (more than " +
                    std::to_string(rules.vehicleCameras) + ")");
    if (!b.window)
      why.push_back("a vehicle-only search without a time window (more than " + std::to_string(rules.vehicleHours) +
                    " hours)");
    else if (*b.window > static_cast<UtcMs>(rules.vehicleHours) * kMsPerHour)
      why.push_back("a vehicle-only search over " + std::to_string((*b.window + kMsPerHour - 1) / kMsPerHour) +
                    " hours (more than " + std::to_string(rules.vehicleHours) + ")");
  }
  if (!b.multiScene && b.limit == 0)
    why.push_back("every matching read (no limit; the agency's cap is " + std::to_string(rules.limitCap) + ")");
  else if (!b.multiScene && b.limit > rules.limitCap)
    why.push_back("a limit of " + std::to_string(b.limit) + " results (the agency's cap is " +
                  std::to_string(rules.limitCap) + ")");
  return why;
}

}  // namespace platedesk::oversight
