// Keyed hashing of API tokens, so that the store never holds a usable secret.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace licensor::crypto {

// Hashes tokens with BLAKE2b-256 under a server-side key kept outside the database, so a stolen
// database alone neither reveals tokens nor allows offline guessing against them.
class TokenHasher {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  explicit TokenHasher(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {}

  // Lower-case hex of the keyed hash.
  std::string Hash(std::string_view token) const;
  // A key for another purpose, named by `context` (8 characters), derived from the token key:
  // every node that shares the token key derives the same one, and neither reveals the other.
  std::array<unsigned char, kKeyBytes> Subkey(const char (&context)[9]) const;

 private:
  std::array<unsigned char, kKeyBytes> key_;
};

// Compares two strings in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace licensor::crypto
