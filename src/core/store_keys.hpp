// The server keys' part of a store transaction: the key ring's row and its signing keys.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/entities.hpp"
#include "core/store_basics.hpp"

namespace licensor::core {

class KeysTx {
 public:
  virtual ~KeysTx() = default;

  virtual Result<std::optional<KeyRingRecord>> GetKeyRing() = 0;
  // kConflict when another node created the ring first.
  virtual Status InsertKeyRing(const KeyRingRecord& ring) = 0;
  // Raises the generation and answers it. On PostgreSQL this locks the ring's row for the rest
  // of the transaction, so that changes to the keys on different nodes happen one at a time.
  virtual Result<std::int64_t> RaiseKeyGeneration() = 0;
  virtual Result<std::vector<SigningKeyRecord>> ListSigningKeys() = 0;  // oldest first
  virtual Status InsertSigningKey(const SigningKeyRecord& key) = 0;
  virtual Status UpdateSigningKey(const SigningKeyRecord& key) = 0;  // kNotFound when missing
};

}  // namespace licensor::core
