// A libcurl easy handle for the senders on the jobs thread (webhooks, e-mail), with libcurl's
// global state set up once before the first.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace licensor::server {

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// Null when libcurl cannot make one (out of memory).
inline CurlHandle NewCurlHandle() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return CurlHandle(curl_easy_init(), &curl_easy_cleanup);
}

}  // namespace licensor::server
