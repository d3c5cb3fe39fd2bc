// Cookie parsing follows RFC 6265 section 5.4: "name=value" pairs separated by "; ".
#include "server/session_cookie.hpp"

#include "common/text.hpp"

namespace licensor::server {
namespace {

constexpr std::string_view kPlainName = "licensor_session";
constexpr std::string_view kHostName = "__Host-licensor_session";

Status CrossSite(std::string message) {
  return Status(ErrorCode::kCsrfRejected, std::move(message));
}

}  // namespace

std::string SessionCookieName(bool https) { return std::string(https ? kHostName : kPlainName); }

std::string SessionSecretFrom(std::string_view header, bool https) {
  const std::string_view wanted = https ? kHostName : kPlainName;
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    const std::string_view pair = TrimBlanks(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = pair.substr(0, eq);
    if (name == wanted) return std::string(pair.substr(eq + 1));
  }
  return "";
}

std::string SessionCookie(const std::string& secret, bool https, UnixSeconds max_age_s) {
  return SessionCookieName(https) + "=" + secret +
         "; Path=/; Max-Age=" + std::to_string(max_age_s) + "; HttpOnly; SameSite=Strict" +
         (https ? "; Secure" : "");
}

std::string ExpiredSessionCookie(bool https) {
  return SessionCookieName(https) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (https ? "; Secure" : "");
}

Status CheckSameOrigin(std::string_view origin, std::string_view sec_fetch_site,
                       std::string_view own_origin) {
  if (sec_fetch_site == "cross-site") {
    return CrossSite("a request from another site's page may not change anything here");
  }
  if (!origin.empty() && origin != own_origin) {
    return CrossSite("the request's Origin is not this console's");
  }
  return Status::Ok();
}

}  // namespace licensor::server
