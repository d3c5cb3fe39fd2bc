// A small blocking HTTP/1.1 client over one keep-alive connection, plain or TLS, for
// licensorctl and tests.
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

// How an https:// server is trusted. The server's certificate must be valid for the URL's host
// and issued by an authority in the system's store, or in `ca_file` when given.
struct TlsTrust {
  std::string ca_file;  // PEM; empty: the system's trusted authorities
  // "sha256//BASE64[;sha256//BASE64…]", as curl and the SDK take it: the SHA-256 of the
  // server key's SubjectPublicKeyInfo must be one of these. Empty: any key the CA vouches for.
  std::string pinned_public_key;
};

class HttpClient {
 public:
  // base_url: "http://host[:port]" or "https://host[:port]", without a path.
  static Result<std::unique_ptr<HttpClient>> Create(const std::string& base_url,
                                                    const TlsTrust& trust = {});
  ~HttpClient();

  // Sends one request; reconnects once if the kept-alive connection was closed by the server.
  // kUnavailable when the server cannot be reached or, over TLS, is not the one trusted.
  Result<HttpResponse> Send(const std::string& method, const std::string& target,
                            const std::string& body = "", const std::string& bearer_token = "",
                            const std::string& content_type = "application/json",
                            const std::map<std::string, std::string>& headers = {});
  // GET `target`: a 200 answer's body, of any size, goes to the file `path` (whole or not at
  // all), and the response returned has no body; any other answer is returned as Send does.
  Result<HttpResponse> Download(const std::string& target, const std::string& bearer_token,
                                const std::string& path);

 private:
  struct Impl;
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace licensor::cli
