// SPDX-License-Identifier: GPL-3.0-or-later
#define BOOST_TEST_MODULE server
#include <boost/test/unit_test.hpp>
#include <curl/curl.h>

namespace {
struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};
}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(CurlGlobal);
