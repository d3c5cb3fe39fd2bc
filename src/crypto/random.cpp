// CSPRNG-backed identifiers, codes and tokens.
#include "crypto/random.hpp"

#include <sodium.h>

namespace licensor::crypto {
namespace {

constexpr std::string_view kUnambiguous =
    "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kDigits = "23456789";
// License codes are typed by people, often in the wrong case: one case only, so "lic-..." is the
// same code (CanonicalLicenseCode).
constexpr std::string_view kUpperUnambiguous = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void AppendRandom(std::string& out, std::string_view alphabet, int count) {
  for (int i = 0; i < count; ++i) {
    // randombytes_uniform avoids modulo bias.
    out.push_back(alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))]);
  }
}

}  // namespace

bool Initialize() { return sodium_init() >= 0; }

std::array<unsigned char, 32> NewKey32() {
  std::array<unsigned char, 32> key{};
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string NewId(std::string_view prefix) {
  std::string id(prefix);
  id.push_back('_');
  AppendRandom(id, kUnambiguous, 22);
  return id;
}

std::string NewLicenseCode() {
  std::string code = "LIC-";
  AppendRandom(code, kDigits, 4);
  code.push_back('-');
  AppendRandom(code, kUpperUnambiguous, 12);
  code.push_back('-');
  AppendRandom(code, kUpperUnambiguous, 4);
  return code;
}

std::string NewCardNumber() {
  std::string number = "CD-";
  AppendRandom(number, kUnambiguous, 16);
  return number;
}

namespace {

// 32 random bytes as URL-safe base64 (43 characters) after `prefix`.
std::string NewSecret(const char* prefix) {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(prefix) + text;
}

}  // namespace

std::string NewApiToken() { return NewSecret("lsr_"); }

std::string NewWebhookSecret() { return NewSecret("whsec_"); }

std::string NewDeviceCredential() { return NewSecret("dev_"); }

std::string NewCspNonce() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(16, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

std::string NewSessionSecret() { return NewSecret("ses_"); }

std::string NewSetupSecret() { return NewSecret("setup_"); }

std::string NewLinkSecret() { return NewSecret("link_"); }

std::string NewNonce() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

}  // namespace licensor::crypto
