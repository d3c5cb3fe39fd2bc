// Listener → one session per connection on its own strand → App::Handle on the worker pool.
#include "server/http_server.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "server/client_address.hpp"
#include "server/connection_table.hpp"
#include "server/http_framing.hpp"
#include "server/https_redirect.hpp"
#include "server/metrics.hpp"
#include "server/problem.hpp"

namespace licensor::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
// A connection's socket and stream bound to its own io_context's executor type: the
// type-erased default executor was copied and destroyed on every operation.
using Executor = net::io_context::executor_type;
using Socket = net::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor>;
using TlsStream = beast::ssl_stream<Stream>;

namespace {

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kReadSize = 4096;
// After accept fails for want of file descriptors, wait this long before the next try, doubling
// up to the maximum while it keeps failing: retrying at once spins a core on the same error.
constexpr auto kAcceptBackoffMin = std::chrono::milliseconds(10);
constexpr auto kAcceptBackoffMax = std::chrono::milliseconds(1000);
// Browsers that reached the server over TLS once keep to it for a year.
constexpr std::string_view kHsts = "max-age=31536000";

bool OutOfDescriptors(const beast::error_code& ec) {
  return ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
         ec == net::error::no_memory || ec.value() == ENFILE;
}

beast::string_view AsBeast(std::string_view text) { return {text.data(), text.size()}; }

// Every line of a list-valued header as one comma-separated list, in the order received.
std::string JoinedField(const http::request<http::string_body>& request, beast::string_view name) {
  std::string out;
  for (const auto& field : request) {
    if (!beast::iequals(field.name_string(), name)) continue;
    if (!out.empty()) out += ", ";
    out.append(field.value().data(), field.value().size());
  }
  return out;
}

// A response's bytes, status line to body, in one buffer for one write: Beast's serializer and
// its header list cost more than the rest of a validate answer.
std::string SerializeResponse(Reply reply, unsigned version, bool keep_alive) {
  const bool has_body = reply.status >= 200 && reply.status != 204 && reply.status != 304;
  std::string body;
  if (has_body && !reply.body_file) {
    body = reply.raw_body.empty() && !reply.body.is_null()
               ? reply.body.dump(-1, ' ', false, core::Json::error_handler_t::replace)
               : std::move(reply.raw_body);
  }
  const beast::string_view reason = http::obsolete_reason(static_cast<http::status>(reply.status));
  std::string out;
  out.reserve(160 + body.size());
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
      .append(std::to_string(reply.status))
      .append(" ")
      .append(reason.data(), reason.size())
      .append("\r\n");
  const auto header = [&](std::string_view name, std::string_view value) {
    out.append(name).append(": ");
    // Every value is the server's own, but a line break in one would start a header of its
    // own choosing: none goes out.
    for (const char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
    out.append("\r\n");
  };
  // The reply's own headers replace the defaults and, by name, each other: the last one counts.
  const auto named_after = [&](std::string_view name, std::size_t from) {
    for (std::size_t i = from; i < reply.headers.size(); ++i) {
      if (beast::iequals(reply.headers[i].first, beast::string_view(name.data(), name.size()))) {
        return true;
      }
    }
    return false;
  };
  if (!named_after("Server", 0)) header("Server", "licensord");
  if (has_body && !named_after("Content-Type", 0)) header("Content-Type", reply.content_type);
  if (!named_after("Cache-Control", 0)) header("Cache-Control", "no-store");
  for (std::size_t i = 0; i < reply.headers.size(); ++i) {
    const auto& [name, value] = reply.headers[i];
    if (!named_after(name, i + 1)) header(name, value);
  }
  if (has_body) {
    const std::uint64_t length = reply.body_file ? reply.body_file->size() : body.size();
    out.append("Content-Length: ").append(std::to_string(length)).append("\r\n");
  }
  if (!keep_alive && version != 10) out.append("Connection: close\r\n");
  if (keep_alive && version == 10) out.append("Connection: keep-alive\r\n");
  out.append("\r\n").append(body);
  return out;
}

}  // namespace

struct HttpServer::Impl {
  Impl(App& app, HttpServerOptions options)
      : app(app),
        options(std::move(options)),
        connections(this->options.max_connections),
        contexts(MakeContexts(std::max(1, this->options.network_threads))),
        workers(std::max(1, this->options.worker_threads)),
        main(*contexts[0], Purpose::kServe),
        redirect(*contexts[0], Purpose::kRedirectToHttps),
        metrics(*contexts[0], Purpose::kMetrics),
        signals(*contexts[0], SIGINT, SIGTERM),
        reload_signal(*contexts[0], SIGHUP) {}

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

  // What a listener's connections are for: the API and console, only saying where HTTPS is, or
  // only the metrics.
  enum class Purpose { kServe, kRedirectToHttps, kMetrics };
  struct Listener {
    Listener(net::io_context& context, Purpose purpose)
        : acceptor(context), backoff_timer(context), purpose(purpose) {}
    // The port it listens on; 0 when it was not asked for.
    std::uint16_t port() const { return acceptor.is_open() ? acceptor.local_endpoint().port() : 0; }
    tcp::acceptor acceptor;
    net::steady_timer backoff_timer;
    std::chrono::milliseconds backoff = kAcceptBackoffMin;
    const Purpose purpose;
  };
  std::array<Listener*, 3> listeners() { return {&main, &redirect, &metrics}; }

  template <class AsyncStream>
  class Session;
  Status Listen(Listener& listener, std::string_view flag, const std::string& host,
                std::uint16_t port);
  void Accept(Listener& listener);
  void OnAcceptError(Listener& listener, const beast::error_code& ec);
  // SIGHUP: the TLS certificate and key are read again; connections already open keep theirs.
  void WatchReloads();
  void ReloadTls();
  // Closes the connection idle the longest; false when none is idle.
  bool ShedOldestIdle();
  void BeginShutdown();
  void WaitForInFlight(std::chrono::steady_clock::time_point deadline);

  App& app;
  HttpServerOptions options;
  // Before the contexts: sessions still queued in them when they are destroyed leave the table.
  ConnectionTable connections;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::size_t next_context = 0;  // touched only by the acceptor's thread
  net::thread_pool workers;
  Listener main;
  Listener redirect;  // open only with --redirect-http
  Listener metrics;   // open only with --metrics-listen
  // Null without TLS. Replaced on SIGHUP; read when a connection is accepted. Both happen on
  // the first context's thread, so no lock guards it. A TLS connection's OpenSSL object holds
  // a reference to the context it began with, so a replaced one lives on while it is used.
  std::shared_ptr<net::ssl::context> tls;
  net::signal_set signals;
  net::signal_set reload_signal;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  std::unique_ptr<net::steady_timer> drain_timer;
};

// One connection: `AsyncStream` is a TCP stream (Stream), or TLS over one (TlsStream).
template <class AsyncStream>
class HttpServer::Impl::Session : public Connection,
                                  public std::enable_shared_from_this<Session<AsyncStream>> {
  static constexpr bool kTls = std::is_same_v<AsyncStream, TlsStream>;

 public:
  // A session made while the server is at its connection cap with nothing idle to shed only
  // says so (503) and closes. `tls` is the server's TLS context for a TlsStream, else nothing.
  template <class... TlsContext>
  Session(Socket socket, Impl& server, Purpose purpose, bool refuse, TlsContext&... tls)
      : stream_(std::move(socket), tls...), server_(server), purpose_(purpose), refuse_(refuse) {
    beast::error_code ec;
    const auto endpoint = Tcp().socket().remote_endpoint(ec);
    if (!ec) peer_ = endpoint.address();
    // Formatted once per connection, not per request.
    peer_text_ = peer_.to_string();
    peer_rate_limit_key_ = RateLimitKey(peer_text_);
  }
  ~Session() override { server_.connections.Closed(slot_); }

  void Start() {
    // Counted and idle from the moment it is accepted, before its strand has run: a burst of
    // new silent connections must be sheddable at once.
    server_.connections.Opened(slot_, this->shared_from_this());
    server_.connections.MarkIdle(slot_);
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->Handshake();
      } else {
        self->Begin();
      }
    });
  }

  void Shed() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (!self->idle_) return;
      beast::error_code ignored;
      self->Tcp().socket().close(ignored);
    });
  }

 private:
  Stream& Tcp() { return beast::get_lowest_layer(stream_); }

  void Begin() {
    if (!refuse_) return ReadHeader();
    Send(ProblemReply(Status::TryAgainIn(ErrorCode::kUnavailable,
                                         "the server is at its connection limit; retry in a moment",
                                         1)),
         11, false);
  }

  // A client that does not finish its handshake in time, or fails it (plain HTTP sent to the
  // TLS port, an unknown protocol version), is disconnected without an answer.
  void Handshake() {
    Tcp().expires_after(server_.options.read_timeout);
    stream_.async_handshake(net::ssl::stream_base::server,
                            [self = this->shared_from_this()](beast::error_code ec) {
                              if (!ec) return self->Begin();
                              beast::error_code ignored;
                              self->Tcp().socket().close(ignored);
                            });
  }

  void ReadHeader() {
    if (server_.stopping) return Close();
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(server_.options.body_limit);
    Tcp().expires_after(server_.options.idle_timeout);
    idle_ = true;
    server_.connections.MarkIdle(slot_);
    scanned_ = 0;
    ReadHeaderSection();
  }

  std::string_view Buffered() const {
    return {static_cast<const char*>(buffer_.data().data()), buffer_.size()};
  }

  // Reads until the whole header section is buffered, so that its bytes can be checked before
  // the parser unfolds them (see HasObsoleteLineFolding).
  void ReadHeaderSection() {
    const std::size_t end = HeaderSectionEnd(Buffered(), scanned_);
    if (end != std::string_view::npos) return OnHeaderSection(end);
    if (buffer_.size() >= kHeaderLimit) {
      return Refuse(Status(ErrorCode::kHeadersTooLarge, "the request headers are too large"));
    }
    scanned_ = buffer_.size() > 2 ? buffer_.size() - 2 : 0;
    stream_.async_read_some(buffer_.prepare(kReadSize),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->OnReadError(ec);
                              self->buffer_.commit(n);
                              self->ReadHeaderSection();
                            });
  }

  void OnHeaderSection(std::size_t header_size) {
    idle_ = false;
    server_.connections.MarkBusy(slot_);
    if (HasObsoleteLineFolding(Buffered().substr(0, header_size))) {
      return Refuse(Status(ErrorCode::kMalformedRequest,
                           "a header field is folded over several lines (obsolete folding)"));
    }
    beast::error_code ec;
    buffer_.consume(parser_->put(net::buffer(buffer_.data().data(), header_size), ec));
    if (ec || !parser_->is_header_done()) {
      return OnReadError(ec ? ec : beast::error_code(http::error::bad_line_ending));
    }
    if (const Status framing = CheckFraming(parser_->get()); !framing.ok()) {
      return Refuse(framing);
    }
    const auto raw_target = parser_->get().target();
    auto target = OriginFormTarget({raw_target.data(), raw_target.size()});
    if (!target.ok()) return Refuse(target.status());
    target_ = std::move(target.value());
    // The body has usually arrived with the header: parsed here, it needs no asynchronous read
    // that would only find it in the buffer (and cost a trip through the scheduler).
    if (!parser_->is_done() && buffer_.size() > 0) {
      beast::error_code body_ec;
      buffer_.consume(parser_->put(buffer_.data(), body_ec));
      if (body_ec && body_ec != http::error::need_more) return OnRead(body_ec);
    }
    if (parser_->is_done()) return OnRead({});
    Tcp().expires_after(server_.options.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
  }

  // Answers an unreadable request and closes: the stream is out of step with its framing.
  void Refuse(const Status& status) { Send(ProblemReply(status), 11, false); }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof || ec == net::error::bad_descriptor ||
        ec == net::ssl::error::stream_truncated) {
      return Close();
    }
    if (ec == http::error::body_limit) {
      return Refuse(Status(
          ErrorCode::kPayloadTooLarge,
          "the request body exceeds " + std::to_string(server_.options.body_limit) + " bytes"));
    }
    if (ec == http::error::header_limit) {
      return Refuse(Status(ErrorCode::kHeadersTooLarge, "the request headers are too large"));
    }
    Refuse(Status(ErrorCode::kMalformedRequest, "the HTTP request is malformed"));
  }

  void OnRead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    auto request = parser_->release();
    if (purpose_ == Purpose::kRedirectToHttps) return Redirect(request);
    if (purpose_ == Purpose::kMetrics) return ServeMetrics(request);
    ++server_.in_flight;
    IncomingRequest in;
    in.method = std::string(request.method_string());
    in.target = std::move(target_);
    in.content_type = std::string(request[http::field::content_type]);
    in.authorization = std::string(request[http::field::authorization]);
    in.fingerprint = std::string(request["Licensor-Fingerprint"]);
    in.nonce = std::string(request[AsBeast(crypto::kNonceHeader)]);
    in.accept_signature = std::string(request[AsBeast(crypto::kAcceptSignatureHeader)]);
    in.cookie = std::string(request[http::field::cookie]);
    in.csrf_token = std::string(request["X-CSRF-Token"]);
    in.origin = std::string(request[http::field::origin]);
    in.sec_fetch_site = std::string(request["Sec-Fetch-Site"]);
    in.host = std::string(request[http::field::host]);
    in.accept_encoding = std::string(request[http::field::accept_encoding]);
    const TrustedProxies& proxies = server_.options.trusted_proxies;
    in.https = kTls || proxies.OverHttps(peer_, JoinedField(request, "Forwarded"),
                                         JoinedField(request, "X-Forwarded-Proto"));
    in.body = std::move(request.body());
    if (proxies.empty()) {
      in.remote_address = peer_text_;
      in.rate_limit_key = peer_rate_limit_key_;
    } else {
      in.remote_address = proxies.ClientAddress(peer_, JoinedField(request, proxies.header()));
    }
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive() && !server_.stopping;
    if (auto reply = server_.app.HandleInline(in)) {
      return Send(std::move(*reply), version, keep_alive, /*counted=*/true);
    }
    // Handlers that may block run on the worker pool; the reply is written back on this
    // connection's own network thread.
    net::post(server_.workers,
              [self = this->shared_from_this(), in = std::move(in), version, keep_alive]() mutable {
                Reply reply = self->server_.app.Handle(in);
                net::post(self->stream_.get_executor(),
                          [self, reply = std::move(reply), version, keep_alive]() mutable {
                            self->Send(std::move(reply), version, keep_alive, /*counted=*/true);
                          });
              });
  }

  // The plain-HTTP port answers every request with the same path on HTTPS, and nothing else.
  void Redirect(const http::request<http::string_body>& request) {
    const auto host = request[http::field::host];
    const auto location = HttpsLocation({host.data(), host.size()}, target_,
                                        server_.options.https_port, server_.options.public_origin);
    if (!location) {
      return Refuse(Status::InvalidField("the Host header names no host to redirect to"));
    }
    Reply reply(308, core::Json{{"location", *location}});
    reply.headers.emplace_back("Location", *location);
    Send(std::move(reply), request.version(), /*keep_alive=*/false);
  }

  // The metrics port answers GET /metrics without a token, and nothing else: the operator chose
  // an address only its monitoring reaches.
  void ServeMetrics(const http::request<http::string_body>& request) {
    const bool keep_alive = request.keep_alive() && !server_.stopping;
    if (request.method() != http::verb::get ||
        std::string_view(target_).substr(0, target_.find('?')) != "/metrics") {
      return Send(ProblemReply(Status::NotFound("only GET /metrics is served on this address")),
                  request.version(), keep_alive);
    }
    // Rendering reads the store: on the worker pool, as a request that may block.
    net::post(server_.workers,
              [self = this->shared_from_this(), version = request.version(), keep_alive]() mutable {
                Reply reply;
                reply.content_type = kMetricsContentType;
                reply.raw_body = self->server_.app.services().metrics.Render();
                net::post(self->stream_.get_executor(),
                          [self, reply = std::move(reply), version, keep_alive]() mutable {
                            self->Send(std::move(reply), version, keep_alive);
                          });
              });
  }

  void Send(Reply reply, unsigned version, bool keep_alive, bool counted = false) {
    if constexpr (kTls) reply.headers.emplace_back("Strict-Transport-Security", kHsts);
    body_file_ = reply.body_file;
    body_file_sent_ = 0;
    response_ = SerializeResponse(std::move(reply), version, keep_alive);
    Write(counted, keep_alive);
  }

  // Writes response_, then the body file's next piece into response_ until it is all sent.
  void Write(bool counted, bool keep_alive) {
    Tcp().expires_after(server_.options.read_timeout);
    net::async_write(
        stream_, net::buffer(response_),
        [self = this->shared_from_this(), counted, keep_alive](beast::error_code ec, std::size_t) {
          if (!ec && self->body_file_) {
            if (const auto more = self->ReadBodyFile()) {
              if (*more) return self->Write(counted, keep_alive);
            } else {
              ec = net::error::broken_pipe;  // the file cannot be read: the answer is cut
            }
          }
          self->body_file_.reset();
          if (counted) --self->server_.in_flight;
          if (ec || !keep_alive) return self->Close();
          self->ReadHeader();
        });
  }

  // The body file's next piece in response_: true when there was one, false at its end,
  // nullopt on a read error (the client sees a short body, as the length promised more).
  std::optional<bool> ReadBodyFile() {
    const std::uint64_t left = body_file_->size() - body_file_sent_;
    if (left == 0) return false;
    response_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(left, kFilePieceSize)));
    const ssize_t n = ::pread(body_file_->fd(), response_.data(), response_.size(),
                              static_cast<off_t>(body_file_sent_));
    if (n <= 0) return std::nullopt;
    response_.resize(static_cast<std::size_t>(n));
    body_file_sent_ += static_cast<std::uint64_t>(n);
    return true;
  }

  void Close() {
    if constexpr (kTls) return CloseTls();
    beast::error_code ec;
    Tcp().socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) {
      Tcp().socket().close(ec);
      return;
    }
    // A lingering close: read and drop what the peer still sends (up to a limit and a short
    // time) before closing. Closing with unread bytes makes the kernel send a reset, which can
    // destroy an error reply (413, 431) the peer has not read yet.
    drained_ = 0;
    Tcp().expires_after(kLingerTime);
    // Lingering serves no client: the connection may be shed like an idle one.
    idle_ = true;
    server_.connections.MarkIdle(slot_);
    Drain();
  }

  void Drain() {
    Tcp().async_read_some(net::buffer(drain_buffer_),
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->drained_ += n;
                            if (ec || self->drained_ > kMaxDrain) {
                              beast::error_code ignored;
                              self->Tcp().socket().close(ignored);
                              return;
                            }
                            self->Drain();
                          });
  }

  // TLS ends with close_notify both ways (waiting as long as a lingering close), so that the
  // client can tell the end of the answer from a cut connection.
  void CloseTls() {
    idle_ = true;
    server_.connections.MarkIdle(slot_);
    Tcp().expires_after(kLingerTime);
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
      beast::error_code ignored;
      self->Tcp().socket().close(ignored);
    });
  }

  static constexpr std::size_t kMaxDrain = 1 << 20;
  static constexpr auto kLingerTime = std::chrono::seconds(2);
  static constexpr std::size_t kFilePieceSize = 256 << 10;
  std::shared_ptr<UnlinkedFile> body_file_;  // the body still being sent, if any
  std::uint64_t body_file_sent_ = 0;
  std::array<char, 4096> drain_buffer_{};
  std::size_t drained_ = 0;

  AsyncStream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string response_;  // the bytes being written
  net::ip::address peer_;
  std::string peer_text_;
  std::string peer_rate_limit_key_;
  std::string target_;  // the request's target in origin form
  Impl& server_;
  const Purpose purpose_;
  const bool refuse_;
  ConnectionTable::Slot slot_;
  bool idle_ = true;  // waiting for a request's header, or closing; touched on the strand only
  std::size_t scanned_ = 0;  // buffered bytes already searched for the header's end
};

void HttpServer::Impl::Accept(Listener& listener) {
  listener.acceptor.async_accept(
      NextContext().get_executor(), [this, &listener](beast::error_code ec, Socket socket) {
        if (stopping) return;
        if (ec) return OnAcceptError(listener, ec);
        listener.backoff = kAcceptBackoffMin;
        // At the cap, the connection idle the longest makes room; with none idle, the new
        // client is told to come back.
        const bool refuse = connections.Full() && !ShedOldestIdle();
        if (tls && listener.purpose == Purpose::kServe) {
          std::make_shared<Session<TlsStream>>(std::move(socket), *this, listener.purpose, refuse,
                                               *tls)
              ->Start();
        } else {
          std::make_shared<Session<Stream>>(std::move(socket), *this, listener.purpose, refuse)
              ->Start();
        }
        Accept(listener);
      });
}

void HttpServer::Impl::OnAcceptError(Listener& listener, const beast::error_code& ec) {
  if (!OutOfDescriptors(ec)) {
    spdlog::warn("accept failed: {}", ec.message());
    return Accept(listener);
  }
  // The pending connection stays in the listen queue; freeing an idle connection's descriptor
  // and pausing lets it in without spinning on the error.
  spdlog::warn("accept failed: {}; closing the longest idle connection and pausing accepts",
               ec.message());
  ShedOldestIdle();
  listener.backoff_timer.expires_after(listener.backoff);
  listener.backoff = std::min(listener.backoff * 2, kAcceptBackoffMax);
  listener.backoff_timer.async_wait([this, &listener](beast::error_code wait_ec) {
    if (!wait_ec && !stopping) Accept(listener);
  });
}

void HttpServer::Impl::WatchReloads() {
  reload_signal.async_wait([this](beast::error_code ec, int) {
    if (ec) return;
    ReloadTls();
    WatchReloads();
  });
}

void HttpServer::Impl::ReloadTls() {
  if (!options.tls) {
    spdlog::info("SIGHUP: nothing to reload (no TLS certificate is served)");
    return;
  }
  auto fresh = MakeServerTlsContext(*options.tls);
  if (!fresh.ok()) {
    spdlog::error("SIGHUP: kept the TLS certificate in use: {}", fresh.status().message());
    return;
  }
  tls = std::move(fresh.value());
  spdlog::info("SIGHUP: new connections get the TLS certificate {}", DescribeCertificate(*tls));
}

bool HttpServer::Impl::ShedOldestIdle() {
  auto idle = connections.TakeOldestIdle();
  if (!idle) return false;
  idle->Shed();
  return true;
}

void HttpServer::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections, finishing in-flight requests");
  app.services().ready = false;
  net::post(*contexts[0], [this] {
    for (Listener* listener : listeners()) {
      beast::error_code ec;
      listener->acceptor.close(ec);
      listener->backoff_timer.cancel();
    }
    reload_signal.cancel();
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

std::size_t RaiseOpenFileLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0) {
      spdlog::info("raised the open-file limit from {} to {}", before, limit.rlim_cur);
    } else {
      limit.rlim_cur = before;
    }
  }
  constexpr rlim_t kMost = 1 << 24;  // RLIM_INFINITY, or something as large, is no guide
  return static_cast<std::size_t>(std::min(limit.rlim_cur, kMost));
}

std::size_t DefaultMaxConnections(std::size_t open_file_limit) {
  const std::size_t reserve = std::max<std::size_t>(64, open_file_limit / 8);
  return open_file_limit > reserve + 16 ? open_file_limit - reserve : 16;
}

HttpServer::HttpServer(App& app, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

HttpServer::~HttpServer() { impl_->workers.join(); }

Status HttpServer::Impl::Listen(Listener& listener, std::string_view flag, const std::string& host,
                                std::uint16_t port) {
  beast::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return Status::InvalidField(std::string(flag) + ": '" + host + "' is not an IP address");
  const tcp::endpoint endpoint(address, port);
  auto& acceptor = listener.acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                               ec.message());
  }
  return Status::Ok();
}

Status HttpServer::Listen() {
  HttpServerOptions& options = impl_->options;
  if (options.tls) {
    auto context = MakeServerTlsContext(*options.tls);
    if (!context.ok()) return context.status();
    impl_->tls = std::move(context.value());
    spdlog::info("serving TLS with the certificate {}", DescribeCertificate(*impl_->tls));
  }
  LICENSOR_RETURN_IF_ERROR(impl_->Listen(impl_->main, "--listen", options.host, options.port));
  if (options.https_port == 0) options.https_port = port();
  if (options.redirect) {
    LICENSOR_RETURN_IF_ERROR(impl_->Listen(impl_->redirect, "--redirect-http",
                                           options.redirect->host, options.redirect->port));
  }
  if (options.metrics) {
    LICENSOR_RETURN_IF_ERROR(impl_->Listen(impl_->metrics, "--metrics-listen",
                                           options.metrics->host, options.metrics->port));
  }
  return Status::Ok();
}

std::uint16_t HttpServer::port() const { return impl_->main.port(); }
std::uint16_t HttpServer::redirect_port() const { return impl_->redirect.port(); }
std::uint16_t HttpServer::metrics_port() const { return impl_->metrics.port(); }

void HttpServer::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->BeginShutdown();
  });
  impl_->WatchReloads();
  for (Impl::Listener* listener : impl_->listeners()) {
    if (listener->acceptor.is_open()) impl_->Accept(*listener);
  }
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
