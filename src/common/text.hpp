// Small text checks shared by the services that accept identifiers and URLs from clients.
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

}  // namespace licensor
