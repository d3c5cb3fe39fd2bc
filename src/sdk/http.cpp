#include "sdk/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

namespace licensor::sdk {
namespace {

constexpr std::size_t kMaxReply = 1 << 20;

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * count > kMaxReply) return 0;  // aborts the transfer
  body->append(data, size * count);
  return size * count;
}

// Keeps the Licensor-Signature of the last response (a proxy's CONNECT answer comes first).
std::size_t CollectSignature(char* data, std::size_t size, std::size_t count, void* out) {
  auto* signature = static_cast<std::string*>(out);
  const std::string_view line(data, size * count);
  constexpr std::string_view kName = "licensor-signature:";
  if (line.starts_with("HTTP/")) signature->clear();
  if (line.size() > kName.size() && line.size() < 1024 &&
      std::equal(kName.begin(), kName.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
    std::string_view value = line.substr(kName.size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
      value.remove_suffix(1);
    signature->assign(value);
  }
  return size * count;
}

// libcurl asks about once a second while a transfer waits: a nonzero answer aborts it.
int AbortWhenCancelled(void* cancelled, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(cancelled)->load() ? 1 : 0;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Http::Http(HttpOptions options) : options_(std::move(options)) {
  GlobalInit();
  while (!options_.base_url.empty() && options_.base_url.back() == '/') {
    options_.base_url.pop_back();
  }
  curl_ = curl_easy_init();
}

Http::~Http() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpReply Http::PostJson(const std::string& path, const std::string& json,
                         std::map<std::string, std::string> headers) {
  headers["Content-Type"] = "application/json";
  return Perform(path, &json, headers);
}

HttpReply Http::Get(const std::string& path, const std::map<std::string, std::string>& headers) {
  return Perform(path, nullptr, headers);
}

HttpReply Http::Perform(const std::string& path, const std::string* post_body,
                        const std::map<std::string, std::string>& headers) {
  HttpReply reply;
  std::lock_guard lock(mutex_);
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl || options_.base_url.empty()) {
    reply.error =
        options_.base_url.empty() ? "no server URL is configured" : "libcurl failed to start";
    return reply;
  }
  if (cancelled_) {
    reply.error = "the request was cancelled";
    return reply;
  }
  curl_easy_reset(curl);
  const std::string url = options_.base_url + path;
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers)
    list = curl_slist_append(list, (name + ": " + value).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2 * options_.timeout_ms);  // connect, then exchange
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, options_.timeout_ms);
  const auto set_text = [curl](CURLoption option, const std::string& value) {
    if (!value.empty()) curl_easy_setopt(curl, option, value.c_str());
  };
  set_text(CURLOPT_PROXY, options_.proxy_url);
  set_text(CURLOPT_PROXYUSERNAME, options_.proxy_user);
  set_text(CURLOPT_PROXYPASSWORD, options_.proxy_password);
  set_text(CURLOPT_CAINFO, options_.ca_file);
  set_text(CURLOPT_PINNEDPUBLICKEY, options_.pinned_public_key);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, AbortWhenCancelled);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &cancelled_);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "licensor-sdk");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, CollectSignature);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.signature);
  if (post_body) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post_body->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (rc != CURLE_OK) {
    reply.error = curl_easy_strerror(rc);
    reply.body.clear();
    return reply;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace licensor::sdk
