// SPDX-License-Identifier: GPL-3.0-or-later
#include "platedesk/remote/Codec.h"

#include "platedesk/common/Hash.h"

#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <string_view>

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
  // A parsed non-negative integer is always unsigned; one built in memory from a signed value
  // may not be.
  if (in.is_number_integer()) {
    const std::int64_t v = in.get<std::int64_t>();
    if (v < 0) return TypeError("a count of at least 0");
    value = static_cast<std::uint64_t>(v);
    return {};
  }
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
  // The parser refuses 1e999, but a Json built in memory may hold NaN or infinity.
  const double v = in.get<double>();
  if (!std::isfinite(v)) return TypeError("a finite number");
  value = v;
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
  for (int d = 0; d <= static_cast<int>(kLastErrorDetail); ++d)
    if (detail == ErrorDetailName(static_cast<ErrorDetail>(d))) value.detail = static_cast<ErrorDetail>(d);
  return {};
}

// --- helpers for the struct codecs ------------------------------------------------------------

namespace {

/// Sets member `name` to the encoding of value.
template <class T>
void Put(Json& out, const char* name, const T& value) {
  Json item;
  ToJson(item, value);
  out[name] = std::move(item);
}

/// Sets member `name` only when the optional holds a value (the convention: empty is omitted).
template <class T>
void Put(Json& out, const char* name, const std::optional<T>& value) {
  if (value) Put(out, name, *value);
}

/// std::size_t travels as an unsigned integer whatever its width on the platform.
void PutSize(Json& out, const char* name, std::size_t value) { Put(out, name, static_cast<std::uint64_t>(value)); }

Status ExpectObject(const Json& in) {
  if (!in.is_object()) return TypeError("a JSON object");
  return {};
}

Error NegativeError(const char* name) {
  return Fail(ErrorCode::InvalidArgument, "expected a count of at least 0", name);
}

/// Field() for a signed member that counts something: refuses a negative value.
template <class T>
Status CountField(const Json& in, const char* name, T& value) {
  T v = value;
  PLATEDESK_TRY(Field(in, name, v));
  if (v < 0) return NegativeError(name);
  value = v;
  return {};
}

/// Field() for indexes and positions: every element at least 0.
Status IndexListField(const Json& in, const char* name, std::vector<int>& values) {
  std::vector<int> v = values;
  PLATEDESK_TRY(Field(in, name, v));
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] < 0)
      return Fail(ErrorCode::InvalidArgument, "expected a count of at least 0",
                  std::string(name) + "[" + std::to_string(i) + "]");
  values = std::move(v);
  return {};
}

/// Field() for a std::size_t member.
Status SizeField(const Json& in, const char* name, std::size_t& value) {
  std::uint64_t v = value;
  PLATEDESK_TRY(Field(in, name, v));
  if (v > std::numeric_limits<std::size_t>::max())
    return Fail(ErrorCode::InvalidArgument, "expected an integer in range", name);
  value = static_cast<std::size_t>(v);
  return {};
}

/// Field() for bytes sent as base64 (EncodeBytes); absent leaves `value` as it is.
Status BytesField(const Json& in, const char* name, std::string& value) {
  const auto it = in.find(name);
  if (it == in.end()) return {};
  auto bytes = DecodeBytes(*it);
  if (!bytes) return Fail(bytes.Err().code, bytes.Err().message, name);
  value = std::move(*bytes);
  return {};
}

/// Decodes an enum by the name its module gives each value (`all` lists every value once).
template <class E, std::size_t N>
Status EnumFromName(const Json& in, E& value, const std::array<E, N>& all, const char* (*name)(E)) {
  if (!in.is_string()) return TypeError("a name (string)");
  const std::string& text = in.get_ref<const std::string&>();
  for (E e : all)
    if (text == name(e)) {
      value = e;
      return {};
    }
  return Fail(ErrorCode::InvalidArgument, "unknown name \"" + text.substr(0, 64) + "\"");
}

// search has no names of its own for MatchKind: this table is them.
constexpr std::array<std::pair<search::MatchKind, std::string_view>, 4> kMatchKindNames = {{
    {search::MatchKind::Exact, "exact"},
    {search::MatchKind::OcrEquivalent, "ocr-equivalent"},
    {search::MatchKind::Edited, "edited"},
    {search::MatchKind::NoPattern, "no-pattern"},
}};

}  // namespace

// --- paths, digests, bytes -------------------------------------------------------------------------

void ToJson(Json& out, const std::filesystem::path& value) {
  const std::u8string text = value.u8string();
  out = std::string(text.begin(), text.end());
}

Status FromJson(const Json& in, std::filesystem::path& value) {
  if (!in.is_string()) return TypeError("a path (string)");
  const std::string& text = in.get_ref<const std::string&>();
  if (text.find('\0') != std::string::npos) return TypeError("a path without NUL characters");
  try {
    value = std::filesystem::path(std::u8string(text.begin(), text.end()));
  } catch (const std::exception&) {  // Windows: not convertible to the native encoding
    return TypeError("a path in UTF-8");
  }
  return {};
}

void ToJson(Json& out, const Sha256Digest& value) { out = ToHex(value); }

Status FromJson(const Json& in, Sha256Digest& value) {
  if (!in.is_string() || !IsSha256Hex(in.get_ref<const std::string&>())) return TypeError("64 lower-case hex digits");
  const std::string& hex = in.get_ref<const std::string&>();
  auto nibble = [](char c) { return static_cast<std::uint8_t>(c <= '9' ? c - '0' : c - 'a' + 10); };
  for (std::size_t i = 0; i < value.size(); ++i)
    value[i] = static_cast<std::uint8_t>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  return {};
}

Json EncodeBytes(std::string_view bytes) { return Json(Base64Encode(bytes)); }

Result<std::string> DecodeBytes(const Json& in) {
  if (!in.is_string()) return TypeError("base64 bytes (string)");
  return Base64Decode(in.get_ref<const std::string&>());
}

// --- store -------------------------------------------------------------------------------------------

void ToJson(Json& out, store::Role value) { out = store::RoleName(value); }

Status FromJson(const Json& in, store::Role& value) {
  if (!in.is_string()) return TypeError("a role name (string)");
  auto role = store::RoleFromName(in.get_ref<const std::string&>());
  if (!role) return TypeError("a role name (detective, supervisor, administrator, auditor)");
  value = *role;
  return {};
}

void ToJson(Json& out, store::CameraKind value) { out = store::CameraKindName(value); }

Status FromJson(const Json& in, store::CameraKind& value) {
  if (!in.is_string()) return TypeError("a camera kind (string)");
  auto kind = store::CameraKindFromName(in.get_ref<const std::string&>());
  if (!kind) return TypeError("a camera kind (fixed, mobile, portable)");
  value = *kind;
  return {};
}

void ToJson(Json& out, const store::RankedValue& value) {
  out = Json::object();
  Put(out, "value", value.value);
  Put(out, "confidence", value.confidence);
}

Status FromJson(const Json& in, store::RankedValue& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "value", value.value));
  PLATEDESK_TRY(Field(in, "confidence", value.confidence));
  return {};
}

void ToJson(Json& out, const store::VehicleAttributes& value) {
  out = Json::object();
  Put(out, "color", value.color);
  Put(out, "make", value.make);
  Put(out, "model", value.model);
  Put(out, "body", value.body);
  Put(out, "year", value.year);
}

Status FromJson(const Json& in, store::VehicleAttributes& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "color", value.color));
  PLATEDESK_TRY(Field(in, "make", value.make));
  PLATEDESK_TRY(Field(in, "model", value.model));
  PLATEDESK_TRY(Field(in, "body", value.body));
  PLATEDESK_TRY(Field(in, "year", value.year));
  return {};
}

void ToJson(Json& out, const store::Candidate& value) {
  out = Json::object();
  Put(out, "plateReported", value.plateReported);
  Put(out, "plate", value.plate);
  Put(out, "confidence", value.confidence);
}

Status FromJson(const Json& in, store::Candidate& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "plateReported", value.plateReported));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(Field(in, "confidence", value.confidence));
  return {};
}

void ToJson(Json& out, const store::NewRead& value) {
  out = Json::object();
  Put(out, "sourceFormat", value.sourceFormat);
  Put(out, "sourceUuid", value.sourceUuid);
  Put(out, "capturedAt", value.capturedAt);
  Put(out, "camera", value.camera);
  Put(out, "plateReported", value.plateReported);
  Put(out, "plate", value.plate);
  Put(out, "state", value.state);
  Put(out, "confidence", value.confidence);
  Put(out, "candidates", value.candidates);
  Put(out, "vehicle", value.vehicle);
  Put(out, "directionDeg", value.directionDeg);
  Put(out, "latitude", value.latitude);
  Put(out, "longitude", value.longitude);
  Put(out, "plateImage", value.plateImage);
  Put(out, "vehicleImage", value.vehicleImage);
  Put(out, "payloadSha256", value.payloadSha256);
}

Status FromJson(const Json& in, store::NewRead& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "sourceFormat", value.sourceFormat));
  PLATEDESK_TRY(Field(in, "sourceUuid", value.sourceUuid));
  PLATEDESK_TRY(Field(in, "capturedAt", value.capturedAt));
  PLATEDESK_TRY(Field(in, "camera", value.camera));
  PLATEDESK_TRY(Field(in, "plateReported", value.plateReported));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(Field(in, "state", value.state));
  PLATEDESK_TRY(Field(in, "confidence", value.confidence));
  PLATEDESK_TRY(Field(in, "candidates", value.candidates));
  PLATEDESK_TRY(Field(in, "vehicle", value.vehicle));
  PLATEDESK_TRY(Field(in, "directionDeg", value.directionDeg));
  PLATEDESK_TRY(Field(in, "latitude", value.latitude));
  PLATEDESK_TRY(Field(in, "longitude", value.longitude));
  PLATEDESK_TRY(Field(in, "plateImage", value.plateImage));
  PLATEDESK_TRY(Field(in, "vehicleImage", value.vehicleImage));
  PLATEDESK_TRY(Field(in, "payloadSha256", value.payloadSha256));
  return {};
}

void ToJson(Json& out, const store::Read& value) {
  ToJson(out, static_cast<const store::NewRead&>(value));
  Put(out, "id", value.id);
  Put(out, "ingestedAt", value.ingestedAt);
}

Status FromJson(const Json& in, store::Read& value) {
  PLATEDESK_TRY(FromJson(in, static_cast<store::NewRead&>(value)));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "ingestedAt", value.ingestedAt));
  return {};
}

void ToJson(Json& out, const store::Correction& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "read", value.read);
  Put(out, "plate", value.plate);
  Put(out, "state", value.state);
  Put(out, "reason", value.reason);
  Put(out, "user", value.user);
  Put(out, "createdAt", value.createdAt);
}

Status FromJson(const Json& in, store::Correction& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "read", value.read));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(Field(in, "state", value.state));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  return {};
}

void ToJson(Json& out, const store::Verification& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "read", value.read);
  Put(out, "user", value.user);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "createdAt", value.createdAt);
}

Status FromJson(const Json& in, store::Verification& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "read", value.read));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  return {};
}

void ToJson(Json& out, const store::CameraLocation& value) {
  out = Json::object();
  Put(out, "latitude", value.latitude);
  Put(out, "longitude", value.longitude);
  Put(out, "address", value.address);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
}

Status FromJson(const Json& in, store::CameraLocation& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "latitude", value.latitude));
  PLATEDESK_TRY(Field(in, "longitude", value.longitude));
  PLATEDESK_TRY(Field(in, "address", value.address));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  return {};
}

void ToJson(Json& out, const store::Camera& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "externalId", value.externalId);
  Put(out, "name", value.name);
  Put(out, "kind", value.kind);
  Put(out, "locations", value.locations);
  Put(out, "createdAt", value.createdAt);
  Put(out, "retiredAt", value.retiredAt);
}

Status FromJson(const Json& in, store::Camera& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "externalId", value.externalId));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "locations", value.locations));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  PLATEDESK_TRY(Field(in, "retiredAt", value.retiredAt));
  return {};
}

void ToJson(Json& out, const store::IngestToken& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "name", value.name);
  Put(out, "tokenHash", value.tokenHash);
  Put(out, "cameras", value.cameras);
  Put(out, "readsPerSecond", value.readsPerSecond);
  Put(out, "createdAt", value.createdAt);
  Put(out, "createdBy", value.createdBy);
  Put(out, "revokedAt", value.revokedAt);
  Put(out, "revokedBy", value.revokedBy);
  Put(out, "revokeReason", value.revokeReason);
}

Status FromJson(const Json& in, store::IngestToken& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "tokenHash", value.tokenHash));
  PLATEDESK_TRY(Field(in, "cameras", value.cameras));
  PLATEDESK_TRY(Field(in, "readsPerSecond", value.readsPerSecond));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  PLATEDESK_TRY(Field(in, "createdBy", value.createdBy));
  PLATEDESK_TRY(Field(in, "revokedAt", value.revokedAt));
  PLATEDESK_TRY(Field(in, "revokedBy", value.revokedBy));
  PLATEDESK_TRY(Field(in, "revokeReason", value.revokeReason));
  return {};
}

void ToJson(Json& out, const store::OfflinePeriod& value) {
  out = Json::object();
  Put(out, "camera", value.camera);
  Put(out, "externalId", value.externalId);
  Put(out, "name", value.name);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
}

Status FromJson(const Json& in, store::OfflinePeriod& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "camera", value.camera));
  PLATEDESK_TRY(Field(in, "externalId", value.externalId));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  return {};
}

void ToJson(Json& out, const store::CameraHealth& value) {
  out = Json::object();
  Put(out, "camera", value.camera);
  Put(out, "externalId", value.externalId);
  Put(out, "name", value.name);
  Put(out, "lastHeard", value.lastHeard);
  Put(out, "online", value.online);
  Put(out, "periods", value.periods);
}

Status FromJson(const Json& in, store::CameraHealth& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "camera", value.camera));
  PLATEDESK_TRY(Field(in, "externalId", value.externalId));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "lastHeard", value.lastHeard));
  PLATEDESK_TRY(Field(in, "online", value.online));
  PLATEDESK_TRY(Field(in, "periods", value.periods));
  return {};
}

void ToJson(Json& out, const store::StorageStatus& value) {
  out = Json::object();
  Put(out, "reads", value.reads);
  Put(out, "cameras", value.cameras);
  Put(out, "images", value.images);
  Put(out, "quarantined", value.quarantined);
  Put(out, "users", value.users);
  Put(out, "oldestRead", value.oldestRead);
  Put(out, "newestRead", value.newestRead);
  Put(out, "schemaVersion", value.schemaVersion);
  Put(out, "sizeBytes", value.sizeBytes);
  Put(out, "demo", value.demo);
  Put(out, "camerasOnline", value.camerasOnline);
  Put(out, "camerasOffline", value.camerasOffline);
  Put(out, "camerasNeverHeard", value.camerasNeverHeard);
  Put(out, "offlineCameras", value.offlineCameras);
}

Status FromJson(const Json& in, store::StorageStatus& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(CountField(in, "reads", value.reads));
  PLATEDESK_TRY(CountField(in, "cameras", value.cameras));
  PLATEDESK_TRY(CountField(in, "images", value.images));
  PLATEDESK_TRY(CountField(in, "quarantined", value.quarantined));
  PLATEDESK_TRY(CountField(in, "users", value.users));
  PLATEDESK_TRY(Field(in, "oldestRead", value.oldestRead));
  PLATEDESK_TRY(Field(in, "newestRead", value.newestRead));
  PLATEDESK_TRY(CountField(in, "schemaVersion", value.schemaVersion));
  PLATEDESK_TRY(Field(in, "sizeBytes", value.sizeBytes));
  PLATEDESK_TRY(Field(in, "demo", value.demo));
  PLATEDESK_TRY(CountField(in, "camerasOnline", value.camerasOnline));
  PLATEDESK_TRY(CountField(in, "camerasOffline", value.camerasOffline));
  PLATEDESK_TRY(CountField(in, "camerasNeverHeard", value.camerasNeverHeard));
  PLATEDESK_TRY(Field(in, "offlineCameras", value.offlineCameras));
  return {};
}

void ToJson(Json& out, const store::RetentionCutoffs& value) {
  out = Json::object();
  Put(out, "fixed", value.fixed);
  Put(out, "mobile", value.mobile);
  Put(out, "portable", value.portable);
}

Status FromJson(const Json& in, store::RetentionCutoffs& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "fixed", value.fixed));
  PLATEDESK_TRY(Field(in, "mobile", value.mobile));
  PLATEDESK_TRY(Field(in, "portable", value.portable));
  return {};
}

void ToJson(Json& out, const store::PurgeCounts& value) {
  out = Json::object();
  Put(out, "cutoffs", value.cutoffs);
  Put(out, "readsDeleted", value.readsDeleted);
  Put(out, "readsHeld", value.readsHeld);
  Put(out, "imagesDeleted", value.imagesDeleted);
  Put(out, "bytesFreed", value.bytesFreed);
  Put(out, "quarantineDeleted", value.quarantineDeleted);
  Put(out, "backupsDeleted", value.backupsDeleted);
  Put(out, "finished", value.finished);
}

Status FromJson(const Json& in, store::PurgeCounts& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "cutoffs", value.cutoffs));
  PLATEDESK_TRY(Field(in, "readsDeleted", value.readsDeleted));
  PLATEDESK_TRY(Field(in, "readsHeld", value.readsHeld));
  PLATEDESK_TRY(Field(in, "imagesDeleted", value.imagesDeleted));
  PLATEDESK_TRY(Field(in, "bytesFreed", value.bytesFreed));
  PLATEDESK_TRY(Field(in, "quarantineDeleted", value.quarantineDeleted));
  PLATEDESK_TRY(Field(in, "backupsDeleted", value.backupsDeleted));
  PLATEDESK_TRY(Field(in, "finished", value.finished));
  return {};
}

void ToJson(Json& out, const store::CaseRecord& value) {
  out = Json::object();
  Put(out, "number", value.number);
  Put(out, "title", value.title);
  Put(out, "lead", value.lead);
  Put(out, "open", value.open);
  Put(out, "createdBy", value.createdBy);
  Put(out, "createdAt", value.createdAt);
}

Status FromJson(const Json& in, store::CaseRecord& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "number", value.number));
  PLATEDESK_TRY(Field(in, "title", value.title));
  PLATEDESK_TRY(Field(in, "lead", value.lead));
  PLATEDESK_TRY(Field(in, "open", value.open));
  PLATEDESK_TRY(Field(in, "createdBy", value.createdBy));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  return {};
}

// --- dissemination -----------------------------------------------------------------------------------

namespace {

template <class E>
Status NamedEnum(const Json& in, E& value, std::optional<E> (*parse)(std::string_view), const char* what) {
  if (!in.is_string()) return TypeError(what);
  auto parsed = parse(in.get_ref<const std::string&>());
  if (!parsed) return TypeError(what);
  value = *parsed;
  return {};
}

}  // namespace

void ToJson(Json& out, oversight::FlagKind value) { out = std::string(oversight::FlagKindName(value)); }
Status FromJson(const Json& in, oversight::FlagKind& value) {
  return NamedEnum(in, value, oversight::ParseFlagKind, "a review flag kind");
}

void ToJson(Json& out, const store::ReviewSignOff& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "reviewer", value.reviewer);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
  Put(out, "note", value.note);
  Put(out, "flags", value.flags);
  Put(out, "checkpointSize", value.checkpointSize);
  Put(out, "checkpoint", value.checkpoint);
  Put(out, "signedAt", value.signedAt);
  Put(out, "auditSeq", value.auditSeq);
}

Status FromJson(const Json& in, store::ReviewSignOff& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "reviewer", value.reviewer));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  PLATEDESK_TRY(Field(in, "note", value.note));
  PLATEDESK_TRY(Field(in, "flags", value.flags));
  PLATEDESK_TRY(Field(in, "checkpointSize", value.checkpointSize));
  PLATEDESK_TRY(Field(in, "checkpoint", value.checkpoint));
  PLATEDESK_TRY(Field(in, "signedAt", value.signedAt));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  return {};
}

void ToJson(Json& out, const store::ReviewEntryNote& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "seq", value.seq);
  Put(out, "reviewer", value.reviewer);
  Put(out, "note", value.note);
  Put(out, "notedAt", value.notedAt);
  Put(out, "auditSeq", value.auditSeq);
}

Status FromJson(const Json& in, store::ReviewEntryNote& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "seq", value.seq));
  PLATEDESK_TRY(Field(in, "reviewer", value.reviewer));
  PLATEDESK_TRY(Field(in, "note", value.note));
  PLATEDESK_TRY(Field(in, "notedAt", value.notedAt));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  return {};
}

void ToJson(Json& out, const oversight::DayCount& value) {
  out = Json::object();
  Put(out, "day", value.day);
  Put(out, "name", value.name);
  Put(out, "count", value.count);
}

Status FromJson(const Json& in, oversight::DayCount& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "day", value.day));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "count", value.count));
  return {};
}

void ToJson(Json& out, const oversight::NameCount& value) {
  out = Json::object();
  Put(out, "name", value.name);
  Put(out, "count", value.count);
}

Status FromJson(const Json& in, oversight::NameCount& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "count", value.count));
  return {};
}

void ToJson(Json& out, const oversight::Activity& value) {
  out = Json::object();
  Put(out, "days", value.days);
  Put(out, "searches", value.searches);
  Put(out, "hourWeekday", value.hourWeekday);
  Put(out, "purposes", value.purposes);
  Put(out, "refusedSearches", value.refusedSearches);
  Put(out, "flags", value.flags);
}

Status FromJson(const Json& in, oversight::Activity& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "days", value.days));
  PLATEDESK_TRY(Field(in, "searches", value.searches));
  PLATEDESK_TRY(Field(in, "hourWeekday", value.hourWeekday));
  if (!value.hourWeekday.empty() && value.hourWeekday.size() != 7 * 24) return TypeError("hourWeekday: 7 x 24 counts");
  PLATEDESK_TRY(Field(in, "purposes", value.purposes));
  PLATEDESK_TRY(Field(in, "refusedSearches", value.refusedSearches));
  PLATEDESK_TRY(Field(in, "flags", value.flags));
  return {};
}

void ToJson(Json& out, oversight::TransparencyFormat value) { out = oversight::TransparencyFormatName(value); }
Status FromJson(const Json& in, oversight::TransparencyFormat& value) {
  return NamedEnum(in, value, oversight::ParseTransparencyFormat, "a report format (html, csv, pdf)");
}

void ToJson(Json& out, const workstation::PlateImage& value) {
  out = Json::object();
  Put(out, "read", value.read);
  Put(out, "sha256", value.sha256);
  out["bytes"] = EncodeBytes(value.bytes);
}

Status FromJson(const Json& in, workstation::PlateImage& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "read", value.read));
  PLATEDESK_TRY(Field(in, "sha256", value.sha256));
  PLATEDESK_TRY(BytesField(in, "bytes", value.bytes));
  return {};
}

void ToJson(Json& out, const workstation::PublishedReport& value) {
  out = Json::object();
  Put(out, "fileName", value.fileName);
  out["bytes"] = EncodeBytes(value.bytes);
  Put(out, "signature", value.signature);
}

Status FromJson(const Json& in, workstation::PublishedReport& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "fileName", value.fileName));
  PLATEDESK_TRY(BytesField(in, "bytes", value.bytes));
  PLATEDESK_TRY(Field(in, "signature", value.signature));
  return {};
}

void ToJson(Json& out, const workstation::SavedResults& value) {
  out = Json::object();
  Put(out, "fileName", value.fileName);
  out["bytes"] = EncodeBytes(value.bytes);
  PutSize(out, "reads", value.reads);
}

Status FromJson(const Json& in, workstation::SavedResults& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "fileName", value.fileName));
  PLATEDESK_TRY(BytesField(in, "bytes", value.bytes));
  PLATEDESK_TRY(SizeField(in, "reads", value.reads));
  return {};
}

void ToJson(Json& out, const workstation::SignedOffReview& value) {
  out = Json::object();
  Put(out, "signOff", value.signOff);
  Put(out, "flags", value.flags);
  Put(out, "activity", value.activity);
}

Status FromJson(const Json& in, workstation::SignedOffReview& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "signOff", value.signOff));
  PLATEDESK_TRY(Field(in, "flags", value.flags));
  PLATEDESK_TRY(Field(in, "activity", value.activity));
  return {};
}

void ToJson(Json& out, store::ApprovalState value) { out = std::string(store::ApprovalStateName(value)); }
Status FromJson(const Json& in, store::ApprovalState& value) {
  return NamedEnum(in, value, store::ParseApprovalState, "an approval state");
}

void ToJson(Json& out, const store::SearchApproval& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "requestedBy", value.requestedBy);
  Put(out, "requestedAt", value.requestedAt);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "purposeCode", value.purposeCode);
  Put(out, "justification", value.justification);
  Put(out, "kind", value.kind);
  Put(out, "query", value.query);
  Put(out, "reasons", value.reasons);
  Put(out, "auditSeq", value.auditSeq);
  Put(out, "decidedBy", value.decidedBy);
  Put(out, "decidedAt", value.decidedAt);
  Put(out, "approved", value.approved);
  Put(out, "decisionReason", value.decisionReason);
  Put(out, "validUntil", value.validUntil);
  Put(out, "decisionSeq", value.decisionSeq);
  Put(out, "state", value.state);
}

Status FromJson(const Json& in, store::SearchApproval& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "requestedBy", value.requestedBy));
  PLATEDESK_TRY(Field(in, "requestedAt", value.requestedAt));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "purposeCode", value.purposeCode));
  PLATEDESK_TRY(Field(in, "justification", value.justification));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "query", value.query));
  PLATEDESK_TRY(Field(in, "reasons", value.reasons));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  PLATEDESK_TRY(Field(in, "decidedBy", value.decidedBy));
  PLATEDESK_TRY(Field(in, "decidedAt", value.decidedAt));
  PLATEDESK_TRY(Field(in, "approved", value.approved));
  PLATEDESK_TRY(Field(in, "decisionReason", value.decisionReason));
  PLATEDESK_TRY(Field(in, "validUntil", value.validUntil));
  PLATEDESK_TRY(Field(in, "decisionSeq", value.decisionSeq));
  PLATEDESK_TRY(Field(in, "state", value.state));
  return {};
}

void ToJson(Json& out, const store::ApprovalFilter& value) {
  out = Json::object();
  Put(out, "requestedBy", value.requestedBy);
  Put(out, "state", value.state);
  Put(out, "id", value.id);
}

Status FromJson(const Json& in, store::ApprovalFilter& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "requestedBy", value.requestedBy));
  PLATEDESK_TRY(Field(in, "state", value.state));
  PLATEDESK_TRY(Field(in, "id", value.id));
  return {};
}

void ToJson(Json& out, const workstation::AgencySetting& value) {
  out = Json::object();
  Put(out, "key", value.key);
  Put(out, "value", value.value);
  Put(out, "set", value.set);
}

Status FromJson(const Json& in, workstation::AgencySetting& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "key", value.key));
  PLATEDESK_TRY(Field(in, "value", value.value));
  PLATEDESK_TRY(Field(in, "set", value.set));
  return {};
}

void ToJson(Json& out, const workstation::MapSettings& value) {
  out = Json::object();
  Put(out, "tiles", value.tiles);
  Put(out, "attribution", value.attribution);
}

Status FromJson(const Json& in, workstation::MapSettings& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "tiles", value.tiles));
  PLATEDESK_TRY(Field(in, "attribution", value.attribution));
  return {};
}

void ToJson(Json& out, const oversight::ApprovalRules& value) {
  out = Json::object();
  PutSize(out, "minFixedCharacters", value.minFixedCharacters);
  PutSize(out, "vehicleCameras", value.vehicleCameras);
  Put(out, "vehicleHours", value.vehicleHours);
  Put(out, "resultReads", value.resultReads);
  PutSize(out, "limitCap", value.limitCap);
  Put(out, "approvalHours", value.approvalHours);
}

Status FromJson(const Json& in, oversight::ApprovalRules& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(SizeField(in, "minFixedCharacters", value.minFixedCharacters));
  PLATEDESK_TRY(SizeField(in, "vehicleCameras", value.vehicleCameras));
  PLATEDESK_TRY(Field(in, "vehicleHours", value.vehicleHours));
  PLATEDESK_TRY(Field(in, "resultReads", value.resultReads));
  PLATEDESK_TRY(SizeField(in, "limitCap", value.limitCap));
  PLATEDESK_TRY(Field(in, "approvalHours", value.approvalHours));
  return {};
}

void ToJson(Json& out, const workstation::ApprovalSubject& value) {
  out = Json::object();
  Put(out, "search", value.search);
  PutSize(out, "limit", value.limit);
  Put(out, "multiScene", value.multiScene);
}

Status FromJson(const Json& in, workstation::ApprovalSubject& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "search", value.search));
  PLATEDESK_TRY(SizeField(in, "limit", value.limit));
  PLATEDESK_TRY(Field(in, "multiScene", value.multiScene));
  return {};
}

void ToJson(Json& out, const oversight::Flag& value) {
  out = Json::object();
  Put(out, "seq", value.seq);
  Put(out, "time", value.time);
  Put(out, "user", value.user);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "kind", value.kind);
  Put(out, "reason", value.reason);
}

Status FromJson(const Json& in, oversight::Flag& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "seq", value.seq));
  PLATEDESK_TRY(Field(in, "time", value.time));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  return {};
}

void ToJson(Json& out, store::AgencyKind value) { out = std::string(store::AgencyKindName(value)); }
Status FromJson(const Json& in, store::AgencyKind& value) {
  return NamedEnum(in, value, store::ParseAgencyKind,
                   "an agency kind (local, state, federal, tribal, out-of-state, prosecutor, non-law-enforcement)");
}
void ToJson(Json& out, store::ReleaseMethod value) { out = std::string(store::ReleaseMethodName(value)); }
Status FromJson(const Json& in, store::ReleaseMethod& value) {
  return NamedEnum(in, value, store::ParseReleaseMethod, "a release method (media, transfer, in-person)");
}
void ToJson(Json& out, store::DisseminationState value) { out = std::string(store::DisseminationStateName(value)); }
Status FromJson(const Json& in, store::DisseminationState& value) {
  return NamedEnum(in, value, store::ParseDisseminationState, "a dissemination state");
}

void ToJson(Json& out, const store::Document& value) {
  out = Json::object();
  Put(out, "name", value.name);
  Put(out, "mediaType", value.mediaType);
  out["bytes"] = EncodeBytes(value.bytes);
  Put(out, "sha256", value.sha256);
}

Status FromJson(const Json& in, store::Document& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "mediaType", value.mediaType));
  PLATEDESK_TRY(BytesField(in, "bytes", value.bytes));
  PLATEDESK_TRY(Field(in, "sha256", value.sha256));
  return {};
}

void ToJson(Json& out, const store::Agency& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "name", value.name);
  Put(out, "ori", value.ori);
  Put(out, "kind", value.kind);
  Put(out, "state", value.state);
  Put(out, "mouSha256", value.mouSha256);
  Put(out, "mouName", value.mouName);
  Put(out, "mouExpires", value.mouExpires);
  Put(out, "updatedBy", value.updatedBy);
  Put(out, "updatedAt", value.updatedAt);
}

Status FromJson(const Json& in, store::Agency& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "ori", value.ori));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "state", value.state));
  PLATEDESK_TRY(Field(in, "mouSha256", value.mouSha256));
  PLATEDESK_TRY(Field(in, "mouName", value.mouName));
  PLATEDESK_TRY(Field(in, "mouExpires", value.mouExpires));
  PLATEDESK_TRY(Field(in, "updatedBy", value.updatedBy));
  PLATEDESK_TRY(Field(in, "updatedAt", value.updatedAt));
  return {};
}

void ToJson(Json& out, const store::DisseminationRequest& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "agency", value.agency);
  Put(out, "requesterName", value.requesterName);
  Put(out, "requesterTitle", value.requesterTitle);
  Put(out, "requesterContact", value.requesterContact);
  Put(out, "theirCase", value.theirCase);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "purposeCode", value.purposeCode);
  Put(out, "justification", value.justification);
  Put(out, "authority", value.authority);
  Put(out, "asks", value.asks);
  Put(out, "receivedAt", value.receivedAt);
  Put(out, "receivedBy", value.receivedBy);
  Put(out, "documentSha256", value.documentSha256);
  Put(out, "documentName", value.documentName);
  Put(out, "enteredBy", value.enteredBy);
  Put(out, "enteredAt", value.enteredAt);
  Put(out, "agencyName", value.agencyName);
  Put(out, "agencyKind", value.agencyKind);
  Put(out, "agencyState", value.agencyState);
  Put(out, "referred", value.referred);
  Put(out, "approvalsNeeded", value.approvalsNeeded);
  Put(out, "rulesApplied", value.rulesApplied);
  Put(out, "auditSeq", value.auditSeq);
}

Status FromJson(const Json& in, store::DisseminationRequest& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "agency", value.agency));
  PLATEDESK_TRY(Field(in, "requesterName", value.requesterName));
  PLATEDESK_TRY(Field(in, "requesterTitle", value.requesterTitle));
  PLATEDESK_TRY(Field(in, "requesterContact", value.requesterContact));
  PLATEDESK_TRY(Field(in, "theirCase", value.theirCase));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "purposeCode", value.purposeCode));
  PLATEDESK_TRY(Field(in, "justification", value.justification));
  PLATEDESK_TRY(Field(in, "authority", value.authority));
  PLATEDESK_TRY(Field(in, "asks", value.asks));
  PLATEDESK_TRY(Field(in, "receivedAt", value.receivedAt));
  PLATEDESK_TRY(Field(in, "receivedBy", value.receivedBy));
  PLATEDESK_TRY(Field(in, "documentSha256", value.documentSha256));
  PLATEDESK_TRY(Field(in, "documentName", value.documentName));
  PLATEDESK_TRY(Field(in, "enteredBy", value.enteredBy));
  PLATEDESK_TRY(Field(in, "enteredAt", value.enteredAt));
  PLATEDESK_TRY(Field(in, "agencyName", value.agencyName));
  PLATEDESK_TRY(Field(in, "agencyKind", value.agencyKind));
  PLATEDESK_TRY(Field(in, "agencyState", value.agencyState));
  PLATEDESK_TRY(Field(in, "referred", value.referred));
  PLATEDESK_TRY(CountField(in, "approvalsNeeded", value.approvalsNeeded));
  PLATEDESK_TRY(Field(in, "rulesApplied", value.rulesApplied));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  return {};
}

void ToJson(Json& out, const store::DisseminationReview& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "request", value.request);
  Put(out, "approved", value.approved);
  Put(out, "reason", value.reason);
  Put(out, "reviewer", value.reviewer);
  Put(out, "at", value.at);
  Put(out, "auditSeq", value.auditSeq);
}

Status FromJson(const Json& in, store::DisseminationReview& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "request", value.request));
  PLATEDESK_TRY(Field(in, "approved", value.approved));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  PLATEDESK_TRY(Field(in, "reviewer", value.reviewer));
  PLATEDESK_TRY(Field(in, "at", value.at));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  return {};
}

void ToJson(Json& out, const store::DisseminationRelease& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "request", value.request);
  Put(out, "packageId", value.packageId);
  Put(out, "packageSha256", value.packageSha256);
  Put(out, "encrypted", value.encrypted);
  Put(out, "method", value.method);
  Put(out, "mediaLabel", value.mediaLabel);
  Put(out, "releasedBy", value.releasedBy);
  Put(out, "receivedBy", value.receivedBy);
  Put(out, "releasedAt", value.releasedAt);
  Put(out, "reads", value.reads);
  Put(out, "auditSeq", value.auditSeq);
}

Status FromJson(const Json& in, store::DisseminationRelease& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "request", value.request));
  PLATEDESK_TRY(Field(in, "packageId", value.packageId));
  PLATEDESK_TRY(Field(in, "packageSha256", value.packageSha256));
  PLATEDESK_TRY(Field(in, "encrypted", value.encrypted));
  PLATEDESK_TRY(Field(in, "method", value.method));
  PLATEDESK_TRY(Field(in, "mediaLabel", value.mediaLabel));
  PLATEDESK_TRY(Field(in, "releasedBy", value.releasedBy));
  PLATEDESK_TRY(Field(in, "receivedBy", value.receivedBy));
  PLATEDESK_TRY(Field(in, "releasedAt", value.releasedAt));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  return {};
}

void ToJson(Json& out, const store::DisseminationReceipt& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "release", value.release);
  Put(out, "signedBy", value.signedBy);
  Put(out, "signedAt", value.signedAt);
  Put(out, "documentSha256", value.documentSha256);
  Put(out, "recordedBy", value.recordedBy);
  Put(out, "recordedAt", value.recordedAt);
  Put(out, "auditSeq", value.auditSeq);
}

Status FromJson(const Json& in, store::DisseminationReceipt& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "release", value.release));
  PLATEDESK_TRY(Field(in, "signedBy", value.signedBy));
  PLATEDESK_TRY(Field(in, "signedAt", value.signedAt));
  PLATEDESK_TRY(Field(in, "documentSha256", value.documentSha256));
  PLATEDESK_TRY(Field(in, "recordedBy", value.recordedBy));
  PLATEDESK_TRY(Field(in, "recordedAt", value.recordedAt));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  return {};
}

void ToJson(Json& out, const store::DisseminationNotice& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "release", value.release);
  Put(out, "request", value.request);
  Put(out, "agencyName", value.agencyName);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "read", value.read);
  Put(out, "change", value.change);
  Put(out, "createdAt", value.createdAt);
  Put(out, "sentAt", value.sentAt);
  Put(out, "sentMethod", value.sentMethod);
  Put(out, "sentBy", value.sentBy);
}

Status FromJson(const Json& in, store::DisseminationNotice& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "release", value.release));
  PLATEDESK_TRY(Field(in, "request", value.request));
  PLATEDESK_TRY(Field(in, "agencyName", value.agencyName));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "read", value.read));
  PLATEDESK_TRY(Field(in, "change", value.change));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  PLATEDESK_TRY(Field(in, "sentAt", value.sentAt));
  PLATEDESK_TRY(Field(in, "sentMethod", value.sentMethod));
  PLATEDESK_TRY(Field(in, "sentBy", value.sentBy));
  return {};
}

void ToJson(Json& out, const store::DisseminationRecord& value) {
  out = Json::object();
  Put(out, "request", value.request);
  Put(out, "reviews", value.reviews);
  Put(out, "release", value.release);
  Put(out, "receipt", value.receipt);
  Put(out, "notices", value.notices);
  Put(out, "state", value.state);
}

Status FromJson(const Json& in, store::DisseminationRecord& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "request", value.request));
  PLATEDESK_TRY(Field(in, "reviews", value.reviews));
  PLATEDESK_TRY(Field(in, "release", value.release));
  PLATEDESK_TRY(Field(in, "receipt", value.receipt));
  PLATEDESK_TRY(Field(in, "notices", value.notices));
  PLATEDESK_TRY(Field(in, "state", value.state));
  return {};
}

void ToJson(Json& out, const store::DisseminationFilter& value) {
  out = Json::object();
  Put(out, "from", value.from);
  Put(out, "to", value.to);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "agency", value.agency);
  Put(out, "state", value.state);
  Put(out, "id", value.id);
}

Status FromJson(const Json& in, store::DisseminationFilter& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "agency", value.agency));
  PLATEDESK_TRY(Field(in, "state", value.state));
  PLATEDESK_TRY(Field(in, "id", value.id));
  return {};
}

void ToJson(Json& out, store::HoldKind value) { out = std::string(store::HoldKindName(value)); }
Status FromJson(const Json& in, store::HoldKind& value) {
  return NamedEnum(in, value, store::ParseHoldKind, "a hold kind");
}

void ToJson(Json& out, const store::Hold& value) {
  out = Json::object();
  Put(out, "id", value.id);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "kind", value.kind);
  Put(out, "reason", value.reason);
  Put(out, "placedBy", value.placedBy);
  Put(out, "placedAt", value.placedAt);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
  Put(out, "cameras", value.cameras);
  Put(out, "plates", value.plates);
  Put(out, "releasedBy", value.releasedBy);
  Put(out, "releasedAt", value.releasedAt);
  Put(out, "releaseReason", value.releaseReason);
  Put(out, "reviewedBy", value.reviewedBy);
  Put(out, "reviewedAt", value.reviewedAt);
  Put(out, "reviewNote", value.reviewNote);
  Put(out, "reads", value.reads);
  Put(out, "reviewDue", value.reviewDue);
}

Status FromJson(const Json& in, store::Hold& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  PLATEDESK_TRY(Field(in, "placedBy", value.placedBy));
  PLATEDESK_TRY(Field(in, "placedAt", value.placedAt));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  PLATEDESK_TRY(Field(in, "cameras", value.cameras));
  PLATEDESK_TRY(Field(in, "plates", value.plates));
  PLATEDESK_TRY(Field(in, "releasedBy", value.releasedBy));
  PLATEDESK_TRY(Field(in, "releasedAt", value.releasedAt));
  PLATEDESK_TRY(Field(in, "releaseReason", value.releaseReason));
  PLATEDESK_TRY(Field(in, "reviewedBy", value.reviewedBy));
  PLATEDESK_TRY(Field(in, "reviewedAt", value.reviewedAt));
  PLATEDESK_TRY(Field(in, "reviewNote", value.reviewNote));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "reviewDue", value.reviewDue));
  return {};
}

void ToJson(Json& out, const store::HoldFilter& value) {
  out = Json::object();
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "inForceOnly", value.inForceOnly);
  Put(out, "id", value.id);
  Put(out, "countReads", value.countReads);
}

Status FromJson(const Json& in, store::HoldFilter& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "inForceOnly", value.inForceOnly));
  PLATEDESK_TRY(Field(in, "id", value.id));
  PLATEDESK_TRY(Field(in, "countReads", value.countReads));
  return {};
}

void ToJson(Json& out, workstation::CameraChange::Action value) {
  out = std::string(workstation::CameraActionName(value));
}
Status FromJson(const Json& in, workstation::CameraChange::Action& value) {
  return NamedEnum(in, value, workstation::ParseCameraAction, "a camera change");
}

void ToJson(Json& out, const workstation::CameraChange& value) {
  out = Json::object();
  Put(out, "action", value.action);
  Put(out, "externalId", value.externalId);
  Put(out, "name", value.name);
  Put(out, "kind", value.kind);
  Put(out, "location", value.location);
  Put(out, "at", value.at);
}

Status FromJson(const Json& in, workstation::CameraChange& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "action", value.action));
  PLATEDESK_TRY(Field(in, "externalId", value.externalId));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "location", value.location));
  PLATEDESK_TRY(Field(in, "at", value.at));
  return {};
}

void ToJson(Json& out, const workstation::HoldRequest& value) {
  out = Json::object();
  Put(out, "kind", value.kind);
  Put(out, "reason", value.reason);
  Put(out, "reads", value.reads);
  Put(out, "cameras", value.cameras);
  Put(out, "plates", value.plates);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
}

Status FromJson(const Json& in, workstation::HoldRequest& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "cameras", value.cameras));
  PLATEDESK_TRY(Field(in, "plates", value.plates));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  return {};
}

void ToJson(Json& out, const store::CaseHold& value) {
  out = Json::object();
  Put(out, "read", value.read);
  Put(out, "hold", value.hold);
  Put(out, "kind", value.kind);
  Put(out, "reason", value.reason);
  Put(out, "createdBy", value.createdBy);
  Put(out, "createdAt", value.createdAt);
}

Status FromJson(const Json& in, store::CaseHold& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "read", value.read));
  PLATEDESK_TRY(Field(in, "hold", value.hold));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  PLATEDESK_TRY(Field(in, "createdBy", value.createdBy));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  return {};
}

void ToJson(Json& out, const store::PurposeRecord& value) {
  out = Json::object();
  Put(out, "code", value.code);
  Put(out, "label", value.label);
  Put(out, "needsApproval", value.needsApproval);
  Put(out, "prohibited", value.prohibited);
  Put(out, "disabled", value.disabled);
  Put(out, "builtin", value.builtin);
  Put(out, "createdAt", value.createdAt);
  Put(out, "roles", value.roles);
}

Status FromJson(const Json& in, store::PurposeRecord& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "code", value.code));
  PLATEDESK_TRY(Field(in, "label", value.label));
  PLATEDESK_TRY(Field(in, "needsApproval", value.needsApproval));
  PLATEDESK_TRY(Field(in, "prohibited", value.prohibited));
  PLATEDESK_TRY(Field(in, "disabled", value.disabled));
  PLATEDESK_TRY(Field(in, "builtin", value.builtin));
  PLATEDESK_TRY(Field(in, "createdAt", value.createdAt));
  PLATEDESK_TRY(Field(in, "roles", value.roles));
  return {};
}

// --- search ------------------------------------------------------------------------------------------

void ToJson(Json& out, search::MatchKind value) {
  out = "no-pattern";
  for (const auto& [kind, name] : kMatchKindNames)
    if (kind == value) out = std::string(name);
}

Status FromJson(const Json& in, search::MatchKind& value) {
  if (!in.is_string()) return TypeError("a match kind (string)");
  const std::string& text = in.get_ref<const std::string&>();
  for (const auto& [kind, name] : kMatchKindNames)
    if (text == name) {
      value = kind;
      return {};
    }
  return TypeError("a match kind (exact, ocr-equivalent, edited, no-pattern)");
}

void ToJson(Json& out, const search::GeoPoint& value) {
  out = Json::object();
  Put(out, "latitude", value.latitude);
  Put(out, "longitude", value.longitude);
}

Status FromJson(const Json& in, search::GeoPoint& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "latitude", value.latitude));
  PLATEDESK_TRY(Field(in, "longitude", value.longitude));
  return {};
}

void ToJson(Json& out, const search::GeoCircle& value) {
  out = Json::object();
  Put(out, "centre", value.centre);
  Put(out, "radiusKm", value.radiusKm);
}

Status FromJson(const Json& in, search::GeoCircle& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "centre", value.centre));
  PLATEDESK_TRY(Field(in, "radiusKm", value.radiusKm));
  return {};
}

void ToJson(Json& out, const search::DirectionRange& value) {
  out = Json::object();
  Put(out, "fromDeg", value.fromDeg);
  Put(out, "toDeg", value.toDeg);
}

Status FromJson(const Json& in, search::DirectionRange& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "fromDeg", value.fromDeg));
  PLATEDESK_TRY(Field(in, "toDeg", value.toDeg));
  return {};
}

void ToJson(Json& out, const search::AttributeFilter& value) {
  out = Json::object();
  Put(out, "values", value.values);
  Put(out, "minConfidence", value.minConfidence);
}

Status FromJson(const Json& in, search::AttributeFilter& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "values", value.values));
  PLATEDESK_TRY(Field(in, "minConfidence", value.minConfidence));
  return {};
}

void ToJson(Json& out, const search::HoursOfDay& value) {
  out = Json::object();
  Put(out, "fromMinute", value.fromMinute);
  Put(out, "toMinute", value.toMinute);
}

Status FromJson(const Json& in, search::HoursOfDay& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(CountField(in, "fromMinute", value.fromMinute));
  PLATEDESK_TRY(CountField(in, "toMinute", value.toMinute));
  return {};
}

void ToJson(Json& out, const search::Query& value) {
  out = Json::object();
  Put(out, "plate", value.plate);
  Put(out, "ocrTolerant", value.ocrTolerant);
  Put(out, "maxEdits", value.maxEdits);
  Put(out, "alternatives", value.alternatives);
  Put(out, "states", value.states);
  Put(out, "includeUnknownState", value.includeUnknownState);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
  Put(out, "hours", value.hours);
  Put(out, "cameras", value.cameras);
  Put(out, "near", value.near);
  Put(out, "color", value.color);
  Put(out, "make", value.make);
  Put(out, "model", value.model);
  Put(out, "body", value.body);
  Put(out, "minConfidence", value.minConfidence);
  Put(out, "direction", value.direction);
}

Status FromJson(const Json& in, search::Query& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(Field(in, "ocrTolerant", value.ocrTolerant));
  PLATEDESK_TRY(CountField(in, "maxEdits", value.maxEdits));
  PLATEDESK_TRY(Field(in, "alternatives", value.alternatives));
  PLATEDESK_TRY(Field(in, "states", value.states));
  PLATEDESK_TRY(Field(in, "includeUnknownState", value.includeUnknownState));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  PLATEDESK_TRY(Field(in, "hours", value.hours));
  PLATEDESK_TRY(Field(in, "cameras", value.cameras));
  PLATEDESK_TRY(Field(in, "near", value.near));
  PLATEDESK_TRY(Field(in, "color", value.color));
  PLATEDESK_TRY(Field(in, "make", value.make));
  PLATEDESK_TRY(Field(in, "model", value.model));
  PLATEDESK_TRY(Field(in, "body", value.body));
  PLATEDESK_TRY(Field(in, "minConfidence", value.minConfidence));
  PLATEDESK_TRY(Field(in, "direction", value.direction));
  return {};
}

void ToJson(Json& out, const search::MatchInfo& value) {
  out = Json::object();
  Put(out, "kind", value.kind);
  Put(out, "candidateRank", value.candidateRank);
  Put(out, "matchedPlate", value.matchedPlate);
  Put(out, "edits", value.edits);
  Put(out, "ocrSubstitutions", value.ocrSubstitutions);
  Put(out, "ocrPositions", value.ocrPositions);
}

Status FromJson(const Json& in, search::MatchInfo& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(CountField(in, "candidateRank", value.candidateRank));
  PLATEDESK_TRY(Field(in, "matchedPlate", value.matchedPlate));
  PLATEDESK_TRY(CountField(in, "edits", value.edits));
  PLATEDESK_TRY(CountField(in, "ocrSubstitutions", value.ocrSubstitutions));
  PLATEDESK_TRY(IndexListField(in, "ocrPositions", value.ocrPositions));
  return {};
}

void ToJson(Json& out, const search::Hit& value) {
  out = Json::object();
  Put(out, "read", value.read);
  Put(out, "capturedAt", value.capturedAt);
  Put(out, "camera", value.camera);
  Put(out, "plate", value.plate);
  Put(out, "state", value.state);
  Put(out, "confidence", value.confidence);
  Put(out, "lowConfidence", value.lowConfidence);
  Put(out, "match", value.match);
}

Status FromJson(const Json& in, search::Hit& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "read", value.read));
  PLATEDESK_TRY(Field(in, "capturedAt", value.capturedAt));
  PLATEDESK_TRY(Field(in, "camera", value.camera));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(Field(in, "state", value.state));
  PLATEDESK_TRY(Field(in, "confidence", value.confidence));
  PLATEDESK_TRY(Field(in, "lowConfidence", value.lowConfidence));
  PLATEDESK_TRY(Field(in, "match", value.match));
  return {};
}

void ToJson(Json& out, const search::SearchOptions& value) {
  out = Json::object();
  PutSize(out, "limit", value.limit);
  PutSize(out, "batchSize", value.batchSize);
  PutSize(out, "maxMatches", value.maxMatches);
  Put(out, "keepHits", value.keepHits);
  Put(out, "lowConfidenceBelow", value.lowConfidenceBelow);
}

Status FromJson(const Json& in, search::SearchOptions& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(SizeField(in, "limit", value.limit));
  PLATEDESK_TRY(SizeField(in, "batchSize", value.batchSize));
  PLATEDESK_TRY(SizeField(in, "maxMatches", value.maxMatches));
  PLATEDESK_TRY(Field(in, "keepHits", value.keepHits));
  PLATEDESK_TRY(Field(in, "lowConfidenceBelow", value.lowConfidenceBelow));
  return {};
}

void ToJson(Json& out, const search::SearchResult& value) {
  out = Json::object();
  PutSize(out, "totalMatches", value.totalMatches);
  Put(out, "hits", value.hits);
  Put(out, "truncated", value.truncated);
}

Status FromJson(const Json& in, search::SearchResult& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(SizeField(in, "totalMatches", value.totalMatches));
  PLATEDESK_TRY(Field(in, "hits", value.hits));
  PLATEDESK_TRY(Field(in, "truncated", value.truncated));
  return {};
}

void ToJson(Json& out, const search::Scene& value) {
  out = Json::object();
  Put(out, "cameras", value.cameras);
  Put(out, "near", value.near);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
}

Status FromJson(const Json& in, search::Scene& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "cameras", value.cameras));
  PLATEDESK_TRY(Field(in, "near", value.near));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  return {};
}

void ToJson(Json& out, const search::MultiSceneQuery& value) {
  out = Json::object();
  Put(out, "scenes", value.scenes);
  Put(out, "minScenes", value.minScenes);
  Put(out, "plate", value.plate);
  Put(out, "ocrTolerant", value.ocrTolerant);
  Put(out, "maxEdits", value.maxEdits);
  Put(out, "alternatives", value.alternatives);
}

Status FromJson(const Json& in, search::MultiSceneQuery& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "scenes", value.scenes));
  PLATEDESK_TRY(CountField(in, "minScenes", value.minScenes));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(Field(in, "ocrTolerant", value.ocrTolerant));
  PLATEDESK_TRY(CountField(in, "maxEdits", value.maxEdits));
  PLATEDESK_TRY(Field(in, "alternatives", value.alternatives));
  return {};
}

namespace {

// One (scene index, read) pair of SceneVehicle::sightings: {"scene": n, "hit": {...}}.
using Sighting = std::pair<int, search::Hit>;

void SightingToJson(Json& out, const Sighting& value) {
  out = Json::object();
  Put(out, "scene", value.first);
  Put(out, "hit", value.second);
}

Status SightingFromJson(const Json& in, Sighting& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(CountField(in, "scene", value.first));
  PLATEDESK_TRY(Field(in, "hit", value.second));
  return {};
}

}  // namespace

void ToJson(Json& out, const search::SceneVehicle& value) {
  out = Json::object();
  Put(out, "plate", value.plate);
  Put(out, "scenes", value.scenes);
  Json sightings = Json::array();
  for (const Sighting& s : value.sightings) {
    Json item;
    SightingToJson(item, s);
    sightings.push_back(std::move(item));
  }
  out["sightings"] = std::move(sightings);
}

Status FromJson(const Json& in, search::SceneVehicle& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "plate", value.plate));
  PLATEDESK_TRY(IndexListField(in, "scenes", value.scenes));
  if (auto it = in.find("sightings"); it != in.end()) {
    if (!it->is_array()) return Fail(ErrorCode::InvalidArgument, "expected a JSON array", "sightings");
    std::vector<Sighting> sightings;
    sightings.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
      Sighting s;
      if (Status st = SightingFromJson((*it)[i], s); !st.Ok()) {
        Error e = st.Err();
        e.context = detail::JoinPath("sightings[" + std::to_string(i) + "]", e.context);
        return e;
      }
      sightings.push_back(std::move(s));
    }
    value.sightings = std::move(sightings);
  }
  return {};
}

// --- audit -------------------------------------------------------------------------------------------

void ToJson(Json& out, audit::Outcome value) { out = audit::OutcomeName(value); }

Status FromJson(const Json& in, audit::Outcome& value) {
  static constexpr std::array kAll = {audit::Outcome::Success, audit::Outcome::Failure, audit::Outcome::Refused};
  return EnumFromName(in, value, kAll, &audit::OutcomeName);
}

void ToJson(Json& out, const audit::StoredRecord& value) {
  out = Json::object();
  Put(out, "seq", value.seq);
  Put(out, "time", value.time);
  Put(out, "event", value.event);
  Put(out, "outcome", value.outcome);
  Put(out, "user", value.user);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "purposeCode", value.purposeCode);
  Put(out, "canonical", value.canonical);
  Put(out, "leafHash", value.leafHash);
  Put(out, "pruned", value.pruned);
}

Status FromJson(const Json& in, audit::StoredRecord& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "seq", value.seq));
  PLATEDESK_TRY(Field(in, "time", value.time));
  PLATEDESK_TRY(Field(in, "event", value.event));
  PLATEDESK_TRY(Field(in, "outcome", value.outcome));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "purposeCode", value.purposeCode));
  PLATEDESK_TRY(Field(in, "canonical", value.canonical));
  PLATEDESK_TRY(Field(in, "leafHash", value.leafHash));
  PLATEDESK_TRY(Field(in, "pruned", value.pruned));
  return {};
}

void ToJson(Json& out, const audit::RecordFilter& value) {
  out = Json::object();
  Put(out, "user", value.user);
  Put(out, "from", value.from);
  Put(out, "to", value.to);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "purposeCode", value.purposeCode);
  Put(out, "eventType", value.eventType);
  Put(out, "fromSeq", value.fromSeq);
  PutSize(out, "limit", value.limit);
}

Status FromJson(const Json& in, audit::RecordFilter& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "from", value.from));
  PLATEDESK_TRY(Field(in, "to", value.to));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "purposeCode", value.purposeCode));
  PLATEDESK_TRY(Field(in, "eventType", value.eventType));
  PLATEDESK_TRY(Field(in, "fromSeq", value.fromSeq));
  PLATEDESK_TRY(SizeField(in, "limit", value.limit));
  return {};
}

// --- access ------------------------------------------------------------------------------------------

void ToJson(Json& out, const access::AccessContext& value) {
  out = Json::object();
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "purposeCode", value.purposeCode);
  Put(out, "justification", value.justification);
  Put(out, "approval", value.approval);
}

Status FromJson(const Json& in, access::AccessContext& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "purposeCode", value.purposeCode));
  PLATEDESK_TRY(Field(in, "justification", value.justification));
  PLATEDESK_TRY(Field(in, "approval", value.approval));
  return {};
}

// --- evidence ----------------------------------------------------------------------------------------

void ToJson(Json& out, const evidence::MediaInfo& value) {
  out = Json::object();
  Put(out, "fileSystem", value.fileSystem);
  Put(out, "freeBytes", value.freeBytes);
  Put(out, "maxFileBytes", value.maxFileBytes);
  Put(out, "removable", value.removable);
  Put(out, "device", value.device);
  Put(out, "serial", value.serial);
}

Status FromJson(const Json& in, evidence::MediaInfo& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "fileSystem", value.fileSystem));
  PLATEDESK_TRY(Field(in, "freeBytes", value.freeBytes));
  PLATEDESK_TRY(Field(in, "maxFileBytes", value.maxFileBytes));
  PLATEDESK_TRY(Field(in, "removable", value.removable));
  PLATEDESK_TRY(Field(in, "device", value.device));
  PLATEDESK_TRY(Field(in, "serial", value.serial));
  return {};
}

void ToJson(Json& out, const evidence::RemovableDrive& value) {
  out = Json::object();
  Put(out, "mountPoint", value.mountPoint);
  Put(out, "device", value.device);
  Put(out, "fileSystem", value.fileSystem);
  Put(out, "label", value.label);
}

Status FromJson(const Json& in, evidence::RemovableDrive& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "mountPoint", value.mountPoint));
  PLATEDESK_TRY(Field(in, "device", value.device));
  PLATEDESK_TRY(Field(in, "fileSystem", value.fileSystem));
  PLATEDESK_TRY(Field(in, "label", value.label));
  return {};
}

void ToJson(Json& out, const evidence::PackageCheck& value) {
  out = Json::object();
  Put(out, "name", value.name);
  Put(out, "ok", value.ok);
  Put(out, "detail", value.detail);
}

Status FromJson(const Json& in, evidence::PackageCheck& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "ok", value.ok));
  PLATEDESK_TRY(Field(in, "detail", value.detail));
  return {};
}

void ToJson(Json& out, const evidence::PackageVerification& value) {
  out = Json::object();
  Put(out, "valid", value.valid);
  Put(out, "checks", value.checks);
  Put(out, "warnings", value.warnings);
  Put(out, "firstProblem", value.firstProblem);
  Put(out, "packageId", value.packageId);
  Put(out, "caseNumber", value.caseNumber);
  Put(out, "keyId", value.keyId);
  Put(out, "fingerprint", value.fingerprint);
  Put(out, "keyFromPackage", value.keyFromPackage);
  Put(out, "reads", value.reads);
  Put(out, "images", value.images);
}

Status FromJson(const Json& in, evidence::PackageVerification& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "valid", value.valid));
  PLATEDESK_TRY(Field(in, "checks", value.checks));
  PLATEDESK_TRY(Field(in, "warnings", value.warnings));
  PLATEDESK_TRY(Field(in, "firstProblem", value.firstProblem));
  PLATEDESK_TRY(Field(in, "packageId", value.packageId));
  PLATEDESK_TRY(Field(in, "caseNumber", value.caseNumber));
  PLATEDESK_TRY(Field(in, "keyId", value.keyId));
  PLATEDESK_TRY(Field(in, "fingerprint", value.fingerprint));
  PLATEDESK_TRY(Field(in, "keyFromPackage", value.keyFromPackage));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "images", value.images));
  return {};
}

// --- ingest ------------------------------------------------------------------------------------------

void ToJson(Json& out, ingest::ProblemKind value) { out = ingest::ProblemKindName(value); }

Status FromJson(const Json& in, ingest::ProblemKind& value) {
  static constexpr std::array kAll = {ingest::ProblemKind::Rejected, ingest::ProblemKind::Skipped,
                                      ingest::ProblemKind::Warning};
  return EnumFromName(in, value, kAll, &ingest::ProblemKindName);
}

void ToJson(Json& out, const ingest::ImportProblem& value) {
  out = Json::object();
  Put(out, "kind", value.kind);
  Put(out, "file", value.file);
  Put(out, "line", value.line);
  Put(out, "field", value.field);
  Put(out, "message", value.message);
}

Status FromJson(const Json& in, ingest::ImportProblem& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "file", value.file));
  PLATEDESK_TRY(CountField(in, "line", value.line));
  PLATEDESK_TRY(Field(in, "field", value.field));
  PLATEDESK_TRY(Field(in, "message", value.message));
  return {};
}

void ToJson(Json& out, const ingest::ImportSummary& value) {
  out = Json::object();
  Put(out, "files", value.files);
  Put(out, "records", value.records);
  Put(out, "reads", value.reads);
  Put(out, "inserted", value.inserted);
  Put(out, "duplicates", value.duplicates);
  Put(out, "skipped", value.skipped);
  Put(out, "rejected", value.rejected);
  Put(out, "images", value.images);
  Put(out, "problems", value.problems);
  Put(out, "problemsOmitted", value.problemsOmitted);
}

Status FromJson(const Json& in, ingest::ImportSummary& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "files", value.files));
  PLATEDESK_TRY(Field(in, "records", value.records));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "inserted", value.inserted));
  PLATEDESK_TRY(Field(in, "duplicates", value.duplicates));
  PLATEDESK_TRY(Field(in, "skipped", value.skipped));
  PLATEDESK_TRY(Field(in, "rejected", value.rejected));
  PLATEDESK_TRY(Field(in, "images", value.images));
  PLATEDESK_TRY(Field(in, "problems", value.problems));
  PLATEDESK_TRY(Field(in, "problemsOmitted", value.problemsOmitted));
  return {};
}

// --- workstation -------------------------------------------------------------------------------------

void ToJson(Json& out, const workstation::UserInfo& value) {
  out = Json::object();
  Put(out, "name", value.name);
  Put(out, "displayName", value.displayName);
  Put(out, "role", value.role);
}

Status FromJson(const Json& in, workstation::UserInfo& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "displayName", value.displayName));
  PLATEDESK_TRY(Field(in, "role", value.role));
  return {};
}

void ToJson(Json& out, const workstation::LoginRequest& value) {
  out = Json::object();
  Put(out, "user", value.user);
  Put(out, "password", value.password);
  Put(out, "totp", value.totp);
  Put(out, "bannerAccepted", value.bannerAccepted);
  Put(out, "kind", value.kind);
  Put(out, "newPassword", value.newPassword);
  Put(out, "binding", value.binding);
}

Status FromJson(const Json& in, workstation::LoginRequest& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "password", value.password));
  PLATEDESK_TRY(Field(in, "totp", value.totp));
  PLATEDESK_TRY(Field(in, "bannerAccepted", value.bannerAccepted));
  PLATEDESK_TRY(Field(in, "kind", value.kind));
  PLATEDESK_TRY(Field(in, "newPassword", value.newPassword));
  PLATEDESK_TRY(Field(in, "binding", value.binding));
  return {};
}

void ToJson(Json& out, const workstation::UserSummary& value) {
  out = Json::object();
  Put(out, "name", value.name);
  Put(out, "displayName", value.displayName);
  Put(out, "role", value.role);
  Put(out, "disabled", value.disabled);
  Put(out, "locked", value.locked);
  Put(out, "totpEnrolled", value.totpEnrolled);
  Put(out, "totpPending", value.totpPending);
  Put(out, "mustChangePassword", value.mustChangePassword);
  Put(out, "trainingCompleted", value.trainingCompleted);
  Put(out, "trainingExpires", value.trainingExpires);
}

Status FromJson(const Json& in, workstation::UserSummary& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "displayName", value.displayName));
  PLATEDESK_TRY(Field(in, "role", value.role));
  PLATEDESK_TRY(Field(in, "disabled", value.disabled));
  PLATEDESK_TRY(Field(in, "locked", value.locked));
  PLATEDESK_TRY(Field(in, "totpEnrolled", value.totpEnrolled));
  PLATEDESK_TRY(Field(in, "totpPending", value.totpPending));
  PLATEDESK_TRY(Field(in, "mustChangePassword", value.mustChangePassword));
  PLATEDESK_TRY(Field(in, "trainingCompleted", value.trainingCompleted));
  PLATEDESK_TRY(Field(in, "trainingExpires", value.trainingExpires));
  return {};
}

void ToJson(Json& out, const workstation::AuditVerification& value) {
  out = Json::object();
  Put(out, "pass", value.pass);
  Put(out, "summary", value.summary);
  Put(out, "records", value.records);
  Put(out, "checkpointsVerified", value.checkpointsVerified);
  Put(out, "unanchoredTail", value.unanchoredTail);
}

Status FromJson(const Json& in, workstation::AuditVerification& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "pass", value.pass));
  PLATEDESK_TRY(Field(in, "summary", value.summary));
  PLATEDESK_TRY(Field(in, "records", value.records));
  PLATEDESK_TRY(Field(in, "checkpointsVerified", value.checkpointsVerified));
  PLATEDESK_TRY(Field(in, "unanchoredTail", value.unanchoredTail));
  return {};
}

void ToJson(Json& out, const workstation::AuditKeyRotation& value) {
  out = Json::object();
  Put(out, "oldKey", value.oldKey);
  Put(out, "newKey", value.newKey);
  Put(out, "newFingerprint", value.newFingerprint);
}

Status FromJson(const Json& in, workstation::AuditKeyRotation& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "oldKey", value.oldKey));
  PLATEDESK_TRY(Field(in, "newKey", value.newKey));
  PLATEDESK_TRY(Field(in, "newFingerprint", value.newFingerprint));
  return {};
}

void ToJson(Json& out, const workstation::AuditPruneReport& value) {
  out = Json::object();
  Put(out, "fromSeq", value.fromSeq);
  Put(out, "toSeq", value.toSeq);
  Put(out, "pruned", value.pruned);
}

Status FromJson(const Json& in, workstation::AuditPruneReport& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "fromSeq", value.fromSeq));
  PLATEDESK_TRY(Field(in, "toSeq", value.toSeq));
  PLATEDESK_TRY(Field(in, "pruned", value.pruned));
  return {};
}

void ToJson(Json& out, const workstation::ReadChecks& value) {
  out = Json::object();
  Put(out, "verifications", value.verifications);
  Put(out, "corrections", value.corrections);
}

Status FromJson(const Json& in, workstation::ReadChecks& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "verifications", value.verifications));
  PLATEDESK_TRY(Field(in, "corrections", value.corrections));
  return {};
}

void ToJson(Json& out, const workstation::EvidenceRequest& value) {
  out = Json::object();
  Put(out, "reads", value.reads);
  Put(out, "caseReads", value.caseReads);
  Put(out, "destination", value.destination);
  Put(out, "selectionMethod", value.selectionMethod);
  Put(out, "selection", value.selection);
  Put(out, "description", value.description);
  Put(out, "mediaLabel", value.mediaLabel);
  Put(out, "custodian", value.custodian);
  Put(out, "recipient", value.recipient);
  Put(out, "release", value.release);
  Put(out, "releaseMethod", value.releaseMethod);
  Put(out, "receivedBy", value.receivedBy);
  Put(out, "encrypt", value.encrypt);
  Put(out, "passphraseDelivery", value.passphraseDelivery);
}

Status FromJson(const Json& in, workstation::EvidenceRequest& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "caseReads", value.caseReads));
  PLATEDESK_TRY(Field(in, "destination", value.destination));
  PLATEDESK_TRY(Field(in, "selectionMethod", value.selectionMethod));
  PLATEDESK_TRY(Field(in, "selection", value.selection));
  PLATEDESK_TRY(Field(in, "description", value.description));
  PLATEDESK_TRY(Field(in, "mediaLabel", value.mediaLabel));
  PLATEDESK_TRY(Field(in, "custodian", value.custodian));
  PLATEDESK_TRY(Field(in, "recipient", value.recipient));
  PLATEDESK_TRY(Field(in, "release", value.release));
  PLATEDESK_TRY(Field(in, "releaseMethod", value.releaseMethod));
  PLATEDESK_TRY(Field(in, "receivedBy", value.receivedBy));
  PLATEDESK_TRY(Field(in, "encrypt", value.encrypt));
  PLATEDESK_TRY(Field(in, "passphraseDelivery", value.passphraseDelivery));
  return {};
}

void ToJson(Json& out, const workstation::EvidenceExport& value) {
  out = Json::object();
  Put(out, "path", value.path);
  Put(out, "packageId", value.packageId);
  Put(out, "sha256", value.sha256);
  Put(out, "bytes", value.bytes);
  Put(out, "files", value.files);
  Put(out, "reads", value.reads);
  Put(out, "images", value.images);
  Put(out, "auditSeq", value.auditSeq);
  Put(out, "encrypted", value.encrypted);
  Put(out, "passphrase", value.passphrase);
  Put(out, "signingKey", value.signingKey);
  Put(out, "release", value.release);
}

Status FromJson(const Json& in, workstation::EvidenceExport& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "path", value.path));
  PLATEDESK_TRY(Field(in, "packageId", value.packageId));
  PLATEDESK_TRY(Field(in, "sha256", value.sha256));
  PLATEDESK_TRY(Field(in, "bytes", value.bytes));
  PLATEDESK_TRY(Field(in, "files", value.files));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "images", value.images));
  PLATEDESK_TRY(Field(in, "auditSeq", value.auditSeq));
  PLATEDESK_TRY(Field(in, "encrypted", value.encrypted));
  PLATEDESK_TRY(Field(in, "passphrase", value.passphrase));
  PLATEDESK_TRY(Field(in, "signingKey", value.signingKey));
  PLATEDESK_TRY(Field(in, "release", value.release));
  return {};
}

void ToJson(Json& out, const workstation::CaseSearch& value) {
  out = Json::object();
  Put(out, "seq", value.seq);
  Put(out, "time", value.time);
  Put(out, "user", value.user);
  Put(out, "purposeCode", value.purposeCode);
  Put(out, "justification", value.justification);
  Put(out, "query", value.query);
  Put(out, "outcome", value.outcome);
  Put(out, "matches", value.matches);
  Put(out, "reason", value.reason);
}

Status FromJson(const Json& in, workstation::CaseSearch& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "seq", value.seq));
  PLATEDESK_TRY(Field(in, "time", value.time));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "purposeCode", value.purposeCode));
  PLATEDESK_TRY(Field(in, "justification", value.justification));
  PLATEDESK_TRY(Field(in, "query", value.query));
  PLATEDESK_TRY(Field(in, "outcome", value.outcome));
  PLATEDESK_TRY(Field(in, "matches", value.matches));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  return {};
}

void ToJson(Json& out, const workstation::CaseExport& value) {
  out = Json::object();
  Put(out, "seq", value.seq);
  Put(out, "time", value.time);
  Put(out, "user", value.user);
  Put(out, "packageId", value.packageId);
  Put(out, "encryption", value.encryption);
  Put(out, "mediaLabel", value.mediaLabel);
  Put(out, "recipient", value.recipient);
  Put(out, "reads", value.reads);
  Put(out, "outcome", value.outcome);
  Put(out, "file", value.file);
  Put(out, "sha256", value.sha256);
  Put(out, "bytes", value.bytes);
  Put(out, "reason", value.reason);
}

Status FromJson(const Json& in, workstation::CaseExport& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "seq", value.seq));
  PLATEDESK_TRY(Field(in, "time", value.time));
  PLATEDESK_TRY(Field(in, "user", value.user));
  PLATEDESK_TRY(Field(in, "packageId", value.packageId));
  PLATEDESK_TRY(Field(in, "encryption", value.encryption));
  PLATEDESK_TRY(Field(in, "mediaLabel", value.mediaLabel));
  PLATEDESK_TRY(Field(in, "recipient", value.recipient));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "outcome", value.outcome));
  PLATEDESK_TRY(Field(in, "file", value.file));
  PLATEDESK_TRY(Field(in, "sha256", value.sha256));
  PLATEDESK_TRY(Field(in, "bytes", value.bytes));
  PLATEDESK_TRY(Field(in, "reason", value.reason));
  return {};
}

void ToJson(Json& out, const workstation::CaseSummary& value) {
  out = Json::object();
  Put(out, "record", value.record);
  Put(out, "registered", value.registered);
  Put(out, "holdList", value.holdList);
  Put(out, "holds", value.holds);
  Put(out, "reads", value.reads);
  Put(out, "searches", value.searches);
  Put(out, "exports", value.exports);
  Put(out, "releases", value.releases);
}

Status FromJson(const Json& in, workstation::CaseSummary& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "record", value.record));
  PLATEDESK_TRY(Field(in, "registered", value.registered));
  PLATEDESK_TRY(Field(in, "holdList", value.holdList));
  PLATEDESK_TRY(Field(in, "holds", value.holds));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "searches", value.searches));
  PLATEDESK_TRY(Field(in, "exports", value.exports));
  PLATEDESK_TRY(Field(in, "releases", value.releases));
  return {};
}

void ToJson(Json& out, const workstation::RetentionPeriods& value) {
  out = Json::object();
  Put(out, "agency", value.agency);
  Put(out, "fixed", value.fixed);
  Put(out, "mobile", value.mobile);
  Put(out, "portable", value.portable);
  Put(out, "audit", value.audit);
}

Status FromJson(const Json& in, workstation::RetentionPeriods& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "agency", value.agency));
  PLATEDESK_TRY(Field(in, "fixed", value.fixed));
  PLATEDESK_TRY(Field(in, "mobile", value.mobile));
  PLATEDESK_TRY(Field(in, "portable", value.portable));
  PLATEDESK_TRY(Field(in, "audit", value.audit));
  return {};
}

void ToJson(Json& out, const workstation::RetentionReport& value) {
  out = Json::object();
  Put(out, "retentionDays", value.retentionDays);
  Put(out, "periods", value.periods);
  Put(out, "counts", value.counts);
}

Status FromJson(const Json& in, workstation::RetentionReport& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(CountField(in, "retentionDays", value.retentionDays));
  PLATEDESK_TRY(Field(in, "periods", value.periods));
  PLATEDESK_TRY(Field(in, "counts", value.counts));
  return {};
}

void ToJson(Json& out, const workstation::NewIngestToken& value) {
  out = Json::object();
  Put(out, "name", value.name);
  Put(out, "token", value.token);
}

Status FromJson(const Json& in, workstation::NewIngestToken& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "name", value.name));
  PLATEDESK_TRY(Field(in, "token", value.token));
  return {};
}

void ToJson(Json& out, const workstation::CheckpointProof& value) {
  out = Json::object();
  Put(out, "checkpoint", value.checkpoint);
  Put(out, "fromSize", value.fromSize);
  Put(out, "consistency", value.consistency);
  Put(out, "verifierKeys", value.verifierKeys);
  Put(out, "endorsements", value.endorsements);
}

Status FromJson(const Json& in, workstation::CheckpointProof& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "checkpoint", value.checkpoint));
  PLATEDESK_TRY(Field(in, "fromSize", value.fromSize));
  PLATEDESK_TRY(Field(in, "consistency", value.consistency));
  PLATEDESK_TRY(Field(in, "verifierKeys", value.verifierKeys));
  PLATEDESK_TRY(Field(in, "endorsements", value.endorsements));
  return {};
}

void ToJson(Json& out, const workstation::Session::SearchOutcome& value) {
  out = Json::object();
  Put(out, "result", value.result);
  Put(out, "reads", value.reads);
  Put(out, "offlineCameras", value.offlineCameras);
}

Status FromJson(const Json& in, workstation::Session::SearchOutcome& value) {
  PLATEDESK_TRY(ExpectObject(in));
  PLATEDESK_TRY(Field(in, "result", value.result));
  PLATEDESK_TRY(Field(in, "reads", value.reads));
  PLATEDESK_TRY(Field(in, "offlineCameras", value.offlineCameras));
  return {};
}

}  // namespace platedesk::remote
