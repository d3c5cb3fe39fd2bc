// Who the client is behind proxies and load balancers, and the key its requests are limited by.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"

namespace licensor::server {

// The proxies whose forwarding header is believed (--trusted-proxies), and the one header they
// write the client's address in (--client-ip-header).
class TrustedProxies {
 public:
  TrustedProxies() = default;
  // `list`: "10.0.0.0/8,192.168.1.7,fd00::/8": addresses and CIDR ranges, IPv4 or IPv6,
  // separated by commas; an empty list trusts no one. `header`: the header's name, such as
  // X-Forwarded-For (the default), Forwarded (RFC 7239) or X-Real-IP. kInvalidField names the
  // entry or the header that is not one.
  static Result<TrustedProxies> Parse(std::string_view list,
                                      std::string_view header = kDefaultClientIpHeader);
  static constexpr std::string_view kDefaultClientIpHeader = "X-Forwarded-For";

  bool Trusts(const boost::asio::ip::address& address) const;
  bool empty() const { return ranges_.empty(); }
  // The header the proxies write, and which of the kinds it is.
  const std::string& header() const { return header_; }
  bool header_is_forwarded() const { return header_is_forwarded_; }

  // The client's address for a request from `peer`, given the value of header() (its fields
  // joined by commas). Only when the peer is trusted is the header read: its hops are walked
  // from the nearest (the last) back, past every trusted proxy, and the first untrusted hop is
  // the client. Anything before it was written by the client and is ignored, and so is every
  // other forwarding header, so a client cannot choose its own address. A hop that is not an
  // address ("unknown", an obfuscated name) ends the walk at the proxy that reported it.
  std::string ClientAddress(const boost::asio::ip::address& peer,
                            std::string_view header_value) const;

  // Whether the nearest proxy says the browser reached it over HTTPS: with the Forwarded
  // header, its last `proto=`; with any other, the last value of X-Forwarded-Proto. Believed
  // only from a trusted peer; `forwarded` and `x_forwarded_proto` are the two headers' values.
  bool OverHttps(const boost::asio::ip::address& peer, std::string_view forwarded,
                 std::string_view x_forwarded_proto) const;

 private:
  struct Range {
    boost::asio::ip::address base;
    int prefix;
  };
  std::vector<Range> ranges_;
  std::string header_{kDefaultClientIpHeader};
  bool header_is_forwarded_ = false;
};

// The key a client's requests are rate-limited by: an IPv4 address as it is, an IPv6 address
// by its /64 (one subscriber's network gets a /64 and can use any address in it), and an
// IPv4-mapped IPv6 address as the IPv4 address. Text that is not an address is its own key.
std::string RateLimitKey(std::string_view address);

}  // namespace licensor::server
