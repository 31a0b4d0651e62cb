// SPDX-License-Identifier: GPL-3.0-or-later
#include "Canonical.h"

#include "platedesk/audit/CanonicalJson.h"
#include "platedesk/common/Text.h"

#include <charconv>
#include <set>
#include <vector>

namespace platedesk::audit {
namespace detail {
namespace {

Status WriteString(const std::string& s, std::string& out) {
  if (!IsValidUtf8(s)) return Fail(ErrorCode::InvalidArgument, "JSON string is not valid UTF-8");
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return {};
}

template <class T>
void WriteInteger(T v, std::string& out) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

}  // namespace

Status WriteCanonical(const nlohmann::json& value, std::string& out) {
  using V = nlohmann::json::value_t;
  switch (value.type()) {
    case V::null:
      out += "null";
      return {};
    case V::boolean:
      out += value.get<bool>() ? "true" : "false";
      return {};
    case V::number_integer: {
      const auto v = value.get<std::int64_t>();
      if (v > kMaxSafeInteger || v < -kMaxSafeInteger)
        return Fail(ErrorCode::InvalidArgument, "JSON integer outside +/-(2^53-1)", std::to_string(v));
      WriteInteger(v, out);
      return {};
    }
    case V::number_unsigned: {
      const auto v = value.get<std::uint64_t>();
      if (v > static_cast<std::uint64_t>(kMaxSafeInteger))
        return Fail(ErrorCode::InvalidArgument, "JSON integer outside +/-(2^53-1)", std::to_string(v));
      WriteInteger(v, out);
      return {};
    }
    case V::number_float:
      return Fail(ErrorCode::InvalidArgument, "floating-point numbers are not allowed in audit records",
                  "pass integers or strings");
    case V::string:
      return WriteString(value.get_ref<const std::string&>(), out);
    case V::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ',';
        first = false;
        PLATEDESK_TRY(WriteCanonical(item, out));
      }
      out += ']';
      return {};
    }
    case V::object: {
      // nlohmann::json's object_t is a std::map<std::string, ...>: std::string's ordering is
      // char_traits<char>::compare, i.e. unsigned byte order (memcmp), which is what we want.
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ',';
        first = false;
        PLATEDESK_TRY(WriteString(key, out));
        out += ':';
        PLATEDESK_TRY(WriteCanonical(item, out));
      }
      out += '}';
      return {};
    }
    case V::binary:
    case V::discarded:
      break;
  }
  return Fail(ErrorCode::InvalidArgument, "value has no JSON form");
}

Result<std::string> ToCanonical(const nlohmann::json& value) {
  std::string out;
  PLATEDESK_TRY(WriteCanonical(value, out));
  return out;
}

Result<nlohmann::json> ParseJson(std::string_view text, bool refuseDuplicateKeys) {
  bool duplicate = false;
  nlohmann::json value;
  if (refuseDuplicateKeys) {
    std::vector<std::set<std::string>> keys;
    nlohmann::json::parser_callback_t cb = [&](int /*depth*/, nlohmann::json::parse_event_t event,
                                               nlohmann::json& parsed) {
      using E = nlohmann::json::parse_event_t;
      if (event == E::object_start)
        keys.emplace_back();
      else if (event == E::object_end && !keys.empty())
        keys.pop_back();
      else if (event == E::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second)
        duplicate = true;
      return true;
    };
    value = nlohmann::json::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/false);
  } else {
    value = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  }
  if (value.is_discarded()) return Fail(ErrorCode::InvalidArgument, "not valid JSON");
  if (duplicate) return Fail(ErrorCode::InvalidArgument, "JSON object has a duplicate key");
  return value;
}

}  // namespace detail

Result<std::string> CanonicalizeJson(std::string_view jsonText) {
  auto parsed = detail::ParseJson(jsonText, /*refuseDuplicateKeys=*/true);
  if (!parsed) return parsed.Err();
  return detail::ToCanonical(*parsed);
}

}  // namespace platedesk::audit
