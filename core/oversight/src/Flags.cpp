// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/oversight/Flags.h"

#include "platedesk/oversight/Approval.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>

namespace platedesk::oversight {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::pair<FlagKind, std::string_view>, 12> kNames{{
    {FlagKind::UnregisteredCase, "unregistered-case"},
    {FlagKind::ClosedCase, "closed-case"},
    {FlagKind::Refused, "refused"},
    {FlagKind::FailedSignIn, "failed-sign-in"},
    {FlagKind::Lockout, "lockout"},
    {FlagKind::AfterHours, "after-hours"},
    {FlagKind::UnusualVolume, "unusual-volume"},
    {FlagKind::SharedPlate, "shared-plate"},
    {FlagKind::BroadSearch, "broad-search"},
    {FlagKind::RepeatedJustification, "repeated-justification"},
    {FlagKind::ExportedUnverified, "exported-unverified"},
    {FlagKind::StaffVehicle, "staff-vehicle"},
}};

// The events by which a user reached plate data (the case register and the hours apply to them).
bool ReachesPlateData(const std::string& event) {
  return event == "search.start" || event == "read.viewed" || event == "image.opened" || event == "export.start" ||
         event == "case.collected" || event == "case.reviewed" || event == "read.verified" ||
         event == "read.corrected" || event == "dissemination.request";
}

struct Parsed {
  const audit::StoredRecord* record = nullptr;
  Json json;
};

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Json& Query(const Json& j) {
  static const Json kEmpty = Json::object();
  auto it = j.find("query");
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

std::vector<std::int64_t> ReadObjects(const Json& j) {
  std::vector<std::int64_t> out;
  auto it = j.find("objects");
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& o : *it) {
    if (!o.is_string()) continue;
    const std::string s = o.get<std::string>();
    if (s.rfind("read:", 0) != 0) continue;
    try {
      out.push_back(std::stoll(s.substr(5)));
    } catch (const std::exception&) {
    }
  }
  return out;
}

// Letters and digits of a pattern ("AB?1*" has three): what pins a search down.
bool IsExactPlate(const std::string& pattern) {
  return !pattern.empty() && std::all_of(pattern.begin(), pattern.end(),
                                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
}

std::string Normalised(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string Day(UtcMs t) { return FormatIso8601(t).substr(0, 10); }

}  // namespace

std::string_view FlagKindName(FlagKind kind) {
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "";
}

std::optional<FlagKind> ParseFlagKind(std::string_view name) {
  for (const auto& [k, n] : kNames)
    if (n == name) return k;
  return std::nullopt;
}

const std::vector<FlagKind>& AllFlagKinds() {
  static const std::vector<FlagKind> kAll = [] {
    std::vector<FlagKind> all;
    for (const auto& [k, name] : kNames) all.push_back(k);
    return all;
  }();
  return kAll;
}

std::vector<Flag> ComputeFlags(const std::vector<audit::StoredRecord>& records, UtcMs from, UtcMs to,
                               const std::map<std::string, bool>& cases, const FlagSettings& settings) {
  // Only the period's records and the verifications before its end are parsed: the history before
  // `from` serves only to count each user's searches per day, which the record's columns give (a
  // year's log holds weeks of history for every week reviewed).
  std::vector<Parsed> all;
  std::map<std::string, std::map<std::string, std::uint64_t>> searchesByUserDay;
  for (const auto& r : records) {
    if (r.pruned || r.canonical.empty() || r.time >= to) continue;
    const bool inPeriod = r.time >= from;
    if (!inPeriod && r.event == "search.start") ++searchesByUserDay[r.user][Day(r.time)];
    if (!inPeriod && r.event != "read.verified") continue;
    auto j = Json::parse(r.canonical, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    if (inPeriod && r.event == "search.start") ++searchesByUserDay[r.user][Day(r.time)];
    all.push_back({&r, std::move(j)});
  }
  const auto inPeriod = [&](const Parsed& p) { return p.record->time >= from && p.record->time < to; };
  std::vector<Flag> flags;
  auto flag = [&](const Parsed& p, FlagKind kind, std::string reason) {
    flags.push_back({p.record->seq, p.record->time, p.record->user, p.record->caseNumber, kind, std::move(reason)});
  };
  const auto localHour =
      settings.localHour ? settings.localHour : [](UtcMs t) { return static_cast<int>((t / kMsPerHour) % 24); };

  // Verified reads (ever, up to `to`), plates and justifications by case.
  std::set<std::int64_t> verified;
  for (const auto& p : all) {
    if (p.record->event == "read.verified")
      for (auto id : ReadObjects(p.json)) verified.insert(id);
  }
  std::map<std::string, std::map<std::string, std::set<std::string>>> plateUsersByCase;  // plate -> case -> users
  std::map<std::string, std::set<std::string>> casesByJustification;
  for (const auto& p : all) {
    if (!inPeriod(p) || p.record->event != "search.start") continue;
    const std::string plate = Text(Query(p.json), "plate");
    if (IsExactPlate(plate)) plateUsersByCase[plate][p.record->caseNumber].insert(p.record->user);
    const std::string why = Normalised(Text(p.json, "justification"));
    if (!why.empty()) casesByJustification[why].insert(p.record->caseNumber);
  }
  std::set<std::string> volumeFlagged;  // user + day, flagged once

  for (const auto& p : all) {
    if (!inPeriod(p)) continue;
    const std::string& event = p.record->event;
    const std::string& caseNumber = p.record->caseNumber;
    if (ReachesPlateData(event) && !caseNumber.empty()) {
      auto it = cases.find(caseNumber);
      if (it == cases.end())
        flag(p, FlagKind::UnregisteredCase, "case " + caseNumber + " is not in the case register");
      else if (!it->second)
        flag(p, FlagKind::ClosedCase, "case " + caseNumber + " is closed");
      const int hour = localHour(p.record->time);
      if (hour < settings.businessStartHour || hour >= settings.businessEndHour)
        flag(p, FlagKind::AfterHours, [&] {
          char text[160];
          std::snprintf(text, sizeof text,
                        "%s between %02d:00 and %02d:00, outside the agency's hours (%02d:00-%02d:00)", event.c_str(),
                        hour, (hour + 1) % 24, settings.businessStartHour, settings.businessEndHour);
          return std::string(text);
        }());
    }
    if (event == "search.refused" || event == "access.refused" || event == "dissemination.refused" ||
        event == "session.refused") {
      const std::string reason = Text(p.json, "reason");
      flag(p, FlagKind::Refused, event + ": " + (reason.empty() ? std::string("refused") : reason));
    }
    if (event == "login.failure") {
      const std::string reason = Text(p.json, "reason");
      flag(p, FlagKind::FailedSignIn, "failed sign-in" + (reason.empty() ? std::string() : ": " + reason));
    }
    if (event == "account.locked") flag(p, FlagKind::Lockout, "account locked after failed sign-ins");

    if (event == "search.start") {
      const Json& query = Query(p.json);
      const std::string plate = Text(query, "plate");
      // A broad search that ran under a supervisor's approval says whose.
      std::string approved;
      if (auto d = p.json.find("details"); d != p.json.end() && d->is_object() && d->contains("approved_by"))
        approved = ", approved by " + Text(*d, "approved_by");
      if (Text(query, "kind").rfind("multi-scene", 0) == 0) {
        flag(p, FlagKind::BroadSearch, "a multi-scene search (" + Text(query, "scenes") + " scenes)" + approved);
      } else if (plate.empty()) {
        flag(p, FlagKind::BroadSearch, "a vehicle-only search (no plate pattern)" + approved);
      } else if (FixedCharacters(plate) < settings.minFixedCharacters) {
        flag(p, FlagKind::BroadSearch,
             "the pattern " + plate + " pins down fewer than " + std::to_string(settings.minFixedCharacters) +
                 " characters" + approved);
      }
      if (settings.staffVehicles.contains(plate))
        flag(p, FlagKind::StaffVehicle, "a search for " + plate + ", a staff vehicle");
      if (IsExactPlate(plate)) {
        const auto& byCase = plateUsersByCase[plate];
        std::set<std::string> users;
        for (const auto& [c, u] : byCase) users.insert(u.begin(), u.end());
        if (byCase.size() > 1 && users.size() > 1)
          flag(p, FlagKind::SharedPlate,
               plate + " was searched by " + std::to_string(users.size()) + " users under " +
                   std::to_string(byCase.size()) + " different cases in the period");
      }
      const std::string why = Normalised(Text(p.json, "justification"));
      if (!why.empty() && casesByJustification[why].size() > 1)
        flag(p, FlagKind::RepeatedJustification,
             "the same justification is used under " + std::to_string(casesByJustification[why].size()) + " cases");
      // Unusual volume: the day's searches against the user's own previous 8 weeks.
      const std::string day = Day(p.record->time);
      const std::string key = p.record->user + "|" + day;
      const auto& days = searchesByUserDay[p.record->user];
      const std::uint64_t today = days.count(day) ? days.at(day) : 0;
      if (!volumeFlagged.contains(key) && today >= settings.volumeMinimum) {
        std::uint64_t total = 0;
        const std::string first = Day(p.record->time - kVolumeHistoryMs);
        for (const auto& [d, n] : days)
          if (d >= first && d < day) total += n;
        const double mean = static_cast<double>(total) / 56.0;
        if (static_cast<double>(today) > settings.volumeFactor * std::max(mean, 1.0)) {
          volumeFlagged.insert(key);
          char text[160];
          std::snprintf(text, sizeof text, "%llu searches on %s against a mean of %.1f a day over the 8 weeks before",
                        static_cast<unsigned long long>(today), day.c_str(), mean);
          flag(p, FlagKind::UnusualVolume, text);
        }
      }
    }
    if (event == "search.result") {
      auto it = p.json.find("result_count");
      if (it != p.json.end() && it->is_number_unsigned() && it->get<std::uint64_t>() > settings.broadResultCount)
        flag(p, FlagKind::BroadSearch,
             "the search matched " + std::to_string(it->get<std::uint64_t>()) + " reads (more than " +
                 std::to_string(settings.broadResultCount) + ")");
    }
    if (event == "export.start") {
      std::size_t unverified = 0, total = 0;
      for (auto id : ReadObjects(p.json)) {
        ++total;
        unverified += verified.contains(id) ? 0 : 1;
      }
      if (unverified > 0)
        flag(p, FlagKind::ExportedUnverified,
             std::to_string(unverified) + " of " + std::to_string(total) +
                 " exported reads were never visually verified");
    }
  }
  std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) { return a.seq < b.seq; });
  return flags;
}

}  // namespace platedesk::oversight
