// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Trail.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace platedesk::oversight {
namespace {

using Json = nlohmann::json;

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::size_t Objects(const Json& j, const char* prefix) {
  std::size_t n = 0;
  if (auto it = j.find("objects"); it != j.end() && it->is_array())
    for (const auto& o : *it)
      if (o.is_string() && o.get<std::string>().rfind(prefix, 0) == 0) ++n;
  return n;
}

std::string Count(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What a step under the case did, in words; "" for records a reviewer need not see here.
std::string Summary(const std::string& event, const Json& j) {
  if (event == "read.viewed") return Count(Objects(j, "read:"), "read opened", "reads opened");
  if (event == "image.opened")
    return Count(Objects(j, "image:") + Objects(j, "sha256:"), "image viewed", "images viewed");
  if (event == "read.verified") return "a read visually verified";
  if (event == "read.corrected") return "a misread reported";
  if (event == "case.collected")
    return Count(Objects(j, "read:"), "read collected for the case", "reads collected for the case");
  if (event == "export.start") return "evidence export of " + Count(Objects(j, "read:"), "read", "reads");
  if (event == "export.result") return "evidence export " + Text(j, "outcome");
  if (event == "dissemination.release") return "released outside the agency";
  if (event == "dissemination.request") return "a release request entered";
  return "";
}

}  // namespace

std::optional<SearchTrail> TraceSearch(const std::vector<audit::StoredRecord>& records, std::uint64_t seq,
                                       std::size_t maxSteps) {
  auto start = std::find_if(records.begin(), records.end(), [&](const audit::StoredRecord& r) { return r.seq == seq; });
  if (start == records.end() || start->event != "search.start" || start->pruned) return std::nullopt;
  const Json head = Json::parse(start->canonical, nullptr, false);
  if (!head.is_object()) return std::nullopt;
  SearchTrail t;
  t.seq = start->seq;
  t.time = start->time;
  t.user = start->user;
  t.caseNumber = start->caseNumber;
  t.purposeCode = start->purposeCode;
  t.purposeText = Text(head, "purpose_text");
  t.justification = Text(head, "justification");
  if (auto q = head.find("query"); q != head.end() && q->is_object())
    for (auto it = q->begin(); it != q->end(); ++it)
      if (it->is_string()) t.query[it.key()] = it->get<std::string>();
  if (auto d = head.find("details"); d != head.end() && d->is_object() && d->contains("approval")) {
    const Json& a = (*d)["approval"];
    t.approval = "approval " + (a.is_number() ? std::to_string(a.get<std::int64_t>()) : Text(*d, "approval")) + " by " +
                 Text(*d, "approved_by");
  }
  const std::string startSeq = std::to_string(seq);
  for (auto it = std::next(start); it != records.end(); ++it) {
    if (it->pruned) continue;
    const Json j = Json::parse(it->canonical, nullptr, false);
    if (!j.is_object()) continue;
    if (it->event == "search.result" && t.outcome.empty()) {
      const auto d = j.find("details");
      if (d != j.end() && d->is_object() && Text(*d, "search_seq") == startSeq) {
        t.outcome = it->outcome;
        if (auto c = j.find("result_count"); c != j.end() && c->is_number_unsigned())
          t.resultCount = c->get<std::uint64_t>();
        t.reason = Text(j, "reason");
        continue;
      }
    }
    if (t.after.size() >= maxSteps || it->caseNumber != t.caseNumber || t.caseNumber.empty()) continue;
    const std::string summary = Summary(it->event, j);
    if (summary.empty()) continue;
    t.after.push_back({it->seq, it->time, it->event, it->user, summary});
  }
  return t;
}

}  // namespace platedesk::oversight
