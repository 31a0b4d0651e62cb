// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The wire form of every value the Session contract takes or returns (remote/Protocol.h): the
// remote client encodes arguments and decodes results with it, and platedesk-server does the
// opposite. Everything the server decodes comes from a network client, so decoding is strict
// about types (a string where a number belongs, a float where an integer belongs, an unknown enum
// name, a negative count are InvalidArgument naming the field) and never throws. A field that is
// missing keeps its default (a newer client may send fields an older server does not know, and
// the other way round).
//
// Conventions: times (UtcMs) are integers of milliseconds since the epoch; enums are their stable
// lower-case names; byte strings (image bytes) are base64; a std::optional that is empty is
// omitted; paths are UTF-8 strings; maps are JSON objects.

#include "platedesk/common/Result.h"
#include "platedesk/workstation/Session.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace platedesk::remote {

using Json = nlohmann::json;

// --- one overload pair per value type --------------------------------------------------------------
// void ToJson(Json& out, const T& value);
// [[nodiscard]] Status FromJson(const Json& in, T& value);   // InvalidArgument names the field

// Scalars.
void ToJson(Json& out, bool value);
void ToJson(Json& out, std::int64_t value);
void ToJson(Json& out, std::uint64_t value);
void ToJson(Json& out, int value);
void ToJson(Json& out, double value);
void ToJson(Json& out, const std::string& value);
[[nodiscard]] Status FromJson(const Json& in, bool& value);
[[nodiscard]] Status FromJson(const Json& in, std::int64_t& value);
[[nodiscard]] Status FromJson(const Json& in, std::uint64_t& value);
[[nodiscard]] Status FromJson(const Json& in, int& value);
[[nodiscard]] Status FromJson(const Json& in, double& value);
[[nodiscard]] Status FromJson(const Json& in, std::string& value);

/// Errors travel as {"code": "permission-denied", "detail": "none", "message": ..., "context": ...}.
void ToJson(Json& out, const Error& value);
[[nodiscard]] Status FromJson(const Json& in, Error& value);

// The helper's list goes here: every struct and enum reachable from workstation/Session.h
// (store::Read, search::Query, audit::StoredRecord, ...), declared in this header and defined in
// src/Codec.cpp.

// --- generic containers ----------------------------------------------------------------------------
template <class T>
void ToJson(Json& out, const std::vector<T>& values) {
  out = Json::array();
  for (const auto& v : values) {
    Json item;
    ToJson(item, v);
    out.push_back(std::move(item));
  }
}
template <class T>
[[nodiscard]] Status FromJson(const Json& in, std::vector<T>& values) {
  if (!in.is_array()) return Fail(ErrorCode::InvalidArgument, "expected a JSON array");
  values.clear();
  values.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    T item{};
    if (Status s = FromJson(in[i], item); !s.Ok()) {
      Error e = s.Err();
      e.context = "[" + std::to_string(i) + "]" + (e.context.empty() ? "" : "." + e.context);
      return e;
    }
    values.push_back(std::move(item));
  }
  return {};
}
template <class T>
void ToJson(Json& out, const std::optional<T>& value) {
  if (value) {
    ToJson(out, *value);
  } else {
    out = nullptr;
  }
}
template <class T>
[[nodiscard]] Status FromJson(const Json& in, std::optional<T>& value) {
  if (in.is_null()) {
    value.reset();
    return {};
  }
  T v{};
  PLATEDESK_TRY(FromJson(in, v));
  value = std::move(v);
  return {};
}
void ToJson(Json& out, const std::map<std::string, std::string>& values);
[[nodiscard]] Status FromJson(const Json& in, std::map<std::string, std::string>& values);

/// Encodes any value with a ToJson overload.
template <class T>
[[nodiscard]] Json Encode(const T& value) {
  Json out;
  ToJson(out, value);
  return out;
}
/// Decodes any value with a FromJson overload.
template <class T>
[[nodiscard]] Result<T> Decode(const Json& in) {
  T value{};
  if (Status s = FromJson(in, value); !s.Ok()) return s.Err();
  return value;
}

/// Reads member `name` of object `in` into `value` when present (absent: value keeps its
/// default). Errors: InvalidArgument naming the member.
template <class T>
[[nodiscard]] Status Field(const Json& in, const char* name, T& value) {
  if (!in.is_object()) return Fail(ErrorCode::InvalidArgument, "expected a JSON object");
  auto it = in.find(name);
  if (it == in.end()) return {};
  if (Status s = FromJson(*it, value); !s.Ok()) {
    Error e = s.Err();
    e.context = std::string(name) + (e.context.empty() ? "" : "." + e.context);
    return e;
  }
  return {};
}

}  // namespace platedesk::remote
