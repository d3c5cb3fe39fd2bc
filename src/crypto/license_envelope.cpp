// Armor, signing and strict opening of license files.
#include "crypto/license_envelope.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "crypto/canonical_json.hpp"
#include "crypto/encoding.hpp"

namespace licensor::crypto {
namespace {

constexpr std::string_view kBegin = "-----BEGIN LICENSOR LICENSE-----\n";
constexpr std::string_view kEnd = "-----END LICENSOR LICENSE-----\n";
constexpr std::string_view kAlgorithm = "Ed25519";
constexpr std::string_view kDomain = "licensor-license\n";
constexpr std::size_t kLineWidth = 64;
constexpr std::size_t kMaxFileSize = 64 * 1024;

std::string Wrap(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += kLineWidth) {
    out.append(text.substr(i, kLineWidth));
    out.push_back('\n');
  }
  return out;
}

bool IsLowerHex(std::string_view s) {
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

EnvelopeResult Fail(EnvelopeError error, std::string detail) {
  EnvelopeResult r;
  r.error = error;
  r.detail = std::move(detail);
  return r;
}

// Takes one '\n'-terminated line from `rest`, or returns false.
bool NextLine(std::string_view& rest, std::string_view& line) {
  const std::size_t end = rest.find('\n');
  if (end == std::string_view::npos) return false;
  line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return true;
}

}  // namespace

std::string_view ToString(EnvelopeError error) {
  switch (error) {
    case EnvelopeError::kMalformed:
      return "MALFORMED";
    case EnvelopeError::kUnsupportedVersion:
      return "UNSUPPORTED_VERSION";
    case EnvelopeError::kUnsupportedAlgorithm:
      return "UNSUPPORTED_ALGORITHM";
    case EnvelopeError::kUnknownKey:
      return "UNKNOWN_KEY";
    case EnvelopeError::kRetiredKey:
      return "RETIRED_KEY";
    case EnvelopeError::kBadSignature:
      return "BAD_SIGNATURE";
    case EnvelopeError::kNonCanonicalPayload:
      return "NON_CANONICAL_PAYLOAD";
  }
  return "MALFORMED";
}

std::string SignedBytes(std::string_view key_id, std::string_view payload) {
  std::string bytes(kDomain);
  bytes += "Format: " + std::to_string(kLicenseFormatVersion) + "\n";
  bytes += "Algorithm: " + std::string(kAlgorithm) + "\n";
  bytes += "Key-Id: " + std::string(key_id) + "\n";
  bytes += payload;
  return bytes;
}

std::string SealLicenseFile(const SigningKey& key, std::string_view canonical_payload) {
  const auto signature = Sign(key, SignedBytes(key.key_id, canonical_payload));
  std::string text(kBegin);
  text += "Format: " + std::to_string(kLicenseFormatVersion) + "\n";
  text += "Algorithm: " + std::string(kAlgorithm) + "\n";
  text += "Key-Id: " + key.key_id + "\n";
  text += "\n";
  text += Wrap(Base64(canonical_payload));
  text +=
      "Signature: " + Base64({reinterpret_cast<const char*>(signature.data()), signature.size()}) +
      "\n";
  text += kEnd;
  return text;
}

EnvelopeResult OpenLicenseFile(std::string_view text, const PublicKeys& trusted) {
  if (text.size() > kMaxFileSize) {
    return Fail(EnvelopeError::kMalformed, "the file is larger than 64 KiB");
  }
  if (!text.starts_with(kBegin) || !text.ends_with(kEnd)) {
    return Fail(EnvelopeError::kMalformed,
                "the file must start with the BEGIN line and end with the END line");
  }
  std::string_view rest = text.substr(kBegin.size(), text.size() - kBegin.size() - kEnd.size());
  std::string_view line;

  if (!NextLine(rest, line) || !line.starts_with("Format: ")) {
    return Fail(EnvelopeError::kMalformed, "the first line must be 'Format: <version>'");
  }
  if (line != "Format: 1") {
    return Fail(EnvelopeError::kUnsupportedVersion,
                "format '" + std::string(line.substr(8, 16)) + "' is not supported (only 1)");
  }
  if (!NextLine(rest, line) || !line.starts_with("Algorithm: ")) {
    return Fail(EnvelopeError::kMalformed, "the second line must be 'Algorithm: <name>'");
  }
  if (line != "Algorithm: Ed25519") {
    return Fail(EnvelopeError::kUnsupportedAlgorithm,
                "algorithm '" + std::string(line.substr(11, 32)) + "' is not supported");
  }
  if (!NextLine(rest, line) || !line.starts_with("Key-Id: ") || line.size() != 8 + 16 ||
      !IsLowerHex(line.substr(8))) {
    return Fail(EnvelopeError::kMalformed, "the third line must be 'Key-Id: <16 hex digits>'");
  }
  const std::string key_id(line.substr(8));
  if (!NextLine(rest, line) || !line.empty()) {
    return Fail(EnvelopeError::kMalformed, "an empty line must follow the headers");
  }

  // The payload lines, then the signature line, which must be the last.
  std::string payload_base64;
  std::string_view signature_line;
  bool last_payload_line_short = false;
  while (NextLine(rest, line)) {
    if (line.starts_with("Signature: ")) {
      signature_line = line;
      break;
    }
    if (line.empty() || line.size() > kLineWidth || last_payload_line_short) {
      return Fail(EnvelopeError::kMalformed,
                  "payload lines must be 64 characters, the last up to 64");
    }
    last_payload_line_short = line.size() < kLineWidth;
    payload_base64 += line;
  }
  if (signature_line.empty() || !rest.empty()) {
    return Fail(EnvelopeError::kMalformed, "the signature line must come last, before END");
  }
  std::string payload;
  std::string signature;
  if (payload_base64.empty() || !DecodeBase64Strict(payload_base64, payload)) {
    return Fail(EnvelopeError::kMalformed, "the payload is not canonical base64");
  }
  if (!DecodeBase64Strict(signature_line.substr(11), signature) || signature.size() != 64) {
    return Fail(EnvelopeError::kMalformed, "the signature is not 64 bytes of canonical base64");
  }

  const auto key = trusted.find(key_id);
  if (key == trusted.end()) {
    return Fail(EnvelopeError::kUnknownKey, "key " + key_id + " is not a trusted key");
  }
  std::array<unsigned char, 64> sig{};
  std::copy(signature.begin(), signature.end(), sig.begin());
  if (!Verify(key->second.public_key, SignedBytes(key_id, payload), sig)) {
    return Fail(EnvelopeError::kBadSignature, "the signature does not match the file's contents");
  }
  // After the signature check, so only the key's real signatures are reported as retired.
  if (key->second.retired) {
    return Fail(
        EnvelopeError::kRetiredKey,
        "key " + key_id + " has been retired; ask the vendor for a file signed by a current key");
  }
  EnvelopeResult result;
  // Checked after the signature: a canonical encoding is part of what the signer promised.
  if (!ParseCanonicalJson(payload, result.envelope.document)) {
    return Fail(EnvelopeError::kNonCanonicalPayload, "the payload is not a canonical JSON object");
  }
  result.ok = true;
  result.envelope.key_id = key_id;
  result.envelope.payload = std::move(payload);
  return result;
}

}  // namespace licensor::crypto
