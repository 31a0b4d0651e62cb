// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordSchema.h"

#include "Canonical.h"

#include "platedesk/audit/EventCatalogue.h"

#include <string_view>

namespace platedesk::audit::detail {
namespace {

enum class Kind { Text, Count, Positive, Hex32, Time, Outcome, StringMap, Object, StringList };

struct FieldSpec {
  std::string_view name;
  Kind kind;
};

// Every field a record may have (sorted by name, as the canonical form orders them).
constexpr FieldSpec kFields[] = {
    {"app_version", Kind::Text},   {"bytes", Kind::Count},
    {"case", Kind::Text},          {"clock_back_ms", Kind::Positive},
    {"details", Kind::Object},     {"event", Kind::Text},
    {"justification", Kind::Text}, {"nonce", Kind::Hex32},
    {"objects", Kind::StringList}, {"outcome", Kind::Outcome},
    {"purpose_code", Kind::Text},  {"purpose_text", Kind::Text},
    {"query", Kind::StringMap},    {"reason", Kind::Text},
    {"result_count", Kind::Count}, {"result_hash", Kind::Text},
    {"seq", Kind::Count},          {"session", Kind::Text},
    {"time", Kind::Time},          {"user", Kind::Text},
    {"workstation", Kind::Text},
};

const FieldSpec* FindField(std::string_view name) {
  for (const auto& f : kFields)
    if (f.name == name) return &f;
  return nullptr;
}

bool IsCount(const nlohmann::json& v) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxSafeInteger);
  if (v.is_number_integer()) return v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() <= kMaxSafeInteger;
  return false;
}

bool IsNonEmptyString(const nlohmann::json& v) { return v.is_string() && !v.get_ref<const std::string&>().empty(); }

bool CheckKind(const nlohmann::json& v, Kind kind) {
  switch (kind) {
    case Kind::Text:
      return IsNonEmptyString(v);
    case Kind::Count:
      return IsCount(v);
    case Kind::Positive:
      return IsCount(v) && v.get<std::uint64_t>() > 0;
    case Kind::Hex32: {
      if (!v.is_string()) return false;
      const auto& s = v.get_ref<const std::string&>();
      if (s.size() != 32) return false;
      for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
      return true;
    }
    case Kind::Time: {
      UtcMs t = 0;
      return v.is_string() && ParseRecordTime(v.get_ref<const std::string&>(), &t);
    }
    case Kind::Outcome: {
      if (!v.is_string()) return false;
      const auto& s = v.get_ref<const std::string&>();
      return s == "success" || s == "failure" || s == "refused";
    }
    case Kind::StringMap: {
      if (!v.is_object() || v.empty()) return false;
      for (const auto& [key, item] : v.items())
        if (key.empty() || !item.is_string()) return false;
      return true;
    }
    case Kind::Object:
      return v.is_object() && !v.empty();
    case Kind::StringList: {
      if (!v.is_array() || v.empty()) return false;
      for (const auto& item : v)
        if (!IsNonEmptyString(item)) return false;
      return true;
    }
  }
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool ParseRecordTime(const std::string& text, UtcMs* time) {
  // The strict form: 24 characters, 'T' separator, milliseconds, 'Z'.
  if (text.size() != 24 || text[10] != 'T' || text[19] != '.' || text[23] != 'Z') return false;
  auto parsed = ParseIso8601(text);
  if (!parsed || FormatIso8601(*parsed) != text) return false;
  *time = *parsed;
  return true;
}

std::optional<std::string> CheckRecord(const nlohmann::json& record, UtcMs* time) {
  if (!record.is_object()) return "record is not a JSON object";
  for (const auto& [key, value] : record.items()) {
    const FieldSpec* spec = FindField(key);
    if (spec == nullptr) return "unknown field \"" + key + "\"";
    if (!CheckKind(value, spec->kind)) return "malformed field \"" + key + "\"";
  }
  for (std::string_view field : CommonRecordFields())
    if (!record.contains(field)) return "missing field \"" + std::string(field) + "\"";
  const auto& type = record["event"].get_ref<const std::string&>();
  const EventTypeInfo* info = FindEventType(type);
  if (info == nullptr) return "unknown event type \"" + type + "\"";
  for (std::string_view field : info->required)
    if (!record.contains(field)) return "event " + type + " needs field \"" + std::string(field) + "\"";
  const auto& outcome = record["outcome"].get_ref<const std::string&>();
  if ((EndsWith(type, ".failure") && outcome != "failure") || (EndsWith(type, ".refused") && outcome != "refused") ||
      (EndsWith(type, ".success") && outcome != "success"))
    return "event " + type + " cannot have outcome " + outcome;
  if (time != nullptr && !ParseRecordTime(record["time"].get_ref<const std::string&>(), time))
    return "malformed field \"time\"";
  return std::nullopt;
}

}  // namespace platedesk::audit::detail
