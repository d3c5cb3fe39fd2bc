#include "crypto/deactivation_proof.hpp"

#include <sodium.h>

#include <array>
#include <set>

#include "crypto/encoding.hpp"

namespace licensor::crypto {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kType = "licensor-deactivation-proof";
constexpr std::string_view kKeyDomain = "licensor-deactivation-key-v1";

// What the seal covers: the canonical JSON of every field but the seal.
std::string SealedText(const DeactivationProof& p) {
  const Json fields = {{"type", kType},
                       {"format", 1},
                       {"license_id", p.license_id},
                       {"activation_id", p.activation_id},
                       {"fingerprint", p.fingerprint},
                       {"license_version", p.license_version},
                       {"deactivated_at", p.deactivated_at}};
  return fields.dump();
}

// HMAC-SHA-256 under BLAKE2b-256("licensor-deactivation-key-v1" 0x00 code 0x00).
std::array<unsigned char, crypto_auth_hmacsha256_BYTES> Seal(const DeactivationProof& p,
                                                             std::string_view license_code) {
  std::string input(kKeyDomain);
  input.push_back('\0');
  input.append(license_code);
  input.push_back('\0');
  std::array<unsigned char, crypto_auth_hmacsha256_KEYBYTES> key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), nullptr, 0);
  const std::string text = SealedText(p);
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256(mac.data(), reinterpret_cast<const unsigned char*>(text.data()),
                         text.size(), key.data());
  sodium_memzero(key.data(), key.size());
  return mac;
}

Result<std::string> Text(const Json& document, const char* name, std::size_t max) {
  const Json& v = document.at(name);
  if (!v.is_string() || v.get_ref<const std::string&>().empty() ||
      v.get_ref<const std::string&>().size() > max) {
    return Status::InvalidField(std::string("'") + name + "' must be a string of 1 to " +
                                std::to_string(max) + " characters");
  }
  return v.get<std::string>();
}

Result<std::int64_t> Integer(const Json& document, const char* name) {
  const Json& v = document.at(name);
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0) {
    return Status::InvalidField(std::string("'") + name + "' must be a whole number");
  }
  return v.get<std::int64_t>();
}

}  // namespace

std::string WriteDeactivationProof(DeactivationProof proof, std::string_view license_code) {
  const auto mac = Seal(proof, license_code);
  Json document = Json::parse(SealedText(proof));
  document["seal"] =
      Base64(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  return document.dump(2) + "\n";
}

Result<DeactivationProof> ReadDeactivationProof(const Json& document) {
  if (!document.is_object()) return Status::InvalidField("the proof is not a JSON object");
  const std::set<std::string> names = {"type",           "format",      "license_id",
                                       "activation_id",  "fingerprint", "license_version",
                                       "deactivated_at", "seal"};
  for (const auto& [name, value] : document.items()) {
    if (!names.count(name))
      return Status::InvalidField("unknown field '" + name.substr(0, 64) + "'");
  }
  for (const auto& name : names) {
    if (!document.contains(name)) return Status::InvalidField("field '" + name + "' is missing");
  }
  if (document.at("type") != kType || document.at("format") != 1) {
    return Status::InvalidField("this is not a format 1 " + std::string(kType));
  }
  DeactivationProof p;
  LICENSOR_ASSIGN_OR_RETURN(p.license_id, Text(document, "license_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(p.activation_id, Text(document, "activation_id", 64));
  LICENSOR_ASSIGN_OR_RETURN(p.fingerprint, Text(document, "fingerprint", 256));
  LICENSOR_ASSIGN_OR_RETURN(p.license_version, Integer(document, "license_version"));
  LICENSOR_ASSIGN_OR_RETURN(p.deactivated_at, Integer(document, "deactivated_at"));
  LICENSOR_ASSIGN_OR_RETURN(p.seal, Text(document, "seal", 64));
  return p;
}

bool SealMatches(const DeactivationProof& proof, std::string_view license_code) {
  std::string given;
  if (!DecodeBase64Strict(proof.seal, given) || given.size() != crypto_auth_hmacsha256_BYTES) {
    return false;
  }
  const auto expected = Seal(proof, license_code);
  return crypto_verify_32(expected.data(), reinterpret_cast<const unsigned char*>(given.data())) ==
         0;
}

}  // namespace licensor::crypto
