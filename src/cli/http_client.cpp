// Boost.Beast synchronous client.
#include "cli/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace licensor::cli {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpClient::Impl {
  std::string host;
  std::string port;
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  std::string authority;  // host[:port] as the URL gave it

  Status Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return Status::Unavailable("cannot resolve " + host + ": " + ec.message());
    stream.emplace(ioc);
    stream->expires_after(std::chrono::seconds(30));
    stream->connect(endpoints, ec);
    if (ec) {
      stream.reset();
      return Status::Unavailable("cannot connect to " + host + ":" + port + ": " + ec.message());
    }
    return Status::Ok();
  }

  // `closed_before_reply` is set when the server had already closed a kept-alive connection:
  // then it never saw the request, and sending it again on a new connection is safe.
  Result<HttpResponse> RoundTrip(const http::request<http::string_body>& req,
                                 bool& closed_before_reply) {
    beast::error_code ec;
    stream->expires_after(std::chrono::seconds(120));
    http::write(*stream, req, ec);
    if (ec) {
      closed_before_reply = ec == net::error::broken_pipe || ec == net::error::connection_reset;
      return Status::Unavailable("write failed: " + ec.message());
    }
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    http::read(*stream, buffer, parser, ec);
    if (ec) {
      closed_before_reply = ec == http::error::end_of_stream;
      return Status::Unavailable("read failed: " + ec.message());
    }
    auto res = parser.release();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    out.body = std::move(res.body());
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    if (!res.keep_alive()) stream.reset();
    return out;
  }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<std::unique_ptr<HttpClient>> HttpClient::Create(const std::string& base_url) {
  constexpr std::string_view kScheme = "http://";
  if (!base_url.starts_with(kScheme)) {
    return Status::InvalidField("the URL must start with http:// (got '" + base_url + "')");
  }
  std::string rest = base_url.substr(kScheme.size());
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.find('/') != std::string::npos) {
    return Status::InvalidField("the URL must be http://HOST:PORT without a path");
  }
  auto impl = std::make_unique<Impl>();
  impl->authority = rest;  // the Host header: with its port, as RFC 9110 asks for
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || rest.back() == ']') {
    impl->host = rest;
    impl->port = "80";
  } else {
    impl->host = rest.substr(0, colon);
    impl->port = rest.substr(colon + 1);
  }
  if (impl->host.size() > 2 && impl->host.front() == '[') {
    impl->host = impl->host.substr(1, impl->host.size() - 2);
  }
  if (impl->host.empty()) return Status::InvalidField("the URL has no host");
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

Result<HttpResponse> HttpClient::Send(const std::string& method, const std::string& target,
                                      const std::string& body, const std::string& bearer_token,
                                      const std::string& content_type,
                                      const std::map<std::string, std::string>& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, impl_->authority);
  req.set(http::field::user_agent, "licensorctl");
  req.keep_alive(true);
  if (!bearer_token.empty()) req.set(http::field::authorization, "Bearer " + bearer_token);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool reused = impl_->stream.has_value();
    if (!reused) LICENSOR_RETURN_IF_ERROR(impl_->Connect());
    bool closed_before_reply = false;
    auto result = impl_->RoundTrip(req, closed_before_reply);
    if (!result.ok()) impl_->stream.reset();
    // Only a kept-alive connection the server had already closed is retried: a request that
    // may have been processed (a POST that issued a license) is never sent twice.
    if (result.ok() || !reused || !closed_before_reply) return result;
  }
  return Status::Unavailable("the server closed the connection");
}

}  // namespace licensor::cli
