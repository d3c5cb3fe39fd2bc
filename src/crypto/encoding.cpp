#include "crypto/encoding.hpp"

#include <sodium.h>

#include <vector>

namespace licensor::crypto {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool DecodeBase64Strict(std::string_view text, std::string& out) {
  std::vector<unsigned char> bytes(text.size());
  std::size_t length = 0;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  const std::string_view decoded(reinterpret_cast<const char*>(bytes.data()), length);
  if (Base64(decoded) != text) return false;
  out.assign(decoded);
  return true;
}

}  // namespace licensor::crypto
