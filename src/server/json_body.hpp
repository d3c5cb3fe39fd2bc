// Reading a request's JSON body: bounded nesting, one object, each key once.
#pragma once

#include <string_view>

#include "common/status.hpp"
#include "core/serialize.hpp"

namespace licensor::server {

// Parses `text` as one JSON object. Fails with kInvalidJson when it is not JSON, not an object,
// nested deeper than `max_depth`, or when an object names a key twice: parsers disagree on
// which of two values wins, so a body a proxy or an audit reads one way must not mean another
// here.
Result<core::Json> ParseJsonObject(std::string_view text, std::size_t max_depth);

}  // namespace licensor::server
