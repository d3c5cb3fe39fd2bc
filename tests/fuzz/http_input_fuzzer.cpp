// libFuzzer target for every hand-written parser of a request's bytes: the header scan and line
// folding, the framing checks, the target and its percent-decoding, the query, the canonical
// path, the JSON body builder, the cookie header, and the client's address from forwarding
// headers. The first byte of an input picks the parser; the rest is its input. Built with clang
// and the address and undefined-behaviour sanitizers by tests/fuzz/run.sh.
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "server/client_address.hpp"
#include "server/http_framing.hpp"
#include "server/json_body.hpp"
#include "server/query.hpp"
#include "server/session_cookie.hpp"

namespace {

using namespace licensor::server;
namespace http = boost::beast::http;

void Check(bool invariant) {
  if (!invariant) std::abort();
}

void HeaderSection(std::string_view bytes) {
  const std::size_t end = HeaderSectionEnd(bytes, 0);
  Check(end == std::string_view::npos || end <= bytes.size());
  (void)HasObsoleteLineFolding(bytes);
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
  if (!ec && parser.is_header_done()) {
    (void)CheckFraming(parser.get().base());
    const auto target = OriginFormTarget(
        std::string_view(parser.get().target().data(), parser.get().target().size()));
    if (target.ok()) Check(!target->empty() && target->front() == '/');
    (void)IsJsonMediaType(std::string_view(parser.get()[http::field::content_type].data(),
                                           parser.get()[http::field::content_type].size()));
  }
}

void Target(std::string_view text) {
  const auto target = OriginFormTarget(text);
  if (!target.ok()) return;
  const std::string_view t = *target;
  const std::size_t qmark = t.find('?');
  const std::string_view path = t.substr(0, qmark);
  if (CheckCanonicalPath(path).ok()) {
    Check(path == "/" || (path.find("//") == std::string_view::npos && path.back() != '/'));
  }
  for (const UrlPart part : {UrlPart::kPath, UrlPart::kQuery}) {
    const auto decoded = DecodeUrlComponent(path, part);
    // What decodes re-encodes to something that decodes to it again.
    if (decoded.ok()) Check(*DecodeUrlComponent(EncodeUrlComponent(*decoded), part) == *decoded);
  }
  if (qmark != std::string_view::npos) (void)ParseQuery(t.substr(qmark + 1));
}

void JsonBody(std::string_view text) {
  const auto parsed = ParseJsonObject(text, 32);
  if (!parsed.ok()) return;
  Check(parsed->is_object());
  // An accepted body is plain JSON: the reference parser reads the same value from it.
  const auto reference = licensor::core::Json::parse(text, nullptr, false);
  Check(!reference.is_discarded() && reference == *parsed);
}

void Cookie(std::string_view header) {
  static const licensor::server::SessionCookies cookies(licensor::crypto::TokenHasher({}));
  for (const bool https : {false, true}) {
    const std::string secret = cookies.SecretFrom(header, https);
    Check(secret.size() <= header.size());
  }
}

void Forwarded(std::string_view value, const char* header) {
  static const auto trusted = [](const char* h) {
    return *TrustedProxies::Parse("127.0.0.1,10.0.0.0/8,fd00::/8", h);
  };
  static const TrustedProxies xff = trusted("X-Forwarded-For");
  static const TrustedProxies rfc7239 = trusted("Forwarded");
  const TrustedProxies& proxies = std::string_view(header) == "Forwarded" ? rfc7239 : xff;
  const auto peer = boost::asio::ip::make_address("10.0.0.2");
  const std::string client = proxies.ClientAddress(peer, value);
  // The client is always an address, never text the client wrote that is not one.
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(client, ec);
  Check(!ec);
  (void)proxies.OverHttps(peer, value, value);
  (void)RateLimitKey(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 6) {
    case 0:
      HeaderSection(input);
      break;
    case 1:
      Target(input);
      break;
    case 2:
      JsonBody(input);
      break;
    case 3:
      Cookie(input);
      break;
    case 4:
      Forwarded(input, "X-Forwarded-For");
      break;
    case 5:
      Forwarded(input, "Forwarded");
      break;
  }
  return 0;
}
