// A small blocking HTTP/1.1 client over one keep-alive connection, for licensorctl and tests.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/status.hpp"

namespace licensor::cli {

struct HttpResponse {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

class HttpClient {
 public:
  // base_url: "http://host:port" (https is not supported by this client).
  static Result<std::unique_ptr<HttpClient>> Create(const std::string& base_url);
  ~HttpClient();

  // Sends one request; reconnects once if the kept-alive connection was closed by the server.
  // kUnavailable when the server cannot be reached.
  Result<HttpResponse> Send(const std::string& method, const std::string& target,
                            const std::string& body = "", const std::string& bearer_token = "",
                            const std::string& content_type = "application/json",
                            const std::map<std::string, std::string>& headers = {});

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace licensor::cli
