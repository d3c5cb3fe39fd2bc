// Where licensord's plain-HTTP port (--redirect-http) sends a request: the same path on HTTPS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace licensor::server {

// The HTTPS URL for `target` (origin form, "/path?query"): on `public_origin` when it is an
// https:// origin, else on the host the request named in its Host header, at `https_port`
// (left out when 443). nullopt when the Host header is not a host name or an IP address, so
// that no redirect points where the request did not name.
std::optional<std::string> HttpsLocation(std::string_view host_header, std::string_view target,
                                         std::uint16_t https_port, std::string_view public_origin);

}  // namespace licensor::server
