// Trusted proxy ranges and forwarding headers.
#include "server/client_address.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "common/text.hpp"

namespace licensor::server {
namespace ip = boost::asio::ip;
namespace {

std::vector<std::string_view> SplitList(std::string_view s, char separator) {
  std::vector<std::string_view> out;
  while (true) {
    const std::size_t at = s.find(separator);
    out.push_back(TrimBlanks(s.substr(0, at)));
    if (at == std::string_view::npos) return out;
    s.remove_prefix(at + 1);
  }
}

// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are the IPv4 address, as the kernel reports
// IPv4 peers on a dual-stack socket.
ip::address Unmapped(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  }
  return a;
}

std::optional<ip::address> ParseAddress(std::string_view text) {
  boost::system::error_code ec;
  const ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return Unmapped(a);
}

// A forwarded hop as written in X-Forwarded-For or a Forwarded "for=": "192.0.2.1",
// "192.0.2.1:4711", "2001:db8::1", "[2001:db8::1]:4711", each optionally quoted.
std::optional<ip::address> ParseHop(std::string_view hop) {
  hop = TrimBlanks(hop);
  if (hop.size() >= 2 && hop.front() == '"' && hop.back() == '"') {
    hop = hop.substr(1, hop.size() - 2);
  }
  if (!hop.empty() && hop.front() == '[') {
    const std::size_t close = hop.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return ParseAddress(hop.substr(1, close - 1));
  }
  if (std::count(hop.begin(), hop.end(), ':') == 1) hop = hop.substr(0, hop.find(':'));
  return ParseAddress(hop);
}

// The "for=" values of a Forwarded header, nearest hop last; a hop without one is empty.
std::vector<std::string_view> ForwardedFor(std::string_view forwarded) {
  std::vector<std::string_view> hops;
  for (const std::string_view element : SplitList(forwarded, ',')) {
    std::string_view hop;
    for (const std::string_view pair : SplitList(element, ';')) {
      if (pair.size() > 4 && StartsWithNoCase(pair, "for=")) {
        hop = pair.substr(4);
      }
    }
    hops.push_back(hop);
  }
  return hops;
}

bool InRange(const ip::address& a, const ip::address& base, int prefix) {
  if (a.is_v4() != base.is_v4()) return false;
  const auto bytes_of = [](const ip::address& x) {
    std::array<unsigned char, 16> out{};
    if (x.is_v4()) {
      const auto b = x.to_v4().to_bytes();
      std::copy(b.begin(), b.end(), out.begin());
    } else {
      out = x.to_v6().to_bytes();
    }
    return out;
  };
  const auto x = bytes_of(a), y = bytes_of(base);
  for (int bit = 0; bit < prefix; bit += 8) {
    const int bits = std::min(8, prefix - bit);
    const unsigned char mask = static_cast<unsigned char>(0xff << (8 - bits));
    if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) return false;
  }
  return true;
}

bool IsHeaderName(std::string_view name) {
  // RFC 9110's token characters, the ones a header name is made of.
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view list, std::string_view header) {
  TrustedProxies out;
  header = TrimBlanks(header);
  if (!IsHeaderName(header)) {
    return Status::InvalidField("--client-ip-header: '" + std::string(header.substr(0, 64)) +
                                "' is not a header name such as X-Forwarded-For");
  }
  out.header_ = std::string(header);
  out.header_is_forwarded_ = EqualsNoCase(header, "Forwarded");
  if (TrimBlanks(list).empty()) return out;
  for (const std::string_view entry : SplitList(list, ',')) {
    const std::size_t slash = entry.find('/');
    const auto base = ParseAddress(entry.substr(0, slash));
    const int width = base && base->is_v4() ? 32 : 128;
    int prefix = width;
    if (slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc() || end != digits.data() + digits.size()) prefix = -1;
    }
    if (!base || prefix < 0 || prefix > width) {
      return Status::InvalidField("--trusted-proxies: '" + std::string(entry.substr(0, 64)) +
                                  "' is not an address or CIDR range such as 10.0.0.0/8");
    }
    out.ranges_.push_back(Range{*base, prefix});
  }
  return out;
}

bool TrustedProxies::Trusts(const ip::address& address) const {
  const ip::address a = Unmapped(address);
  return std::any_of(ranges_.begin(), ranges_.end(),
                     [&](const Range& r) { return InRange(a, r.base, r.prefix); });
}

std::string TrustedProxies::ClientAddress(const ip::address& peer,
                                          std::string_view header_value) const {
  ip::address client = Unmapped(peer);
  if (!Trusts(client)) return client.to_string();
  const std::vector<std::string_view> hops =
      header_is_forwarded_ ? ForwardedFor(header_value) : SplitList(header_value, ',');
  for (auto hop = hops.rbegin(); hop != hops.rend() && !hop->empty(); ++hop) {
    const auto address = ParseHop(*hop);
    if (!address) break;
    client = *address;
    if (!Trusts(client)) break;
  }
  return client.to_string();
}

std::string RateLimitKey(std::string_view address) {
  const auto a = ParseAddress(address);
  if (!a) return std::string(address);
  if (a->is_v4()) return a->to_string();
  auto bytes = a->to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes).to_string() + "/64";
}

bool TrustedProxies::OverHttps(const ip::address& peer, std::string_view forwarded,
                               std::string_view x_forwarded_proto) const {
  if (!Trusts(peer)) return false;
  // The nearest hop is the last list element.
  const auto last = [](std::string_view list) {
    const std::size_t comma = list.rfind(',');
    return TrimBlanks(comma == std::string_view::npos ? list : list.substr(comma + 1));
  };
  if (!header_is_forwarded_) return last(x_forwarded_proto) == "https";
  for (const std::string_view pair : SplitList(last(forwarded), ';')) {
    if (pair.size() > 6 && StartsWithNoCase(pair, "proto=")) {
      std::string_view proto = pair.substr(6);
      if (proto.size() >= 2 && proto.front() == '"') proto = proto.substr(1, proto.size() - 2);
      return proto == "https";
    }
  }
  return false;
}

}  // namespace licensor::server
