// Request framing rules.
#include "server/http_framing.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>

#include "common/text.hpp"

namespace licensor::server {
namespace http = boost::beast::http;
namespace {

// True when every Transfer-Encoding line, taken together, names exactly one coding: chunked.
// Licensor decodes no other coding, and a final coding other than chunked leaves the body's
// end unknown (RFC 9112 6.3), which is how requests are smuggled past a proxy.
bool OnlyChunked(const http::request_header<>& header) {
  int codings = 0;
  bool chunked = false;
  for (const auto& field : header) {
    if (field.name() != http::field::transfer_encoding) continue;
    std::string_view rest(field.value().data(), field.value().size());
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::string_view coding = TrimBlanks(rest.substr(0, comma));
      if (!coding.empty()) {
        ++codings;
        chunked = EqualsNoCase(coding, "chunked");
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return codings == 1 && chunked;
}

}  // namespace

bool HasObsoleteLineFolding(std::string_view header_section) {
  for (std::size_t i = header_section.find('\n'); i != std::string_view::npos;
       i = header_section.find('\n', i + 1)) {
    if (i + 1 < header_section.size() &&
        (header_section[i + 1] == ' ' || header_section[i + 1] == '\t')) {
      return true;
    }
  }
  return false;
}

Status CheckFraming(const http::request_header<>& header) {
  const auto malformed = [](std::string detail) {
    return Status(ErrorCode::kMalformedRequest, std::move(detail));
  };
  if (header.count(http::field::transfer_encoding) > 0 && !OnlyChunked(header)) {
    return malformed("the only Transfer-Encoding accepted is chunked");
  }
  const std::size_t hosts = header.count(http::field::host);
  if (hosts > 1) return malformed("the request has more than one Host header");
  if (hosts == 0 && header.version() >= 11) {
    return malformed("an HTTP/1.1 request needs a Host header");
  }
  if (header.count(http::field::authorization) > 1) {
    return malformed("the request has more than one Authorization header");
  }
  return Status::Ok();
}

std::size_t HeaderSectionEnd(std::string_view data, std::size_t from) {
  for (std::size_t i = data.find('\n', from); i != std::string_view::npos;
       i = data.find('\n', i + 1)) {
    if (i + 1 < data.size() && data[i + 1] == '\n') return i + 2;
    if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

Result<std::string> OriginFormTarget(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target);
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (StartsWithNoCase(target, scheme)) {
      const std::string_view after = target.substr(scheme.size());
      const std::size_t path = after.find_first_of("/?");
      if (path == 0) break;  // no authority
      if (path == std::string_view::npos) return std::string("/");
      if (after[path] == '?') return "/" + std::string(after.substr(path));
      return std::string(after.substr(path));
    }
  }
  return Status(ErrorCode::kMalformedRequest,
                "the request target must be a path such as /v1/products, or an absolute URL");
}

bool IsJsonMediaType(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  if (!EqualsNoCase(TrimBlanks(content_type.substr(0, semicolon)), "application/json"))
    return false;
  if (semicolon == std::string_view::npos) return true;
  std::string_view parameter = TrimBlanks(content_type.substr(semicolon + 1));
  if (parameter.empty()) return true;
  const std::size_t eq = parameter.find('=');
  if (eq == std::string_view::npos ||
      !EqualsNoCase(TrimBlanks(parameter.substr(0, eq)), "charset")) {
    return false;
  }
  std::string_view charset = TrimBlanks(parameter.substr(eq + 1));
  if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"') {
    charset = charset.substr(1, charset.size() - 2);
  }
  return EqualsNoCase(charset, "utf-8");
}

}  // namespace licensor::server
