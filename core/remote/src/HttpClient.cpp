// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpClient.h"

#include <curl/curl.h>

#include <chrono>
#include <thread>

namespace platedesk::remote::detail {

namespace {

constexpr long kConnectTimeoutMs = 5'000;
constexpr long kCallTimeoutMs = 120'000;  ///< a whole ordinary call (an audit verification can take a while)
constexpr int kAttempts = 3;              ///< idempotent calls: the first try and two retries
constexpr std::size_t kMaxAnswerBytes = 256u * 1024 * 1024;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool TrustFailure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_PINNEDPUBKEYNOTMATCH ||
         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_ISSUER_ERROR || code == CURLE_SSL_CERTPROBLEM;
}

std::string HostOf(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  auto end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

struct HttpClient::Exchange {
  std::string body;
  std::string pending;  // a streamed answer's bytes after its last complete line
  std::string protocol;
  std::string serverVersion;
  const std::function<Status(const Json&)>* onLine = nullptr;
  Json last;
  bool haveLast = false;
  bool* anyLine = nullptr;
  Status lineError;
  bool tooLarge = false;
  std::stop_token stop;
  bool stopped = false;

  static std::size_t OnData(char* data, std::size_t size, std::size_t n, void* user) {
    auto& x = *static_cast<Exchange*>(user);
    const std::size_t bytes = size * n;
    if (x.onLine == nullptr) {
      if (x.body.size() + bytes > kMaxAnswerBytes) {
        x.tooLarge = true;
        return 0;
      }
      x.body.append(data, bytes);
      return bytes;
    }
    x.pending.append(data, bytes);
    if (x.pending.size() > kMaxAnswerBytes) {
      x.tooLarge = true;
      return 0;
    }
    std::size_t start = 0;
    for (auto nl = x.pending.find('\n', start); nl != std::string::npos; nl = x.pending.find('\n', start)) {
      std::string_view line(x.pending.data() + start, nl - start);
      start = nl + 1;
      if (line.empty()) continue;
      Json doc = Json::parse(line, nullptr, false);
      if (doc.is_discarded() || !doc.is_object()) {
        x.lineError = Fail(ErrorCode::Corrupt, "the server sent a line that is not a JSON object");
        return 0;
      }
      if (x.anyLine) *x.anyLine = true;
      if (doc.contains("value") || doc.contains("error")) {
        x.last = std::move(doc);
        x.haveLast = true;
        continue;
      }
      if (Status s = (*x.onLine)(doc); !s.Ok()) {
        x.lineError = s;
        return 0;
      }
    }
    x.pending.erase(0, start);
    return bytes;
  }

  static std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto& x = *static_cast<Exchange*>(user);
    std::string_view line(data, size * n);
    auto take = [&](std::string_view name, std::string& into) {
      if (line.size() > name.size() && strncasecmp(line.data(), name.data(), name.size()) == 0) {
        std::string_view v = line.substr(name.size());
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
        into = std::string(v);
      }
    };
    take("X-PlateDesk-Protocol:", x.protocol);
    take("Server:", x.serverVersion);
    return size * n;
  }

  static int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& x = *static_cast<Exchange*>(user);
    if (x.stop.stop_requested()) {
      x.stopped = true;
      return 1;  // closes the request: the server sees the peer go and stops the work
    }
    return 0;
  }
};

Result<std::unique_ptr<HttpClient>> HttpClient::Create(const Endpoint& endpoint) {
  PLATEDESK_TRY(CheckEndpoint(endpoint));
  GlobalInit();
  return std::unique_ptr<HttpClient>(new HttpClient(endpoint));
}

HttpClient::HttpClient(Endpoint endpoint) : mEndpoint(std::move(endpoint)), mHost(HostOf(mEndpoint.url)) {
  while (!mEndpoint.url.empty() && mEndpoint.url.back() == '/') mEndpoint.url.pop_back();
  mLink.host = mHost;
}

HttpClient::~HttpClient() {
  for (void* h : mIdle) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpClient::Take() {
  {
    std::lock_guard lock(mMutex);
    if (!mIdle.empty()) {
      void* h = mIdle.back();
      mIdle.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void HttpClient::Give(void* handle) {
  std::lock_guard lock(mMutex);
  if (mIdle.size() < 8) {
    mIdle.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

LinkState HttpClient::Link() const {
  std::lock_guard lock(mMutex);
  return mLink;
}

Result<Json> HttpClient::Once(std::string_view path, const std::string* body, const std::string& token,
                              std::stop_token stop, const std::function<Status(const Json&)>* onLine, bool& anyLine) {
  CURL* curl = static_cast<CURL*>(Take());
  if (curl == nullptr) return Fail(ErrorCode::Internal, "libcurl could not make a handle");
  curl_easy_reset(curl);
  const std::string url = mEndpoint.url + std::string(path);
  Exchange x;
  x.onLine = onLine;
  x.anyLine = &anyLine;
  x.stop = stop;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, kConnectTimeoutMs);
  if (onLine == nullptr) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, kCallTimeoutMs);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  if (!mEndpoint.trust.caFile.empty()) {
    const std::string ca = mEndpoint.trust.caFile.string();
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.c_str());
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  } else if (!mEndpoint.trust.pin.empty()) {
    // The pin alone: the server's own self-signed certificate, accepted only with exactly this key.
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  } else {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  }
  if (!mEndpoint.trust.pin.empty()) curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, mEndpoint.trust.pin.c_str());
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  std::string auth;
  if (!token.empty()) {
    auth = "Authorization: Bearer ";
    auth += token;
    headers = curl_slist_append(headers, auth.c_str());
  }
  if (body != nullptr) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Exchange::OnData);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &x);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Exchange::OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &x);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &Exchange::OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &x);
  const auto started = std::chrono::steady_clock::now();
  const CURLcode code = curl_easy_perform(curl);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  if (code == CURLE_OK) {
    Give(curl);
  } else {
    curl_easy_cleanup(curl);  // a broken connection is not kept
  }
  {
    std::lock_guard lock(mMutex);
    const bool transportFailed =
        code != CURLE_OK && !x.stopped && !x.tooLarge && x.lineError.Ok() && !TrustFailure(code);
    mLink.reachable = !transportFailed;
    if (code == CURLE_OK) mLink.lastRoundTripMs = ms;
    if (!x.serverVersion.empty()) mLink.serverVersion = x.serverVersion;
  }
  if (x.stopped) return Fail(ErrorCode::Cancelled, "cancelled: the request to the server was closed");
  if (!x.lineError.Ok()) return x.lineError.Err();
  if (x.tooLarge) return Fail(ErrorCode::Corrupt, "the server's answer is larger than a client accepts");
  if (TrustFailure(code)) {
    return Fail(ErrorCode::Io, ErrorDetail::ServerNotTrusted,
                "the server's certificate does not match the trusted CA file or pinned key; not connected",
                mHost + ": " + curl_easy_strerror(code));
  }
  if (code != CURLE_OK) {
    return Fail(ErrorCode::Io, ErrorDetail::ServerUnreachable, "the PlateDesk server did not answer",
                mHost + ": " + curl_easy_strerror(code));
  }
  if (!x.protocol.empty() && x.protocol != std::to_string(kProtocolVersion)) {
    return Fail(ErrorCode::Unsupported, "the server speaks another protocol version; update PlateDesk",
                "server " + x.protocol + ", client " + std::to_string(kProtocolVersion));
  }
  if (onLine != nullptr) {
    if (x.haveLast) return std::move(x.last);
    if (status != 200) {
      Json doc = Json::parse(x.body.empty() ? x.pending : x.body, nullptr, false);
      if (!doc.is_discarded() && doc.is_object() && doc.contains("error")) return doc;
      return Fail(ErrorCode::Io, "the server refused the request", "HTTP " + std::to_string(status));
    }
    return Fail(ErrorCode::Io, ErrorDetail::ServerUnreachable,
                "the server stopped before it finished the answer (it may have restarted): try again", mHost);
  }
  Json doc = Json::parse(x.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    if (status >= 500)
      return Fail(ErrorCode::Io, ErrorDetail::ServerUnreachable, "the server failed the request",
                  "HTTP " + std::to_string(status));
    return Fail(ErrorCode::Corrupt, "the server's answer is not JSON", "HTTP " + std::to_string(status));
  }
  if (status == 429 && !doc.contains("error")) return Fail(ErrorCode::Locked, "too many requests: wait and try again");
  return doc;
}

Result<Json> HttpClient::Call(std::string_view path, const Json* body, const std::string& token, Retry retry,
                              std::stop_token stop) {
  std::string text;
  if (body != nullptr) text = body->dump(-1, ' ', false, Json::error_handler_t::replace);
  const int attempts = retry == Retry::Idempotent ? kAttempts : 1;
  Result<Json> answer = Fail(ErrorCode::Internal, "not called");
  for (int i = 0; i < attempts; ++i) {
    if (i > 0) {
      // Back-off: 200 ms, then 800 ms.
      const auto wait = std::chrono::milliseconds(200 << (2 * (i - 1)));
      const auto until = std::chrono::steady_clock::now() + wait;
      while (std::chrono::steady_clock::now() < until) {
        if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    bool anyLine = false;
    answer = Once(path, body != nullptr ? &text : nullptr, token, stop, nullptr, anyLine);
    if (answer.Ok() || answer.Err().detail != ErrorDetail::ServerUnreachable) break;
  }
  return answer;
}

Result<Json> HttpClient::Stream(std::string_view path, const Json& body, const std::string& token,
                                const std::function<Status(const Json&)>& onLine, std::stop_token stop) {
  const std::string text = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  bool anyLine = false;
  return Once(path, &text, token, stop, &onLine, anyLine);
}

}  // namespace platedesk::remote::detail
