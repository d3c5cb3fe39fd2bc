// Query strings and list paging parameters.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "core/store.hpp"

namespace licensor::server {

// Parses "a=1&b=x%20y"; fails on malformed percent-escapes and repeated keys.
Result<std::map<std::string, std::string>> ParseQuery(std::string_view query);

// `limit` (1..500, default 50) and the opaque `cursor` of the previous page's `next_cursor`.
Result<core::PageRequest> PageRequestFrom(const std::map<std::string, std::string>& query);
std::string EncodeCursor(std::int64_t seq);

}  // namespace licensor::server
