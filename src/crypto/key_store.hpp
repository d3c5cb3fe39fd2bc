// The server's secret material in its data directory: the Ed25519 signing key and the token key.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace licensor::crypto {

struct SigningKey {
  std::string key_id;  // first 16 hex digits of BLAKE2b(public key); names the key in signatures
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> secret_key{};
};

// DATA_DIR/keys, created owner-only when missing.
Result<std::string> KeysDirectory(const std::string& data_dir);
// Writes `bytes` to `path` with mode 0600 through a synced temporary file and a rename.
Status WriteSecretFile(const std::string& path, std::string_view bytes);
Result<std::string> ReadWholeFile(const std::string& path);

// The id of a public key: 16 hex digits of BLAKE2b-64 over it.
std::string KeyIdOf(const std::array<unsigned char, 32>& public_key);

// A fresh random key, and the key held in a signing-<id>.key file (the 64-byte secret).
SigningKey NewSigningKey();
Result<SigningKey> ReadSigningKeyFile(const std::string& path);

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
