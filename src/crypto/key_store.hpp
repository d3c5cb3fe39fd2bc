// The server's secret material in its data directory: the Ed25519 signing key and the token key.
#pragma once

#include <array>
#include <string>

#include "common/status.hpp"

namespace licensor::crypto {

struct SigningKey {
  std::string key_id;  // first 16 hex digits of BLAKE2b(public key); names the key in signatures
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> secret_key{};
};

// Loads DIR/keys/signing-<id>.key (the newest if several), or creates one with mode 0600 when
// the directory holds none.
Result<SigningKey> LoadOrCreateSigningKey(const std::string& data_dir);

// Loads DIR/keys/token.key, or creates it with mode 0600.
Result<std::array<unsigned char, 32>> LoadOrCreateTokenKey(const std::string& data_dir);

// The key whose secret is derived from `seed` (RFC 8032). For test vectors that a third party
// can reproduce; keys in service come from LoadOrCreateSigningKey.
SigningKey SigningKeyFromSeed(const std::array<unsigned char, 32>& seed);

// Detached Ed25519 signature over `message`.
std::array<unsigned char, 64> Sign(const SigningKey& key, std::string_view message);
bool Verify(const std::array<unsigned char, 32>& public_key, std::string_view message,
            const std::array<unsigned char, 64>& signature);

}  // namespace licensor::crypto
