// Signing keys, and secret files written owner-only and atomically.
#include "crypto/key_store.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace licensor::crypto {
namespace fs = std::filesystem;

std::string KeyIdOf(const std::array<unsigned char, 32>& public_key) {
  unsigned char digest[8];
  crypto_generichash(digest, sizeof digest, public_key.data(), public_key.size(), nullptr, 0);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Status WriteSecretFile(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + tmp);
  const bool written =
      ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Status::Internal("cannot write " + tmp);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Status::Internal("cannot rename " + tmp);
  return Status::Ok();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Internal("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

SigningKey NewSigningKey() {
  SigningKey key;
  crypto_sign_keypair(key.public_key.data(), key.secret_key.data());
  key.key_id = KeyIdOf(key.public_key);
  return key;
}

Result<SigningKey> SigningKeyFromSecret(std::string_view secret) {
  SigningKey key;
  if (secret.size() != key.secret_key.size()) {
    return Status::Internal("a signing key's secret is 64 bytes");
  }
  std::copy(secret.begin(), secret.end(), key.secret_key.begin());
  // The secret carries its public half; it must be the one its seed derives.
  std::array<unsigned char, 32> seed{};
  crypto_sign_ed25519_sk_to_seed(seed.data(), key.secret_key.data());
  SigningKey derived = SigningKeyFromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  if (derived.secret_key != key.secret_key) {
    return Status::Internal("a signing key's secret does not match its public key");
  }
  return derived;
}

Result<SigningKey> ReadSigningKeyFile(const std::string& path) {
  LICENSOR_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  auto key = SigningKeyFromSecret(bytes);
  sodium_memzero(bytes.data(), bytes.size());
  if (!key.ok()) return Status::Internal(path + ": " + key.status().message());
  return key;
}

std::string_view SecretBytes(const SigningKey& key) {
  return {reinterpret_cast<const char*>(key.secret_key.data()), key.secret_key.size()};
}

SigningKey SigningKeyFromSeed(const std::array<unsigned char, 32>& seed) {
  SigningKey key;
  crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(), seed.data());
  key.key_id = KeyIdOf(key.public_key);
  return key;
}

std::array<unsigned char, 64> Sign(const SigningKey& key, std::string_view message) {
  std::array<unsigned char, 64> signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.secret_key.data());
  return signature;
}

bool Verify(const std::array<unsigned char, 32>& public_key, std::string_view message,
            const std::array<unsigned char, 64>& signature) {
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

}  // namespace licensor::crypto
