// Argon2id at libsodium's "interactive" limits: about 64 MiB and a few tens of milliseconds.
#include "crypto/password.hpp"

#include <sodium.h>

#include "crypto/random.hpp"

namespace licensor::crypto {

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::Internal("out of memory hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& DummyPasswordHash() {
  static const std::string hash = [] {
    auto made = HashPassword(NewSessionSecret());
    return made.ok() ? *made : std::string();
  }();
  return hash;
}

}  // namespace licensor::crypto
