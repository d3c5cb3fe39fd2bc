// The master key: it seals the secrets the store holds (private signing keys, the token key,
// webhook secrets), so that a copy of the database alone reveals none of them.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace licensor::crypto {

class MasterKey {
 public:
  static constexpr std::size_t kBytes = 32;

  static MasterKey Generate();
  // 64 hex digits, as a master key file or LICENSOR_MASTER_KEY holds it; surrounding white
  // space (a final newline) is ignored. kInvalidField otherwise.
  static Result<MasterKey> FromHex(std::string_view text);

  MasterKey(const MasterKey& other) = default;
  MasterKey& operator=(const MasterKey& other) = default;
  ~MasterKey();

  std::string Hex() const;
  // Names the key without revealing it (16 hex digits of BLAKE2b), so that a store can say which
  // master key sealed it.
  std::string Id() const;

  // XChaCha20-Poly1305 under a fresh random nonce: "sealed1:" + base64(nonce, ciphertext, tag).
  // `context` is authenticated with it and names the secret's place (e.g. "signing-key:<id>"):
  // a sealed text copied to another place does not open there.
  std::string Seal(std::string_view secret, std::string_view context) const;
  // kInternal when the text was not sealed by this key for this context, or was altered.
  Result<std::string> Open(std::string_view sealed, std::string_view context) const;
  static bool IsSealed(std::string_view text);

 private:
  MasterKey() = default;
  std::array<unsigned char, kBytes> key_{};
};

// Overwrites a secret held in a string before it is released.
void Wipe(std::string& secret);

// Reads the master key file at `path`.
Result<MasterKey> ReadMasterKeyFile(const std::string& path);
// Reads the master key file at `path`, or creates it (mode 0600) with a new key; `created` says
// which happened.
Result<MasterKey> LoadOrCreateMasterKeyFile(const std::string& path, bool& created);

}  // namespace licensor::crypto
