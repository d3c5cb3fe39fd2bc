// BLAKE2b keyed token hashing and constant-time comparison.
#include "crypto/token_hasher.hpp"

#include <sodium.h>

namespace licensor::crypto {

std::string TokenHasher::Hash(std::string_view token) const {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), key_.data(), key_.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::array<unsigned char, TokenHasher::kKeyBytes> TokenHasher::Subkey(
    const char (&context)[9]) const {
  static_assert(crypto_kdf_CONTEXTBYTES == 8 && crypto_kdf_KEYBYTES == kKeyBytes);
  std::array<unsigned char, kKeyBytes> subkey{};
  crypto_kdf_derive_from_key(subkey.data(), subkey.size(), 1, context, key_.data());
  return subkey;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace licensor::crypto
