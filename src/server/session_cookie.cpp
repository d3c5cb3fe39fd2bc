// Cookie parsing follows RFC 6265 section 5.4: "name=value" pairs separated by "; ".
#include "server/session_cookie.hpp"

#include "common/text.hpp"
#include "crypto/encoding.hpp"

namespace licensor::server {
namespace {

constexpr std::string_view kBaseName = "licensor_session_";
constexpr std::string_view kHostPrefix = "__Host-";
constexpr std::size_t kTagHexDigits = 8;

Status CrossSite(std::string message) {
  return Status(ErrorCode::kCsrfRejected, std::move(message));
}

}  // namespace

SessionCookies::SessionCookies(const crypto::TokenHasher& hasher) {
  const auto tag = hasher.Subkey("cookie01");
  // A digest of the derived key: the tag names the deployment without revealing any key.
  const std::string_view bytes(reinterpret_cast<const char*>(tag.data()), tag.size());
  plain_name_ = std::string(kBaseName) + crypto::Sha256Hex(bytes).substr(0, kTagHexDigits);
}

std::string SessionCookies::Name(bool https) const {
  return https ? std::string(kHostPrefix) + plain_name_ : plain_name_;
}

std::string SessionCookies::SecretFrom(std::string_view header, bool https) const {
  const std::string wanted = Name(https);
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

std::string SessionCookies::Set(const std::string& secret, bool https,
                                UnixSeconds max_age_s) const {
  return Name(https) + "=" + secret + "; Path=/; Max-Age=" + std::to_string(max_age_s) +
         "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
}

std::string SessionCookies::Expired(bool https) const {
  return Name(https) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
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
