// The SDK's HTTP calls to licensord, over libcurl (TLS included when the URL is https).
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace licensor::sdk {

struct HttpReply {
  long status = 0;  // 0: the server could not be reached
  std::string body;
  std::string error;      // why it could not be reached
  std::string signature;  // the answer's Licensor-Signature header
};

// How the SDK reaches the server (licensor::sdk::Config's network fields).
struct HttpOptions {
  std::string base_url;
  long timeout_ms = 10000;
  std::string proxy_url, proxy_user, proxy_password;
  std::string ca_file;            // empty: the system's trusted authorities
  std::string pinned_public_key;  // empty: any key the authorities vouch for
};

class Http {
 public:
  explicit Http(HttpOptions options);
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;

  // One request at a time: callers on several threads take turns on the kept connection. Each
  // waits at most the timeout to connect and the timeout for the whole exchange.
  HttpReply PostJson(const std::string& path, const std::string& json,
                     std::map<std::string, std::string> headers);
  HttpReply Get(const std::string& path, const std::map<std::string, std::string>& headers);
  // Ends the request in flight (within about a second) and refuses new ones until Resume():
  // stopping the SDK's thread never waits for a server that does not answer.
  void Cancel() { cancelled_ = true; }
  void Resume() { cancelled_ = false; }

 private:
  HttpReply Perform(const std::string& path, const std::string* post_body,
                    const std::map<std::string, std::string>& headers);

  HttpOptions options_;
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;  // guards curl_
  void* curl_;        // CURL*, reused so connections are kept alive
};

}  // namespace licensor::sdk
