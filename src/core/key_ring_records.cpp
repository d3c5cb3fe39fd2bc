#include "core/key_ring_records.hpp"

#include "crypto/encoding.hpp"

namespace licensor::core {

std::string SigningKeyContext(const std::string& key_id) { return "signing-key:" + key_id; }

SigningKeyRecord SealedRecord(const crypto::MasterKey& master, const crypto::SigningKey& key,
                              const char* state, UnixSeconds now) {
  SigningKeyRecord record;
  record.id = key.key_id;
  record.public_key =
      crypto::Base64({reinterpret_cast<const char*>(key.public_key.data()), key.public_key.size()});
  record.sealed_secret = master.Seal(crypto::SecretBytes(key), SigningKeyContext(key.key_id));
  record.state = state;
  record.created_at = now;
  return record;
}

Result<crypto::SigningKey> OpenSigningKey(const crypto::MasterKey& master,
                                          const SigningKeyRecord& record) {
  auto secret = master.Open(record.sealed_secret, SigningKeyContext(record.id));
  if (!secret.ok()) return Status::Internal("signing key " + record.id + " does not open");
  auto key = crypto::SigningKeyFromSecret(*secret);
  crypto::Wipe(*secret);
  if (!key.ok() || key->key_id != record.id) {
    return Status::Internal("signing key " + record.id + " is not the key its row names");
  }
  return key;
}

Result<std::array<unsigned char, 32>> PublicKeyOf(const SigningKeyRecord& record) {
  std::string bytes;
  std::array<unsigned char, 32> public_key{};
  if (!crypto::DecodeBase64Strict(record.public_key, bytes) || bytes.size() != public_key.size()) {
    return Status::Internal("signing key " + record.id + " has a malformed public key");
  }
  std::copy(bytes.begin(), bytes.end(), public_key.begin());
  return public_key;
}

}  // namespace licensor::core
