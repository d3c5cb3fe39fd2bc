// Query strings and list paging parameters.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "core/store.hpp"

namespace licensor::server {

enum class UrlPart { kPath, kQuery };
// Percent-decodes one path segment or query key or value ('+' is a space in a query only).
// Every parameter a handler sees comes through here, so a malformed escape or bytes that are
// not UTF-8 are refused (kInvalidField) in this one place.
Result<std::string> DecodeUrlComponent(std::string_view s, UrlPart part);

// Whether `path` (without its query) is spelled the one way it is served: "/" alone, or
// segments that are neither empty ("//", a trailing "/"), nor "." or "..", nor hold an encoded
// '/', '\' or '.'-only name. A proxy that guards paths by prefix then sees the path licensord
// serves; anything else is kNotFound, decided here for every route and the console's files.
Status CheckCanonicalPath(std::string_view path);

// The inverse: every byte but RFC 3986's unreserved characters percent-encoded, so a value put
// into a link stays one parameter whatever it holds ('&', '#', '=', '%').
std::string EncodeUrlComponent(std::string_view s);

// Parses "a=1&b=x%20y"; fails on malformed percent-escapes and repeated keys.
Result<std::map<std::string, std::string>> ParseQuery(std::string_view query);

// `limit` (1..500, default 50) and the opaque `cursor` of the previous page's `next_cursor`.
Result<core::PageRequest> PageRequestFrom(const std::map<std::string, std::string>& query);
std::string EncodeCursor(std::int64_t seq);

}  // namespace licensor::server
