// The signed license file envelope: an armored text file carrying a canonical JSON payload and
// an Ed25519 signature by a named key. The format is specified in docs/license-format.md.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "crypto/key_store.hpp"

namespace licensor::crypto {

inline constexpr int kLicenseFormatVersion = 1;

// Why a file was refused; stable names for people and programs alike.
enum class EnvelopeError {
  kMalformed,             // not the armored layout byte for byte (lines, wrapping, trailing data)
  kUnsupportedVersion,    // a Format other than 1
  kUnsupportedAlgorithm,  // an Algorithm other than Ed25519
  kUnknownKey,            // signed by a key id not among the trusted public keys
  kRetiredKey,            // correctly signed, but by a key its owner has retired
  kBadSignature,          // the signature does not match the signed bytes
  kNonCanonicalPayload,   // the payload is not canonical JSON (duplicate keys, spacing, order…)
};
std::string_view ToString(EnvelopeError error);

// A public key a verifier knows. A retired key is still recognised, so a file it signed is
// reported as signed by a retired key rather than by a stranger.
struct TrustedKey {
  std::array<unsigned char, 32> public_key{};
  bool retired = false;
};
// Known public keys by key id.
using PublicKeys = std::map<std::string, TrustedKey>;

// Signs `canonical_payload`, which must be canonical JSON (see CanonicalJson), and returns the
// armored file text.
std::string SealLicenseFile(const SigningKey& key, std::string_view canonical_payload);

struct OpenedEnvelope {
  std::string key_id;
  std::string payload;      // canonical JSON, signature checked
  nlohmann::json document;  // the payload, parsed once
};

// Checks the layout, the format version, the algorithm, the key and the signature, and that the
// payload is canonical JSON. The first problem found is returned; nothing is returned from a
// file that failed any check.
struct EnvelopeResult {
  bool ok = false;
  EnvelopeError error = EnvelopeError::kMalformed;
  std::string detail;
  OpenedEnvelope envelope;
};
EnvelopeResult OpenLicenseFile(std::string_view text, const PublicKeys& trusted);

// The bytes the signature covers: a domain tag, then the format, algorithm and key id on lines
// of fixed form, then the payload. Exposed for the test vectors.
std::string SignedBytes(std::string_view key_id, std::string_view payload);

}  // namespace licensor::crypto
