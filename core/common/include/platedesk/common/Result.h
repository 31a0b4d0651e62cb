// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace platedesk {

/// Broad classes of expected failure. Views map these to user-facing text (one ErrorText place).
enum class ErrorCode {
  InvalidArgument,   ///< the caller's input is malformed (a bad pattern, a bad date)
  NotFound,          ///< the thing asked for does not exist
  AlreadyExists,     ///< creating something that is already there
  PermissionDenied,  ///< the rules refuse this user/action
  Unauthenticated,   ///< wrong password, no session
  Locked,            ///< account or session locked
  Corrupt,           ///< stored or received data fails its checks
  Unsupported,       ///< a newer schema, an unknown format version
  Io,                ///< file system or database failure
  Cancelled,         ///< a stop token was triggered
  Internal,          ///< a broken invariant (a bug)
};

/// An expected failure: a code, a sentence for the log, and where it happened (file:line, field).
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
  std::string context;

  /// "message (context)" for logs and CLI output.
  [[nodiscard]] std::string ToString() const;
};

/// Name of an error code ("invalid-argument", ...), stable for JSON output and tests.
[[nodiscard]] const char* ErrorCodeName(ErrorCode code);

/// Builds an Error; a small helper so call sites read `return Fail(ErrorCode::Io, "...")`.
[[nodiscard]] inline Error Fail(ErrorCode code, std::string message, std::string context = {}) {
  return Error{code, std::move(message), std::move(context)};
}

/// A value or an Error. Thread-compatible (like any value type).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : mData(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : mData(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool Ok() const noexcept { return mData.index() == 0; }
  explicit operator bool() const noexcept { return Ok(); }

  /// The value; calling it on an error is a programming error (checked by std::get).
  T& Value() & { return std::get<0>(mData); }
  const T& Value() const& { return std::get<0>(mData); }
  T&& Value() && { return std::get<0>(std::move(mData)); }
  T* operator->() { return &std::get<0>(mData); }
  const T* operator->() const { return &std::get<0>(mData); }
  T& operator*() & { return std::get<0>(mData); }
  const T& operator*() const& { return std::get<0>(mData); }

  /// The error; calling it on a value is a programming error.
  const Error& Err() const { return std::get<1>(mData); }

 private:
  std::variant<T, Error> mData;
};

/// Result for operations that return nothing on success.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : mError(std::move(error)), mOk(false) {}  // NOLINT
  [[nodiscard]] bool Ok() const noexcept { return mOk; }
  explicit operator bool() const noexcept { return mOk; }
  const Error& Err() const { return mError; }

 private:
  Error mError;
  bool mOk = true;
};

using Status = Result<void>;

}  // namespace platedesk

/// Propagates an error from an expression returning Result/Status.
#define PLATEDESK_TRY(expr)                              \
  do {                                                   \
    auto platedeskTryResult_ = (expr);                   \
    if (!platedeskTryResult_.Ok()) return platedeskTryResult_.Err(); \
  } while (false)
