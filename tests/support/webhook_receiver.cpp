#include "tests/support/webhook_receiver.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "tests/support/loopback.hpp"

namespace licensor::testing {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

WebhookReceiver::WebhookReceiver() {
  listener_ = ListenOnLoopback(&port_);
  thread_ = std::thread([this] { Serve(); });
}

WebhookReceiver::~WebhookReceiver() {
  stopping_ = true;
  thread_.join();
  close(listener_);
}

std::vector<ReceivedRequest> WebhookReceiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void WebhookReceiver::Serve() {
  while (!stopping_) {
    pollfd p{listener_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int connection = accept(listener_, nullptr, nullptr);
    if (connection < 0) continue;
    Handle(connection);
    close(connection);
  }
}

// One request per connection: headers, then Content-Length bytes of body.
void WebhookReceiver::Handle(int connection) {
  std::string data;
  char buffer[4096];
  std::size_t header_end = std::string::npos;
  std::size_t content_length = 0;
  for (;;) {
    pollfd p{connection, POLLIN, 0};
    if (poll(&p, 1, 5000) <= 0) return;
    const ssize_t n = read(connection, buffer, sizeof buffer);
    if (n <= 0) return;
    data.append(buffer, static_cast<std::size_t>(n));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end == std::string::npos) continue;
      const std::string lower = Lower(data.substr(0, header_end));
      if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
        content_length = std::stoul(lower.substr(at + 17));
      }
    }
    if (data.size() >= header_end + 4 + content_length) break;
  }
  ReceivedRequest request;
  const std::string head = data.substr(0, header_end);
  const std::size_t first_space = head.find(' ');
  request.target = head.substr(first_space + 1, head.find(' ', first_space + 1) - first_space - 1);
  for (std::size_t line = head.find("\r\n"); line != std::string::npos;) {
    const std::size_t next = head.find("\r\n", line + 2);
    const std::string field =
        head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
    if (const auto colon = field.find(':'); colon != std::string::npos) {
      std::string value = field.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers[Lower(field.substr(0, colon))] = value;
    }
    line = next;
  }
  request.body = data.substr(header_end + 4, content_length);
  const bool fail = failures_left_.fetch_sub(1) > 0;
  request.answered = fail ? 503 : 200;
  {
    std::lock_guard lock(mutex_);
    received_.push_back(request);
  }
  const std::string reply =
      fail ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
             "Connection: close\r\n\r\n"
           : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  // A receiver that cannot answer is what some tests simulate anyway: the sender sees an error.
  if (::write(connection, reply.data(), reply.size()) < 0) return;
}

}  // namespace licensor::testing
