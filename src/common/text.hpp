// Small text checks shared by the layers that accept identifiers, URLs and text from clients.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace licensor {

// Printable ASCII without spaces: safe to show, log, and put in a URL or a file name.
inline bool IsPrintableToken(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
}

// ASCII case-insensitive comparisons, as HTTP compares header names, schemes and tokens.
inline char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
inline bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}
inline bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsNoCase(text.substr(0, prefix.size()), prefix);
}

// `text` without the spaces and tabs around it (HTTP's optional white space, list items).
inline std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `text` without its spaces, tabs and line ends, wherever they are: a value a person pasted.
std::string WithoutWhiteSpace(std::string_view text);

// A license code as Licensor issues and displays it ("LIC-2345-ABCDEFGHJKMN-PQRS"), from what a
// person typed or pasted: white space anywhere dropped, letters in upper case. Issued codes are
// upper case, so every lookup, limit and comparison uses this form and "lic-2345-..." is the
// same code.
std::string CanonicalLicenseCode(std::string_view typed);

// The items separated by ", ", as a list reads in a message.
template <typename Items>
std::string Join(const Items& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// The choices a value must be one of, as a message says them: "A, B or C".
template <typename Items>
std::string OneOf(const Items& items) {
  std::string out;
  std::size_t i = 0;
  for (const auto& item : items) {
    if (i > 0) out += i + 1 == std::size(items) ? " or " : ", ";
    out += item;
    ++i;
  }
  return out;
}

// The longest name a person gives a thing (a product, a policy, a token, an agent), in characters.
inline constexpr std::size_t kMaxNameLength = 200;

// The length of UTF-8 text in characters (code points): what JSON Schema's maxLength counts and
// what a person counts in what they typed. Every limit on text a client sends is in these.
std::size_t TextLength(std::string_view text);

// Refuses text shorter than `min` or longer than `max` characters, naming the field.
Status CheckTextLength(std::string_view text, std::string_view field, std::size_t min,
                       std::size_t max);

// Well-formed UTF-8 (RFC 3629): no stray continuation bytes, no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing past U+10FFFF.
bool IsValidUtf8(std::string_view text);

}  // namespace licensor
