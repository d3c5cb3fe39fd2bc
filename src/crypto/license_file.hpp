// License files end to end: issuing (payload → optional encryption → signed envelope), opening
// (envelope → decryption → strict payload), and checking a payload against a time and a machine.
// The server, licensorctl and the SDK all use these, so they agree on every verdict.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/verdict.hpp"
#include "crypto/license_envelope.hpp"
#include "crypto/license_payload.hpp"

namespace licensor::crypto {

// Every answer about a license file, with a stable name (ToString) for people and programs.
// Each takes its number and name from the one table of verdicts (common/verdict.hpp).
enum class FileCode : int {
  kValid = static_cast<int>(Verdict::kValid),
  // Past expiry, within the expiry grace: still valid.
  kInGracePeriod = static_cast<int>(Verdict::kInGracePeriod),
  // Past refresh-by, within the offline grace: still valid.
  kOfflineGrace = static_cast<int>(Verdict::kOfflineGrace),
  // Not a license file (layout, encoding, size).
  kMalformed = static_cast<int>(Verdict::kMalformed),
  kUnsupportedVersion = static_cast<int>(Verdict::kUnsupportedVersion),
  kUnsupportedAlgorithm = static_cast<int>(Verdict::kUnsupportedAlgorithm),
  kUnknownKey = static_cast<int>(Verdict::kUnknownKey),
  kRetiredKey = static_cast<int>(Verdict::kRetiredKey),
  kBadSignature = static_cast<int>(Verdict::kBadSignature),
  // Signed, but the payload is not a license this version understands.
  kBadPayload = static_cast<int>(Verdict::kBadPayload),
  // Encrypted for another license code or machine.
  kCannotDecrypt = static_cast<int>(Verdict::kCannotDecrypt),
  kNotYetValid = static_cast<int>(Verdict::kNotYetValid),
  kExpired = static_cast<int>(Verdict::kExpired),
  // Past refresh-by + offline grace without reaching the server.
  kRefreshRequired = static_cast<int>(Verdict::kRefreshRequired),
  kFingerprintMismatch = static_cast<int>(Verdict::kFingerprintMismatch),
};
inline constexpr Verdict AsVerdict(FileCode code) { return static_cast<Verdict>(code); }
inline std::string_view ToString(FileCode code) { return VerdictName(AsVerdict(code)); }
inline bool IsValid(FileCode code) { return IsValidVerdict(AsVerdict(code)); }
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
