// The server's signing keys: one current key signs new files; older keys keep verifying the files
// they signed until an operator retires them.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "common/status.hpp"
#include "crypto/key_store.hpp"
#include "crypto/license_envelope.hpp"

namespace licensor::crypto {

struct PublicKeyInfo {
  std::string key_id;
  std::array<unsigned char, 32> public_key{};
  bool current = false;  // signs new files
  bool retired = false;  // files it signed are refused
};

// Lives in DATA_DIR/keys: signing-<id>.key per key, `current` naming the signing key, and
// `retired` listing retired key ids one per line. Thread-safe; rotation happens while serving.
class KeyRing {
 public:
  // Loads every key, or creates the first one. A directory from before rotation existed (keys
  // but no `current` file) takes its newest key as current.
  static Result<std::unique_ptr<KeyRing>> LoadOrCreate(const std::string& data_dir);

  SigningKey Current() const;
  // The oldest key not retired: it signs update bundles, so that a product which knows only an
  // older key can still accept a bundle carrying the newer keys (and files they signed).
  SigningKey OldestActive() const;
  std::vector<PublicKeyInfo> Keys() const;
  PublicKeys Trusted() const;

  // Creates a new key and makes it current; the old one keeps verifying.
  Result<PublicKeyInfo> Rotate();
  // Errors: kNotFound for an unknown id, kConflict for the current key (rotate first).
  Status Retire(const std::string& key_id);

 private:
  explicit KeyRing(std::string keys_dir) : keys_dir_(std::move(keys_dir)) {}
  Status SaveCurrentAndRetired() const;

  const std::string keys_dir_;
  mutable std::mutex mutex_;
  std::vector<SigningKey> keys_;  // oldest first
  std::string current_id_;
  std::vector<std::string> retired_ids_;
};

}  // namespace licensor::crypto
