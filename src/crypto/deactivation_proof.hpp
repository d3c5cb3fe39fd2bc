// The deactivation proof an offline machine writes when it gives up its license, for the vendor
// to upload so the server frees the machine's slot (the offline counterpart of
// POST /v1/client/deactivate). docs/license-format.md describes the file.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/status.hpp"

namespace licensor::crypto {

struct DeactivationProof {
  std::string license_id;
  std::string activation_id;  // the activation the machine's license file was issued to
  std::string fingerprint;
  std::int64_t license_version = 0;  // of the file the machine deleted
  UnixSeconds deactivated_at = 0;    // the machine's clock
  std::string seal;                  // base64 HMAC-SHA-256 of the other fields (below)
};

// The proof's text, sealed with the license code: the same secret the online deactivation
// presents, which the server holds and the file's reader had to know.
std::string WriteDeactivationProof(DeactivationProof proof, std::string_view license_code);

// Strict: the right type and format, known fields only, each within its size. The seal is not
// checked here (the reader does not know the code yet). Errors: kInvalidField, naming the field.
Result<DeactivationProof> ReadDeactivationProof(const nlohmann::json& document);

// The seal is the one `license_code` gives (compared in constant time).
bool SealMatches(const DeactivationProof& proof, std::string_view license_code);

}  // namespace licensor::crypto
