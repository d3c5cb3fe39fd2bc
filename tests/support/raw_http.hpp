// Raw bytes over a loopback socket, for tests of what the HTTP layer does with any input.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <string>

namespace licensor::testing {

inline unsigned short PortOf(const std::string& url) {
  return static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
}

// Sends raw bytes on a fresh connection and returns everything the server answers until it
// closes the connection.
inline std::string RawExchange(const std::string& url, const std::string& bytes) {
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), PortOf(url)});
  net::write(socket, net::buffer(bytes));
  std::string reply;
  boost::system::error_code ec;
  char buf[4096];
  for (;;) {
    const std::size_t n = socket.read_some(net::buffer(buf), ec);
    reply.append(buf, n);
    if (ec) break;
  }
  return reply;
}

// How many HTTP responses a byte stream holds.
inline int CountResponses(const std::string& reply) {
  int n = 0;
  for (std::size_t at = reply.find("HTTP/1.1 "); at != std::string::npos;
       at = reply.find("HTTP/1.1 ", at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace licensor::testing
