// The canonical JSON of signed payloads: exactly what nlohmann::json::dump() writes (keys in
// bytewise order, no whitespace, minimal escapes, raw UTF-8), integers only, an object at the
// top. One pass checks the form and builds the document; this is on every license load.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace licensor::crypto {

// True, with the document in `out`, when `text` is canonical; false for anything else
// (whitespace, duplicate or unordered keys, floats, "-0", needless escapes, invalid UTF-8,
// nesting deeper than 64, trailing bytes).
bool ParseCanonicalJson(std::string_view text, nlohmann::json& out);

}  // namespace licensor::crypto
