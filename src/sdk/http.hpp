// The SDK's HTTP calls to licensord, over libcurl (TLS included when the URL is https).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace licensor::sdk {

struct HttpReply {
  long status = 0;  // 0: the server could not be reached
  std::string body;
  std::string error;  // why it could not be reached
};

class Http {
 public:
  Http(std::string base_url, long timeout_ms);
  ~Http();
  Http(const Http&) = delete;
  Http& operator=(const Http&) = delete;

  HttpReply PostJson(const std::string& path, const std::string& json);
  HttpReply Get(const std::string& path, const std::map<std::string, std::string>& headers);

 private:
  HttpReply Perform(const std::string& path, const std::string* post_body,
                    const std::map<std::string, std::string>& headers);

  std::string base_url_;
  long timeout_ms_;
  void* curl_;  // CURL*, reused so connections are kept alive
};

}  // namespace licensor::sdk
