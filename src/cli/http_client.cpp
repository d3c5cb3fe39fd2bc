// Boost.Beast synchronous client; TLS through Asio's OpenSSL stream, verified by OpenSSL.
#include "cli/http_client.hpp"

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <cstdio>
#include <optional>
#include <vector>

namespace licensor::cli {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// "sha256//" and the base64 SHA-256 of the certificate's SubjectPublicKeyInfo (DER).
std::string PublicKeyPin(X509* certificate) {
  unsigned char* der = nullptr;
  const int size = i2d_PUBKEY(X509_get0_pubkey(certificate), &der);
  if (size <= 0) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  const bool hashed = EVP_Digest(der, static_cast<std::size_t>(size), digest, &digest_size,
                                 EVP_sha256(), nullptr) == 1;
  OPENSSL_free(der);
  if (!hashed) return "";
  std::vector<unsigned char> base64(4 * ((digest_size + 2) / 3) + 1);
  EVP_EncodeBlock(base64.data(), digest, static_cast<int>(digest_size));
  return "sha256//" + std::string(reinterpret_cast<const char*>(base64.data()));
}

bool PinMatches(const std::string& pins, const std::string& pin) {
  std::size_t start = 0;
  while (start <= pins.size()) {
    const std::size_t end = std::min(pins.find(';', start), pins.size());
    if (!pin.empty() && pins.compare(start, end - start, pin) == 0) return true;
    start = end + 1;
  }
  return false;
}

http::request<http::string_body> MakeRequest(const std::string& authority,
                                             const std::string& method, const std::string& target,
                                             const std::string& body,
                                             const std::string& bearer_token,
                                             const std::string& content_type,
                                             const std::map<std::string, std::string>& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, authority);
  req.set(http::field::user_agent, "licensorctl");
  req.keep_alive(true);
  if (!bearer_token.empty()) req.set(http::field::authorization, "Bearer " + bearer_token);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  req.prepare_payload();
  return req;
}

bool IsIpAddress(const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

struct HttpClient::Impl {
  std::string host;
  std::string port;
  std::string authority;  // host[:port] as the URL gave it
  net::io_context ioc;
  std::optional<net::ssl::context> tls;  // set for https://
  std::string pinned_public_key;
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;

  bool Connected() const { return plain.has_value() || secure.has_value(); }
  void Disconnect() {
    plain.reset();
    secure.reset();
  }

  Status Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    const auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return Status::Unavailable("cannot resolve " + host + ": " + ec.message());
    beast::tcp_stream& stream =
        tls ? beast::get_lowest_layer(secure.emplace(ioc, *tls)) : plain.emplace(ioc);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(endpoints, ec);
    if (ec) {
      Disconnect();
      return Status::Unavailable("cannot connect to " + host + ":" + port + ": " + ec.message());
    }
    if (!tls) return Status::Ok();
    const Status handshake = Handshake();
    if (!handshake.ok()) Disconnect();
    return handshake;
  }

  // The certificate must be valid for the URL's host (a name, or an IP address) and chain to
  // a trusted authority; then, when pins are given, its key must be one of them.
  Status Handshake() {
    SSL* ssl = secure->native_handle();
    if (IsIpAddress(host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl, host.c_str());  // SNI
      SSL_set1_host(ssl, host.c_str());
    }
    beast::error_code ec;
    secure->handshake(net::ssl::stream_base::client, ec);
    if (ec) {
      const long verify = SSL_get_verify_result(ssl);
      const std::string why =
          verify != X509_V_OK ? X509_verify_cert_error_string(verify) : ec.message();
      return Status::Unavailable("TLS with " + host + ":" + port + " failed: " + why);
    }
    if (pinned_public_key.empty()) return Status::Ok();
    X509* certificate = SSL_get1_peer_certificate(ssl);
    const std::string pin = certificate ? PublicKeyPin(certificate) : "";
    X509_free(certificate);
    if (!PinMatches(pinned_public_key, pin)) {
      return Status::Unavailable("the server's public key (" + pin +
                                 ") is not the pinned one; refusing to talk to it");
    }
    return Status::Ok();
  }

  // `closed_before_reply` is set when the server had already closed a kept-alive connection:
  // then it never saw the request, and sending it again on a new connection is safe. A 200
  // answer's body goes to `save_path` when one is given.
  template <class Stream>
  Result<HttpResponse> RoundTrip(Stream& stream, const http::request<http::string_body>& req,
                                 const std::string& save_path, bool& closed_before_reply) {
    beast::error_code ec;
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(120));
    http::write(stream, req, ec);
    if (ec) {
      closed_before_reply = ec == net::error::broken_pipe || ec == net::error::connection_reset;
      return Status::Unavailable("write failed: " + ec.message());
    }
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> head;
    http::read_header(stream, buffer, head, ec);
    if (ec) {
      closed_before_reply =
          ec == http::error::end_of_stream || ec == net::ssl::error::stream_truncated;
      return Status::Unavailable("read failed: " + ec.message());
    }
    HttpResponse out;
    out.status = static_cast<int>(head.get().result_int());
    for (const auto& field : head.get()) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers[name] = std::string(field.value());
    }
    const bool keep_alive = head.get().keep_alive();
    if (!save_path.empty() && out.status == 200) {
      LICENSOR_RETURN_IF_ERROR(ReadBodyToFile(stream, buffer, std::move(head), save_path));
    } else {
      http::response_parser<http::string_body> parser(std::move(head));
      parser.body_limit(64 << 20);
      http::read(stream, buffer, parser, ec);
      if (ec) return Status::Unavailable("read failed: " + ec.message());
      out.body = std::move(parser.get().body());
    }
    if (!keep_alive) Disconnect();
    return out;
  }

  // The body, of any size, into `path`: written to `path`.part, synced, then renamed, so that
  // `path` is only ever the whole body.
  template <class Stream>
  Status ReadBodyToFile(Stream& stream, beast::flat_buffer& buffer,
                        http::response_parser<http::empty_body>&& head, const std::string& path) {
    const std::string partial = path + ".part";
    http::response_parser<http::file_body> parser(std::move(head));
    parser.body_limit(boost::none);
    beast::error_code ec;
    parser.get().body().open(partial.c_str(), beast::file_mode::write, ec);
    if (ec) return Status::InvalidField("cannot write " + partial + ": " + ec.message());
    beast::get_lowest_layer(stream).expires_never();  // a large body takes its time
    http::read(stream, buffer, parser, ec);
    const bool synced = !ec && ::fsync(parser.get().body().file().native_handle()) == 0;
    parser.get().body().close();
    if (ec || !synced || std::rename(partial.c_str(), path.c_str()) != 0) {
      std::remove(partial.c_str());
      Disconnect();
      return ec ? Status::Unavailable("the download was cut off: " + ec.message())
                : Status::InvalidField("cannot write " + path);
    }
    return Status::Ok();
  }

  Result<HttpResponse> RoundTrip(const http::request<http::string_body>& req,
                                 const std::string& save_path, bool& closed_before_reply) {
    return secure ? RoundTrip(*secure, req, save_path, closed_before_reply)
                  : RoundTrip(*plain, req, save_path, closed_before_reply);
  }

  // One request, on the kept-alive connection or a new one; reconnects once if the
  // kept-alive connection was closed by the server.
  Result<HttpResponse> Exchange(const http::request<http::string_body>& req,
                                const std::string& save_path) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      const bool reused = Connected();
      if (!reused) LICENSOR_RETURN_IF_ERROR(Connect());
      bool closed_before_reply = false;
      auto result = RoundTrip(req, save_path, closed_before_reply);
      if (!result.ok()) Disconnect();
      // Only a kept-alive connection the server had already closed is retried: a request that
      // may have been processed (a POST that issued a license) is never sent twice.
      if (result.ok() || !reused || !closed_before_reply) return result;
    }
    return Status::Unavailable("the server closed the connection");
  }
};

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<std::unique_ptr<HttpClient>> HttpClient::Create(const std::string& base_url,
                                                       const TlsTrust& trust) {
  const bool https = base_url.starts_with("https://");
  if (!https && !base_url.starts_with("http://")) {
    return Status::InvalidField("the URL must start with http:// or https:// (got '" + base_url +
                                "')");
  }
  std::string rest = base_url.substr(https ? 8 : 7);
  while (!rest.empty() && rest.back() == '/') rest.pop_back();
  if (rest.find('/') != std::string::npos) {
    return Status::InvalidField("the URL must be http[s]://HOST[:PORT] without a path");
  }
  auto impl = std::make_unique<Impl>();
  impl->authority = rest;  // the Host header: with its port, as RFC 9110 asks for
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos || rest.back() == ']') {
    impl->host = rest;
    impl->port = https ? "443" : "80";
  } else {
    impl->host = rest.substr(0, colon);
    impl->port = rest.substr(colon + 1);
  }
  if (impl->host.size() > 2 && impl->host.front() == '[') {
    impl->host = impl->host.substr(1, impl->host.size() - 2);
  }
  if (impl->host.empty()) return Status::InvalidField("the URL has no host");
  if (!https && (!trust.ca_file.empty() || !trust.pinned_public_key.empty())) {
    return Status::InvalidField("a CA file or a pinned key needs an https:// URL");
  }
  if (https) {
    auto& tls = impl->tls.emplace(net::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
    beast::error_code ec;
    if (trust.ca_file.empty()) {
      tls.set_default_verify_paths(ec);
    } else {
      tls.load_verify_file(trust.ca_file, ec);
    }
    if (ec) {
      return Status::InvalidField(trust.ca_file.empty()
                                      ? "the system's trusted authorities cannot be read"
                                      : "CA file " + trust.ca_file + " is not readable PEM");
    }
    tls.set_verify_mode(net::ssl::verify_peer);
    impl->pinned_public_key = trust.pinned_public_key;
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

Result<HttpResponse> HttpClient::Send(const std::string& method, const std::string& target,
                                      const std::string& body, const std::string& bearer_token,
                                      const std::string& content_type,
                                      const std::map<std::string, std::string>& headers) {
  return impl_->Exchange(
      MakeRequest(impl_->authority, method, target, body, bearer_token, content_type, headers), "");
}

Result<HttpResponse> HttpClient::Download(const std::string& target,
                                          const std::string& bearer_token,
                                          const std::string& path) {
  return impl_->Exchange(MakeRequest(impl_->authority, "GET", target, "", bearer_token, "", {}),
                         path);
}

}  // namespace licensor::cli
