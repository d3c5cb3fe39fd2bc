// Small text checks shared by the layers that accept identifiers, URLs and text from clients.
#pragma once

#include <algorithm>
#include <string_view>

namespace licensor {

// Printable ASCII without spaces: safe to show, log, and put in a URL or a file name.
inline bool IsPrintableToken(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
}

// Well-formed UTF-8 (RFC 3629): no stray continuation bytes, no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

}  // namespace licensor
