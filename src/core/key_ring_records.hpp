// How a signing key is written to the store and read back: its public half in base64, its
// secret sealed under the master key for its own row only.
#pragma once

#include <array>
#include <string>

#include "core/entities.hpp"
#include "crypto/key_store.hpp"
#include "crypto/master_key.hpp"

namespace licensor::core {

inline constexpr const char* kKeyCurrent = "CURRENT";
inline constexpr const char* kKeyActive = "ACTIVE";
inline constexpr const char* kKeyRetired = "RETIRED";

// What each sealed secret is bound to (MasterKey::Seal's context).
std::string SigningKeyContext(const std::string& key_id);
inline constexpr const char* kTokenKeyContext = "token-key";

SigningKeyRecord SealedRecord(const crypto::MasterKey& master, const crypto::SigningKey& key,
                              const char* state, UnixSeconds now);
// kInternal when the secret does not open, or is not the key the row names.
Result<crypto::SigningKey> OpenSigningKey(const crypto::MasterKey& master,
                                          const SigningKeyRecord& record);
Result<std::array<unsigned char, 32>> PublicKeyOf(const SigningKeyRecord& record);

}  // namespace licensor::core
