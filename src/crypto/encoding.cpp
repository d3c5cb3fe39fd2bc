#include "crypto/encoding.hpp"

#include <sodium.h>

#include <array>

namespace licensor::crypto {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Value of each base64 character, or 64 for any other byte.
constexpr std::array<unsigned char, 256> DecodeTable() {
  std::array<unsigned char, 256> table{};
  for (auto& v : table) v = 64;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<unsigned char>(i);
  }
  return table;
}
constexpr auto kDecode = DecodeTable();

}  // namespace

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// Table-driven rather than libsodium's constant-time decoder: what is decoded here is public
// (a signed payload or a public key), and this sits on the license-loading path.
bool DecodeBase64Strict(std::string_view text, std::string& out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::size_t padding = 0;
  if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  std::string bytes;
  bytes.resize(text.size() / 4 * 3);
  std::size_t o = 0;
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t data_chars = last ? 4 - padding : 4;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const unsigned char value =
          j < data_chars ? kDecode[static_cast<unsigned char>(text[i + j])] : 0;
      if (value == 64) return false;  // not in the alphabet ('=' only as final padding)
      group = group << 6 | value;
    }
    bytes[o++] = static_cast<char>(group >> 16);
    bytes[o++] = static_cast<char>(group >> 8 & 0xff);
    bytes[o++] = static_cast<char>(group & 0xff);
    // Canonical: the bits the padding leaves unused must be zero.
    if (last && padding == 1 && (group & 0xff) != 0) return false;
    if (last && padding == 2 && (group & 0xffff) != 0) return false;
  }
  bytes.resize(bytes.size() - padding);
  out = std::move(bytes);
  return true;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * crypto_auth_hmacsha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

}  // namespace licensor::crypto
