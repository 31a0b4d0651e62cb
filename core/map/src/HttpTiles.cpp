// SPDX-License-Identifier: GPL-3.0-or-later
// Tiles from an XYZ or WMTS server over libcurl: one kept-alive handle, calls serialised.

#include "Internal.h"

#include <curl/curl.h>

#include <mutex>

namespace platedesk::map::detail {

namespace {

struct Transfer {
  std::string body;
  std::size_t limit = 0;
  bool tooLarge = false;
  std::stop_token stop;
  bool stopped = false;

  static std::size_t OnData(char* data, std::size_t size, std::size_t n, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * n;
    if (t.body.size() + bytes > t.limit) {
      t.tooLarge = true;
      return 0;  // aborts the transfer
    }
    t.body.append(data, bytes);
    return bytes;
  }
  static int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& t = *static_cast<Transfer*>(user);
    if (t.stop.stop_requested()) {
      t.stopped = true;
      return 1;
    }
    return 0;
  }
};

std::string HostOf(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  const auto end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

class UrlTiles final : public TileProvider {
 public:
  UrlTiles(std::string urlTemplate, FetchLimits limits, CURL* curl)
      : mTemplate(std::move(urlTemplate)), mHost(HostOf(mTemplate)), mLimits(std::move(limits)), mCurl(curl) {}
  ~UrlTiles() override { curl_easy_cleanup(mCurl); }
  UrlTiles(const UrlTiles&) = delete;
  UrlTiles& operator=(const UrlTiles&) = delete;

  Result<std::string> Fetch(TileKey key, std::stop_token stop) override {
    if (key.z < 0 || key.z > kMaxZoom || key.x < 0 || key.y < 0 || key.x >= (1 << key.z) || key.y >= (1 << key.z))
      return Fail(ErrorCode::InvalidArgument, "no such tile",
                  std::to_string(key.z) + "/" + std::to_string(key.x) + "/" + std::to_string(key.y));
    std::lock_guard lock(mMutex);
    if (stop.stop_requested()) return Fail(ErrorCode::Cancelled, "cancelled");
    const std::string url = TileUrl(mTemplate, key);
    Transfer t;
    t.limit = mLimits.maxTileBytes;
    t.stop = stop;
    curl_easy_reset(mCurl);
    curl_easy_setopt(mCurl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(mCurl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(mCurl, CURLOPT_CONNECTTIMEOUT_MS, mLimits.connectTimeoutMs);
    curl_easy_setopt(mCurl, CURLOPT_TIMEOUT_MS, mLimits.timeoutMs);
    curl_easy_setopt(mCurl, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(mCurl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(mCurl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(mCurl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(mCurl, CURLOPT_USERAGENT, mLimits.userAgent.c_str());
    curl_easy_setopt(mCurl, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(mCurl, CURLOPT_WRITEFUNCTION, &Transfer::OnData);
    curl_easy_setopt(mCurl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(mCurl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(mCurl, CURLOPT_XFERINFOFUNCTION, &Transfer::OnProgress);
    curl_easy_setopt(mCurl, CURLOPT_XFERINFODATA, &t);
    const CURLcode code = curl_easy_perform(mCurl);
    long status = 0;
    curl_easy_getinfo(mCurl, CURLINFO_RESPONSE_CODE, &status);
    const std::string where =
        mHost + " " + std::to_string(key.z) + "/" + std::to_string(key.x) + "/" + std::to_string(key.y);
    if (t.stopped) return Fail(ErrorCode::Cancelled, "cancelled");
    if (t.tooLarge)
      return Fail(ErrorCode::Corrupt, "the map tile is larger than " + std::to_string(mLimits.maxTileBytes) + " bytes",
                  where);
    if (code != CURLE_OK)
      return Fail(ErrorCode::Io, "the map tile server did not answer", where + ": " + curl_easy_strerror(code));
    if (status == 404 || status == 204) return Fail(ErrorCode::NotFound, "the map tile server has no such tile", where);
    if (status != 200)
      return Fail(ErrorCode::Io, "the map tile server refused the tile (HTTP " + std::to_string(status) + ")", where);
    if (t.body.empty()) return Fail(ErrorCode::Corrupt, "the map tile server sent an empty tile", where);
    return std::move(t.body);
  }

 private:
  std::string mTemplate;
  std::string mHost;
  FetchLimits mLimits;
  std::mutex mMutex;
  CURL* mCurl;
};

}  // namespace

Result<std::unique_ptr<TileProvider>> OpenUrlTiles(const std::string& urlTemplate, const FetchLimits& limits) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Fail(ErrorCode::Internal, "libcurl could not make a handle");
  return std::unique_ptr<TileProvider>(std::make_unique<UrlTiles>(urlTemplate, limits, curl));
}

}  // namespace platedesk::map::detail
