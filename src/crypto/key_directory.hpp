// The keys directory of releases that kept keys in files (DATA_DIR/keys): read once, to import
// its keys into the store (core/key_ring.hpp), and then removed.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "crypto/key_store.hpp"

namespace licensor::crypto {

struct KeysDirectory {
  std::vector<SigningKey> signing_keys;  // oldest first
  std::string current_id;                // signs new files
  std::vector<std::string> retired_ids;
  std::optional<std::array<unsigned char, 32>> token_key;
  std::vector<std::string> files;  // every file read, to remove once the import is committed
};

// Reads DATA_DIR/keys: signing-<id>.key per key (the 64-byte secret), `current` naming the
// signing key (else the newest), `retired` listing retired ids one per line, and token.key.
// An empty optional when there is no such directory or it holds no key.
Result<std::optional<KeysDirectory>> ReadKeysDirectory(const std::string& data_dir);

// Removes the files the directory was read from, and the directory when nothing else is left.
Status RemoveKeysDirectory(const std::string& data_dir, const KeysDirectory& read);

}  // namespace licensor::crypto
