// Ed25519 signing keys, and the owner-only files that hold secrets.
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

// Writes `bytes` to `path` with mode 0600 through a synced temporary file and a rename.
Status WriteSecretFile(const std::string& path, std::string_view bytes);
Result<std::string> ReadWholeFile(const std::string& path);

// The id of a public key: 16 hex digits of BLAKE2b-64 over it.
std::string KeyIdOf(const std::array<unsigned char, 32>& public_key);

// What anyone may know of a signing key: it verifies files, and says whether it signs new ones.
struct PublicKeyInfo {
  std::string key_id;
  std::array<unsigned char, 32> public_key{};
  bool current = false;  // signs new files
  bool retired = false;  // files it signed are refused
};

// A fresh random key.
SigningKey NewSigningKey();
// The key whose 64-byte secret is `secret` (as libsodium lays it out: seed, then public key).
// kInternal when it is not 64 bytes or its halves do not belong together.
Result<SigningKey> SigningKeyFromSecret(std::string_view secret);
// The key held in a signing-<id>.key file (the 64-byte secret).
Result<SigningKey> ReadSigningKeyFile(const std::string& path);
// The 64-byte secret, e.g. to seal it.
std::string_view SecretBytes(const SigningKey& key);

// The key whose secret is derived from `seed` (RFC 8032). For test vectors that a third party
// can reproduce; keys in service come from NewSigningKey.
SigningKey SigningKeyFromSeed(const std::array<unsigned char, 32>& seed);

// Detached Ed25519 signature over `message`.
std::array<unsigned char, 64> Sign(const SigningKey& key, std::string_view message);
bool Verify(const std::array<unsigned char, 32>& public_key, std::string_view message,
            const std::array<unsigned char, 64>& signature);

}  // namespace licensor::crypto
