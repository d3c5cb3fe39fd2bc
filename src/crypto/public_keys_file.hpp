// The public keys a product embeds to verify license files: a JSON file exported by
// `licensorctl keys public` and carried in offline update bundles.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.hpp"
#include "crypto/key_store.hpp"
#include "crypto/license_envelope.hpp"

namespace licensor::crypto {

// {"type":"licensor-public-keys","format":1,"keys":[{"key_id","public_key","retired"}]}, keys in
// base64. Secret keys never appear.
nlohmann::json PublicKeysDocument(const std::vector<PublicKeyInfo>& keys);
Result<PublicKeys> ReadPublicKeysDocument(const nlohmann::json& document);
// Parses the file's text, then as above. Errors: kInvalidField naming the problem.
Result<PublicKeys> ReadPublicKeysFile(std::string_view text);

}  // namespace licensor::crypto
