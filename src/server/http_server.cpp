// Listener → one session per connection on its own strand → App::Handle on the worker pool.
#include "server/http_server.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "server/problem.hpp"

namespace licensor::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;

http::response<http::string_body> BuildResponse(Reply reply, unsigned version, bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(reply.status), version};
  res.set(http::field::server, "licensord");
  if (reply.status != 204) {
    res.set(http::field::content_type, reply.content_type);
    res.body() = reply.raw_body.empty() && !reply.body.is_null()
                     ? reply.body.dump(-1, ' ', false, core::Json::error_handler_t::replace)
                     : std::move(reply.raw_body);
  }
  res.set(http::field::cache_control, "no-store");
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace

struct HttpServer::Impl {
  Impl(App& app, HttpServerOptions options)
      : app(app),
        options(std::move(options)),
        contexts(MakeContexts(std::max(1, this->options.network_threads))),
        workers(std::max(1, this->options.worker_threads)),
        acceptor(*contexts[0]),
        signals(*contexts[0], SIGINT, SIGTERM) {}

  // One io_context per network thread: each thread polls only its own connections, so a
  // completion never has to wake another thread (the cost that dominated a shared context).
  static std::vector<std::unique_ptr<net::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<net::io_context>> out;
    for (int i = 0; i < n; ++i) out.push_back(std::make_unique<net::io_context>(1));
    return out;
  }
  net::io_context& NextContext() { return *contexts[next_context++ % contexts.size()]; }
  void StopAll() {
    for (auto& c : contexts) c->stop();
  }

  class Session;
  void Accept();
  void BeginShutdown();
  void WaitForInFlight(std::chrono::steady_clock::time_point deadline);

  App& app;
  HttpServerOptions options;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::size_t next_context = 0;  // touched only by the acceptor's thread
  net::thread_pool workers;
  tcp::acceptor acceptor;
  net::signal_set signals;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::unique_ptr<net::steady_timer> drain_timer;
};

class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
  }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  void ReadHeader() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(server_.options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof) {
      return Close();
    }
    // The request could not be read: say why, then close, since the stream is out of sync.
    if (ec == http::error::body_limit) {
      return Send(ProblemReply(Status(ErrorCode::kPayloadTooLarge,
                                      "the request body exceeds " +
                                          std::to_string(server_.options.body_limit) + " bytes")),
                  11, false);
    }
    if (ec == http::error::header_limit) {
      return Send(
          ProblemReply(Status(ErrorCode::kPayloadTooLarge, "the request headers are too large"),
                       431),
          11, false);
    }
    Send(ProblemReply(Status(ErrorCode::kMalformedRequest, "the HTTP request is malformed")), 11,
         false);
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    auto request = parser_->release();
    ++server_.in_flight;
    IncomingRequest in;
    in.method = std::string(request.method_string());
    in.target = std::string(request.target());
    in.content_type = std::string(request[http::field::content_type]);
    in.authorization = std::string(request[http::field::authorization]);
    in.fingerprint = std::string(request["Licensor-Fingerprint"]);
    in.body = std::move(request.body());
    in.remote_address = remote_address_;
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive() && !server_.stopping;
    if (server_.app.IsNonBlocking(in.method, in.target)) {
      if (auto reply = server_.app.HandleInline(in)) {
        return Send(std::move(*reply), version, keep_alive, /*counted=*/true);
      }
    }
    // Handlers that may block run on the worker pool; the reply is written back on this
    // connection's own network thread.
    net::post(server_.workers,
              [self = shared_from_this(), in = std::move(in), version, keep_alive]() mutable {
                Reply reply = self->server_.app.Handle(in);
                net::post(self->stream_.get_executor(),
                          [self, reply = std::move(reply), version, keep_alive]() mutable {
                            self->Send(std::move(reply), version, keep_alive, /*counted=*/true);
                          });
              });
  }

  void Send(Reply reply, unsigned version, bool keep_alive, bool counted = false) {
    response_ = std::make_shared<http::response<http::string_body>>(
        BuildResponse(std::move(reply), version, keep_alive));
    stream_.expires_after(server_.options.read_timeout);
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), counted](beast::error_code ec, std::size_t) {
                        if (counted) --self->server_.in_flight;
                        if (ec || !self->response_->keep_alive()) return self->Close();
                        self->ReadHeader();
                      });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      stream_.socket().close(ec);
      return;
    }
    // A lingering close: read and drop what the peer still sends (up to a limit and a short
    // time) before closing. Closing with unread bytes makes the kernel send a reset, which can
    // destroy an error reply (413, 431) the peer has not read yet.
    drained_ = 0;
    stream_.expires_after(std::chrono::seconds(2));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > kMaxDrain) {
                                beast::error_code ignored;
                                self->stream_.socket().close(ignored);
                                return;
                              }
                              self->Drain();
                            });
  }

  static constexpr std::size_t kMaxDrain = 1 << 20;
  std::array<char, 4096> drain_buffer_{};
  std::size_t drained_ = 0;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  std::string remote_address_;
  Impl& server_;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(NextContext(), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (stopping) return;
      spdlog::warn("accept failed: {}", ec.message());
    } else {
      std::make_shared<Session>(std::move(socket), *this)->Start();
    }
    if (!stopping) Accept();
  });
}

void HttpServer::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections, finishing in-flight requests");
  app.services().ready = false;
  net::post(acceptor.get_executor(), [this] {
    beast::error_code ec;
    acceptor.close(ec);
  });
  WaitForInFlight(std::chrono::steady_clock::now() + options.shutdown_grace);
}

void HttpServer::Impl::WaitForInFlight(std::chrono::steady_clock::time_point deadline) {
  if (in_flight == 0 || std::chrono::steady_clock::now() >= deadline) {
    StopAll();
    return;
  }
  drain_timer = std::make_unique<net::steady_timer>(*contexts[0], std::chrono::milliseconds(10));
  drain_timer->async_wait([this, deadline](beast::error_code) { WaitForInFlight(deadline); });
}

HttpServer::HttpServer(App& app, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

HttpServer::~HttpServer() { impl_->workers.join(); }

Status HttpServer::Listen() {
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec)
    return Status::InvalidField("--listen: '" + impl_->options.host + "' is not an IP address");
  const tcp::endpoint endpoint(address, impl_->options.port);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + impl_->options.host + ":" +
                               std::to_string(impl_->options.port) + ": " + ec.message());
  }
  return Status::Ok();
}

std::uint16_t HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginShutdown();
  });
  impl_->Accept();
  impl_->app.services().ready = true;
  // Keep the other contexts running while they have no connection yet.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->contexts.size(); ++i) {
    guards.push_back(net::make_work_guard(*impl_->contexts[i]));
    threads.emplace_back([this, i] { impl_->contexts[i]->run(); });
  }
  impl_->contexts[0]->run();
  for (auto& t : threads) t.join();
}

}  // namespace licensor::server
