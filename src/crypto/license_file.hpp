// License files end to end: issuing (payload → optional encryption → signed envelope), opening
// (envelope → decryption → strict payload), and checking a payload against a time and a machine.
// The server, licensorctl and the SDK all use these, so they agree on every verdict.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/license_envelope.hpp"
#include "crypto/license_payload.hpp"

namespace licensor::crypto {

// Every answer about a license file, with a stable name (ToString) for people and programs.
enum class FileCode {
  kValid,
  kInGracePeriod,  // past expiry, within the expiry grace: still valid
  kOfflineGrace,   // past refresh-by, within the offline grace: still valid
  kMalformed,      // not a license file (layout, encoding, size)
  kUnsupportedVersion,
  kUnsupportedAlgorithm,
  kUnknownKey,
  kRetiredKey,
  kBadSignature,
  kBadPayload,     // signed, but the payload is not a license this version understands
  kCannotDecrypt,  // encrypted for another license code or machine
  kNotYetValid,
  kExpired,
  kRefreshRequired,  // past refresh-by + offline grace without reaching the server
  kFingerprintMismatch,
};
std::string_view ToString(FileCode code);
bool IsValid(FileCode code);
FileCode FileCodeOf(EnvelopeError error);

struct IssueOptions {
  // Encrypts the payload with XChaCha20-Poly1305 under a key derived from the license code and
  // the bound fingerprint, so the file is unreadable away from its machine.
  bool encrypt = false;
};
std::string IssueLicenseFile(const SigningKey& key, const LicensePayload& payload,
                             const IssueOptions& options = {});

// What the reader knows: the code and this machine's fingerprint open encrypted files.
struct DecryptionInput {
  std::string license_code;  // as typed: case and white space do not matter
  std::string fingerprint;
};

struct OpenedLicense {
  FileCode code = FileCode::kMalformed;
  std::string detail;
  std::string key_id;
  bool encrypted = false;
  std::optional<std::string> encrypted_license_id;  // readable even when decryption failed
  LicensePayload payload;                           // set only when code is kValid
};
OpenedLicense OpenLicense(std::string_view file_text, const PublicKeys& trusted,
                          const std::optional<DecryptionInput>& decryption = std::nullopt);

// The machine presenting the file.
struct Machine {
  std::string fingerprint;
  Components components;
};

struct LicenseCheck {
  FileCode code = FileCode::kValid;
  std::string detail;
  std::vector<std::string> differing;  // fingerprint components that changed, if any
};
// Time and binding rules: not-before, expiry (+ grace), refresh-by (+ offline grace) and the
// fingerprint with the payload's similarity rule.
LicenseCheck CheckLicense(const LicensePayload& payload, UnixSeconds now,
                          const std::optional<Machine>& machine);

}  // namespace licensor::crypto
