// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/remote/Codec.h"

#include <cmath>
#include <limits>

namespace platedesk::remote {

namespace {

Error TypeError(const char* expected) { return Fail(ErrorCode::InvalidArgument, std::string("expected ") + expected); }

}  // namespace

void ToJson(Json& out, bool value) { out = value; }
void ToJson(Json& out, std::int64_t value) { out = value; }
void ToJson(Json& out, std::uint64_t value) { out = value; }
void ToJson(Json& out, int value) { out = value; }
void ToJson(Json& out, double value) { out = std::isfinite(value) ? Json(value) : Json(nullptr); }
void ToJson(Json& out, const std::string& value) { out = value; }

Status FromJson(const Json& in, bool& value) {
  if (!in.is_boolean()) return TypeError("true or false");
  value = in.get<bool>();
  return {};
}

Status FromJson(const Json& in, std::int64_t& value) {
  if (in.is_number_integer()) {
    if (in.is_number_unsigned() && in.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
      return TypeError("an integer in range");
    value = in.get<std::int64_t>();
    return {};
  }
  return TypeError("an integer");
}

Status FromJson(const Json& in, std::uint64_t& value) {
  if (in.is_number_unsigned()) {
    value = in.get<std::uint64_t>();
    return {};
  }
  if (in.is_number_integer()) return TypeError("a count of at least 0");
  return TypeError("an integer");
}

Status FromJson(const Json& in, int& value) {
  std::int64_t v = 0;
  PLATEDESK_TRY(FromJson(in, v));
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    return TypeError("an integer in range");
  value = static_cast<int>(v);
  return {};
}

Status FromJson(const Json& in, double& value) {
  if (!in.is_number()) return TypeError("a number");
  value = in.get<double>();
  return {};
}

Status FromJson(const Json& in, std::string& value) {
  if (!in.is_string()) return TypeError("a string");
  value = in.get<std::string>();
  return {};
}

void ToJson(Json& out, const std::map<std::string, std::string>& values) {
  out = Json::object();
  for (const auto& [k, v] : values) out[k] = v;
}

Status FromJson(const Json& in, std::map<std::string, std::string>& values) {
  if (!in.is_object()) return TypeError("a JSON object");
  values.clear();
  for (const auto& [k, v] : in.items()) {
    if (!v.is_string()) return Fail(ErrorCode::InvalidArgument, "expected a string", k);
    values.emplace(k, v.get<std::string>());
  }
  return {};
}

namespace {

constexpr ErrorCode kCodes[] = {ErrorCode::InvalidArgument,  ErrorCode::NotFound,        ErrorCode::AlreadyExists,
                                ErrorCode::PermissionDenied, ErrorCode::Unauthenticated, ErrorCode::Locked,
                                ErrorCode::Corrupt,          ErrorCode::Unsupported,     ErrorCode::Io,
                                ErrorCode::Cancelled,        ErrorCode::Internal};
constexpr ErrorDetail kDetails[] = {ErrorDetail::None,
                                    ErrorDetail::AccountNowLocked,
                                    ErrorDetail::SecondFactorNeeded,
                                    ErrorDetail::SecondFactorWrong,
                                    ErrorDetail::PasswordChangeNeeded,
                                    ErrorDetail::ReauthenticationNeeded,
                                    ErrorDetail::SecondFactorForAdministration,
                                    ErrorDetail::SecondAdministratorNeeded,
                                    ErrorDetail::StorageServed,
                                    ErrorDetail::ServerUnreachable,
                                    ErrorDetail::ServerNotTrusted};

}  // namespace

void ToJson(Json& out, const Error& value) {
  out = Json{{"code", ErrorCodeName(value.code)},
             {"detail", ErrorDetailName(value.detail)},
             {"message", value.message},
             {"context", value.context}};
}

Status FromJson(const Json& in, Error& value) {
  if (!in.is_object()) return TypeError("an error object");
  std::string code;
  std::string detail = "none";
  PLATEDESK_TRY(Field(in, "code", code));
  PLATEDESK_TRY(Field(in, "detail", detail));
  PLATEDESK_TRY(Field(in, "message", value.message));
  PLATEDESK_TRY(Field(in, "context", value.context));
  value.code = ErrorCode::Internal;
  for (ErrorCode c : kCodes)
    if (code == ErrorCodeName(c)) value.code = c;
  value.detail = ErrorDetail::None;
  for (ErrorDetail d : kDetails)
    if (detail == ErrorDetailName(d)) value.detail = d;
  return {};
}

}  // namespace platedesk::remote
