// HTTP/1.1 over Boost.Beast: listener, sessions, keep-alive, limits, timeouts, graceful stop.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/status.hpp"
#include "server/app.hpp"

namespace licensor::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int network_threads = 2;
  int worker_threads = 4;  // run handlers, i.e. blocking store work, off the network threads
  std::size_t body_limit = 1 << 20;
  std::chrono::seconds idle_timeout{60};    // waiting for the next request's header
  std::chrono::seconds read_timeout{30};    // reading a request's body
  std::chrono::seconds shutdown_grace{10};  // in-flight requests may finish this long
};

class HttpServer {
 public:
  HttpServer(App& app, HttpServerOptions options);
  ~HttpServer();

  // Binds and listens; fails when the address is taken or invalid.
  Status Listen();
  std::uint16_t port() const;
  // Serves until SIGTERM or SIGINT; returns once in-flight requests have finished (or the
  // shutdown grace ran out).
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace licensor::server
