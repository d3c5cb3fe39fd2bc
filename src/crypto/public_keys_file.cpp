#include "crypto/public_keys_file.hpp"

#include "crypto/encoding.hpp"
#include "crypto/payload_reader.hpp"

namespace licensor::crypto {

nlohmann::json PublicKeysDocument(const std::vector<PublicKeyInfo>& keys) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& key : keys) {
    list.push_back({{"key_id", key.key_id},
                    {"public_key", Base64({reinterpret_cast<const char*>(key.public_key.data()),
                                           key.public_key.size()})},
                    {"retired", key.retired}});
  }
  return {{"type", "licensor-public-keys"}, {"format", 1}, {"keys", list}};
}

Result<PublicKeys> ReadPublicKeysDocument(const nlohmann::json& document) {
  if (!document.is_object() || TextOr(document, "type") != "licensor-public-keys" ||
      IntegerOr(document, "format") != 1 || !document.contains("keys") ||
      !document.at("keys").is_array() || document.size() != 3) {
    return Status::InvalidField("this is not a format 1 licensor-public-keys file");
  }
  PublicKeys keys;
  for (const auto& entry : document.at("keys")) {
    if (!entry.is_object() || entry.size() != 3 || !entry.contains("key_id") ||
        !entry.at("key_id").is_string() || !entry.contains("public_key") ||
        !entry.at("public_key").is_string() || !entry.contains("retired") ||
        !entry.at("retired").is_boolean()) {
      return Status::InvalidField("each key needs exactly key_id, public_key and retired");
    }
    std::string bytes;
    if (!DecodeBase64Strict(entry.at("public_key").get<std::string>(), bytes) ||
        bytes.size() != 32) {
      return Status::InvalidField("public_key must be 32 bytes of base64");
    }
    TrustedKey key;
    std::copy(bytes.begin(), bytes.end(), key.public_key.begin());
    key.retired = entry.at("retired").get<bool>();
    const std::string key_id = entry.at("key_id").get<std::string>();
    if (key_id != KeyIdOf(key.public_key)) {
      return Status::InvalidField("key_id " + key_id.substr(0, 32) + " is not the id of its key");
    }
    keys[key_id] = key;
  }
  if (keys.empty()) return Status::InvalidField("the public keys file lists no key");
  return keys;
}

Result<PublicKeys> ReadPublicKeysFile(std::string_view text) {
  if (text.size() > 256 * 1024) return Status::InvalidField("the public keys file is too large");
  return ReadPublicKeysDocument(nlohmann::json::parse(text, nullptr, false));
}

}  // namespace licensor::crypto
