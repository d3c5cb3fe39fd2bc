// What a request's header section must satisfy before its body is read (RFC 9112), decided in
// one place so that every request is framed the same way behind any proxy.
#pragma once

#include <boost/beast/http/message.hpp>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace licensor::server {

// Where the header section ends in `data` (just past its blank line), scanning from `from`, or
// npos while it has not arrived. A bare LF ending is found too, so that the parser can refuse
// it at once.
std::size_t HeaderSectionEnd(std::string_view data, std::size_t from);

// Whether the bytes of a header section (request line to the blank line) fold a field value
// over several lines. Obsolete folding is refused rather than unfolded: a proxy in front may
// read the folded line differently.
bool HasObsoleteLineFolding(std::string_view header_section);

// Checks a parsed header: a Transfer-Encoding must end in chunked and say nothing else, an
// HTTP/1.1 request has exactly one Host, and no request has two Authorization headers. A
// failure is kMalformedRequest, and the connection must be closed after the reply, since what
// follows cannot be told apart from a next request.
Status CheckFraming(const boost::beast::http::request_header<>& header);

// The origin form ("/path?query") of a request target; an absolute-form target
// ("http://host/path") is accepted and reduced to it, any other form is refused.
Result<std::string> OriginFormTarget(std::string_view target);

// Whether a Content-Type names JSON: "application/json", in any case, optionally with a
// "charset=utf-8" parameter. "application/jsonx" or a charset other than UTF-8 is not.
bool IsJsonMediaType(std::string_view content_type);

}  // namespace licensor::server
