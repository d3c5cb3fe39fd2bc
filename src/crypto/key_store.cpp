// Key files: raw bytes, owner-only permissions, created atomically on first start.
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

Result<std::string> KeysDirectory(const std::string& data_dir) {
  const fs::path dir = fs::path(data_dir) / "keys";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Internal("cannot create " + dir.string());
  ::chmod(dir.c_str(), 0700);
  return dir.string();
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

Result<SigningKey> ReadSigningKeyFile(const std::string& path) {
  LICENSOR_ASSIGN_OR_RETURN(const std::string bytes, ReadWholeFile(path));
  SigningKey key;
  if (bytes.size() != key.secret_key.size()) {
    return Status::Internal("signing key file has the wrong size: " + path);
  }
  std::copy(bytes.begin(), bytes.end(), key.secret_key.begin());
  crypto_sign_ed25519_sk_to_pk(key.public_key.data(), key.secret_key.data());
  key.key_id = KeyIdOf(key.public_key);
  return key;
}

Result<std::array<unsigned char, 32>> LoadOrCreateTokenKey(const std::string& data_dir) {
  LICENSOR_ASSIGN_OR_RETURN(const std::string dir, KeysDirectory(data_dir));
  const std::string path = dir + "/token.key";
  std::array<unsigned char, 32> key{};
  if (fs::exists(path)) {
    LICENSOR_ASSIGN_OR_RETURN(const std::string bytes, ReadWholeFile(path));
    if (bytes.size() != key.size()) return Status::Internal("token key file has the wrong size");
    std::copy(bytes.begin(), bytes.end(), key.begin());
    return key;
  }
  randombytes_buf(key.data(), key.size());
  LICENSOR_RETURN_IF_ERROR(
      WriteSecretFile(path, {reinterpret_cast<const char*>(key.data()), key.size()}));
  return key;
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
