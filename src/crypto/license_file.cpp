// Issuing, opening and checking license files.
#include "crypto/license_file.hpp"

#include <sodium.h>

#include <set>

#include "common/text.hpp"
#include "common/time_format.hpp"
#include "crypto/canonical_json.hpp"
#include "crypto/encoding.hpp"
#include "crypto/payload_reader.hpp"

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kCipher = "XChaCha20-Poly1305";
constexpr std::string_view kKeyDomain = "licensor-file-key-v1";

// The file key: BLAKE2b-256 over a domain tag, the license code and the fingerprint, each
// NUL-terminated so no two (code, fingerprint) pairs give the same input.
std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> FileKey(
    std::string_view code, std::string_view fingerprint) {
  std::string input(kKeyDomain);
  input.push_back('\0');
  input.append(code);
  input.push_back('\0');
  input.append(fingerprint);
  input.push_back('\0');
  std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), nullptr, 0);
  return key;
}

// The associated data binds the ciphertext to the license id shown in clear.
std::string AssociatedData(std::string_view license_id) {
  return "licensor-encrypted-license\n" + std::string(license_id);
}

std::string Encrypt(const LicensePayload& payload, const std::string& plaintext) {
  const auto key = FileKey(payload.license_code, payload.fingerprint);
  std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  const std::string ad = AssociatedData(payload.license_id);
  std::string ciphertext(plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(ciphertext.data()), &length,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce.data(),
      key.data());
  ciphertext.resize(length);
  const Json wrapper = {
      {"type", "encrypted-license"},
      {"format", kLicensePayloadFormat},
      {"license_id", payload.license_id},
      {"cipher", kCipher},
      {"nonce", Base64({reinterpret_cast<const char*>(nonce.data()), nonce.size()})},
      {"ciphertext", Base64(ciphertext)}};
  return wrapper.dump();
}

OpenedLicense Refused(OpenedLicense opened, FileCode code, std::string detail) {
  opened.code = code;
  opened.detail = std::move(detail);
  return opened;
}

// Decrypts an encrypted-license wrapper into the inner payload document.
OpenedLicense Decrypt(OpenedLicense opened, const Json& wrapper,
                      const std::optional<DecryptionInput>& input, Json& inner) {
  opened.encrypted = true;
  const std::set<std::string> names = {"type",   "format", "license_id",
                                       "cipher", "nonce",  "ciphertext"};
  for (const auto& [name, value] : wrapper.items()) {
    if (!names.count(name) || (!value.is_string() && name != "format")) {
      return Refused(std::move(opened), FileCode::kBadPayload,
                     "the encrypted wrapper has an unknown or ill-typed field '" + name + "'");
    }
  }
  if (wrapper.size() != names.size() || wrapper.at("format") != kLicensePayloadFormat ||
      wrapper.at("cipher") != kCipher) {
    return Refused(std::move(opened), FileCode::kBadPayload,
                   "the encrypted wrapper is not format 1 XChaCha20-Poly1305");
  }
  opened.encrypted_license_id = wrapper.at("license_id").get<std::string>();
  if (!input) {
    return Refused(std::move(opened), FileCode::kCannotDecrypt,
                   "the file is encrypted; give the license code and this machine's fingerprint");
  }
  std::string nonce;
  std::string ciphertext;
  if (!DecodeBase64Strict(wrapper.at("nonce").get<std::string>(), nonce) ||
      nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
      !DecodeBase64Strict(wrapper.at("ciphertext").get<std::string>(), ciphertext) ||
      ciphertext.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Refused(std::move(opened), FileCode::kBadPayload,
                   "the encrypted wrapper's nonce or ciphertext is not valid base64");
  }
  const std::string ad = AssociatedData(*opened.encrypted_license_id);
  std::string plaintext(ciphertext.size(), '\0');
  unsigned long long length = 0;
  const auto decrypts = [&](std::string_view code) {
    const auto key = FileKey(code, input->fingerprint);
    return crypto_aead_xchacha20poly1305_ietf_decrypt(
               reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr,
               reinterpret_cast<const unsigned char*>(ciphertext.data()), ciphertext.size(),
               reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
               reinterpret_cast<const unsigned char*>(nonce.data()), key.data()) == 0;
  };
  // The key is the code exactly as issued: upper case (what CanonicalLicenseCode gives, however
  // it was typed), or as typed for a code issued with lower-case letters before codes were
  // upper case only.
  const std::string typed = WithoutWhiteSpace(input->license_code);
  const std::string canonical = CanonicalLicenseCode(typed);
  if (!decrypts(canonical) && (typed == canonical || !decrypts(typed))) {
    return Refused(std::move(opened), FileCode::kCannotDecrypt,
                   "the file was encrypted for another license code or another machine");
  }
  plaintext.resize(length);
  if (!ParseCanonicalJson(plaintext, inner)) {
    return Refused(std::move(opened), FileCode::kBadPayload,
                   "the decrypted payload is not canonical JSON");
  }
  opened.code = FileCode::kValid;
  return opened;
}

}  // namespace

FileCode FileCodeOf(EnvelopeError error) {
  switch (error) {
    case EnvelopeError::kMalformed:
      return FileCode::kMalformed;
    case EnvelopeError::kUnsupportedVersion:
      return FileCode::kUnsupportedVersion;
    case EnvelopeError::kUnsupportedAlgorithm:
      return FileCode::kUnsupportedAlgorithm;
    case EnvelopeError::kUnknownKey:
      return FileCode::kUnknownKey;
    case EnvelopeError::kRetiredKey:
      return FileCode::kRetiredKey;
    case EnvelopeError::kBadSignature:
      return FileCode::kBadSignature;
    case EnvelopeError::kNonCanonicalPayload:
      return FileCode::kBadPayload;
  }
  return FileCode::kMalformed;
}

std::string IssueLicenseFile(const SigningKey& key, const LicensePayload& payload,
                             const IssueOptions& options) {
  const std::string plain = CanonicalLicensePayload(payload);
  return SealLicenseFile(key, options.encrypt ? Encrypt(payload, plain) : plain);
}

OpenedLicense OpenLicense(std::string_view file_text, const PublicKeys& trusted,
                          const std::optional<DecryptionInput>& decryption) {
  OpenedLicense opened;
  EnvelopeResult envelope = OpenLicenseFile(file_text, trusted);
  if (!envelope.ok) return Refused(std::move(opened), FileCodeOf(envelope.error), envelope.detail);
  opened.key_id = envelope.envelope.key_id;
  const Json* document = &envelope.envelope.document;
  Json inner;
  if (TextOr(*document, "type") == "encrypted-license") {
    opened = Decrypt(std::move(opened), *document, decryption, inner);
    if (opened.code != FileCode::kValid) return opened;
    document = &inner;
  }
  auto payload = ReadLicensePayload(*document);
  if (!payload.ok()) {
    return Refused(std::move(opened), FileCode::kBadPayload, payload.status().message());
  }
  opened.payload = std::move(*payload);
  opened.code = FileCode::kValid;
  opened.detail = "the signature is good";
  return opened;
}

LicenseCheck CheckLicense(const LicensePayload& p, UnixSeconds now,
                          const std::optional<Machine>& machine) {
  LicenseCheck check;
  if (machine && machine->fingerprint != p.fingerprint) {
    const SimilarityResult similarity =
        CompareComponents(p.rule, p.components, machine->components);
    // Without a similarity rule, what changed is every component that differs.
    check.differing = p.rule.components.empty()
                          ? DifferingComponents(p.components, machine->components)
                          : similarity.differing;
    if (!similarity.same_machine) {
      check.code = FileCode::kFingerprintMismatch;
      check.detail = "the file is bound to another machine";
      if (!check.differing.empty()) {
        check.detail += "; differing components:";
        for (const auto& name : check.differing) check.detail += " " + name;
      }
      return check;
    }
  }
  switch (StandingAt(WindowOf(p), now)) {
    case TimeStanding::kNotYetValid:
      check.code = FileCode::kNotYetValid;
      check.detail = "the license is not valid before " + FormatRfc3339(p.not_before);
      break;
    case TimeStanding::kExpired:
      check.code = FileCode::kExpired;
      check.detail = "the license expired at " + FormatRfc3339(*p.expires_at);
      break;
    case TimeStanding::kRefreshRequired:
      check.code = FileCode::kRefreshRequired;
      check.detail = "the license had to be refreshed from the server by " +
                     FormatRfc3339(*p.refresh_by) + " and its offline grace is over";
      break;
    case TimeStanding::kInExpiryGrace:
      check.code = FileCode::kInGracePeriod;
      check.detail = "the license has expired and is in its grace period";
      break;
    case TimeStanding::kInOfflineGrace:
      check.code = FileCode::kOfflineGrace;
      check.detail =
          "the server has not been reached since the refresh-by time; running on the "
          "offline grace";
      break;
    case TimeStanding::kValid:
      check.code = FileCode::kValid;
      check.detail = check.differing.empty()
                         ? "the license is valid on this machine"
                         : "the license is valid; this machine matches under the similarity rule";
      break;
  }
  return check;
}

}  // namespace licensor::crypto
