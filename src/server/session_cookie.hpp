// The console session's cookie, and the checks that keep another site's page from using it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"

namespace licensor::server {

// Over HTTPS the cookie takes the "__Host-" prefix, which browsers accept only with Secure,
// Path=/ and no Domain: a sibling subdomain then cannot plant a session of its own.
std::string SessionCookieName(bool https);

// The session's secret from a Cookie header, under the name SessionCookieName(https) gives;
// empty when there is none. Over HTTPS only the __Host- cookie counts: a plain one may have
// been planted by a sibling domain, which cannot set a __Host- cookie.
std::string SessionSecretFrom(std::string_view cookie_header, bool https);

// Set-Cookie values: HttpOnly, SameSite=Strict, Path=/, and Secure over HTTPS.
std::string SessionCookie(const std::string& secret, bool https, UnixSeconds max_age_s);
std::string ExpiredSessionCookie(bool https);

// What a state-changing request from a browser must satisfy: no Sec-Fetch-Site of
// "cross-site", and an Origin, when sent, equal to the console's own. `own_origin` is
// "scheme://host[:port]".
Status CheckSameOrigin(std::string_view origin, std::string_view sec_fetch_site,
                       std::string_view own_origin);

}  // namespace licensor::server
