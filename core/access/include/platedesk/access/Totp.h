// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace platedesk::access {

/// RFC 4648 base32 (upper case, no padding) of bytes.
[[nodiscard]] std::string Base32Encode(std::string_view bytes);
/// Decodes base32 (case-insensitive, padding and spaces ignored). nullopt on a bad character.
[[nodiscard]] std::optional<std::string> Base32Decode(std::string_view text);

/// RFC 6238 TOTP with HMAC-SHA1, 30-second steps and 6 digits: the parameters every common
/// authenticator app supports. Thread-safe (pure functions).
class Totp {
 public:
  static constexpr int kDigits = 6;
  static constexpr UtcMs kStepMs = 30 * kMsPerSecond;

  /// A new random 160-bit secret, base32.
  [[nodiscard]] static std::string NewSecret();
  /// The code for a time step (RFC 4226 dynamic truncation), zero-padded to kDigits.
  [[nodiscard]] static Result<std::string> CodeAt(std::string_view base32Secret, std::int64_t step,
                                                  int digits = kDigits);
  /// The step containing time t.
  [[nodiscard]] static std::int64_t StepAt(UtcMs t) { return t >= 0 ? t / kStepMs : (t - kStepMs + 1) / kStepMs; }
  /// Checks a code against steps now-1, now, now+1 and refuses any step <= lastAcceptedStep
  /// (each code is accepted once). Returns the accepted step. Errors: Unauthenticated.
  [[nodiscard]] static Result<std::int64_t> Verify(std::string_view base32Secret, std::string_view code, UtcMs now,
                                                   std::int64_t lastAcceptedStep);
  /// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
  [[nodiscard]] static std::string Uri(std::string_view issuer, std::string_view account,
                                       std::string_view base32Secret);
};

}  // namespace platedesk::access
