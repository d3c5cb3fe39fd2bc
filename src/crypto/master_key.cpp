// Sealing with libsodium's XChaCha20-Poly1305 (IETF): its 24-byte nonces are safe to draw at
// random for every secret, so no counter has to be kept across nodes.
#include "crypto/master_key.hpp"

#include <sodium.h>

#include <filesystem>

#include "crypto/encoding.hpp"
#include "crypto/key_store.hpp"

namespace licensor::crypto {
namespace {

constexpr std::string_view kSealedPrefix = "sealed1:";
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == MasterKey::kBytes);

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string_view Trimmed(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

MasterKey MasterKey::Generate() {
  MasterKey key;
  crypto_aead_xchacha20poly1305_ietf_keygen(key.key_.data());
  return key;
}

Result<MasterKey> MasterKey::FromHex(std::string_view text) {
  text = Trimmed(text);
  MasterKey key;
  std::size_t decoded = 0;
  const char* end = nullptr;
  if (text.size() != 2 * kBytes ||
      sodium_hex2bin(key.key_.data(), key.key_.size(), text.data(), text.size(), nullptr, &decoded,
                     &end) != 0 ||
      decoded != kBytes) {
    return Status::InvalidField("a master key is 64 hex digits (32 random bytes)");
  }
  return key;
}

MasterKey::~MasterKey() { sodium_memzero(key_.data(), key_.size()); }

std::string MasterKey::Hex() const {
  char hex[2 * kBytes + 1];
  sodium_bin2hex(hex, sizeof hex, key_.data(), key_.size());
  std::string out(hex);
  sodium_memzero(hex, sizeof hex);
  return out;
}

std::string MasterKey::Id() const {
  unsigned char digest[8];
  // Keyed by a fixed context so the id is not a bare hash of the key material.
  static constexpr std::string_view kContext = "licensor master key id";
  crypto_generichash(digest, sizeof digest, Bytes(kContext), kContext.size(), key_.data(),
                     key_.size());
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string MasterKey::Seal(std::string_view secret, std::string_view context) const {
  std::string box(kNonceBytes + secret.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, kNonceBytes);
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonceBytes, nullptr, Bytes(secret),
                                             secret.size(), Bytes(context), context.size(), nullptr,
                                             out, key_.data());
  return std::string(kSealedPrefix) + Base64(box);
}

Result<std::string> MasterKey::Open(std::string_view sealed, std::string_view context) const {
  const auto refused = [] {
    return Status::Internal("a sealed secret does not open with this master key");
  };
  if (!IsSealed(sealed)) return refused();
  std::string box;
  if (!DecodeBase64Strict(sealed.substr(kSealedPrefix.size()), box) ||
      box.size() < kNonceBytes + kTagBytes) {
    return refused();
  }
  std::string secret(box.size() - kNonceBytes - kTagBytes, '\0');
  const auto* in = Bytes(box);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(secret.data()), nullptr, nullptr, in + kNonceBytes,
          box.size() - kNonceBytes, Bytes(context), context.size(), in, key_.data()) != 0) {
    return refused();
  }
  return secret;
}

bool MasterKey::IsSealed(std::string_view text) { return text.starts_with(kSealedPrefix); }

void Wipe(std::string& secret) {
  sodium_memzero(secret.data(), secret.size());
  secret.clear();
}

Result<MasterKey> ReadMasterKeyFile(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return Status::InvalidField("cannot read the master key file " + path);
  auto key = MasterKey::FromHex(*text);
  Wipe(*text);
  if (!key.ok()) return Status::InvalidField(path + ": " + key.status().message());
  return key;
}

Result<MasterKey> LoadOrCreateMasterKeyFile(const std::string& path, bool& created) {
  created = !std::filesystem::exists(path);
  if (!created) return ReadMasterKeyFile(path);
  const MasterKey key = MasterKey::Generate();
  LICENSOR_RETURN_IF_ERROR(WriteSecretFile(path, key.Hex() + "\n"));
  return key;
}

}  // namespace licensor::crypto
