// The console session's cookie, and the checks that keep another site's page from using it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"
#include "crypto/token_hasher.hpp"

namespace licensor::server {

// The session cookie's name ends in a tag of this deployment ("licensor_session_3fa9c1d2"):
// browsers do not separate cookies by port, so two licensords on one host (a vendor's and an
// installation's) would otherwise sign each other out. Every node that shares the token key
// derives the same tag, so a session works on each node behind a load balancer.
//
// Over HTTPS the cookie takes the "__Host-" prefix, which browsers accept only with Secure,
// Path=/ and no Domain: a sibling subdomain then cannot plant a session of its own.
class SessionCookies {
 public:
  explicit SessionCookies(const crypto::TokenHasher& hasher);

  std::string Name(bool https) const;
  // The session's secret from a Cookie header, under Name(https); empty when there is none.
  // Over HTTPS only the __Host- cookie counts: a plain one may have been planted by a sibling
  // domain, which cannot set a __Host- cookie.
  std::string SecretFrom(std::string_view cookie_header, bool https) const;
  // Set-Cookie values: HttpOnly, SameSite=Strict, Path=/, and Secure over HTTPS.
  std::string Set(const std::string& secret, bool https, UnixSeconds max_age_s) const;
  std::string Expired(bool https) const;

 private:
  std::string plain_name_;
};

// What a state-changing request from a browser must satisfy: no Sec-Fetch-Site of
// "cross-site", and an Origin, when sent, equal to the console's own. `own_origin` is
// "scheme://host[:port]".
Status CheckSameOrigin(std::string_view origin, std::string_view sec_fetch_site,
                       std::string_view own_origin);

}  // namespace licensor::server
