// Who the client is behind proxies and load balancers, and the key its requests are limited by.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace licensor::server {

// The proxies whose Forwarded / X-Forwarded-For headers are believed (--trusted-proxies).
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // "10.0.0.0/8,192.168.1.7,fd00::/8": addresses and CIDR ranges, IPv4 or IPv6, separated by
  // commas; an empty list trusts no one. kInvalidField names the entry that is not one.
  static Result<TrustedProxies> Parse(std::string_view list);

  bool Trusts(const boost::asio::ip::address& address) const;
  bool empty() const { return ranges_.empty(); }

  // The client's address for a request from `peer`. Only when the peer is trusted are the
  // forwarding headers read: RFC 7239 `Forwarded` when present, else `X-Forwarded-For`. Their
  // hops are walked from the nearest (the last) back, past every trusted proxy; the first
  // untrusted hop is the client. Anything before it was written by the client and is ignored,
  // so a client cannot choose its own address. A hop that is not an address ("unknown", an
  // obfuscated name) ends the walk at the proxy that reported it.
  std::string ClientAddress(const boost::asio::ip::address& peer, std::string_view forwarded,
                            std::string_view x_forwarded_for) const;

 private:
  struct Range {
    boost::asio::ip::address base;
    int prefix;
  };
  std::vector<Range> ranges_;
};

// Whether the nearest proxy says the browser reached it over HTTPS: the last `proto=` of
// `Forwarded`, else the last value of `X-Forwarded-Proto`. Believe it only from a trusted peer.
bool ForwardedOverHttps(std::string_view forwarded, std::string_view x_forwarded_proto);

// The key a client's requests are rate-limited by: an IPv4 address as it is, an IPv6 address
// by its /64 (one subscriber's network gets a /64 and can use any address in it), and an
// IPv4-mapped IPv6 address as the IPv4 address. Text that is not an address is its own key.
std::string RateLimitKey(std::string_view address);

}  // namespace licensor::server
