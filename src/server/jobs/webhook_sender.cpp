#include "server/jobs/webhook_sender.hpp"

#include "server/jobs/curl_handle.hpp"

namespace licensor::server {
namespace {

// The endpoint's reply body is not used; it is read and dropped.
std::size_t Discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

}  // namespace

core::WebhookOutcome SendWebhook(const core::WebhookRequest& request) {
  const CurlHandle curl = NewCurlHandle();
  if (!curl) return {false, "cannot start an HTTP client"};
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // send the body at once, no 100-continue
  const CurlList header_list(headers, &curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, kWebhookTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_USERAGENT, "Licensor-Webhooks/1");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Discard);
  const CURLcode result = curl_easy_perform(c);
  if (result != CURLE_OK) return {false, curl_easy_strerror(result)};
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {true, ""};
  return {false, "HTTP " + std::to_string(status)};
}

}  // namespace licensor::server
