// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/workstation/Session.h"

#include <filesystem>
#include <memory>
#include <stop_token>
#include <string>

namespace platedesk::remote {

/// How the client decides it talks to the agency's server, not to someone in between. TLS is
/// always verified: against the CA file when one is given, else against the system's CAs; a
/// pinned public key (`sha256//BASE64`, the server's `fingerprint --pin` prints it) is checked in
/// addition, and alone it accepts the server's self-signed certificate with exactly that key.
struct Trust {
  std::filesystem::path caFile;
  std::string pin;  ///< "sha256//BASE64=" or empty
};

/// Where the server is.
struct Endpoint {
  std::string url;  ///< "https://host:8443" (http:// only to a loopback address, for tests)
  Trust trust;
};

/// Checks an endpoint's form (https URL with a host, a pin of the right form, an existing CA
/// file). Errors: InvalidArgument, NotFound (the CA file).
[[nodiscard]] Status CheckEndpoint(const Endpoint& endpoint);

/// Connects to a platedesk-server: asks for its notice and settings (GET /v1/hello, no sign-in)
/// and returns the Connection that signs in there. The Session it gives calls the server for
/// every method; the rules and the audit log are the server's. Errors: InvalidArgument (endpoint),
/// Io with detail ServerUnreachable (no answer, after retries) or ServerNotTrusted (certificate or
/// pin), Unsupported (another protocol version), Cancelled (stop requested: the request is closed
/// and no retry follows).
[[nodiscard]] Result<std::unique_ptr<workstation::Connection>> Connect(const Endpoint& endpoint,
                                                                       std::stop_token stop = {});

}  // namespace platedesk::remote
