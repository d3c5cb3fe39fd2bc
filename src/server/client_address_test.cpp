// The client behind trusted proxies, and the rate-limit key of an address.
#include "server/client_address.hpp"

#include <gtest/gtest.h>

namespace licensor::server {
namespace {
namespace ip = boost::asio::ip;

TrustedProxies Trusting(const char* list,
                        std::string_view header = TrustedProxies::kDefaultClientIpHeader) {
  auto parsed = TrustedProxies::Parse(list, header);
  EXPECT_TRUE(parsed.ok()) << list;
  return parsed.ok() ? *parsed : TrustedProxies();
}

TEST(TrustedProxies, ParsesAddressesAndRangesAndNamesABadEntry) {
  const auto proxies = Trusting("10.0.0.0/8, 192.168.1.7,fd00::/8");
  EXPECT_TRUE(proxies.Trusts(ip::make_address("10.200.3.4")));
  EXPECT_TRUE(proxies.Trusts(ip::make_address("192.168.1.7")));
  EXPECT_FALSE(proxies.Trusts(ip::make_address("192.168.1.8")));
  EXPECT_TRUE(proxies.Trusts(ip::make_address("fd12::1")));
  EXPECT_TRUE(proxies.Trusts(ip::make_address("::ffff:10.1.1.1")));  // IPv4 on a v6 socket
  EXPECT_FALSE(proxies.Trusts(ip::make_address("11.0.0.1")));
  for (const char* bad : {"10.0.0.0/33", "fd00::/129", "proxy.example", "10.0.0.0/", "1.2.3.4/x"}) {
    const auto parsed = TrustedProxies::Parse(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find(std::string(bad).substr(0, 4)), std::string::npos);
  }
  EXPECT_TRUE(TrustedProxies::Parse("").ok());
}

TEST(TrustedProxies, RefusesAHeaderNameThatIsNotOne) {
  for (const char* bad : {"", "X Forwarded", "X-Forwarded-For:", "Forwarded\r\nX: y"}) {
    const auto parsed = TrustedProxies::Parse("10.0.0.0/8", bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find("--client-ip-header"), std::string::npos);
  }
  EXPECT_TRUE(Trusting("10.0.0.0/8", "forwarded").header_is_forwarded());
  EXPECT_FALSE(Trusting("10.0.0.0/8", "X-Real-IP").header_is_forwarded());
}

TEST(TrustedProxies, UntrustedPeersAreTheClientWhateverTheySay) {
  const auto none = Trusting("");
  EXPECT_EQ(none.ClientAddress(ip::make_address("203.0.113.9"), "1.1.1.1"), "203.0.113.9");
  const auto lb = Trusting("10.0.0.0/8");
  EXPECT_EQ(lb.ClientAddress(ip::make_address("203.0.113.9"), "1.1.1.1"), "203.0.113.9");
  EXPECT_FALSE(lb.OverHttps(ip::make_address("203.0.113.9"), "", "https"));
}

TEST(TrustedProxies, TheNearestUntrustedHopIsTheClient) {
  const auto lb = Trusting("10.0.0.0/8");
  const auto peer = ip::make_address("10.0.0.2");
  EXPECT_EQ(lb.ClientAddress(peer, "198.51.100.7"), "198.51.100.7");
  // The client wrote the first hop itself; the proxies appended the rest.
  EXPECT_EQ(lb.ClientAddress(peer, "6.6.6.6, 198.51.100.7, 10.0.0.9"), "198.51.100.7");
  // A hop that is no address ends the walk at the proxy that reported it.
  EXPECT_EQ(lb.ClientAddress(peer, "unknown"), "10.0.0.2");
  EXPECT_EQ(lb.ClientAddress(peer, ""), "10.0.0.2");

  const auto rfc7239 = Trusting("10.0.0.0/8", "Forwarded");
  EXPECT_EQ(
      rfc7239.ClientAddress(peer, "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https"),
      "2001:db8:cafe::17");
  EXPECT_EQ(rfc7239.ClientAddress(peer, "for=192.0.2.60:80;by=10.0.0.2"), "192.0.2.60");
  EXPECT_EQ(rfc7239.ClientAddress(peer, "for=unknown"), "10.0.0.2");
}

TEST(TrustedProxies, HttpsIsReadFromTheHeaderKindTheProxyWrites) {
  const auto peer = ip::make_address("10.0.0.2");
  const auto xff = Trusting("10.0.0.0/8");
  // A client's own Forwarded passed through says nothing when the proxy writes X-Forwarded-*.
  EXPECT_FALSE(xff.OverHttps(peer, "for=1.2.3.4;proto=https", "http"));
  EXPECT_TRUE(xff.OverHttps(peer, "", "http, https"));
  const auto rfc7239 = Trusting("10.0.0.0/8", "Forwarded");
  EXPECT_FALSE(rfc7239.OverHttps(peer, "", "https"));
  EXPECT_TRUE(rfc7239.OverHttps(peer, "for=1.2.3.4;proto=http, for=5.6.7.8;Proto=https", ""));
  EXPECT_FALSE(rfc7239.OverHttps(peer, "for=1.2.3.4;proto=https, for=5.6.7.8", ""));
}

TEST(RateLimitKey, GroupsIpv6ByItsSlash64) {
  EXPECT_EQ(RateLimitKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(RateLimitKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(RateLimitKey("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
  EXPECT_NE(RateLimitKey("2001:db8:1:3::1"), RateLimitKey("2001:db8:1:2::1"));
  EXPECT_EQ(RateLimitKey("::ffff:192.0.2.1"), "192.0.2.1");
}

}  // namespace
}  // namespace licensor::server
