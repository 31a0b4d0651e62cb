// SPDX-License-Identifier: GPL-3.0-or-later
// The storage server under test: a real platedesk-server process on 127.0.0.1 with a certificate
// made for the test, a real agency storage set up with platedesk-cli, libcurl as the camera, and
// raw sockets for what libcurl will not send (slow heads, broken framing).
#pragma once

#include "platedesk/common/Files.h"
#include "platedesk/common/Time.h"
#include "platedesk/testsupport/Process.h"
#include "platedesk/testsupport/ServerProcess.h"

#include <boost/test/unit_test.hpp>
#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <filesystem>
#include <map>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace platedesk::testsupport {

namespace fs = std::filesystem;

inline const char* kAdminPassword = "slate river morning";
inline const char* kAuditorPassword = "ledger quill maple";

/// platedesk-cli with the banner acknowledged and private state/config folders.
inline ProcessResult Cli(const std::string& args, std::map<std::string, std::string> env = {},
                         const std::string& stdinText = {}) {
  static TempFolder state("platedesk-server-test-state");
  env.emplace("PLATEDESK_ACCEPT_BANNER", "yes");
  env.emplace("XDG_STATE_HOME", state.Path().string());
  env.emplace("XDG_CONFIG_HOME", state.Path().string());
  env.emplace("PLATEDESK_TRUSTED_KEYS", "");
  return Run(ShellQuote(PLATEDESK_CLI) + " " + args, env, stdinText);
}

/// A storage with an administrator (a.rivera) and an auditor (k.osei), and ingest tokens.
struct Agency {
  TempFolder t{"platedesk-server-test"};
  fs::path dir = t.Path() / "storage";
  fs::path work = t.Path();
  std::string S() const { return " --storage " + ShellQuote(dir.string()); }

  Agency() {
    auto init = Cli("init" + S() + " --admin a.rivera --no-mfa", {}, std::string(kAdminPassword) + "\n");
    BOOST_TEST_REQUIRE(init.exitCode == 0, init.err);
    auto aud = Admin("user add k.osei --role auditor", std::string(kAuditorPassword) + "\n");
    BOOST_TEST_REQUIRE(aud.exitCode == 0, aud.err);
  }
  ProcessResult Admin(const std::string& args, const std::string& in = {}) {
    return Cli(args + S() + " --user a.rivera", {{"PLATEDESK_PASSWORD", kAdminPassword}}, in);
  }
  ProcessResult Auditor(const std::string& args) {
    return Cli(args + S() + " --user k.osei", {{"PLATEDESK_PASSWORD", kAuditorPassword}});
  }
  /// Issues a token for the cameras (server stopped); returns the token text.
  std::string AddToken(const std::string& name, const std::vector<std::string>& cameras,
                       const std::string& extra = {}) {
    const fs::path file = work / (name + ".token");
    std::string args = "server-token add " + ShellQuote(name);
    for (const std::string& c : cameras) args += " --camera " + ShellQuote(c);
    args += " --token-file " + ShellQuote(file.string()) + " " + extra;
    auto r = Admin(args);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    auto text = ReadFile(file);
    BOOST_TEST_REQUIRE(text.Ok());
    std::string token = *text;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    return token;
  }
};

/// What a request got.
struct HttpResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string headers;
  [[nodiscard]] nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
};

inline std::size_t AppendTo(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

struct Request {
  std::string method = "POST";
  std::string url;
  std::string body;
  std::vector<std::string> headers = {"Content-Type: application/json"};
  std::string cacert;
  curl_mime* mime = nullptr;  ///< instead of body
  long maxTls = 0;            ///< CURL_SSLVERSION_MAX_* to offer an old protocol only
};

inline HttpResult Send(const Request& r) {
  HttpResult out;
  CURL* curl = curl_easy_init();
  curl_slist* headers = nullptr;
  for (const std::string& h : r.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, r.url.c_str());
  if (r.method == "POST") {
    if (r.mime) {
      curl_easy_setopt(curl, CURLOPT_MIMEPOST, r.mime);
    } else {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    }
  } else if (r.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendTo);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendTo);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &out.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!r.cacert.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, r.cacert.c_str());
  if (r.maxTls != 0) curl_easy_setopt(curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0 | r.maxTls);
  out.code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return out;
}

/// POST a JSON body to /v1/ingest/<vendor> with the token as a Bearer header.
inline HttpResult PostJson(const ServerProcess& s, const std::string& vendor, const std::string& token,
                           const std::string& body) {
  Request r;
  r.url = s.Url() + "/v1/ingest/" + vendor;
  r.body = body;
  r.cacert = s.Cert();
  r.headers.push_back("Authorization: Bearer " + token);
  return Send(r);
}

/// A plain TCP connection to a --insecure-http server, for bytes libcurl would never send.
class RawClient {
 public:
  explicit RawClient(int port) {
    mFd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_TEST_REQUIRE(::connect(mFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval tv{30, 0};
    ::setsockopt(mFd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~RawClient() {
    if (mFd >= 0) ::close(mFd);
  }
  bool Send(std::string_view bytes) {
    return ::send(mFd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  /// Everything until the server closes (or the 30 s timeout).
  std::string ReadAll() {
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(mFd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  /// One response (head + Content-Length body), leaving the connection open.
  std::string ReadResponse() {
    std::string out;
    char c;
    while (out.find("\r\n\r\n") == std::string::npos) {
      if (::recv(mFd, &c, 1, 0) != 1) return out;
      out += c;
    }
    const auto pos = out.find("Content-Length: ");
    std::size_t length = pos == std::string::npos ? 0 : std::stoul(out.substr(pos + 16));
    while (length > 0) {
      if (::recv(mFd, &c, 1, 0) != 1) break;
      out += c;
      --length;
    }
    return out;
  }

 private:
  int mFd = -1;
};

/// The status code of a raw response ("HTTP/1.1 413 ..." -> 413); 0 when none.
inline int StatusOf(const std::string& response) {
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return 0;
  return std::stoi(response.substr(9, 3));
}

}  // namespace platedesk::testsupport
