// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The generic half of the session API, from a Session method's signature alone: which arguments
// travel (all but the stop token and the progress callback), their wire types (a span travels as
// a vector), how the client encodes them and the server decodes them, and how a result travels
// back. Both sides use it, so they cannot disagree about a method.

#include "platedesk/common/Progress.h"
#include "platedesk/remote/Codec.h"

#include <span>
#include <stop_token>
#include <tuple>
#include <type_traits>
#include <utility>

namespace platedesk::remote {

template <class T>
void ToJson(Json& out, std::span<const T> values) {
  out = Json::array();
  for (const auto& v : values) {
    Json item;
    ToJson(item, v);
    out.push_back(std::move(item));
  }
}

namespace detail {

/// How an argument of type A is held while it travels.
template <class A>
struct Wire {
  using type = std::remove_cvref_t<A>;
};
template <class T>
struct Wire<std::span<const T>> {
  using type = std::vector<T>;
};
template <class A>
using WireT = typename Wire<std::remove_cvref_t<A>>::type;

/// The stop token and the progress callback are the call's own, never sent.
template <class A>
inline constexpr bool kInjected =
    std::is_same_v<std::remove_cvref_t<A>, std::stop_token> || std::is_same_v<std::remove_cvref_t<A>, ProgressFn>;

template <class F>
struct Traits;
template <class R, class... A>
struct Traits<R (workstation::Session::*)(A...)> {
  using Ret = R;
  using Args = std::tuple<WireT<A>...>;
  using Params = std::tuple<A...>;
};
template <class R, class... A>
struct Traits<R (workstation::Session::*)(A...) const> {
  using Ret = R;
  using Args = std::tuple<WireT<A>...>;
  using Params = std::tuple<A...>;
};

template <class T>
struct IsResult : std::false_type {};
template <class T>
struct IsResult<Result<T>> : std::true_type {
  using Value = T;
};

}  // namespace detail

/// {"args": [...]} for a call of Method with these arguments (the client's side).
template <auto Method, class... A>
[[nodiscard]] Json EncodeArgs(const A&... args) {
  Json list = Json::array();
  (
      [&](const auto& a) {
        if constexpr (!detail::kInjected<decltype(a)>) {
          Json item;
          ToJson(item, a);
          list.push_back(std::move(item));
        }
      }(args),
      ...);
  return Json{{"args", std::move(list)}};
}

/// What the server supplies for the arguments that do not travel.
struct Injected {
  std::stop_token stop;
  ProgressFn progress;
};

/// Decodes {"args": [...]} into Method's wire tuple (the server's side). Errors: InvalidArgument
/// (not an object, no args array, the wrong number of arguments, an argument of the wrong form;
/// the context names its position).
template <auto Method>
[[nodiscard]] Result<typename detail::Traits<decltype(Method)>::Args> DecodeArgs(const Json& body,
                                                                                 const Injected& injected) {
  using Args = typename detail::Traits<decltype(Method)>::Args;
  if (!body.is_object() || !body.contains("args") || !body["args"].is_array())
    return Fail(ErrorCode::InvalidArgument, "the request must be {\"args\": [...]}");
  const Json& list = body["args"];
  Args args{};
  std::size_t next = 0;
  Status status;
  auto one = [&](auto& slot) {
    using Slot = std::remove_cvref_t<decltype(slot)>;
    if (!status.Ok()) return;
    if constexpr (std::is_same_v<Slot, std::stop_token>) {
      slot = injected.stop;
    } else if constexpr (std::is_same_v<Slot, ProgressFn>) {
      slot = injected.progress;
    } else {
      if (next >= list.size()) {
        status = Fail(ErrorCode::InvalidArgument, "too few arguments", std::to_string(list.size()));
        return;
      }
      if (Status s = FromJson(list[next], slot); !s.Ok()) {
        Error e = s.Err();
        e.context = "args[" + std::to_string(next) + "]" + (e.context.empty() ? "" : "." + e.context);
        status = e;
      }
      ++next;
    }
  };
  std::apply([&](auto&... slots) { (one(slots), ...); }, args);
  if (!status.Ok()) return status.Err();
  if (next != list.size()) return Fail(ErrorCode::InvalidArgument, "too many arguments", std::to_string(list.size()));
  return args;
}

/// Calls Method on a session with decoded arguments (spans get views of their vectors).
template <auto Method>
[[nodiscard]] auto Invoke(workstation::Session& session, typename detail::Traits<decltype(Method)>::Args& args) {
  return std::apply([&](auto&... a) { return (session.*Method)(a...); }, args);
}

/// The answer body of a call's result: {"value": ...}, {} for a Status, or the error.
/// `error` receives the failure when there is one (the server maps it to an HTTP status).
template <class R>
[[nodiscard]] Json EncodeResult(const R& result, std::optional<Error>& error) {
  if constexpr (std::is_same_v<R, Status>) {
    if (!result.Ok()) {
      error = result.Err();
      return Json{{"error", Encode(result.Err())}};
    }
    return Json::object();
  } else if constexpr (detail::IsResult<R>::value) {
    if (!result.Ok()) {
      error = result.Err();
      return Json{{"error", Encode(result.Err())}};
    }
    return Json{{"value", Encode(*result)}};
  } else {
    return Json{{"value", Encode(result)}};
  }
}

/// The client's side: the typed result from an answer body (or the error it carries).
template <class R>
[[nodiscard]] R DecodeResult(const Json& answer) {
  if (answer.is_object() && answer.contains("error")) {
    Error e;
    if (Status s = FromJson(answer["error"], e); !s.Ok())
      e = Fail(ErrorCode::Corrupt, "the server's error is unreadable");
    if constexpr (std::is_same_v<R, Status> || detail::IsResult<R>::value) {
      return e;
    } else {
      return R{};
    }
  }
  if constexpr (std::is_same_v<R, Status>) {
    return Status{};
  } else if constexpr (detail::IsResult<R>::value) {
    using T = typename detail::IsResult<R>::Value;
    if (!answer.is_object() || !answer.contains("value"))
      return Fail(ErrorCode::Corrupt, "the server's answer has no value");
    auto v = Decode<T>(answer["value"]);
    if (!v) return Fail(ErrorCode::Corrupt, "the server's answer is unreadable: " + v.Err().message, v.Err().context);
    return std::move(*v);
  } else {
    R value{};
    if (answer.is_object() && answer.contains("value")) (void)FromJson(answer["value"], value);
    return value;
  }
}

}  // namespace platedesk::remote
