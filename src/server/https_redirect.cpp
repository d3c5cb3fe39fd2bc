// The Host header is the client's: it is checked to be a host, and only its host is kept.
#include "server/https_redirect.hpp"

#include <algorithm>
#include <cctype>

namespace licensor::server {
namespace {

constexpr std::size_t kMaxHostLength = 253;  // a DNS name's longest spelling

bool IsHostNameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

// "example.com", "example.com:8080", "[2001:db8::1]:8080" → the host without its port.
std::optional<std::string_view> HostOf(std::string_view header) {
  if (header.starts_with('[')) {
    const auto close = header.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view inside = header.substr(1, close - 1);
    const bool hex = !inside.empty() && std::all_of(inside.begin(), inside.end(), [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
    });
    if (!hex) return std::nullopt;
    const std::string_view rest = header.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return std::nullopt;
    return header.substr(0, close + 1);
  }
  const std::string_view host = header.substr(0, header.find(':'));
  if (host.empty() || host.size() > kMaxHostLength ||
      !std::all_of(host.begin(), host.end(), IsHostNameCharacter)) {
    return std::nullopt;
  }
  return host;
}

}  // namespace

std::optional<std::string> HttpsLocation(std::string_view host_header, std::string_view target,
                                         std::uint16_t https_port, std::string_view public_origin) {
  if (!target.starts_with('/')) return std::nullopt;
  if (public_origin.starts_with("https://")) return std::string(public_origin).append(target);
  const auto host = HostOf(host_header);
  if (!host) return std::nullopt;
  std::string location = "https://";
  location.append(*host);
  if (https_port != 443) location.append(":").append(std::to_string(https_port));
  return location.append(target);
}

}  // namespace licensor::server
