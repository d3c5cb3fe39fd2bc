// UTF-8 validation and license code normalisation.
#include "common/text.hpp"

namespace licensor {

std::string WithoutWhiteSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c != ' ' && (c < '\t' || c > '\r')) out.push_back(c);
  }
  return out;
}

std::string CanonicalLicenseCode(std::string_view typed) {
  std::string code = WithoutWhiteSpace(typed);
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return code;
}

std::size_t TextLength(std::string_view text) {
  // A character is each byte that does not continue one (10xxxxxx).
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  }));
}

Status CheckTextLength(std::string_view text, std::string_view field, std::size_t min,
                       std::size_t max) {
  const std::size_t length = TextLength(text);
  if (length >= min && length <= max) return Status::Ok();
  const std::string name(field);
  if (min == 0) {
    return Status::InvalidField(name + " must be at most " + std::to_string(max) + " characters");
  }
  return Status::InvalidField(name + " must be " + std::to_string(min) + " to " +
                              std::to_string(max) + " characters");
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int length = 0;
    unsigned char min_second = 0x80, max_second = 0xBF;  // the second byte's range
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) min_second = 0xA0;  // overlong
      if (c == 0xED) max_second = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) min_second = 0x90;  // overlong
      if (c == 0xF4) max_second = 0x8F;  // past U+10FFFF
    } else {
      return false;  // a continuation byte, or C0, C1, F5..FF
    }
    if (end - p < length) return false;
    if (p[1] < min_second || p[1] > max_second) return false;
    for (int i = 2; i < length; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += length;
  }
  return true;
}

}  // namespace licensor
