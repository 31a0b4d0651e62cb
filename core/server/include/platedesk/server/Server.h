// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platedesk/common/Result.h"
#include "platedesk/common/Time.h"
#include "platedesk/server/Http.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace platedesk::server {

/// Everything platedesk-server can be told, from its command line or its config file. Each
/// field is one option (`--max-body-bytes N` on the command line, `max_body_bytes = N` in the
/// file); OptionsHelp() documents them all.
struct ServerConfig {
  std::filesystem::path storage;          ///< storage folder (created 0700 when missing)
  std::string listen = "127.0.0.1:8443";  ///< ADDR:PORT; port 0 picks a free one
  std::filesystem::path cert;             ///< PEM certificate (chain) for TLS
  std::filesystem::path key;              ///< PEM private key
  bool insecureHttp = false;              ///< plain HTTP: only for tests, and only on loopback
  std::size_t maxBodyBytes = 16u * 1024 * 1024;
  std::size_t maxHeaderBytes = 16u * 1024;
  int headerTimeoutMs = 10'000;
  int bodyTimeoutMs = 60'000;
  int idleTimeoutMs = 30'000;
  int maxConnections = 400;            ///< connections served at once (one thread each)
  double tokenRate = 200;              ///< posts per second per token unless the token sets its own
  int authFailWindowS = 60;            ///< bad-token posts from one address are audited once per window
  int authFailLimit = 20;              ///< after this many in a window, the address gets 429 until it ends
  int signInsPerMinute = 20;           ///< workstation sign-in attempts per address per minute, then 429
  int purgeEveryHours = 24;            ///< the retention purge: at start, then every N hours (1-24)
  std::size_t maxQueuedBodies = 4096;  ///< bodies waiting for the writer; beyond, 503
  std::uint64_t minFreeBytes = 256ull * 1024 * 1024;  ///< below this free space ingest answers 507
  bool logRequests = true;                            ///< one line per request on stderr (no plate text, no token)
};

/// Sets one option by its file name (`max_body_bytes`) or command-line name (`max-body-bytes`).
/// Errors: InvalidArgument (unknown option, bad value; the message names it).
[[nodiscard]] Status SetOption(ServerConfig& config, std::string_view name, std::string_view value);
/// Reads an INI-style file of `name = value` lines (# comments; an optional [server] section).
/// Errors: NotFound, InvalidArgument (naming the line).
[[nodiscard]] Status LoadConfigFile(ServerConfig& config, const std::filesystem::path& file);
/// Checks a complete configuration (storage set, TLS files unless insecure, insecure only on
/// loopback, limits in range). Errors: InvalidArgument.
[[nodiscard]] Status CheckConfig(const ServerConfig& config);
/// The options, one per line with what each does and its default (for --help).
[[nodiscard]] std::string OptionsHelp();

/// Generates a self-signed TLS certificate (ECDSA P-256, SHA-256, subjectAltName = names, valid
/// `days`) and its key (file mode 0600). Returns the certificate's SHA-256 fingerprint.
[[nodiscard]] Result<std::string> MakeSelfSignedCertificate(const std::filesystem::path& cert,
                                                            const std::filesystem::path& key,
                                                            const std::vector<std::string>& names, int days);
/// "AB:CD:..." SHA-256 fingerprint of a PEM certificate. Errors: NotFound, Corrupt.
[[nodiscard]] Result<std::string> CertificateFingerprint(const std::filesystem::path& cert);
/// The certificate's public key pin for clients, "sha256//BASE64" (SHA-256 of the DER public key,
/// as libcurl's CURLOPT_PINNEDPUBLICKEY and `platedesk --pin` take it). Errors: NotFound, Corrupt.
[[nodiscard]] Result<std::string> PublicKeyPin(const std::filesystem::path& cert);

/// Counts since the start (for the stop record and the tests; never exposed over HTTP).
struct ServerCounts {
  std::uint64_t requests = 0;
  std::uint64_t reads = 0;  ///< reads acknowledged (inserted + duplicates)
  std::uint64_t inserted = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;  ///< bodies or records quarantined
  std::uint64_t authFailed = 0;
  std::uint64_t refused = 0;  ///< posts for a camera the token may not post for
};

/// The ingest side without sockets: the storage (held under its server lock), the tokens, the
/// one writer and the HTTP handler. Server puts it behind Poco's TLS listener; the fuzz target
/// drives it from memory.
class IngestService {
 public:
  /// Takes the storage's server lock, opens it (its audit log too) and starts the writer.
  /// listenDescription goes into the lock file. Errors: Locked (another server has it), the
  /// storage's errors.
  [[nodiscard]] static Result<std::unique_ptr<IngestService>> Open(const ServerConfig& config, const Clock& clock,
                                                                   std::string listenDescription);
  ~IngestService();  ///< stops the writer after the queued bodies and records server.stopped
  IngestService(const IngestService&) = delete;
  IngestService& operator=(const IngestService&) = delete;

  /// Serves one connection until it closes (thread-safe: one call per connection thread).
  void Serve(Channel& channel);
  /// Re-reads the tokens from the storage (SIGHUP). Errors: the storage's.
  [[nodiscard]] Status ReloadTokens();
  /// Writes the pending audit records (bad-token bursts) now.
  void FlushAudit();
  [[nodiscard]] ServerCounts Counts() const;

  struct Impl;

 private:
  explicit IngestService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

/// platedesk-server: an IngestService behind Poco::Net's TCP server with TLS 1.2+ (or plain HTTP
/// on loopback for tests).
class Server {
 public:
  /// Opens the service and starts listening. Errors: InvalidArgument (config), Locked, Io
  /// (cannot bind; bad certificate or key).
  [[nodiscard]] static Result<std::unique_ptr<Server>> Start(const ServerConfig& config, const Clock& clock);
  ~Server();  ///< Stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// The port actually listened on.
  [[nodiscard]] std::uint16_t Port() const;
  [[nodiscard]] IngestService& Service();
  /// Stops accepting, finishes the requests in flight, commits and releases the storage.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

}  // namespace platedesk::server
