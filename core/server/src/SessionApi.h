// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Time.h"
#include "platedesk/server/Http.h"
#include "platedesk/workstation/Workstation.h"

#include <functional>
#include <memory>
#include <string_view>

namespace platedesk::server::detail {

/// The workstations' side of platedesk-server: sign-in (POST /v1/login, /v1/resume), what anyone
/// may ask before signing in (GET /v1/hello, /v1/overview, /v1/checkpoint), and
/// POST /v1/session/<route> for every row of remote/Protocol.h, served by the embedded Session of
/// the signed-in user, so every rule and the audit entry run here. A session token is kept only as
/// its hash, is bound to the address it signed in from (another address gets 401 and the refusal
/// is audited), and ends with the session's own idle lock and 12-hour limit.
class SessionApi {
 public:
  /// tokensChanged runs after an administrator added or revoked an ingest token through the API
  /// (the ingest side reloads them at once, as on SIGHUP).
  SessionApi(workstation::Workstation& workstation, const Clock& clock, int signInsPerMinute,
             std::function<void()> tokensChanged = {});
  ~SessionApi();
  SessionApi(const SessionApi&) = delete;
  SessionApi& operator=(const SessionApi&) = delete;

  /// True for the paths this API answers.
  [[nodiscard]] static bool Owns(std::string_view path);
  /// Checks method, size and the sign-in rate before the body is read.
  [[nodiscard]] std::optional<Response> Admit(const RequestHead& head, std::optional<std::uint64_t> contentLength,
                                              ExchangeLog& log);
  [[nodiscard]] Response Handle(const RequestHead& head, std::string body, ExchangeLog& log);
  /// Signed-in sessions held now (tests, the stop record).
  [[nodiscard]] std::size_t SessionCount() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::server::detail
