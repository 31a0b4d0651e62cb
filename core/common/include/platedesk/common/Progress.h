// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>

namespace platedesk {

/// Progress of a long call: units done and total (0 when unknown). Called on the worker thread,
/// at most about ten times a second; must be cheap and must not block.
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// Rate-limits progress callbacks to ~10 per second.
class ProgressThrottle {
 public:
  explicit ProgressThrottle(ProgressFn fn) : mFn(std::move(fn)) {}
  void Report(std::uint64_t done, std::uint64_t total, bool force = false);

 private:
  ProgressFn mFn;
  std::int64_t mLastNs = 0;
};

}  // namespace platedesk
