// HTTP/1.1 over Boost.Beast, plain or over TLS: listeners, sessions, keep-alive, limits,
// timeouts, certificate reloads, graceful stop.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/status.hpp"
#include "server/app.hpp"
#include "server/client_address.hpp"
#include "server/tls_context.hpp"

namespace licensor::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int network_threads = 2;
  int worker_threads = 4;  // run handlers, i.e. blocking store work, off the network threads
  std::size_t body_limit = 1 << 20;
  // Open connections at most; at the cap the longest idle one is closed for a new client, and
  // with none idle the new client gets 503. See DefaultMaxConnections.
  std::size_t max_connections = 1024;
  TrustedProxies trusted_proxies;           // whose forwarding headers name the client
  std::chrono::seconds idle_timeout{60};    // waiting for the next request's header
  std::chrono::seconds read_timeout{30};    // reading a request's body
  std::chrono::seconds shutdown_grace{10};  // in-flight requests may finish this long
  // Set: HTTPS on host:port with these files (read again on SIGHUP), and HSTS on every answer.
  std::optional<TlsFiles> tls;
  // Set: a plain-HTTP listener whose every answer is a redirect (308) to the same path on
  // HTTPS: on public_origin when it is https://, else on the request's host at https_port.
  struct Address {
    std::string host;
    std::uint16_t port = 0;
  };
  std::optional<Address> redirect;
  // Set: a plain-HTTP listener that serves GET /metrics without a token, and nothing else.
  std::optional<Address> metrics;
  std::string public_origin;
  std::uint16_t https_port = 0;  // 0: the port this server listens on
};

// Raises the soft open-file limit to the hard limit, so that connections are bounded by what
// the operator allowed rather than by a distribution's default of 1024; returns the limit in
// force afterwards, and says in the log when it raised it.
std::size_t RaiseOpenFileLimit();

// A connection cap that leaves room below the open-file limit for the database, the signing
// keys, webhook deliveries and log files: an eighth of the limit, at least 64 descriptors.
std::size_t DefaultMaxConnections(std::size_t open_file_limit);

class HttpServer {
 public:
  HttpServer(App& app, HttpServerOptions options);
  ~HttpServer();

  // Binds and listens; fails when the address is taken or invalid.
  Status Listen();
  std::uint16_t port() const;
  std::uint16_t redirect_port() const;  // 0 without --redirect-http
  std::uint16_t metrics_port() const;   // 0 without --metrics-listen
  // Serves until SIGTERM or SIGINT; returns once in-flight requests have finished (or the
  // shutdown grace ran out).
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace licensor::server
